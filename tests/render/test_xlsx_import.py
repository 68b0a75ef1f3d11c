"""Reading a filled workbook back: exact round trip, formulas, typed numbers, findings at Sheet!C14."""

from __future__ import annotations

import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.errors import UnreadableDocumentError
from jixiao.model.record import Record
from jixiao.pipeline import load_bytes
from jixiao.render.xlsx import SHEET_PROJECTS, SHEET_SELF, render_xlsx
from jixiao.render.xlsx_import import import_xlsx, is_workbook

from .gold import GOLD_DIR, gold_paths, gold_record

needs_gold = pytest.mark.skipif(
    not GOLD_DIR.is_dir(), reason="needs ../shared/gold/seeds beside the checkout"
)


def _edit(data: bytes, edits: dict[tuple[str, str], object]) -> bytes:
    book = load_workbook(io.BytesIO(data))
    for (sheet, ref), value in edits.items():
        book[sheet][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _ref(data: bytes, name: str) -> tuple[str, str]:
    book = load_workbook(io.BytesIO(data))
    sheet, ref = next(iter(book.defined_names[name].destinations))
    return sheet, ref.replace("$", "")


def _cell(data: bytes, text: str, sheet: str = SHEET_SELF) -> tuple[int, int]:
    ws = load_workbook(io.BytesIO(data))[sheet]
    found = next(c for row in ws.iter_rows() for c in row if c.value == text)
    return found.row, found.column


def test_sample_round_trips_exactly(record: Record) -> None:
    back, findings, _ = import_xlsx(render_xlsx(record))
    assert findings == []
    assert back.to_dict() == record.to_dict()


@needs_gold
@pytest.mark.parametrize("index", range(5))
def test_gold_records_round_trip_exactly(index: int) -> None:
    record = gold_record(gold_paths()[index])
    back, findings, _ = import_xlsx(render_xlsx(record))
    assert findings == [] and back.to_dict() == record.to_dict()


def test_text_in_a_number_cell_is_a_finding_at_its_cell(record: Record) -> None:
    data = render_xlsx(record)
    where = _ref(data, "jx.budget.final.basic")
    back, findings, _ = import_xlsx(_edit(data, {where: "约四百万"}))
    assert back.budget.final.basic is None
    assert [f.code for f in findings] == ["cell-not-a-number"]
    assert findings[0].cell == f"{where[0]}!{where[1]}" and "约四百万" in findings[0].message


def test_chinese_and_full_width_numbers_are_read(record: Record) -> None:
    data = render_xlsx(record)
    edits = {
        _ref(data, "jx.budget.final.basic"): "四百五十二点四",
        _ref(data, "jx.staffing.actual"): "１６",
    }
    back, findings, _ = import_xlsx(_edit(data, edits))
    assert back.budget.final.basic == Decimal("452.4") and back.staffing.actual == 16
    assert [(f.code, f.cell) for f in findings] == [
        ("cell-chinese-number", "!".join(_ref(data, "jx.budget.final.basic")))
    ]


def test_a_head_count_must_be_a_whole_number(record: Record) -> None:
    data = render_xlsx(record)
    back, findings, _ = import_xlsx(_edit(data, {_ref(data, "jx.staffing.actual"): 16.5}))
    assert back.staffing.actual is None and findings[0].code == "cell-not-a-count"


def test_formulas_are_computed_when_the_workbook_was_never_opened() -> None:
    data = render_xlsx(Record())
    edits = {
        _ref(data, "jx.budget.final.basic"): 100,
        _ref(data, "jx.budget.final.project"): "２０.５",
        _ref(data, "jx.budget.actual.basic"): 90,
        _ref(data, "jx.budget.actual.project"): 20,
        _ref(data, "jx.budget_execution.score"): 9,
    }
    back, findings, _ = import_xlsx(_edit(data, edits))
    assert back.budget.final.total == Decimal("120.5") and back.budget.actual.total == Decimal("110")
    assert back.budget_execution.rate == Decimal("91.29")  # 110 ÷ 120.5, as the form shows it
    assert back.self_evaluation.score == Decimal(9) and back.self_evaluation.grade == "差"
    assert findings == []


def test_a_typed_grade_is_kept(record: Record) -> None:
    data = render_xlsx(record)
    back, findings, _ = import_xlsx(_edit(data, {_ref(data, "jx.self_evaluation.grade"): "良"}))
    assert back.self_evaluation.grade == "良" and findings == []


def test_an_unknown_grade_is_a_finding(record: Record) -> None:
    data = render_xlsx(record)
    where = _ref(data, "jx.self_evaluation.grade")
    back, findings, _ = import_xlsx(_edit(data, {where: "很好"}))
    assert back.self_evaluation.grade is None
    assert (findings[0].code, findings[0].cell) == ("grade-unknown", "!".join(where))
    assert back.indicators == record.indicators


def test_filled_in_values_are_read() -> None:
    data = render_xlsx(Record())
    edits = {
        _ref(data, "jx.department"): "丁单位",
        _ref(data, "jx.problems"): "1.第一个问题\n2.第二个问题",
        (SHEET_PROJECTS, "A4"): "戊项目",
        (SHEET_PROJECTS, "C4"): 12.3,
        (SHEET_PROJECTS, "B5"): 9,
    }
    back, findings, _ = import_xlsx(_edit(data, edits))
    assert back.department == "丁单位" and back.problems == ["第一个问题", "第二个问题"]
    assert [(p.name, p.actual) for p in back.projects] == [("戊项目", Decimal("12.3"))]
    assert [(f.code, f.cell) for f in findings] == [
        ("project-without-name", f"{SHEET_PROJECTS}!A5")
    ]


def test_indicator_rows_follow_merged_levels(record: Record) -> None:
    back, _, _ = import_xlsx(render_xlsx(record))
    assert [i.level1 for i in back.indicators[:4]] == ["产出指标"] * 4
    assert back.indicators[1].deviation == record.indicators[1].deviation


def test_a_broken_file_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError):
        import_xlsx(b"PK\x03\x04 not really a workbook", name="bad.xlsx")


