"""Words and number formats of the reports, per language (Vietnamese first)."""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal
from enum import StrEnum


class Lang(StrEnum):
    VI = "vi"
    EN = "en"


_VI: dict[str, str] = {
    "coverage_title": "Tỷ lệ thành viên vay vốn quỹ tăng thu nhập",
    "semiannual_title": "Báo cáo sáu tháng {year} thực hiện Kế hoạch {plan}",
    "annual_title": "Báo cáo năm {year} thực hiện Kế hoạch {plan}",
    "as_of": "Số liệu đến ngày",
    "basis": "Cách tính người vay",
    "basis_recent": "vay trong 12 tháng hoặc còn dư nợ",
    "basis_outstanding": "còn dư nợ",
    "basis_ever": "đã từng vay",
    "level_club": "Câu lạc bộ",
    "level_commune": "Xã",
    "level_district": "Huyện",
    "level_province": "Tỉnh",
    "level_nation": "Toàn quốc",
    "no_unit": "(không có)",
    "total": "Tổng cộng",
    "club": "Câu lạc bộ",
    "code": "Mã CLB",
    "clubs": "Số CLB",
    "failed": "Sổ không đọc được",
    "with_errors": "CLB có lỗi sổ sách",
    "members": "Thành viên",
    "women": "Nữ",
    "men": "Nam",
    "older": "Người cao tuổi",
    "younger": "Người trẻ hơn",
    "poor": "Hộ nghèo",
    "near_poor": "Hộ cận nghèo",
    "ethnic_minority": "Dân tộc thiểu số",
    "borrowers": "Thành viên vay vốn",
    "coverage": "Tỷ lệ vay vốn",
    "meeting_target": "CLB đạt ≥ {coverage}",
    "meeting_target_share": "% CLB đạt",
    "glp": "Dư nợ",
    "at_risk_30": "Dư nợ quá hạn > 30 ngày",
    "par30": "PAR30",
    "collection_rate": "Tỷ lệ thu nợ đúng hạn",
    "igf_cash": "Tiền quỹ TTN chưa cho vay",
    "igf_loans": "Dư nợ cho vay",
    "activity_fund": "Quỹ hoạt động",
    "target": "Chỉ tiêu",
    "indicator": "Chỉ số",
    "planned": "Kế hoạch",
    "actual": "Thực hiện",
    "met": "Đạt",
    "not_met": "Chưa đạt",
    "missing": "CLB chưa đạt",
    "reasons": "Lý do",
    "gap_plan": "Kế hoạch bổ sung người vay để đạt {coverage}",
    "needed": "Cần thêm người vay",
    "loan_size": "Mức vay thường",
    "loans_fundable": "Số khoản vay quỹ tự đáp ứng",
    "self_funded": "Tự đáp ứng bằng quỹ",
    "yes": "có",
    "no": "không",
    "errors": "Lỗi",
    "file": "Tệp",
    "why": "Nguyên nhân",
    "district": "Huyện",
    "commune": "Xã",
    "province": "Tỉnh",
    "composition": "Cơ cấu thành viên",
    "chart_coverage": "Tỷ lệ vay vốn theo huyện (đường kẻ: mục tiêu {coverage})",
    "chart_composition": "Cơ cấu thành viên theo huyện",
    "chart_par": "PAR30 theo huyện (đường kẻ: ngưỡng quản lý tốt)",
    "t1_new_clubs": "T1 CLB mới thành lập",
    "t1_members": "T1 Thành viên",
    "t1_older": "T1 Thành viên cao tuổi",
    "t2_kept": "T2 CLB giai đoạn trước được duy trì",
    "t3_clubs": "T3 CLB đạt cơ cấu (số thành viên; tỷ lệ nữ, NCT, người trẻ hơn)",
    "t4_clubs": "T4 CLB hoạt động đủ, quản lý tốt, đạt tỷ lệ vay vốn",
    "t4_coverage": "T4 Tỷ lệ thành viên vay vốn",
    "t5_clubs": "T5 CLB có đủ hai quỹ",
    "why_failed": "sổ không đọc được",
    "why_coverage": "tỷ lệ vay {value}",
    "why_areas": "thiếu lĩnh vực: {value}",
    "why_meetings": "{value} cuộc họp tháng",
    "why_errors": "{value} lỗi sổ sách",
    "why_par": "PAR30 {value}",
    "why_members": "{value} thành viên",
    "why_women": "nữ {value}",
    "why_older": "cao tuổi {value}",
    "why_younger": "người trẻ hơn {value}",
    "why_igf": "quỹ TTN không có số dư",
    "why_activity": "quỹ hoạt động không có số dư",
    "why_inactive": "không còn thành viên",
    "sheet_province": "Tỉnh",
    "sheet_districts": "Huyện",
    "sheet_clubs": "CLB",
    "sheet_gap": "Bổ sung người vay",
    "sheet_units": "Đơn vị",
    "sheet_failed": "Sổ lỗi",
    "sheet_skipped": "Tệp bỏ qua",
    "skipped": "Tệp .beancount bỏ qua (không phải sổ câu lạc bộ)",
    "figures": "Thành viên, người vay, dư nợ và quỹ",
    "borrowers_women": "Nữ vay vốn",
    "borrowers_older": "Người cao tuổi vay vốn",
    "borrowers_poor": "Hộ nghèo vay vốn",
    "borrowers_near_poor": "Hộ cận nghèo vay vốn",
    "borrowers_ethnic_minority": "Dân tộc thiểu số vay vốn",
    "collected_on_time": "Thu nợ đúng hạn (12 tháng)",
    "fell_due": "Nợ đến hạn (12 tháng)",
    "amount": "Số lượng, số tiền",
    "share": "Tỷ lệ",
    "report_note": "Tỷ lệ của huyện, tỉnh tính lại từ số người, số tiền (không lấy trung bình tỷ lệ).",
}

