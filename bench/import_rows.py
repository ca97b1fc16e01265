"""Import speed by register size: rows per second for 1k, 10k and 100k repayment rows.

The club: one member and one loan (5,000,000 VND, 12 months, flat 0.5 %/month) per twelve
rows; the register (Sổ thu nợ, CSV) gives only *Tổng cộng* for each monthly repayment, so
every row is split by the allocation rule, the case that once recomputed each loan's
allocation from scratch for every row. The time is the whole `ledger-engine import` command
in a fresh process: reading the register, building the entries, checking the book with them
through the rule chain and writing it.

    python bench/import_rows.py [--sizes 1000 10000 100000] [--runs 1]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import shutil
import tempfile
from pathlib import Path

from common import BIN, compile_bytecode, machine, median_time, write_section

ROWS_PER_LOAN = 12
PRINCIPAL = 5_000_000
INSTALLMENT = 442_000  # 417,000 principal (rounded to 1,000) + 25,000 interest
START = datetime.date(2024, 1, 10)

HEAD = """option "title" "Bench club"
option "operating_currency" "VND"
plugin "ledger_engine.plugins"

2020-01-01 custom "club" "BENCH-001"
  name: "CLB bench"
  province: "Kon Tum"
  district: "Đắk Hà"
  commune: "Ngọk Wang"

2020-01-01 open Assets:IGF:Cash VND
2020-01-01 open Equity:IGF:Capital:State VND
2020-01-01 open Income:IGF:Interest VND

2020-01-01 custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24
  rate: 0.5
  method: "flat"
  grace: 0
  rounding: 1000 VND
  tolerance_days: 0
  max_active_loans: 1
  min_membership_days: 90
  interest_to_activity: 30

2020-01-02 * "Vốn nhà nước"
  Assets:IGF:Cash  {capital} VND
  Equity:IGF:Capital:State  -{capital} VND
"""


def _member(number: int) -> str:
    code = f"M{number:05d}"
    return (
        f'2020-01-05 custom "member" "{code}" "Thành viên {number}"\n'
        '  gender: "F"\n  born: 1955\n  ethnicity: "Kinh"\n  household: "poor"\n'
        f"2020-01-05 open Assets:IGF:Loans:{code} VND\n"
        f'{START} * "Thành viên {number}" "Vay" ^L{number:05d}\n'
        f'  voucher: "PC-{number:05d}"\n'
        f"  Assets:IGF:Loans:{code}  {PRINCIPAL} VND\n"
        f"  Assets:IGF:Cash  -{PRINCIPAL} VND\n"
    )


def write_case(folder: Path, rows: int) -> tuple[Path, Path]:
    """A club book with a loan per twelve rows, and the repayments register of ``rows``."""
    loans = -(-rows // ROWS_PER_LOAN)
    book = folder / "club.beancount"
    parts = [HEAD.format(capital=loans * PRINCIPAL)]
    parts += [_member(n) for n in range(1, loans + 1)]
    book.write_text("\n".join(parts), encoding="utf-8")
    register = folder / "so-thu-no.csv"
    with register.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Ngày", "Số phiếu", "Mã khoản vay", "Mã TV", "Tổng cộng"])
        for index in range(rows):
            loan, month = index % loans + 1, index // loans + 1
            day = datetime.date(2024 + month // 12, month % 12 + 1, 10)
            writer.writerow(
                [f"{day:%d/%m/%Y}", f"PT-{index + 1:06d}", f"L{loan:05d}", f"M{loan:05d}",
                 INSTALLMENT]
            )  # fmt: skip
    return book, register


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="Do not touch RESULTS.md.")
    args = parser.parse_args()
    compile_bytecode()
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.sizes:
            case = Path(tmp) / str(rows)
            case.mkdir()
            book, register = write_case(case, rows)
            pristine = case / "pristine.beancount"
            shutil.copy(book, pristine)
            times = []
            for _ in range(args.runs):
                shutil.copy(pristine, book)
                argv = [str(BIN / "ledger-engine"), "import", str(book), str(register)]
                times.append(median_time(argv, 1)[0])
            seconds = sorted(times)[len(times) // 2]
            lines.append(f"| {rows:,} | {seconds:.2f} | {rows / seconds:,.0f} |")
            print(lines[-1], flush=True)
    body = f"""## Import speed by register size

Machine: {machine()}.
A repayments register giving only the total of each row (split by the allocation rule),
twelve rows per loan; `ledger-engine import` in a fresh process, median of {args.runs} run(s).

| rows | seconds | rows per second |
|---:|---:|---:|
""" + "\n".join(lines)
    if not args.no_write:
        write_section("import_rows", body)
    print(body)


if __name__ == "__main__":
    main()
