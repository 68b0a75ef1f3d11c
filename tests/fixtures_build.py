"""Build the seed reports in other formats (DOCX, HTML, PDF, XLSX) for format tests.

The seeds are text extracted from Word files. Each is read with the text reader and
written again, independently of the project's renderers: DOCX with python-docx
(bordered tables, heading styles for the numbered section titles, real vertical
merges in the label columns of tables), HTML by hand (rowspan/colspan, ``<br>`` in
cells, paragraphs partly inside nested ``<div>`` s), XLSX with openpyxl (one sheet
per table, merged ranges) and PDF by converting the DOCX with LibreOffice.

Merges are inferred simply: a row shorter than the widest row of its table lets its
last cell span the rest; an empty cell in the leading columns below a filled (or
already merged) cell, in a row of the same shape, continues that cell downwards.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from jixiao.model.document import Block, Table
from jixiao.readers.text import read as read_text

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold" / "seeds"
SCORER = SHARED / "tools" / "score_extraction.py"

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^[（(][一二三四五六七八九十]+[)）]")
_MAX_LABEL_COLS = 4


@dataclass
class Planned:
    """A cell as it will be written: text, spans, and its role in a vertical merge."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    merge: str | None = None  # "restart" | "continue" | None


def seed_paths() -> list[Path]:
    """The five seed reports."""
    return sorted(SEEDS.glob("*.txt"))


def seed_blocks(path: Path) -> list[Block]:
    """The blocks of one seed, read with the text reader."""
    return list(read_text(path.read_bytes(), name=path.name).blocks)


def heading_level(text: str) -> int | None:
    """1 or 2 for short numbered section titles (一、… / （一）…), else None."""
    if len(text) > 30:
        return None
    if _H1.match(text):
        return 1
    return 2 if _H2.match(text) else None


def _continues(row: list[Planned], above: list[Planned], col: int) -> bool:
    if len(row) != len(above) or col >= min(_MAX_LABEL_COLS, len(row) - 1):
        return False
    if any(cell.text for cell in row[: col + 1]) or not any(c.text for c in row[col + 1 :]):
        return False
    return bool(above[col].text) or above[col].merge == "continue"


def plan_table(table: Table) -> list[list[Planned]]:
    """Rows of planned cells: spans for short rows, vertical merges in label columns."""
    rows = [[Planned(cell.text) for cell in row] for row in table.rows()]
    n_cols = max(len(row) for row in rows)
    for row in rows:
        row[-1].colspan = n_cols - len(row) + 1
    for r in range(1, len(rows)):
        for c in range(len(rows[r])):
            if _continues(rows[r], rows[r - 1], c):
                rows[r][c].merge = "continue"
                top = r - 1
                while rows[top][c].merge == "continue":
                    top -= 1
                rows[top][c].merge = "restart"
                rows[top][c].rowspan += 1
    return rows


def _set_borders(table: object) -> None:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    edges = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    tbl_pr.append(parse_xml(f"<w:tblBorders {nsdecls('w')}>{edges}</w:tblBorders>"))


def _cant_split() -> object:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(f"<w:cantSplit {nsdecls('w')}/>")


def _write_docx_table(doc: object, table: Table) -> None:
    plan = plan_table(table)
    n_cols = sum(cell.colspan for cell in plan[0])
    out = doc.add_table(rows=len(plan), cols=n_cols)  # type: ignore[attr-defined]
    _set_borders(out)
    for r, row in enumerate(plan):
        out.rows[r]._tr.get_or_add_trPr().append(_cant_split())
        col = 0
        for cell in row:
            target = out.cell(r, col)
            lines = cell.text.split("\n") if cell.merge != "continue" else [""]
            target.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                target.add_paragraph(line)
            if cell.colspan > 1:
                target.merge(out.cell(r, col + cell.colspan - 1))
            col += cell.colspan
    for r, row in enumerate(plan):
        for c, cell in enumerate(row):
            if cell.merge == "restart":
                out.cell(r, c).merge(out.cell(r + cell.rowspan - 1, c))


def write_docx(blocks: list[Block], path: Path) -> Path:
    """Write `blocks` as a Word document."""
    import docx
    from docx.shared import Cm

    doc = docx.Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(1.5)
    for block in blocks:
        if block.table is not None:
            _write_docx_table(doc, block.table)
            doc.add_paragraph("")
        elif (level := heading_level(block.text)) is not None:
            doc.add_heading(block.text, level=level)
        else:
            doc.add_paragraph(block.text)
    doc.save(str(path))
    return path


