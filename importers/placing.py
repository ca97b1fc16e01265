"""Placing the rule chain's verdict on an imported entry back on the row it came from.

The chain reports on entries (``file:line: message``); a treasurer corrects a row and a
column. Each imported entry knows its row; the column is read from what the rule says, in
English or in Vietnamese, by the table below (first match wins). A message no pattern knows is
placed on the row alone.
"""

from __future__ import annotations

import re

#: (register kind, pattern in the rule's message, column the treasurer corrects).
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("loans", r"principal [\d,]+ VND exceeds|tiền gốc [\d.]+ đồng vượt", "Số tiền"),
    ("loans", r"\bterm [\d,]+ months|kỳ hạn [\d.]+ tháng", "Kỳ hạn"),
    ("loans", r"\brate\b|lãi suất", "Lãi suất"),
    ("loans", r"\bmethod\b|phương thức", "Phương thức"),
    ("loans", r"no loan policy is in force|chưa có quy chế cho vay", "Ngày"),
    (
        "loans",
        r"member|borrower|overdue|active loans|thành viên|người vay|quá hạn",
        "Mã TV",
    ),
    ("loans", r"goes negative|bị âm", "Số tiền"),
    ("repayments", r"balance to|strict splits|dư nợ còn|phân bổ đúng", "Tiền gốc"),
    ("repayments", r"before its disbursement|trước ngày giải ngân", "Ngày"),
    ("repayments", r"the account of|là tài khoản của", "Mã TV"),
    (
        "repayments",
        r"no transaction disburses|không có giao dịch nào giải ngân",
        "Mã khoản vay",
    ),
    ("cashbook", r"goes negative|bị âm", "Chi"),
    ("cashbook", r"tied to no single loan|không gắn với đúng một khoản vay", "Khoản mục"),
    ("members", r"duplicate member code|bị trùng", "Mã TV"),
    (
        "members",
        r"has already exited|exit of unknown member|đã ra khỏi câu lạc bộ|ra khỏi câu lạc bộ "
        r"cho thành viên không có",
        "Ngày ra",
    ),
)


def column_for(kind: str, message: str) -> str:
    """The column of a ``kind`` register that ``message`` is about, or ``""``."""
    for key, pattern, column in COLUMNS:
        if key == kind and re.search(pattern, message):
            return column
    return ""
