"""``jixiao render``: formats, the 审核意见 of a report, the blank workbook, and usage errors."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_render_each_format(sample_path: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    result = runner.invoke(app, ["render", str(sample_path), "--to", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000 and "已生成" in result.output


def test_reviewed_report_is_an_opinion_with_the_documents_findings(
    flawed_report: Path, tmp_path: Path
) -> None:
    out = tmp_path / "意见.docx"
    result = runner.invoke(
        app,
        ["render", str(flawed_report), "--reviewed", "--out", str(out), "--reviewer", "某县财政局"],
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "审核结论：退回修改" in text and "某县财政局" in text
    cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
    assert any(c.startswith("第4个表格第3行第4列") for c in cells)


def test_reviewed_default_name(flawed_report: Path) -> None:
    result = runner.invoke(app, ["render", str(flawed_report), "--reviewed", "--to", "html"])
    assert result.exit_code == 0, result.output
    assert flawed_report.with_name("甲单位报告.审核意见.html").is_file()


def test_a_report_given_to_render_suggests_extract(flawed_report: Path) -> None:
    result = runner.invoke(app, ["render", str(flawed_report)])
    assert result.exit_code == 2
    assert "jixiao extract" in result.output and "--reviewed" in result.output


def test_blank_workbook(tmp_path: Path) -> None:
    out = tmp_path / "blank.xlsx"
    result = runner.invoke(app, ["render", "--blank", "--to", "xlsx", "--out", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    assert book.sheetnames == ["自评表", "基础数据表", "项目支出表", "填写说明"]


def test_own_template(tmp_path: Path, sample_path: Path) -> None:
    template = tmp_path / "t.docx"
    document = docx.Document()
    for line in (
        "{{ 标题 }}",
        "{{ 预算情况 }}",
        "{{ 自评表 }}",
        "{{ 存在的问题 }}",
        "{{ 改进措施 }}",
    ):
        document.add_paragraph(line)
    document.save(str(template))
    out = tmp_path / "r.docx"
    args = ["render", str(sample_path), "--template", str(template), "--out", str(out)]
    assert runner.invoke(app, args).exit_code == 0
    document.add_paragraph("{{ 单位 }}")
    document.save(str(template))
    result = runner.invoke(app, args)
    assert result.exit_code == 1 and "未知的占位符 {{ 单位 }}" in result.stderr


def test_usage_errors(sample_path: Path) -> None:
    assert runner.invoke(app, ["render", str(sample_path), "--to", "odt"]).exit_code == 2
    assert runner.invoke(app, ["render"]).exit_code == 2
    assert (
        runner.invoke(app, ["render", str(sample_path), "--reviewed", "--to", "xlsx"]).exit_code
        == 2
    )


def test_bad_record_names_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": 1800, "staffing": {"actual": "许多"}}', encoding="utf-8")
    result = runner.invoke(
        app, ["render", str(bad), "--to", "html", "--out", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 1
    assert "bad.json: 不是有效的评价记录：字段 " in result.stderr
    assert "year（年度）" in result.stderr or "staffing.actual（实际在职人数）" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["render", str(broken), "--out", str(tmp_path / "y.docx")])
    assert result.exit_code == 1 and "不是有效的 JSON" in result.stderr
