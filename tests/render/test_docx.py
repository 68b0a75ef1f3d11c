"""Golden structure of the DOCX report: outline, typography, tables and merged cells."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.model.record import Record
from jixiao.render.docx import render_docx
from jixiao.render.narrative import Narrative
from jixiao.render.report import build_report


@pytest.fixture()
def document(record: Record, narrative: Narrative) -> Any:
    data = render_docx(build_report(record, narrative), title="示例")
    return docx.Document(io.BytesIO(data))


def _east_asian(style: Any) -> str | None:
    fonts = style.element.rPr.rFonts
    return fonts.get(qn("w:eastAsia"))


def test_outline_uses_heading_styles(document: Any) -> None:
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    assert by_style["Title"] == ["2023年度青禾县示例事务服务中心部门整体支出绩效自评报告"]
    assert by_style["Heading 1"][0] == "一、部门基本情况"
    assert by_style["Heading 1"][-1] == "九、部门整体支出绩效自评结果拟应用和公开情况"
    assert "（二）项目支出" in by_style["Heading 2"]
    assert "1.窗口服务提质增效" in by_style["Heading 3"]


def test_official_typography(document: Any) -> None:
    section = document.sections[0]
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm, 1) for m in margins] == [37, 35, 28, 26]
    styles = document.styles
    assert _east_asian(styles["Title"]) == "方正小标宋简体"
    assert _east_asian(styles["Normal"]) == "仿宋_GB2312"
    assert _east_asian(styles["Heading 1"]) == "黑体"
    assert _east_asian(styles["Heading 2"]) == "楷体_GB2312"
    assert styles["Normal"].font.size == Pt(16)
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("— ") and footer.text.endswith(" —")
    assert "PAGE" in "".join(t.text for t in footer._p.iter(qn("w:instrText")))


def test_font_table_names_substitutes(record: Record) -> None:
    import zipfile

    data = render_docx(build_report(record))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in xml and 'w:val="仿宋"' in xml


def test_tables_and_merged_cells(document: Any, record: Record) -> None:
    tables = document.tables
    assert len(tables) == 4  # 三公经费, 项目支出, 基础数据表, 自评表
    basic, self_eval = tables[2], tables[3]
    assert len(basic.columns) == 7 and len(self_eval.columns) == 9
    assert basic.cell(0, 1).text == "编制数" and basic.cell(1, 6).text == "88.89%"
    header = next(r for r, row in enumerate(self_eval.rows) if row.cells[1].text == "一级指标")
    first = header + 1
    # 产出指标 is one merged cell over four rows, 数量指标 over two
    assert self_eval.cell(first, 1).text == "产出指标"
    assert self_eval.cell(first + 3, 1)._tc is self_eval.cell(first, 1)._tc
    assert self_eval.cell(first + 1, 2)._tc is self_eval.cell(first, 2)._tc
    assert self_eval.cell(first + 2, 2)._tc is not self_eval.cell(first, 2)._tc
    assert self_eval.cell(len(self_eval.rows) - 1, 0).text == "总分"
    assert self_eval.cell(len(self_eval.rows) - 1, 7).text == "97.5"


def test_reader_sees_the_spans(record: Record) -> None:
    from jixiao.readers.docx import read

    document = read(render_docx(build_report(record)), name="a.docx")
    tables = [t for _, t in document.tables()]
    self_eval = tables[-1]
    spans = {(c.text, c.rowspan) for c in self_eval.cells if c.rowspan > 1}
    assert ("产出指标", 4) in spans and ("数量指标", 2) in spans
