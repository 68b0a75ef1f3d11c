"""Department and reviewer flows through the pages, optimistic locking, limits, API."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Callable
from datetime import date

from openpyxl import load_workbook
from sqlalchemy import select

from jixiao.store.models import AuditEntry, RecordVersion, Submission, Task, Unit
from webworld import EXAMPLES, Browser, World, version_of


def _new_task(world: World) -> int:
    with world.db.session() as session:
        unit = session.scalars(select(Unit).where(Unit.name == "甲单位")).one()
        task = Task(title="2025 任务", year=2025, deadline=date(2099, 1, 1), region_id=unit.region_id, units=[unit])
        session.add(task)
        session.flush()
        return task.id


def _upload(dept: Browser, task_id: int, name: str, data: bytes) -> object:
    return dept.post(f"/tasks/{task_id}/upload", files={"file": (name, data, "application/octet-stream")})


def test_department_uploads_edits_and_submits_then_reviewer_returns_and_approves(
        world: World, browser: Callable[..., Browser]) -> None:
    task_id = _new_task(world)
    dept = browser("dept_a")
    page = dept.get(f"/tasks/{task_id}")
    assert page.status_code == 200 and "上传自评报告" in page.text
    response = _upload(dept, task_id, "dongchuan.html", (EXAMPLES / "dongchuan-market-2023.html").read_bytes())
    assert response.status_code == 303, response.text
    sub_url = response.headers["location"]
    page = dept.get(sub_url)
    assert "东川区市场监督管理局" in page.text and 'data-src="b' in page.text  # provenance anchors
    version = version_of(page.text)
    preview = dept.post(f"{sub_url}/preview", {"department": "东川区市场监督管理局", "year": "2023",
                                              "self_evaluation.score": "95", "self_evaluation.grade": "差"})
    assert preview.status_code == 200 and "审核发现的问题" in preview.text
    form = {"department": "东川区市场监督管理局", "year": "2023", "problems": "档案整理滞后\n人员不足",
            "version": str(version)}
    saved = dept.post(f"{sub_url}/save", form)
    assert saved.status_code == 303
    assert dept.post(f"{sub_url}/submit", {"version": str(version + 1)}).status_code == 303

    reviewer = browser("rev_a")
    queue = reviewer.get(f"/tasks/{task_id}?sort=gap&dir=desc&status=submitted")
    assert "甲单位" in queue.text
    assert reviewer.post(f"{sub_url}/decide", {"action": "return", "body": ""}).status_code == 400
    assert reviewer.post(f"{sub_url}/decide", {"action": "return", "body": "请补充偏差原因"}).status_code == 303
    page = dept.get(sub_url)
    assert "请补充偏差原因" in page.text and "已退回" in page.text
    assert dept.post(f"{sub_url}/submit", {"version": str(version_of(page.text))}).status_code == 303
    assert reviewer.post(f"{sub_url}/decide", {"action": "approve", "body": "通过"}).status_code == 303
    assert dept.post(f"{sub_url}/save", form).status_code == 403  # approved: no more edits
    with world.db.session() as session:
        sub = session.get_one(Submission, int(sub_url.rsplit("/", 1)[1]))
        assert sub.status == "approved"
        versions = session.scalars(select(RecordVersion).where(RecordVersion.submission_id == sub.id)).all()
        assert [v.note for v in versions] == ["上传：dongchuan.html", "在线编辑"]
        actions = [e.action for e in session.scalars(select(AuditEntry).where(AuditEntry.entity_id == sub.id))]
        assert {"save", "submit", "return", "approve"} <= set(actions)


def test_second_save_of_the_same_version_is_refused_and_nothing_is_lost(
        world: World, browser: Callable[..., Browser]) -> None:
    sid = world.submission["a"]
    with world.db.session() as session:
        session.get_one(Submission, sid).status = "draft"
    first, second = browser("dept_a"), browser("dept_a")
    v1, v2 = version_of(first.get(f"/submissions/{sid}").text), version_of(second.get(f"/submissions/{sid}").text)
    assert v1 == v2
    mine = {"department": "甲单位", "year": "2024", "problems": "第一人的修改", "version": str(v1)}
    theirs = {"department": "甲单位", "year": "2024", "problems": "第二人的修改", "version": str(v2)}
    assert first.post(f"/submissions/{sid}/save", mine).status_code == 303
    refused = second.post(f"/submissions/{sid}/save", theirs)
    assert refused.status_code == 409
    assert "已被他人修改" in refused.text and "第二人的修改" in refused.text  # the form as typed
    assert version_of(refused.text) == v1 + 1  # saving again now applies to the new version
    with world.db.session() as session:
        current = json.loads(session.get_one(Submission, sid).record_json)
        assert current["problems"] == ["第一人的修改"]
        conflict = session.scalars(select(AuditEntry).where(AuditEntry.action == "save-conflict")).one()
        assert json.loads(conflict.detail)["record"]["problems"] == ["第二人的修改"]


def test_a_bad_value_keeps_the_form_as_typed(world: World, browser: Callable[..., Browser]) -> None:
    sid = world.submission["a"]
    with world.db.session() as session:
        session.get_one(Submission, sid).status = "draft"
    dept = browser("dept_a")
    version = version_of(dept.get(f"/submissions/{sid}").text)
    response = dept.post(f"/submissions/{sid}/save", {"budget.final.total": "四百万", "problems": "保留我",
                                                     "version": str(version)})
    assert response.status_code == 422
    assert "请输入数字" in response.text and "四百万" in response.text and "保留我" in response.text


def test_uploads_too_large_of_a_wrong_type_or_not_a_report(world: World, browser: Callable[..., Browser]) -> None:
    task_id = _new_task(world)
    dept = browser("dept_a")
    big = _upload(dept, task_id, "big.txt", "绩效".encode() * 200_000)
    assert big.status_code == 413 and "过大" in big.text
    wrong = _upload(dept, task_id, "virus.exe", b"MZ\x90\x00")
    assert wrong.status_code == 415 and "不支持的文件类型" in wrong.text and "virus.exe" in wrong.text
    prose = _upload(dept, task_id, "note.txt", "今天天气很好，我们去公园散步。\n".encode())
    assert prose.status_code == 422 and "note.txt" in prose.text and "空白表单" in prose.text


def test_start_empty_and_from_last_year(world: World, browser: Callable[..., Browser]) -> None:
    task_id = _new_task(world)  # 2025; the unit has a 2024 record
    dept = browser("dept_a")
    page = dept.get(f"/tasks/{task_id}")
    assert "从上年度记录开始" in page.text
    started = dept.post(f"/tasks/{task_id}/start", {"mode": "last_year"})
    assert started.status_code == 303
    record = dept.get(f"/api{started.headers['location']}/record").json()
    assert record["year"] == 2025 and record["staffing"]["authorized"] == 15


def test_recheck_sample_is_reproducible(world: World, browser: Callable[..., Browser]) -> None:
    with world.db.session() as session:
        session.get_one(Submission, world.submission["a"]).status = "approved"
    reviewer = browser("rev_a")
    task = world.task["a"]
    first = reviewer.get(f"/tasks/{task}/sample?seed=42&size=1").text
    again = reviewer.get(f"/tasks/{task}/sample?seed=42&size=1").text
    chosen = re.findall(r"种子 42：.*?</ol>", first, re.S)
    assert chosen and chosen == re.findall(r"种子 42：.*?</ol>", again, re.S)
    assert f"/submissions/{world.submission['a']}" in chosen[0]


def test_api_and_overview_export(world: World, browser: Callable[..., Browser]) -> None:
    reviewer = browser("rev_a")
    tasks = reviewer.get("/api/tasks").json()
    assert [t["units"] for t in tasks] == [["甲单位"]]
    detail = reviewer.get(f"/api/submissions/{world.submission['a']}").json()
    assert detail["record"]["department"] == "松溪市文化馆" and detail["unit"] == "甲单位"
    assert {f["code"] for f in detail["findings"]} == {f["code"] for f in
                                                       reviewer.get(f"/api/submissions/{world.submission['a']}/findings").json()}
    schema = reviewer.get("/api/openapi.json").json()
    assert "/api/submissions/{submission_id}" in schema["paths"]
    assert "/api/submissions/{submission_id}" in reviewer.get("/api/docs").text
    hits = reviewer.get("/api/search?q=群众文化").json()
    assert [h["submission_id"] for h in hits] == [world.submission["a"]]
    book = load_workbook(io.BytesIO(reviewer.get("/overview/export.xlsx?year=2024").content))
    assert [row[0] for row in book["汇总"].iter_rows(min_row=2, values_only=True)] == ["甲单位"]


def test_login_is_throttled(world: World, browser: Callable[..., Browser]) -> None:
    anonymous = browser()
    anonymous.get("/login")
    for _ in range(5):
        assert anonymous.post("/login", {"username": "dept_a", "password": "wrong"}).status_code == 401
    blocked = anonymous.post("/login", {"username": "dept_a", "password": "secret-pass-1"})
    assert blocked.status_code == 429 and "过多" in blocked.text
    cookie = anonymous.client.cookies.get("jx_session")
    assert cookie is None


def test_session_cookie_flags(world: World, browser: Callable[..., Browser]) -> None:
    anonymous = browser()
    anonymous.get("/login")
    response = anonymous.post("/login", {"username": "dept_a", "password": "secret-pass-1"})
    cookie = response.headers["set-cookie"]
    assert "jx_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    page = anonymous.get("/tasks")
    assert "default-src 'self'" in page.headers["content-security-policy"]


def test_oversized_bodies_are_refused_before_reading(world: World, browser: Callable[..., Browser]) -> None:
    dept = browser("dept_a")
    huge = _upload(dept, world.task["a"], "huge.pdf", b"%PDF-1.4\n" + b"0" * 1_600_000)
    assert huge.status_code == 413 and "过大" in huge.text
    api = dept.client.post("/api/tasks", content=b"0" * 1_600_000, headers={"content-type": "application/json"})
    assert api.status_code == 413 and "过大" in api.json()["detail"]
