"""The report's own settings: who issues it, its number, who signs and who receives it.

Read from ``report.toml`` beside the plan (the nearest folder at or above the books that has
one); every field has a default, so a province without the file still gets a complete
document to fill in by hand. ``late_after_days`` is the late-book threshold passed to
``ledger_engine.freshness``; ``units_map`` names a units file (relative to the settings file)
used when the command line gives none.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from ledger_engine.freshness import LATE_AFTER_DAYS
from ledger_engine.records import FrozenRecord, field

SETTINGS_FILE = "report.toml"


class Issuer(FrozenRecord):
    parent: str = "HỘI NGƯỜI CAO TUỔI VIỆT NAM"  # the body above the issuer
    name: str = "BAN ĐẠI DIỆN HỘI NGƯỜI CAO TUỔI TỈNH"
    number: str = "      /BC-HNCT"  # filled in by hand when the document is issued
    place: str = "Kon Tum"


class Signer(FrozenRecord):
    on_behalf: str = "TM. BAN ĐẠI DIỆN"
    title: str = "TRƯỞNG BAN"
    name: str = ""


class ReportSettings(FrozenRecord):
    issuer: Issuer = Issuer()
    signer: Signer = Signer()
    recipients: tuple[str, ...] = (
        "Trung ương Hội Người cao tuổi Việt Nam",
        "Sở Lao động - Thương binh và Xã hội tỉnh",
        "Lưu: VT",
    )
    late_after_days: int = field(default=LATE_AFTER_DAYS, ge=0)
    units_map: str | None = None
    source: Path | None = None  # the file read, if any


def find_settings(near: str | Path) -> Path | None:
    start = Path(near).resolve()
    folder = start if start.is_dir() else start.parent
    for candidate in (folder, *folder.parents):
        path = candidate / SETTINGS_FILE
        if path.is_file():
            return path
    return None


def parse_settings(text: str, source: Path | None = None) -> ReportSettings:
    raw = tomllib.loads(text)
    return ReportSettings.model_validate({**raw, "source": source})


def load_settings(
    near: str | Path | None = None, explicit: str | Path | None = None
) -> ReportSettings:
    """The settings file given, else the nearest ``report.toml``, else the defaults."""
    path = Path(explicit) if explicit is not None else None
    if path is None and near is not None:
        path = find_settings(near)
    if path is None:
        return ReportSettings()
    try:
        return parse_settings(path.read_text(encoding="utf-8"), path)
    except (OSError, ValueError) as exc:
        raise ValueError(f"{path}: not a report settings file: {exc}") from exc


def units_map_path(settings: ReportSettings) -> Path | None:
    """The units map the settings name, relative to their own file."""
    if settings.units_map is None:
        return None
    folder = settings.source.parent if settings.source else Path.cwd()
    return folder / settings.units_map
