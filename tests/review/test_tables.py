"""Table views: data rows under their header, and a header's columns found once."""

from __future__ import annotations

from jixiao.model.document import Block, Cell, Document, Table
from jixiao.review.tables import CellView, TableView, find_index, rows_with_columns, table_views


def _view() -> TableView:
    texts = [["项目", "预算数", "执行数", "执行率"], ["培训", "10", "9", "90%"], ["会议", "5", "5", "100%"],
             ["项目", "预算数", "执行数", "执行率"], ["印刷", "2", "1", "50%"]]
    cells = tuple(Cell(r, c, t) for r, row in enumerate(texts) for c, t in enumerate(row))
    document = Document("made-up.txt", "text", (Block("table", table=Table(cells, 5, 4)),))
    (view,) = table_views(document)
    return view


def test_each_header_row_has_its_columns_found_once() -> None:
    asked: list[tuple[CellView, ...]] = []

    def columns(header: tuple[CellView, ...]) -> int | None:
        asked.append(header)
        return find_index(header, lambda t: "执行率" in t)

    view = _view()
    rows = rows_with_columns(view, lambda keys: "执行率" in keys, columns)
    found = [(row.label(), row.rate(rate) if rate is not None else None) for row, rate in rows]
    assert [str(v) for _, v in found] == ["90", "100", "50"]
    assert [label for label, _ in found] == ["培训", "会议", "印刷"]
    assert len(asked) == 2 and asked[0] is not asked[1]
