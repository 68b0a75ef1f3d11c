"""Control rates of the 基础数据表: where the figures come from, and when to stay silent."""

from __future__ import annotations

from decimal import Decimal

from jixiao.model.document import Cell
from jixiao.review.controls import columns
from jixiao.review.tables import CellView, view_cell

from .helpers import run, table

HEADER = ["经费控制情况（万元）", "2022年决算数", "2023年预算数", "2023年决算数"]
BASIC = table(HEADER, ["“三公”经费", "10", "8", "6"], ["公用经费", "100", "120", "90"])


def cells(*texts: str) -> tuple[CellView, ...]:
    return tuple(view_cell(0, Cell(0, i, text)) for i, text in enumerate(texts))


def test_columns_by_year() -> None:
    assert columns(cells(*HEADER)) == {"prior": 1, "budget": 2, "actual": 3}


def test_columns_by_words() -> None:
    found = columns(cells("项目", "本年预算数", "本年决算数", "上年决算数"))
    assert found == {"budget": 1, "actual": 2, "prior": 3}


def test_public_rate_names_the_figures_and_stands_at_the_statement() -> None:
    (found,) = run("public-funds-control-rate-mismatch", BASIC + "\n公用经费控制率为80%。")
    assert "80%" in found.message and "90万元 ÷ 预算公用经费120万元 = 75.00%" in found.message
    assert found.line is not None and found.line > 10


def test_public_actual_from_the_record_when_the_table_lacks_it() -> None:
    text = (
        table(["", "上年决算数", "本年预算数"], ["公用经费", "100", "50"])
        + "\n公用经费控制率为90%。"
    )
    record = {"budget": {"actual": {"public": 40}}}
    (found,) = run("public-funds-control-rate-mismatch", text, record)
    assert found.evidence["computed"] == Decimal("80.00")


def test_public_rate_without_a_budget_figure_is_silent() -> None:
    record = {"budget": {"actual": {"public": 40}}}
    assert run("public-funds-control-rate-mismatch", "公用经费控制率为90%。", record) == []


def test_no_stated_rate_is_silent() -> None:
    record = {"three_public": {"budget": {"total": 8}, "actual": {"total": 2}}}
    for code in (
        "public-funds-control-rate-mismatch",
        "three-public-control-rate-mismatch",
        "three-public-change-rate-mismatch",
    ):
        assert run(code, BASIC, record) == []


def test_three_public_control_prefers_the_record() -> None:
    record = {"three_public": {"budget": {"total": 10}, "actual": {"total": 9}}}
    (found,) = run(
        "three-public-control-rate-mismatch", BASIC + "\n“三公”经费控制率为75%。", record
    )
    assert found.evidence["computed"] == Decimal("90.00")


def test_three_public_control_from_prose_and_record_alone() -> None:
    record = {"three_public": {"budget": {"total": 10}, "actual": {"total": 9}}}
    assert run("three-public-control-rate-mismatch", "三公经费控制率90%。", record) == []
    assert run("three-public-control-rate-mismatch", "三公经费控制率95%。", record)


def test_three_public_zero_budget_is_silent() -> None:
    record = {"three_public": {"budget": {"total": 0}, "actual": {"total": 0}}}
    assert run("three-public-control-rate-mismatch", "“三公”经费控制率为0%。", record) == []


def test_rate_in_a_column_of_the_basic_table() -> None:
    text = table([*HEADER, "控制率"], ["三公经费", "10", "8", "6", "{rate}"])
    assert run("three-public-control-rate-mismatch", text.format(rate="75%")) == []
    (found,) = run("three-public-control-rate-mismatch", text.format(rate="70%"))
    assert found.refs[0].col == 4


def test_rate_in_a_labelled_row() -> None:
    text = BASIC + "\n" + table(["指标", "值"], ["“三公”经费控制率", "{rate}"])
    assert run("three-public-control-rate-mismatch", text.format(rate="75%")) == []
    assert run("three-public-control-rate-mismatch", text.format(rate="85%"))


def test_change_rate_accepts_the_budget_reading() -> None:
    assert run("three-public-change-rate-mismatch", BASIC + "\n“三公”经费变动率为-20%。") == []


def test_change_rate_written_as_a_fall() -> None:
    text = BASIC + "\n“三公”经费变动率下降40%。"
    assert run("three-public-change-rate-mismatch", text) == []
    (found,) = run("three-public-change-rate-mismatch", BASIC + "\n“三公”经费变动率增长40%。")
    assert "（本年6万元 − 上年10万元）" in found.message


def test_change_rate_without_prior_year_is_silent() -> None:
    record = {"three_public": {"budget": {"total": 8}, "actual": {"total": 6}}}
    assert run("three-public-change-rate-mismatch", "“三公”经费变动率为-30%。", record) == []
