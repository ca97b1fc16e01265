"""The member list (Danh sách thành viên) → ``member`` and ``member-exit`` directives.

A row becomes ``custom "member" "<Mã TV>" "<Họ và tên>"`` dated the day the member joined,
with gender, year of birth, ethnicity and household as metadata; a row with *Ngày ra* also
becomes ``custom "member-exit" "<Mã TV>" "<reason>"`` dated the day they left. The member code
is the row's identity: a member already in the book is skipped (their exit is still added if
the book does not have it yet), unless the book knows that code under another name or joining
date, which the treasurer has to settle.
"""

from __future__ import annotations

from typing import Any

from beancount.core import data

from importers.base import RegisterImporter
from importers.entries import custom
from importers.extraction import RowOutcome, same_name
from importers.rows import MemberRow
from importers.state import BookState, Origin, where
from importers.values import day
from ledger_engine.i18n import _


def _member(row: MemberRow, origin: Origin) -> data.Custom:
    fields = {
        "gender": row.gender,
        "born": row.born,
        "ethnicity": row.ethnicity,
        "household": row.household,
    }
    return custom(origin, row.joined, "member", [row.code, row.name], fields)


def _known(row: MemberRow, known: data.Custom, outcome: RowOutcome) -> None:
    name = str(known.values[1].value) if len(known.values) > 1 else ""
    if not same_name(name, row.name):
        outcome.problems.append(
            (
                "Họ và tên",
                _(
                    "{code} is {name} in the book ({where}), not {name2}; a member code belongs to one person"
                ).format(code=row.code, name=name, where=where(known), name2=row.name),
            )
        )
    elif known.date != row.joined:
        outcome.problems.append(
            (
                "Ngày vào",
                _(
                    "{joined}, but the book has {code} {name} joining on {date} ({where})"
                ).format(
                    joined=day(row.joined),
                    code=row.code,
                    name=name,
                    date=day(known.date),
                    where=where(known),
                ),
            )
        )
    else:
        reason = _("member {code} {name} is already in the book ({where})").format(
            code=row.code, name=name, where=where(known)
        )
        outcome.skipped.append((reason, known))


def _exit(row: MemberRow, state: BookState, origin: Origin, outcome: RowOutcome) -> None:
    assert row.left is not None and row.exit_reason is not None
    known = state.exits.get(row.code)
    if known is None:
        outcome.entries.append(
            custom(origin, row.left, "member-exit", [row.code, row.exit_reason.value])
        )
    elif known.date == row.left:
        reason = _("the exit of {code} is already in the book ({where})").format(
            code=row.code, where=where(known)
        )
        outcome.skipped.append((reason, known))
    else:
        outcome.problems.append(
            (
                "Ngày ra",
                _("{left}, but the book has {code} leaving on {date} ({where})").format(
                    left=day(row.left),
                    code=row.code,
                    date=day(known.date),
                    where=where(known),
                ),
            )
        )


def build(row: MemberRow, state: BookState, origin: Origin) -> RowOutcome:
    outcome = RowOutcome()
    known = state.members.get(row.code)
    if known is None:
        outcome.entries.append(_member(row, origin))
    else:
        _known(row, known, outcome)
    if row.left is not None:
        _exit(row, state, origin, outcome)
    return outcome


class Importer(RegisterImporter):
    """Danh sách thành viên (members register) → member and member-exit directives."""

    kind = "members"

    def build(self, row: Any, state: BookState, origin: Origin) -> RowOutcome:
        return build(row, state, origin)
