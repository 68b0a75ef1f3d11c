"""Text that looks like markup or formulas is shown as text everywhere: pages and exports."""

from __future__ import annotations

import io
from collections.abc import Callable

from docx import Document as DocxDocument
from openpyxl import load_workbook
from sqlalchemy import select

from jixiao.store.models import Submission, Unit
from webworld import Browser, World, version_of

EVIL = '<script>alert("x")</script>'
FORMULA = '=HYPERLINK("http://example.invalid","点我")'


def test_markup_in_names_and_indicators_is_escaped_everywhere(world: World, browser: Callable[..., Browser]) -> None:
    sid = world.submission["a"]
    with world.db.session() as session:
        session.scalars(select(Unit).where(Unit.name == "甲单位")).one().name = EVIL
        session.get_one(Submission, sid).status = "draft"
    dept = browser("dept_a")
    version = version_of(dept.get(f"/submissions/{sid}").text)
    form = {"department": FORMULA, "year": "2024", "indicators[0].name": EVIL, "indicators[0].weight": "10",
            "indicators[0].score": "9", "problems": EVIL, "version": str(version)}
    assert dept.post(f"/submissions/{sid}/save", form).status_code == 303
    assert dept.post(f"/submissions/{sid}/comment", {"body": EVIL, "anchor": EVIL}).status_code == 303
    assert dept.post(f"/submissions/{sid}/submit", {"version": str(version + 1)}).status_code == 303
    reviewer, admin = browser("rev_a"), browser("admin")
    pages = [(dept, f"/submissions/{sid}"), (dept, "/tasks"), (dept, f"/tasks/{world.task['a']}"),
             (reviewer, f"/tasks/{world.task['a']}"), (reviewer, f"/submissions/{sid}"),
             (reviewer, f"/submissions/{sid}/versions?n=2"), (reviewer, "/overview?year=2024"),
             (reviewer, "/search?q=script"), (admin, "/admin/users"), (admin, "/admin/units"),
             (admin, "/admin/audit"), (reviewer, f"/overview?year=2024&unit={_unit_id(world)}")]
    for client, url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<script>alert" not in response.text, url
    shown = reviewer.get(f"/submissions/{sid}").text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in shown
    api = reviewer.get(f"/api/submissions/{sid}")
    assert api.headers["content-type"].startswith("application/json")
    assert api.json()["record"]["indicators"][0]["name"] == EVIL

    book = load_workbook(io.BytesIO(reviewer.get("/overview/export.xlsx?year=2024").content))
    first = book["汇总"]["A2"]
    assert (first.value, first.data_type) == (EVIL, "s")
    word = DocxDocument(io.BytesIO(reviewer.get(f"/submissions/{sid}/export/docx").content))
    text = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for row in t.rows for c in row.cells)
    assert EVIL in text
    sheet = load_workbook(io.BytesIO(reviewer.get(f"/submissions/{sid}/export/xlsx").content))
    cells = [c for ws in sheet.worksheets for row in ws.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" for c in cells)


def _unit_id(world: World) -> int:
    with world.db.session() as session:
        return session.scalars(select(Unit.id).where(Unit.name == EVIL)).one()


def test_uploaded_files_are_downloads_never_pages(world: World, browser: Callable[..., Browser]) -> None:
    response = browser("dept_a").get(f"/submissions/{world.submission['a']}/source")
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
