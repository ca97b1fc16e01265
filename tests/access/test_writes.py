"""Every write through the server leaves one line in ``audit.log`` beside the book, and a
hand edit afterwards is flagged by ``ledger-engine audit``."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from access.conftest import CLUB, NOW, ORIGIN, SLUG, Served
from access.test_guard import add_entries
from click.testing import CliRunner

from ledger_engine.access import audit
from ledger_engine.cli import main

A = SLUG["A"]


def trail(book: Path) -> list[dict[str, object]]:
    log = book.parent / "audit.log"
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def save_in_editor(served: Served, extra: str, sha256sum: str | None = None) -> int:
    client = served.client("quan")
    current = client.get(f"/{A}/api/source").get_json()["data"]
    body = {
        "file_path": current["file_path"],
        "source": current["source"] + extra,
        "sha256sum": sha256sum or current["sha256sum"],
    }
    status: int = client.put(
        f"/{A}/api/source", json=body, headers={"Origin": ORIGIN}
    ).status_code
    return status


PAYMENT = """
2025-12-20 * "Quỹ" "Lãi ngân hàng"
  voucher: "PT-2025-900"
  Assets:IGF:Cash            10000 VND
  Income:IGF:Interest       -10000 VND
"""


def test_an_editor_save_by_the_admin_is_one_line(served: Served) -> None:
    before = served.digest("A")
    assert save_in_editor(served, PAYMENT) == 200
    (line,) = trail(served.book("A"))
    assert line["user"] == "quan" and line["role"] == "admin"
    assert line["club"] == CLUB["A"]
    assert line["file"] == served.book("A").name
    assert line["what"] == "editor"
    assert line["entries"] == 1 and line["removed"] == 0
    assert line["vouchers"] == ["PT-2025-900"]
    assert line["sha256_before"] == before
    assert line["sha256_after"] == served.digest("A") != before
    assert line["time"] == NOW.isoformat().replace("+00:00", "Z")


def test_a_fava_import_is_one_line_and_its_entries_say_who(served: Served) -> None:
    client = served.client("quan")
    assert add_entries(client, A, str(served.book("A"))) == 200
    (line,) = trail(served.book("A"))
    assert line["what"] == "import" and line["entries"] == 1
    assert 'recorded_by: "quan"' in served.book("A").read_text(encoding="utf-8")


def test_a_failed_write_leaves_no_line(served: Served) -> None:
    before = served.digest("A")
    assert save_in_editor(served, PAYMENT, sha256sum="0" * 64) != 200
    assert served.digest("A") == before
    assert not (served.folder / "audit.log").exists()


def test_writes_chain_and_the_book_matches_the_trail(served: Served) -> None:
    assert save_in_editor(served, PAYMENT) == 200
    assert save_in_editor(served, PAYMENT.replace("900", "901")) == 200
    first, second = trail(served.book("A"))
    assert second["sha256_before"] == first["sha256_after"]
    assert audit.verify(served.book("A")).intact


def test_a_hand_edit_after_a_recorded_write_is_flagged(served: Served) -> None:
    assert save_in_editor(served, PAYMENT) == 200
    book = served.book("A")
    runner = CliRunner()
    clean = runner.invoke(main, ["--lang", "en", "audit", str(book)])
    assert clean.exit_code == 0, clean.output
    assert "quan (admin, KT-KR-002)" in clean.output
    assert "OK:" in clean.output
    with book.open("a", encoding="utf-8") as out:
        out.write('2025-12-31 note Assets:IGF:Cash "sửa tay"\n')
    flagged = runner.invoke(main, ["--lang", "en", "audit", str(book)])
    assert flagged.exit_code == 1
    assert "changed outside the program after the last recorded write" in flagged.output
    assert "detected 20" in flagged.output


def test_a_hand_edit_between_two_writes_is_flagged_with_its_window(served: Served) -> None:
    assert save_in_editor(served, PAYMENT) == 200
    book = served.book("A")
    with book.open("a", encoding="utf-8") as out:
        out.write('2025-12-31 note Assets:IGF:Cash "sửa tay"\n')
    assert save_in_editor(served, PAYMENT.replace("900", "901")) == 200
    findings = audit.verify(book).findings
    assert len(findings) == 1
    assert "between" in findings[0].message and "by quan" in findings[0].message
    assert hashlib.sha256(book.read_bytes()).hexdigest() == trail(book)[-1]["sha256_after"]


def test_a_command_line_change_can_be_accepted_and_stays_on_record(served: Served) -> None:
    assert save_in_editor(served, PAYMENT) == 200
    book = served.book("A")
    with book.open("a", encoding="utf-8") as out:
        out.write('2025-12-31 note Assets:IGF:Cash "nhập bằng dòng lệnh"\n')
    runner = CliRunner()
    assert runner.invoke(main, ["--lang", "en", "audit", str(book)]).exit_code == 1
    accepted = runner.invoke(
        main,
        ["--lang", "en", "audit", str(book), "--accept", "import of the March register"],
    )
    assert accepted.exit_code == 0, accepted.output
    assert "accepted: import of the March register" in accepted.output
    last = trail(book)[-1]
    assert last["role"] == "local" and last["sha256_after"] == served.digest("A")
    again = runner.invoke(main, ["--lang", "en", "audit", str(book), "--accept", "again"])
    assert "Nothing to accept" in again.output
    assert len(trail(book)) == 2
