"""Text helpers for what must be ASCII in a book (titles, metadata keys, links)."""

from __future__ import annotations

import re
import unicodedata


def ascii_fold(text: str) -> str:
    """Vietnamese text without its marks: "Ngọk Wang, Đắk Hà" → "Ngok Wang, Dak Ha"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return (
        "".join(c for c in decomposed if not unicodedata.combining(c))
        .encode("ascii", "ignore")
        .decode("ascii")
    )


def slug(text: str) -> str:
    """A lower-case file or folder name: "Đắk Hà" → "dak-ha"."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(text).lower()).strip("-")
