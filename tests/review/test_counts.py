"""Counts: a stated number of bodies against the names listed, and against its parts."""

from __future__ import annotations

import pytest

from jixiao.review.counts import list_items

from .familycases import Case, assert_family, fires, silent
from .helpers import run

BAD: dict[str, Case] = {
    "count-list-mismatch": (
        "本局内设科室4个：办公室、计划财务科、业务管理科、信息中心和法规科。",
        None,
    ),
    "count-parts-mismatch": ("本年实施项目共12个，其中：年初预算项目9个，年中追加项目4个。", None),
}
GOOD: dict[str, Case] = {
    "count-list-mismatch": (
        "本局内设科室5个：办公室、计划财务科、业务管理科、信息中心和法规科。",
        None,
    ),
    "count-parts-mismatch": ("本年实施项目共13个，其中：年初预算项目9个，年中追加项目4个。", None),
}


def test_cases_cover_family() -> None:
    assert_family("counts", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_message_names_both_counts() -> None:
    (finding,) = run("count-list-mismatch", BAD["count-list-mismatch"][0])
    assert "内设科室4个" in finding.message and "5个" in finding.message


@pytest.mark.parametrize(
    ("text", "items"),
    [
        ("甲委员会、乙和丙委员会、丁委员会", ["甲委员会", "乙和丙委员会", "丁委员会"]),
        ("财务科、综合办公室（信访室）和档案室", ["财务科", "综合办公室（信访室）", "档案室"]),
        ("财务科、综合科等", None),
        ("财务科", None),
    ],
)
def test_items_split_at_and_only_between_names_of_bodies(
    text: str, items: list[str] | None
) -> None:
    assert list_items(text) == items


@pytest.mark.parametrize(
    "text",
    [
        "下设股室3个：综合股、业务股",  # the text stops inside the list (an excerpt)
        "设综合股、业务股、财务股等四个股室。",  # 等: the list is open
        "设综合股、业务股、财务股3个股室。",
        "所属单位2个。单位具体为：甲中心、乙中心；另有丙站。",
    ],
)
def test_lists_that_agree_or_cannot_be_counted(text: str) -> None:
    assert silent("count-list-mismatch", (text, None))


def test_list_before_the_count_and_named_later() -> None:
    assert fires("count-list-mismatch", ("设综合股、业务股、财务股、审计股3个股室。", None))
    later = "本单位由2个二级机构组成。二级机构具体为：甲中心、乙中心、丙中心。"
    assert fires("count-list-mismatch", (later, None))


def test_people_counts_that_are_not_a_partition() -> None:
    text = "在职人数20人，其中：在岗人数20人；编外聘用人员3人；离退休人数5人。"
    assert silent("count-parts-mismatch", (text, None))
    unclear = "实有行政编制12人，工勤编制3人。其中，在职公务员10人，在职工勤4人。"
    assert silent("count-parts-mismatch", (unclear, None))
