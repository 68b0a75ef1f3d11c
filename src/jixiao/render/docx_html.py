"""DOCX → HTML: the filled report as one self-contained page that follows its template.

The page is drawn from the DOCX itself, so that the web view shows the layout a
province's template gives: heading styles become ``h1``–``h4``, paragraphs keep their
alignment, tables keep merged cells (``gridSpan`` → ``colspan``, ``vMerge`` →
``rowspan``) and shaded cells become header cells; section and page breaks become
page rules. Inline CSS only, no script, no external file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape
from typing import Any

import docx as python_docx
from docx.oxml.ns import qn

from jixiao.render.html import page

_HEADINGS = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4"}
_ALIGN = {"center": "center", "right": "right", "end": "right", "both": "", "left": ""}


@dataclass
class _Cell:
    html: str
    colspan: int
    header: bool
    align: str
    rowspan: int = 1


def _runs_html(p: Any) -> str:
    parts = []
    for node in p.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:t"):
            parts.append(escape(node.text or ""))
        elif node.tag == qn("w:br") and node.get(qn("w:type")) != "page":
            parts.append("<br>")
        elif node.tag == qn("w:tab"):
            parts.append("&emsp;")
    return "".join(parts)


def _align(p: Any) -> str:
    jc = p.find(f"{qn('w:pPr')}/{qn('w:jc')}")
    return _ALIGN.get(jc.get(qn("w:val")), "") if jc is not None else ""


def _style_names(doc: Any) -> dict[str, str]:
    return {s.style_id: s.name for s in doc.styles}


def _paragraph(p: Any, styles: dict[str, str]) -> str:
    breaks = any(b.get(qn("w:type")) == "page" for b in p.iter(qn("w:br")))
    sect = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
    inner = _runs_html(p)
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    name = styles.get(style.get(qn("w:val")), "") if style is not None else ""
    out = ""
    if inner.strip():
        tag = _HEADINGS.get(name, "p")
        align = _align(p)
        css = f' class="{align}"' if align and tag == "p" else ""
        out = f"<{tag}{css}>{inner}</{tag}>"
    if breaks or sect:
        out += '\n<hr class="page">'
    return out


def _cell(tc: Any) -> tuple[_Cell, str | None]:
    tcpr = tc.find(qn("w:tcPr"))
    span, merge, header = 1, None, False
    if tcpr is not None:
        grid = tcpr.find(qn("w:gridSpan"))
        span = int(grid.get(qn("w:val"))) if grid is not None else 1
        vmerge = tcpr.find(qn("w:vMerge"))
        if vmerge is not None:
            merge = vmerge.get(qn("w:val")) or "continue"
        shd = tcpr.find(qn("w:shd"))
        header = shd is not None and (shd.get(qn("w:fill")) or "auto") not in ("auto", "FFFFFF")
    paragraphs = tc.findall(qn("w:p"))
    html = "<br>".join(_runs_html(p) for p in paragraphs)
    align = _align(paragraphs[0]) if paragraphs else ""
    return _Cell(html, span, header, align or ("" if header else "left")), merge


def _rows(tbl: Any) -> list[list[_Cell]]:
    """Rows of cells with rowspans resolved; cells covered by a vertical merge are dropped."""
    rows: list[list[_Cell]] = []
    open_cells: dict[int, _Cell] = {}
    for tr in tbl.findall(qn("w:tr")):
        row, col = [], 0
        for tc in tr.findall(qn("w:tc")):
            cell, merge = _cell(tc)
            if merge == "continue" and col in open_cells:
                open_cells[col].rowspan += 1
            else:
                row.append(cell)
                if merge == "restart":
                    open_cells[col] = cell
                else:
                    open_cells.pop(col, None)
            col += cell.colspan
        rows.append(row)
    return rows


def _font_size(tbl: Any) -> str:
    size = next(tbl.iter(qn("w:sz")), None)
    return f' style="font-size:{int(size.get(qn("w:val"))) / 2:g}pt"' if size is not None else ""


def _table(tbl: Any) -> str:
    widths = [int(g.get(qn("w:w")) or 0) for g in tbl.iter(qn("w:gridCol"))]
    total = sum(widths)
    parts = [f"<table{_font_size(tbl)}>"]
    if total:
        cols = "".join(f'<col style="width:{w / total * 100:.1f}%">' for w in widths)
        parts.append(f"<colgroup>{cols}</colgroup>")
    for row in _rows(tbl):
        cells = []
        for cell in row:
            tag = "th" if cell.header else "td"
            span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            css = f' class="{cell.align}"' if cell.align else ""
            cells.append(f"<{tag}{css}{span}>{cell.html}</{tag}>")
        parts.append(f"<tr>{''.join(cells)}</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def _is_spacer(p: Any) -> bool:
    return not _runs_html(p).strip() and p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is None


def docx_to_html(data: bytes, *, title: str = "") -> str:
    """The page of a DOCX report (a jixiao template filled, or any simple Word document)."""
    doc = python_docx.Document(io.BytesIO(data))
    styles = _style_names(doc)
    out = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            out.append(_table(child))
        elif child.tag == qn("w:p") and not _is_spacer(child):
            out.append(_paragraph(child, styles))
    body = "\n".join(x for x in out if x)
    if body.endswith('<hr class="page">'):
        body = body[: -len('<hr class="page">')].rstrip()
    return page(body, title=title)