_EN: dict[str, str] = {
    "coverage_title": "Members borrowing from the income-generation fund",
    "semiannual_title": "Half-year report {year} on Plan {plan}",
    "annual_title": "Annual report {year} on Plan {plan}",
    "as_of": "Figures as of",
    "basis": "Borrowers counted",
    "basis_recent": "borrowed in the last 12 months or owing",
    "basis_outstanding": "owing",
    "basis_ever": "ever borrowed",
    "level_club": "Club",
    "level_commune": "Commune",
    "level_district": "District",
    "level_province": "Province",
    "level_nation": "Nation",
    "no_unit": "(none)",
    "total": "Total",
    "club": "Club",
    "code": "Club code",
    "clubs": "Clubs",
    "failed": "Unreadable books",
    "with_errors": "Clubs with book errors",
    "members": "Members",
    "women": "Women",
    "men": "Men",
    "older": "Older people",
    "younger": "Younger people",
    "poor": "Poor households",
    "near_poor": "Near-poor households",
    "ethnic_minority": "Ethnic minority",
    "borrowers": "Borrowing members",
    "coverage": "Coverage",
    "meeting_target": "Clubs ≥ {coverage}",
    "meeting_target_share": "% of clubs",
    "glp": "Loan portfolio",
    "at_risk_30": "At risk > 30 days",
    "par30": "PAR30",
    "collection_rate": "On-time collection",
    "igf_cash": "Idle IGF cash",
    "igf_loans": "Money out on loans",
    "activity_fund": "Activity fund",
    "target": "Target",
    "indicator": "Indicator",
    "planned": "Planned",
    "actual": "Actual",
    "met": "Met",
    "not_met": "Not met",
    "missing": "Clubs missing it",
    "reasons": "Why",
    "gap_plan": "Plan to reach {coverage} borrowers",
    "needed": "Borrowers needed",
    "loan_size": "Usual loan",
    "loans_fundable": "Loans its fund pays for",
    "self_funded": "Own fund suffices",
    "yes": "yes",
    "no": "no",
    "errors": "Errors",
    "file": "File",
    "why": "Why",
    "district": "District",
    "commune": "Commune",
    "province": "Province",
    "composition": "Members by group",
    "chart_coverage": "Coverage by district (line: the {coverage} target)",
    "chart_composition": "Members by district",
    "chart_par": "PAR30 by district (line: the well-managed limit)",
    "t1_new_clubs": "T1 New clubs",
    "t1_members": "T1 Members",
    "t1_older": "T1 Older members",
    "t2_kept": "T2 Earlier clubs kept",
    "t3_clubs": "T3 Clubs with the planned make-up (members; women, older, younger)",
    "t4_clubs": "T4 Clubs active, well managed, enough borrowing",
    "t4_coverage": "T4 Members borrowing",
    "t5_clubs": "T5 Clubs with both funds",
    "why_failed": "book unreadable",
    "why_coverage": "coverage {value}",
    "why_areas": "areas missing: {value}",
    "why_meetings": "{value} monthly meetings",
    "why_errors": "{value} book errors",
    "why_par": "PAR30 {value}",
    "why_members": "{value} members",
    "why_women": "women {value}",
    "why_older": "older {value}",
    "why_younger": "younger {value}",
    "why_igf": "no income-generation fund balance",
    "why_activity": "no activity fund balance",
    "why_inactive": "no active members",
    "sheet_province": "Province",
    "sheet_districts": "Districts",
    "sheet_clubs": "Clubs",
    "sheet_gap": "Gap plan",
    "sheet_units": "Units",
    "sheet_failed": "Failed books",
    "sheet_skipped": "Skipped files",
    "skipped": ".beancount files skipped (not club books)",
    "figures": "Members, borrowers, portfolio and funds",
    "borrowers_women": "Women borrowing",
    "borrowers_older": "Older people borrowing",
    "borrowers_poor": "Poor households borrowing",
    "borrowers_near_poor": "Near-poor households borrowing",
    "borrowers_ethnic_minority": "Ethnic minority borrowing",
    "collected_on_time": "Collected on time (12 months)",
    "fell_due": "Fell due (12 months)",
    "amount": "Count, amount",
    "share": "Share",
    "report_note": "District and province ratios are recomputed from counts and amounts, never averaged.",
}

LABELS: dict[Lang, dict[str, str]] = {Lang.VI: _VI, Lang.EN: _EN}


def label(lang: Lang, key: str, **values: object) -> str:
    text = LABELS[lang].get(key, key)
    return text.format(**values) if values else text


def _grouped(whole: int, sep: str) -> str:
    return f"{whole:,}".replace(",", sep)


def number(value: int | Decimal | None, lang: Lang) -> str:
    """A whole number grouped as its readers write it: 150.000.000 (vi), 150,000,000 (en)."""
    if value is None:
        return "–"
    whole = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
    return _grouped(whole, "." if lang is Lang.VI else ",")


def percent(value: Decimal | None, lang: Lang, places: int = 1) -> str:
    """A share as a percentage: 22,2 % (vi), 22.2 % (en)."""
    if value is None:
        return "–"
    text = f"{value * 100:.{places}f}"
    return (text.replace(".", ",") if lang is Lang.VI else text) + " %"


def target_percent(value: Decimal, lang: Lang) -> str:
    """A target as the plan writes it, every digit kept: 50 %, 52,5 % (vi), 52.5 % (en)."""
    text = f"{(value * 100).normalize():f}"
    return (text.replace(".", ",") if lang is Lang.VI else text) + " %"
