"""Locations in words a person can find, and the structured location of JSON."""

from __future__ import annotations

from jixiao.model.document import Block, Cell, Document, Position, Table, numbered
from jixiao.model.provenance import SourceRef


def _doc(fmt: str, pages: bool = False) -> Document:
    page = (lambda n: Position(page=n)) if pages else (lambda n: Position(line=n))
    table = Table(cells=(Cell(0, 0, "编制数", position=page(2)), Cell(1, 0, "42", position=page(2))), n_rows=2, n_cols=1)
    blocks = (
        Block("heading", "标题", position=page(1)),
        Block("paragraph", "正文", position=page(1)),
        Block("table", table=table, position=page(2)),
        Block("paragraph", "第二页正文", position=page(2)),
        Block("table", table=table, position=page(2)),
    )
    return Document("a", fmt, blocks)


def test_docx_blocks_are_counted_in_order() -> None:
    doc = numbered(_doc("docx"))
    assert [b.position.paragraph for b in doc.blocks] == [1, 2, None, 3, None]
    assert [b.position.table for b in doc.blocks] == [None, None, 1, None, 2]
    assert all(c.position.table == 2 for c in doc.blocks[4].table.cells)  # type: ignore[union-attr]


def test_pdf_ordinals_count_on_the_page() -> None:
    doc = numbered(_doc("pdf", pages=True))
    assert [b.position.paragraph for b in doc.blocks] == [1, 2, None, 1, None]
    assert doc.blocks[4].position.table == 2
    ref = SourceRef(4, doc.blocks[4].table.cells[1].position, "42", row=1, col=0)  # type: ignore[union-attr]
    assert ref.label() == "第2页第2个表格第2行第1列"


def test_text_and_spreadsheets_keep_their_own_places() -> None:
    assert numbered(_doc("text")) == _doc("text")
    ref = SourceRef(0, Position(line=40), "42", row=4, col=1)
    assert ref.label() == "表格第5行第2列（第40行）"
    assert SourceRef(0, Position(line=12), "x").label() == "第12行"
    assert SourceRef(0, Position(sheet="自评表", cell="C14"), "x", row=3, col=2).label() == "自评表!C14"


def test_words_for_docx_and_html() -> None:
    doc = numbered(_doc("html"))
    cell = doc.blocks[2].table.cells[1]  # type: ignore[union-attr]
    assert SourceRef(2, cell.position, "42", row=1, col=0).label() == "第1个表格第2行第1列"
    assert SourceRef(3, doc.blocks[3].position, "第二页正文").label() == "第3段"


def test_structured_location() -> None:
    ref = SourceRef(0, Position(page=4, table=2, line=9), "42", row=1, col=0, start=3, end=5)
    assert ref.where() == {"page": 4, "table": 2, "row": 2, "column": 1, "start": 3, "end": 5, "line": 9}
    para = SourceRef(0, Position(paragraph=12), "x")
    assert para.where() == {"paragraph": 12}
