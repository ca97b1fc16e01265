"""The club's loans page in Fava against Fava's own journal page, for a ten-year club.

The club: 10 years, 400 members (`ledger-engine demo --clubs 1 --years 10 --members 400
--seed 1`), served as `ledger-engine serve` serves it (the club's pages enabled by the serve
hook), requested through Flask's test client, so only the server's work is timed.

- *Fava's journal page* is what a browser asks for to show it: the page itself and its first
  page of entries (`/api/journal_page`, 1,000 entries).
- *Our loans page* is one request: every loan of the club, rendered on the server.

Each run reloads the book first (as Fava does after a file changes), then times a *first
visit* of each page and a *second visit*. Both pages keep what they computed until the next
load (Fava its filtered ledger and journal pages, ours the loans' states and the page);
the target (≤ 1.5×) is on the second visit, the usual one; the first is reported beside it.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

# This script is named like the package it measures: look for `fava` in the installed
# packages before this folder, which stays on the path for `common`.
_HERE = Path(__file__).resolve().parent
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _HERE] + [str(_HERE)]

from common import ENV, demo, machine, write_section  # noqa: E402

from ledger_engine.fava_ext.serving import make_app  # noqa: E402

TARGET = 1.5
AS_OF = datetime.date(2025, 12, 31)


def _timed(get: Callable[[str], int], urls: list[str]) -> float:
    start = time.perf_counter()
    for url in urls:
        status = get(url)
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
    return time.perf_counter() - start


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _row(name: str, runs: list[float]) -> str:
    shown = ", ".join(f"{t:.3f}" for t in runs)
    return f"| {name} | {_median(runs):.3f} | {shown} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.update(ENV)
    with tempfile.TemporaryDirectory() as tmp:
        tree = demo(
            Path(tmp) / "club10y",
            *("--clubs", "1", "--years", "10", "--members", "400", "--seed", "1"),
        )
        book = next(tree.rglob("*.beancount"))
        entries = sum(1 for line in book.open(encoding="utf-8") if line[:1].isdigit())
        app = make_app([book], read_only=False, load=True)
        slug, ledger = next(iter(app.config["LEDGERS"].items()))
        client = app.test_client()

        def get(url: str) -> int:
            status: int = client.get(f"/{slug}/{url}").status_code
            return status

        journal = ["journal/", "api/journal_page?page=1&order=desc"]
        loans = [f"extension/ClubLoans/?as_of={AS_OF.isoformat()}"]
        shown = client.get(f"/{slug}/{loans[0]}").get_data(as_text=True).count("data-loan=")
        times: dict[str, list[float]] = {k: [] for k in ("j1", "l1", "j2", "l2")}
        for _ in range(args.runs):
            ledger.load_file()
            times["j1"].append(_timed(get, journal))
            times["l1"].append(_timed(get, loans))
            times["j2"].append(_timed(get, journal))
            times["l2"].append(_timed(get, loans))
    second = _median(times["l2"]) / _median(times["j2"])
    first = _median(times["l1"]) / _median(times["j1"])
    verdict = "meets" if second <= TARGET else "MISSES"
    body = f"""## Fava: the club's loans page against Fava's journal

Machine: {machine()}.
Book: one club, 10 years, 400 members, {entries:,} dated entries, {shown:,} loans on the
loans page (demo seed 1), as of {AS_OF}. Median of {args.runs} runs, each after a reload.

| page | median (s) | runs (s) |
|---|---:|---|
{_row("Fava journal, first visit (page + first 1,000 entries)", times["j1"])}
{_row("our loans page, first visit (every loan)", times["l1"])}
{_row("Fava journal, second visit", times["j2"])}
{_row("our loans page, second visit", times["l2"])}

Second visit: **{second:.2f}×** the journal — {verdict} the target of ≤ {TARGET}×.
First visit after a load: {first:.1f}× the journal. It computes the state of every loan the
club ever made (schedule, allocation of repayments, arrears) and the portfolio figures, and
renders them all; from then on until the book changes the page is served as computed.
"""
    write_section("fava", body)
    print(body)


if __name__ == "__main__":
    main()
