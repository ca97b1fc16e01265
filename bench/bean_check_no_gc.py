"""`bean-check` with Python's cyclic collector off: `python bench/bean_check_no_gc.py BOOK`.

`ledger-engine check` loads each book with the collector paused; this is Beancount's own
check loaded the same way, so that the difference between the two is the rule chain alone.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    gc.disable()
    from beancount.scripts.check import main as bean_check

    bean_check(args=sys.argv[1:], prog_name="bean-check")


if __name__ == "__main__":
    main()
