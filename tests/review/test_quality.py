"""Indicator quality checks."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent


def one(**fields: str) -> dict[str, object]:
    return {"indicators": [{"name": "会议召开次数", "level2": "数量指标", **fields}]}


BAD: dict[str, Case] = {
    "target-missing": ("", one(actual="22次")),
    "target-not-quantified": ("", one(target="多次")),
    "target-unit-missing": ("", one(target="≥20")),
    "target-restates-name": (
        "",
        {"indicators": [{"name": "保障机关正常运转", "target": "保障机关正常运转"}]},
    ),
}
GOOD: dict[str, Case] = {
    "target-missing": ("", one(target="≥20次")),
    "target-not-quantified": ("", one(target="≥20次")),
    "target-unit-missing": ("", one(target="≥20次")),
    "target-restates-name": (
        "",
        {"indicators": [{"name": "保障机关正常运转", "target": "全年无停摆"}]},
    ),
}


def test_cases_cover_family() -> None:
    assert_family("quality", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_a_row_read_without_any_value_is_not_a_missing_target() -> None:
    assert silent("target-missing", ("", one()))


def test_a_scoring_table_without_a_target_column_owes_no_targets() -> None:
    from .helpers import table

    scores = "某局部门整体支出绩效评价得分表\n" + table(
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["部门决策", "目标设定", "绩效目标合理性", "5", "4"],
        ["部门决策", "预算配置", "测算依据充分性", "5", "5"],
    )
    assert silent("target-missing", (scores, None))
    assert silent("deviation-unexplained", (scores, None))
