"""Completeness checks."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent

OUTLINE = "一、部门概况\n本部门编制数36人，在职人数36人，负责全区人大会议的组织工作。\n"
ENDING = "二、存在的问题\n预算执行进度较慢，资金集中在下半年支出。\n三、改进措施\n加强预算执行的监督和管理，按进度支出。\n"

BAD: dict[str, Case] = {
    "section-empty": ("一、部门概况\n（一）部门整体支出规模\n（二）绩效目标\n" + ENDING, None),
    "section-missing": (OUTLINE, None),
    "indicator-actual-missing": ("", {"indicators": [{"name": "会议次数", "target": "≥20次"}]}),
    "deviation-unexplained": ("", {"indicators": [{"name": "满意度", "weight": 10, "score": 8}]}),
    "low-execution-unexplained": (
        "",
        {"budget": {"final": {"total": 100}, "actual": {"total": 85}}},
    ),
    "projects-fewer-than-stated": (
        "本单位年初预算专项资金共7个。",
        {"projects": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]},
    ),
}
GOOD: dict[str, Case] = {
    "section-empty": (OUTLINE + ENDING, None),
    "section-missing": (OUTLINE + ENDING, None),
    "indicator-actual-missing": (
        "",
        {"indicators": [{"name": "会议次数", "target": "≥20次", "actual": "22次"}]},
    ),
    "deviation-unexplained": (
        "",
        {
            "indicators": [
                {"name": "满意度", "weight": 10, "score": 8, "deviation": "个别群众不满意"}
            ]
        },
    ),
    "low-execution-unexplained": (
        "执行率偏低的原因是项目资金下达较晚。",
        {"budget": {"final": {"total": 100}, "actual": {"total": 85}}},
    ),
    "projects-fewer-than-stated": (
        "编报绩效目标的项目3个。",
        {"projects": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]},
    ),
}


def test_cases_cover_family() -> None:
    assert_family("completeness", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_section_saying_none_is_not_empty() -> None:
    assert silent("section-empty", ("三、政府性基金预算支出情况\n无。\n" + ENDING, None))
