"""Full-text search across the reports the user may see."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from jixiao.store.models import Submission, Unit
from jixiao.store.search import search
from jixiao.web.access import submission_scope
from jixiao.web.deps import DB, User

router = APIRouter(include_in_schema=False)


@router.get("/search")
def search_page(request: Request, session: DB, viewer: User, q: str = "") -> Response:
    """Reports whose text holds every term of the query (Chinese substrings too)."""
    from jixiao.web.templating import page

    query = q.strip()[:100]
    hits = search(session, query, submission_scope(viewer)) if query else []
    ids = [h.submission_id for h in hits]
    rows = {s.id: (s, name) for s, name in session.execute(
        select(Submission, Unit.name).outerjoin(Unit, Unit.id == Submission.unit_id).where(Submission.id.in_(ids))
    )} if ids else {}
    results = [(h, *rows[h.submission_id]) for h in hits if h.submission_id in rows]
    return page(request, "search.html", q=query, results=results)
