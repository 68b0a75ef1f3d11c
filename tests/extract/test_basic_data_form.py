"""A made-up 基础数据表 (staffing, 三公经费, spending by year) in every flattening."""

from __future__ import annotations

from typing import Any

import pytest
from formfixtures import BASIC_EXPECTED, BASIC_GRID, BASIC_TITLE, FLATTENINGS

from jixiao.model.record import Record
from jixiao.pipeline import load_bytes


def _facts(record: Record) -> dict[str, Any]:
    out = {}
    for path in BASIC_EXPECTED:
        node: Any = record
        for part in path.split("."):
            node = getattr(node, part)
        out[path] = node
    return out


@pytest.mark.parametrize("flattening", sorted(FLATTENINGS))
def test_basic_data_form_in_every_flattening(flattening: str) -> None:
    text = FLATTENINGS[flattening](BASIC_GRID, BASIC_TITLE)
    assert _facts(load_bytes(text.encode("utf-8"), name=f"{flattening}.txt").record) == BASIC_EXPECTED
