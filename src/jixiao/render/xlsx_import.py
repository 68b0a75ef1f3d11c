"""Import a filled workbook (made by `jixiao.render.xlsx`) back into a record.

`is_workbook` recognises jixiao's workbook by its ``jx.<field>`` defined names;
`import_xlsx` reads it. Single fields are found through those names; indicator rows
are read between the 一级指标 header and the 总分 row of the 自评表 (a merged 一级/二级
cell gives its value to every row it covers), projects below the 项目名称 header of the
项目支出表. Formulas take the value the spreadsheet saved, or are computed
(`jixiao.render.formula`) when the workbook was never opened. Numbers typed in full-width
or Chinese numerals are read (the latter flagged); a cell that cannot be read becomes
an `ImportFinding` at its ``Sheet!C14`` and the field stays empty.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from jixiao.errors import UnreadableDocumentError
from jixiao.model.record import Record
from jixiao.render.cnnum import parse_number
from jixiao.render.formula import FormulaError, evaluate
from jixiao.render.tables import INDICATOR_HEADERS
from jixiao.render.xlsx import NAME_PREFIX, SHEET_PROJECT_FORM, SHEET_PROJECTS, SHEET_SELF

_COUNTS = ("staffing.authorized", "staffing.actual", "staffing.retired")
_TEXTS = (
    "department", "goals.expected", "goals.achieved",
    "project.name", "project.competent_department", "project.implementing_unit",
)
_LISTS = ("problems", "measures")
_GRADES = {"优": "优", "良": "良", "中": "中", "差": "差", "优秀": "优", "良好": "良", "中等": "中", "较差": "差"}
_ITEM_MARK = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[一二三四五六七八九十]+[、是])\s*")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_SUFFIXED = re.compile(r"[^\d\s.,，．０-９-]")
_FIGURE = re.compile(r"^[≥≤><=＝]*\s*-?\d+(?:\.\d+)?$")


@dataclass(frozen=True, slots=True)
class ImportFinding:
    """A cell of the workbook that could not be read as written (``cell`` like ``自评表!H14``)."""

    code: str
    message: str
    cell: str


def is_workbook(data: bytes) -> bool:
    """True when `data` is an XLSX workbook written by jixiao (it defines ``jx.`` names)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            xml = archive.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return False
    return b'name="jx.' in xml


class _Reader:
    """Reads cells of one workbook (values, or formulas computed), collecting findings."""

    def __init__(self, values: Any, formulas: Any) -> None:
        self.values, self.formulas = values, formulas
        self.findings: list[ImportFinding] = []
        self.merged: dict[tuple[str, int, int], tuple[int, int]] = {}
        self.computing: set[tuple[str, str]] = set()
        for sheet in formulas.worksheets:
            for rng in sheet.merged_cells.ranges:
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        self.merged[(sheet.title, r, c)] = (rng.min_row, rng.min_col)

    def raw(self, sheet: str, coordinate: str) -> Any:
        """The value of a cell by coordinate; a formula without a saved value is computed."""
        cell = self.formulas[sheet][coordinate]
        saved = self.values[sheet][coordinate].value
        if not (isinstance(cell.value, str) and cell.value.startswith("=")) or saved is not None:
            return saved
        key = (sheet, coordinate)
        if key in self.computing:
            raise FormulaError("公式循环引用")
        self.computing.add(key)
        try:
            return evaluate(cell.value, sheet, self._lookup)
        finally:
            self.computing.discard(key)

    def _lookup(self, sheet: str, coordinate: str) -> Any:
        value = self.raw(sheet, coordinate)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if isinstance(value, str):  # digits a spreadsheet would have taken as a number (１２.５)
            number, chinese = parse_number(value)
            if number is not None and not chinese and not _SUFFIXED.search(value):
                return number
        return value

    def value(self, sheet: Any, row: int, col: int) -> Any:
        """The value at (row, col), taking merged cells' top-left value."""
        r, c = self.merged.get((sheet.title, row, col), (row, col))
        try:
            return self.raw(sheet.title, sheet.cell(r, c).coordinate)
        except FormulaError as exc:
            self.finding("cell-not-a-number", f"公式无法计算（{exc}），请在 Excel/WPS 中打开并保存后再导入", sheet, row, col)
            return None

    def finding(self, code: str, message: str, sheet: Any, row: int, col: int) -> None:
        """Record a finding at a cell."""
        self.findings.append(ImportFinding(code, message, f"{sheet.title}!{sheet.cell(row, col).coordinate}"))

    def number(self, sheet: Any, row: int, col: int, what: str) -> Decimal | None:
        """A number cell as Decimal; Chinese numerals are read and flagged, other text is a finding."""
        raw = self.value(sheet, row, col)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if isinstance(raw, bool):
            raw = str(raw)
        if isinstance(raw, Decimal):
            return raw
        if isinstance(raw, int | float):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        value, chinese = parse_number(str(raw))
        if value is None:
            self.finding("cell-not-a-number", f"{what}应为数字，实际为“{raw}”，未能读取", sheet, row, col)
        elif chinese:
            self.finding("cell-chinese-number", f"{what}写作“{raw}”，已按 {value} 读取，请改为阿拉伯数字", sheet, row, col)
        return value

    def text(self, sheet: Any, row: int, col: int) -> str | None:
        """A cell as stripped text, None when empty."""
        raw = self.value(sheet, row, col)
        if raw is None:
            return None
        if isinstance(raw, float | Decimal):
            raw = format(Decimal(repr(raw) if isinstance(raw, float) else raw).normalize(), "f")
        text = str(raw).strip()
        return text or None


