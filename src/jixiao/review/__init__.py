"""Review a report as a finance-bureau reviewer would.

`review` runs every registered check (one module per family: arithmetic,
cross-reference, rates, scoring, completeness, indicator quality, plausibility,
contradictions, publication hygiene) and returns `Finding` s.
"""

from __future__ import annotations

from jixiao.review.context import ReviewContext
from jixiao.review.finding import Finding, Severity
from jixiao.review.registry import Check, Hit, all_checks, check, get_check
from jixiao.review.runner import review, review_document

__all__ = [
    "Check",
    "Finding",
    "Hit",
    "ReviewContext",
    "Severity",
    "all_checks",
    "check",
    "get_check",
    "review",
    "review_document",
]
