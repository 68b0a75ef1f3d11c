"""Scoring compares the 自评表's claimed budget-execution score with the rule."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.model.record import Record
from jixiao.score import load_profile, score_record

SEED_002 = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("002_*.txt"))


def _record() -> Record:
    return Record.model_validate({"budget": {"final": {"total": 200}, "actual": {"total": 190}}})


def test_claim_above_weight_is_explained() -> None:
    result = score_record(_record(), load_profile("mof-2020"),
                          claims={"budget_execution.score": Decimal(95)})
    budget = result.budget_execution
    assert (budget.claimed, budget.computed) == (Decimal(95), Decimal("9.50"))
    assert "自评得分 95 超过该项分值 10" in budget.explanation


def test_claim_differing_from_rule_is_explained() -> None:
    result = score_record(_record(), load_profile("mof-2020"),
                          claims={"budget_execution.score": Decimal(10)})
    assert "与复核得分 9.5 不一致" in result.budget_execution.explanation


def test_no_claim_no_comment() -> None:
    result = score_record(_record(), load_profile("mof-2020"))
    assert result.budget_execution.claimed is None
    assert "自评得分" not in result.budget_execution.explanation


@pytest.mark.skipif(not SEED_002, reason="needs seed 002 under ../shared/seeds")
def test_seed_002_budget_row_claims_more_than_its_weight() -> None:
    result = CliRunner().invoke(app, ["score", str(SEED_002[0]), "--json"])
    assert result.exit_code == 0, result.output
    budget = json.loads(result.stdout)["budget_execution"]
    assert budget["claimed"] > budget["weight"] == 10
    assert "超过该项分值" in budget["explanation"]
