"""A report rendered from a record passes ``jixiao check``: it states nothing the record does not.

The sample record is consistent: its report has no finding at all. A seed's gold record
may itself be inconsistent (a total that is not the sum of its parts, more staff than
posts): its report then has exactly the record's own errors and warnings — the text
stating an inconsistent budget is flagged as well — and none that rendering added.
"""

from __future__ import annotations

import pytest

from jixiao.model.narrative import Narrative
from jixiao.model.record import Record
from jixiao.pipeline import load_bytes
from jixiao.render import render
from jixiao.review import review

from .gold import GOLD_DIR, gold_paths, gold_record

#: Text checks that restate a record-level inconsistency found by the record's own review.
RESTATED = {"budget-total-mismatch": {"stated-parts-exceed-total", "stated-parts-short"}}


def _serious(findings: list[object]) -> set[str]:
    return {f.code for f in findings if f.severity.value != "info"}  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_the_sample_report_has_no_finding(record: Record, narrative: Narrative, fmt: str) -> None:
    extraction = load_bytes(render(record, narrative, fmt), name=f"r.{fmt}")  # type: ignore[arg-type]
    assert review(extraction) == []


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_a_draft_without_narrative_has_no_error_or_warning(record: Record, fmt: str) -> None:
    extraction = load_bytes(render(record, None, fmt), name=f"r.{fmt}")  # type: ignore[arg-type]
    assert _serious(review(extraction)) == set()


@pytest.mark.skipif(not GOLD_DIR.is_dir(), reason="needs ../shared/gold/seeds beside the checkout")
@pytest.mark.parametrize("index", range(5))
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_gold_reports_add_no_finding_to_the_records_own(index: int, fmt: str) -> None:
    record = gold_record(gold_paths()[index])
    own = _serious(review(record))
    rendered = _serious(review(load_bytes(render(record, fmt=fmt), name=f"r.{fmt}")))  # type: ignore[arg-type]
    allowed = own | {code for cause in own for code in RESTATED.get(cause, set())}
    assert own <= rendered <= allowed
