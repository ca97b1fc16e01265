"""The four register importers for Fava's import page (and beangulp's command line).

Enable it in a club book (paths are relative to the book)::

    2016-05-01 custom "fava-option" "import-config" "../../importers/fava_config.py"
    2016-05-01 custom "fava-option" "import-dirs" "registers"

Fava lists every file under ``registers/`` that one of the importers recognises by its
headers, and extracts its entries against the ledger it has open; rows already in the book
come back marked as duplicates. Fava writes the entries you keep without the checks of
``ledger-engine import`` (all rows or none, the rule chain before writing): run
``ledger-engine check`` afterwards, or import with ``ledger-engine import`` instead.

The book given to the importers is only used when no ledger is passed to them (beangulp's
``extract`` without ``-e``): ``LEDGER_ENGINE_BOOK`` names it, else the example club book.
"""

from __future__ import annotations

import os
from pathlib import Path

from importers.cashbook import Importer as CashbookImporter
from importers.loans import Importer as LoansImporter
from importers.members import Importer as MembersImporter
from importers.repayments import Importer as RepaymentsImporter

EXAMPLE = (
    Path(__file__).resolve().parent.parent / "books/examples/thon-1-ngok-wang.beancount"
)
BOOK = Path(os.environ.get("LEDGER_ENGINE_BOOK") or EXAMPLE)

CONFIG = [
    MembersImporter(BOOK),
    LoansImporter(BOOK),
    RepaymentsImporter(BOOK),
    CashbookImporter(BOOK),
]
