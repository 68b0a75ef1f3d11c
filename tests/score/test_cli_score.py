"""Tests of ``jixiao score`` (src/jixiao/cli/score.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app

DATA = Path(__file__).parents[1] / "data" / "score"
HUNAN = DATA / "hunan-dept__yunxi-water.json"
runner = CliRunner()


def test_json_output_matches_golden() -> None:
    result = runner.invoke(app, ["score", str(HUNAN), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    expected = json.loads((DATA / "hunan-dept__yunxi-water.expected.json").read_text("utf-8"))
    assert data == expected  # profile chosen automatically: 一级指标 include 成本指标


def test_profile_option_by_name() -> None:
    result = runner.invoke(app, ["score", str(HUNAN), "--json", "--profile", "mof-2020"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["profile"] == "mof-2020"


def test_profile_option_by_path(tmp_path: Path) -> None:
    source = Path(__file__).parents[2] / "src/jixiao/profiles/hunan-dept.toml"
    mine = tmp_path / "province.toml"
    mine.write_text(source.read_text("utf-8").replace('"hunan-dept"', '"my-province"'), "utf-8")
    result = runner.invoke(app, ["score", str(HUNAN), "--json", "-p", str(mine)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["profile"] == "my-province"


def test_text_output_is_chinese_tables() -> None:
    result = runner.invoke(app, ["score", str(HUNAN)])
    assert result.exit_code == 0
    for words in ("绩效指标复核", "得分汇总", "共性指标", "在职人员控制率", "89.93"):
        assert words in result.stdout


def test_bad_profile_exits_2() -> None:
    result = runner.invoke(app, ["score", str(HUNAN), "--profile", "no-such"])
    assert result.exit_code == 2
    assert "没有名为「no-such」的评分配置" in result.stderr


def test_bad_record_json_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"year": "x"}', "utf-8")
    result = runner.invoke(app, ["score", str(bad)])
    assert result.exit_code == 1
    assert "不是有效的评价记录" in result.stderr


def test_missing_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["score", str(tmp_path / "absent.json")])
    assert result.exit_code == 1
    assert "无法打开" in result.stderr


def test_report_that_is_not_a_report_exits_1(tmp_path: Path) -> None:
    text = tmp_path / "note.txt"
    text.write_text("今天天气很好。\n", "utf-8")
    result = runner.invoke(app, ["score", str(text)])
    assert result.exit_code == 1
    assert "未识别为绩效自评报告" in result.stderr
