"""Inline SVG charts: drawn on the server, so they print and need no script."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from ledger_engine.fava_ext import fmt
from ledger_engine.fava_ext.views import AgingBar

#: Bucket → (label, colour): green while current, darkening red as arrears age.
BUCKET_STYLE: dict[str, tuple[str, str]] = {
    "current": ("Trong hạn / current", "#2e7d32"),
    "1-30": ("1–30 ngày / days", "#9e9d24"),
    "31-60": ("31–60 ngày / days", "#f9a825"),
    "61-90": ("61–90 ngày / days", "#ef6c00"),
    "91-180": ("91–180 ngày / days", "#d84315"),
    "181-365": ("181–365 ngày / days", "#c62828"),
    ">365": ("> 365 ngày / days", "#6d1b1b"),
}
ROW = 30
LABEL = 170
BAR = 300
WIDTH = LABEL + BAR + 190


def aging_svg(bars: Sequence[AgingBar]) -> str:
    """Horizontal bars of outstanding principal per aging bucket, amounts written beside."""
    largest = max((bar.outstanding for bar in bars), default=Decimal(0))
    height = ROW * len(bars) + 10
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="le-aging" role="img" '
        f'width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'aria-label="Dư nợ theo nhóm nợ / Outstanding by aging bucket">'
    ]
    for k, bar in enumerate(bars):
        label, colour = BUCKET_STYLE.get(bar.bucket, (bar.bucket, "#555"))
        y = 5 + k * ROW
        length = int(BAR * bar.outstanding / largest) if largest > 0 else 0
        if bar.outstanding > 0:
            length = max(length, 2)
        text = f"{fmt.money(bar.outstanding)} ({bar.loans})"
        parts.append(
            f'<g data-bucket="{escape(bar.bucket)}">'
            f'<text x="{LABEL - 8}" y="{y + 18}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{length}" height="{ROW - 10}" '
            f'fill="{colour}"><title>{escape(label)}: {escape(text)}</title></rect>'
            f'<text x="{LABEL + length + 6}" y="{y + 18}">{escape(text)}</text></g>'
        )
    parts.append("</svg>")
    return "".join(parts)
