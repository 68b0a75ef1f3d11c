"""A made-up 部门整体绩效自评表 (indicator columns 指标名称/计量单位/指标性质/指标值/权重/完成值/得分)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from formfixtures import (
    DEPARTMENT_EXPECTED,
    DEPARTMENT_GRID,
    DEPARTMENT_INDICATORS,
    DEPARTMENT_TITLE,
    FLATTENINGS,
    facts,
    write_docx,
    write_html,
    write_xlsx,
)

from jixiao.model.record import Record
from jixiao.pipeline import load, load_bytes


def _rows(record: Record) -> list[tuple[Any, ...]]:
    return [(i.name, i.target, i.actual, str(i.weight), str(i.score), i.unit) for i in record.indicators]


def _check(record: Record) -> None:
    assert facts(record, DEPARTMENT_EXPECTED) == DEPARTMENT_EXPECTED
    assert _rows(record) == [tuple(row) for row in DEPARTMENT_INDICATORS]


@pytest.mark.parametrize("flattening", sorted(FLATTENINGS))
def test_department_form_in_every_flattening(flattening: str) -> None:
    text = FLATTENINGS[flattening](DEPARTMENT_GRID, DEPARTMENT_TITLE)
    _check(load_bytes(text.encode("utf-8"), name=f"{flattening}.txt").record)


@pytest.mark.parametrize("writer", [write_docx, write_html, write_xlsx])
def test_department_form_as_a_real_table(writer: Any, tmp_path: Path) -> None:
    path = writer(tmp_path / f"dept.{writer.__name__.split('_')[1]}", DEPARTMENT_GRID, DEPARTMENT_TITLE)
    _check(load(path).record)


def test_department_form_as_pdf(tmp_path: Path) -> None:
    from jixiao.render.pdf import docx_to_pdf

    docx = write_docx(tmp_path / "dept.docx", DEPARTMENT_GRID, DEPARTMENT_TITLE)
    pdf = tmp_path / "dept.pdf"
    pdf.write_bytes(docx_to_pdf(docx.read_bytes()))
    _check(load(pdf).record)
