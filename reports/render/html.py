"""One self-contained HTML page: styles inline, charts as inline SVG, no external reference.

Tables carry their caption ("Biểu 01. …") and column headers in ``<thead>``, so a browser
printing the page (and the PDF made from it) repeats both on every page a table spans.
Pages print on A4: the document itself upright, the annex's wide tables across.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from reports.labels import Lang
from reports.render.table import Cell, Kind, Measure, Table, cell_text

STYLE = """
body { font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif;
  margin: 2em; color: #111; font-size: 13pt; line-height: 1.35; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
h2 { font-size: 1.1em; margin-top: 1.4em; }
h3 { font-size: 1em; margin: 1.2em 0 0.3em; }
p.meta { color: #333; margin: 0.1em 0; }
table.data { border-collapse: collapse; margin: 0.6em 0; font-size: 10.5pt;
  font-family: "Liberation Sans", "DejaVu Sans", sans-serif; }
table.data th, table.data td { border: 1px solid #9aa5b1; padding: 0.2em 0.45em;
  vertical-align: top; }
table.data thead th { background: #edf2f7; text-align: left; }
table.data thead tr.caption th { background: none; border: none; font-size: 1.05em;
  padding: 0.4em 0; }
table.data td.num, table.data td.code { text-align: right; white-space: nowrap; }
table.data td.code { text-align: left; }
table.data tr.total td { font-weight: bold; border-top: 2px solid #4a5568; }
table.data td.miss { color: #b91c1c; }
table.data tr:target, table.data tr.target { background: #fff7d6; }
table.data a { color: inherit; }
figure { margin: 1em 0; }
.heading { width: 100%; border-collapse: collapse; margin-bottom: 1.2em; }
.heading td { text-align: center; vertical-align: top; padding: 0; font-size: 12pt; }
.heading td.issuer-block { width: 45%; }
.heading td.national-block { width: 55%; }
.ending { break-inside: avoid; }
.heading .upper { text-transform: uppercase; }
.heading .bold { font-weight: bold; }
.heading .rule { width: 35%; height: 0; margin: 0.35em auto 0.4em; border-top: 1px solid #111; }
.heading .dateline { font-style: italic; margin-top: 0.4em; }
.doc-title { text-align: center; font-size: 1.25em; margin: 1em 0 0.1em; }
.doc-subtitle { text-align: center; font-weight: bold; margin: 0 0 0.2em; }
.doc-body p { text-align: justify; text-indent: 1.2cm; margin: 0.3em 0; }
.closing { width: 100%; margin-top: 1.6em; border-collapse: collapse; page-break-inside: avoid; }
.closing td { width: 50%; vertical-align: top; padding: 0; }
.closing .recipients { font-size: 11pt; }
.closing .recipients b { font-style: italic; font-size: 12pt; }
.closing .recipients p { margin: 0; }
.closing .sign { text-align: center; font-weight: bold; }
.closing .sign .space { height: 5em; }
.annex { page: wide; }
.annex-start { break-before: page; }
p.members { font-size: 10pt; text-indent: 0; }
@page { size: A4; margin: 20mm 15mm 20mm 30mm;
  @bottom-right { content: counter(page) "/" counter(pages); font-size: 9pt; } }
@page wide { size: A4 landscape; margin: 15mm 15mm 15mm 20mm; }
@media print {
  body { margin: 0; font-size: 13pt; }
  h2, h3 { break-after: avoid; }
  table.data { font-size: 9pt; }
  table.data tr { break-inside: avoid; }
  table.data a { text-decoration: none; }
}
"""


def _cell(value: Cell, kind: Kind, lang: Lang, href: str | None) -> str:
    text = escape(cell_text(value, kind, lang))
    if href:
        text = f'<a href="{escape(href)}">{text}</a>'
    own = value.kind if isinstance(value, Measure) else kind
    if own is Kind.TEXT:
        # Codes and file names stay on one line; sentences wrap.
        short = isinstance(value, str) and " " not in value and len(value) <= 16
        return f'<td class="code">{text}</td>' if short else f"<td>{text}</td>"
    missing = own is Kind.FLAG and value is False
    return f'<td class="{"miss" if missing else "num"}">{text}</td>'


def _row(
    values: Sequence[Cell], table: Table, lang: Lang, hrefs: Sequence[str | None] = ()
) -> str:
    links = list(hrefs) or [None] * len(values)
    return "".join(
        _cell(v, c.kind, lang, h)
        for v, c, h in zip(values, table.columns, links, strict=True)
    )


def table_html(table: Table, lang: Lang, table_id: str | None = None) -> str:
    head = "".join(f"<th>{escape(c.header)}</th>" for c in table.columns)
    span = len(table.columns)
    rows = []
    for k, values in enumerate(table.rows):
        row_id = table.row_ids[k] if k < len(table.row_ids) else None
        hrefs = table.links[k] if k < len(table.links) else ()
        attr = f' id="{escape(row_id)}"' if row_id else ""
        rows.append(f"<tr{attr}>{_row(values, table, lang, hrefs)}</tr>")
    if table.total:
        rows.append(f'<tr class="total">{_row(table.total, table, lang)}</tr>')
    notes = "".join(f'<p class="meta">{escape(n)}</p>' for n in table.notes)
    ident = f' id="{escape(table_id)}"' if table_id else ""
    return (
        f'<table class="data"{ident}><thead><tr class="caption"><th colspan="{span}">'
        f"{escape(table.caption(lang))}</th></tr><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>{notes}"
    )


def page(title: str, meta: Sequence[str], sections: Sequence[str], lang: Lang) -> str:
    lines = "".join(f'<p class="meta">{escape(m)}</p>' for m in meta)
    return document(title, f"<h1>{escape(title)}</h1>{lines}{''.join(sections)}", lang)


def document(title: str, body: str, lang: Lang) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{lang.value}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def figure(svg: str) -> str:
    return f"<figure>{svg}</figure>"
