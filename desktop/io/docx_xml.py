"""WordprocessingML details python-docx has no API for: East Asian fonts, fields, indents.

Chinese text takes its font from w:eastAsia; python-docx's `font.name` sets only the Latin
ones, and the default template's theme attributes (w:eastAsiaTheme …) win over a named font,
so every rFonts we touch names all four scripts and drops the theme attributes.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _child(parent: BaseOxmlElement, tag: str, *, first: bool = False) -> BaseOxmlElement:
    found: BaseOxmlElement | None = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        if first:
            parent.insert(0, found)
        else:
            parent.append(found)
    return found


def set_fonts(rpr: BaseOxmlElement, name: str) -> None:
    """Name `name` for every script in a w:rPr and drop theme fonts that would override it."""
    fonts = _child(rpr, "w:rFonts", first=True)
    for slot in THEME_SLOTS:
        fonts.attrib.pop(qn(slot), None)
    for slot in FONT_SLOTS:
        fonts.set(qn(slot), name)
    fonts.set(qn("w:hint"), "eastAsia")


def set_doc_defaults(styles_element: BaseOxmlElement, font: str, size_pt: float) -> None:
    """The document-wide default run font (w:docDefaults/w:rPrDefault), Chinese locale."""
    defaults = _child(styles_element, "w:docDefaults", first=True)
    rpr_default = _child(defaults, "w:rPrDefault", first=True)
    rpr = _child(rpr_default, "w:rPr")
    set_fonts(rpr, font)
    half_points = str(round(size_pt * 2))
    for tag in ("w:sz", "w:szCs"):
        _child(rpr, tag).set(qn("w:val"), half_points)
    lang = _child(rpr, "w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def strip_theme_fonts(styles_element: BaseOxmlElement) -> None:
    """Remove theme font attributes from every style, so named fonts are the ones used."""
    for fonts in styles_element.iter(qn("w:rFonts")):
        for slot in THEME_SLOTS:
            fonts.attrib.pop(qn(slot), None)


def indent_chars(ppr: BaseOxmlElement, chars: float, size_pt: float) -> None:
    """A first-line indent of `chars` characters (w:firstLineChars, with twips for old readers)."""
    ind = _child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), str(round(chars * 100)))
    ind.set(qn("w:firstLine"), str(round(chars * size_pt * 20)))


def no_indent(ppr: BaseOxmlElement) -> None:
    """Cancel an inherited first-line indent (both the character and the twip forms)."""
    ind = _child(ppr, "w:ind")
    ind.set(qn("w:firstLineChars"), "0")
    ind.set(qn("w:firstLine"), "0")


def add_page_field(paragraph: Paragraph, font: str, size_pt: float) -> None:
    """A PAGE field (the current page number, Arabic) as a complex field in `paragraph`."""
    def run(*children: BaseOxmlElement) -> None:
        r = paragraph.add_run()
        set_fonts(r._r.get_or_add_rPr(), font)
        r.font.size = Pt(size_pt)
        for child in children:
            r._r.append(child)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run(begin)
    run(instr)
    run(separate)
    run(shown)
    run(end)
