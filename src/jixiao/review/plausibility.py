"""Plausibility: figures that are possible but call for an explanation."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import ratio
from jixiao.review.registry import Hit, check

#: Execution below this share of the budget is abnormal (rules.md §8.1 yellow warning).
LOW_EXECUTION = Decimal(80)


def execution_pairs(ctx: ReviewContext) -> Iterator[tuple[str, Decimal, Decimal, str]]:
    """(what, budget, spent, field path) for the department and each project."""
    budget = ctx.record.budget
    if budget.final.total and budget.actual.total is not None:
        yield "部门整体支出", budget.final.total, budget.actual.total, "budget.actual.total"
    for index, project in enumerate(ctx.record.projects):
        if project.budget and project.actual is not None:
            yield f"项目“{project.name}”", project.budget, project.actual, f"projects[{index}]"


@check(
    "execution-rate-low",
    severity=Severity.WARNING,
    title="预算执行率低于80%",
    template="{what}预算{budget}万元，执行{spent}万元，执行率{rate}%，低于80%",
    suggestion="说明执行率偏低的原因（如资金下达晚、项目未完工），并提出改进措施",
    example={
        "what": "项目“人大常委会议经费”",
        "budget": Decimal(35),
        "spent": Decimal("16.93"),
        "rate": Decimal("48.37"),
    },
)
def execution_low(ctx: ReviewContext) -> Iterator[Hit]:
    """Execution below 80 % of the (final) budget."""
    for what, budget, spent, path in execution_pairs(ctx):
        rate = ratio(spent, budget)
        if rate < LOW_EXECUTION:
            yield Hit({"what": what, "budget": budget, "spent": spent, "rate": rate}, ctx.ref(path))


@check(
    "spending-over-budget",
    severity=Severity.WARNING,
    title="支出超过预算",
    template="{what}支出{spent}万元，超过预算{budget}万元（超出{over}万元）",
    suggestion="说明超预算支出的原因及调整预算的依据；如预算已调整，请填报调整后预算数",
    example={
        "what": "部门整体支出",
        "spent": Decimal("1000"),
        "budget": Decimal("950"),
        "over": Decimal(50),
    },
)
def over_budget(ctx: ReviewContext) -> Iterator[Hit]:
    """Spending above the (final) budget, for the department, projects and 三公经费."""
    pairs = list(execution_pairs(ctx))
    three = ctx.record.three_public
    if three.budget.total is not None and three.actual.total is not None:
        pairs.append(
            ("“三公”经费", three.budget.total, three.actual.total, "three_public.actual.total")
        )
    for what, budget, spent, path in pairs:
        if spent > budget:
            values = {"what": what, "spent": spent, "budget": budget, "over": spent - budget}
            yield Hit(values, ctx.ref(path))


@check(
    "staff-over-establishment",
    severity=Severity.WARNING,
    title="在职人数超过编制数",
    template="在职人数{staff}人超过编制数{quota}人（超出{over}人）",
    suggestion="说明超编原因（如借调、政策性安置）及消化计划",
    example={"staff": 43, "quota": 42, "over": 1},
)
def over_establishment(ctx: ReviewContext) -> Iterator[Hit]:
    """More people in post than the approved establishment."""
    staffing = ctx.record.staffing
    if (
        staffing.authorized is not None
        and staffing.actual is not None
        and staffing.actual > staffing.authorized
    ):
        values = {
            "staff": staffing.actual,
            "quota": staffing.authorized,
            "over": staffing.actual - staffing.authorized,
        }
        yield Hit(values, ctx.refs("staffing.actual", "staffing.authorized"))
