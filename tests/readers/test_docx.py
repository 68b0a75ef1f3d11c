"""Tests of the DOCX reader: order, heading levels, merged and nested tables, bad files."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from jixiao.errors import UnreadableDocumentError
from jixiao.readers.docx import read


def _bytes(doc: object) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


@pytest.fixture
def merged_report() -> bytes:
    """A made-up report: title, heading, paragraph, a 3×3 table with merges, a nested table."""
    doc = docx.Document()
    doc.sections[0].header.paragraphs[0].text = "页眉不应读入"
    doc.add_heading("示例单位绩效自评报告", level=0)
    doc.add_heading("一、部门概况", level=1)
    doc.add_paragraph("本部门编制 10 人。")
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).text = "一级指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "指标值"
    table.cell(1, 0).text = "产出指标"
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).text = "数量"
    table.cell(1, 2).text = "≥5次"
    table.cell(2, 1).text = "质量"
    inner = table.cell(2, 2).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "内层"
    inner.cell(0, 1).text = "100%"
    doc.add_paragraph("表后段落")
    return _bytes(doc)


def test_blocks_keep_body_order_and_heading_levels(merged_report: bytes) -> None:
    doc = read(merged_report, name="r.docx")
    kinds = [(b.kind, b.level, b.text) for b in doc.blocks if b.kind != "table"]
    assert kinds == [
        ("heading", 0, "示例单位绩效自评报告"),
        ("heading", 1, "一、部门概况"),
        ("paragraph", None, "本部门编制 10 人。"),
        ("paragraph", None, "表后段落"),
    ]
    assert [b.kind for b in doc.blocks] == [
        "heading",
        "heading",
        "paragraph",
        "table",
        "table",
        "paragraph",
    ]
    assert all("页眉" not in b.text for b in doc.blocks)


def test_merged_cells_appear_once_with_spans(merged_report: bytes) -> None:
    table = read(merged_report, name="r.docx").tables()[0][1]
    cells = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in table.cells}
    assert cells[(0, 1)] == ("指标值", 1, 2)
    assert cells[(1, 0)] == ("产出指标", 2, 1)
    assert (2, 0) not in cells and (0, 2) not in cells
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert table.text_grid()[2][0] == "产出指标"


def test_nested_table_follows_outer_one(merged_report: bytes) -> None:
    doc = read(merged_report, name="r.docx")
    outer, inner = (t for _, t in doc.tables())
    assert inner.text_grid() == [["内层", "100%"]]
    assert "内层" not in outer.text_grid()[2][2]


def test_style_with_outline_level_is_heading() -> None:
    doc = docx.Document()
    paragraph = doc.add_paragraph("二、自定义标题")
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="1"/>'))
    blocks = read(_bytes(doc), name="o.docx").blocks
    assert (blocks[0].kind, blocks[0].level) == ("heading", 2)


def test_positions_count_body_paragraphs(merged_report: bytes) -> None:
    doc = read(merged_report, name="r.docx")
    lines = [b.position.line for b in doc.blocks]
    assert lines == sorted(lines) and lines[0] == 1


def test_not_a_zip_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"x.docx.*不是有效的 Word"):
        read(b"hello, not a word file", name="x.docx")


def test_truncated_docx_is_refused(merged_report: bytes) -> None:
    with pytest.raises(UnreadableDocumentError, match=r"t.docx.*不完整或已损坏"):
        read(merged_report[: len(merged_report) // 2], name="t.docx")


def test_encrypted_docx_is_refused() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(UnreadableDocumentError, match=r"e.docx.*加密"):
        read(ole, name="e.docx")


def test_old_doc_named_docx_is_explained() -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512
    with pytest.raises(UnreadableDocumentError, match=r"\.doc"):
        read(ole, name="old.docx")


def test_zip_without_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("hello.txt", "hi")
    with pytest.raises(UnreadableDocumentError, match=r"z.docx.*缺少"):
        read(buffer.getvalue(), name="z.docx")


def test_styles_far_into_the_styles_part_give_their_levels() -> None:
    """A style added last stands at the end of a large styles part; it is found there."""
    from docx.enum.style import WD_STYLE_TYPE

    doc = docx.Document()
    custom = doc.styles.add_style("报告小标题", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = doc.styles["Heading 2"]
    doc.add_paragraph("（一）自定义样式的标题", style="报告小标题")
    doc.add_paragraph("正文段落", style="Body Text")
    data = _bytes(doc)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        styles = package.read("word/styles.xml")
    assert styles.find("报告小标题".encode()) > 100_000  # past the first pieces read
    blocks = read(data, name="s.docx").blocks
    assert [(b.kind, b.level) for b in blocks] == [("heading", 2), ("paragraph", None)]


def test_tabs_breaks_and_plain_runs_read_alike_in_paragraphs_and_cells() -> None:
    doc = docx.Document()
    plain = doc.add_paragraph("一、")
    plain.add_run("部门概况")
    marked = doc.add_paragraph("编制数")
    marked.add_run().add_tab()
    marked.add_run("12人")
    marked.add_run().add_break()
    marked.add_run("实有11人")
    cell = doc.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].add_run("合计")
    cell.paragraphs[0].add_run().add_tab()
    cell.paragraphs[0].add_run("100")
    cell.add_paragraph("万元")
    blocks = read(_bytes(doc), name="t.docx").blocks
    assert [b.text for b in blocks[:2]] == ["一、部门概况", "编制数\t12人\n实有11人"]
    assert blocks[2].table is not None
    assert blocks[2].table.cells[0].text == "合计\t100\n万元"


def test_paragraphs_and_tables_carry_their_ordinals_as_read(merged_report: bytes) -> None:
    """The reader counts paragraphs and tables itself, so `numbered` has nothing left to do."""
    from dataclasses import replace

    from jixiao.model.document import numbered

    doc = read(merged_report, name="r.docx")
    assert numbered(doc) == doc
    tables = [b for b in doc.blocks if b.table is not None]
    assert [b.position.table for b in tables] == [1, 2]  # the outer table, then the nested one
    assert all(c.position.table == 2 for c in tables[1].table.cells)
    paragraphs = [b.position.paragraph for b in doc.blocks if b.table is None]
    assert paragraphs == list(range(1, len(paragraphs) + 1))
    wrong = replace(doc, blocks=(replace(doc.blocks[0], position=replace(doc.blocks[0].position, paragraph=9)),
                                 *doc.blocks[1:]))
    assert numbered(wrong) == doc  # ordinals a reader got wrong are counted again
