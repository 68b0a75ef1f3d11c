"""Arithmetic: totals against their parts, in the record and in the document's tables.

The statements come from `jixiao.review.sums` (collected once per review); each check
here reports the mismatches of its source, and ``rounding-tail`` the rounding tails of
every source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.model.record import Project
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import Verdict
from jixiao.review.registry import Hit, check
from jixiao.review.sums import SumStatement, described, of_source, statements


def _mismatches(ctx: ReviewContext, source: str) -> Iterator[Hit]:
    for statement in of_source(ctx, source, Verdict.MISMATCH):
        yield Hit(statement.figures(), statement.refs, key=statement.key)


@check(
    "budget-total-mismatch",
    severity=Severity.ERROR,
    title="预算/支出合计不等于基本支出与项目支出之和",
    template="{stage}合计{total}万元，不等于基本支出{basic}万元与项目支出{project}万元之和{sum}万元（相差{gap}万元）",
    suggestion="核对合计数与基本支出、项目支出，更正填错的一项",
    example={
        "stage": "调整后（全年）预算",
        "total": Decimal("520.00"),
        "basic": Decimal("410.50"),
        "project": Decimal("150.30"),
        "sum": Decimal("560.80"),
        "gap": Decimal("-40.80"),
    },
)
def budget_total(ctx: ReviewContext) -> Iterator[Hit]:
    """Each budget stage's total against basic + project."""
    return _mismatches(ctx, "budget")


@check(
    "basic-split-mismatch",
    severity=Severity.ERROR,
    title="基本支出不等于人员经费与公用经费之和",
    template="基本支出{total}万元，不等于人员经费{personnel}万元与公用经费{public}万元之和{sum}万元（相差{gap}万元）",
    suggestion="核对基本支出、人员经费、公用经费三个数",
    example={
        "total": Decimal("300.00"),
        "personnel": Decimal("250.40"),
        "public": Decimal("39.60"),
        "sum": Decimal("290.00"),
        "gap": Decimal("10.00"),
    },
)
def basic_split(ctx: ReviewContext) -> Iterator[Hit]:
    """Actual basic expenditure against personnel + public."""
    return _mismatches(ctx, "basic")


@check(
    "three-public-total-mismatch",
    severity=Severity.ERROR,
    title="“三公”经费合计不等于各分项之和",
    template="“三公”经费{stage}合计{total}万元，不等于因公出国（境）费{overseas}万元、公务用车购置及运行费{vehicles}万元、公务接待费{reception}万元之和{sum}万元",
    suggestion="核对“三公”经费合计与三个分项",
    example={
        "stage": "决算",
        "total": Decimal("12.40"),
        "overseas": Decimal(0),
        "vehicles": Decimal("3.10"),
        "reception": Decimal("9.60"),
        "sum": Decimal("12.70"),
        "gap": Decimal("-0.30"),
    },
)
def three_public_total(ctx: ReviewContext) -> Iterator[Hit]:
    """三公 total against its three items (a missing item counts as 0 when another is given)."""
    return _mismatches(ctx, "three-public")


@check(
    "project-list-sum-mismatch",
    severity=Severity.WARNING,
    title="所列项目金额之和不等于项目支出",
    template="所列{count}个项目的{stage}之和{sum}万元，不等于项目支出{stage}{total}万元（相差{gap}万元）",
    suggestion="核对项目清单是否完整、各项目金额是否准确",
    example={
        "count": 3,
        "stage": "支出",
        "sum": Decimal("58.00"),
        "total": Decimal("63.00"),
        "gap": Decimal("5.00"),
    },
)
def project_list_sum(ctx: ReviewContext) -> Iterator[Hit]:
    """The named projects' money against the project total."""
    projects = ctx.record.projects
    for attr, stage, total in (
        ("budget", "预算", ctx.record.budget.final.project),
        ("actual", "支出", ctx.record.budget.actual.project),
    ):
        values = [getattr(p, attr) for p in projects]
        if total is None or len(values) < 2 or any(v is None for v in values):
            continue
        if attr == "budget" and _initial_budgets(projects):
            continue
        refs = ctx.refs(f"budget.{'final' if attr == 'budget' else 'actual'}.project")
        parts = tuple(v for v in values if v is not None)
        statement = SumStatement("projects", total, parts, described(refs, {"stage": stage}))
        if statement.verdict is Verdict.MISMATCH:
            key = (
                "project-figures",
                frozenset({total.normalize(), statement.computed.normalize()}),
            )
            yield Hit({**statement.figures(), "count": len(parts)}, refs, key)


