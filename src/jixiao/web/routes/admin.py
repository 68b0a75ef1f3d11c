"""Administration: users, units and regions, and the audit log."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from jixiao.errors import ConfigError
from jixiao.store.accounts import add_unit, add_user, hash_password, region
from jixiao.store.models import ROLES, AuditEntry, AuthSession, Region, Unit, User
from jixiao.store.records import Actor, audit
from jixiao.web.auth import Viewer, client_ip
from jixiao.web.deps import DB, Admin
from jixiao.web.templating import page

router = APIRouter(prefix="/admin", include_in_schema=False)


def _actor(request: Request, viewer: Viewer) -> Actor:
    return Actor(viewer.id, viewer.username, client_ip(request))


def _users_page(request: Request, session: Session, error: str = "", status_code: int = 200) -> Response:
    users = session.scalars(select(User).order_by(User.role, User.username)).all()
    units = session.scalars(select(Unit).order_by(Unit.name)).all()
    regions = session.scalars(select(Region).order_by(Region.name)).all()
    return page(request, "admin_users.html", status_code, users=users, units=units, regions=regions,
                roles=ROLES, error=error)


@router.get("/users")
def users(request: Request, session: DB, viewer: Admin) -> Response:
    """Users, and the form to add one."""
    return _users_page(request, session)


@router.post("/users")
def user_add(request: Request, session: DB, viewer: Admin, username: Annotated[str, Form()],
             password: Annotated[str, Form()], role: Annotated[str, Form()],
             display_name: Annotated[str, Form()] = "", unit: Annotated[str, Form()] = "",
             region_name: Annotated[str, Form()] = "") -> Response:
    """Add a user."""
    try:
        user = add_user(session, username, password, role, unit=unit or None, region_name=region_name or None,
                        display_name=display_name)
    except ConfigError as exc:
        session.rollback()
        return _users_page(request, session, str(exc), 400)
    audit(session, _actor(request, viewer), "add-user", "user", user.id, username=user.username, role=role)
    session.commit()
    return RedirectResponse("/admin/users", 303)


@router.post("/users/{user_id}/active")
def user_active(request: Request, session: DB, viewer: Admin, user_id: int,
                active: Annotated[bool, Form()]) -> Response:
    """Enable or disable a user (disabling ends their sessions)."""
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(404, "未找到该用户")
    if user.id == viewer.id:
        raise HTTPException(400, "不能停用自己的账号")
    user.active = active
    if not active:
        session.query(AuthSession).filter(AuthSession.user_id == user.id).delete()
    audit(session, _actor(request, viewer), "user-active", "user", user.id, active=active)
    session.commit()
    return RedirectResponse("/admin/users", 303)


@router.post("/users/{user_id}/password")
def user_password(request: Request, session: DB, viewer: Admin, user_id: int,
                  password: Annotated[str, Form()]) -> Response:
    """Set a new password."""
    user = session.get(User, user_id)
    if user is None:
        raise HTTPException(404, "未找到该用户")
    if len(password) < 8:
        return _users_page(request, session, "密码至少需要 8 个字符", 400)
    user.password_hash = hash_password(password)
    session.query(AuthSession).filter(AuthSession.user_id == user.id).delete()
    audit(session, _actor(request, viewer), "user-password", "user", user.id)
    session.commit()
    return RedirectResponse("/admin/users", 303)


@router.get("/units")
def units(request: Request, session: DB, viewer: Admin) -> Response:
    """Units and regions, and the forms to add them."""
    rows = session.scalars(select(Unit).order_by(Unit.name)).all()
    regions = session.scalars(select(Region).order_by(Region.name)).all()
    return page(request, "admin_units.html", units=rows, regions=regions, error="")


@router.post("/units")
def unit_add(request: Request, session: DB, viewer: Admin, name: Annotated[str, Form()],
             region_name: Annotated[str, Form()] = "") -> Response:
    """Add a unit (or move it to a region)."""
    try:
        unit = add_unit(session, name, region_name or None)
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit(session, _actor(request, viewer), "add-unit", "unit", unit.id, name=unit.name, region=region_name)
    session.commit()
    return RedirectResponse("/admin/units", 303)


@router.post("/regions")
def region_add(request: Request, session: DB, viewer: Admin, name: Annotated[str, Form()]) -> Response:
    """Add a region."""
    try:
        found = region(session, name)
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from exc
    audit(session, _actor(request, viewer), "add-region", "region", found.id, name=found.name)
    session.commit()
    return RedirectResponse("/admin/units", 303)


@router.get("/audit")
def audit_log(request: Request, session: DB, viewer: Admin) -> Response:
    """The latest entries of the audit log."""
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(300)).all()
    return page(request, "admin_audit.html", entries=entries)
