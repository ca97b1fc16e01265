"""The loan view: loans read from a book, and their state at any date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from loans.loanbooks import Body, load, loan_errors, policy

from ledger_engine.book import ClubBook
from ledger_engine.loans.ledger import loans_of
from ledger_engine.loans.loan import Loan
from ledger_engine.loans.schedule import _SCHEDULES, Terms, build_schedule
from ledger_engine.loans.state import Status, bucket_of
from ledger_engine.registry import Method

# 1,200,000 VND flat over 12 months at 0.5 %/month, rounded to 1,000: each installment is
# 100,000 principal + 6,000 interest = 106,000, due on the 10th from 2021-02-10.
LOAN_A = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay nuôi heo" ^A
      term: 12
      Assets:IGF:Loans:M001     1200000 VND
      Assets:IGF:Cash
    """
PAY_1 = """
    2021-02-10 * "Nguyễn Thị Hoa" "Trả kỳ 1" ^A
      Assets:IGF:Cash             106000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
    """


def book_of(tmp_path: Path, body: Body, rules: str | None = None) -> ClubBook:
    _, book = load(tmp_path, body, rules=rules)
    return book


def loan_of(tmp_path: Path, body: Body, loan: str = "A", rules: str | None = None) -> Loan:
    return loans_of(book_of(tmp_path, body, rules)).loans[loan]


D = Decimal


# --- reading the book ------------------------------------------------------------------------


def test_loan_is_read_from_its_link(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, [LOAN_A, PAY_1])
    assert (loan.member, loan.account, loan.date, loan.principal) == (
        "M001",
        "Assets:IGF:Loans:M001",
        date(2021, 1, 10),
        D(1200000),
    )
    assert [(r.date, r.principal, r.interest) for r in loan.repayments] == [
        (date(2021, 2, 10), D(100000), D(6000))
    ]


def test_disbursement_metadata_overrides_the_policy(tmp_path: Path) -> None:
    body = """
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^A
      term: 6
      rate: 1
      method: "declining"
      Assets:IGF:Loans:M001     1200000 VND
      Assets:IGF:Cash
    """
    terms = loan_of(tmp_path, body).terms
    assert terms is not None
    assert (terms.term, terms.rate, terms.method) == (6, D(1), Method.DECLINING)


def test_terms_come_from_the_policy_in_force_on_the_disbursement_date(
    tmp_path: Path,
) -> None:
    rules = policy() + policy("2021-06-01", rate="0.8", max_term="18")
    body = """
    2021-06-01 * "Nguyễn Thị Hoa" "Vay" ^A
      Assets:IGF:Loans:M001     1200000 VND
      Assets:IGF:Cash
    """
    terms = loan_of(tmp_path, body, rules=rules).terms
    assert terms is not None
    assert (terms.rate, terms.term) == (D("0.8"), 18)


def test_one_transaction_repays_two_loans_by_posting_metadata(tmp_path: Path) -> None:
    body = """
    2021-01-10 * "Trần Văn Bình" "Vay" ^A
      Assets:IGF:Loans:M004     1200000 VND
      Assets:IGF:Cash
    2021-01-10 * "Y Hlin" "Vay" ^B
      Assets:IGF:Loans:M003      600000 VND
      Assets:IGF:Cash
    2021-02-10 * "Trả nợ hai khoản" ^A ^B
      Assets:IGF:Cash             209000 VND
      Assets:IGF:Loans:M004      -100000 VND
        loan: "A"
      Income:IGF:Interest          -6000 VND
        loan: "A"
      Assets:IGF:Loans:M003      -100000 VND
        loan: "B"
      Income:IGF:Interest          -3000 VND
        loan: "B"
    """
    loans = loans_of(book_of(tmp_path, body)).loans
    assert [(r.principal, r.interest) for r in loans["A"].repayments] == [
        (D(100000), D(6000))
    ]
    assert [(r.principal, r.interest) for r in loans["B"].repayments] == [
        (D(100000), D(3000))
    ]


def test_penalties_are_kept_apart_from_interest(tmp_path: Path) -> None:
    late = """
    2021-02-20 * "Nguyễn Thị Hoa" "Trả kỳ 1 muộn" ^A
      Assets:IGF:Cash             111000 VND
      Assets:IGF:Loans:M001      -100000 VND
      Income:IGF:Interest          -6000 VND
      Income:IGF:Penalties         -5000 VND
    """
    (repayment,) = loan_of(tmp_path, [LOAN_A, late]).repayments
    assert (repayment.interest, repayment.penalty) == (D(6000), D(5000))


def test_view_is_built_once_per_book(tmp_path: Path) -> None:
    book = book_of(tmp_path, LOAN_A)
    assert loans_of(book) is loans_of(book)


LOAN_B = LOAN_A.replace("^A", "^B").replace("M001", "M002").replace("Nguyễn Thị Hoa", "B")


