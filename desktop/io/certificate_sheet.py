"""The certificate sheet (证书领取单): one printed A4 page per unit telling it, in plain
Chinese, what its .p12 file is, the passphrase, the certificate's serial and validity, the
commission certificate's fingerprint to check, and how to import it in planeval.

Built with python-docx and the typography helpers of docx_xml (黑体 headings, 仿宋 body,
the passphrase in a large monospace font). Same inputs, same bytes.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from desktop.io.docx_package import repack, stamp
from desktop.io.docx_xml import no_indent, set_doc_defaults, set_fonts, strip_theme_fonts

TITLE_FONT, HEADING_FONT, BODY_FONT = "黑体", "黑体", "仿宋"
# Courier New is on every Windows; LibreOffice and WPS on Linux substitute the
# metric-compatible Liberation Mono. Letters and digits are what it must show.
MONO_FONT = "Courier New"
BODY_PT, LINE_PT = 12.0, 18.5
LABEL_CM, VALUE_CM = 4.0, 12.5
BEIJING = dt.timezone(dt.timedelta(hours=8))

MENU, TAB = "工具 → 密钥与证书…", "导入证书文件（.p12/.pfx）"
STEPS = (
    f"打开 planeval 中本单位的工作区，点菜单“{MENU}”。",
    f"在“{TAB}”页，“证书文件”一栏点“选择…”，选中区发改委发来的 .p12 文件。",
    "在“证书文件的口令”中输入本单上的口令。",
    "在“新口令（至少 8 位）”和“再次输入新口令”中设定本单位自己的口令（今后导出材料包"
    "签名时使用，请牢记），然后点“导入并保存为密钥文件”。",
    "核对窗口中显示的“签发机构证书指纹”与本单所印的指纹完全一致；不一致时请勿使用，"
    "并立即与区发改委联系。",
)
NOTES = (
    "本单印有证书口令，请像保管印章一样妥善保管，导入后可存档或销毁，不要复印外传。",
    "请勿把口令与 .p12 证书文件放在同一封电子邮件或同一条消息中发送。",
    "证书遗失、口令泄露或单位名称变更时，请立即联系区发改委吊销并换发证书。",
)


def build_certificate_sheet(*, district: str, commission_name: str, unit: str, contact: str,
                            passphrase: str, serial: int, not_before: dt.datetime,
                            not_after: dt.datetime, commission_fingerprint: str,
                            issued_on: dt.date) -> bytes:
    """The sheet for one unit, as .docx bytes (one A4 page)."""
    issuer = commission_name if commission_name.startswith(district) else district + commission_name
    doc = Document()
    _set_up(doc)
    _title(doc, "数字证书领取单", issuer)
    _heading(doc, "一、这是什么")
    _body(doc, f"{issuer}为贵单位签发了数字证书，装在发给贵单位的证书文件（扩展名 .p12）中。"
               "在 planeval 中导入后，本单位报送的材料包会用它签名，区发改委据此确认材料"
               "确由本单位报送、且未被改动。证书文件由下面的口令保护。")
    _heading(doc, "二、证书口令")
    _passphrase(doc, passphrase)
    _body(doc, f"共 {len(passphrase)} 个字符：大写英文字母和数字（不含 0、1、I、O，字母均为"
               "大写），输入时连同短横线“-”一起输入。", indent=False)
    _heading(doc, "三、证书信息")
    _facts(doc, [
        ("单位名称", unit, False),
        ("联系人", contact, False),
        ("证书序列号", _hex_groups(serial), True),
        ("有效期", f"{_date(not_before)} 至 {_date(not_after)}", False),
        ("区发改委证书指纹\n（SHA-256）", _two_lines(commission_fingerprint), True),
    ])
    _heading(doc, "四、导入步骤")
    for i, step in enumerate(STEPS, 1):
        _body(doc, f"{i}. {step}", indent=False)
    _heading(doc, "五、注意事项")
    for note in NOTES:
        _body(doc, f"● {note}", indent=False)
    closing = _body(doc, f"{issuer}　{issued_on.year}年{issued_on.month}月{issued_on.day}日",
                    indent=False)
    closing.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.space_before = Pt(LINE_PT)
    _properties(doc, f"数字证书领取单-{unit}", issuer, issued_on)
    out = io.BytesIO()
    doc.save(out)
    return repack(out.getvalue(), stamp(issued_on))


def _set_up(doc: DocxDocument) -> None:
    strip_theme_fonts(doc.styles.element)
    set_doc_defaults(doc.styles.element, BODY_FONT, BODY_PT)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.0), Cm(1.8)
    section.left_margin, section.right_margin = Cm(2.4), Cm(2.1)
    for p in list(doc.paragraphs):  # the template's empty first paragraph
        p._p.getparent().remove(p._p)


def _paragraph(doc: DocxDocument | _Cell, text: str, font: str, size_pt: float, *,
               line_pt: float = LINE_PT, bold: bool = False) -> Paragraph:
    paragraph = doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.line_spacing, fmt.line_spacing_rule = Pt(line_pt), WD_LINE_SPACING.EXACTLY
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    no_indent(paragraph._p.get_or_add_pPr())
    for i, line in enumerate(text.split("\n")):
        if i:
            paragraph.runs[-1].add_break()
        run = paragraph.add_run(line)
        set_fonts(run._r.get_or_add_rPr(), font)
        run.font.size, run.font.bold = Pt(size_pt), bold
    return paragraph


def _title(doc: DocxDocument, title: str, issuer: str) -> None:
    heading = _paragraph(doc, title, TITLE_FONT, 22, line_pt=32)
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub = _paragraph(doc, issuer, BODY_FONT, 14, line_pt=22)
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sub.paragraph_format.space_after = Pt(6)


def _heading(doc: DocxDocument, text: str) -> None:
    heading = _paragraph(doc, text, HEADING_FONT, 13, line_pt=22)
    heading.paragraph_format.space_before = Pt(5)
    heading.paragraph_format.keep_with_next = True


def _body(doc: DocxDocument, text: str, *, indent: bool = True) -> Paragraph:
    paragraph = _paragraph(doc, text, BODY_FONT, BODY_PT)
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_PT)
    return paragraph


def _passphrase(doc: DocxDocument, passphrase: str) -> None:
    shown = _paragraph(doc, passphrase, MONO_FONT, 24, line_pt=36, bold=True)
    shown.alignment = WD_ALIGN_PARAGRAPH.CENTER
    shown.paragraph_format.space_before = Pt(4)
    shown.paragraph_format.space_after = Pt(4)


def _facts(doc: DocxDocument, rows: list[tuple[str, str, bool]]) -> None:
    shown = [(label, value, mono) for label, value, mono in rows if value]
    table = doc.add_table(rows=0, cols=2)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for label, value, mono in shown:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(LABEL_CM), Cm(VALUE_CM)
        for cell, text, font, size in ((cells[0], label, HEADING_FONT, 12.0),
                                       (cells[1], value, MONO_FONT if mono else BODY_FONT,
                                        11.0 if mono else 12.0)):
            cell._tc.remove(cell.paragraphs[0]._p)
            _paragraph(cell, text, font, size, line_pt=18)
    table.columns[0].width, table.columns[1].width = Cm(LABEL_CM), Cm(VALUE_CM)


def _hex_groups(serial: int) -> str:
    digits = f"{serial:X}"
    digits = digits.rjust(len(digits) + (-len(digits)) % 4, "0")
    return " ".join(digits[i : i + 4] for i in range(0, len(digits), 4))


def _two_lines(groups: str) -> str:
    """A long grouped fingerprint split into two lines at the middle group."""
    parts = groups.split()
    half = (len(parts) + 1) // 2
    return " ".join(parts[:half]) + ("\n" + " ".join(parts[half:]) if parts[half:] else "")


def _date(when: dt.datetime) -> str:
    day = when.astimezone(BEIJING) if when.tzinfo else when
    return f"{day.year}年{day.month}月{day.day}日"


def _properties(doc: DocxDocument, title: str, author: str, issued_on: dt.date) -> None:
    props = doc.core_properties
    when = stamp(issued_on)
    props.title, props.author, props.last_modified_by = title, author, author
    props.created, props.modified, props.last_printed = when, when, when
    props.revision = 1
    props.comments = props.subject = props.keywords = ""
