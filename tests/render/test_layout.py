"""Table specs: merged cells are placed on the grid the way HTML places them."""

from __future__ import annotations

import pytest

from jixiao.render.layout import TableSpec, TCell


def _spec() -> TableSpec:
    rows = (
        (TCell("A", rowspan=2), TCell("B", colspan=2)),
        (TCell("C"), TCell("D")),
        (TCell("E"), TCell("F"), TCell("G")),
    )
    return TableSpec(rows=rows, n_cols=3)


def test_placed_skips_covered_slots() -> None:
    positions = {(p.row, p.col): p.cell.text for p in _spec().placed()}
    assert positions == {
        (0, 0): "A",
        (0, 1): "B",
        (1, 1): "C",
        (1, 2): "D",
        (2, 0): "E",
        (2, 1): "F",
        (2, 2): "G",
    }


def test_merges_and_text_grid() -> None:
    spec = _spec()
    assert spec.merges() == [(0, 0, 2, 1), (0, 1, 1, 2)]
    assert spec.text_grid() == [["A", "B", "B"], ["A", "C", "D"], ["E", "F", "G"]]


def test_a_row_that_does_not_fit_is_an_error() -> None:
    spec = TableSpec(rows=((TCell("A"), TCell("B", colspan=2)),), n_cols=2)
    with pytest.raises(ValueError, match="does not fit"):
        spec.placed()
