"""DOCX renderer (python-docx): the report in the typography of official documents.

GB/T 9704 conventions: A4, margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm;
title 方正小标宋简体 二号; body 仿宋_GB2312 三号 (16 pt) with a two-character first-line
indent and a fixed 28 pt line pitch; level-one headings 黑体, level-two 楷体_GB2312,
level-three 仿宋 bold; page numbers “— 1 —” in the footer. Each font names its common
substitute (``altName`` in the font table) for machines without the GB fonts.
"""

from __future__ import annotations

import io
from typing import Any

import docx as python_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from jixiao.render.layout import Element, Heading, Paragraph, TableSpec

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
TABLE_FONT = "仿宋_GB2312"
LATIN_FONT = "Times New Roman"
#: GB font → the substitute named in the font table (installed on most systems).
ALT_NAMES = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", H2_FONT: "楷体", H1_FONT: "SimHei"}
BODY_PT = 16
LINE_PT = 28
#: Width between the margins of a portrait page, in millimetres (210 − 28 − 26).
TEXT_WIDTH_MM = 156.0

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
# style name → (font, size pt, bold, alignment)
_STYLES: dict[str, tuple[str, float, bool, Any]] = {
    "Title": (TITLE_FONT, 22, False, WD_ALIGN_PARAGRAPH.CENTER),
    "Heading 1": (H1_FONT, BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Heading 2": (H2_FONT, BODY_PT, False, WD_ALIGN_PARAGRAPH.JUSTIFY),
    "Heading 3": (BODY_FONT, BODY_PT, True, WD_ALIGN_PARAGRAPH.JUSTIFY),
}


def set_fonts(target: Any, east_asian: str, latin: str = LATIN_FONT) -> None:
    """Set the Latin and East Asian fonts of a run or style (python-docx sets only Latin)."""
    target.font.name = latin
    rpr = target.element.get_or_add_rPr()
    fonts = rpr.get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _style_paragraphs(doc: Any) -> None:
    normal = doc.styles["Normal"]
    set_fonts(normal, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.space_before = fmt.space_after = Pt(0)
    for name, (font, size, bold, align) in _STYLES.items():
        style = doc.styles[name]
        set_fonts(style, font)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = False
        style.font.color.rgb = None
        pf = style.paragraph_format
        pf.alignment = align
        pf.first_line_indent = None if name == "Title" else Pt(2 * BODY_PT)
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(36 if name == "Title" else LINE_PT)
        pf.space_before = Pt(LINE_PT if name == "Title" else 0)
        pf.space_after = Pt(LINE_PT if name == "Title" else 0)
        pf.keep_with_next = True
    _drop_title_border(doc.styles["Title"])


def _drop_title_border(style: Any) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _page_setup(doc: Any) -> None:
    section = doc.sections[0]
    set_page(section)
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _footer_run(paragraph, "— ")
    _page_field(paragraph)
    _footer_run(paragraph, " —")


def _footer_run(paragraph: Any, text: str) -> Any:
    run = paragraph.add_run(text)
    set_fonts(run, "宋体")
    run.font.size = Pt(14)
    return run


def _page_field(paragraph: Any) -> None:
    run = _footer_run(paragraph, "")
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == "1":
            el = OxmlElement("w:t")
            el.text = text
        else:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        run._r.append(el)


def _font_table_alt_names(doc: Any) -> None:
    """Declare each GB font with its substitute (``w:altName``) in the font table."""
    part = next(
        (p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None
    )
    if part is None or not hasattr(part, "_blob"):
        return
    from lxml import etree

    root = etree.fromstring(part._blob)
    for font, alt in ALT_NAMES.items():
        el = etree.SubElement(root, qn("w:font"))
        el.set(qn("w:name"), font)
        alt_el = etree.SubElement(el, qn("w:altName"))
        alt_el.set(qn("w:val"), alt)
        charset = etree.SubElement(el, qn("w:charset"))
        charset.set(qn("w:val"), "86")
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _paragraph(doc: Any, element: Paragraph) -> None:
    p = doc.add_paragraph()
    run = p.add_run(element.text)
    fmt = p.paragraph_format
    if element.style == "body":
        fmt.first_line_indent = Pt(2 * BODY_PT)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    elif element.style == "label":
        set_fonts(run, H1_FONT)
    elif element.style == "note":
        run.font.size = Pt(12)
        fmt.first_line_indent = Pt(0)
    elif element.style == "right":
        fmt.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fmt.first_line_indent = Pt(0)
        fmt.right_indent = Pt(2 * BODY_PT)
    else:
        fmt.alignment = _ALIGN.get(element.style, WD_ALIGN_PARAGRAPH.CENTER)


def _caption(doc: Any, text: str) -> Any:
    p = doc.add_paragraph()
    p.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.first_line_indent = Pt(0)
    p.paragraph_format.space_after = Pt(6)
    run = p.add_run(text)
    set_fonts(run, TITLE_FONT)
    run.font.size = Pt(18)
    return p


def _shade(cell: Any, fill: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    later = next((tcpr.find(qn(t)) for t in ("w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark") if tcpr.find(qn(t)) is not None), None)
    if later is not None:
        later.addprevious(shading)  # shd comes before these in the schema
    else:
        tcpr.append(shading)


def _fill_cell(cell: Any, text: str, spec: TableSpec, *, header: bool, align: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for n, line in enumerate(lines):
        p = first if n == 0 else cell.add_paragraph()
        fmt = p.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        fmt.keep_with_next = False
        fmt.alignment = _ALIGN[align]
        run = p.add_run(line)
        set_fonts(run, H1_FONT if header else TABLE_FONT)
        run.font.size = Pt(spec.font_size)
    if header:
        _shade(cell, "F2F2F2")


def _row_flags(table: Any, header_rows: int) -> None:
    """Rows never split across pages; the first `header_rows` repeat on every page."""
    for r, row in enumerate(table.rows):
        trpr = row._tr.get_or_add_trPr()
        trpr.append(OxmlElement("w:cantSplit"))
        if r < header_rows:
            trpr.append(OxmlElement("w:tblHeader"))


def add_table(doc: Any, spec: TableSpec, width_mm: float = TEXT_WIDTH_MM) -> Any:
    """Append `spec` (caption first, when it has one) to `doc`; returns the table."""
    if spec.caption:
        _caption(doc, spec.caption)
    table = doc.add_table(rows=spec.n_rows, cols=spec.n_cols)
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = spec.widths or (1.0,) * spec.n_cols
    unit = width_mm / sum(widths)
    for c, column in enumerate(table.columns):
        column.width = Mm(widths[c] * unit)
    for row in table.rows:
        for c, cell in enumerate(row.cells):
            cell.width = Mm(widths[c] * unit)
    placed = spec.placed()
    # One snapshot of the unmerged grid: `table.cell()` walks the whole table each call.
    # Merging keeps the first and last cell of every merged area, which are all we touch.
    grid = table._cells

    def at(row: int, col: int) -> Any:
        return grid[row * spec.n_cols + col]

    for p in placed:
        if p.cell.rowspan > 1 or p.cell.colspan > 1:
            _merge(at, p, [Mm(w * unit) for w in widths])
    for p in placed:
        _fill_cell(at(p.row, p.col), p.cell.text, spec, header=p.cell.header, align=p.cell.align)
    _row_flags(table, spec.header_rows)
    return table


def _merge(at: Any, placed: Any, widths: list[Any]) -> None:
    """Merge a cell over its rows and columns in the XML itself (``gridSpan``, ``vMerge``).

    python-docx's `merge` recurses once per row, which a table of thousands of rows
    exhausts; this writes what Word writes: the first cell of each row spans the
    columns, the first row restarts the vertical merge and the others continue it.
    """
    top, left = placed.row, placed.col
    rows, cols = placed.cell.rowspan, placed.cell.colspan
    for r in range(top, top + rows):
        first = at(r, left)
        tcpr = first._tc.get_or_add_tcPr()
        if cols > 1:
            tcpr.grid_span = cols  # python-docx keeps the schema's order of tcPr children
            for c in range(left + 1, left + cols):
                tc = at(r, c)._tc
                tc.getparent().remove(tc)
            first.width = sum(widths[left : left + cols], start=type(widths[0])(0))
        if rows > 1:
            tcpr.vMerge_val = "restart" if r == top else "continue"


def spacer(doc: Any) -> Any:
    """A 1-pt paragraph: keeps two tables apart (Word joins adjacent tables) without a gap."""
    p = doc.add_paragraph()
    fmt = p.paragraph_format
    fmt.first_line_indent = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.space_before = fmt.space_after = Pt(0)
    run = p.add_run("")
    run.font.size = Pt(1)
    return p


def new_section(doc: Any, *, landscape: bool) -> Any:
    """Start a section on a new page, portrait or landscape, with the report's margins."""
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    set_page(section, landscape=landscape)
    return section


def set_page(section: Any, *, landscape: bool = False) -> None:
    """A4 with GB/T 9704 margins (portrait), or landscape with margins for wide tables."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(25), Mm(25)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.footer_distance = Mm(12)
        return
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)


def text_width_mm(section: Any) -> float:
    """The width between the margins of `section`, in millimetres."""
    return float(Emu(section.page_width - section.left_margin - section.right_margin).mm)


def _draw(doc: Any, element: Element) -> None:
    if isinstance(element, Heading):
        style = "Title" if element.level == 0 else f"Heading {min(element.level, 3)}"
        doc.add_paragraph(element.text, style=style)
    elif isinstance(element, Paragraph):
        _paragraph(doc, element)
    elif isinstance(element, TableSpec):
        add_table(doc, element, text_width_mm(doc.sections[-1]))
    elif element.landscape or doc.sections[-1].orientation == WD_ORIENT.LANDSCAPE:
        new_section(doc, landscape=element.landscape)
    else:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def house_document(title: str = "") -> Any:
    """A new python-docx document in the house style (styles, page, footer, font table)."""
    doc = python_docx.Document()
    doc.core_properties.title = title
    doc.core_properties.author = "jixiao"
    _page_setup(doc)
    _style_paragraphs(doc)
    _font_table_alt_names(doc)
    return doc


def save(doc: Any) -> bytes:
    """The document as DOCX bytes."""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_docx(elements: list[Element], *, title: str = "") -> bytes:
    """The DOCX file of `elements`, as bytes."""
    doc = house_document(title)
    for element in elements:
        _draw(doc, element)
    return save(doc)
