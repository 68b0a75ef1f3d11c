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
    first, summary = result.stdout.splitlines()
    assert first.startswith(f"{path}：错误【预算/支出合计不等于基本支出与项目支出之和】")
    assert first.endswith("[budget-total-mismatch]") and "520" in first
    assert summary == "共1处：错误1、警告0、提示0"


def test_clean_record_exits_0(tmp_path: Path) -> None:
    path = _record(tmp_path, budget={"final": {"total": 100, "basic": 60, "project": 40}})
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and result.stdout == "共0处：错误0、警告0、提示0\n"


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
    assert result.stdout == "共0处：错误0、警告0、提示0\n"


def test_unreadable_file_is_named_and_others_go_on(tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text("{not json", encoding="utf-8")
    good = _record(tmp_path, staffing={"authorized": 30, "actual": 31})
    result = runner.invoke(app, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    assert "broken.json" in result.stderr and "staff-over-establishment" in result.stdout
    assert result.stdout.splitlines()[-1] == "审核1个文件（另有1个无法审核），共1处：错误0、警告1、提示0"


def test_locations_are_words_and_json_has_the_structured_place(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("甲单位2023年度部门整体支出绩效自评报告")
    table = document.add_table(rows=2, cols=3)
    for c, text in enumerate(("编制数", "实际在职人数", "离退休人数")):
        table.cell(0, c).text = text
    for c, text in enumerate(("42", "43", "5")):
        table.cell(1, c).text = text
    path = tmp_path / "r.docx"
    document.save(str(path))
    result = runner.invoke(app, ["check", str(path)])
    assert (
        f"{path}（第1个表格第" in result.stdout
        and "警告【在职人数超过编制数】" in result.stdout
    )
    data = json.loads(runner.invoke(app, ["check", "--json", str(path)]).stdout)
    finding = next(f for f in data[str(path)] if f["code"] == "staff-over-establishment")
    assert finding["where"][0]["table"] == 1 and {"row", "column"} <= finding["where"][0].keys()
