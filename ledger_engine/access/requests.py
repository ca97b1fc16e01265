"""What a request to Fava touches: the clubs of its address and the kind of access.

Fava's addresses are ``/<slug>/…``, the slug made from the book's title; the clubs are the
codes of the book's ``custom "club"`` entries. An address without a book's slug (``/``, a
province page) belongs to no club, and so does the province's page that every book's
sidebar shows (``/<slug>/extension/ProvinceClubs/``).
"""

from __future__ import annotations

from typing import Any

from beancount.core import data

from ledger_engine.access.policy import Access

#: The extension whose endpoints a treasurer may write through.
MEETING_EXTENSION = "ClubMeeting"
#: Pages shown in every book's sidebar that are about all the clubs served, not the book's
#: own: they belong to the province, whichever book's address they are reached from.
PROVINCE_EXTENSIONS = frozenset({"ProvinceClubs"})
EXTENSION_ENDPOINTS = frozenset(
    {"extension_report", "extension_endpoint", "extension_js_module"}
)
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Fava's endpoints that show the book's text or hand over its files.
SOURCE_ENDPOINTS = frozenset(
    {
        "json_api.get_source",
        "json_api.get_source_slice",
        "json_api.get_context",
        "json_api.get_extract",
        "json_api.get_imports",
        "download_journal",
        "download_query",
        "document",
        "statement",
    }
)
#: Fava's pages for editing the book or importing into it.
SOURCE_REPORTS = frozenset({"editor", "import"})


def is_write(method: str) -> bool:
    return method.upper() not in READ_METHODS


def access_of(method: str, endpoint: str | None, args: dict[str, Any]) -> Access:
    """The kind of access a request asks for."""
    if endpoint == "extension_endpoint" and args.get("extension_name") == MEETING_EXTENSION:
        return Access.MEETING if is_write(method) else Access.READ
    if is_write(method):
        return Access.WRITE
    if endpoint in SOURCE_ENDPOINTS:
        return Access.SOURCE
    if endpoint == "report" and args.get("report_name") in SOURCE_REPORTS:
        return Access.SOURCE
    return Access.READ


def club_codes(ledger: Any) -> frozenset[str]:
    """The codes of the clubs a loaded Fava ledger declares."""
    customs = ledger.all_entries_by_type.Custom
    return frozenset(
        str(entry.values[0].value)
        for entry in customs
        if isinstance(entry, data.Custom) and entry.type == "club" and entry.values
    )


def is_province_page(endpoint: str | None, args: dict[str, Any]) -> bool:
    return (
        endpoint in EXTENSION_ENDPOINTS
        and args.get("extension_name") in PROVINCE_EXTENSIONS
    )


def clubs_of_address(
    ledgers: Any, endpoint: str | None, args: dict[str, Any]
) -> frozenset[str] | None:
    """The clubs a request's address belongs to; ``None`` for the province's."""
    if is_province_page(endpoint, args):
        return None
    return clubs_of_slug(ledgers, args.get("bfile"))


def clubs_of_slug(ledgers: Any, slug: str | None) -> frozenset[str] | None:
    """The clubs of the book at ``/<slug>/``; ``None`` for an address outside every
    club's book (no slug, an unknown one, a book that declares no club)."""
    if not slug:
        return None
    try:
        ledger = ledgers[slug]
    except KeyError:
        return None
    return club_codes(ledger) or None
