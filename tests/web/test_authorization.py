"""Who may reach what: every route, every role; logins and CSRF tokens are required."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jixiao.store.models import Comment, Submission
from jixiao.web.app import ROUTERS
from webworld import Browser, World

ROUTES = sorted({(method, route.path) for router in ROUTERS for route in router.routes  # type: ignore[attr-defined]
                 for method in route.methods})  # type: ignore[attr-defined]
PUBLIC = {("GET", "/login"), ("POST", "/login")}
QUERY = {"/tasks/{task_id}/sample": "?seed=1", "/api/search": "?q=文化", "/search": "?q=文化"}
POST_DATA: dict[str, dict[str, Any]] = {
    "/tasks": {"title": "t", "year": "2024", "deadline": "2099-01-01", "unit_ids": "0"},
    "/tasks/{task_id}/start": {"mode": "empty"},
    "/submissions/{submission_id}/preview": {"department": "x", "version": "1"},
    "/submissions/{submission_id}/save": {"department": "x", "version": "1"},
    "/submissions/{submission_id}/submit": {"version": "1"},
    "/submissions/{submission_id}/comment": {"body": "意见"},
    "/submissions/{submission_id}/decide": {"action": "approve", "body": "好"},
    "/admin/users": {"username": "eve", "password": "12345678x", "role": "admin"},
    "/admin/users/{user_id}/active": {"active": "false"},
    "/admin/users/{user_id}/password": {"password": "12345678x"},
    "/admin/units": {"name": "新单位"}, "/admin/regions": {"name": "新地区"},
    "/login": {"username": "x", "password": "y"},
}
UPLOAD = {"/tasks/{task_id}/upload": {"file": ("a.txt", "部门整体支出绩效自评报告\n".encode(), "text/plain")}}


def url(world: World, path: str, side: str = "b") -> str:
    """`path` with the ids of one side's task, submission and department user."""
    filled = (path.replace("{task_id}", str(world.task[side]))
              .replace("{submission_id}", str(world.submission[side]))
              .replace("{user_id}", str(world.user[f"dept_{side}"])).replace("{fmt}", "docx"))
    return filled + QUERY.get(path, "")


def call(client: Browser, method: str, path: str, target: str, csrf: bool = True) -> Any:
    if method == "GET":
        return client.get(target)
    return client.post(target, POST_DATA.get(path, {}), csrf=csrf, files=UPLOAD.get(path))


def test_the_route_table_is_what_this_test_knows() -> None:
    # a new route must be added to the matrix below (and to POST_DATA when it is a form)
    assert len(ROUTES) == 41


def test_nothing_but_the_login_page_without_a_login(world: World, browser: Callable[..., Browser]) -> None:
    anonymous = browser()
    anonymous.get("/login")  # the pre-login CSRF cookie, so that posts fail on the login alone
    for method, path in ROUTES:
        if (method, path) in PUBLIC:
            continue
        response = call(anonymous, method, path, url(world, path))
        if path.startswith("/api/"):
            assert response.status_code == 401, (method, path)
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login"), (method, path)
    assert anonymous.get("/static/app.css").status_code == 200
    assert anonymous.get("/static/vendor/htmx/htmx.min.js").status_code == 200


OWNED = [(m, p) for m, p in ROUTES if "{task_id}" in p or "{submission_id}" in p]


@pytest.mark.parametrize("username", ["dept_a", "rev_a"])
def test_unit_a_gets_nothing_of_unit_b(world: World, browser: Callable[..., Browser], username: str) -> None:
    user = browser(username)
    for method, path in OWNED:
        response = call(user, method, path, url(world, path))
        assert response.status_code in (403, 404), (username, method, path, response.status_code)
        assert "乙单位" not in response.text
    for method, path in ROUTES:
        if path.startswith("/admin/"):
            assert call(user, method, path, url(world, path)).status_code == 403, (method, path)
    for path in ("/tasks", "/search?q=文化", "/overview", "/api/tasks", "/api/search?q=文化", "/overview/export.xlsx"):
        response = user.get(path)
        assert response.status_code in (200, 403), path
        assert "乙单位" not in response.text and "b 任务" not in response.text, path
    assert user.post("/tasks", {**POST_DATA["/tasks"], "unit_ids": str(world.user["dept_b"])}).status_code in (400, 403)
    with world.db.session() as session:
        theirs = session.get_one(Submission, world.submission["b"])
        assert (theirs.version, theirs.status) == (1, "submitted")
        assert session.query(Comment).filter_by(submission_id=theirs.id).count() == 0


@pytest.mark.parametrize(("username", "side"), [("dept_b", "b"), ("rev_b", "b"), ("admin", "b"), ("rev_a", "a")])
def test_owners_and_admins_do_reach_it(world: World, browser: Callable[..., Browser], username: str, side: str) -> None:
    user = browser(username)
    for method, path in OWNED:
        if (method == "GET" and not path.endswith(("/sample", "/export/{fmt}"))) or (path.endswith("/sample") and username != "dept_b"):
            response = user.get(url(world, path, side))
            assert response.status_code == 200, (username, path, response.status_code)


def test_posts_without_the_csrf_token_are_refused(world: World, browser: Callable[..., Browser]) -> None:
    owner, reviewer, admin = browser("dept_b"), browser("rev_b"), browser("admin")
    for method, path in ROUTES:
        if method != "POST":
            continue
        client = admin if path.startswith("/admin/") else reviewer if path.endswith(("/decide", "/tasks")) else owner
        target = url(world, path)
        assert call(client, method, path, target, csrf=False).status_code == 403, path
        forged = client.client.post(target, data={**POST_DATA.get(path, {}), "csrf_token": "0" * 64},
                                    files=UPLOAD.get(path), follow_redirects=False)
        assert forged.status_code == 403, path
    with world.db.session() as session:
        assert session.get_one(Submission, world.submission["b"]).status == "submitted"
        assert session.query(Comment).count() == 0
