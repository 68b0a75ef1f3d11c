"""Login, logout and the home page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from jixiao.store.records import Actor, audit
from jixiao.web.auth import (
    authenticate,
    client_ip,
    end_session,
    login_csrf_token,
    set_login_csrf,
    start_session,
    throttled,
    viewer_of,
)
from jixiao.web.deps import DB, Conf, User
from jixiao.web.templating import page

router = APIRouter(include_in_schema=False)


def _safe_next(target: str) -> str:
    """Only local paths: never redirect a login elsewhere."""
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, session: DB, settings: Conf, next: str = "/") -> Response:
    """The login form."""
    if viewer_of(request, session) is not None:
        return RedirectResponse(_safe_next(next), 303)
    token = login_csrf_token(request)
    rendered = page(request, "login.html", csrf=token, next=_safe_next(next), error="")
    set_login_csrf(rendered, token, settings)
    return rendered


@router.post("/login")
def login(request: Request, session: DB, settings: Conf, username: Annotated[str, Form()],
          password: Annotated[str, Form()], next: Annotated[str, Form()] = "/") -> Response:
    """Check the credentials; a session cookie on success, the form again otherwise."""
    ip, username = client_ip(request), username.strip()
    csrf = request.cookies.get("jx_csrf", "")
    if throttled(session, settings, username, ip):
        message = f"登录失败次数过多，请 {settings.throttle_minutes} 分钟后再试"
        return page(request, "login.html", 429, csrf=csrf, next=next, error=message, username=username)
    user = authenticate(session, username, password, ip)
    if user is None:
        audit(session, Actor(None, username, ip), "login-failed", "user")
        session.commit()
        return page(request, "login.html", 401, csrf=csrf, next=next, error="用户名或密码错误",
                    username=username)
    response = RedirectResponse(_safe_next(next), 303)
    start_session(session, settings, user, ip, response)
    audit(session, Actor(user.id, user.username, ip), "login", "user", user.id)
    session.commit()
    return response


@router.post("/logout")
def logout(request: Request, session: DB, viewer: User) -> Response:
    """End the session."""
    response = RedirectResponse("/login", 303)
    end_session(session, request, response)
    audit(session, Actor(viewer.id, viewer.username, client_ip(request)), "logout", "user", viewer.id)
    session.commit()
    return response


@router.get("/")
def home(viewer: User) -> Response:
    """Each role's starting page."""
    return RedirectResponse("/admin/users" if viewer.is_admin else "/tasks", 303)
