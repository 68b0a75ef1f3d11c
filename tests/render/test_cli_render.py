"""``jixiao render``: every format from a bundle, the reviewed variant, and usage errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

runner = CliRunner()


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_render_each_format(sample_path: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"r.{fmt}"
    result = runner.invoke(app, ["render", str(sample_path), "--to", fmt, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1000 and "已生成" in result.output


def test_reviewed_html_has_the_appendix(sample_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(
        app, ["render", str(sample_path), "--to", "html", "--out", str(out), "--reviewed"]
    )
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "得分复核表" in page and "审核发现" in page


def test_unknown_format_is_a_usage_error(sample_path: Path) -> None:
    result = runner.invoke(app, ["render", str(sample_path), "--to", "odt"])
    assert result.exit_code == 2


def test_bad_record_exits_1_with_a_chinese_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    result = runner.invoke(
        app, ["render", str(bad), "--to", "html", "--out", str(tmp_path / "x.html")]
    )
    assert result.exit_code == 1 and "不是有效的 JSON" in result.output
