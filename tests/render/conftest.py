"""Shared fixtures of the render tests: the invented sample bundle and a report with errors."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from jixiao.model.record import Record
from jixiao.render import render
from jixiao.render.narrative import Narrative, load_bundle

DATA = Path(__file__).resolve().parents[1] / "data" / "render"


@pytest.fixture()
def sample_path() -> Path:
    """The invented sample bundle (record and narrative)."""
    return DATA / "sample.json"


@pytest.fixture()
def sample(sample_path: Path) -> tuple[Record, Narrative]:
    """The sample's record and narrative."""
    return load_bundle(sample_path)


@pytest.fixture()
def record(sample: tuple[Record, Narrative]) -> Record:
    """The sample's record."""
    return sample[0]


@pytest.fixture()
def narrative(sample: tuple[Record, Narrative]) -> Narrative:
    """The sample's narrative."""
    return sample[1]


def _set_cell(cell: object, text: str) -> None:
    paragraph = cell.paragraphs[0]  # type: ignore[attr-defined]
    for run in paragraph.runs[1:]:
        run._r.getparent().remove(run._r)
    paragraph.runs[0].text = text


@pytest.fixture()
def flawed_report(tmp_path: Path, record: Record, narrative: Narrative) -> Path:
    """The sample's report with the 全年预算数 of 年度资金总额 changed from 612.40 to 622.40.

    The 自评表's head is the 4th table; the figure stands in its 3rd row, 4th column.
    """
    document = docx.Document(io.BytesIO(render(record, narrative)))
    head = document.tables[3]
    assert head.cell(2, 0).text == "年度资金总额" and head.cell(2, 3).text == "612.40"
    _set_cell(head.cell(2, 3), "622.40")
    path = tmp_path / "甲单位报告.docx"
    document.save(str(path))
    return path
