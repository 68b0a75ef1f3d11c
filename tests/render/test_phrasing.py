"""Standard phrasings: only known figures are stated, in the forms extraction reads."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.record import Budget, Record, Staffing, ThreeSplit
from jixiao.render import phrasing as ph


def test_amount_keeps_precision_and_shows_two_decimals() -> None:
    assert ph.amount(Decimal("982.6")) == "982.60"
    assert ph.amount(Decimal("236")) == "236.00"
    assert ph.amount(Decimal("1.23456")) == "1.23456"
    assert ph.amount(Decimal("0")) == "0.00"
    assert ph.amount(None) == ""


def test_score_drops_trailing_zeros() -> None:
    assert ph.score(Decimal("98.00")) == "98"
    assert ph.score(Decimal("9.50")) == "9.5"


def test_cn_ordinal() -> None:
    assert [ph.cn_ordinal(n) for n in (1, 9, 10, 11, 20, 23)] == [
        "一",
        "九",
        "十",
        "十一",
        "二十",
        "二十三",
    ]


def test_staffing_sentence_omits_unknown_parts() -> None:
    assert (
        ph.staffing_sentence(Staffing(authorized=21, actual=35, retired=32))
        == "本部门编制数21人，在职人数35人，离退休人数32人。"
    )
    assert ph.staffing_sentence(Staffing(actual=43)) == "本部门在职人数43人。"
    assert ph.staffing_sentence(Staffing()) is None


def test_budget_sentence_states_only_known_figures() -> None:
    budget = Budget.model_validate(
        {
            "initial": {"total": 10},
            "final": {"total": 12, "basic": 8, "project": 4},
            "actual": {"total": 11, "basic": 8, "personnel": 6},
        }
    )
    text = ph.budget_sentence(budget)
    assert text == (
        "年初预算10.00万元。全年预算12.00万元，其中基本支出全年预算8.00万元，项目支出全年预算4.00万元。"
        "全年支出11.00万元，其中基本支出8.00万元（人员经费6.00万元）。"
    )
    assert ph.budget_sentence(Budget()) is None


def test_zero_is_stated_but_unknown_is_not() -> None:
    text = ph.three_public_sentence(
        "三公经费预算合计", ThreeSplit(overseas=Decimal(0), total=Decimal(5))
    )
    assert text == "三公经费预算合计5.00万元，其中因公出国（境）费0.00万元。"
    assert "公务接待" not in (text or "")


def test_projects_and_evaluation_sentences() -> None:
    record = Record.model_validate(
        {
            "year": 2023,
            "budget": {"actual": {"project": 70.27}},
            "projects": [{"name": "甲经费", "actual": 50.31}, {"name": "乙经费", "actual": 19.96}],
            "self_evaluation": {"score": 98, "grade": "优"},
        }
    )
    assert (
        ph.projects_sentence(record)
        == "本年度项目支出70.27万元（其中甲经费50.31万元；乙经费19.96万元）。"
    )
    with_budget = record.model_copy(
        update={
            "budget": Budget.model_validate(
                {"final": {"project": 80}, "actual": {"project": 70.27}}
            )
        }
    )
    assert (ph.projects_sentence(with_budget) or "").endswith(
        "，为全年项目支出预算80.00万元的87.84%。"
    )
    assert (
        ph.evaluation_sentence(record)
        == "经自评，本部门2023年度部门整体支出绩效自评得分98分，等级为“优”。"
    )
    assert ph.evaluation_sentence(Record()) is None


def test_numbered_items_end_with_full_stop() -> None:
    assert ph.numbered(["甲", "乙。"]) == ["（一）甲。", "（二）乙。"]
    assert ph.numbered(["甲", "乙。"], arabic=True) == ["1.甲。", "2.乙。"]