def _named_cells(book: Any) -> dict[str, tuple[Any, int, int]]:
    out: dict[str, tuple[Any, int, int]] = {}
    for name, defined in book.defined_names.items():
        if not name.startswith(NAME_PREFIX):
            continue
        for title, ref in defined.destinations:
            if title in book.sheetnames:
                cell = book[title][ref.replace("$", "")]
                out[name[len(NAME_PREFIX) :]] = (book[title], cell.row, cell.column)
    return out


def _set(data: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def _items(text: str | None) -> list[str]:
    if not text:
        return []
    return [_ITEM_MARK.sub("", line).strip() for line in text.splitlines() if _ITEM_MARK.sub("", line).strip()]


def _grade(reader: _Reader, sheet: Any, row: int, col: int) -> str | None:
    text = reader.text(sheet, row, col)
    if text is None:
        return None
    grade = _GRADES.get(text)
    if grade is None:
        reader.finding("grade-unknown", f"自评等级应为优、良、中、差之一，实际为“{text}”，未能读取", sheet, row, col)
    return grade


def _field(reader: _Reader, key: str, where: tuple[Any, int, int]) -> Any:
    sheet, row, col = where
    if key in _LISTS:
        return _items(reader.text(sheet, row, col))
    if key in _TEXTS:
        return reader.text(sheet, row, col)
    if key == "self_evaluation.grade":
        return _grade(reader, sheet, row, col)
    number = reader.number(sheet, row, col, "该单元格")
    if key == "budget_execution.rate" and number is not None:
        return (number * 100).quantize(Decimal("0.01")) if abs(number) <= 10 else number
    if key in _COUNTS and number is not None:
        if number != number.to_integral_value() or number < 0:
            reader.finding("cell-not-a-count", f"人数应为非负整数，实际为“{number}”，未能读取", sheet, row, col)
            return None
        return int(number)
    return number


def _header_row(sheet: Any, first: str) -> tuple[int, dict[str, int]] | None:
    for row in sheet.iter_rows():
        texts = {str(c.value).strip(): c.column for c in row if isinstance(c.value, str)}
        if first in texts:
            return row[0].row, texts
    return None


def _indicators(reader: _Reader, sheet: Any) -> list[dict[str, Any]]:
    found = _header_row(sheet, INDICATOR_HEADERS[0])
    if found is None:
        return []
    start, cols = found
    keys = ("level1", "level2", "name", "target", "actual", "weight", "score", "deviation")
    col_of = dict(zip(keys, (cols.get(h) for h in INDICATOR_HEADERS), strict=True))
    col_of["unit"] = cols.get("计量单位")
    out = []
    for row in range(start + 1, sheet.max_row + 1):
        if any(reader.text(sheet, row, c) == "总分" for c in range(1, 3)):
            break
        item: dict[str, Any] = {}
        for key, col in col_of.items():
            if col is not None:
                number = key in ("weight", "score")
                item[key] = reader.number(sheet, row, col, "分值" if key == "weight" else "得分") if number else reader.text(sheet, row, col)
        if item.get("unit") and item.get("target") and _FIGURE.match(item["target"]):
            item["target"] += item["unit"]  # a figure and its unit in two columns, read as one
        if item.get("name"):
            out.append(item)
        elif any(item.get(k) is not None for k in ("target", "actual", "weight", "score")):
            reader.finding("indicator-without-name", "该行填写了指标值或分值，但没有三级指标名称，已忽略", sheet, row, col_of["name"] or 1)
    return out


def _projects(reader: _Reader, sheet: Any) -> list[dict[str, Any]]:
    found = _header_row(sheet, "项目名称")
    if found is None:
        return []
    start, cols = found
    name_col, budget_col, actual_col = cols["项目名称"], cols.get("全年预算数"), cols.get("全年执行数")
    out = []
    for row in range(start + 1, sheet.max_row + 1):
        name = reader.text(sheet, row, name_col)
        budget = reader.number(sheet, row, budget_col, "全年预算数") if budget_col else None
        actual = reader.number(sheet, row, actual_col, "全年执行数") if actual_col else None
        if name:
            out.append({"name": name, "budget": budget, "actual": actual})
        elif budget is not None or actual is not None:
            reader.finding("project-without-name", "该行填写了金额，但没有项目名称，已忽略", sheet, row, name_col)
    return out


def _year(book: Any) -> int | None:
    """The year in the title (the 自评表's) or the line below it (the project form's)."""
    for title, rows in ((SHEET_SELF, (1,)), (SHEET_PROJECT_FORM, (1, 2))):
        if title not in book.sheetnames:
            continue
        for row in rows:
            match = _YEAR.search(str(book[title].cell(row, 1).value or ""))
            if match:
                return int(match.group(1))
    return None


def _project_form(record: dict[str, Any], reader: _Reader, sheet: Any) -> None:
    """A project form: its indicators, and the reporting unit (实施单位, else 主管部门)."""
    record["kind"] = "project"
    record["indicators"] = _indicators(reader, sheet)
    project = record.get("project", {})
    unit = project.get("implementing_unit") or project.get("competent_department")
    if unit and not record.get("department"):
        record["department"] = unit


def _clear(data: Any, loc: tuple[int | str, ...]) -> None:
    for part in loc[:-1]:
        data = data[part]
    if isinstance(data, dict):
        data[loc[-1]] = None


def _validated(data: dict[str, Any], reader: _Reader) -> Record:
    for _ in range(3):
        try:
            return Record.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"])
                reader.findings.append(ImportFinding("field-invalid", f"字段 {where} 无效（{error['msg']}），已清空", where))
                _clear(data, error["loc"])
    return Record()


def open_workbook(data: bytes, name: str) -> tuple[Any, Any]:
    """The workbook with saved values and with formulas; `UnreadableDocumentError` when broken."""
    try:
        return (load_workbook(io.BytesIO(data), data_only=True), load_workbook(io.BytesIO(data)))
    except Exception as exc:  # openpyxl raises many types on broken files
        raise UnreadableDocumentError(name, "不是有效的 Excel 工作簿", "请用 Excel/WPS 另存为 .xlsx 后再试") from exc


def import_xlsx(data: bytes, *, name: str = "workbook.xlsx") -> tuple[Record, list[ImportFinding], dict[str, str]]:
    """The record of a filled workbook, the findings of cells not read, and field → cell."""
    values, formulas = open_workbook(data, name)
    reader = _Reader(values, formulas)
    record: dict[str, Any] = {"year": _year(formulas)}
    cells: dict[str, str] = {}
    for key, where in _named_cells(formulas).items():
        value = _field(reader, key, where)
        cells[key] = f"{where[0].title}!{where[0].cell(where[1], where[2]).coordinate}"
        if value is not None and value != []:
            _set(record, key, value)
    if SHEET_PROJECT_FORM in formulas.sheetnames:
        _project_form(record, reader, formulas[SHEET_PROJECT_FORM])
    if SHEET_SELF in formulas.sheetnames:
        record["indicators"] = _indicators(reader, formulas[SHEET_SELF])
    if SHEET_PROJECTS in formulas.sheetnames:
        record["projects"] = _projects(reader, formulas[SHEET_PROJECTS])
    return _validated(record, reader), reader.findings, cells


def _position(cell: str) -> Any:
    from jixiao.model.document import Position

    sheet, _, coordinate = cell.rpartition("!")
    return Position(sheet=sheet or None, cell=coordinate or None) if sheet else Position()


def workbook_extraction(data: bytes, *, name: str) -> Any:
    """The `Extraction` of a filled jixiao workbook: the imported record, each field's cell
    as its provenance, and the sheets read as a document whose notes are the findings."""
    from dataclasses import replace

    from jixiao.extract import Extraction
    from jixiao.model.document import Note
    from jixiao.model.provenance import SourceRef
    from jixiao.readers import read_bytes

    record, findings, cells = import_xlsx(data, name=name)
    document = read_bytes(data, name=name)
    notes = tuple(Note(f.code, f.message, _position(f.cell)) for f in findings)
    provenance = {
        key: SourceRef(0, _position(cell), cell) for key, cell in cells.items() if key in _filled(record, key)
    }
    return Extraction(record, provenance, replace(document, notes=notes), True)


def _filled(record: Record, key: str) -> set[str]:
    target: Any = record
    for part in key.split("."):
        target = getattr(target, part, None)
    return {key} if target not in (None, []) else set()
