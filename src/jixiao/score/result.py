"""The result of scoring a record: frozen values, with a JSON-ready form.

`ScoreResult` is the public contract that the review checks, the CLI and the web app
read. Decimals stay Decimals here; `ScoreResult.to_dict` turns them into JSON numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from jixiao.model.money import json_number
from jixiao.score.values import ParsedValue, ValueKind

#: Flags an indicator score may carry (stable codes, documented in docs/scoring.md).
Flag = Literal[
    "over_completion",
    "claimed_outside_band",
    "claim_above_weight",
    "claim_differs",
    "claim_far",
    "weight_missing",
    "unit_mismatch",
    "label_unknown",
    "not_computable",
]
Status = Literal["ok", "insufficient", "not_applicable"]


def _num(value: Decimal | None) -> int | float | None:
    return None if value is None else json_number(value)


def _fmt_date(value: ParsedValue) -> str | None:
    return None if value.deadline is None else value.deadline.isoformat()


def parsed_dict(value: ParsedValue) -> dict[str, Any]:
    """The JSON form of a parsed value."""
    return {
        "text": value.text,
        "kind": value.kind,
        "operator": value.operator,
        "number": _num(value.number),
        "unit": value.unit,
        "direction": value.direction,
        "deadline": _fmt_date(value),
        "label": value.label,
    }


@dataclass(frozen=True, slots=True)
class IndicatorScore:
    """One indicator rescored: what was claimed, what the rules give, and why.

    ``computed`` is None when the rules cannot determine a score (the explanation says
    why). ``band`` is (low, high) in points for qualitative indicators with a known band.
    """

    index: int
    name: str
    level1: str | None
    level2: str | None
    kind: ValueKind
    target: ParsedValue
    actual: ParsedValue
    weight: Decimal | None
    claimed: Decimal | None
    computed: Decimal | None
    explanation: str
    band: tuple[Decimal, Decimal] | None = None
    flags: tuple[Flag, ...] = ()

    @property
    def difference(self) -> Decimal | None:
        """Claimed minus computed, when both exist."""
        if self.claimed is None or self.computed is None:
            return None
        return self.claimed - self.computed

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "index": self.index,
            "name": self.name,
            "level1": self.level1,
            "level2": self.level2,
            "kind": self.kind,
            "target": parsed_dict(self.target),
            "actual": parsed_dict(self.actual),
            "weight": _num(self.weight),
            "claimed": _num(self.claimed),
            "computed": _num(self.computed),
            "difference": _num(self.difference),
            "band": None if self.band is None else [_num(b) for b in self.band],
            "flags": list(self.flags),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class BudgetExecution:
    """预算执行率 and its score; ``claimed`` is the 自评表's own score when extraction found it."""

    rate: Decimal | None
    weight: Decimal
    claimed: Decimal | None
    computed: Decimal | None
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; ``rate`` is a fraction (0.9996), ``rate_percent`` 99.96."""
        return {
            "rate": _num(self.rate),
            "rate_percent": None if self.rate is None else _num(self.rate * 100),
            "weight": _num(self.weight),
            "score": _num(self.computed),
            "claimed": _num(self.claimed),
            "computed": _num(self.computed),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Level1Summary:
    """One first-level class: profile weight against the record's weights and scores."""

    key: str
    title: str
    profile_weight: Decimal
    weight: Decimal
    claimed: Decimal | None
    computed: Decimal | None
    indicators: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "key": self.key,
            "title": self.title,
            "profile_weight": _num(self.profile_weight),
            "weight": _num(self.weight),
            "claimed": _num(self.claimed),
            "computed": _num(self.computed),
            "indicators": list(self.indicators),
        }


@dataclass(frozen=True, slots=True)
class Totals:
    """Claimed total (the report's 总分) and the recomputed one.

    ``computed`` is None when an indicator or the budget execution could not be scored;
    ``partial`` is then the sum of what could, and ``incomplete`` names the indicators.
    ``claimed_sum`` is the sum of the indicators' claimed scores.
    """

    claimed: Decimal | None
    computed: Decimal | None
    partial: Decimal
    claimed_sum: Decimal | None
    incomplete: tuple[int, ...]
    explanation: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "claimed": _num(self.claimed),
            "computed": _num(self.computed),
            "partial": _num(self.partial),
            "claimed_sum": _num(self.claimed_sum),
            "incomplete": list(self.incomplete),
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class Grades:
    """Claimed grade (as the report states it, or None) and the grade of the computed total."""

    claimed: str | None
    computed: str | None
    of_claimed_total: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "claimed": self.claimed,
            "computed": self.computed,
            "of_claimed_total": self.of_claimed_total,
        }


@dataclass(frozen=True, slots=True)
class CommonIndicator:
    """A common indicator of the department-wide framework (财预〔2013〕53号).

    ``value`` is a percentage (99.96 for 99.96 %) or None; ``status`` is ``insufficient``
    when an input is missing (数据不足), ``not_applicable`` when the base is zero.
    """

    name: str
    value: Decimal | None
    formula: str
    inputs: dict[str, Decimal | None]
    status: Status
    explanation: str
    unit: str = "%"
    good: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "name": self.name,
            "value": _num(self.value),
            "unit": self.unit,
            "formula": self.formula,
            "inputs": {k: _num(v) for k, v in self.inputs.items()},
            "status": self.status,
            "good": self.good,
            "explanation": self.explanation,
        }


@dataclass(frozen=True, slots=True)
class ScoreResult:
    """Everything `score_record` computes for one record under one profile."""

    profile: str
    indicators: tuple[IndicatorScore, ...]
    budget_execution: BudgetExecution
    level1: tuple[Level1Summary, ...]
    total: Totals
    grade: Grades
    common_indicators: tuple[CommonIndicator, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The JSON form printed by ``jixiao score --json``."""
        return {
            "profile": self.profile,
            "indicators": [i.to_dict() for i in self.indicators],
            "budget_execution": self.budget_execution.to_dict(),
            "level1": [lv.to_dict() for lv in self.level1],
            "total": self.total.to_dict(),
            "grade": self.grade.to_dict(),
            "common_indicators": [c.to_dict() for c in self.common_indicators],
        }
