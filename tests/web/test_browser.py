"""Both flows end to end in a real browser (Debian's Chromium, headless, via Playwright).

The uploads are a DOCX and a PDF written by jixiao's own renderers from a bundled example.
Set ``JIXIAO_SCREENSHOTS=DIR`` to keep screenshots of the main pages.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy import select

from dbs import BACKENDS, fresh_database
from jixiao.pipeline import evaluate
from jixiao.render import render
from jixiao.store import Database
from jixiao.store.models import Submission, Task, Unit
from jixiao.web import create_app
from webworld import EXAMPLES, PASSWORD, World, _build

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason="Chromium is not installed (apt-get install chromium)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """The app served by uvicorn in a thread on a free loopback port."""

    def __init__(self, db: Database) -> None:
        self.port = _free_port()
        config = uvicorn.Config(create_app(db), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def uploads(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A DOCX and a PDF of a bundled example, written by jixiao's renderers."""
    if shutil.which("soffice") is None and not os.environ.get("CI"):
        pytest.skip("LibreOffice is needed to write the PDF fixture")
    record = evaluate(EXAMPLES / "dongchuan-market-2023.html").record
    folder = tmp_path_factory.mktemp("uploads")
    out = {}
    for fmt in ("docx", "pdf"):
        out[fmt] = folder / f"东川自评.{fmt}"
        out[fmt].write_bytes(render(record, fmt=fmt))  # type: ignore[arg-type]
    return out


@pytest.fixture(params=BACKENDS)
def site(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, World]]:
    with fresh_database(request.param, tmp_path) as url:
        db = Database(url)
        world = _build(db)
        with db.session() as session:
            unit = session.scalars(select(Unit).where(Unit.name == "甲单位")).one()
            for year in (2023, 2025):
                session.add(Task(title=f"{year}年度部门整体支出绩效自评", year=year, deadline=date(2099, 1, 1),
                                 region_id=unit.region_id, units=[unit]))
        with Server(db) as base:
            yield base, world
        db.close()


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


def _shot(page: object, name: str) -> None:
    folder = os.environ.get("JIXIAO_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)  # type: ignore[attr-defined]


def _login(chromium: object, base: str, username: str) -> object:
    context = chromium.new_context(viewport={"width": 1440, "height": 960}, locale="zh-CN")  # type: ignore[attr-defined]
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.errors = errors
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(f"{base}/tasks")
    return page


def test_department_flow(chromium: object, site: tuple[str, World], uploads: dict[str, Path]) -> None:
    base, _world = site
    page = _login(chromium, base, "dept_a")
    _shot(page, "department-tasks")
    page.click("text=2025年度部门整体支出绩效自评")
    page.set_input_files("input[type=file]", str(uploads["docx"]))
    page.click("text=上传并识别")
    page.wait_for_url("**/submissions/*")
    assert page.locator("#source table.src-table").count() > 0
    assert page.input_value("input[name=department]") == "东川区市场监督管理局"
    page.focus("input[name='budget.final.total']")
    highlighted = page.locator("#source .hl")
    assert highlighted.count() == 1 and highlighted.inner_text().strip() != ""
    _shot(page, "department-submission")
    before = page.inner_text("#results")
    page.fill("input[name='self_evaluation.score']", "99.5")
    playwright.expect(page.locator("#results .scores")).to_contain_text("99.5", timeout=15000)
    assert page.inner_text("#results") != before
    page.click("#save")
    page.wait_for_url("**?done=saved")
    assert page.input_value("input[name='self_evaluation.score']") == "99.5"
    page.click("text=提交审核")
    page.wait_for_url("**?done=submitted")
    assert "已提交" in page.inner_text(".actions")

    page.goto(f"{base}/tasks")
    page.click("text=2023年度部门整体支出绩效自评")
    page.set_input_files("input[type=file]", str(uploads["pdf"]))
    page.click("text=上传并识别")
    page.wait_for_url("**/submissions/*")
    assert page.input_value("input[name=department]") == "东川区市场监督管理局"
    assert page.locator("#source p").count() > 3
    assert not page.errors, page.errors  # type: ignore[attr-defined]


def test_reviewer_flow(chromium: object, site: tuple[str, World]) -> None:
    base, world = site
    page = _login(chromium, base, "rev_a")
    _shot(page, "reviewer-tasks")
    page.click("text=a 任务")
    page.click("table.queue th >> text=差异")
    assert "sort=gap" in page.url
    _shot(page, "reviewer-queue")
    page.click("table.queue tbody a")
    finding = page.locator(".finding[data-anchors]:not([data-anchors=''])")
    if finding.count():
        finding.first.click()
        assert page.locator("#source .hl").count() >= 1
    _shot(page, "reviewer-submission")
    page.fill(".decide textarea[name=body]", "请补充偏差原因")
    page.click("text=退回修改")
    page.wait_for_url("**?done=decided")
    assert "已退回" in page.inner_text(".actions")

    dept = _login(chromium, base, "dept_a")
    dept.goto(f"{base}/submissions/{world.submission['a']}")
    assert "请补充偏差原因" in dept.inner_text("#comments")
    dept.click("text=提交审核")
    dept.wait_for_url("**?done=submitted")

    page.reload()
    page.click("text=审核通过")
    page.wait_for_url("**?done=decided")
    page.goto(f"{base}/tasks/{world.task['a']}/sample?seed=7&size=3")
    assert "从 1 份已通过的自评中抽取 1 份" in page.inner_text("#sample")
    page.goto(f"{base}/overview?year=2024")
    playwright.expect(page.locator("#chart-gaps canvas")).to_have_count(1)
    _shot(page, "reviewer-overview")
    page.goto(f"{base}/search?q=非遗")
    assert page.locator("ul.hits li").count() == 1
    _shot(page, "search")
    assert not page.errors and not dept.errors, (page.errors, dept.errors)  # type: ignore[attr-defined]
    with world.db.session() as session:
        assert session.get_one(Submission, world.submission["a"]).status == "approved"
