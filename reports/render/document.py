"""The frame of a Vietnamese administrative document (Decree 30/2020/NĐ-CP), as HTML.

At the top, side by side: the issuing body under the body above it, with the document's
number; the national name and motto, with the place-and-date line. Then the title; at the
end, the recipients (*Nơi nhận*) beside the signature block. The words come from the
report's settings (``reports.settings``), so the province fills them in once.
"""

from __future__ import annotations

import datetime
from html import escape

from reports.labels import Lang, date_line, label
from reports.settings import ReportSettings


def heading(settings: ReportSettings, issued: datetime.date, lang: Lang) -> str:
    issuer = settings.issuer
    left = (
        f'<div class="upper issuer-parent">{escape(issuer.parent)}</div>'
        f'<div class="upper bold issuer">{escape(issuer.name)}</div>'
        '<div class="rule"></div>'
        f'<div class="number">{label(lang, "number")}: '
        f'<span style="white-space:pre">{escape(issuer.number)}</span></div>'
    )
    right = (
        f'<div class="upper bold national">{label(lang, "national_name")}</div>'
        f'<div class="bold motto">{label(lang, "national_motto")}</div>'
        '<div class="rule"></div>'
        f'<div class="dateline">{escape(date_line(issuer.place, issued, lang))}</div>'
    )
    return (
        f'<table class="heading"><tr><td class="issuer-block">{left}</td>'
        f'<td class="national-block">{right}</td></tr></table>'
    )


def title_block(subtitle: str, lang: Lang) -> str:
    return (
        f'<h1 class="doc-title">{label(lang, "doc_title")}</h1>'
        f'<p class="doc-subtitle">{escape(subtitle)}</p>'
    )


def closing(settings: ReportSettings, lang: Lang) -> str:
    # Each recipient on its line ending in ";", the last (the archive) in ".".
    count = len(settings.recipients)
    recipients = "".join(
        f"<p>- {escape(r)}{'.' if k == count - 1 else ';'}</p>"
        for k, r in enumerate(settings.recipients)
    )
    signer = settings.signer
    sign = (
        f"<div>{escape(signer.on_behalf)}</div>"
        f"<div>{escape(signer.title)}</div>"
        '<div class="space"></div>'
        f'<div class="signer-name">{escape(signer.name)}</div>'
    )
    return (
        '<table class="closing"><tr>'
        f'<td class="recipients"><b>{label(lang, "recipients")}:</b>{recipients}</td>'
        f'<td class="sign">{sign}</td></tr></table>'
    )
