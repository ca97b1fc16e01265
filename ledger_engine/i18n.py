"""The language of every message a treasurer reads: Vietnamese first, English on request.

Messages are written in English in the code and marked with ``_()``; their Vietnamese
translations live in a gettext catalog (``locale/vi/LC_MESSAGES/ledger_engine.po``, compiled to
``.mo`` by ``make messages``), the way Fava keeps its own translations with Babel.

The language is, in this order: what :func:`set_language` chose (the CLI's ``--lang``), the
``LEDGER_ENGINE_LANG`` variable, the first of ``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` and
``LANG`` that names ``vi`` or ``en``; Vietnamese otherwise. Plugins have no command line, so
``bean-check`` and Fava follow the variables.

Usage::

    from ledger_engine.i18n import _
    message = _("Loan {loan}: principal {amount} exceeds the maximum {limit}").format(...)

Placeholders are named (``{loan}``), never positional, so a translation may reorder them.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

DOMAIN = "ledger_engine"
LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
ENV_VAR = "LEDGER_ENGINE_LANG"

_chosen: str | None = None


def set_language(lang: str | None) -> None:
    """Fix the language for this process (``None`` returns to the environment's choice)."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    _chosen = lang


def _from_environment() -> str | None:
    own = os.environ.get(ENV_VAR, "").strip().lower()
    if own[:2] in LANGUAGES:
        return own[:2]
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        for part in os.environ.get(name, "").split(":"):
            code = part.strip().lower()[:2]
            if code in LANGUAGES:
                return code
    return None


def language() -> str:
    """The language messages are given in now: ``"vi"`` or ``"en"``."""
    return _chosen or _from_environment() or DEFAULT_LANGUAGE


@cache
def _catalog(lang: str) -> gettext.NullTranslations:
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """``message`` in the current language (the English text where no translation exists)."""
    return _catalog(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, in the current language."""
    return _catalog(language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark a message for the catalog without translating it yet (module-level constants)."""
    return message


def grouped(value: object) -> str:
    """A number with its thousands grouped as the language writes them: 1,250,000.5 in
    English, 1.250.000,5 in Vietnamese."""
    text = f"{value:,}"
    if language() == "vi":
        return text.translate(_VIETNAMESE_SEPARATORS)
    return text


_VIETNAMESE_SEPARATORS = str.maketrans({",": ".", ".": ","})
