"""The compilation (汇编) of the units' reports as one .docx.

A cover; a table of contents that is a real Word TOC field (TOC \\o "1-3" \\h \\z \\u)
whose result is already filled with the entries, each page number a PAGEREF to a bookmark
on its heading, estimated from the text so the contents read right before any update
(Word updates the fields when the file opens: `w:updateFields`); then each report in its
own section starting on a new page, written by the report writer itself, with its
evidence files listed. The report title is outline level 1 and its parts levels 2 and 3,
so they stay headings in the navigation pane and the TOC. Page numbers (PAGE) run
through every section; the cover shows none.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import cast

from docx.document import Document as DocxDocument
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from desktop.core.form import Form, Section
from desktop.core.model import Row
from desktop.forms.export_spec import ExportSpec, ReportLayout
from desktop.io.docx_xml import no_indent, set_fonts
from desktop.io.report_docx import (
    BODY,
    HEADINGS,
    SUBTITLE,
    TITLE,
    Answers,
    add_text,
    add_title,
    append_report,
    document_bytes,
    new_document,
)

TOC_INSTRUCTION = ' TOC \\o "1-3" \\h \\z \\u '
TOC_STYLES = ("toc 1", "toc 2", "toc 3")
BODY_LEVEL = "9"  # w:outlineLvl 9: body text, never in the TOC


@dataclass(frozen=True)
class UnitReport:
    """One report to compile: the plan, the unit, its answers and evidence file names."""

    plan: Row
    unit: str
    sections: Mapping[str, str]  # section id -> text
    signoff: Mapping[str, object] | None = None
    rows: Sequence[Row] = ()
    answers: Answers | None = None
    evidence: Sequence[str] = ()
    date: dt.date | None = None


@dataclass
class _Entry:
    level: int
    text: str
    bookmark: str
    page: int = 1


@dataclass
class _Pager:
    """Estimates the page each heading lands on from the lengths of the paragraphs."""

    chars_per_line: int
    lines_per_page: int
    page: int = 1
    line: int = 0
    entries: list[_Entry] = field(default_factory=list)

    def new_page(self) -> None:
        if self.line:
            self.page += 1
            self.line = 0

    def add(self, text: str, weight: float = 1.0) -> None:
        lines = max(1, math.ceil(len(text) / self.chars_per_line)) * weight
        self.line += math.ceil(lines)
        while self.line > self.lines_per_page:
            self.page += 1
            self.line -= self.lines_per_page


def _outline(style: ParagraphStyle, level: str) -> None:
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), level)
    ppr.append(lvl)


def _paragraph_outline(paragraph: Paragraph, level: str) -> None:
    lvl = OxmlElement("w:outlineLvl")
    lvl.set(qn("w:val"), level)
    paragraph._p.get_or_add_pPr().append(lvl)


def _set_up(doc: DocxDocument, text_width_cm: float) -> None:
    _outline(cast(ParagraphStyle, doc.styles[TITLE]), "0")
    for level, name in enumerate(HEADINGS[:2], start=1):
        _outline(cast(ParagraphStyle, doc.styles[name]), str(level))
    for level, name in enumerate(TOC_STYLES):
        style = cast(ParagraphStyle, doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH))
        style.base_style = doc.styles[BODY]
        no_indent(style.element.get_or_add_pPr())
        style.paragraph_format.left_indent = Cm(0.74 * level)
        style.paragraph_format.tab_stops.add_tab_stop(Cm(text_width_cm), WD_TAB_ALIGNMENT.RIGHT,
                                                      WD_TAB_LEADER.DOTS)
        if level == 0:
            style.font.bold = True
    settings = doc.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings.append(update)


def _field_char(kind: str) -> BaseOxmlElement:
    el = OxmlElement("w:fldChar")
    el.set(qn("w:fldCharType"), kind)
    return el


def _run(parent: BaseOxmlElement, *children: BaseOxmlElement, text: str = "") -> None:
    r = OxmlElement("w:r")
    for child in children:
        r.append(child)
    if text:
        t = OxmlElement("w:t")
        t.set(qn("xml:space"), "preserve")
        t.text = text
        r.append(t)
    parent.append(r)


def _instr(text: str) -> BaseOxmlElement:
    el = OxmlElement("w:instrText")
    el.set(qn("xml:space"), "preserve")
    el.text = text
    return el


def _bookmark(paragraph: Paragraph, name: str, number: int) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(number))
    start.set(qn("w:name"), name)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(number))
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        paragraph._p.insert(0, start)
    paragraph._p.append(end)


def _toc(doc: DocxDocument, entries: Sequence[_Entry]) -> None:
    """The TOC field: begin and instruction, one paragraph per entry, then its end."""
    first = doc.add_paragraph(style=TOC_STYLES[0])
    _run(first._p, _field_char("begin"))
    _run(first._p, _instr(TOC_INSTRUCTION))
    _run(first._p, _field_char("separate"))
    paragraphs = [first]
    for i, entry in enumerate(entries):
        p = first if i == 0 else doc.add_paragraph(style=TOC_STYLES[entry.level - 1])
        if i == 0:
            p.style = doc.styles[TOC_STYLES[entry.level - 1]]
        link = OxmlElement("w:hyperlink")
        link.set(qn("w:anchor"), entry.bookmark)
        link.set(qn("w:history"), "1")
        _run(link, text=entry.text)
        _run(link, OxmlElement("w:tab"))
        _run(link, _field_char("begin"))
        _run(link, _instr(f" PAGEREF {entry.bookmark} \\h "))
        _run(link, _field_char("separate"))
        _run(link, text=str(entry.page))
        _run(link, _field_char("end"))
        p._p.append(link)
        paragraphs.append(p)
    _run(paragraphs[-1]._p, _field_char("end"))
    for p in paragraphs:
        for r in p._p.iter(qn("w:r")):
            set_fonts(r.get_or_add_rPr(), "仿宋")


def _headings_after(title: Paragraph, doc: DocxDocument) -> list[Paragraph]:
    """The report's level-1 part headings that follow its title paragraph."""
    style_id = doc.styles[HEADINGS[0]].style_id
    found = []
    for el in title._p.itersiblings(qn("w:p")):
        ppr = el.pPr
        if ppr is not None and ppr.pStyle is not None and ppr.pStyle.val == style_id:
            found.append(Paragraph(el, title._parent))
    return found


