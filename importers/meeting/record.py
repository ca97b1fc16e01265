"""Recording a club meeting: every entry checked through the whole rule chain, then written
in one step under the book's lock, or nothing is written.

``record_meeting(book, meeting)`` is the one place a meeting reaches a book (the meeting
page's endpoint calls it; so may any other client):

1. the meeting's shape is read (``importers.meeting.form``); under the book's write lock
   (``ledger_engine.append.book_lock``) the book is loaded, and a book that already has
   errors takes nothing;
2. each section becomes rows of its register, read cell by cell like a document, with what
   is not given chosen from the book under the lock (next loan id, voucher, member code);
3. the rows are built into entries by the registers' own builders, members first, then
   loans, payments and other cash, exactly the entries ``ledger-engine record`` and
   ``ledger-engine import`` write; a voucher or member the book already has is refused;
4. the attendance becomes ``custom "meeting" "monthly" <count>`` with the members' codes in
   ``attendance`` metadata;
5. the book with the new block appended is checked from a copy through the whole chain, and
   every new problem is placed back on its section, row and field;
6. only when nothing is wrong is the block appended (temporary file + ``os.replace``).

A failed meeting leaves the book byte for byte as it was.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from beancount.core import data
from beancount.parser import printer

from importers.block import Span, render
from importers.extraction import Added, Extraction, extract_rows
from importers.kinds import KINDS, Kind
from importers.meeting.form import (
    SECTION_OF_KIND,
    SECTIONS,
    Item,
    MeetingError,
    MeetingForm,
    field_of,
    read_form,
)
from importers.meeting.sections import Chooser, documents_of, meeting_entry
from importers.pipeline import BUILDERS, ORDER
from importers.placing import column_for
from importers.rows import validate
from importers.state import BookState
from importers.values import CellError, parse_date
from ledger_engine.append import (
    BookProblem,
    LockTimeout,
    book_lock,
    check_appended,
    first_line_of_block,
    problems_of,
    write_appended,
)
from ledger_engine.book import ClubBook
from ledger_engine.i18n import _
from ledger_engine.loading import load_book

MEETING_KIND = Kind("meeting", "Buổi họp", ())
RECORDED_BY = "recorded_by"


@dataclass(frozen=True)
class Written:
    """An entry of the meeting and the section row it comes from."""

    section: str
    row: int
    entry: data.Directive

    def as_json(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "row": self.row,
            "date": self.entry.date.isoformat(),
            "voucher": self.entry.meta.get("voucher"),
            "text": printer.format_entry(self.entry),
        }


@dataclass
class MeetingResult:
    """What a meeting gave: its entries and the block appended, or every problem."""

    errors: list[MeetingError] = field(default_factory=list)
    entries: list[Written] = field(default_factory=list)
    block: str = ""
    written: bool = False
    checked: ClubBook | None = None  # the book as checked with the block (for previews)

    def as_json(self) -> dict[str, Any]:
        if self.errors:
            return {"errors": [e.as_json() for e in self.errors]}
        return {
            "written": self.written,
            "entries": [w.as_json() for w in self.entries],
            "block": self.block,
        }


def meeting_day(form: MeetingForm, today: datetime.date | None) -> tuple[Any, list[Any]]:
    """The meeting's date read like a register's, refused when after ``today``."""
    try:
        day = parse_date(form.date, KINDS["loans"].column("Ngày"))
    except CellError as exc:
        return None, [MeetingError("meeting", 0, "date", str(exc))]
    if today is not None and day > today:
        message = _("{day} is after today ({today}); a meeting is recorded once it is held")
        text = message.format(day=f"{day:%d/%m/%Y}", today=f"{today:%d/%m/%Y}")
        return None, [MeetingError("meeting", 0, "date", text)]
    return day, []


def _book_errors(club: ClubBook) -> list[MeetingError]:
    if not club.errors:
        return []
    first = problems_of(club.errors[:1])[0]
    message = _(
        "the book already has {count} error(s); correct them first "
        "(ledger-engine check), e.g. {first}"
    )
    return [
        MeetingError("book", 0, "", message.format(count=len(club.errors), first=first))
    ]


def _build(
    form: MeetingForm, day: datetime.date, state: BookState
) -> tuple[list[Extraction], BookState, list[MeetingError]]:
    """Every section's rows read and built, in the order an import builds registers."""
    errors: list[MeetingError] = []
    extractions: list[Extraction] = []
    documents = documents_of(form, day, state, Chooser.of(form, state))
    for number, kind in enumerate(k for k in ORDER if k in documents):
        section = SECTION_OF_KIND[kind]
        rows, row_errors = validate(documents[kind])
        errors += [
            MeetingError(section, e.row, field_of(section, e.column), e.message)
            for e in row_errors
        ]
        if number:
            state = state.refreshed()
        extraction = extract_rows("", KINDS[kind], rows, state, BUILDERS[kind])
        errors += [
            MeetingError(section, e.row, field_of(section, e.column), e.message)
            for e in extraction.errors
        ]
        errors += [_refused(section, s.origin.row, s.reason) for s in extraction.skipped]
        extractions.append(extraction)
    return extractions, state, errors


