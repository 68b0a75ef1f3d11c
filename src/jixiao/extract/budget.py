"""Income, budget and spending: from money tables and from prose statements."""

from __future__ import annotations

import re

from jixiao.extract import matrix
from jixiao.extract.context import Context, Unit
from jixiao.extract.facts import Facts
from jixiao.extract.labels import path_for, stage_of
from jixiao.extract.prose import (
    Amount,
    is_difference,
    prose_category,
    prose_stage,
    ref_of,
    unit_amounts,
)

_PRIOR = re.compile(r"比上年(?:度)?(?:同期)?(?:决算)?(?:数)?$|上年(?:度)?(?:决算)?(?:数)?为?$")
_PRIOR_PATH = {"income.total": "income.prior_year",
               "budget.actual.total": "budget.prior_year_expenditure"}


def _unit_amounts(unit: Unit, found: list[Amount], year: int | None, facts: Facts) -> None:
    subject: str | None = None
    stage: tuple[str, bool] | None = None
    sentence = -1
    for amount in found:
        if amount.sentence != sentence:
            subject, stage, sentence = None, None, amount.sentence
        if _PRIOR.search(amount.label):
            head = amount.label[:amount.label.find("上年")].removesuffix("比")
            target = _PRIOR_PATH.get(subject or _subject_of(head, unit, year) or "")
            if target:
                facts.propose(target, amount.value, 20, ref_of(unit, amount))
            continue
        if is_difference(amount.label):
            continue
        category = prose_category(amount.label, unit.sections)
        if category is None or category.startswith("tp."):
            continue
        staged = prose_stage(amount.label, category, year)
        if staged is None:
            continue
        if category != "income":
            # 其中基本支出… takes the stage of its sentence; a total spent (全年支出…) is its own.
            if stage_of(amount.label, year) is None and stage is not None and category != "total":
                staged = stage
            stage = staged
        path = path_for(staged[0], category)
        if path is None:
            continue
        facts.propose(path, amount.value, 20 if staged[1] else 15, ref_of(unit, amount))
        subject = path


def _subject_of(label: str, unit: Unit, year: int | None) -> str | None:
    """The field a label names by itself (“本年支出” in “本年支出比上年X万元”)."""
    category = prose_category(label, unit.sections) if label else None
    staged = prose_stage(label, category, year) if category else None
    return path_for(staged[0], category) if staged and category else None


def extract(ctx: Context, facts: Facts) -> None:
    """Propose income, budget and spending figures."""
    matrix.extract(ctx, facts)
    for unit in ctx.units:
        _unit_amounts(unit, unit_amounts(ctx, unit), ctx.year, facts)
