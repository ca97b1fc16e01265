"""The club's loans page in Fava against Fava's own journal page, for a ten-year club.

The club: 10 years, 400 members (`ledger-engine demo --clubs 1 --years 10 --members 400
--seed 1`), served as `ledger-engine serve` serves it (the club's pages enabled by the serve
hook), requested through Flask's test client, so only the server's work is timed.

- *Fava's journal page* is what a browser asks for to show it: the page itself and its first
  page of entries (`/api/journal_page`, 1,000 entries).
- *Our loans page* is one request, rendered on the server: the open loans, as the page
  opens, and every loan the club ever made (`status=all`).

Each run reloads the book first (as Fava does after a file changes), then times a *first
visit* of each page and a *second visit*. Both pages keep what they computed until the next
load (Fava its filtered ledger and journal pages, ours the loans' states and the page);
the target (≤ 1.5×) is on the first visit after a load, the slowest.
"""

from __future__ import annotations

import argparse
import datetime
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import ENV, compile_bytecode, demo, machine, write_section

from ledger_engine.fava_ext.serving import make_app

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
    compile_bytecode()
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
        page = f"extension/ClubLoans/?as_of={AS_OF.isoformat()}"
        opening, every = [page], [page + "&status=all"]
        shown = {
            name: client.get(f"/{slug}/{urls[0]}")
            .get_data(as_text=True)
            .count("data-loan=")
            for name, urls in (("open", opening), ("all", every))
        }
        times: dict[str, list[float]] = {k: [] for k in ("j1", "o1", "a1", "j2", "o2")}
        for _ in range(args.runs):
            ledger.load_file()
            times["j1"].append(_timed(get, journal))
            times["o1"].append(_timed(get, opening))
            ledger.load_file()
            _timed(get, journal)
            times["a1"].append(_timed(get, every))
            times["j2"].append(_timed(get, journal))
            times["o2"].append(_timed(get, opening))
    first = _median(times["o1"]) / _median(times["j1"])
    verdict = "meets" if first <= TARGET else "MISSES"
    body = f"""## Fava: the club's loans page against Fava's journal

Machine: {machine()}.
Book: one club, 10 years, 400 members, {entries:,} dated entries (demo seed 1), as of
{AS_OF}; the loans page opens on the {shown["open"]:,} open loans, and lists all
{shown["all"]:,} with `status=all`. Median of {args.runs} runs, each right after a reload of
the book (Fava's and our caches both empty).

| page | median (s) | runs (s) |
|---|---:|---|
{_row("Fava journal, first visit (page + first 1,000 entries)", times["j1"])}
{_row("our loans page, first visit (open loans, as it opens)", times["o1"])}
{_row("our loans page, first visit, every loan (`status=all`)", times["a1"])}
{_row("Fava journal, second visit", times["j2"])}
{_row("our loans page, second visit", times["o2"])}

First visit after a load: **{first:.2f}×** the journal — {verdict} the target of ≤ {TARGET}×.
The page reuses the loans the rule chain read while the book loaded, computes each loan's
state once per load and date, and keeps the page until the book changes.
"""
    write_section("fava", body)
    print(body)


if __name__ == "__main__":
    main()
