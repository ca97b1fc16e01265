"""Imports go one way (README "Layout"): a module imports its own layer or lower ones only.

Every module of ``ledger_engine``, ``importers`` and ``reports`` is placed in a layer by the
longest prefix of its dotted name in ``LAYERS`` (or its whole name in ``EXACT``); a module no prefix places fails the test, so
a new module must be given its place here. Imports are read with ``ast`` from the source,
including imports inside functions. Imports under ``if TYPE_CHECKING:`` are not executed and
only name types for annotations, so they are left out: a layer may name the type of what a
higher one hands it without depending on its code.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import ROOT

PACKAGES = ("ledger_engine", "importers", "reports")

#: Dotted-name prefix → layer. The longest matching prefix wins.
LAYERS: dict[str, int] = {
    # 0 — base: errors, messages, the late-book rule, the registry of directives, ASCII
    # text, the collector pause, the plan's targets as data, and the loan arithmetic that
    # knows nothing of a book (due dates, schedules, allocation, the values it hands round).
    "ledger_engine.errors": 0,
    "ledger_engine.i18n": 0,
    "ledger_engine.freshness": 0,
    "ledger_engine.registry": 0,
    "ledger_engine.ascii_text": 0,
    "ledger_engine.gc_pause": 0,
    "ledger_engine.quick_checks": 0,
    "ledger_engine.plan_periods": 0,
    "ledger_engine.targets": 0,
    "ledger_engine.member_groups": 0,
    "ledger_engine.verdicts": 0,
    "ledger_engine.discovery": 0,
    "ledger_engine.data": 0,
    "ledger_engine.loans.calendar": 0,
    "ledger_engine.loans.schedule": 0,
    "ledger_engine.loans.allocation": 0,
    "ledger_engine.loans.values": 0,
    # Bounds on values, accounts and Beancount's errors in words, pydantic's in words.
    "ledger_engine.bounds": 0,
    "ledger_engine.account_words": 0,
    "ledger_engine.beancount_words": 0,
    "ledger_engine.field_errors": 0,
    # Frozen typed records, checked on the way in (the registry's, the snapshot's).
    "ledger_engine.records": 0,
    # 1 — the book view: a loaded book seen through its registry, and its members' make-up.
    "ledger_engine.book": 1,
    "ledger_engine.composition": 1,
    # 2 — the loan state: every loan of a book and its figures on a date.
    "ledger_engine.loans": 2,
    # 3 — the rules (plugins), loading a book with them, and the roll-up's snapshots.
    "ledger_engine.plugins": 3,
    "ledger_engine.loading": 3,
    "ledger_engine.rollup": 3,
    # 4 — what people read and what writes books: reports, importers, Fava pages, the
    # demo generator, the starter book and the safe append of entries.
    "reports": 4,
    "importers": 4,
    "ledger_engine.fava_ext": 4,
    "ledger_engine.demo": 4,
    "ledger_engine.starter": 4,
    "ledger_engine.append": 4,
    # who may see and change what in ``serve``, and the audit trail of its writes: the
    # Fava pages ask it who is logged in.
    "ledger_engine.access": 4,
    # 5 — the command line, the only reader of the clock.
    "ledger_engine.cli": 5,
}


#: Modules placed by their whole name only: the package's own ``__init__`` (its version)
#: must not place every new module of the package in layer 0.
EXACT: dict[str, int] = {"ledger_engine": 0}


def layer_of(module: str) -> int | None:
    if module in EXACT:
        return EXACT[module]
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        found = LAYERS.get(".".join(parts[:end]))
        if found is not None:
            return found
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "testdata" not in path.parts:
                found.append((module_name(path), path))
    return found


def _type_checking_blocks(tree: ast.AST) -> set[int]:
    """ids of the nodes under ``if TYPE_CHECKING:``."""
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _names_type_checking(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


def _names_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def imports_of(module: str, path: Path) -> Iterator[tuple[str, int]]:
    """(imported module, line) of every import that runs, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    skipped = _type_checking_blocks(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            yield base, node.lineno
            for alias in node.names:  # ``from pkg import module`` imports the module
                yield f"{base}.{alias.name}", node.lineno


def own(module: str) -> bool:
    return module.split(".")[0] in PACKAGES


def test_every_module_has_a_layer() -> None:
    unplaced = [name for name, _ in modules() if layer_of(name) is None]
    assert not unplaced, f"place these modules in LAYERS: {unplaced}"


def test_no_module_imports_a_higher_layer() -> None:
    known = {name for name, _ in modules()}
    upward = []
    for name, path in modules():
        mine = layer_of(name)
        for imported, line in imports_of(name, path):
            if not own(imported) or imported not in known:
                continue  # a name imported from a module, or another project's module
            theirs = layer_of(imported)
            if mine is not None and theirs is not None and theirs > mine:
                where = path.relative_to(ROOT)
                upward.append(
                    f"{where}:{line}: {name} ({mine}) imports {imported} ({theirs})"
                )
    assert not upward, "imports against the flow:\n" + "\n".join(upward)


@pytest.mark.parametrize(
    ("module", "layer"),
    [
        ("ledger_engine.loans.state", 2),
        ("ledger_engine.loans.schedule", 0),
        ("ledger_engine.fava_ext.meeting", 4),  # a page added later is placed by its prefix
        ("ledger_engine.cli.loans", 5),
        ("reports.render.html", 4),
        ("ledger_engine.unplaced", None),
    ],
)
def test_layers_are_found_by_the_longest_prefix(module: str, layer: int | None) -> None:
    assert layer_of(module) == layer


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    source = tmp_path / "book.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "from ledger_engine.plugins import run_chain\n"
        "if TYPE_CHECKING:\n"
        "    from ledger_engine.cli import main\n"
        "def later():\n"
        "    from ledger_engine.rollup import engine\n",
        encoding="utf-8",
    )
    found = [name for name, _ in imports_of("ledger_engine.book", source)]
    assert "ledger_engine.plugins" in found
    assert "ledger_engine.rollup.engine" in found
    assert not any(name.startswith("ledger_engine.cli") for name in found)
