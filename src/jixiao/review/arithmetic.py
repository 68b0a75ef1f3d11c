"""Arithmetic: totals against their parts, in the record and in the document's tables."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

from jixiao.model.document import Cell, Table
from jixiao.model.provenance import SourceRef
from jixiao.model.record import Project
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import differs, number
from jixiao.review.registry import Hit, check
from jixiao.review.tables import Row
from jixiao.review.text import compact

_TOTAL = re.compile(r"^(?:支出|收入|经费|资金)?(?:合计|总计|小计|合计数)$")
_NUMBERED = re.compile(r"^(?:\d+[、.．]|（\d+）|\(\d+\))")


def sum_key(
    total: Decimal, parts: Sequence[Decimal], refs: tuple[SourceRef, ...]
) -> tuple[object, ...]:
    """Identity of a sum statement, so the same row seen twice is reported once."""
    where = (refs[0].block, refs[0].row) if refs else None
    return ("sum", where, total.normalize(), tuple(sorted(p.normalize() for p in parts if p)))


def _sum_hit(
    total: Decimal, parts: Sequence[Decimal], refs: tuple[SourceRef, ...], /, **names: str
) -> Hit | None:
    computed = sum(parts, Decimal(0))
    if not differs(total, computed, *parts):
        return None
    values: dict[str, Decimal | str] = {"total": total, "sum": computed, "gap": total - computed}
    values.update(names)
    return Hit(values, refs, key=sum_key(total, parts, refs))


_STAGES = (("initial", "年初预算"), ("final", "调整后（全年）预算"), ("actual", "决算（执行）"))


@check(
    "budget-total-mismatch",
    severity=Severity.ERROR,
    title="预算/支出合计不等于基本支出与项目支出之和",
    template="{stage}合计{total}万元，不等于基本支出{basic}万元与项目支出{project}万元之和{sum}万元（相差{gap}万元）",
    suggestion="核对合计数与基本支出、项目支出，更正填错的一项",
    example={
        "stage": "调整后（全年）预算",
        "total": Decimal("1853.89"),
        "basic": Decimal("1644.56"),
        "project": Decimal("824.2"),
        "sum": Decimal("2468.76"),
        "gap": Decimal("-614.87"),
    },
)
def budget_total(ctx: ReviewContext) -> Iterator[Hit]:
    """Each budget stage's total against basic + project."""
    for stage, label in _STAGES:
        split = getattr(ctx.record.budget, stage)
        if split.total is None or split.basic is None or split.project is None:
            continue
        refs = ctx.refs(*(f"budget.{stage}.{k}" for k in ("total", "basic", "project")))
        hit = _sum_hit(split.total, (split.basic, split.project), refs, stage=label)
        if hit is not None:
            yield Hit({**hit.values, "basic": split.basic, "project": split.project}, refs, hit.key)


@check(
    "basic-split-mismatch",
    severity=Severity.ERROR,
    title="基本支出不等于人员经费与公用经费之和",
    template="基本支出{total}万元，不等于人员经费{personnel}万元与公用经费{public}万元之和{sum}万元（相差{gap}万元）",
    suggestion="核对基本支出、人员经费、公用经费三个数",
    example={
        "total": Decimal("911.94"),
        "personnel": Decimal("837.48"),
        "public": Decimal("64.46"),
        "sum": Decimal("901.94"),
        "gap": Decimal("10.00"),
    },
)
def basic_split(ctx: ReviewContext) -> Iterator[Hit]:
    """Actual basic expenditure against personnel + public."""
    actual = ctx.record.budget.actual
    if actual.basic is None or actual.personnel is None or actual.public is None:
        return
    refs = ctx.refs("budget.actual.basic", "budget.actual.personnel", "budget.actual.public")
    hit = _sum_hit(actual.basic, (actual.personnel, actual.public), refs)
    if hit is not None:
        yield Hit(
            {**hit.values, "personnel": actual.personnel, "public": actual.public}, refs, hit.key
        )


@check(
    "three-public-total-mismatch",
    severity=Severity.ERROR,
    title="“三公”经费合计不等于各分项之和",
    template="“三公”经费{stage}合计{total}万元，不等于因公出国（境）费{overseas}万元、公务用车购置及运行费{vehicles}万元、公务接待费{reception}万元之和{sum}万元",
    suggestion="核对“三公”经费合计与三个分项",
    example={
        "stage": "决算",
        "total": Decimal("21.22"),
        "overseas": Decimal(0),
        "vehicles": Decimal("0.92"),
        "reception": Decimal("21.30"),
        "sum": Decimal("22.22"),
        "gap": Decimal("-1.00"),
    },
)
def three_public_total(ctx: ReviewContext) -> Iterator[Hit]:
    """三公 total against its three items (a missing item counts as 0 when another is given)."""
    for stage, label in (("budget", "预算"), ("actual", "决算")):
        split = getattr(ctx.record.three_public, stage)
        items = (split.overseas, split.vehicles, split.reception)
        if split.total is None or all(v is None for v in items):
            continue
        parts = tuple(v if v is not None else Decimal(0) for v in items)
        paths = [
            f"three_public.{stage}.{k}" for k in ("total", "overseas", "vehicles", "reception")
        ]
        hit = _sum_hit(split.total, parts, ctx.refs(*paths), stage=label)
        if hit is not None:
            names = dict(zip(("overseas", "vehicles", "reception"), parts, strict=True))
            yield Hit({**hit.values, **names}, hit.refs, hit.key)