def test_the_pipeline_recognises_its_own_workbook(record: Record) -> None:
    data = render_xlsx(record)
    assert is_workbook(data) and not is_workbook(b"not a zip")
    row, _col = _cell(data, "档案数字化页数")
    edited = _edit(data, {(SHEET_SELF, f"H{row}"): "约九分"})
    extraction = load_bytes(edited, name="填报.xlsx")
    assert extraction.record.indicators[1].score is None
    (note,) = extraction.document.notes
    assert note.code == "cell-not-a-number" and note.position.label() == f"自评表!H{row}"
    assert extraction.provenance["budget.final.basic"].label() == "!".join(
        _ref(data, "jx.budget.final.basic")
    )


def test_extract_and_check_on_a_filled_workbook(tmp_path: Path, record: Record) -> None:
    data = render_xlsx(record)
    row, _ = _cell(data, "档案数字化页数")
    path = tmp_path / "填报.xlsx"
    path.write_bytes(_edit(data, {(SHEET_SELF, f"H{row}"): "待定"}))
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert '"department": "青禾县示例事务服务中心"' in result.stdout
    result = runner.invoke(app, ["check", str(path)])
    assert f"填报.xlsx（自评表!H{row}）：警告【单元格应为数字】" in result.stdout


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice (soffice)")
def test_a_workbook_saved_by_a_spreadsheet_keeps_its_values(tmp_path: Path, record: Record) -> None:
    source = tmp_path / "in" / "book.xlsx"
    source.parent.mkdir()
    source.write_bytes(render_xlsx(record))
    out = tmp_path / "out"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    saved = (out / "book.xlsx").read_bytes()
    assert load_workbook(io.BytesIO(saved), data_only=True)[SHEET_SELF]["C5"].value is not None
    back, findings, _ = import_xlsx(saved)
    assert findings == [] and back.to_dict() == record.to_dict()
