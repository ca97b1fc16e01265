"""Kon Tum's district-level units, a few real communes of each, and who lives there.

The units are those in force before the 2025 reforms (Kon Tum was merged into Quảng Ngãi on
1 July 2025 and districts were abolished). ``weight`` spreads the plan's clubs over the
districts roughly by population; ``peoples`` is the ethnic mix a club there draws its members
from, as weights (the dominant people of each area comes first).
"""

from __future__ import annotations

from dataclasses import dataclass

from ledger_engine.ascii_text import slug


@dataclass(frozen=True, slots=True)
class District:
    code: str  # two letters in club codes: KT-DH-001
    name: str
    communes: tuple[str, ...]
    peoples: tuple[tuple[str, int], ...]
    weight: int
    poor_share: float  # share of poor or near-poor households among members

    @property
    def slug(self) -> str:
        return slug(self.name)


@dataclass(frozen=True, slots=True)
class Province:
    code: str
    name: str
    districts: tuple[District, ...]
    merged_into: str  # the province it belongs to after the 2025 merger
    merged_on: str  # ISO date of the merger


KON_TUM = Province(
    code="KT",
    name="Kon Tum",
    merged_into="Quảng Ngãi",
    merged_on="2025-07-01",
    districts=(
        District(
            "TP",
            "Thành phố Kon Tum",
            (
                "Đắk Cấm",
                "Đắk Blà",
                "Ia Chim",
                "Hòa Bình",
                "Vinh Quang",
                "Ngọk Bay",
                "Chư Hreng",
                "Kroong",
                "Đoàn Kết",
            ),
            (("Kinh", 60), ("Ba Na", 34), ("Gia Rai", 6)),
            12,
            0.30,
        ),
        District(
            "DH",
            "Đắk Hà",
            (
                "Hà Mòn",
                "Đắk La",
                "Đắk Mar",
                "Đắk Hring",
                "Đắk Psi",
                "Đắk Ui",
                "Ngọk Wang",
                "Ngọk Réo",
            ),
            (("Kinh", 55), ("Xơ Đăng", 30), ("Ba Na", 15)),
            9,
            0.40,
        ),
        District(
            "DT",
            "Đắk Tô",
            (
                "Diên Bình",
                "Tân Cảnh",
                "Kon Đào",
                "Pô Kô",
                "Ngọc Tụ",
                "Đắk Rơ Nga",
                "Đắk Trăm",
                "Văn Lem",
            ),
            (("Kinh", 50), ("Xơ Đăng", 45), ("Ba Na", 5)),
            8,
            0.45,
        ),
        District(
            "NH",
            "Ngọc Hồi",
            ("Đắk Ang", "Đắk Dục", "Đắk Nông", "Đắk Xú", "Bờ Y", "Sa Loong", "Đắk Kan"),
            (("Kinh", 50), ("Giẻ Triêng", 35), ("Brâu", 10), ("Xơ Đăng", 5)),
            8,
            0.45,
        ),
        District(
            "DG",
            "Đắk Glei",
            (
                "Đắk Pék",
                "Đắk Choong",
                "Xốp",
                "Mường Hoong",
                "Ngọc Linh",
                "Đắk Long",
                "Đắk Môn",
                "Đắk Kroong",
                "Đắk Man",
                "Đắk Nhoong",
                "Đắk Plô",
            ),
            (("Giẻ Triêng", 60), ("Xơ Đăng", 25), ("Kinh", 15)),
            7,
            0.60,
        ),
        District(
            "ST",
            "Sa Thầy",
            (
                "Sa Sơn",
                "Sa Nghĩa",
                "Sa Bình",
                "Ya Xiêr",
                "Ya Tăng",
                "Ya Ly",
                "Rờ Kơi",
                "Mô Rai",
                "Hơ Moong",
                "Sa Nhơn",
            ),
            (("Kinh", 45), ("Gia Rai", 35), ("Rơ Măm", 10), ("Ba Na", 10)),
            7,
            0.50,
        ),
        District(
            "KR",
            "Kon Rẫy",
            ("Đắk Kôi", "Đắk Tơ Lung", "Đắk Ruồng", "Tân Lập", "Đắk Pne", "Đắk Tờ Re"),
            (("Ba Na", 50), ("Xơ Đăng", 30), ("Kinh", 20)),
            6,
            0.55,
        ),
        District(
            "KP",
            "Kon Plông",
            (
                "Đắk Long",
                "Hiếu",
                "Ngọk Tem",
                "Đắk Ring",
                "Đắk Nên",
                "Măng Cành",
                "Măng Bút",
                "Pờ Ê",
                "Đắk Tăng",
            ),
            (("Xơ Đăng", 80), ("Ba Na", 10), ("Kinh", 10)),
            6,
            0.65,
        ),
        District(
            "TM",
            "Tu Mơ Rông",
            (
                "Đắk Tờ Kan",
                "Đắk Rơ Ông",
                "Đắk Sao",
                "Đắk Na",
                "Măng Ri",
                "Ngọk Lây",
                "Ngọk Yêu",
                "Tu Mơ Rông",
                "Văn Xuôi",
                "Tê Xăng",
            ),
            (("Xơ Đăng", 90), ("Kinh", 10)),
            5,
            0.70,
        ),
        District(
            "IH",
            "Ia H'Drai",
            ("Ia Dom", "Ia Tơi", "Ia Đal"),
            (("Kinh", 80), ("Gia Rai", 20)),
            4,
            0.45,
        ),
    ),
)

PROVINCES: dict[str, Province] = {"kon-tum": KON_TUM}
