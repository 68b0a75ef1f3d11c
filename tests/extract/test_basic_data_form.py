"""A made-up 基础数据表 (staffing, 三公经费, spending by year) in every flattening."""

from __future__ import annotations

import pytest
from formfixtures import BASIC_EXPECTED, BASIC_GRID, BASIC_TITLE, FLATTENINGS, facts

from jixiao.pipeline import load_bytes


@pytest.mark.parametrize("flattening", sorted(FLATTENINGS))
def test_basic_data_form_in_every_flattening(flattening: str) -> None:
    text = FLATTENINGS[flattening](BASIC_GRID, BASIC_TITLE)
    record = load_bytes(text.encode("utf-8"), name=f"{flattening}.txt").record
    assert facts(record, BASIC_EXPECTED) == BASIC_EXPECTED
