"""Họp CLB: the monthly meeting recorded from the browser, on the importers' checked path.

The page turns the collection sheet of the meeting day into a form (each borrower's amount
due prefilled), with attendance, new loans, new members and other cash. Its script
(``ClubMeeting.js``) sends the whole meeting to ``PUT …/extension/ClubMeeting/meeting``,
which writes it through ``importers.meeting.record_meeting`` — every entry checked by the
whole rule chain on a copy, appended under the book's lock, or nothing written and every
problem returned at its section, row and field. ``GET …/preview?meeting=<json>`` checks
the same meeting without writing, for the new loans' eligibility and schedules.

Under ``--read-only`` Fava refuses the ``PUT`` (401) before it reaches us, and the page
says so instead of offering the form.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from beancount.core import data
from flask import Response, abort, jsonify, request

from importers.document import read_document
from importers.kinds import METHODS
from importers.meeting.preview import preview
from importers.meeting.record import MeetingResult, record_meeting
from importers.recording import next_free
from ledger_engine.fava_ext import base, collection
from ledger_engine.i18n import _
from ledger_engine.registry import LoanPolicy, Member

#: Other cash a meeting commonly sees: (label, fund word, category, money in?).
CASH_KINDS: tuple[tuple[str, str, str, bool], ...] = (
    ("Vốn nhà nước / State capital", "TTN", "Vốn nhà nước", True),
    ("Vốn tài trợ / Donor capital", "TTN", "Vốn tài trợ", True),
    ("Vốn thành viên góp / Members' capital", "TTN", "Vốn thành viên góp", True),
    ("Hội phí / Member fees", "HĐ", "Hội phí", True),
    ("Ủng hộ / Donations", "HĐ", "Ủng hộ", True),
    ("Chăm sóc sức khỏe / Health care", "HĐ", "Chăm sóc sức khỏe", False),
    ("Chăm sóc tại nhà / Home care", "HĐ", "Chăm sóc tại nhà", False),
    ("Văn hóa văn nghệ / Culture", "HĐ", "Văn hóa văn nghệ", False),
    ("Thể dục thể thao / Sports", "HĐ", "Thể dục thể thao", False),
    (
        "Trả lãi ngân hàng / Interest paid to the bank",
        "TTN",
        "Expenses:IGF:Bank-Interest",
        False,
    ),
)
#: Seconds a save waits for another change to the book before it gives up (a browser
#: should not hang on a book an import holds for long).
LOCK_TIMEOUT = 60.0
METHOD_WORDS = {meaning: word for word, meaning in reversed(list(METHODS.items()))}


@dataclass(frozen=True)
class Suggestions:
    """The next numbers of the book's sequences for a meeting day's year."""

    receipt: str  # next PT-<year>-NNN
    payment: str  # next PC-<year>-NNN
    loan: str  # next L<year>-NNN
    member: str  # next MNNN


def suggestions(
    entries: list[data.Directive], codes: list[str], day: datetime.date
) -> Suggestions:
    vouchers = [
        str(e.meta["voucher"])
        for e in entries
        if isinstance(e, data.Transaction) and "voucher" in e.meta
    ]
    links = [link for e in entries if isinstance(e, data.Transaction) for link in e.links]
    return Suggestions(
        receipt=next_free(vouchers, f"PT-{day.year}-"),
        payment=next_free(vouchers, f"PC-{day.year}-"),
        loan=next_free(links, f"L{day.year}-"),
        member=next_free(codes, "M"),
    )


def voucher_run(first: str, count: int) -> list[str]:
    """``count`` voucher numbers from ``first`` on: PT-2026-004, PT-2026-005, …"""
    prefix = first.rstrip("0123456789")
    start = int(first[len(prefix) :])
    width = len(first) - len(prefix)
    return [f"{prefix}{start + k:0{width}d}" for k in range(count)]


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def filled_sheet(content: bytes, suffix: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of a filled collection sheet as the meeting form takes them, read by the
    registers' own reader (any of its layouts, encodings and headers)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"sheet{suffix if suffix in ('.csv', '.xlsx') else '.xlsx'}"
        path.write_bytes(content)
        document, errors = read_document(path, "repayments")
    if document is None:
        return [], [str(e).replace(str(path), "sheet") for e in errors]
    rows = [
        {
            "row": raw.row,
            "loan": _cell_text(raw.cells.get("Mã khoản vay")).upper(),
            "amount": _cell_text(raw.cells.get("Tổng cộng")),
            "voucher": _cell_text(raw.cells.get("Số phiếu")),
        }
        for raw in document.rows
    ]
    return rows, []


def _answer(result: MeetingResult) -> Response:
    response = jsonify(result.as_json())
    response.status_code = 400 if result.errors else 200
    return response


class MeetingPage(base.ClubPage):
    """What the meeting page reads; the sidebar page itself is ``ClubMeeting``."""

    def day(self) -> datetime.date:
        """The meeting day: ``?day=``, else the page's date (today when served)."""
        text = request.args.get("day")
        if text:
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                abort(400, f"day: {text!r} is not a date (YYYY-MM-DD)")
        return self.as_of()

    def lines(self, day: datetime.date) -> list[collection.CollectionLine]:
        return self.club.collection(day)

    def members_on(self, day: datetime.date) -> list[Member]:
        return self.club.book.members_at(day)

    def policy(self, day: datetime.date) -> LoanPolicy | None:
        return self.club.book.policy_at(day)

    def suggestions(self, day: datetime.date) -> Suggestions:
        codes = [m.code for m in self.club.book.registry.members]
        return suggestions(list(self.club.book.entries), codes, day)

    cash_kinds = CASH_KINDS
    method_words = METHOD_WORDS

    def recorded_by(self) -> str | None:
        """Who saves the meeting, when a login in front of the server says so."""
        return request.remote_user or None

    def _meeting_json(self, text: str | None) -> Any:
        try:
            return json.loads(text or "")
        except ValueError:
            return None

    def _record(self, given: Any, *, dry_run: bool) -> MeetingResult | Response:
        if not isinstance(given, dict):
            message = _("send the meeting as a JSON object")
            body = {
                "errors": [
                    {"section": "meeting", "row": 0, "field": "", "message": message}
                ]
            }
            response = jsonify(body)
            response.status_code = 400
            return response
        return record_meeting(
            self.ledger.beancount_file_path,
            given,
            recorded_by=self.recorded_by(),
            today=base.clock(),
            dry_run=dry_run,
            lock_timeout=LOCK_TIMEOUT,
        )

    @base.endpoint("meeting", ["PUT"])
    def save_meeting(self) -> Response:
        """Write the meeting (200 and its entries) or nothing (400 and every problem)."""
        result = self._record(request.get_json(silent=True), dry_run=False)
        if isinstance(result, Response):
            return result
        if result.written:
            # As Fava does after its own writes: tell its watcher, which reloads the book
            # once, so the next page shows the meeting.
            self.ledger.watcher.notify(Path(self.ledger.beancount_file_path))
            self.ledger.changed()
        return _answer(result)

    @base.endpoint("sheet", ["PUT"])
    def read_sheet(self) -> Response:
        """A filled collection sheet (XLSX or CSV) read back for the form: per row the loan,
        the amount collected (blank: nothing) and the voucher; nothing is written."""
        name = request.args.get("name", "sheet.xlsx")
        suffix = Path(name).suffix.lower() if Path(name).suffix else ".xlsx"
        rows, errors = filled_sheet(request.get_data(), suffix)
        response = jsonify({"rows": rows, "errors": errors})
        response.status_code = 400 if errors else 200
        return response

    @base.endpoint("preview", ["GET"])
    def preview_meeting(self) -> Response:
        """The meeting checked without writing: the rules' verdict and new loans' schedules."""
        given = self._meeting_json(request.args.get("meeting"))
        result = self._record(given, dry_run=True)
        return result if isinstance(result, Response) else jsonify(preview(result))