@check(
    "project-list-sum-mismatch",
    severity=Severity.WARNING,
    title="所列项目金额之和不等于项目支出",
    template="所列{count}个项目的{stage}之和{sum}万元，不等于项目支出{stage}{total}万元（相差{gap}万元）",
    suggestion="核对项目清单是否完整、各项目金额是否准确",
    example={
        "count": 3,
        "stage": "支出",
        "sum": Decimal("70.27"),
        "total": Decimal("75.27"),
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
        hit = _sum_hit(total, values, refs, stage=stage)
        if hit is not None:
            yield Hit({**hit.values, "count": len(values)}, refs, hit.key)


def _initial_budgets(projects: Sequence[Project]) -> bool:
    """True when some project spent more than its listed budget: those are 年初 budgets."""
    return any(
        p.actual is not None and p.budget is not None and p.actual > p.budget for p in projects
    )


def _groups(header: list[str]) -> list[tuple[int, list[int]]]:
    """(total position, part positions) for every total column of a header row."""
    totals = [i for i, t in enumerate(header) if _TOTAL.match(t)]
    groups = []
    for n, t in enumerate(totals):
        low = totals[n - 1] + 1 if n else 1
        high = totals[n + 1] if n + 1 < len(totals) else len(header)
        before = [i for i in range(low, t) if _part(header[i])]
        after = [i for i in range(t + 1, high) if _part(header[i])]
        parts = before if len(before) >= 2 else after
        if len(parts) >= 2:
            groups.append((t, parts))
    return groups


def _part(text: str) -> bool:
    return bool(text) and number(text) is None and "其中" not in text and not _TOTAL.match(text)


def _row_sums(block: int, table: Table) -> Iterator[Hit]:
    rows = table.rows()
    for r, header in enumerate(rows):
        groups = _groups([compact(c.text) for c in header])
        for below in rows[r + 1 :]:
            row = Row(block, header, below)
            if not groups or not any(row.value(t) is not None for t, _ in groups):
                break
            yield from _check_row(row, groups)


def _check_row(row: Row, groups: list[tuple[int, list[int]]]) -> Iterator[Hit]:
    for t, parts in groups:
        total = row.value(t)
        values = [row.value(i) for i in parts]
        if total is None or all(v is None for v in values):
            continue
        numbers = [v or Decimal(0) for v in values]
        names = "、".join(compact(row.header[i].text) for i in parts)
        refs = (row.ref(t),)
        what = f"{row.label() or '本行'}的{compact(row.header[t].text)}"
        hit = _sum_hit(total, numbers, refs, what=what, parts=names)
        if hit is not None:
            yield hit


def _numbered_items(rows: list[list[Cell]], head: list[Cell]) -> list[list[Cell]]:
    """The numbered rows (1、 2、 …) under `head`, skipping 其中 sub-rows."""
    items: list[list[Cell]] = []
    in_detail = False
    for below in rows:
        text = compact(below[0].text) if below else ""
        if len(below) != len(head):
            break
        if _NUMBERED.match(text):
            items.append(below)
            in_detail = False
        elif text.startswith("其中") or (in_detail and items):
            in_detail = True
        else:
            break
    return items


def _column_sums(block: int, table: Table) -> Iterator[Hit]:
    rows = table.rows()
    for r, head in enumerate(rows):
        label = compact(head[0].text) if head else ""
        if not label or _NUMBERED.match(label) or "其中" in label or len(head) < 2:
            continue
        items = _numbered_items(rows[r + 1 :], head)
        if len(items) >= 2:
            yield from _check_column(block, head, items)


def _check_column(block: int, head: list[Cell], items: list[list[Cell]]) -> Iterator[Hit]:
    for c in range(1, len(head)):
        total = number(head[c].text)
        values = [number(row[c].text) for row in items]
        if total is None or any(v is None for v in values):
            continue
        parts = [v for v in values if v is not None]
        ref = SourceRef(block, head[c].position, head[c].text, row=head[c].row, col=head[c].col)
        names = "、".join(compact(row[0].text) for row in items)
        what = f"{compact(head[0].text)}第{c + 1}列"
        hit = _sum_hit(total, parts, (ref,), what=what, parts=names)
        if hit is not None:
            yield hit


@check(
    "table-sum-mismatch",
    severity=Severity.ERROR,
    title="表格中的合计数不等于各分项之和",
    template="表格中{what}为{total}，不等于{parts}之和{sum}（相差{gap}）",
    suggestion="核对表格的合计数与各分项，更正填错的一项",
    example={
        "what": "调整预算数的支出合计",
        "total": Decimal("1853.89"),
        "parts": "基本支出、项目支出、政府专项",
        "sum": Decimal("2468.76"),
        "gap": Decimal("-614.87"),
    },
)
def table_sums(ctx: ReviewContext) -> Iterator[Hit]:
    """Every table: a 合计 column against the columns it totals, a total row against its numbered rows."""
    if ctx.document is None:
        return
    for block, table in ctx.document.tables():
        yield from _row_sums(block, table)
        yield from _column_sums(block, table)
