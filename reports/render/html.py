"""One self-contained HTML page: styles inline, charts as inline SVG, no external reference."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reports.labels import Lang
from reports.render.table import Cell, Kind, Table, cell_text

STYLE = """
body { font-family: sans-serif; margin: 2em; color: #1a202c; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin-top: 1.6em; }
p.meta { color: #4a5568; margin: 0.1em 0; }
table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
th, td { border: 1px solid #cbd5e0; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #edf2f7; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #4a5568; }
td.miss { color: #c53030; }
figure { margin: 1em 0; }
@media print { body { margin: 0.5cm; } h2 { page-break-after: avoid; } }
"""


def _cell(value: Cell, kind: Kind, lang: Lang) -> str:
    text = escape(cell_text(value, kind, lang))
    if kind is Kind.TEXT:
        return f"<td>{text}</td>"
    missing = kind is Kind.FLAG and value is False
    return f'<td class="{"miss" if missing else "num"}">{text}</td>'


def table_html(table: Table, lang: Lang) -> str:
    head = "".join(f"<th>{escape(c.header)}</th>" for c in table.columns)
    rows = [
        "<tr>"
        + "".join(_cell(v, c.kind, lang) for v, c in zip(row, table.columns, strict=True))
        + "</tr>"
        for row in table.rows
    ]
    if table.total:
        cells = "".join(
            _cell(v, c.kind, lang) for v, c in zip(table.total, table.columns, strict=True)
        )
        rows.append(f'<tr class="total">{cells}</tr>')
    notes = "".join(f'<p class="meta">{escape(n)}</p>' for n in table.notes)
    return (
        f"<h2>{escape(table.title)}</h2><table><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{notes}"
    )


def page(title: str, meta: Sequence[str], sections: Sequence[str], lang: Lang) -> str:
    lines = "".join(f'<p class="meta">{escape(m)}</p>' for m in meta)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang.value}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{lines}{''.join(sections)}</body></html>\n"
    )


def figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"
