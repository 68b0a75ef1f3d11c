"""The runner: every check runs, a failing check becomes an info finding, order is by severity."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.model.record import Record
from jixiao.review import Hit, ReviewContext, Severity, review
from jixiao.review.registry import Check

from .helpers import context


def _broken(ctx: ReviewContext) -> Iterator[Hit]:
    raise ZeroDivisionError("boom")
    yield  # pragma: no cover


BROKEN = Check("broken", Severity.ERROR, "test", "坏规则", "{x}", "", {"x": 1}, _broken)


def test_a_failing_check_does_not_stop_the_review() -> None:
    findings = review(Record(), checks=(BROKEN,))
    assert [(f.code, f.severity) for f in findings] == [("check-failed", Severity.INFO)]
    assert "broken" in findings[0].message


def test_errors_come_first() -> None:
    ctx = context(
        "本单位无超编现象。联系电话13912345678。", {"staffing": {"authorized": 30, "actual": 31}}
    )
    ranks = [f.severity.rank for f in review(ctx)]
    assert ranks == sorted(ranks, reverse=True) and ranks[0] == 2


def test_finding_json_has_numbers() -> None:
    ctx = context("", {"budget": {"final": {"total": 520.01, "basic": 410.50, "project": 150.30}}})
    (finding,) = [f for f in review(ctx) if f.code == "budget-total-mismatch"]
    data = finding.to_dict()
    assert data["evidence"]["total"] == 520.01 and isinstance(finding.evidence["total"], Decimal)


def test_bare_record_without_document() -> None:
    assert review(Record()) == []
