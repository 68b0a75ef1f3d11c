"""Jinja2 templates (autoescaped) and the filters pages use."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from jixiao.store.accounts import ROLE_NAMES

TEMPLATES = Path(__file__).resolve().parent / "templates"
#: Times are shown in China Standard Time.
CST = timezone(timedelta(hours=8))
STATUS_NAMES = {"draft": "填报中", "submitted": "已提交", "returned": "已退回", "approved": "已通过",
                 "none": "未开始"}
SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
COMMENT_KINDS = {"comment": "意见", "return": "退回修改", "approve": "审核通过", "submit": "提交"}


def _when(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(CST).strftime("%Y-%m-%d %H:%M")


def _num(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _json_script(value: Any) -> Markup:
    """JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # escaped above for a JSON data block


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters.update(
    when=_when, num=_num, json_script=_json_script,
    status=lambda s: STATUS_NAMES.get(s or "none", s),
    severity=lambda s: SEVERITY_NAMES.get(s, s),
    role=lambda r: ROLE_NAMES.get(r, r),
    comment_kind=lambda k: COMMENT_KINDS.get(k, k),
)
#: Words shown for the choices of record fields.
CHOICE_LABELS = {"department": "部门整体支出", "project": "项目支出"}
templates.env.globals.update(today=lambda: datetime.now(CST).date(), choice_labels=CHOICE_LABELS)


def page(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with the viewer and its CSRF token in the context."""
    viewer = getattr(request.state, "viewer", None)
    context.setdefault("viewer", viewer)
    context.setdefault("csrf", viewer.csrf if viewer is not None else context.get("csrf", ""))
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def is_late(deadline: date, status: str | None) -> bool:
    """True when the deadline has passed and nothing was submitted."""
    return status in (None, "draft", "returned") and datetime.now(CST).date() > deadline