def _refused(section: str, row: int, reason: str) -> MeetingError:
    field_name = "code" if section == "members" else "voucher"
    message = _("{reason}; it is not recorded twice").format(reason=reason)
    return MeetingError(section, row, field_name, message)


def _stamped(extractions: Iterable[Extraction], recorded_by: str | None) -> None:
    if recorded_by is None:
        return
    for extraction in extractions:
        extraction.added = [
            Added(
                a.origin, a.entry._replace(meta={**a.entry.meta, RECORDED_BY: recorded_by})
            )
            for a in extraction.added
        ]


def _place(
    problem: BookProblem, book: Path, first: int, spans: Sequence[Span]
) -> MeetingError:
    """A problem of the checked book on the section, row and field it comes from."""
    if problem.file == str(book):
        for start, end, added, kind in spans:
            if added is not None and first + start <= problem.line < first + end:
                section = SECTION_OF_KIND.get(kind, "meeting")
                column = column_for(kind, problem.message)
                return MeetingError(
                    section, added.origin.row, field_of(section, column), problem.message
                )
    return MeetingError("book", 0, "", str(problem))


def _check_and_write(
    path: Path,
    original: bytes,
    club: ClubBook,
    result: MeetingResult,
    spans: Sequence[Span],
    dry_run: bool,
) -> None:
    problems, checked = check_appended(
        path, original, result.block, problems_of(club.errors)
    )
    first = first_line_of_block(original)
    result.errors = [_place(p, path, first, spans) for p in problems]
    result.checked = checked
    if not result.errors and not dry_run:
        write_appended(path, original, result.block)
        result.written = True


def _written(extractions: Sequence[Extraction]) -> list[Written]:
    written = []
    for extraction in extractions:
        section = SECTION_OF_KIND.get(extraction.kind.key, "meeting")
        written += [Written(section, a.origin.row, a.entry) for a in extraction.added]
    return written


def _record_locked(
    path: Path,
    form: MeetingForm,
    day: datetime.date,
    recorded_by: str | None,
    dry_run: bool,
) -> MeetingResult:
    """Steps 1–6 of the module's docstring; the caller holds the book's lock."""
    original = path.read_bytes()
    club = load_book(path)
    errors = _book_errors(club)
    if errors:
        return MeetingResult(errors)
    extractions, state, errors = _build(form, day, BookState.of(club))
    gathering, problems = meeting_entry(form, day, state, club)
    errors += problems
    if errors:
        return MeetingResult(sorted(errors, key=_order))
    if gathering is not None:
        extractions.insert(0, Extraction("", MEETING_KIND, [Added(*gathering)]))
    if not any(x.added for x in extractions):
        message = _(
            "the meeting records nothing: no attendance, payment, loan, member or cash"
        )
        return MeetingResult([MeetingError("meeting", 0, "", message)])
    _stamped(extractions, recorded_by)
    result = MeetingResult(entries=_written(extractions))
    heading = _("Club meeting of {day}").format(day=f"{day:%d/%m/%Y}")
    result.block, spans = render(heading, state.open_entries(), extractions)
    _check_and_write(path, original, club, result, spans, dry_run)
    return result


def record_meeting(
    book: str | os.PathLike[str],
    meeting: Mapping[str, Any] | Item,
    *,
    recorded_by: str | None = None,
    today: datetime.date | None = None,
    dry_run: bool = False,
    lock_timeout: float | None = None,
) -> MeetingResult:
    """Append the meeting's entries to ``book`` if every row and the whole book are good.

    The one function through which a meeting is written (an audit trail hooks in here).
    ``recorded_by`` (who saved the meeting) goes on every entry written as ``recorded_by``
    metadata; ``today`` refuses a meeting dated after it; ``dry_run`` checks everything and
    writes nothing (the meeting page's preview); after ``lock_timeout`` seconds of waiting
    for another change to the book, nothing is written and the meeting says so.
    """
    given = meeting.model_dump() if isinstance(meeting, Item) else meeting
    form, errors = read_form(given)
    if form is None:
        return MeetingResult(errors)
    day, errors = meeting_day(form, today)
    if errors:
        return MeetingResult(errors)
    path = Path(os.path.abspath(book))
    try:
        with book_lock(path, timeout=lock_timeout):
            return _record_locked(path, form, day, recorded_by, dry_run)
    except LockTimeout as busy:
        return MeetingResult([MeetingError("book", 0, "", str(busy))])


_SECTION_ORDER = ("meeting", "book", "attendance", *SECTIONS)


def _order(error: MeetingError) -> tuple[int, int]:
    return (_SECTION_ORDER.index(error.section), error.row)
