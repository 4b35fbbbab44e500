"""The self-assessment report (附件5): read the docx back and check the commission's format."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from desktop.core.division import REPORTS, Deliverables
from desktop.core.errors import InputError
from desktop.department.operations import create_demo, create_workspace, form_of
from desktop.forms import find_form, load_form
from desktop.forms.export_spec import load_export_spec
from desktop.io import report_docx
from desktop.io.report_docx import build_report_docx, new_document, paragraphs_of
from desktop.paths import demo_dir

DATE = dt.date(2023, 7, 10)
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    ws = create_demo(tmp_path_factory.mktemp("demo") / "ws", filled=True)
    form = form_of(ws)
    plan = Deliverables.of(ws.rows()).plans[0]
    answers = dict(ws.answers()[REPORTS][plan.number])
    ws.close()
    return form, load_export_spec(form), plan, answers


def _build(demo, answers=None, **kwargs) -> bytes:
    form, spec, plan, given = demo
    return build_report_docx(form, spec, plan, "区科委", given if answers is None else answers,
                             date=DATE, **kwargs)


def _doc(data: bytes):
    return Document(io.BytesIO(data))


def _east_asia(element) -> str | None:
    fonts = element.find(qn("w:rPr") + "/" + qn("w:rFonts")) if element.tag != qn("w:rPr") \
        else element.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def _texts(doc) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_styles_name_the_chinese_fonts_and_no_theme_fonts(demo):
    doc = _doc(_build(demo))
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault"))
    assert _east_asia(defaults) == "仿宋"
    assert _east_asia(doc.styles["Normal"].element) == "仿宋"
    assert _east_asia(doc.styles["报告标题"].element) == "黑体"
    assert _east_asia(doc.styles["报告部分标题"].element) == "黑体"
    for fonts in styles.iter(qn("w:rFonts")):
        assert not any(fonts.get(qn(a)) for a in THEME_ATTRIBUTES)
    assert doc.styles["Normal"].font.size == Pt(16)
    assert doc.styles["报告标题"].font.size == Pt(22)


def test_every_run_names_its_east_asian_font(demo):
    doc = _doc(_build(demo))
    title = doc.paragraphs[0]
    assert title.style.name == "报告标题"
    assert title.text == "区科委“十四五”规划中期评估\n自评报告"
    assert title.alignment in (None, WD_ALIGN_PARAGRAPH.CENTER)
    expected = {"报告标题": "黑体", "报告部分标题": "黑体", "报告副标题": "楷体"}
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            font = expected.get(paragraph.style.name, "仿宋")
            assert _east_asia(run._r) == font, paragraph.text


def test_page_is_a4_with_the_commissions_margins(demo):
    section = _doc(_build(demo)).sections[0]
    assert abs(section.page_width - Cm(21)) < Cm(0.01)
    assert abs(section.page_height - Cm(29.7)) < Cm(0.01)
    for margin, cm in ((section.left_margin, 2.8), (section.right_margin, 2.8),
                       (section.top_margin, 2.54), (section.bottom_margin, 2.54)):
        assert abs(margin - Cm(cm)) < Cm(0.01)


def test_body_lines_are_exactly_28_to_30_points_with_a_two_character_indent(demo):
    doc = _doc(_build(demo))
    spacing = doc.styles["Normal"].element.pPr.find(qn("w:spacing"))
    assert spacing.get(qn("w:lineRule")) == "exact"
    assert 28 * 20 <= int(spacing.get(qn("w:line"))) <= 30 * 20
    indent = doc.styles["Normal"].element.pPr.find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"


def test_page_numbers_are_a_centred_page_field_in_the_footer(demo):
    footer = _doc(_build(demo)).sections[0].footer
    xml = footer._element.xml
    assert " PAGE " in "".join(t.text for t in footer._element.iter(qn("w:instrText")))
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    assert footer.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_sections_in_order_then_unit_and_date_then_the_annex_on_a_new_page(demo):
    form, _, _, answers = demo
    doc = _doc(_build(demo))
    texts = _texts(doc)
    titles = [s.title for s in form.report.sections]
    positions = [texts.index(t) for t in titles]
    assert positions == sorted(positions)
    unit, date, annex = texts.index("区科委"), texts.index("2023年7月10日"), texts.index(titles[-1])
    assert positions[-2] < unit < date < annex
    assert doc.paragraphs[unit].alignment in (None, WD_ALIGN_PARAGRAPH.RIGHT)
    assert doc.paragraphs[unit].style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert doc.paragraphs[annex].paragraph_format.page_break_before
    assert texts[annex + 1] == paragraphs_of(answers["cases"])[0]


def test_text_is_split_on_line_breaks_and_empty_sections_get_nothing_invented(demo):
    form = demo[0]
    answers = {"part1": "第一段。\n\n\u3000\u3000第二段。\r\n第三段。", "part2": ""}
    texts = _texts(_doc(_build(demo, answers)))
    first = texts.index(form.report.sections[0].title)
    assert texts[first + 1:first + 4] == ["第一段。", "第二段。", "第三段。"]
    second = texts.index(form.report.sections[1].title)
    assert texts[second + 1] == ""
    assert texts[second + 2] == form.report.sections[2].title
    assert "示例" not in "".join(texts)


def test_signoff_comes_after_the_date_and_before_the_annex(demo):
    form = demo[0]
    doc = _doc(_build(demo, signoff={"leader": "王某某", "date": dt.date(2023, 7, 8)}))
    texts = _texts(doc)
    line = texts.index("分管区领导审核：王某某  2023年7月8日")
    assert texts.index("2023年7月10日") < line < texts.index(form.report.sections[-1].title)
    assert not any("分管区领导" in t for t in _texts(_doc(_build(demo))))


def test_the_same_inputs_give_the_same_bytes(demo):
    first = _build(demo)
    assert first == _build(demo)
    props = _doc(first).core_properties
    assert props.created.date() == props.modified.date() == DATE
    assert props.author == "区科委"


def test_a_report_made_after_others_equals_one_made_from_a_fresh_template(demo, monkeypatch):
    # Reports are copies of a template set up once per layout, the styles shared: making
    # documents must leave the template as it was.
    form, spec, _, _ = demo
    _build(demo, signoff={"leader": "王五", "date": "2023-07-09"})
    changed = new_document(spec.report)  # a caller may change its copy's styles
    changed.styles.add_style("另一样式", WD_STYLE_TYPE.PARAGRAPH)
    changed.styles["Normal"].font.size = Pt(9)
    after_others = _build(demo)
    monkeypatch.setattr(report_docx, "_TEMPLATES", {})
    assert _build(demo) == after_others


def test_a_department_with_two_plans_gets_two_reports(tmp_path):
    ws = create_workspace(tmp_path / "ws", assignment=demo_dir(), department="区民政局")
    form = form_of(ws)
    spec = load_export_spec(form)
    plans = Deliverables.of(ws.rows()).plans
    ws.close()
    assert len(plans) == 2
    docs = [_doc(build_report_docx(form, spec, p, "区民政局", {}, date=DATE)) for p in plans]
    subtitles = [d.paragraphs[1].text for d in docs]
    assert subtitles == [f"（{p.fields['name']}）" for p in plans]
    assert all(d.paragraphs[0].text.startswith("区民政局“十四五”") for d in docs)


def test_a_broken_export_file_names_the_file_and_key(tmp_path):
    folder = tmp_path / "form"
    shutil.copytree(find_form("putuo-2023-midterm").folder, folder)
    data = json.loads((folder / "export.json").read_text(encoding="utf-8"))
    del data["report"]["fonts"]["body"]["size_pt"]
    data["tables"]["tasks"]["columns"][3]["field"] = "nonesuch"
    (folder / "export.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_export_spec(load_form(folder))
    assert "export.json" in caught.value.message
    assert "report.fonts.body.size_pt" in caught.value.message
    data["report"]["fonts"]["body"]["size_pt"] = 16
    (folder / "export.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match=r"tables\.tasks\.columns\[3\]\.field"):
        load_export_spec(load_form(folder))


def test_fonts_are_data(tmp_path):
    folder = tmp_path / "form"
    shutil.copytree(find_form("putuo-2023-midterm").folder, folder)
    path = Path(folder / "export.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["report"]["fonts"]["body"]["name"] = "仿宋_GB2312"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    form = load_form(folder)
    with create_demo(tmp_path / "ws") as ws:
        plan = Deliverables.of(ws.rows()).plans[0]
    doc = _doc(build_report_docx(form, load_export_spec(form), plan, "区科委",
                                 {"part1": "正文"}, date=DATE))
    assert _east_asia(doc.styles["Normal"].element) == "仿宋_GB2312"
