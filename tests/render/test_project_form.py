"""The 项目支出绩效自评表 of a project record: its cells (golden), formats and round trip."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from openpyxl import load_workbook

from jixiao.model.record import Record
from jixiao.pipeline import load
from jixiao.render import render
from jixiao.render.placeholders import TODO
from jixiao.render.project_form import project_form_table

DATA = Path(__file__).resolve().parents[1] / "data" / "render"
GOLDEN = DATA / "project_form.golden.txt"


@pytest.fixture()
def project() -> Record:
    """An invented project record (unit, project and figures made up)."""
    return Record.from_json((DATA / "project.json").read_text(encoding="utf-8"))


def _cell(tc: object) -> str:
    """A cell as text: ``^`` continues a vertical merge, ``text[×n]`` spans n columns."""
    pr = tc.find(qn("w:tcPr"))  # type: ignore[attr-defined]
    span = pr.find(qn("w:gridSpan")) if pr is not None else None
    merge = pr.find(qn("w:vMerge")) if pr is not None else None
    if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
        return "^"
    text = "⏎".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p")))  # type: ignore[attr-defined]
    return text + (f"[×{span.get(qn('w:val'))}]" if span is not None else "")


def docx_cells(data: bytes) -> str:
    """Every table of a DOCX, one line per row, an empty line after each table."""
    lines = []
    for table in docx.Document(io.BytesIO(data)).tables:
        for tr in table._tbl.findall(qn("w:tr")):
            lines.append(" | ".join(_cell(tc) for tc in tr.findall(qn("w:tc"))))
        lines.append("")
    return "\n".join(lines)


def test_the_form_cells_are_the_golden_ones(project: Record) -> None:
    data = render(project, fmt="docx")
    assert docx_cells(data) == GOLDEN.read_text(encoding="utf-8"), (
        "regenerate tests/data/render/project_form.golden.txt only after checking the form by eye"
    )
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text]
    assert paragraphs[:2] == ["项目支出绩效自评表", "（2024年度）"]
    assert not any(TODO in p for p in paragraphs)


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_the_form_reads_back_as_the_record(project: Record, fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"form.{fmt}"
    target.write_bytes(render(project, fmt=fmt))  # type: ignore[arg-type]
    assert load(target).record.to_dict() == project.to_dict()


def test_the_html_page_is_the_form(project: Record) -> None:
    page = render(project, fmt="html").decode("utf-8")
    assert "<title>2024年度项目支出绩效自评表：高标准农田技术指导服务项目</title>" in page
    assert "<h1>项目支出绩效自评表</h1>" in page
    assert 'rowspan="8"' in page  # 绩效指标 beside its header and seven indicators
    assert "部门整体" not in page


def test_a_department_record_keeps_its_report(project: Record) -> None:
    department = project.model_copy(update={"kind": "department"})
    paragraphs = [p.text for p in docx.Document(io.BytesIO(render(department))).paragraphs]
    assert paragraphs[0] == "2024年度栖霞湾县农业技术推广站部门整体支出绩效自评报告"
    assert "项目支出绩效自评表" not in paragraphs


def test_an_empty_project_gives_a_blank_form_without_placeholders() -> None:
    data = render(Record(kind="project"))
    text = docx_cells(data)
    assert TODO not in text and "【" not in text
    assert "年度资金总额[×3] | " in text and "总分[×6] | 100 |  | " in text  # the form's 100 points, 得分 blank
    assert next(p.text for p in docx.Document(io.BytesIO(data)).paragraphs if p.text) == "项目支出绩效自评表"


def test_the_workbook_computes_totals_rate_and_grade() -> None:
    book = load_workbook(io.BytesIO(render(Record(kind="project"), fmt="xlsx")))
    sheet = book["项目自评表"]
    assert (sheet["A1"].value, sheet.protection.sheet) == ("项目支出绩效自评表", True)
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$1:$2"
    names = {name: dest.attr_text for name, dest in book.defined_names.items()}
    total, fiscal = names["jx.budget.final.total"], names["jx.funds.fiscal.final"]
    assert (total, fiscal) == ("'项目自评表'!$E$6", "'项目自评表'!$E$7")
    assert sheet["E6"].value == '=IF(COUNT(E7,E8,E9)=0,"",SUM(E7,E8,E9))'
    assert sheet["H6"].value == '=IF(AND(ISNUMBER(E6),E6<>0,ISNUMBER(F6)),F6/E6,"")'
    assert sheet["G6"].value == 10  # the standard 分值 of budget execution
    assert sheet["E7"].protection.locked is False and sheet["E6"].protection.locked is True
    grade = names["jx.self_evaluation.grade"].split("!")[1].replace("$", "")
    assert str(sheet[grade].value).startswith('=IF(NOT(ISNUMBER(')


def test_a_stated_figure_that_differs_from_the_sum_stays_typed(project: Record) -> None:
    odd = project.model_copy(deep=True)
    odd.budget.final.total = odd.budget.final.total + 1  # type: ignore[operator]
    odd.funds.other.initial = odd.funds.other.final = Decimal(0)  # every part of 年初 and 全年 stated
    sheet = load_workbook(io.BytesIO(render(odd, fmt="xlsx")))["项目自评表"]
    assert sheet["E6"].value == odd.budget.final.total
    assert sheet["D6"].value == '=IF(COUNT(D7,D8,D9)=0,"",SUM(D7,D8,D9))'  # 年初 sums its parts
    assert sheet["G6"].value == 122  # 全年执行数 typed: 其他资金 does not state it


def test_units_get_their_column_only_when_stated(project: Record) -> None:
    assert project_form_table(project).n_cols == 10
    plain = project.model_copy(update={"indicators": [i.model_copy(update={"unit": None}) for i in project.indicators]})
    assert project_form_table(plain).n_cols == 9