def _estimate(pager: _Pager, form: Form, report: UnitReport, annexes: Sequence[str],
              entries: list[_Entry], start: int) -> None:
    """The pages of one report's title and parts (entries from `start`), in writing order."""
    pager.new_page()
    entries[start].page = pager.page
    pager.add("标题", 4)
    i = start + 1
    for section in form.report.parts:
        if section.level != 1:
            pager.add(section.title)
            continue
        if section.id in annexes:
            pager.new_page()
        if i < len(entries):
            entries[i].page = pager.page
            i += 1
        pager.add(section.title)
        for line in str(report.sections.get(section.id, "")).splitlines() or [""]:
            pager.add(line)
    pager.add("", 8)  # unit, date, sign-off and the evidence list


def _entries(reports: Sequence[UnitReport], parts: Sequence[Section]) -> list[_Entry]:
    """Each report's title (level 1), then one entry per level-1 part of its outline."""
    entries: list[_Entry] = []
    for n, report in enumerate(reports):
        label = f"{report.unit}：{report.plan.fields.get('name', report.plan.number)}"
        entries.append(_Entry(1, label, f"_Toc{n + 1:05d}000"))
        entries += [_Entry(2, s.title, f"_Toc{n + 1:05d}{k + 1:03d}") for k, s in
                    enumerate(parts)]
    return entries


def _cover(doc: DocxDocument, layout: ReportLayout, title: str, commission: str,
           date: dt.date, notes: Sequence[str]) -> None:
    """The cover (no page number) and the contents' title on the next page."""
    doc.sections[0].different_first_page_header_footer = True
    for _ in range(6):
        add_text(doc, "", BODY)
    _paragraph_outline(add_title(doc, layout, title), BODY_LEVEL)
    add_text(doc, commission, SUBTITLE)
    add_text(doc, f"{date.year}年{date.month}月", SUBTITLE)
    for note in notes:
        add_text(doc, note, BODY)
    contents = add_title(doc, layout, "目  录")
    contents.paragraph_format.page_break_before = True
    _paragraph_outline(contents, BODY_LEVEL)


def build_compiled_docx(form: Form, spec: ExportSpec, reports: Sequence[UnitReport], *,
                        title: str, commission: str, date: dt.date, notes: Sequence[str] = (),
                        missing: Sequence[str] = (),
                        progress: Callable[[int, int, str], object] | None = None) -> bytes:
    """Cover, contents, then every report (in the order given) on new pages, and the
    `missing` ones listed at the end."""
    layout = spec.report
    page = layout.page
    width = page.width_cm - page.margin_left_cm - page.margin_right_cm
    height = page.height_cm - page.margin_top_cm - page.margin_bottom_cm
    doc = new_document(layout)
    _set_up(doc, width)
    _cover(doc, layout, title, commission, date, notes)
    pager = _Pager(max(int(width / 2.54 * 72 / layout.fonts["body"].size_pt), 10),
                   max(int(height / 2.54 * 72 / layout.line_spacing_pt), 10))
    parts = [s for s in form.report.parts if s.level == 1]
    entries = _entries(reports, parts)
    toc_lines = 3 + sum(math.ceil((len(e.text) + 2) / pager.chars_per_line) for e in entries)
    pager.page = 2 + math.ceil(toc_lines / pager.lines_per_page)  # after cover and contents
    starts = [i for i, e in enumerate(entries) if e.level == 1]
    for report, start in zip(reports, starts, strict=True):
        _estimate(pager, form, report, layout.annexes, entries, start)
    _toc(doc, entries)
    for n, (report, start) in enumerate(zip(reports, starts, strict=True)):
        if progress is not None:
            progress(n, len(reports), report.unit)
        _new_section(doc)
        heading = append_report(doc, form, spec, report.plan, report.unit, report.sections,
                                date=report.date or date, signoff=report.signoff,
                                rows=report.rows, answers=report.answers)
        _bookmark(heading, entries[start].bookmark, start + 1)
        for k, part in enumerate(_headings_after(heading, doc)[:len(parts)]):
            _bookmark(part, entries[start + 1 + k].bookmark, start + 2 + k)
        _evidence(doc, report.evidence)
    if missing:  # the reports not yet accepted, after the last one
        _new_section(doc)
        _paragraph_outline(add_title(doc, layout, "尚未确认的报告"), BODY_LEVEL)
        for line in missing:
            add_text(doc, line, BODY)
    return document_bytes(doc, title.replace("\n", ""), commission, date)


def _new_section(doc: DocxDocument) -> None:
    """A section on a new page, numbered like the rest (the cover's first-page setting,
    which a new section copies, would hide its first page's number)."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    section.different_first_page_header_footer = False


def _evidence(doc: DocxDocument, names: Sequence[str]) -> None:
    label = add_text(doc, "佐证材料：", BODY)
    label.runs[0].bold = True
    label.paragraph_format.space_before = Pt(12)
    for i, name in enumerate(names, start=1):
        add_text(doc, f"{i}. {name}", BODY)
    if not names:
        add_text(doc, "（无）", BODY)
