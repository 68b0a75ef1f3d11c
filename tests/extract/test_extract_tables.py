"""Extraction from tables in layouts the seeds do not show."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jixiao.errors import NotAReportError
from jixiao.extract import Extraction
from jixiao.pipeline import load_bytes

Run = Callable[[str], Extraction]


def _table(rows: list[list[str]]) -> str:
    return "\n".join("\n".join("\t" + cell for cell in row) + "\n" for row in rows) + "\n\n"


BASIC_DATA = "2024年度部门整体支出绩效评价基础数据表\n" + _table([
    ["财政供养人员情况（人）", "编制数", "2024年实际在职人数", "控制率"],
    ["", "18", "17", "94.44%"],
    ["经费控制情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数"],
    ["三公经费", "5.10", "4.80", "3.95"],
    ["1、公务用车购置和维护经费", "3.00", "3.00", "2.75"],
    ["2、出国经费", "0", "0", "0"],
    ["3、公务接待", "2.10", "1.80", "1.20"],
    ["项目支出", "90.00", "120.00", "112.40"],
    ["公用经费", "30.20", "32.00", "29.80"],
])


def test_basic_data_table_with_three_value_columns(extract_text: Run) -> None:
    record = extract_text(BASIC_DATA).record
    assert (record.staffing.authorized, record.staffing.actual) == (18, 17)
    tp = record.three_public
    assert (tp.budget.total, tp.budget.vehicles, tp.budget.reception) == (
        Decimal("4.80"), Decimal("3.00"), Decimal("1.80"))
    assert (tp.actual.total, tp.actual.vehicles, tp.actual.overseas, tp.actual.reception) == (
        Decimal("3.95"), Decimal("2.75"), Decimal(0), Decimal("1.20"))
    assert record.budget.actual.project == Decimal("112.40")
    assert record.budget.actual.public == Decimal("29.80")


INDICATORS_REORDERED = "2024年度某县档案馆整体支出绩效自评表\n" + _table([
    ["三级指标", "一级指标", "二级指标", "得分", "分值", "偏差原因分析及改进措施", "实际完成值", "年度指标值"],
    ["档案数字化数量", "产出指标", "数量指标", "18", "20", "设备故障停工一月", "9000卷", "≥10000卷"],
    ["查档服务按时率", "", "时效指标", "10", "10", "", "100%", "≥98%"],
    ["/", "", "", "0", "0", "", "/", "/"],
    ["利用者满意度", "满意度指标", "服务对象满意度指标", "9.5", "10", "", "95%", "≥95%"],
    ["总分", "", "", "37.5", "40", "", "", ""],
])


def test_indicator_columns_in_another_order(extract_text: Run) -> None:
    indicators = extract_text(INDICATORS_REORDERED).record.indicators
    assert [i.name for i in indicators] == ["档案数字化数量", "查档服务按时率", "利用者满意度"]
    first, second, third = indicators
    assert (first.level1, first.level2, first.target, first.actual) == ("产出指标", "数量指标", "≥10000卷", "9000卷")
    assert (first.weight, first.score, first.deviation) == (Decimal(20), Decimal(18), "设备故障停工一月")
    assert (second.level1, second.level2, second.deviation) == ("产出指标", "时效指标", None)
    assert third.level1 == "满意度指标"


AMOUNTS_IN_YUAN = "2024年度某乡财政所整体支出绩效自评报告\n单位：元\n" + _table([
    ["项目", "支出合计", "基本支出", "项目支出"],
    ["年初预算数", "1,250,000.00", "1,000,000.00", "250,000.00"],
    ["决算数", "1,198,765.40", "998,765.40", "200,000.00"],
]) + "2024年全年支出1198765.40元。\n"


def test_amounts_in_yuan_are_converted_to_wan(extract_text: Run) -> None:
    record = extract_text(AMOUNTS_IN_YUAN).record
    assert record.budget.actual.total == Decimal("119.87654")


def test_a_document_that_is_not_a_report_is_refused() -> None:
    text = "会议通知\n兹定于下周一召开全体职工大会，请准时参加。\n".encode()
    with pytest.raises(NotAReportError, match=r"notice\.txt.*不是绩效自评报告"):
        load_bytes(text, name="notice.txt")


TARGETS_THEN_SELF_EVALUATION = "2024年度某县档案馆整体支出绩效目标表\n" + _table([
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "档案数字化数量", "≥10000卷"],
]) + "自评表\n" + _table([
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "档案数字化数量", "≥10000卷", "10200卷", "20", "20"],
])


def test_an_indicator_in_two_tables_is_listed_once(extract_text: Run) -> None:
    indicators = extract_text(TARGETS_THEN_SELF_EVALUATION).record.indicators
    assert len(indicators) == 1
    assert (indicators[0].actual, indicators[0].score) == ("10200卷", Decimal(20))


FORM_WITH_BLANK_ROWS = "2024年度某局整体支出绩效自评表\n" + _table([
    ["经费情况（万元）", "2023年决算数", "2024年预算数", "2024年决算数"],
    ["支出合计", "210.00", "230.00", "221.50"],
    ["……", "", "", ""],
    ["公用经费", "30.00", "32.00", "31.20"],
    ["存在问题", "1.预算编制偏粗。\n2.指标量化不足。"],
    ["改进措施", "1.细化预算编制。"],
])


def test_blank_form_rows_do_not_end_a_money_block(extract_text: Run) -> None:
    record = extract_text(FORM_WITH_BLANK_ROWS).record
    assert record.budget.actual.public == Decimal("31.20")
    assert record.budget.prior_year_expenditure == Decimal("210.00")
    assert record.problems == ["预算编制偏粗。", "指标量化不足。"]
    assert record.measures == ["细化预算编制。"]
