"""A small generated province and its 2025 annual report in each format, made once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import ROOT
from report_runs import report_args, run


@pytest.fixture(scope="session")
def province(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four demo clubs (some re-parented on 2025-07-01) with the shipped plan and settings."""
    root = tmp_path_factory.mktemp("province")
    run("demo", str(root / "kon-tum"), "--clubs", "4", "--years", "2", "--seed", "11")
    for name in ("plan.toml", "report.toml", "units-2025.toml"):
        shutil.copy(ROOT / "books" / name, root / name)
    return root / "kon-tum"


@pytest.fixture(scope="session")
def report_html(province: Path) -> str:
    return run(*report_args(province, "html"))


@pytest.fixture(scope="session")
def report_json(province: Path) -> str:
    return run(*report_args(province, "json"))


@pytest.fixture(scope="session")
def report_xlsx(province: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("xlsx") / "bao-cao.xlsx"
    run(*report_args(province, "xlsx", "-o", str(out)))
    return out
