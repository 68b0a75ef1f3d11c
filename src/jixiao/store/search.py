"""Full-text search over every stored report that finds Chinese substrings.

Chinese has no spaces between words, so words are not the unit: the index is of
trigrams (three-character windows) — SQLite FTS5's ``trigram`` tokenizer, or PostgreSQL's
pg_trgm GIN index under ``ILIKE``. A query is split at spaces into terms that must all
occur; a term shorter than three characters cannot use a trigram index and is matched
by a plain ``LIKE`` scan.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, column, literal_column, select, table, text, true
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


def _matching(session: Session, terms: list[str], scope: ColumnElement[bool], limit: int) -> Select[int]:
    """Ids of matching submissions, newest first, so the scan stops after `limit` hits."""
    long_terms = [t for t in terms if len(t) >= 3]
    if session.get_bind().dialect.name == "sqlite" and long_terms:
        short = [t for t in terms if len(t) < 3]
        statement = (
            select(_FTS.c.rowid).select_from(_FTS).join(Submission, Submission.id == _FTS.c.rowid)
            .where(literal_column("search_fts").op("MATCH")(_fts_match(long_terms)), scope)
        )
        if short:
            statement = statement.join(SearchDoc, SearchDoc.submission_id == _FTS.c.rowid).where(
                *[SearchDoc.body.like(_like(t), escape="\\") for t in short])
        return statement.order_by(_FTS.c.rowid.desc()).limit(limit)
    sqlite = session.get_bind().dialect.name == "sqlite"
    contains = [(SearchDoc.body.like if sqlite else SearchDoc.body.ilike)(_like(t), escape="\\") for t in terms]
    visible = select(Submission.id).where(scope)
    return (  # walks the text newest first and stops at `limit` (no sort of every match)
        select(SearchDoc.submission_id).where(SearchDoc.submission_id.in_(visible), *contains)
        .order_by(SearchDoc.submission_id.desc()).limit(limit)
    )


#: Newest texts scanned directly on PostgreSQL before asking the trigram index (see `_postgres_ids`).
RECENT = 400


def _postgres_ids(session: Session, terms: list[str], scope: ColumnElement[bool], limit: int) -> list[int]:
    """A common term is met soon walking the newest texts; a rare one is found by the index.

    PostgreSQL's planner misjudges both (the texts are TOASTed), so the two plans are asked
    for in turn: the newest `RECENT` texts first, then the pg_trgm index with sequential
    scans off for this transaction.
    """
    contains = [SearchDoc.body.ilike(_like(t), escape="\\") for t in terms]
    visible = select(Submission.id).where(scope)
    recent = (select(SearchDoc.submission_id, SearchDoc.body).order_by(SearchDoc.submission_id.desc())
              .limit(RECENT).subquery())
    found = list(session.scalars(
        select(recent.c.submission_id).where(recent.c.submission_id.in_(visible),
                                             *[recent.c.body.ilike(_like(t), escape="\\") for t in terms])
        .order_by(recent.c.submission_id.desc()).limit(limit)))
    if len(found) >= limit:
        return found
    session.execute(text("SET LOCAL enable_seqscan = off"))
    matches = list(session.scalars(select(SearchDoc.submission_id).where(*contains)))  # the index
    session.execute(text("SET LOCAL enable_seqscan = on"))
    if not matches:
        return []
    return list(session.scalars(
        select(Submission.id).where(Submission.id.in_(matches), scope).order_by(Submission.id.desc()).limit(limit)))


def search(session: Session, query: str, scope: ColumnElement[bool] | None = None, *,
           limit: int = 50) -> list[Hit]:
    """Submissions (within `scope`, a condition on `Submission`) whose text has every term, newest first."""
    terms = terms_of(query)
    if not terms:
        return []
    where = scope if scope is not None else true()
    if session.get_bind().dialect.name == "postgresql":
        ids = _postgres_ids(session, terms, where, limit)
    else:
        ids = list(session.scalars(_matching(session, terms, where, limit)))
    bodies = dict(session.execute(select(SearchDoc.submission_id, SearchDoc.body)
                                  .where(SearchDoc.submission_id.in_(ids))).all()) if ids else {}
    return [_hit(sid, bodies[sid], terms[0]) for sid in ids]


def _hit(submission_id: int, body: str, term: str) -> Hit:
    at = body.lower().find(term.lower())
    if at < 0:
        return Hit(submission_id, body[: 2 * CONTEXT], "", "")
    start, end = max(0, at - CONTEXT), at + len(term)
    return Hit(submission_id, body[start:at], body[at:end], body[end : end + CONTEXT])
