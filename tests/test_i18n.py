"""Every message a treasurer reads has its Vietnamese translation, and the language is chosen
as the README says."""

from __future__ import annotations

import gettext
import re
import string
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from ledger_engine import i18n

ROOT = Path(__file__).resolve().parents[1]
PO = i18n.LOCALE_DIR / "vi" / "LC_MESSAGES" / "ledger_engine.po"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


def _marked() -> Iterator[tuple[str, str]]:
    """(file, message) for every message marked in the packages' source."""
    for package in ("ledger_engine", "importers", "reports"):
        for filename, _lineno, message, _comments, _context in extract_from_dir(
            ROOT / package, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            for text in message if isinstance(message, tuple) else (message,):
                yield f"{package}/{filename}", text


def _catalog() -> dict[str, str]:
    with PO.open("rb") as handle:
        catalog = read_po(handle)
    return {
        str(m.id if isinstance(m.id, str) else m.id[0]): (
            m.string if isinstance(m.string, str) else m.string[0]
        )
        for m in catalog
        if m.id and not m.fuzzy
    }


def _fields(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}


def test_every_marked_message_has_a_vietnamese_translation() -> None:
    catalog = _catalog()
    missing = sorted(
        {f"{where}: {text!r}" for where, text in _marked() if not catalog.get(text)}
    )
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)


def test_translations_keep_every_placeholder() -> None:
    wrong = [
        f"{source!r} → {target!r}"
        for source, target in _catalog().items()
        if _fields(source) != _fields(target)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_compiled_catalog_is_the_current_one() -> None:
    compiled = gettext.translation(
        i18n.DOMAIN, i18n.LOCALE_DIR, languages=["vi"], fallback=False
    )
    stale = [
        text for text, target in _catalog().items() if compiled.gettext(text) != target
    ]
    assert not stale, "run `make messages` to compile the catalog:\n" + "\n".join(stale)


def test_vietnamese_is_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (i18n.ENV_VAR, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    i18n.set_language(None)
    assert i18n.language() == "vi"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "vi_VN.UTF-8"}, "vi"),
        ({"LANGUAGE": "fr:en", "LANG": "vi_VN.UTF-8"}, "en"),
        ({i18n.ENV_VAR: "vi", "LANG": "en_US.UTF-8"}, "vi"),
        ({i18n.ENV_VAR: "en"}, "en"),
    ],
)
def test_the_environment_chooses(
    monkeypatch: pytest.MonkeyPatch, variables: dict[str, str], expected: str
) -> None:
    for name in (i18n.ENV_VAR, "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    i18n.set_language(None)
    assert i18n.language() == expected


def test_set_language_wins_and_rejects_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(i18n.ENV_VAR, "vi")
    i18n.set_language("en")
    try:
        assert i18n.language() == "en"
        with pytest.raises(ValueError, match="fr"):
            i18n.set_language("fr")
    finally:
        i18n.set_language(None)


def test_placeholders_are_named() -> None:
    positional = [
        f"{where}: {text!r}"
        for where, text in _marked()
        if re.search(r"\{\}|\{\d", text) or "%s" in text or "%d" in text
    ]
    assert not positional, "\n".join(positional)