def _initial_budgets(projects: Sequence[Project]) -> bool:
    """True when some project spent more than its listed budget: those are 年初 budgets."""
    return any(
        p.actual is not None and p.budget is not None and p.actual > p.budget for p in projects
    )


@check(
    "table-sum-mismatch",
    severity=Severity.ERROR,
    title="表格中的合计数不等于各分项之和",
    template="表格中{what}为{total}，不等于{parts}之和{sum}（相差{gap}）",
    suggestion="核对表格的合计数与各分项，更正填错的一项",
    example={
        "what": "调整预算数的支出合计",
        "total": Decimal("520.00"),
        "parts": "基本支出、项目支出、政府专项",
        "sum": Decimal("560.80"),
        "gap": Decimal("-40.80"),
    },
)
def table_sums(ctx: ReviewContext) -> Iterator[Hit]:
    """Every table: a 合计 column against the columns it totals, a total row against its numbered rows."""
    return _mismatches(ctx, "table")


def _fund_rows(ctx: ReviewContext) -> Iterator[Hit]:
    rows: dict[tuple[object, ...], list[SumStatement]] = {}
    for statement in of_source(ctx, "funds", Verdict.MISMATCH):
        ref = statement.refs[0] if statement.refs else None
        where = (ref.block, ref.row) if ref is not None and ref.row is not None else None
        group = rows.setdefault((statement.values.get("row"), where), [])
        stage = statement.values.get("stage")
        if all((s.values.get("stage"), s.key) != (stage, statement.key) for s in group):
            group.append(statement)
    for (row, _), found in rows.items():
        columns = "；".join(
            f"{s.values['column']}{s.total}万元，其中各项之和{s.computed}万元" for s in found
        )
        values = {"row": row, "columns": columns, "total": found[0].total, "sum": found[0].computed}
        refs = tuple(dict.fromkeys(r for s in found for r in s.refs))
        yield Hit(values, refs, key=("funds-row", *(s.key for s in found)))


@check(
    "fund-rows-mismatch",
    severity=Severity.ERROR,
    title="自评表“年度资金总额”与其中各资金来源之和不符",
    template="“{row}”一行与其下各资金来源（财政拨款、上年结转、其他资金等）之和不符：{columns}",
    suggestion="年度资金总额 = 本年财政拨款 + 上年结转资金 + 其他资金；请更正总额行，并据此重新计算执行率和得分",
    example={
        "row": "年度资金总额",
        "columns": "年初预算数0万元，其中各项之和60万元；全年执行数0万元，其中各项之和59.5万元",
        "total": Decimal(0),
        "sum": Decimal(60),
    },
)
def fund_rows(ctx: ReviewContext) -> Iterator[Hit]:
    """The 年度资金总额 row of a 自评表 (record or table) against its 其中 rows, all its stage columns in one finding."""
    return _fund_rows(ctx)


@check(
    "rounding-tail",
    severity=Severity.INFO,
    title="合计数与分项之和存在尾差",
    template="{subject}为{total}，各分项之和为{sum}，相差{gap}，属四舍五入造成的尾差",
    suggestion="调整尾差（通常调在金额最大的一项），使合计数与分项之和一致",
    example={
        "subject": "“三公”经费决算合计",
        "total": Decimal("12.71"),
        "sum": Decimal("12.70"),
        "gap": Decimal("0.01"),
    },
)
def rounding_tail(ctx: ReviewContext) -> Iterator[Hit]:
    """Any total (record, table or prose) that differs from its parts by a rounding tail only."""
    for statement in statements(ctx):
        if statement.verdict is Verdict.TAIL:
            values = {**statement.figures(), "subject": statement.subject}
            yield Hit(values, statement.refs, key=("tail", *statement.key))
