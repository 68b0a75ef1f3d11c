"""Logins, sessions, CSRF and throttling.

A login creates a random session token; the browser keeps it in an HttpOnly, SameSite
cookie and the database keeps only its SHA-256. Every unsafe request (POST, PUT, PATCH,
DELETE) must carry the CSRF token — a form field ``csrf_token`` or the ``X-CSRF-Token``
header (htmx) — derived from the session token, or before login the double-submit
cookie. Failed logins are counted per user name and per address; past the limit,
logins are refused for a while.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from fastapi import HTTPException, Request, Response
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, joinedload

from jixiao.store.accounts import verify_password
from jixiao.store.models import AuthSession, LoginFailure, User, now
from jixiao.web.settings import Settings

SESSION_COOKIE = "jx_session"
LOGIN_CSRF_COOKIE = "jx_csrf"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class NotAuthenticatedError(Exception):
    """No valid login: pages redirect to the login page, the API answers 401."""


@dataclass(frozen=True)
class Viewer:
    """The logged-in user, as plain values (safe to use after the DB session closes)."""

    id: int
    username: str
    display_name: str
    role: str
    unit_id: int | None
    region_id: int | None
    unit_name: str | None
    region_name: str | None
    csrf: str

    @property
    def is_admin(self) -> bool:
        """True for admins."""
        return self.role == "admin"

    @property
    def is_reviewer(self) -> bool:
        """True for reviewers and admins (admins can do what reviewers do)."""
        return self.role in ("reviewer", "admin")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def csrf_for(token: str) -> str:
    """The CSRF token belonging to a session token."""
    return hashlib.sha256(f"jixiao-csrf:{token}".encode()).hexdigest()


def client_ip(request: Request) -> str:
    """The peer address of the request."""
    return request.client.host if request.client else ""


def viewer_of(request: Request, session: Session) -> Viewer | None:
    """The user of the request's session cookie, cached on the request."""
    if hasattr(request.state, "viewer"):
        cached: Viewer | None = request.state.viewer
        return cached
    token = request.cookies.get(SESSION_COOKIE)
    viewer = None
    if token:
        row = session.execute(
            select(User).options(joinedload(User.unit), joinedload(User.region))
            .join(AuthSession, AuthSession.user_id == User.id).where(
                AuthSession.token_hash == _digest(token), AuthSession.expires_at > now(),
                User.active.is_(True))
        ).scalar_one_or_none()
        if row is not None:
            viewer = Viewer(row.id, row.username, row.display_name, row.role, row.unit_id,
                            row.region_id, row.unit.name if row.unit else None,
                            row.region.name if row.region else None, csrf_for(token))
    request.state.viewer = viewer
    return viewer


def throttled(session: Session, settings: Settings, username: str, ip: str) -> bool:
    """True when too many logins failed lately for this user name or address."""
    since = now() - timedelta(minutes=settings.throttle_minutes)
    def count(key: str) -> int:
        return session.scalar(select(func.count()).where(LoginFailure.key == key, LoginFailure.at > since)) or 0
    return count(f"u:{username}") >= settings.max_failures_user or count(f"ip:{ip}") >= settings.max_failures_ip


def authenticate(session: Session, username: str, password: str, ip: str) -> User | None:
    """The active user with these credentials; a failure is recorded for throttling."""
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is not None and verify_password(user.password_hash, password):
        session.execute(delete(LoginFailure).where(LoginFailure.key == f"u:{username}"))
        return user
    session.add_all([LoginFailure(key=f"u:{username}"), LoginFailure(key=f"ip:{ip}")])
    return None


def start_session(session: Session, settings: Settings, user: User, ip: str, response: Response) -> None:
    """Create a session for `user` and set its cookie on `response`."""
    token = secrets.token_urlsafe(32)
    session.add(AuthSession(token_hash=_digest(token), user_id=user.id, csrf=csrf_for(token), ip=ip,
                            expires_at=now() + timedelta(hours=settings.session_hours)))
    response.set_cookie(SESSION_COOKIE, token, max_age=settings.session_hours * 3600, httponly=True,
                        samesite="lax", secure=settings.secure_cookies, path="/")
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/")


def end_session(session: Session, request: Request, response: Response) -> None:
    """Delete the request's session and its cookie."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        session.execute(delete(AuthSession).where(AuthSession.token_hash == _digest(token)))
    response.delete_cookie(SESSION_COOKIE, path="/")


def login_csrf_token(request: Request) -> str:
    """The pre-login CSRF token (double-submit cookie): the browser's, or a new one."""
    return request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)


def set_login_csrf(response: Response, token: str, settings: Settings) -> None:
    """Give the browser the pre-login CSRF cookie."""
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=settings.secure_cookies, path="/")


async def csrf_protect(request: Request) -> None:
    """Refuse an unsafe request without the CSRF token of its session (or login page)."""
    if request.method in SAFE_METHODS:
        return
    session_token = request.cookies.get(SESSION_COOKIE)
    expected = csrf_for(session_token) if session_token else request.cookies.get(LOGIN_CSRF_COOKIE)
    provided = request.headers.get("x-csrf-token")
    content_type = request.headers.get("content-type", "")
    if provided is None and content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        value = (await request.form()).get("csrf_token")
        provided = value if isinstance(value, str) else None
    if not expected or not provided or not hmac.compare_digest(expected, provided):
        raise HTTPException(403, "请求缺少有效的安全令牌（CSRF），请刷新页面后重试")