def test_loans_of_one_book_share_a_schedule_and_the_next_book_its_amounts_only(
    tmp_path: Path,
) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    # A and B are lent the same sum on the same terms on the same day: one schedule.
    first = loans_of(book_of(tmp_path / "one", [LOAN_A, LOAN_B])).loans
    shared = first["A"].schedule
    assert first["B"].schedule is shared
    assert any(kept is shared for kept in _SCHEDULES.values())
    # Reading another club's book drops the first one's schedules (its loans keep their
    # own) but not their amounts: the same sum on the same terms is not worked out again.
    second = loans_of(book_of(tmp_path / "two", [LOAN_A])).loans
    assert second["A"].schedule == shared
    assert not any(kept is shared for kept in _SCHEDULES.values())
    assert first["A"].schedule is shared
    assert all(
        again.principal is before.principal and again.interest is before.interest
        for again, before in zip(second["A"].schedule, shared, strict=True)
    )


def test_the_loan_state_and_the_collection_make_no_installment_records(
    tmp_path: Path,
) -> None:
    # The roll-up asks every loan of every book for both: they read the allocation's
    # columns, and the installments are made only for a page that lists them.
    loan = loan_of(tmp_path, [LOAN_A, PAY_1])
    as_of = date(2021, 6, 30)
    (segment,) = loan.segments
    state = loan.state(as_of)
    on_time, fell_due = loan.collected(date(2021, 1, 1), as_of, as_of)
    assert (state.dpd, state.overdue_principal) == (112, D(400_000))  # since 10 March
    assert (on_time, fell_due) == (D(106_000), D(530_000))
    assert "_schedule" not in segment.__dict__
    assert len(loan.installments_at(as_of)) == 12
    assert "_schedule" in segment.__dict__


# --- days past due and overdue amounts --------------------------------------------------------


def test_nothing_is_overdue_on_the_due_date(tmp_path: Path) -> None:
    state = loan_of(tmp_path, LOAN_A).state(date(2021, 2, 10))
    assert (state.dpd, state.overdue_principal, state.overdue_interest) == (0, 0, 0)


def test_the_day_after_the_due_date_is_day_one(tmp_path: Path) -> None:
    state = loan_of(tmp_path, LOAN_A).state(date(2021, 2, 11))
    assert (state.dpd, state.overdue_principal, state.overdue_interest) == (1, 100000, 6000)
    assert state.bucket == "1-30"


def test_tolerance_days_delay_when_arrears_start(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, LOAN_A, rules=policy(tolerance_days="3"))
    # Within the tolerance nothing is overdue; after it, DPD counts from the due date.
    assert loan.state(date(2021, 2, 13)).dpd == 0
    assert loan.state(date(2021, 2, 14)).dpd == 4


def test_partial_payments_across_several_overdue_installments(tmp_path: Path) -> None:
    partial = """
    2021-04-15 * "Nguyễn Thị Hoa" "Trả một phần" ^A
      Assets:IGF:Cash              56000 VND
      Assets:IGF:Loans:M001       -50000 VND
      Income:IGF:Interest          -6000 VND
    """
    state = loan_of(tmp_path, [LOAN_A, PAY_1, partial]).state(date(2021, 5, 20))
    # Due by 2021-05-20: installments 1-4. Installment 1 paid; the 6,000 interest and
    # 50,000 principal of 2021-04-15 go to installment 2 (oldest first, interest first).
    # Left: 50,000 of installment 2, all of installments 3 and 4 (2 x 106,000).
    assert state.overdue_principal == 50000 + 2 * 100000
    assert state.overdue_interest == 2 * 6000
    # The oldest unpaid installment fell due on 2021-03-10: 71 days before 2021-05-20.
    assert state.dpd == (date(2021, 5, 20) - date(2021, 3, 10)).days == 71
    assert state.bucket == "61-90"
    assert state.outstanding == 1200000 - 150000


def test_entries_after_the_date_are_ignored(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, [LOAN_A, PAY_1])
    before = loan.state(date(2021, 2, 9))
    assert (before.outstanding, before.principal_paid, before.interest_paid) == (
        1200000,
        0,
        0,
    )


def test_next_due_installment(tmp_path: Path) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1]).state(date(2021, 2, 15))
    assert (state.next_due, state.next_amount) == (date(2021, 3, 10), 106000)


# --- status ------------------------------------------------------------------------------------


def test_loan_repaid_in_full_is_repaid_and_not_overdue(tmp_path: Path) -> None:
    early = """
    2021-03-01 * "Nguyễn Thị Hoa" "Trả hết" ^A
      Assets:IGF:Cash            1106000 VND
      Assets:IGF:Loans:M001     -1100000 VND
      Income:IGF:Interest          -6000 VND
    """
    state = loan_of(tmp_path, [LOAN_A, PAY_1, early]).state(date(2022, 6, 1))
    assert (state.status, state.outstanding, state.dpd, state.overdue) == (
        Status.REPAID,
        0,
        0,
        0,
    )


WRITE_OFF = """
    2021-12-31 * "Xoá nợ" #write-off ^A
      Expenses:IGF:Loan-Losses   1100000 VND
      Assets:IGF:Loans:M001     -1100000 VND
    """
RECOVERY = """
    2022-03-01 * "Nguyễn Thị Hoa" "Thu hồi nợ đã xoá" ^A
      Assets:IGF:Cash             300000 VND
      Income:IGF:Recoveries      -300000 VND
    """


