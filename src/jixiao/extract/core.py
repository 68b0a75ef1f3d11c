"""The extraction driver: build the context, run every field extractor, assemble the record."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from jixiao.extract.claims import claims_of
from jixiao.extract.context import Context
from jixiao.extract.facts import Facts
from jixiao.extract.purpose import looks_like
from jixiao.extract.sections import narrative_of
from jixiao.extract.split import split_forms
from jixiao.model.document import Document
from jixiao.model.narrative import Narrative
from jixiao.model.provenance import Provenance
from jixiao.model.record import Record
from jixiao.recover import recover
from jixiao.text.figures import Token

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
    #: What the document looks like when it is evidently not a self-evaluation
    #: (``绩效目标表``, ``部门决算`` …), else None.
    looks_like: str | None = None
    #: What the report claims beyond the record contract, e.g.
    #: ``budget_execution.score`` (the 得分 of the 自评表's budget row).
    claims: dict[str, Decimal] = field(default_factory=dict)
    #: The report's prose sections, title and 落款 (`jixiao.extract.sections`).
    narrative: Narrative = field(default_factory=Narrative)
    #: The figures of every paragraph of `document`, by block (`jixiao.text.figures`):
    #: extraction read its amounts from them, and the review reads them instead of
    #: scanning the paragraphs again.
    figures: Mapping[int, tuple[Token, ...]] = field(default_factory=dict, repr=False)


@cache
def _extractors() -> tuple[Extractor, ...]:
    """The extractors in the order they run (imported on first use)."""
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
    return _extract(recover(document))


def extract_all(document: Document) -> list[Extraction]:
    """One extraction per form of a document that holds several (else one for the whole).

    A form that does not state its year takes the year of the document's first form.
    """
    parts = split_forms(recover(document))
    if len(parts) == 1:
        return [_extract(parts[0])]
    found = [_extract(part) for part in parts]
    year = next((e.record.year for e in found if e.record.year), None)
    for extraction in found:
        if extraction.record.year is None and year is not None:
            extraction.record.year = year
    return found


def _extract(document: Document) -> Extraction:
    ctx = Context.build(document)
    facts = Facts()
    for extractor in _extractors():
        extractor(ctx, facts)
    nested = facts.nested()
    nested.pop("claims", None)
    record = Record.model_validate(nested)
    return Extraction(record, facts.provenance(), document, ctx.looks_like_report(),
                      looks_like(ctx, record), claims_of(facts), narrative_of(ctx, record),
                      ctx.figures())
