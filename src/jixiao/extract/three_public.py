"""三公经费 in prose (tables are read with the other money tables).

Sub-items (因公出国（境）费, 公务用车购置及运行费, 公务接待费) that name no stage take
the stage of the 三公 statement before them in the same paragraph.
"""

from __future__ import annotations

from jixiao.extract.context import Context, Unit
from jixiao.extract.facts import Facts
from jixiao.extract.labels import category_of, path_for, stage_of
from jixiao.extract.prose import Amount, is_difference, ref_of, unit_amounts


def _unit(unit: Unit, found: list[Amount], year: int | None, facts: Facts) -> None:
    stage: str | None = None
    last: str | None = None
    for amount in found:
        category = category_of(amount.label)
        own = stage_of(amount.label, year)
        if category is None and last == "tp.total" and own is not None:
            category = "tp.total"
        last = category
        if category is None or not category.startswith("tp.") or is_difference(amount.label):
            continue
        if own == "prior":
            continue
        if own is None and category == "tp.total" and "支出" in amount.label:
            own = "actual"
        stage = own or stage
        if stage is None:
            continue
        path = path_for(stage, category)
        if path:
            facts.propose(path, amount.value, 20, ref_of(unit, amount))


def extract(ctx: Context, facts: Facts) -> None:
    """Propose 三公经费 figures stated in prose."""
    for unit in ctx.units:
        _unit(unit, unit_amounts(ctx, unit), ctx.year, facts)
