"""Read-only mode: no request changes a book, and every page says the server is read-only.

Each write is first shown to succeed on a writable server over a copy of the book, so that
a 401 in read-only mode means the mode refused it, not that the request was malformed.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fava.application import create_app
from flask import Flask
from helpers import ROOT

from ledger_engine.fava_ext.base import READ_ONLY_KEY
from ledger_engine.fava_ext.serving import disable_club_pages, make_app

BOOK = ROOT / "books" / "examples" / "thon-1-ngok-wang.beancount"
SLUG = "clb-lth-thon-1-ngok-wang"
PAGES = ["ClubLoans", "ClubMembers", "ClubCoverage", "ClubCollection", "ClubMeeting"]


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / BOOK.name
    shutil.copyfile(BOOK, target)
    return target


@pytest.fixture(autouse=True)
def _fava_as_shipped() -> Any:
    yield
    disable_club_pages()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def put_source(app: Flask, path: Path) -> int:
    client = app.test_client()
    current = client.get(f"/{SLUG}/api/source").get_json()["data"]
    changed = current["source"] + '\n2025-06-30 note Assets:IGF:Cash "kiểm tra"\n'
    body = {"file_path": str(path), "source": changed, "sha256sum": current["sha256sum"]}
    status: int = client.put(f"/{SLUG}/api/source", json=body).status_code
    return status


def add_entry(app: Flask, path: Path) -> int:
    entry = {
        "t": "Note",
        "date": "2025-06-30",
        "account": "Assets:IGF:Cash",
        "comment": "kiểm tra",
        "meta": {"filename": str(path), "lineno": 0},
    }
    response = app.test_client().put(f"/{SLUG}/api/add_entries", json={"entries": [entry]})
    status: int = response.status_code
    return status


WRITES: list[Callable[[Flask, Path], int]] = [put_source, add_entry]


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.__name__)
def test_the_write_works_on_a_writable_server(copy: Path, write: Any) -> None:
    before = digest(copy)
    assert write(create_app([str(copy)], load=True), copy) == 200
    assert digest(copy) != before


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.__name__)
def test_fava_read_only_refuses_the_write(copy: Path, write: Any) -> None:
    before = digest(copy)
    assert write(create_app([str(copy)], load=True, read_only=True), copy) == 401
    assert digest(copy) == before


@pytest.mark.parametrize("write", WRITES, ids=lambda w: w.__name__)
def test_serve_read_only_refuses_the_write(copy: Path, write: Any) -> None:
    before = digest(copy)
    assert write(make_app([copy], read_only=True, load=True), copy) == 401
    assert digest(copy) == before


def test_our_flag_alone_refuses_writes(copy: Path) -> None:
    # An app built without Fava's switch but marked read-only for the club's pages:
    # their own before-request hook still closes the door.
    app = create_app([str(copy)], load=True)
    app.config[READ_ONLY_KEY] = True
    before = digest(copy)
    assert put_source(app, copy) == 401
    assert digest(copy) == before


def test_only_the_meeting_page_offers_a_way_to_write(copy: Path) -> None:
    app = create_app([str(copy)], load=True)
    ledger = app.config["LEDGERS"][SLUG]
    names = [d.name for d in ledger.extensions.extension_details]
    assert sorted(names) == sorted(PAGES)
    for name in names:
        endpoints = ledger.extensions.get_extension(name).endpoints
        writes = {key for key in endpoints if key[1] != "GET"}
        # The meeting writes through importers.meeting; "sheet" only reads an upload.
        assert writes == (
            {("meeting", "PUT"), ("sheet", "PUT")} if name == "ClubMeeting" else set()
        )


@pytest.mark.parametrize("page", PAGES)
def test_every_club_page_says_it_is_read_only(copy: Path, page: str) -> None:
    app = create_app([str(copy)], load=True, read_only=True)
    html = app.test_client().get(f"/{SLUG}/extension/{page}/").get_data(as_text=True)
    assert 'data-read-only="true"' in html
    assert "Chỉ xem / Read-only" in html


def test_club_pages_say_nothing_of_it_on_a_writable_server(copy: Path) -> None:
    app = create_app([str(copy)], load=True)
    html = app.test_client().get(f"/{SLUG}/extension/ClubLoans/").get_data(as_text=True)
    assert 'data-read-only="true"' not in html


@pytest.mark.parametrize("report", ["income_statement", "journal", "editor", "import"])
def test_serve_marks_favas_own_pages_read_only(copy: Path, report: str) -> None:
    app = make_app([copy], read_only=True, load=True)
    response = app.test_client().get(f"/{SLUG}/{report}/")
    assert response.status_code == 200
    assert 'data-read-only="true"' in response.get_data(as_text=True)
