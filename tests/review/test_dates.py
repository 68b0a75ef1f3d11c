"""Dates and years: titles, publication against evaluation, incomplete dates and document numbers."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent
from .helpers import run

BAD: dict[str, Case] = {
    "title-year-conflict": (
        "《某县档案馆2021年度部门整体绩效自评表.docx》由会员分享。\n"
        "1、某县档案馆2022年度部门整体绩效自评表主管部门某县档案局\n",
        None,
    ),
    "published-before-evaluated": (
        "发布时间：2022-03-15 09:00\n2021年度部门整体支出绩效自评报告\n自评时间：2022年11月\n",
        None,
    ),
    "date-incomplete": ("填报日期：202406\n", None),
    "doc-number-malformed": ("根据《某县绩效管理办法》（某财绩〔20243号）要求开展自评。", None),
}
GOOD: dict[str, Case] = {
    "title-year-conflict": (
        "某县档案馆2022年度部门整体支出绩效自评报告\n根据《某县财政局关于开展2023年度绩效评价工作的通知》要求开展自评。\n",
        None,
    ),
    "published-before-evaluated": (
        "发布时间：2022-03-15 09:00\n2021年度部门整体支出绩效自评报告\n自评时间：2022年2月\n",
        None,
    ),
    "date-incomplete": ("填报日期：2024年6月30日\n", None),
    "doc-number-malformed": ("根据《某县绩效管理办法》（某财绩〔2024〕3号）要求开展自评。", None),
}


def test_cases_cover_family() -> None:
    assert_family("dates", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])


def test_year_conflict_names_both_years_and_places() -> None:
    (finding,) = run("title-year-conflict", BAD["title-year-conflict"][0])
    assert "2021" in finding.message and "2022" in finding.message and len(finding.refs) == 2


def test_form_year_in_brackets_and_evaluation_year_field() -> None:
    form = "项目支出绩效自评表（2023年度）\n评价年度：2022\n"
    assert fires("title-year-conflict", (form, None))
    assert silent("title-year-conflict", ("项目支出绩效自评表（2023年度）\n评价年度：2023\n", None))


def test_publication_compared_at_the_precision_both_give() -> None:
    same_month = "发布日期：2022-11-02\n报告日期：2022年11月\n"
    assert silent("published-before-evaluated", (same_month, None))


def test_blank_dates_are_noted() -> None:
    (finding,) = run("date-incomplete", "填报日期：          联系电话：12345678\n")
    assert "未填写" in finding.message
    assert fires("date-incomplete", ("（盖章）\n年    月    日\n", None))
