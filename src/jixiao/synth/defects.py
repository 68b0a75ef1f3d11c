"""Defects injected into synthetic records, each with the finding code it must produce.

A defect either changes the record (a total that is not the sum of its parts, a score
above its weight, ...) or adds a sentence to the report text (a misstated rate, a
phone number). Codes are those of the ``jixiao.review`` registry.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.record import Record
from jixiao.synth.records import CENT, grade_of

#: A mutation: takes the record (changed in place) and returns sentences to add.
Mutation = Callable[[Record, random.Random], list[str]]


@dataclass(frozen=True)
class Defect:
    """One kind of defect."""

    kind: str
    #: The finding code the review must report for it.
    code: str
    mutate: Mutation
    #: True when the defect lives in added sentences, which only the text format carries.
    text_only: bool = False


def _bump(rng: random.Random) -> Decimal:
    return Decimal(str(rng.uniform(3, 50))).quantize(CENT)


def _total_mismatch(record: Record, rng: random.Random) -> list[str]:
    actual = record.budget.actual
    actual.total = (actual.total or Decimal(0)) + _bump(rng)
    return []


def _basic_split(record: Record, rng: random.Random) -> list[str]:
    actual = record.budget.actual
    actual.public = (actual.public or Decimal(0)) + _bump(rng)
    return []


def _three_public(record: Record, rng: random.Random) -> list[str]:
    split = record.three_public.actual
    split.reception = (split.reception or Decimal(0)) + Decimal(str(rng.uniform(0.5, 3))).quantize(CENT)
    return []


def _score_above_weight(record: Record, rng: random.Random) -> list[str]:
    item = rng.choice([i for i in record.indicators if i.weight and i.score == i.weight])
    extra = Decimal(rng.randint(1, 3))
    item.score = (item.weight or Decimal(0)) + extra
    total = (record.self_evaluation.score or Decimal(0)) + extra
    record.self_evaluation.score = total
    record.self_evaluation.grade = grade_of(total)  # type: ignore[assignment]
    return []


def _grade_mismatch(record: Record, rng: random.Random) -> list[str]:
    right = record.self_evaluation.grade
    record.self_evaluation.grade = rng.choice([g for g in ("优", "良", "中", "差") if g != right])  # type: ignore[assignment]
    return []


def _total_score(record: Record, rng: random.Random) -> list[str]:
    total = (record.self_evaluation.score or Decimal(0)) - Decimal(rng.randint(3, 8))
    record.self_evaluation.score = total
    record.self_evaluation.grade = grade_of(total)  # type: ignore[assignment]
    return []


def _missing_deviation(record: Record, rng: random.Random) -> list[str]:
    lost = [i for i in record.indicators if i.score is not None and i.weight and i.score < i.weight]
    if not lost:
        item = record.indicators[0]
        loss = min(Decimal(2), (item.weight or Decimal(0)) / 2)
        item.score = (item.weight or Decimal(0)) - loss
        record.self_evaluation.score = (record.self_evaluation.score or Decimal(0)) - loss
        record.self_evaluation.grade = grade_of(record.self_evaluation.score)  # type: ignore[assignment]
        lost = [item]
    for item in lost:
        item.deviation = None
    return []


def _staff_rate(record: Record, rng: random.Random) -> list[str]:
    staff = record.staffing
    right = Decimal(staff.actual or 0) / Decimal(staff.authorized or 1) * 100
    wrong = (right - Decimal(rng.randint(5, 20))).quantize(CENT)
    return [f"在职人员控制率为{wrong}%。"]


def _execution_rate(record: Record, rng: random.Random) -> list[str]:
    b = record.budget
    right = (b.actual.total or Decimal(0)) / (b.final.total or Decimal(1)) * 100
    wrong = min(Decimal(100), right + Decimal(rng.randint(3, 9))).quantize(CENT)
    if abs(wrong - right) < 2:
        wrong = (right - Decimal(rng.randint(4, 9))).quantize(CENT)
    return [f"全年预算执行率为{wrong}%。"]


def _phone(record: Record, rng: random.Random) -> list[str]:
    number = "1" + rng.choice("3589") + "".join(rng.choice("0123456789") for _ in range(9))
    return [f"联系人：王某，联系电话：{number}。"]


DEFECTS: tuple[Defect, ...] = (
    Defect("total-not-sum", "budget-total-mismatch", _total_mismatch),
    Defect("basic-not-sum", "basic-split-mismatch", _basic_split),
    Defect("three-public-not-sum", "three-public-total-mismatch", _three_public),
    Defect("score-over-weight", "score-above-weight", _score_above_weight),
    Defect("grade-not-score", "grade-mismatch", _grade_mismatch),
    Defect("total-score-not-sum", "total-score-mismatch", _total_score),
    Defect("deviation-missing", "deviation-unexplained", _missing_deviation),
    Defect("staff-rate-misstated", "staff-control-rate-mismatch", _staff_rate, text_only=True),
    Defect("execution-rate-misstated", "execution-rate-mismatch", _execution_rate, text_only=True),
    Defect("phone-number", "personal-mobile-number", _phone, text_only=True),
)


def by_kind(kind: str) -> Defect:
    """The defect named `kind`."""
    for defect in DEFECTS:
        if defect.kind == kind:
            return defect
    raise KeyError(kind)


def inject(record: Record, rng: random.Random, *, text: bool, count: int = 1) -> tuple[list[str], list[Defect]]:
    """Inject `count` different defects into `record`; returns added sentences and the defects.

    Defects that conflict in what they change (two that rewrite the claimed total) are
    not combined.
    """
    pool = [d for d in DEFECTS if text or not d.text_only]
    chosen: list[Defect] = []
    for defect in rng.sample(pool, len(pool)):
        if len(chosen) == count:
            break
        if defect.kind in _CLASHES and any(d.kind in _CLASHES for d in chosen):
            continue
        chosen.append(defect)
    sentences: list[str] = []
    for defect in chosen:
        sentences += defect.mutate(record, rng)
    return sentences, chosen


#: Defects that all rewrite the claimed total or grade; at most one per document.
_CLASHES = frozenset({"score-over-weight", "grade-not-score", "total-score-not-sum", "deviation-missing"})
