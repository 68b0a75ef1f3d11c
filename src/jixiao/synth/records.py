"""Invented, internally consistent evaluation records.

Budgets add up (total = basic + project; basic = personnel + public; the project
budget is the sum of the projects), 三公 parts add up to their total, indicator
weights follow the Hunan department profile (产出 40, 效益 20, 满意度 10, 成本 20,
plus 预算执行 10), scores never exceed weights, a lost score has its 偏差原因, and
the claimed total and grade agree with the scores.
"""

from __future__ import annotations

import itertools
import random
from decimal import Decimal

from jixiao.model.record import (
    Budget,
    BudgetActual,
    BudgetSplit,
    Indicator,
    Project,
    Record,
    SelfEvaluation,
    Staffing,
    ThreePublic,
    ThreeSplit,
)
from jixiao.synth import names

CENT = Decimal("0.01")
#: 一级指标 → weight, as in the Hunan department profile; 预算执行 takes the other 10.
LEVEL1 = (("产出指标", 40), ("效益指标", 20), ("满意度指标", 10), ("成本指标", 20))
EXECUTION_WEIGHT = Decimal(10)


def money(rng: random.Random, low: float, high: float) -> Decimal:
    """An amount in 万元 with two decimals."""
    return Decimal(str(rng.uniform(low, high))).quantize(CENT)


def grade_of(score: Decimal) -> str:
    """优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差."""
    for grade, low in (("优", 90), ("良", 80), ("中", 60)):
        if score >= low:
            return grade
    return "差"


def _split_weight(rng: random.Random, total: int, parts: int) -> list[int]:
    # every part gets at least 2 points
    cuts = sorted(rng.sample(range(1, total // 2 - parts + 2), parts - 1)) if parts > 1 else []
    cuts = [2 * c for c in cuts]
    edges = [0, *cuts, total]
    return [b - a for a, b in itertools.pairwise(edges)]


def _quantity(spec: tuple[str, str, str, int, int], rng: random.Random, weight: int) -> Indicator:
    level2, name, unit, low, high = spec
    target = rng.randint(low, high)
    short = rng.random() < 0.15
    actual = max(1, int(target * rng.uniform(0.6, 0.95))) if short else target + rng.randint(0, 3)
    score = Decimal(weight) if not short else (Decimal(actual) / Decimal(target) * weight).quantize(CENT)
    deviation = f"受工作安排调整影响，实际完成{actual}{unit}，下一步将加强计划管理。" if short else None
    return Indicator(level1="产出指标", level2=level2, name=name, target=f"≥{target}{unit}",
                     actual=f"{actual}{unit}", weight=Decimal(weight), score=score, deviation=deviation)


def _rate(level1: str, level2: str, name: str, weight: int) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target="≥95%", actual="100%",
                     weight=Decimal(weight), score=Decimal(weight))


def _indicators(rng: random.Random) -> list[Indicator]:
    out_w = _split_weight(rng, 40, 4)
    first, second = rng.sample(names.QUANTITY, 2)
    items = [_quantity(first, rng, out_w[0]), _quantity(second, rng, out_w[1])]
    items.append(_rate("产出指标", "质量指标", rng.choice(names.QUALITY), out_w[2]))
    items.append(_rate("产出指标", "时效指标", rng.choice(names.TIMELINESS), out_w[3]))
    ben_w = _split_weight(rng, 20, 2)
    for (level2, name, actual), weight in zip(rng.sample(names.BENEFITS, 2), ben_w, strict=True):
        items.append(Indicator(level1="效益指标", level2=level2, name=name, target="有效提升",
                               actual=actual, weight=Decimal(weight), score=Decimal(weight)))
    items.append(_rate("满意度指标", "服务对象满意度指标", "服务对象满意度", 10))
    cost_w = _split_weight(rng, 20, 2)
    for name, weight in zip(rng.sample(names.COSTS, 2), cost_w, strict=True):
        items.append(Indicator(level1="成本指标", level2="经济成本指标", name=name, target="≤预算数",
                               actual="全部达成", weight=Decimal(weight), score=Decimal(weight)))
    return items


def _three_public(rng: random.Random) -> ThreePublic:
    budget = [money(rng, 0, 3) if rng.random() < 0.3 else Decimal("0.00"), money(rng, 2, 20), money(rng, 1, 10)]
    actual = [(b * Decimal(str(rng.uniform(0.6, 1.0)))).quantize(CENT) for b in budget]
    return ThreePublic(
        budget=ThreeSplit(overseas=budget[0], vehicles=budget[1], reception=budget[2], total=sum(budget, Decimal(0))),
        actual=ThreeSplit(overseas=actual[0], vehicles=actual[1], reception=actual[2], total=sum(actual, Decimal(0))),
    )


def _budget(rng: random.Random, projects: list[Project], staff: int) -> Budget:
    personnel = money(rng, 12, 20) * staff
    public = (personnel * Decimal(str(rng.uniform(0.1, 0.3)))).quantize(CENT)
    basic_actual = personnel + public
    project_actual = sum((p.actual or Decimal(0) for p in projects), Decimal(0))
    project_final = sum((p.budget or Decimal(0) for p in projects), Decimal(0))
    basic_final = (basic_actual * Decimal(str(rng.uniform(1.0, 1.04)))).quantize(CENT)
    basic_initial = (basic_final * Decimal(str(rng.uniform(0.9, 1.0)))).quantize(CENT)
    project_initial = (project_final * Decimal(str(rng.uniform(0.8, 1.0)))).quantize(CENT)
    return Budget(
        # the report states only the totals of the initial and final budgets
        initial=BudgetSplit(total=basic_initial + project_initial),
        final=BudgetSplit(total=basic_final + project_final),
        actual=BudgetActual(total=basic_actual + project_actual, basic=basic_actual,
                            project=project_actual, personnel=personnel, public=public),
    )


def _projects(rng: random.Random) -> list[Project]:
    out = []
    for name in names.projects(rng, rng.randint(2, 5)):
        budget = money(rng, 10, 300)
        actual = budget if rng.random() < 0.5 else (budget * Decimal(str(rng.uniform(0.85, 1.0)))).quantize(CENT)
        out.append(Project(name=name, budget=budget, actual=actual))
    return out


def execution_score(budget: Budget) -> Decimal:
    """预算执行率 × 10, capped at 10, to two decimals."""
    final, actual = budget.final.total, budget.actual.total
    if not final or actual is None:
        return Decimal(0)
    return min(EXECUTION_WEIGHT, (actual / final * EXECUTION_WEIGHT).quantize(CENT))


def make_record(rng: random.Random) -> Record:
    """One invented, consistent department record."""
    authorized = rng.randint(8, 150)
    actual_staff = max(1, authorized - rng.randint(0, max(1, authorized // 10)))
    projects = _projects(rng)
    budget = _budget(rng, projects, actual_staff)
    indicators = _indicators(rng)
    total = sum((i.score or Decimal(0) for i in indicators), execution_score(budget))
    return Record(
        department=names.department(rng),
        year=rng.randint(2019, 2024),
        staffing=Staffing(authorized=authorized, actual=actual_staff, retired=rng.randint(0, 60)),
        budget=budget,
        three_public=_three_public(rng),
        projects=projects,
        indicators=indicators,
        self_evaluation=SelfEvaluation(score=total, grade=grade_of(total)),  # type: ignore[arg-type]
        problems=rng.sample(names.PROBLEMS, 2),
        measures=rng.sample(names.MEASURES, 2),
    )
