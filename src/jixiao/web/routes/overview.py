"""The overview page of a region and year, and its XLSX export."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import ColumnElement, and_, select

from jixiao.store.models import Region, Submission, Unit
from jixiao.web import overview
from jixiao.web.access import load_unit, submission_scope, unit_scope
from jixiao.web.auth import Viewer
from jixiao.web.deps import DB, Reviewer
from jixiao.web.templating import page

router = APIRouter(include_in_schema=False)


def _scope(viewer: Viewer, region_id: int | None) -> ColumnElement[bool]:
    scope = submission_scope(viewer)
    if viewer.is_admin and region_id is not None:
        scope = and_(scope, Submission.unit_id.in_(select(Unit.id).where(Unit.region_id == region_id)))
    return scope


@router.get("/overview")
def overview_page(request: Request, session: DB, viewer: Reviewer, year: int | None = None,
                  region: int | None = None, unit: int | None = None) -> Response:
    """Charts and tables of a region's year."""
    scope = _scope(viewer, region)
    years = sorted({y for y in session.scalars(select(Submission.year).where(scope).distinct()) if y}, reverse=True)
    if year is None and years:
        year = years[0]
    view = overview.build(session, scope, year)
    units = session.scalars(select(Unit).where(unit_scope(viewer)).order_by(Unit.name).limit(2000)).all()
    chosen = load_unit(session, viewer, unit) if unit is not None else None
    history = overview.unit_history(session, scope, chosen.id) if chosen else []
    regions = session.scalars(select(Region).order_by(Region.name)).all() if viewer.is_admin else []
    charts = view.charts() | {"history": [list(h) for h in history], "unit": chosen.name if chosen else ""}
    return page(request, "overview.html", view=view, years=years, year=year, units=units, unit=chosen,
                history=history, regions=regions, region=region, charts=charts)


@router.get("/overview/export.xlsx")
def overview_export(session: DB, viewer: Reviewer, year: int | None = None, region: int | None = None) -> Response:
    """The overview as an XLSX workbook."""
    view = overview.build(session, _scope(viewer, region), year)
    name = f"绩效自评汇总-{year or '全部年度'}.xlsx"
    return Response(overview.to_xlsx(view),
                    media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})
