"""Completeness checks."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import run, table

OUTLINE = "一、部门概况\n本部门编制数28人，在职人数27人，负责全县档案的收集和保管工作。\n"
WHOLE = (
    OUTLINE
    + "二、部门整体支出情况\n全年支出320.00万元，全部用于机关运转和会议保障。\n"
    + "三、绩效目标完成情况\n各项会议均按计划召开，代表活动按期开展。\n"
)
EXCERPT = OUTLINE + "二、部门整体支出情况\n全年支出320.00万元，全部用于机关运"
ENDING = "二、存在的问题\n部分项目资金下达较晚，支出集中在第四季度。\n三、改进措施\n加强预算执行的监督和管理，按进度支出。\n"

BAD: dict[str, Case] = {
    "section-empty": ("一、部门概况\n（一）部门整体支出规模\n（二）绩效目标\n" + ENDING, None),
    "section-missing": (WHOLE, None),
    "section-not-found-in-excerpt": (EXCERPT, None),
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
    "section-not-found-in-excerpt": (WHOLE, None),
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


def test_one_finding_names_every_missing_section() -> None:
    (finding,) = run("section-missing", WHOLE)
    assert "“存在的问题”“改进措施”" in finding.message and "措施" in finding.message


def test_a_form_owes_no_sections() -> None:
    form = "某局项目支出绩效自评表\n" + table(
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
        ["产出指标", "数量指标", "培训场次", "≥4场", "5场", "20", "20"],
    )
    assert run("section-missing", form) == []
    assert run("section-not-found-in-excerpt", form) == []


def test_table_of_contents_is_not_empty_sections() -> None:
    contents = "目录\n一、部门概况\n二、存在的问题\n三、改进措施\n"
    assert silent("section-empty", (contents + OUTLINE + ENDING, None))
    repeated = "一、部门概况\n（一）机构设置3\n（二）人员情况4\n二、存在的问题\n"
    assert silent("section-empty", (repeated + OUTLINE + ENDING, None))


def test_lawful_answer_and_excerpt_end_are_not_empty() -> None:
    assert silent("section-empty", ("三、政府采购情况\n涉密，不予公开。\n" + ENDING, None))
    assert silent("section-empty", (OUTLINE + "二、部门整体支出情", None))


def test_numbered_sentence_carries_its_own_text() -> None:
    sentence = "（一）项目概况。专项经费主要用于机构登记、办公设备采购和信息平台建设。\n"
    assert silent("section-empty", ("一、项目基本情况\n" + sentence + ENDING, None))
