"""People's and villages' names as they look in Kon Tum's club registers.

Kinh names run family name, middle name, given name ("Nguyễn Thị Hoa"). Among the Xơ Đăng,
Ba Na, Giẻ Triêng, Brâu and Rơ Măm, registers mostly write "A" before a man's given name and
"Y" before a woman's ("A Thút", "Y Bình"); Gia Rai names lead with the lineage name
("Rơ Châm Phiu", "Siu Hlen"). The given names are drawn from common ones; the people are not
real.
"""

from __future__ import annotations

import random

from ledger_engine.registry import Gender

Weighted = tuple[tuple[str, int], ...]

KINH_FAMILY: Weighted = (
    ("Nguyễn", 38),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 5),
    ("Huỳnh", 4),
    ("Phan", 4),
    ("Võ", 4),
    ("Đặng", 2),
    ("Bùi", 2),
    ("Đỗ", 2),
    ("Hồ", 2),
    ("Ngô", 2),
    ("Dương", 1),
    ("Lý", 1),
)
KINH_MIDDLE: dict[Gender, Weighted] = {
    Gender.F: (("Thị", 85), ("Ngọc", 5), ("Thu", 5), ("Kim", 5)),
    Gender.M: (
        ("Văn", 60),
        ("Đình", 8),
        ("Hữu", 8),
        ("Quang", 6),
        ("Minh", 6),
        ("Đức", 6),
        ("Công", 6),
    ),
}
KINH_GIVEN: dict[Gender, tuple[str, ...]] = {
    Gender.F: (
        "Hoa",
        "Lan",
        "Hương",
        "Mai",
        "Hồng",
        "Nga",
        "Thu",
        "Hà",
        "Loan",
        "Liên",
        "Hạnh",
        "Tuyết",
        "Xuân",
        "Yến",
        "Phượng",
        "Nhung",
        "Oanh",
        "Thảo",
        "Cúc",
        "Đào",
        "Sen",
        "Huệ",
        "Bích",
        "Hằng",
        "Thủy",
        "Vân",
        "Lệ",
        "Hiền",
    ),
    Gender.M: (
        "Hùng",
        "Dũng",
        "Tuấn",
        "Minh",
        "Hải",
        "Sơn",
        "Bình",
        "Thắng",
        "Long",
        "Nam",
        "Cường",
        "Phúc",
        "Thanh",
        "Tâm",
        "Quang",
        "Lợi",
        "Tài",
        "Đức",
        "Hòa",
        "Trung",
        "Vinh",
        "Kiên",
        "Tùng",
        "Lâm",
    ),
}
HIGHLAND_GIVEN: dict[Gender, tuple[str, ...]] = {
    Gender.F: (
        "Bình",
        "Nga",
        "Hơn",
        "Mai",
        "Hiền",
        "Xuân",
        "Blưn",
        "Hyen",
        "Nhung",
        "Lan",
        "Pơ",
        "Ngọc",
        "Rô",
        "Luyến",
        "Thiêm",
        "Hiếu",
        "Sương",
        "Dung",
        "Jơ",
        "Hlen",
        "Phương",
        "Hơi",
        "Vi",
        "Nhăm",
        "Đíp",
        "Lê",
        "Hlang",
        "Khuyên",
        "Thuyết",
        "Phiên",
        "Nhi",
        "Blinh",
        "Yên",
        "Thúy",
        "Hà",
        "Oanh",
        "Thơm",
        "Mến",
        "Tâm",
        "Đim",
        "Hrin",
        "Reo",
        "Nhờ",
        "Thương",
        "Pin",
        "Hía",
        "Loan",
        "Yơn",
        "Krâu",
        "Ngân",
    ),
    Gender.M: (
        "Thút",
        "Blong",
        "Hmin",
        "Phiu",
        "Khiêm",
        "Dếch",
        "Pheo",
        "Brêu",
        "Thuân",
        "Rin",
        "Đăm",
        "Hrôi",
        "Gưh",
        "Yên",
        "Lâm",
        "Nhất",
        "Kơ",
        "Tuyên",
        "Đoan",
        "Mui",
        "Chiến",
        "Thanh",
        "Sáu",
        "Bôn",
        "Jar",
        "Hyơ",
        "Brốp",
        "Toan",
        "Hlâm",
        "Krong",
        "Nhưn",
        "Pơ",
        "Đức",
        "Thiên",
        "Rương",
        "Blui",
        "Krin",
        "Hiêng",
        "Tin",
        "Lưu",
        "Khăm",
        "Thai",
        "Bung",
        "Hoan",
        "Ước",
        "Dong",
        "Lem",
        "Ngót",
        "Tới",
        "Pâu",
        "Hyên",
    ),
}
GIA_RAI_FAMILY: Weighted = (
    ("Rơ Châm", 5),
    ("Rơ Mah", 4),
    ("Siu", 5),
    ("Ksor", 4),
    ("Kpă", 3),
    ("Nay", 3),
    ("Rơ Lan", 2),
    ("Puih", 2),
)
GIA_RAI_GIVEN: dict[Gender, tuple[str, ...]] = {
    Gender.F: (
        "Hlen",
        "Blin",
        "Hnhiu",
        "Hyuih",
        "Lan",
        "Nghiêm",
        "Hyơn",
        "Phơng",
        "Mlai",
        "Blơi",
    ),
    Gender.M: (
        "Blong",
        "Hyuh",
        "Thơm",
        "Phiu",
        "Nhơn",
        "Thuyn",
        "Hrin",
        "Đoan",
        "Kim",
        "Djao",
    ),
}
#: Peoples whose registers write "A"/"Y" before the given name.
HIGHLAND = frozenset({"Xơ Đăng", "Ba Na", "Giẻ Triêng", "Brâu", "Rơ Măm"})

VILLAGE_HEADS = ("Kon", "Plei", "Đăk", "Vi", "Tu", "Kon Hra", "Plei Kon")
VILLAGE_TAILS = (
    "Rang",
    "Brông",
    "Lấp",
    "Hring",
    "Tun",
    "Jri",
    "Klah",
    "Xăng",
    "Pơng",
    "Mơ Nay",
    "Năng",
    "Rơ Wang",
    "Bơ",
    "Klor",
    "Chốt",
    "Đe",
)


def pick(rng: random.Random, weighted: Weighted) -> str:
    names = [name for name, _ in weighted]
    weights = [weight for _, weight in weighted]
    return rng.choices(names, weights)[0]


def person_name(rng: random.Random, ethnicity: str, gender: Gender) -> str:
    if ethnicity in HIGHLAND:
        prefix = "Y" if gender is Gender.F else "A"
        return f"{prefix} {rng.choice(HIGHLAND_GIVEN[gender])}"
    if ethnicity == "Gia Rai":
        return f"{pick(rng, GIA_RAI_FAMILY)} {rng.choice(GIA_RAI_GIVEN[gender])}"
    family = pick(rng, KINH_FAMILY)
    return f"{family} {pick(rng, KINH_MIDDLE[gender])} {rng.choice(KINH_GIVEN[gender])}"


def village_name(rng: random.Random, highland: bool) -> str:
    """A numbered hamlet ("thôn 3") for mixed areas, a "làng" for highland villages."""
    if highland:
        return f"làng {rng.choice(VILLAGE_HEADS)} {rng.choice(VILLAGE_TAILS)}"
    return f"thôn {rng.randint(1, 12)}"
