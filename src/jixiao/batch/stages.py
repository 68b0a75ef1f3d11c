"""One document through the pipeline, reduced to the plain values a batch keeps.

The work itself is `jixiao.pipeline.evaluate_bytes` (read → extract → score → review,
timed per stage); this module turns its typed `Evaluation` into JSON-ready values so
that the rest of the batch package (index, summaries, store) deals in scalars only.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from jixiao.pipeline import Evaluation, Timings, evaluate_bytes
from jixiao.score import ScoreResult

JSONValue = Any


def evaluate_stage(data: bytes, name: str, profile: str | None, timings: Timings) -> Evaluation:
    """Read, extract, score and review one document, timing each stage into `timings`."""
    return evaluate_bytes(data, name=name, profile=profile, timings=timings)


def _float(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def findings_plain(evaluation: Evaluation) -> list[dict[str, JSONValue]]:
    """Each finding as a plain dict (code, severity, message, location, line, evidence, ...)."""
    return evaluation.findings_dicts()


def score_summary(result: ScoreResult) -> dict[str, JSONValue]:
    """The scalars of a score result that the summary shows (None where unknown)."""
    rate = result.budget_execution.rate
    return {
        "execution_rate": None if rate is None else float(round(rate * 100, 2)),
        "score_computed": _float(result.total.computed),
        "grade_computed": result.grade.computed,
        "profile": result.profile,
    }
