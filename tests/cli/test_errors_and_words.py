"""One formatter for record-validation errors; Chinese usage errors; the terminal's words."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.cli.chinese import translate
from jixiao.cli.errors import describe, field_name
from jixiao.cli.view import finding_line, summary_line
from jixiao.model.document import Position
from jixiao.model.provenance import SourceRef
from jixiao.model.record import Record
from jixiao.review import Finding, Severity

runner = CliRunner()


def test_field_names_in_words() -> None:
    assert field_name(("budget", "final", "total")) == "budget.final.total（全年预算合计）"
    assert field_name(("indicators", 3, "weight")) == "indicators[3].weight（第4个绩效指标的分值）"
    assert field_name(("staffing", "actual")) == "staffing.actual（实际在职人数）"
    assert field_name(("unknown_field",)) == "unknown_field"


def test_a_refused_record_is_worded_once_with_its_field_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Record.model_validate({"self_evaluation": {"grade": "甲"}})
    message = describe(caught.value, "a.json")
    assert message.startswith("a.json: 不是有效的评价记录：字段 self_evaluation.grade（自评等级） ")
    assert message.endswith("（请检查该处，或用 jixiao extract 从报告重新生成记录）")


@pytest.mark.parametrize("command", ["check", "score", "render"])
def test_every_command_names_the_field(tmp_path: Path, command: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"staffing": {"retired": -3}}', encoding="utf-8")
    result = runner.invoke(app, [command, str(bad)])
    assert result.exit_code == 1
    assert "bad.json: 不是有效的评价记录：字段 staffing.retired（离退休人数） " in result.stderr


def test_usage_errors_in_chinese() -> None:
    assert translate("Missing argument 'PATHS'.") == "缺少参数 PATHS。"
    assert translate("No such option: --x (Possible options: --out)") == "没有选项 --x（可用的选项：--out）"
    assert translate("Invalid value for --to: 不支持") == "--to 的值无效：不支持"
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2 and "缺少参数" in result.output and "用法：" in result.output
    help_text = runner.invoke(app, ["render", "--help"]).output
    assert "选项" in help_text and "写出自评报告" in help_text


def test_a_finding_line_and_the_tally() -> None:
    ref = SourceRef(0, Position(table=3), "42", row=4, col=1)
    finding = Finding("staff-over-establishment", Severity.WARNING, "在职人数超过编制数", location=ref.label(), refs=(ref,))
    line = finding_line("a.docx", finding)
    assert line == "a.docx（第3个表格第5行第2列）：警告【在职人数超过编制数】在职人数超过编制数  [staff-over-establishment]"
    info = Finding("over-completion", Severity.INFO, "x")
    assert summary_line([finding, info]) == "共2处：错误0、警告1、提示1"
    assert summary_line([finding], files=3) == "3个文件，共1处：错误0、警告1、提示0"


def test_places_in_one_table_are_said_once() -> None:
    from jixiao.review.words import short_location

    assert short_location("第4个表格第3行第4列；第4个表格第4行第4列；第12段") == "第4个表格第3行第4列、第4行第4列；第12段"
    assert short_location("第2页第1个表格第1行第1列；第3页第1个表格第1行第1列") == (
        "第2页第1个表格第1行第1列；第3页第1个表格第1行第1列"
    )
