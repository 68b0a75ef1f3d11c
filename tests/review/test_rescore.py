"""Scores recomputed by the rules against the claims: location, tolerance, overlap, laziness."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import jixiao.score
from jixiao.model.document import Position
from jixiao.model.provenance import SourceRef
from jixiao.model.record import Record
from jixiao.review import ReviewContext, get_check, review
from jixiao.review.rescore import far_tolerance, indicator_refs
from jixiao.score import Tolerance, load_profile

from .helpers import context, run, table

UNDER = {"level1": "产出指标", "name": "培训人次", "target": "≥200人次", "actual": "150人次"}


def record(*rows: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"indicators": list(rows), **extra}


def row(weight: float, score: float, **changes: Any) -> dict[str, Any]:
    return {**UNDER, "weight": weight, "score": score, **changes}


def test_far_score_names_claim_rule_score_and_explanation() -> None:
    (found,) = run("score-far-from-rules", record=record(row(10, 10)))
    assert "“培训人次”自评10分" in found.message
    assert "重算为7.50分" in found.message
    assert "10 × 150 ÷ 200 = 7.5" in found.message
    assert found.evidence["gap"] == Decimal("2.50")


def test_far_score_reports_a_claim_below_the_rules() -> None:
    rows = row(10, 5, actual="200人次")
    (found,) = run("score-far-from-rules", record=record(rows))
    assert "重算为10.00分" in found.message


def test_difference_within_tolerance_is_silent() -> None:
    assert run("score-far-from-rules", record=record(row(10, "7"))) == []


def test_tolerance_comes_from_the_profile() -> None:
    loose = load_profile().model_copy(update={"tolerance": Tolerance(far=Decimal(5))})
    ctx = ReviewContext(Record.model_validate(record(row(10, 10))), profile=loose)
    assert far_tolerance(ctx) == Decimal(5)
    assert review(ctx, checks=(get_check("score-far-from-rules"),)) == []


def test_row_above_weight_is_left_to_score_above_weight() -> None:
    assert run("score-far-from-rules", record=record(row(10, 14))) == []


def test_row_out_of_its_band_is_left_to_the_band_check() -> None:
    rows = row(10, 10, target="有效", actual="部分达成")
    assert run("score-far-from-rules", record=record(rows)) == []


def test_location_prefers_the_score_then_the_row() -> None:
    ctx = context(record=record(row(10, 10)))
    at_row = SourceRef(0, Position(line=7), "培训人次")
    ctx.provenance["indicators[0]"] = at_row
    assert indicator_refs(ctx, 0, "培训人次") == (at_row,)
    at_score = SourceRef(0, Position(line=9), "10")
    ctx.provenance["indicators[0].score"] = at_score
    assert indicator_refs(ctx, 0, "培训人次") == (at_score,)


def test_location_falls_back_to_the_cell_naming_the_indicator() -> None:
    text = "培训人次是本年重点。\n\n" + table(["指标", "分值", "得分"], ["培训人次", "10", "10"])
    (found,) = run("score-far-from-rules", text, record(row(10, 10)))
    assert found.refs[0].row == 1
    assert found.location.startswith("表格第2行第1列")


def test_over_completion_names_the_share_and_threshold() -> None:
    rows = row(10, 10, target="≥4期", actual="12期")
    (found,) = run("over-completion", record=record(rows))
    assert found.severity.value == "info"
    assert "300.0%" in found.message and "1.2倍" in found.message


def test_over_completion_threshold_comes_from_the_profile() -> None:
    high = load_profile().model_copy(update={"over_completion": Decimal(4)})
    rows = row(10, 10, target="≥4期", actual="12期")
    ctx = ReviewContext(Record.model_validate(record(rows)), profile=high)
    assert review(ctx, checks=(get_check("over-completion"),)) == []


def test_over_completion_ignores_lower_is_better_targets() -> None:
    rows = row(10, 10, target="≤4天", actual="1天")
    assert run("over-completion", record=record(rows)) == []


FULL = [row(50, 50, actual="200人次"), row(40, 40, actual="200人次", name="培训期数")]
SPENT = {"final": {"total": 100}, "actual": {"total": 80}}


def test_total_far_names_both_totals_and_the_formula() -> None:
    data = record(*FULL, budget=SPENT, self_evaluation={"score": 100})
    (found,) = run("total-far-from-rules", record=data)
    assert "自评总分100分" in found.message and "重算为98.00分" in found.message
    assert "预算执行得分 8 = 98" in found.message


def test_total_far_is_silent_when_the_total_cannot_be_recomputed() -> None:
    data = record(*FULL, self_evaluation={"score": 60})
    assert run("total-far-from-rules", record=data) == []


def test_score_is_computed_once_per_context(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = jixiao.score.score_record

    def counting(*args: Any) -> Any:
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(jixiao.score, "score_record", counting)
    ctx = context(record=record(row(10, 10), row(10, 10, target="≥4期", actual="12期")))
    codes = {f.code for f in review(ctx)}
    assert {"full-score-target-missed", "over-completion"} <= codes
    assert len(calls) == 1


def test_failed_scoring_leaves_the_checks_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any) -> Any:
        raise ValueError("broken")

    monkeypatch.setattr(jixiao.score, "score_record", broken)
    found = run("score-far-from-rules", record=record(row(10, 10)))
    assert found == []
