"""Narrative reports phrased as other provinces phrase them (made-up unit and figures)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from jixiao.extract import Extraction

Run = Callable[[str], Extraction]

REPORT = """溪口县水务局2023年度部门整体支出绩效自评报告
一、部门基本情况
（一）机构设置及人员情况
溪口县水务局内设机构5个，下属事业单位2个。核定编制42名，其中行政编制18名、事业编制24名；年末实有人员39人，在编在岗37人；离退休人员21人。
（二）部门收支情况
2023年度收入合计18,562,300.00元，其中财政拨款收入17,962,300.00元。2023年度支出合计1856.230000万元，其中基本支出1,023.45万元，项目支出832.78万元。
年初预算数1,712.50万元，全年预算数1,890.12万元。
（三）“三公”经费情况
2023年“三公”经费预算12.50万元，实际支出9.86万元，其中公务接待费2.16万元，公务用车运行维护费7.70万元，因公出国（境）费0万元。
（四）重点项目
农村饮水安全巩固提升项目预算0.0425亿元，实际支出0.041亿元。
二、存在的问题
（一）预算编制不够精细，年中调整较多。
（二）部分项目绩效目标不够量化。
三、改进措施
（一）提高预算编制的科学性。
（二）细化量化绩效目标。
四、自评结论
本部门自评得分92分，评价等级为“优”。
"""


def test_staffing_money_and_three_public_in_sentences(extract_text: Run) -> None:
    record = extract_text(REPORT).record
    assert (record.staffing.authorized, record.staffing.actual, record.staffing.retired) == (42, 39, 21)
    assert record.income.total == Decimal("1856.23")
    assert str(record.budget.actual.total) == "1856.230000"  # six decimals kept as written
    assert (record.budget.actual.basic, record.budget.actual.project) == (Decimal("1023.45"), Decimal("832.78"))
    assert (record.budget.initial.total, record.budget.final.total) == (Decimal("1712.50"), Decimal("1890.12"))
    tp = record.three_public
    assert (tp.budget.total, tp.actual.total, tp.actual.reception, tp.actual.vehicles, tp.actual.overseas) == (
        Decimal("12.50"), Decimal("9.86"), Decimal("2.16"), Decimal("7.70"), Decimal(0))


def test_amounts_in_yi_yuan_are_converted(extract_text: Run) -> None:
    project = extract_text(REPORT).record.projects[0]
    assert (project.budget, project.actual) == (Decimal(425), Decimal(410))


def test_score_grade_problems_and_measures(extract_text: Run) -> None:
    record = extract_text(REPORT).record
    assert (record.self_evaluation.score, record.self_evaluation.grade) == (Decimal(92), "优")
    assert record.problems == ["预算编制不够精细，年中调整较多。", "部分项目绩效目标不够量化。"]
    assert record.measures == ["提高预算编制的科学性。", "细化量化绩效目标。"]


INLINE_LABELS = """青石镇农业服务中心2022年度部门整体支出绩效自评报告
按照预算绩效管理要求，本部门开展了绩效自评，自评得分
88 分,存在的问题:一是项目库 储备不足,部分资金拨付偏慢.二是绩效目标 量化不够.下一步改进措施:一是提前谋划
12 项目储备,加快资金拨付进度.二是细化量化绩效 目标.
附表 部门整体支出绩效评价得分表
"""


def test_labels_inside_a_broken_paragraph_give_items(extract_text: Run) -> None:
    record = extract_text(INLINE_LABELS).record
    assert record.problems == ["项目库储备不足,部分资金拨付偏慢.", "绩效目标量化不够."]
    assert record.measures == ["提前谋划项目储备,加快资金拨付进度.", "细化量化绩效目标."]


def test_placeholders_left_for_text_are_not_items(extract_text: Run) -> None:
    text = REPORT.replace("（二）部分项目绩效目标不够量化。", "【待补充】分条写明存在的问题。")
    text = text.replace("（一）提高预算编制的科学性。\n（二）细化量化绩效目标。", "【待补充】分条写明改进措施。")
    record = extract_text(text).record
    assert record.problems == ["预算编制不够精细，年中调整较多。"]
    assert record.measures == []


def test_full_width_figures_are_read(extract_text: Run) -> None:
    text = "溪口县档案馆２０２４年度部门整体支出绩效自评报告\n全年支出合计９８２．６０万元，核定编制１２名。\n"
    record = extract_text(text).record
    assert (record.year, record.budget.actual.total, record.staffing.authorized) == (
        2024, Decimal("982.60"), 12)


def test_web_page_chrome_does_not_name_the_unit(extract_text: Run) -> None:
    text = ("首页 > 信息公开 > 预决算公开\n溪口县档案馆2024年度部门整体支出绩效自评报告\n"
            "一、部门基本情况\n核定编制12名。\n主办单位：溪口县人民政府办公室\n")
    assert extract_text(text).record.department == "溪口县档案馆"


@pytest.mark.parametrize("title", [
    "关于溪口县水务局2023年度部门整体支出绩效自评的报告",
    "溪口县水务局关于2023年度部门整体支出绩效自评情况的报告",
    "2023年度溪口县水务局部门整体支出绩效自评报告",
    "溪口县水务局（本级）2023年度整体支出绩效自评报告",
    "溪口县水务局部门整体支出绩效自评报告（2023年度）",
])
def test_title_phrasings_name_the_unit_and_year(title: str, extract_text: Run) -> None:
    record = extract_text(f"{title}\n一、部门基本情况\n本单位核定编制12名。\n").record
    assert (record.department, record.year, record.kind) == ("溪口县水务局", 2023, "department")