def _html_table(table: Table) -> str:
    out = ['<table border="1" cellspacing="0">']
    for row in plan_table(table):
        out.append("<tr>")
        for cell in row:
            if cell.merge == "continue":
                continue
            attrs = "".join(
                f' {key}="{value}"'
                for key, value in (("rowspan", cell.rowspan), ("colspan", cell.colspan))
                if value > 1
            )
            text = "<br>".join(html.escape(line) for line in cell.text.split("\n"))
            out.append(f"<td{attrs}><span>{text}</span></td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def _html_text(block: Block, index: int) -> str:
    text = html.escape(block.text)
    level = heading_level(block.text)
    if level is not None:
        return f"<h{level + 1}>{text}</h{level + 1}>"
    if index % 3 == 0:
        return (
            f'<div class="para"><div><p><span style="font-size:16px">{text}</span></p></div></div>'
        )
    return f"<p>{text}</p>"


def write_html(blocks: list[Block], path: Path, *, encoding: str = "utf-8") -> Path:
    """Write `blocks` as a government-style web page in `encoding`."""
    charset = "gbk" if encoding.lower() in ("gbk", "gb18030", "gb2312") else encoding
    parts = [
        "<!DOCTYPE html>",
        f'<html><head><meta charset="{charset}"><title>绩效自评报告</title>',
        "<style>p { text-indent: 2em; }</style>",
        "<script>var nav = '导航脚本';</script></head><body>",
        "<nav><a href='/'>首页</a> &gt; <a href='#'>财政预决算</a></nav>",
        '<div class="content"><div class="article">',
    ]
    for index, block in enumerate(blocks):
        parts.append(_html_table(block.table) if block.table else _html_text(block, index))
    parts.append("</div></div><footer>主办单位：示例网站</footer></body></html>")
    path.write_bytes("\n".join(parts).encode(encoding))
    return path


def write_xlsx(blocks: list[Block], path: Path) -> Path:
    """Write the tables of `blocks` to a workbook, one sheet per table, with merges."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for number, table in enumerate((b.table for b in blocks if b.table), start=1):
        sheet = book.create_sheet(f"表{number}")
        for r, row in enumerate(plan_table(table), start=1):
            col = 1
            for cell in row:
                if cell.merge != "continue":
                    sheet.cell(r, col, cell.text or None)
                    if cell.rowspan > 1 or cell.colspan > 1:
                        sheet.merge_cells(
                            start_row=r,
                            start_column=col,
                            end_row=r + cell.rowspan - 1,
                            end_column=col + cell.colspan - 1,
                        )
                col += cell.colspan
    if not book.sheetnames:
        sheet = book.create_sheet("报告")
        for r, block in enumerate(blocks, start=1):
            sheet.cell(r, 1, block.text)
    book.save(str(path))
    return path


def soffice_convert(sources: list[Path], outdir: Path, target: str) -> list[Path]:
    """Convert `sources` with LibreOffice headless (fresh profile) to `target` (pdf, doc…).

    Nothing to convert returns at once: LibreOffice given no file waits instead of exiting.
    """
    if not sources:
        return []
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) is needed to build PDF/DOC fixtures")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(outdir),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
    suffix = "." + target.split(":")[0]
    return [outdir / (source.stem + suffix) for source in sources]


def build_all(
    outdir: Path, formats: tuple[str, ...] = ("docx", "html", "xlsx")
) -> dict[str, list[Path]]:
    """Write every seed in each of `formats` (``pdf`` implies ``docx``) under `outdir`."""
    out: dict[str, list[Path]] = {}
    for fmt in formats:
        (outdir / fmt).mkdir(parents=True, exist_ok=True)
    for seed in seed_paths():
        blocks = seed_blocks(seed)
        if "docx" in formats or "pdf" in formats:
            (outdir / "docx").mkdir(parents=True, exist_ok=True)
            out.setdefault("docx", []).append(
                write_docx(blocks, outdir / "docx" / f"{seed.stem}.docx")
            )
        if "html" in formats:
            encoding = "gb18030" if seed.stem.startswith("002") else "utf-8"
            out.setdefault("html", []).append(
                write_html(blocks, outdir / "html" / f"{seed.stem}.html", encoding=encoding)
            )
        if "xlsx" in formats:
            out.setdefault("xlsx", []).append(
                write_xlsx(blocks, outdir / "xlsx" / f"{seed.stem}.xlsx")
            )
    if "pdf" in formats:
        out["pdf"] = soffice_convert(out["docx"], outdir / "pdf", "pdf")
    return out
