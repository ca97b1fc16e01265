"""What a meeting's new loans would be, before it is saved: the rules' verdict and schedule.

The preview is the meeting checked exactly as saving checks it (``record_meeting`` with
``dry_run``), so a loan shown as eligible here is one the book will take; each new loan's
schedule is read from the loan view of the book as checked, not computed a second way.
"""

from __future__ import annotations

from typing import Any

from importers.meeting.record import MeetingResult
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan


def _schedule(loan: Loan) -> list[dict[str, Any]]:
    return [
        {
            "n": i.n,
            "due": i.due.isoformat(),
            "principal": int(i.principal),
            "interest": int(i.interest),
            "total": int(i.principal + i.interest),
        }
        for i in loan.schedule
    ]


def _terms(loan: Loan) -> dict[str, Any] | None:
    terms = loan.terms
    if terms is None:
        return None
    return {
        "term": terms.term,
        "rate": str(terms.rate),
        "method": terms.method.value,
        "grace": terms.grace,
    }


def preview(result: MeetingResult) -> dict[str, Any]:
    """The meeting's problems (if any) and, per new loan row, its verdict and schedule."""
    loans: list[dict[str, Any]] = []
    view = loans_of(result.checked) if result.checked is not None else None
    rows_with_errors = {e.row for e in result.errors if e.section == "loans"}
    for written in result.entries:
        if written.section != "loans":
            continue
        loan_id = next(iter(getattr(written.entry, "links", ())), "")
        loan = view.loans.get(loan_id) if view is not None else None
        loans.append(
            {
                "row": written.row,
                "loan": loan_id,
                "eligible": loan is not None and written.row not in rows_with_errors,
                "terms": _terms(loan) if loan is not None else None,
                "schedule": _schedule(loan) if loan is not None else [],
            }
        )
    return {"errors": [e.as_json() for e in result.errors], "loans": loans}
