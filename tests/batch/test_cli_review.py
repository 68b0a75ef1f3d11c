"""``jixiao review`` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app


def test_review_command_writes_summaries(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["review", str(archive), "--out", str(out), "--jobs", "0", "--quiet"])
    assert result.exit_code == 1  # one broken file
    assert "失败 1 份" in result.output
    assert (out / "summary.xlsx").exists() and (out / "summary.html").exists()


def test_other_database_schemes_are_refused(archive: Path, tmp_path: Path) -> None:
    args = ["review", str(archive), "--out", str(tmp_path), "--db", "mysql://h/db"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "SQLite 或 PostgreSQL" in result.output
