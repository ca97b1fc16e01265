"""Demo provinces: realistic, reproducible club books to explore, test and measure against.

``generate(out, PROVINCES["kon-tum"], clubs=72, years=10, members=None, seed=327)`` writes
one book per club under ``out/<district>/<club>.beancount``, with data ending 31 Dec 2025.
The same seed always gives the same bytes.
"""

from __future__ import annotations

from ledger_engine.demo.geography import PROVINCES, Province
from ledger_engine.demo.province import Written, generate

__all__ = ["PROVINCES", "Province", "Written", "generate"]
