"""Reading a filled workbook back: exact round trip, and findings for unreadable cells."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from jixiao.errors import UnreadableDocumentError
from jixiao.model.record import Record
from jixiao.render.xlsx import SHEET_PROJECTS, render_xlsx
from jixiao.render.xlsx_import import import_xlsx

from .gold import gold_paths, gold_record


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


def test_sample_round_trips_exactly(record: Record) -> None:
    back, findings = import_xlsx(render_xlsx(record))
    assert findings == []
    assert back.to_dict() == record.to_dict()


@pytest.mark.parametrize("path", gold_paths(), ids=lambda p: p.stem[:3])
def test_gold_records_round_trip_exactly(path: object) -> None:
    record = gold_record(path)  # type: ignore[arg-type]
    back, findings = import_xlsx(render_xlsx(record))
    assert findings == [] and back.to_dict() == record.to_dict()


def test_text_in_a_number_cell_is_a_finding(record: Record) -> None:
    data = render_xlsx(record)
    where = _ref(data, "jx.budget.final.total")
    back, findings = import_xlsx(_edit(data, {where: "约六百万"}))
    assert back.budget.final.total is None
    assert [f.code for f in findings] == ["cell-not-a-number"]
    assert findings[0].cell == f"{where[0]}!{where[1]}" and "约六百万" in findings[0].message


def test_a_head_count_must_be_a_whole_number(record: Record) -> None:
    data = render_xlsx(record)
    back, findings = import_xlsx(_edit(data, {_ref(data, "jx.staffing.actual"): 16.5}))
    assert back.staffing.actual is None and findings[0].code == "cell-not-a-count"


def test_filled_in_values_are_read(record: Record) -> None:
    data = render_xlsx(Record())
    edits = {
        _ref(data, "jx.department"): "丁单位",
        _ref(data, "jx.budget.actual.total"): "1,234.50",
        _ref(data, "jx.self_evaluation.grade"): "良",
        _ref(data, "jx.problems"): "1.第一个问题\n2.第二个问题",
        (SHEET_PROJECTS, "A4"): "戊项目",
        (SHEET_PROJECTS, "C4"): 12.3,
        (SHEET_PROJECTS, "B5"): 9,
    }
    back, findings = import_xlsx(_edit(data, edits))
    assert back.department == "丁单位" and str(back.budget.actual.total) == "1234.50"
    assert back.self_evaluation.grade == "良"
    assert back.problems == ["第一个问题", "第二个问题"]
    assert [(p.name, p.actual) for p in back.projects] == [("戊项目", Decimal("12.3"))]
    assert [f.code for f in findings] == ["project-without-name"]


def test_an_unknown_grade_is_cleared_with_a_finding(record: Record) -> None:
    data = render_xlsx(record)
    back, findings = import_xlsx(_edit(data, {_ref(data, "jx.self_evaluation.grade"): "很好"}))
    assert back.self_evaluation.grade is None
    assert findings[0].code == "field-invalid" and findings[0].cell == "self_evaluation.grade"
    assert back.indicators == record.indicators


def test_indicator_rows_follow_merged_levels(record: Record) -> None:
    back, _ = import_xlsx(render_xlsx(record))
    assert [i.level1 for i in back.indicators[:4]] == ["产出指标"] * 4
    assert back.indicators[1].deviation == record.indicators[1].deviation


def test_a_broken_file_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError):
        import_xlsx(b"PK\x03\x04 not really a workbook", name="bad.xlsx")
