"""A compilation round's document written in the app (a topic's work plan, interim or
final report) as docx, in the report's 公文 styles: title, unit, authors, summary, then
the outline's sections with the unit's text, then unit, date and the sign-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from desktop.forms.export_defaults import official_layout
from desktop.io.report_docx import (
    BODY,
    CLOSING,
    HEADINGS,
    SUBTITLE,
    add_text,
    add_title,
    document_bytes,
    format_date,
    new_document,
    paragraphs_of,
)


def build_deliverable_docx(*, title: str, unit: str, about: str, authors: str, summary: str,
                           sections: Sequence[tuple[str, str]], date: dt.date,
                           signoff: Mapping[str, str] | None = None) -> bytes:
    """The document's bytes; `sections` are (heading, text) in outline order, `about` the
    topic it is written for, `signoff` {"title", "leader", "date"} when it was approved."""
    layout = official_layout(title)
    doc = new_document(layout)
    add_title(doc, layout, title)
    add_text(doc, f"（{about}）", SUBTITLE)
    add_text(doc, f"承担单位：{unit}", BODY)
    add_text(doc, f"课题组成员：{authors}", BODY)
    add_text(doc, "摘要", HEADINGS[0])
    for text in paragraphs_of(summary) or [""]:
        add_text(doc, text, BODY)
    for heading, body in sections:
        add_text(doc, heading, HEADINGS[1])
        for text in paragraphs_of(body) or [""]:
            add_text(doc, text, BODY)
    add_text(doc, "", BODY)
    closing = [add_text(doc, unit, CLOSING), add_text(doc, format_date(layout.date, date), CLOSING)]
    if signoff:
        shown = format_date(layout.date, dt.date.fromisoformat(signoff["date"]))
        closing.append(add_text(doc, f"{signoff['title']}：{signoff['leader']}  {shown}", CLOSING))
    for line in closing[:-1]:
        line.paragraph_format.keep_with_next = True
    return document_bytes(doc, title, unit, date)
