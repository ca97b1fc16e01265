"""A loaded club book seen through the registry: the one view later parts reuse.

``ClubBook`` answers the questions every rule and report asks — which club, which members on a
date, which policy in force — without walking the entries again.
"""

from __future__ import annotations

import bisect
import datetime
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from beancount.core import data

from ledger_engine.errors import DirectiveError
from ledger_engine.member_groups import is_active
from ledger_engine.registry import (
    Club,
    LoanPolicy,
    Member,
    MemberExit,
    Registry,
    parse_registry,
)

LOANS_ROOT = "Assets:IGF:Loans"


def loan_account(member_code: str) -> str:
    return f"{LOANS_ROOT}:{member_code}"


def member_of_account(account: str) -> str | None:
    """The member code of a loans account, ``None`` for any other account."""
    prefix = LOANS_ROOT + ":"
    if account.startswith(prefix):
        return account[len(prefix) :]
    return None


@dataclass(frozen=True)
class ClubBook:
    """One club's entries, errors and options with the registry parsed once."""

    entries: Sequence[data.Directive]
    errors: Sequence[Any]
    options: dict[str, Any]
    registry: Registry
    path: str | None = None
    directive_errors: Sequence[DirectiveError] = ()
    _policy_dates: list[datetime.date] = field(default_factory=list, repr=False)

    @classmethod
    def from_entries(
        cls,
        entries: Sequence[data.Directive],
        errors: Sequence[Any] = (),
        options: dict[str, Any] | None = None,
        path: str | None = None,
    ) -> ClubBook:
        registry, directive_errors = parse_registry(entries)
        return cls.with_registry(entries, errors, options, path, registry, directive_errors)

    @classmethod
    def with_registry(
        cls,
        entries: Sequence[data.Directive],
        errors: Sequence[Any],
        options: dict[str, Any] | None,
        path: str | None,
        registry: Registry,
        directive_errors: Sequence[DirectiveError] = (),
    ) -> ClubBook:
        """The view of ``entries`` with a registry already read from their directives."""
        return cls(
            entries=entries,
            errors=errors,
            options=options or {},
            registry=registry,
            path=path,
            directive_errors=directive_errors,
            _policy_dates=[p.date for p in registry.policies],
        )

    # --- the club ------------------------------------------------------------------------

    def club_at(self, as_of: datetime.date) -> Club | None:
        """The club's attributes in force on ``as_of``: the latest ``club`` entry up to it.

        Before its first entry the club has no attributes yet; the first one is returned
        then too, so that a report on an early date still knows the club.
        """
        current = None
        for club in self.registry.clubs:
            if club.date <= as_of or current is None:
                current = club
        return current

    @property
    def title(self) -> str:
        return str(self.options.get("title") or os.path.basename(self.path or "book"))

    # --- members -------------------------------------------------------------------------

    @cached_property
    def members_by_code(self) -> dict[str, Member]:
        return {m.code: m for m in self.registry.members}

    @cached_property
    def exits_by_code(self) -> dict[str, MemberExit]:
        return {e.code: e for e in self.registry.exits}

    def is_active(self, code: str, as_of: datetime.date) -> bool:
        """Joined on or before ``as_of`` and no exit on or before it (SPEC §6)."""
        member = self.members_by_code.get(code)
        return member is not None and is_active(member, self.exits_by_code.get(code), as_of)

    def members_at(self, as_of: datetime.date) -> list[Member]:
        return [m for m in self.registry.members if self.is_active(m.code, as_of)]

    # --- policy --------------------------------------------------------------------------

    def policy_at(self, as_of: datetime.date) -> LoanPolicy | None:
        """The regulation in force on ``as_of``: the latest ``loan-policy`` dated on or before."""
        index = bisect.bisect_right(self._policy_dates, as_of)
        return self.registry.policies[index - 1] if index else None

    # --- accounts ------------------------------------------------------------------------

    @cached_property
    def loan_accounts(self) -> dict[str, str]:
        """Member code → loans account, for every loans account opened in the book."""
        found: dict[str, str] = {}
        for entry in self.entries:
            if isinstance(entry, data.Open):
                code = member_of_account(entry.account)
                if code is not None:
                    found[code] = entry.account
        return found
