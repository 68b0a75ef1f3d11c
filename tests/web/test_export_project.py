"""A submission of a project (``kind: project``) exports as its 项目支出绩效自评表."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from docx import Document as DocxDocument
from openpyxl import load_workbook

from jixiao.model.record import Record
from jixiao.pipeline import evaluate_record
from jixiao.store.models import Submission
from jixiao.store.records import Actor, save_snapshot, snapshot_of
from webworld import Browser, World

PROJECT = Path(__file__).resolve().parents[1] / "data" / "render" / "project.json"


def test_a_project_submission_exports_as_the_project_form(world: World, browser: Callable[..., Browser]) -> None:
    record = Record.from_json(PROJECT.read_text(encoding="utf-8"))
    sid = world.submission["a"]
    with world.db.session() as session:
        save_snapshot(session, session.get_one(Submission, sid), snapshot_of(evaluate_record(record)), Actor(),
                      note="project")
    reviewer = browser("rev_a")

    response = reviewer.get(f"/submissions/{sid}/export/docx")
    assert response.status_code == 200
    assert "高标准农田技术指导服务项目" in unquote(response.headers["content-disposition"])
    word = DocxDocument(io.BytesIO(response.content))
    assert [p.text for p in word.paragraphs[:2]] == ["项目支出绩效自评表", "（2024年度）"]
    first = word.tables[0].rows
    assert [c.text for c in first[0].cells][:2] == ["项目名称", "高标准农田技术指导服务项目"]
    assert "部门整体支出绩效自评报告" not in "\n".join(p.text for p in word.paragraphs)

    book = load_workbook(io.BytesIO(reviewer.get(f"/submissions/{sid}/export/xlsx").content))
    assert book.sheetnames == ["项目自评表", "填写说明"]
    assert book["项目自评表"]["A1"].value == "项目支出绩效自评表"
