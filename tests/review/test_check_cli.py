"""``jixiao check``: text and JSON output, exit status, unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.model.record import Record

runner = CliRunner()


def _record(tmp_path: Path, **data: object) -> Path:
    path = tmp_path / "record.json"
    path.write_text(Record.model_validate(data).to_json(), encoding="utf-8")
    return path


def test_error_finding_exits_1_with_one_line(tmp_path: Path) -> None:
    path = _record(
        tmp_path, budget={"final": {"total": 520.00, "basic": 410.50, "project": 150.30}}
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 1
    assert "budget-total-mismatch error" in result.stdout and "520" in result.stdout


def test_clean_record_exits_0(tmp_path: Path) -> None:
    path = _record(tmp_path, budget={"final": {"total": 100, "basic": 60, "project": 40}})
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and result.stdout == ""


def test_json_output(tmp_path: Path) -> None:
    path = _record(tmp_path, staffing={"authorized": 30, "actual": 31})
    result = runner.invoke(app, ["check", "--json", str(path)])
    data = json.loads(result.stdout)
    (finding,) = data[str(path)]
    assert finding["code"] == "staff-over-establishment" and finding["evidence"]["staff"] == 31
    assert result.exit_code == 0


def test_min_severity_filters(tmp_path: Path) -> None:
    path = _record(tmp_path, staffing={"authorized": 30, "actual": 31})
    result = runner.invoke(app, ["check", "--min-severity", "error", str(path)])
    assert result.stdout == ""


def test_unreadable_file_is_named_and_others_go_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    good = _record(tmp_path, staffing={"authorized": 30, "actual": 31})
    result = runner.invoke(app, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr and "staff-over-establishment" in result.stdout
