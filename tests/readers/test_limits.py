"""The shared limits module: each limit refuses before the work, and can be raised by environment."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.dbguard import ForeignDatabaseError, foreign_tables, refuse_foreign
from jixiao.readers import limits
from jixiao.readers.limits import (
    ResourceLimitError,
    check_grid,
    check_package,
    document_budget,
    sheet_extent,
)
from jixiao.render import render
from jixiao.render.narrative import load_bundle

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "render" / "sample.json"


def test_member_ratio_and_size_are_checked_from_the_directory() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.xml", b"0" * (8 << 20))
    with zipfile.ZipFile(buffer) as zf, pytest.raises(ResourceLimitError, match="压缩比"):
        check_package(zf)


def test_limit_raised_by_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ResourceLimitError) as caught:
        check_grid(2000, 1000)
    assert "JIXIAO_LIMIT_TABLE_CELLS" in caught.value.hint
    monkeypatch.setenv("JIXIAO_LIMIT_TABLE_CELLS", str(3_000_000))
    check_grid(2000, 1000)


def test_document_budget_adds_up_tables() -> None:
    with document_budget(), pytest.raises(ResourceLimitError, match="全部表格"):
        for _ in range(5):
            check_grid(1000, 1000)


def test_sheet_extent_counts_refs_merges_and_unplaced_cells() -> None:
    xml = b'<sheetData><row r="3"><c r="B3"><v>1</v></c></row></sheetData><mergeCell ref="A1:D9"/>'
    assert sheet_extent(xml) == (9, 4, 1)
    unplaced = b"<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c/></row></sheetData>"
    assert sheet_extent(unplaced) == (2, 3, 3)


def test_depth_is_checked_without_recursion() -> None:
    from lxml import etree

    root = etree.Element("a")
    node = root
    for _ in range(limits.get("DEPTH") + 5):
        node = etree.SubElement(node, "b")
    with pytest.raises(ResourceLimitError, match="嵌套"):
        limits.check_depth(root)


def test_foreign_tables(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "a.db")
    assert foreign_tables(conn, {"documents"}) == []
    conn.execute("CREATE TABLE documents (x)")
    conn.execute("CREATE TABLE alembic_version (v)")
    refuse_foreign(conn, {"documents"}, name="a.db")
    conn.execute("CREATE VIEW payroll AS SELECT 1")
    with pytest.raises(ForeignDatabaseError, match="payroll"):
        refuse_foreign(conn, {"documents"}, name="a.db")
    conn.close()
    assert foreign_tables(f"sqlite:///{tmp_path / 'a.db'}", {"documents"}) == ["payroll"]
    assert foreign_tables(f"sqlite:///{tmp_path / 'absent.db'}", set()) == []


def test_rendered_workbook_keeps_a_formula_like_unit_as_text(tmp_path: Path) -> None:
    record, narrative = load_bundle(SAMPLE)
    record = record.model_copy(update={"department": '=HYPERLINK("http://x.invalid","点")'})
    data = render(record, narrative, "xlsx")
    book = load_workbook(io.BytesIO(data))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    hostile = [c for c in cells if "HYPERLINK" in c.value]
    assert hostile and all(c.data_type == "s" and c.quotePrefix for c in hostile)
