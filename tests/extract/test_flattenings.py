"""One made-up 自评表, every way real copies flatten it: the same record from each."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from formfixtures import (
    EXPECTED,
    FLATTENINGS,
    GRID,
    INDICATORS,
    facts,
    one_line,
    run_together,
    tab_layout,
)

from jixiao.model.record import Record
from jixiao.pipeline import load, load_all, load_bytes


def _rows(record: Record) -> list[tuple[Any, ...]]:
    return [(i.level1, i.level2, i.name, i.target, i.actual, str(i.weight), str(i.score),
             i.deviation) for i in record.indicators]


def _expected_rows() -> list[tuple[Any, ...]]:
    return [(*row[:5], str(Decimal(row[5])), str(Decimal(row[6])), row[7]) for row in INDICATORS]


@pytest.mark.parametrize("flattening", sorted(FLATTENINGS))
def test_every_flattening_gives_the_whole_record(flattening: str) -> None:
    text = FLATTENINGS[flattening](GRID)
    record = load_bytes(text.encode("utf-8"), name=f"{flattening}.txt").record
    assert facts(record, EXPECTED) == EXPECTED
    assert _rows(record) == _expected_rows()


def test_run_together_cells_give_names_and_no_guessed_figures() -> None:
    record = load_bytes(run_together(GRID).encode("utf-8"), name="runon.txt").record
    assert [i.name for i in record.indicators] == [row[2] for row in INDICATORS]
    assert record.department == "青禾县图书馆"
    assert all(i.weight is None and i.score is None for i in record.indicators)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from formfixtures import write_docx, write_html, write_xlsx

    from jixiao.render.pdf import docx_to_pdf

    root = tmp_path_factory.mktemp("form")
    docx = write_docx(root / "form.docx")
    pdf = root / "form.pdf"
    pdf.write_bytes(docx_to_pdf(docx.read_bytes()))
    return {"docx": docx, "html": write_html(root / "form.html"),
            "xlsx": write_xlsx(root / "form.xlsx"), "pdf": pdf}


@pytest.mark.parametrize("fmt", ["docx", "html", "xlsx", "pdf"])
def test_original_formats_give_the_same_record(fmt: str, written: dict[str, Path]) -> None:
    record = load(written[fmt]).record
    assert facts(record, EXPECTED) == EXPECTED
    assert _rows(record) == _expected_rows()


def _second_form() -> list[list[str]]:
    """The same form for another project of the same unit."""
    grid = [list(row) for row in GRID]
    grid[0][1] = "流动图书车下乡"
    grid[2][2:5] = ["40", "40", "36"]
    return grid


def test_a_document_of_several_forms_gives_one_record_per_form(tmp_path: Path) -> None:
    tail = "\t偏差原因说明\n\t无\n\n\n"  # the end of a form that began on an earlier page
    text = tail + tab_layout(GRID) + tab_layout(_second_form())
    path = tmp_path / "forms.txt"
    path.write_text(text, encoding="utf-8")
    records = [e.record for e in load_all(path)]
    assert [r.project.name for r in records] == ["社区图书角运营", "流动图书车下乡"]
    assert [r.budget.actual.total for r in records] == [Decimal("110.2"), Decimal("36")]
    assert all(r.year == 2023 and r.department == "青禾县图书馆" for r in records)


def test_extract_writes_a_numbered_file_for_each_further_form(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app

    path = tmp_path / "forms.txt"
    path.write_text(one_line(GRID) + one_line(_second_form()), encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    records = [p for p in (tmp_path / "out").glob("*.json") if not p.name.endswith(".narrative.json")]
    assert sorted(p.name for p in records) == ["forms-2.json", "forms.json"]