def test_write_off_moves_the_loan_off_the_books(tmp_path: Path) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1, WRITE_OFF]).state(date(2022, 1, 1))
    assert (state.status, state.outstanding, state.written_off, state.dpd) == (
        Status.WRITTEN_OFF,
        0,
        1100000,
        0,
    )


def test_write_off_is_not_a_repayment(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, [LOAN_A, PAY_1, WRITE_OFF])
    assert [r.principal for r in loan.repayments] == [100000]


def test_before_the_write_off_the_loan_is_in_arrears(tmp_path: Path) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1, WRITE_OFF]).state(date(2021, 12, 30))
    # Due by then and unpaid: installments 2-11 (2021-03-10 ... 2021-12-10).
    assert (state.status, state.overdue_principal) == (Status.ACTIVE, 10 * 100000)


def test_recovery_after_a_write_off(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, [LOAN_A, PAY_1, WRITE_OFF, RECOVERY])
    assert loan.state(date(2022, 2, 28)).recovered == 0
    assert loan.state(date(2022, 3, 1)).recovered == 300000


RESCHEDULE = """
    2021-06-01 custom "loan-reschedule" "A"
      term: 6
    """


def test_reschedule_sets_a_new_schedule_for_the_principal_owed(tmp_path: Path) -> None:
    loan = loan_of(tmp_path, [LOAN_A, PAY_1, RESCHEDULE])
    schedule = loan.segments[-1].schedule
    # 1,100,000 over 6 months flat: 183,333.33 + 5,500 = 188,833.33 -> 189,000, i.e.
    # 183,500 principal for five months and the remaining 182,500 in the last.
    assert [i.due for i in schedule][:2] == [date(2021, 7, 1), date(2021, 8, 1)]
    assert [i.principal for i in schedule] == [D(183500)] * 5 + [D(182500)]
    assert {i.interest for i in schedule} == {D(5500)}


def test_rescheduled_loan_is_not_in_arrears_before_its_new_first_due(
    tmp_path: Path,
) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1, RESCHEDULE]).state(date(2021, 6, 15))
    assert (state.status, state.dpd, state.outstanding) == (Status.RESCHEDULED, 0, 1100000)
    assert (state.next_due, state.next_amount) == (date(2021, 7, 1), 189000)


def test_rescheduled_loan_falls_into_arrears_on_its_new_schedule(tmp_path: Path) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1, RESCHEDULE]).state(date(2021, 7, 2))
    assert (state.dpd, state.overdue_principal, state.overdue_interest) == (1, 183500, 5500)


def test_before_its_date_a_reschedule_changes_nothing(tmp_path: Path) -> None:
    state = loan_of(tmp_path, [LOAN_A, PAY_1, RESCHEDULE]).state(date(2021, 5, 31))
    # Still the original schedule: installments 2-4 (from 2021-03-10) are overdue.
    assert (state.status, state.dpd) == (
        Status.ACTIVE,
        (date(2021, 5, 31) - date(2021, 3, 10)).days,
    )


# --- buckets -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dpd", "bucket"),
    [
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "91-180"),
        (180, "91-180"),
        (181, "181-365"),
        (365, "181-365"),
        (366, ">365"),
    ],
)
def test_aging_buckets_include_both_ends(dpd: int, bucket: str) -> None:
    assert bucket_of(dpd) == bucket


# --- invariants ----------------------------------------------------------------------------------


def _repaid_per_schedule(principal: int, term: int, method: str) -> str:
    """A loan lent on 2021-01-10 and repaid exactly per its own schedule."""
    terms = Terms(
        D(principal),
        D("0.5"),
        term,
        Method(method),
        date(2021, 1, 10),
        rounding_unit=D(1000),
    )
    text = f"""
    2021-01-10 * "Nguyễn Thị Hoa" "Vay" ^A
      term: {term}
      method: "{method}"
      Assets:IGF:Loans:M001     {principal} VND
      Assets:IGF:Cash
    """
    for row in build_schedule(terms):
        text += f"""
    {row.due} * "Nguyễn Thị Hoa" "Trả kỳ {row.n}" ^A
      Assets:IGF:Cash            {row.total} VND
      Assets:IGF:Loans:M001     -{row.principal} VND
      Income:IGF:Interest       -{row.interest} VND
    """
    return text.replace("-0 VND", "0 VND")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    principal=st.integers(1, 10000).map(lambda k: k * 1000),
    term=st.integers(1, 24),
    method=st.sampled_from([m.value for m in Method]),
)
def test_a_loan_repaid_per_its_schedule_ends_repaid_and_never_late(
    tmp_path_factory: pytest.TempPathFactory, principal: int, term: int, method: str
) -> None:
    path = tmp_path_factory.mktemp("book")
    _, book = load(path, _repaid_per_schedule(principal, term, method))
    loan = loans_of(book).loans["A"]
    assert loan_errors(book) == []
    for row in loan.schedule:
        assert loan.state(row.due).dpd == 0
    final = loan.state(loan.schedule[-1].due)
    assert (final.status, final.outstanding, final.overdue) == (Status.REPAID, 0, 0)
