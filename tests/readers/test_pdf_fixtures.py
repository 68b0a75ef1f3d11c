"""The PDF reader on made-up reports rendered by jixiao and converted by LibreOffice.

- a 自评表 whose indicator rows run over several page breaks, rows split by them,
  with a running head and page numbers on every page;
- the same report with every table rule removed (columns kept by alignment only).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pypdfium2
import pytest

from fixtures_build import SCORER
from jixiao.model.document import Document
from jixiao.model.record import Record
from jixiao.pipeline import load_bytes, load_document
from jixiao.readers.pdf import read
from jixiao.render import render
from jixiao.render.pdf import docx_to_pdf

from .pdf_fixtures import (
    DEVIATIONS,
    NAMES,
    long_table_record,
    rows_split,
    ruleless,
    with_running_head,
)

HEAD = "示例县某局年度部门整体支出绩效自评报告"


@pytest.fixture(scope="module")
def record() -> Record:
    return long_table_record()


@pytest.fixture(scope="module")
def long_pdf(record: Record) -> bytes:
    return docx_to_pdf(with_running_head(rows_split(render(record, fmt="docx")), HEAD))


@pytest.fixture(scope="module")
def ruleless_pdf(record: Record) -> bytes:
    return docx_to_pdf(ruleless(rows_split(render(record, fmt="docx"))))


def _page_texts(pdf: bytes) -> list[str]:
    doc = pypdfium2.PdfDocument(pdf)
    try:
        return [re.sub(r"\s", "", doc[i].get_textpage().get_text_range()) for i in range(len(doc))]
    finally:
        doc.close()


def _indicator_table(doc: Document) -> list[list[str]]:
    tables = [t for _, t in doc.tables() if any(c.text == "三级指标" for c in t.cells)]
    assert len(tables) == 1, "the 自评表 is one table, whatever pages it covers"
    return tables[0].text_grid()


def test_fixture_really_splits_rows_over_page_breaks(long_pdf: bytes) -> None:
    pages = _page_texts(long_pdf)
    starts = [text.removeprefix(HEAD) for text in pages]
    split = [
        d
        for d in DEVIATIONS
        for s in starts
        if any(s.startswith(d[k : k + 8]) for k in range(1, len(d) - 8))
    ]
    assert split, "no page starts inside a 偏差原因 cell: the fixture does not test split rows"


def test_table_over_page_breaks_is_one_table_with_whole_cells(
    long_pdf: bytes, record: Record
) -> None:
    grid = _indicator_table(read(long_pdf, name="long.pdf"))
    rows = {row[3]: row for row in grid if row[3] in NAMES}
    assert list(rows) == list(NAMES)
    for indicator in record.indicators:
        row = rows[indicator.name]
        assert row[-1] == (indicator.deviation or "")
        assert row[4:6] == [indicator.target.replace("≥", "≥"), indicator.actual]  # type: ignore[union-attr]


def test_running_heads_and_page_numbers_are_dropped(long_pdf: bytes) -> None:
    doc = read(long_pdf, name="long.pdf")
    texts = [b.text for b in doc.blocks if b.table is None]
    assert not any(HEAD in t for t in texts)
    assert not any(re.fullmatch(r"[—\-\s]*\d+[—\-\s]*", t) for t in texts)


def test_title_over_two_lines_is_one_heading(long_pdf: bytes, record: Record) -> None:
    first = read(long_pdf, name="long.pdf").blocks[0]
    assert first.kind == "heading"
    assert str(record.department) in first.text.replace(" ", "")
    assert first.text.endswith("自评报告")


def test_table_cells_carry_page_and_box(long_pdf: bytes) -> None:
    doc = read(long_pdf, name="long.pdf")
    _, table = doc.tables()[-1]
    pages = {c.position.page for c in table.cells}
    assert len(pages) > 1
    assert all(c.position.box is not None for c in table.cells)


def test_long_table_extracts_its_record(long_pdf: bytes, record: Record) -> None:
    got = load_document(read(long_pdf, name="long.pdf")).record
    assert [i.model_dump() for i in got.indicators] == [i.model_dump() for i in record.indicators]
    assert got.budget == record.budget
    assert got.self_evaluation == record.self_evaluation


def _display_column(text: str, index: int) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text[:index])


def test_ruleless_rows_keep_their_columns_as_spaces(ruleless_pdf: bytes, record: Record) -> None:
    doc = read(ruleless_pdf, name="ruleless.pdf")
    assert not any(any(c.text == "三级指标" for c in t.cells) for _, t in doc.tables())
    lines = {b.text.strip().split("  ")[0]: b.text for b in doc.blocks if b.table is None}
    columns = set()
    for indicator in record.indicators:
        line = next(t for t in (b.text for b in doc.blocks) if indicator.name in t)
        cells = [c.strip() for c in re.split(r" {2,}", line.strip())]
        at = cells.index(indicator.name)
        assert cells[at + 1 : at + 5] == [
            indicator.target,
            indicator.actual,
            f"{indicator.weight}",
            f"{indicator.score}",
        ]
        columns.add(_display_column(line, line.index(str(indicator.target))))
    assert max(columns) - min(columns) <= 1, "targets stand in one column"
    assert lines


def _f1(pdf: bytes, record: Record, tmp_path: Path, name: str) -> float:
    if not SCORER.exists():
        pytest.skip("the shared scorer (../shared) is not beside this checkout")
    truth, pred = tmp_path / "truth", tmp_path / "pred"
    truth.mkdir()
    pred.mkdir()
    (truth / f"{name}.json").write_text(record.to_json(), encoding="utf-8")
    got = load_bytes(pdf, name=f"{name}.pdf").record
    (pred / f"{name}.json").write_text(got.to_json(), encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCORER), str(truth), str(pred), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(json.loads(out.stdout)["overall"]["f"])


def test_long_table_f1(long_pdf: bytes, record: Record, tmp_path: Path) -> None:
    assert _f1(long_pdf, record, tmp_path, "long") >= 0.95


def test_ruleless_f1_through_text_recovery(
    ruleless_pdf: bytes, record: Record, tmp_path: Path
) -> None:
    assert _f1(ruleless_pdf, record, tmp_path, "ruleless") >= 0.95
