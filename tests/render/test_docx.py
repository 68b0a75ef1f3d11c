"""The DOCX report filled from the Hunan template: outline, typography, print layout, tables."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Pt

from jixiao.model.record import Record
from jixiao.render import render
from jixiao.render.narrative import Narrative


@pytest.fixture()
def data(record: Record, narrative: Narrative) -> bytes:
    return render(record, narrative, "docx")


@pytest.fixture()
def document(data: bytes) -> Any:
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
    assert by_style["Heading 3"] == ["1.窗口服务提质增效", "2.档案数字化稳步推进"]


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


def test_font_table_names_substitutes(data: bytes) -> None:
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/fontTable.xml").decode("utf-8")
    assert 'w:name="仿宋_GB2312"' in xml and 'w:val="仿宋"' in xml


def test_multi_line_values_are_paragraphs_of_the_placeholders_style(document: Any) -> None:
    texts = [p.text for p in document.paragraphs]
    i = texts.index("1.预算编制不够精细，年中调整较多。")
    assert texts[i + 1] == "2.绩效指标量化程度不高，部分指标难以考核。"
    assert document.paragraphs[i + 1].paragraph_format.first_line_indent == Pt(32)
    assert not any("\u2028" in t or "\u2063" in t for t in texts)


def test_no_empty_paragraph_and_no_page_break_paragraph(document: Any) -> None:
    body = document.element.body
    for p in body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        has_break = p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
        is_spacer = p.find(f"{qn('w:pPr')}/{qn('w:spacing')}") is not None
        assert text.strip() or has_break or is_spacer
        assert not any(b.get(qn("w:type")) == "page" for b in p.iter(qn("w:br")))


def test_attachments_start_sections_and_the_self_table_is_landscape(document: Any) -> None:
    sections = document.sections
    assert len(sections) == 3
    assert [s.orientation for s in sections] == [
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.PORTRAIT,
        WD_ORIENT.LANDSCAPE,
    ]
    assert sections[2].page_width > sections[2].page_height
    signature = [p for p in document.paragraphs if p.text == "青禾县示例事务服务中心"]
    assert signature and signature[-1].paragraph_format.alignment == 2  # RIGHT


def test_self_table_header_repeats_and_rows_never_split(document: Any) -> None:
    tables = document.tables
    assert len(tables) == 5  # 三公经费, 项目支出, 基础数据表, 自评表 head and indicator block
    block = tables[-1]
    first = block.rows[0]._tr.trPr
    assert first.find(qn("w:tblHeader")) is not None
    assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None for t in tables for r in t.rows)
    assert block.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
    assert block.cell(0, 1).text == "一级指标"
    # the indicator block is as wide as the landscape page allows
    width = sum(int(g.get(qn("w:w"))) for g in block._tbl.iter(qn("w:gridCol")))
    assert width > 13000  # twips; a portrait page holds about 8850


def test_budget_and_total_rows_carry_weight_and_score(document: Any) -> None:
    head, block = document.tables[-2], document.tables[-1]
    budget = next(r for r in head.rows if r.cells[0].text == "年度资金总额")
    assert [c.text for c in budget.cells[5:]] == ["10", "98.02%", "9.8", "9.8"]
    total = block.rows[-1]
    assert total.cells[0].text == "总分" and [c.text for c in total.cells[6:8]] == ["100", "98.8"]


def test_merged_cells(document: Any) -> None:
    block = document.tables[-1]
    first = 1
    assert block.cell(first, 1).text == "产出指标"
    assert block.cell(first + 3, 1)._tc is block.cell(first, 1)._tc
    assert block.cell(first + 1, 2)._tc is block.cell(first, 2)._tc
    assert block.cell(first + 2, 2)._tc is not block.cell(first, 2)._tc


def test_reader_sees_the_spans_and_the_ordinals(data: bytes) -> None:
    from jixiao.readers import read_bytes

    document = read_bytes(data, name="a.docx")
    tables = [t for _, t in document.tables()]
    spans = {(c.text, c.rowspan) for c in tables[-1].cells if c.rowspan > 1}
    assert ("产出指标", 4) in spans and ("数量指标", 2) in spans
    assert [t.cells[0].position.table for t in tables] == [1, 2, 3, 4, 5]
