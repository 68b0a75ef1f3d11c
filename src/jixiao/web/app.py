"""The web application: FastAPI with server-rendered pages (Jinja2 + htmx) and a JSON API.

`create_app(db)` builds it over a migrated `Database`. Every route needs a login except
the login page and the static assets; every unsafe request needs its CSRF token; a
record outside the user's unit or region is answered 404.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from jixiao.store import Database
from jixiao.web.auth import NotAuthenticatedError, csrf_protect
from jixiao.web.routes import admin, api, overview, search, sessions, submissions, tasks
from jixiao.web.settings import Settings
from jixiao.web.templating import page

#: Every router of the app, in order (the authorization tests walk their routes).
ROUTERS = tuple(m.router for m in (sessions, tasks, submissions, overview, search, admin, api))
STATIC = Path(__file__).resolve().parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/")


SECURITY_HEADERS = {
    "content-security-policy": CSP, "x-content-type-options": "nosniff", "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class Guard:
    """Security headers on every response; request bodies over the upload limit refused up front."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in SECURITY_HEADERS.items():
                    headers.setdefault(key, value)
                if not path.startswith("/static/"):
                    headers.setdefault("cache-control", "no-store")
            await send(message)

        settings: Settings = scope["app"].state.settings
        length = Headers(scope=scope).get("content-length", "")
        if length.isdigit() and int(length) > settings.max_upload + 1024 * 1024:
            request = Request(scope, receive)
            message = f"上传的文件过大（上限 {settings.max_upload // (1024 * 1024)} MB），请压缩或拆分后再上传"
            response: Response = (JSONResponse({"detail": message}, 413) if _wants_json(request)
                                  else page(request, "error.html", 413, message=message))
            await response(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def _not_authenticated(request: Request, _exc: Exception) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": "需要登录"}, 401)
    target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": target})
    return RedirectResponse(target, 303)


def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    message = str(exc.detail)
    if _wants_json(request):
        return JSONResponse({"detail": message}, exc.status_code, headers=exc.headers)
    if request.headers.get("hx-request"):
        return page(request, "_message.html", exc.status_code, message=message, level="error")
    return page(request, "error.html", exc.status_code, message=message)


def _invalid(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    if _wants_json(request):
        return JSONResponse({"detail": exc.errors()}, 422)
    return page(request, "error.html", 422, message="提交的内容不完整或格式不正确，请返回检查后重试")


def app_from_environment() -> FastAPI:
    """The app over ``$JIXIAO_DB`` (for server processes started by ``jixiao serve --workers``)."""
    return create_app(Database())


def create_app(db: Database, settings: Settings | None = None) -> FastAPI:
    """The app over `db` (already migrated)."""
    app = FastAPI(
        title="jixiao 预算绩效自评",
        summary="任务、自评记录、审核问题与复核得分的 JSON 接口（需登录）",
        version="1",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        dependencies=[Depends(csrf_protect)],
    )
    app.state.db = db
    app.state.settings = settings or Settings()
    app.add_middleware(Guard)
    app.add_exception_handler(NotAuthenticatedError, _not_authenticated)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        app.include_router(router)
    return app
