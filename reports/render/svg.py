"""Charts drawn as inline SVG: no library, no script, nothing fetched when the page opens."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from reports.labels import Lang, number, percent

WIDTH = 720
LABEL_W = 220
ROW_H = 24
TOP = 34
VALUE_W = (
    70  # the column of values, right of the bars: no label ever sits on the target line
)
BAR_W = WIDTH - LABEL_W - VALUE_W - 20
COLORS = ("#2b6cb0", "#ed8936", "#38a169", "#a0aec0")
TARGET_COLOR = "#c53030"


def _frame(title: str, rows: int, body: list[str], legend: str = "") -> str:
    height = TOP + rows * ROW_H + 14
    return (
        f'<svg role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" '
        f'font-family="sans-serif" font-size="12"><title>{escape(title)}</title>'
        f'<text x="0" y="16" font-size="14" font-weight="bold">{escape(title)}</text>'
        f"{legend}{''.join(body)}</svg>"
    )


def _label(y: float, text: str) -> str:
    return (
        f'<text x="{LABEL_W - 8}" y="{y + 15}" text-anchor="end">{escape(text[:34])}</text>'
    )


def bar_chart(
    title: str,
    bars: Sequence[tuple[str, Decimal | None]],
    lang: Lang,
    *,
    line: Decimal | None = None,
    top: Decimal = Decimal(1),
) -> str:
    """Horizontal bars of shares from 0 to ``top``, with a vertical line at ``line``.

    Values stand in their own column right of the bars, and the line's own label above the
    bars, so that no text crosses the line."""
    scale = max([top, *(v for _, v in bars if v is not None)])
    body = []
    values_x = LABEL_W + BAR_W + VALUE_W
    for k, (name, value) in enumerate(bars):
        y = TOP + k * ROW_H
        body.append(_label(y, name))
        width = float((value or 0) / scale) * BAR_W if scale else 0.0
        color = COLORS[0] if line is None or (value or 0) >= line else COLORS[1]
        body.append(
            f'<rect x="{LABEL_W}" y="{y + 3}" width="{width:.1f}" height="{ROW_H - 6}" '
            f'fill="{color}"/>'
            f'<text x="{values_x}" y="{y + 15}" text-anchor="end">{percent(value, lang)}</text>'
        )
    if line is not None and scale:
        x = LABEL_W + float(line / scale) * BAR_W
        bottom = TOP + len(bars) * ROW_H
        body.append(
            f'<line x1="{x:.1f}" y1="{TOP - 2}" x2="{x:.1f}" y2="{bottom}" '
            f'stroke="{TARGET_COLOR}" stroke-width="2" stroke-dasharray="5,3"/>'
            f'<text x="{x + 4:.1f}" y="{TOP - 4}" fill="{TARGET_COLOR}" font-size="11">'
            f"{percent(line, lang, 0)}</text>"
        )
    return _frame(title, len(bars), body)


def stacked_chart(
    title: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    parts: Sequence[str],
    lang: Lang,
) -> str:
    """One bar per row split into ``parts`` by share of the row's whole, with a legend."""
    body = []
    for k, (name, counts) in enumerate(rows):
        y = TOP + k * ROW_H
        body.append(_label(y, name))
        whole, x = sum(counts), float(LABEL_W)
        for j, count in enumerate(counts):
            width = count / whole * BAR_W if whole else 0.0
            body.append(
                f'<rect x="{x:.1f}" y="{y + 3}" width="{width:.1f}" height="{ROW_H - 6}" '
                f'fill="{COLORS[j % len(COLORS)]}"><title>{escape(parts[j])}: '
                f"{number(count, lang)}</title></rect>"
            )
            x += width
        body.append(f'<text x="{x + 6:.1f}" y="{y + 15}">{number(whole, lang)}</text>')
    legend = "".join(
        f'<rect x="{LABEL_W + 150 * j}" y="22" width="10" height="10" '
        f'fill="{COLORS[j % len(COLORS)]}"/>'
        f'<text x="{LABEL_W + 150 * j + 14}" y="31">{escape(part)}</text>'
        for j, part in enumerate(parts)
    )
    return _frame(title, len(rows), body, legend)
