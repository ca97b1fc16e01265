"""The starter book that ``ledger-engine new-club`` writes, comments included."""

from __future__ import annotations

import datetime

from ledger_engine.ascii_text import ascii_fold

STARTER = """\
; Sổ sách của {name} — the books of one Intergenerational Self-Help Club.
; One file per club. Only this top-level file's `option` and `plugin` lines count.
; Check it after every change:   ledger-engine check {filename}

option "title" "{title}"           ; ASCII only: it becomes the web address in Fava
option "operating_currency" "VND"
plugin "ledger_engine.plugins"     ; the club's rules (eligibility, repayments, cash)

; The club and where it stands. When its commune or district changes, add a new
; `custom "club"` entry with the same code, dated from the change.
{founded} custom "club" "{code}"
  name: "{name}"
  province: "{province}"
{district_line}  commune: "{commune}"

; Accounts. Loans get one account per borrower: Assets:IGF:Loans:<member code>.
{founded} open Assets:IGF:Cash                 VND   ; quỹ tăng thu nhập — tiền mặt
{founded} open Assets:IGF:Bank                 VND   ; quỹ tăng thu nhập — tiền gửi
{founded} open Assets:Activity:Cash            VND   ; quỹ hoạt động — tiền mặt
{founded} open Equity:IGF:Capital:State        VND   ; vốn nhà nước hỗ trợ
{founded} open Equity:IGF:Capital:Members      VND   ; vốn thành viên góp
{founded} open Equity:Activity:Capital         VND
{founded} open Equity:Opening-Balances         VND
{founded} open Income:IGF:Interest             VND   ; lãi cho vay
{founded} open Income:IGF:Penalties            VND
{founded} open Income:IGF:Recoveries           VND
{founded} open Income:Activity:Fees            VND   ; hội phí
{founded} open Income:Activity:Donations       VND   ; ủng hộ
{founded} open Income:Activity:Interest-Share  VND   ; phần lãi chuyển sang quỹ hoạt động
{founded} open Expenses:IGF:Interest-Share     VND
{founded} open Expenses:IGF:Loan-Losses        VND
{founded} open Expenses:Activity:Health        VND   ; one per activity area spent on

; The club's loan regulation (quy chế). Edit it to match what the members agreed.
; A later `custom "loan-policy"` entry replaces it from its own date.
{founded} custom "loan-policy" "standard"
  max_principal: 10000000 VND
  max_term: 24                 ; months
  rate: 0.5                    ; % per month
  method: "flat"               ; flat | declining | equal-principal | bullet
  grace: 0                     ; interest-only periods before principal is due
  rounding: 1000 VND           ; installments rounded to this unit
  tolerance_days: 0            ; days after a due date before it counts as overdue
  max_active_loans: 1
  min_membership_days: 90
  interest_to_activity: 30     ; % of interest received that goes to the activity fund

; Members: code, full name; gender F or M, year of birth, ethnicity, household poor |
; near-poor | none. Add one line block per member, dated the day they joined:
;
; {founded} custom "member" "M001" "Nguyễn Thị Hoa"
;   gender: "F"
;   born: 1952
;   ethnicity: "Kinh"
;   household: "poor"
;
; A loan: the link ^L... names it; every repayment carries the same link.
;
; {example_loan} * "Nguyễn Thị Hoa" "Vay nuôi heo" ^L{year}-001
;   voucher: "PC-{year}-001"
;   term: 12
;   Assets:IGF:Loans:M001     5000000 VND
;   Assets:IGF:Cash          -5000000 VND
"""


def starter_book(
    *,
    code: str,
    name: str,
    province: str,
    district: str | None,
    commune: str,
    founded: datetime.date,
    filename: str,
) -> str:
    district_line = f'  district: "{district}"\n' if district else ""
    return STARTER.format(
        code=code,
        name=name,
        title=ascii_fold(name).replace('"', "'"),
        province=province,
        district_line=district_line,
        commune=commune,
        founded=founded.isoformat(),
        example_loan=(founded + datetime.timedelta(days=120)).isoformat(),
        year=(founded + datetime.timedelta(days=120)).year,
        filename=filename,
    )
