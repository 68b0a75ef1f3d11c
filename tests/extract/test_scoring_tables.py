"""Scoring tables (指标评分表): weights inside labels, rules in columns, several 得分 columns."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.extract import Extraction

Run = Callable[[str], Extraction]


def _table(rows: list[list[str]]) -> str:
    return "\n".join("\n".join("\t" + cell for cell in row) + "\n" for row in rows) + "\n\n"


RULES_TABLE = "2024年度部门整体支出绩效评价指标评分表\n" + _table([
    ["一级指标", "二级指标", "三级指标", "分值", "评价标准", "指标说明", "得分"],
    ["决策", "目标设定", "绩效目标合理性", "5", "目标明确得5分，否则酌情扣分", "考察目标设定", "4"],
    ["", "", "绩效指标明确性", "5", "指标清晰可衡量得5分", "考察指标细化", "5"],
    ["过程", "资金管理", "资金到位率", "10", "到位率×分值", "实际到位/计划到位", "10"],
])


def test_rule_and_explanation_columns_are_not_values(extract_text: Run) -> None:
    indicators = extract_text(RULES_TABLE).record.indicators
    assert [(i.name, i.weight, i.score, i.target) for i in indicators] == [
        ("绩效目标合理性", Decimal(5), Decimal(4), None),
        ("绩效指标明确性", Decimal(5), Decimal(5), None),
        ("资金到位率", Decimal(10), Decimal(10), None),
    ]
    assert indicators[1].level1 == "决策" and indicators[2].level2 == "资金管理"


WEIGHTS_IN_LABELS = "2023年部门整体支出绩效评价得分表\n" + _table([
    ["一级指标", "二级指标", "三级指标", "得分"],
    ["部门决策（20分）", "目标设定（10分）", "绩效目标合理性（6分）", "6"],
    ["", "", "绩效指标明确性（4分）", "3.5"],
])


def test_weights_written_in_labels_are_weights(extract_text: Run) -> None:
    indicators = extract_text(WEIGHTS_IN_LABELS).record.indicators
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in indicators] == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(6), Decimal(6)),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(4), Decimal("3.5")),
    ]


FLAT_WEIGHTS = ("2023年部门整体支出绩效评价得分表 一级指标 二级指标 三级指标 得分 "
                "部门决 策(20 分) 目标设定(10 分) 绩效目标合理性(6 分)\n6 绩效指标明确性(4 分)\n3.5 "
                "预算编制(10 分) 测算依据(5 分)\n5 资金分配(5 分)\n4.5 总分\n")


def test_flattened_weights_in_labels_nest_by_their_weights(extract_text: Run) -> None:
    indicators = extract_text(FLAT_WEIGHTS).record.indicators
    assert [(i.level1, i.level2, i.name, i.weight, i.score) for i in indicators] == [
        ("部门决策", "目标设定", "绩效目标合理性", Decimal(6), Decimal(6)),
        ("部门决策", "目标设定", "绩效指标明确性", Decimal(4), Decimal("3.5")),
        ("部门决策", "预算编制", "测算依据", Decimal(5), Decimal(5)),
        ("部门决策", "预算编制", "资金分配", Decimal(5), Decimal("4.5")),
    ]


COEFFICIENT = "2024年度项目支出绩效自评表\n" + _table([
    ["三级指标", "年度指标值", "全年完成值", "得分系数(%)", "指标权重", "指标得分"],
    ["培训人次", "≥500人次", "520人次", "100", "20", "20"],
    ["培训合格率", "≥95%", "90%", "94.7", "20", "18.9"],
])


def test_a_score_coefficient_column_is_not_the_score(extract_text: Run) -> None:
    indicators = extract_text(COEFFICIENT).record.indicators
    assert [(i.name, i.weight, i.score) for i in indicators] == [
        ("培训人次", Decimal(20), Decimal(20)), ("培训合格率", Decimal(20), Decimal("18.9"))]


TWO_SCORES = "2024年度项目支出绩效自评表\n" + _table([
    ["三级指标", "年度指标值", "实际完成值", "分值", "自评", "", "财政复核", ""],
    ["", "", "", "", "得分", "说明", "得分", "说明"],
    ["档案整理卷数", "≥2000卷", "2100卷", "30", "30", "", "28", "抽查缺页"],
])


def test_several_score_columns_are_read_by_the_header_above_each(extract_text: Run) -> None:
    indicator = extract_text(TWO_SCORES).record.indicators[0]
    assert (indicator.weight, indicator.score) == (Decimal(30), Decimal(30))


NUMBERED_NAMES = ("2024年度项目支出绩效自评表 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 "
                  "偏差原因分析及改进措施 产出指标 数量指标 指标1:图书借阅量 ≥5000册 5200册 20 20 "
                  "指标2:…… …… …… 质量指标 指标1:图书完好率 ≥95% 96% 20 20 指标2： / / / / "
                  "效益指标 社会效益指标 指标1:读者人次 ≥8000人次 8100人次 20 19.5 总分 60 59.5\n")


def test_numbered_names_and_placeholder_rows(extract_text: Run) -> None:
    indicators = extract_text(NUMBERED_NAMES).record.indicators
    assert [(i.level2, i.name, i.target, i.actual, i.score) for i in indicators] == [
        ("数量指标", "图书借阅量", "≥5000册", "5200册", Decimal(20)),
        ("质量指标", "图书完好率", "≥95%", "96%", Decimal(20)),
        ("社会效益指标", "读者人次", "≥8000人次", "8100人次", Decimal("19.5")),
    ]


def _scored_table(total_score: str) -> str:
    return "2024年度部门整体支出绩效评价指标评分表\n" + _table([
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["决策", "目标设定", "绩效目标合理性", "5", "4"],
        ["过程", "资金管理", "资金到位率", "10", "10"],
        ["总分", "", "", "100", total_score],
    ])


def test_total_of_the_weights_is_not_the_self_score(extract_text: Run) -> None:
    assert extract_text(_scored_table("")).record.self_evaluation.score is None
    assert extract_text(_scored_table("91")).record.self_evaluation.score == Decimal(91)
