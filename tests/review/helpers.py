"""Small builders for review tests: a document from text lines, a record from a dict."""

from __future__ import annotations

from typing import Any

from jixiao.model.record import Record
from jixiao.readers import read_bytes
from jixiao.review import Finding, get_check, review
from jixiao.review.context import ReviewContext


def table(*rows: list[str]) -> str:
    """Text-reader form of a table: a cell per tab-led line, a blank line after each row."""
    return "\n".join("\n".join(f"\t{cell}" for cell in row) + "\n" for row in rows)


def context(text: str = "", record: dict[str, Any] | None = None) -> ReviewContext:
    """A review context of a text document and a record (both optional)."""
    document = read_bytes(text.encode("utf-8"), name="case.txt") if text else None
    return ReviewContext(Record.model_validate(record or {}), {}, document)


def run(code: str, text: str = "", record: dict[str, Any] | None = None) -> list[Finding]:
    """Findings of one check on a case."""
    return review(context(text, record), checks=(get_check(code),))


def codes(findings: list[Finding]) -> list[str]:
    """The codes of `findings`."""
    return [f.code for f in findings]
