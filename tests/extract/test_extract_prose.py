"""Extraction from prose: identity, staffing, budget, 三公, projects, score, narrative."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.extract import Extraction
from jixiao.extract.prose import amounts
from jixiao.text.figures import Kind, tokenize

Run = Callable[[str], Extraction]

BODY = """2023年度云岭县水务局部门整体支出绩效自评报告
一、部门基本情况
本部门编制数三十人，在职人数28人，离退休人数11人。
二、一般公共预算支出情况
2023年单位收入合计560.00万元，比上年600.50万元减少40.50万元。
2023年年初预算520.00万元，全年预算560.00万元，其中基本支出400.00万元，项目支出160.00万元。
2023年全年支出5500000元，其中：基本支出398.20万元，项目支出151.80万元；基本支出中人员经费350.00万元，公用经费48.20万元。本年支出比上年610.00万元减少60.00万元。
2023年“三公”经费预算6.00万元，决算支出4.50万元。其中因公出国（境）费0万元，公务用车购置及运行费3.00万元，公务接待费1.50万元。
项目支出151.80万元（其中河道巡查经费90.00万元；水质监测经费61.80万元）。
三、部门整体支出绩效情况
经评价，本部门2023年度整体支出绩效自评得分91.5分，评价等级为“优”。
四、存在的问题及原因分析
一是预算编制不够精细。
二是绩效目标量化不足。
五、下一步改进措施
1.细化预算编制，提高预算准确性。
2.完善绩效指标，提高可考核性。
"""


def test_identity_and_staffing(extract_text: Run) -> None:
    record = extract_text(BODY).record
    assert record.department == "云岭县水务局"
    assert record.year == 2023
    assert (record.staffing.authorized, record.staffing.actual, record.staffing.retired) == (30, 28, 11)


def test_budget_stages_from_prose_and_units_in_yuan(extract_text: Run) -> None:
    record = extract_text(BODY).record
    assert record.income.total == Decimal("560.00")
    assert record.income.prior_year == Decimal("600.50")
    assert record.budget.initial.total == Decimal("520.00")
    assert (record.budget.final.total, record.budget.final.basic, record.budget.final.project) == (
        Decimal("560.00"), Decimal("400.00"), Decimal("160.00"))
    assert record.budget.actual.total == Decimal("550")
    assert record.budget.actual.basic == Decimal("398.20")
    assert record.budget.actual.personnel == Decimal("350.00")
    assert record.budget.actual.public == Decimal("48.20")
    assert record.budget.prior_year_expenditure == Decimal("610.00")


def test_three_public_sub_items_take_the_stage_of_their_sentence(extract_text: Run) -> None:
    tp = extract_text(BODY).record.three_public
    assert tp.budget.total == Decimal("6.00")
    assert tp.actual.total == Decimal("4.50")
    assert (tp.actual.overseas, tp.actual.vehicles, tp.actual.reception) == (
        Decimal(0), Decimal("3.00"), Decimal("1.50"))
    assert tp.budget.vehicles is None


def test_projects_score_grade_problems_measures(extract_text: Run) -> None:
    record = extract_text(BODY).record
    assert [(p.name, p.actual) for p in record.projects] == [
        ("河道巡查经费", Decimal("90.00")), ("水质监测经费", Decimal("61.80"))]
    assert record.self_evaluation.score == Decimal("91.5")
    assert record.self_evaluation.grade == "优"
    assert record.problems == ["预算编制不够精细。", "绩效目标量化不足。"]
    assert record.measures == ["细化预算编制，提高预算准确性。", "完善绩效指标，提高可考核性。"]


def test_provenance_points_at_the_source_line(extract_text: Run) -> None:
    extraction = extract_text(BODY)
    ref = extraction.provenance["staffing.retired"]
    assert ref.position.line == 3
    assert ref.text[ref.start:ref.end].startswith("离退休人数11")
    assert extraction.provenance["projects[1]"].position.line == 9


def test_nothing_is_guessed(extract_text: Run) -> None:
    record = extract_text("2022年度某单位整体支出绩效自评报告\n本年度工作有序推进。").record
    assert record.staffing.authorized is None
    assert record.budget.actual.total is None
    assert record.self_evaluation.score is None
    assert record.projects == []


def test_a_total_spent_does_not_inherit_the_budget_stage(extract_text: Run) -> None:
    text = ("2024年度某局整体支出绩效自评报告\n"
            "年初预算300.00万元；全年预算320.00万元；全年支出310.00万元，其中基本支出250.00万元。\n")
    budget = extract_text(text).record.budget
    assert (budget.final.total, budget.actual.total, budget.actual.basic) == (
        Decimal("320.00"), Decimal("310.00"), Decimal("250.00"))
    assert budget.final.basic is None


def test_prose_amounts_carry_their_labels_and_sentences() -> None:
    found = amounts("单位收入560.00万元（含上年结转）；比上年600.50万元减少40.50万元。粮食产量146万吨，支出2,000元。")
    assert [(a.label, a.value, a.sentence) for a in found] == [
        ("单位收入", Decimal("560.00"), 0),
        ("比上年", Decimal("600.50"), 0),
        ("减少", Decimal("40.50"), 0),
        ("支出", Decimal("0.2"), 1),  # 万吨 is not money; 元 in 万元
    ]


def test_the_figures_of_every_paragraph_go_on_to_the_review(extract_text: Run) -> None:
    extraction = extract_text(BODY)
    paragraphs = [(i, b.text) for i, b in enumerate(extraction.document.blocks) if b.table is None]
    assert len(extraction.figures) == len(paragraphs)
    assert all(extraction.figures[i] == tokenize(text) for i, text in paragraphs)
    assert any(t.kind is Kind.AMOUNT for tokens in extraction.figures.values() for t in tokens)
