"""The extraction driver: build the context, run every field extractor, assemble the record."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.extract.claims import claims_of
from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.sections import narrative_of
from jixiao.model.document import Document
from jixiao.model.narrative import Narrative
from jixiao.model.provenance import Provenance
from jixiao.model.record import Record
from jixiao.recover import recover

Extractor = Callable[[Context, Facts], None]


@dataclass(frozen=True)
class Extraction:
    """The record of a document, where each value came from, and the document itself."""

    record: Record
    provenance: Provenance
    document: Document
    #: True when the document names itself a performance report (title or outline),
    #: even if no figure could be read.
    looks_like_report: bool
    #: What the report claims beyond the record contract, e.g.
    #: ``budget_execution.score`` (the 得分 of the 自评表's budget row).
    claims: dict[str, Decimal] = field(default_factory=dict)
    #: The report's prose sections, title and 落款 (`jixiao.extract.sections`).
    narrative: Narrative = field(default_factory=Narrative)


def _extractors() -> tuple[Extractor, ...]:
    from jixiao.extract import (
        budget,
        claims,
        evaluation,
        form,
        identity,
        indicators,
        narrative,
        projects,
        staffing,
        three_public,
    )

    return (
        identity.extract,
        form.extract,
        staffing.extract,
        budget.extract,
        three_public.extract,
        projects.extract,
        indicators.extract,
        evaluation.extract,
        narrative.extract,
        claims.extract,
    )


def extract(document: Document) -> Extraction:
    """Extract the record of `document` (tables lost in its text recovered first)."""
    document = recover(document)
    ctx = Context.build(document)
    facts = Facts()
    for extractor in _extractors():
        extractor(ctx, facts)
    nested = facts.nested()
    nested.pop("claims", None)
    record = Record.model_validate(nested)
    return Extraction(
        record,
        facts.provenance(),
        document,
        ctx.looks_like_report(),
        claims_of(facts),
        narrative_of(ctx, record),
    )
