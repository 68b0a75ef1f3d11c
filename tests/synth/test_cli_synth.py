"""``jixiao synth`` on the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app


def test_synth_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "3", "--out", str(tmp_path), "--seed", "2", "--defects"])
    assert result.exit_code == 0
    assert sorted(p.name for p in tmp_path.glob("*.txt")) == [f"synth-2-00000{i}.txt" for i in range(3)]


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", "3", "--out", str(tmp_path), "--formats", "odt"])
    assert result.exit_code == 2
