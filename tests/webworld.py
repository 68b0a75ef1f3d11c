"""A small world for the web tests, on SQLite and PostgreSQL: two regions, each with a unit,
a department user, a reviewer, a task and a submission; and an admin."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from dbs import BACKENDS, fresh_database
from jixiao.pipeline import evaluate
from jixiao.store import Database
from jixiao.store.accounts import add_user
from jixiao.store.models import Submission, Task, Unit
from jixiao.store.records import Actor, save_snapshot, snapshot_of, store_source
from jixiao.web import create_app
from jixiao.web.auth import SESSION_COOKIE, csrf_for
from jixiao.web.settings import Settings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PASSWORD = "secret-pass-1"
USERS = {"dept_a": ("department", "甲单位", "甲区"), "dept_b": ("department", "乙单位", "乙区"),
         "rev_a": ("reviewer", None, "甲区"), "rev_b": ("reviewer", None, "乙区"), "admin": ("admin", None, None)}


@dataclass
class World:
    """Ids of what each side owns."""

    db: Database
    task: dict[str, int]
    submission: dict[str, int]
    user: dict[str, int]


def _build(db: Database) -> World:
    evaluation = evaluate(EXAMPLES / "songxi-culture-2024.txt")
    world = World(db, {}, {}, {})
    with db.session() as session:
        for username, (role, unit, region) in USERS.items():
            user = add_user(session, username, PASSWORD, role, unit=unit, region_name=region)
            world.user[username] = user.id
        for side, unit_name in (("a", "甲单位"), ("b", "乙单位")):
            unit = session.query(Unit).filter_by(name=unit_name).one()
            task = Task(title=f"{side} 任务", year=2024, deadline=date(2099, 1, 1), region_id=unit.region_id,
                        units=[unit])
            source = store_source(session, f"{side}\n".encode() + (EXAMPLES / "songxi-culture-2024.txt").read_bytes(),
                                  "songxi.txt", document=evaluation.document)
            submission = Submission(task=task, unit=unit, year=2024, status="submitted", name="songxi.txt")
            save_snapshot(session, submission, snapshot_of(evaluation), Actor(), note="seed", source=source)
            session.flush()
            world.task[side], world.submission[side] = task.id, submission.id
    return world


@pytest.fixture(params=BACKENDS)
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    """A fresh world on each backend."""
    with fresh_database(request.param, tmp_path) as url:
        db = Database(url)
        yield _build(db)
        db.close()


@pytest.fixture
def app_settings() -> Settings:
    """Settings of the app under test (small upload limit to test it cheaply)."""
    return Settings(max_upload=200_000)


class Browser:
    """A test client that logs in like a browser and sends the CSRF token on posts."""

    def __init__(self, client: TestClient) -> None:
        self.client = client

    @property
    def csrf(self) -> str:
        token = self.client.cookies.get(SESSION_COOKIE)
        return csrf_for(token) if token else self.client.cookies.get("jx_csrf", "")

    def login(self, username: str, password: str = PASSWORD) -> Browser:
        self.client.get("/login")
        response = self.client.post("/login", data={"username": username, "password": password,
                                                     "csrf_token": self.csrf}, follow_redirects=False)
        assert response.status_code == 303, response.text
        return self

    def get(self, url: str, **kw: object):  # type: ignore[no-untyped-def]
        return self.client.get(url, follow_redirects=False, **kw)  # type: ignore[arg-type]

    def post(self, url: str, data: dict[str, object] | None = None, csrf: bool = True, **kw: object):  # type: ignore[no-untyped-def]
        payload = dict(data or {})
        if csrf:
            payload.setdefault("csrf_token", self.csrf)
        return self.client.post(url, data=payload, follow_redirects=False, **kw)  # type: ignore[arg-type]


@pytest.fixture
def browser(world: World, app_settings: Settings) -> Iterator[object]:
    """A factory of browsers (``browser()`` anonymous, ``browser("dept_a")`` logged in)."""
    app = create_app(world.db, app_settings)
    clients: list[TestClient] = []

    def make(username: str | None = None) -> Browser:
        client = TestClient(app, base_url="http://testserver")
        clients.append(client)
        b = Browser(client)
        return b.login(username) if username else b

    yield make
    for client in clients:
        client.close()


def version_of(html: str) -> int:
    """The optimistic-lock version in a submission page's form."""
    match = re.search(r'name="version" value="(\d+)"', html)
    assert match, "no version field"
    return int(match.group(1))
