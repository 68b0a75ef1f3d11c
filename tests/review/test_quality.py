"""Indicator quality checks."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent


def one(**fields: str) -> dict[str, object]:
    return {"indicators": [{"name": "人大会议次数", "level2": "数量指标", **fields}]}


BAD: dict[str, Case] = {
    "target-missing": ("", one()),
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
