"""Full-text search over every stored report that finds Chinese substrings.

Chinese has no spaces between words, so words are not the unit: the index is of
trigrams (three-character windows) — SQLite FTS5's ``trigram`` tokenizer, or PostgreSQL's
pg_trgm GIN index under ``ILIKE``. A query is split at spaces into terms that must all
occur; a term shorter than three characters cannot use a trigram index and is matched
by a plain ``LIKE`` scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, column, literal_column, select, table, true
from sqlalchemy.orm import Session

from jixiao.store.models import SearchDoc, Submission

_FTS = table("search_fts", column("rowid"))
#: Characters of context shown on each side of a match.
CONTEXT = 40


@dataclass(frozen=True)
class Hit:
    """A matching submission and the text around its first match."""

    submission_id: int
    before: str
    match: str
    after: str


def terms_of(query: str) -> list[str]:
    """The terms of a query (split at spaces, empty ones dropped, at most 5)."""
    return [t for t in query.split() if t][:5]


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _fts_match(terms: list[str]) -> str:
    return " AND ".join('"' + t.replace('"', '""') + '"' for t in terms)


def _criteria(session: Session, terms: list[str]) -> list[ColumnElement[bool]]:
    long_terms = [t for t in terms if len(t) >= 3]
    short = [t for t in terms if len(t) < 3]
    criteria: list[ColumnElement[bool]] = []
    if session.get_bind().dialect.name == "sqlite":
        if long_terms:
            matching = select(_FTS.c.rowid).where(
                literal_column("search_fts").op("MATCH")(_fts_match(long_terms))
            )
            criteria.append(SearchDoc.submission_id.in_(matching))
    else:
        short = terms
    criteria += [SearchDoc.body.ilike(_like(t), escape="\\") for t in short]
    return criteria


def search(session: Session, query: str, scope: ColumnElement[bool] | None = None, *,
           limit: int = 50) -> list[Hit]:
    """Submissions (within `scope`, a condition on `Submission`) whose text has every term."""
    terms = terms_of(query)
    if not terms:
        return []
    statement = (
        select(SearchDoc.submission_id, SearchDoc.body)
        .join(Submission, Submission.id == SearchDoc.submission_id)
        .where(and_(*_criteria(session, terms), scope if scope is not None else true()))
        .order_by(Submission.year.desc(), Submission.id)
        .limit(limit)
    )
    return [_hit(sid, body, terms[0]) for sid, body in session.execute(statement)]


def _hit(submission_id: int, body: str, term: str) -> Hit:
    at = body.lower().find(term.lower())
    if at < 0:
        return Hit(submission_id, body[: 2 * CONTEXT], "", "")
    start, end = max(0, at - CONTEXT), at + len(term)
    return Hit(submission_id, body[start:at], body[at:end], body[end : end + CONTEXT])
