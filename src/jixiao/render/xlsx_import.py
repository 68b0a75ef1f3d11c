"""Import a filled workbook (made by `jixiao.render.xlsx`) back into a record.

Single fields are found through the workbook's ``jx.<field>`` defined names; the
indicator rows are read between the 一级指标 header and the 总分 row of the 自评表
(merged 一级/二级 cells give their value to every row they cover), the projects
below the 项目名称 header of the 项目支出表. A cell that cannot be read (text in a
number cell, a negative head count, an unknown grade) becomes an `ImportFinding`
and the field stays empty.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import load_workbook
from pydantic import ValidationError

from jixiao.errors import UnreadableDocumentError
from jixiao.model.record import Record
from jixiao.render.tables import INDICATOR_HEADERS
from jixiao.render.xlsx import NAME_PREFIX, SHEET_PROJECTS, SHEET_SELF

_COUNTS = ("staffing.authorized", "staffing.actual", "staffing.retired")
_TEXTS = ("department", "self_evaluation.grade")
_LISTS = ("problems", "measures")
_ITEM_MARK = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．]|[一二三四五六七八九十]+[、是])\s*"
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@dataclass(frozen=True, slots=True)
class ImportFinding:
    """A cell of the workbook that could not be read."""

    code: str
    message: str
    cell: str


class _Reader:
    """Reads cells of one workbook, collecting findings."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.findings: list[ImportFinding] = []
        self.merged: dict[tuple[str, int, int], Any] = {}
        for sheet in book.worksheets:
            for rng in sheet.merged_cells.ranges:
                top = sheet.cell(rng.min_row, rng.min_col).value
                for r in range(rng.min_row, rng.max_row + 1):
                    for c in range(rng.min_col, rng.max_col + 1):
                        self.merged[(sheet.title, r, c)] = top

    def value(self, sheet: Any, row: int, col: int) -> Any:
        """The value at (row, col), taking merged cells' top-left value."""
        return self.merged.get((sheet.title, row, col), sheet.cell(row, col).value)

    def finding(self, code: str, message: str, sheet: Any, row: int, col: int) -> None:
        """Record a finding at a cell."""
        self.findings.append(
            ImportFinding(code, message, f"{sheet.title}!{sheet.cell(row, col).coordinate}")
        )

    def number(self, sheet: Any, row: int, col: int, what: str) -> Decimal | None:
        """A number cell as Decimal; text that is not a number is a finding."""
        raw = self.value(sheet, row, col)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        if isinstance(raw, bool):
            raw = str(raw)
        if isinstance(raw, int | float):
            return Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        text = str(raw).replace(",", "").replace("，", "").replace("万元", "").strip()
        try:
            return Decimal(text)
        except InvalidOperation:
            self.finding("cell-not-a-number", f"{what}应为数字，实际为“{raw}”", sheet, row, col)
            return None

    def text(self, sheet: Any, row: int, col: int) -> str | None:
        """A cell as stripped text, None when empty."""
        raw = self.value(sheet, row, col)
        if raw is None:
            return None
        if isinstance(raw, float):
            raw = format(Decimal(repr(raw)).normalize(), "f")
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
    return [
        _ITEM_MARK.sub("", line).strip()
        for line in text.splitlines()
        if _ITEM_MARK.sub("", line).strip()
    ]


def _field(reader: _Reader, key: str, where: tuple[Any, int, int]) -> Any:
    sheet, row, col = where
    if key in _LISTS:
        return _items(reader.text(sheet, row, col))
    if key in _TEXTS:
        return reader.text(sheet, row, col)
    number = reader.number(sheet, row, col, "该单元格")
    if key in _COUNTS and number is not None:
        if number != number.to_integral_value() or number < 0:
            reader.finding(
                "cell-not-a-count", f"人数应为非负整数，实际为“{number}”", sheet, row, col
            )
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
    out = []
    for row in range(start + 1, sheet.max_row + 1):
        if any(reader.text(sheet, row, c) == "总分" for c in range(1, 3)):
            break
        item: dict[str, Any] = {}
        for key, col in col_of.items():
            if col is None:
                continue
            number = key in ("weight", "score")
            item[key] = (
                reader.number(sheet, row, col, "分值/得分")
                if number
                else reader.text(sheet, row, col)
            )
        if item.get("name"):
            out.append(item)
        elif any(item.get(k) is not None for k in ("target", "actual", "weight", "score")):
            reader.finding(
                "indicator-without-name",
                "该行填写了指标值或分值，但没有三级指标名称，已忽略",
                sheet,
                row,
                col_of["name"] or 1,
            )
    return out


def _projects(reader: _Reader, sheet: Any) -> list[dict[str, Any]]:
    found = _header_row(sheet, "项目名称")
    if found is None:
        return []
    start, cols = found
    name_col, budget_col, actual_col = (
        cols["项目名称"],
        cols.get("全年预算数"),
        cols.get("全年执行数"),
    )
    out = []
    for row in range(start + 1, sheet.max_row + 1):
        name = reader.text(sheet, row, name_col)
        budget = reader.number(sheet, row, budget_col, "全年预算数") if budget_col else None
        actual = reader.number(sheet, row, actual_col, "全年执行数") if actual_col else None
        if name:
            out.append({"name": name, "budget": budget, "actual": actual})
        elif budget is not None or actual is not None:
            reader.finding(
                "project-without-name",
                "该行填写了金额，但没有项目名称，已忽略",
                sheet,
                row,
                name_col,
            )
    return out


def _year(book: Any) -> int | None:
    if SHEET_SELF not in book.sheetnames:
        return None
    match = _YEAR.search(str(book[SHEET_SELF].cell(1, 1).value or ""))
    return int(match.group(1)) if match else None


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
                reader.findings.append(
                    ImportFinding(
                        "field-invalid", f"字段 {where} 无效（{error['msg']}），已清空", where
                    )
                )
                _clear(data, error["loc"])
    return Record()


def import_xlsx(data: bytes, *, name: str = "workbook.xlsx") -> tuple[Record, list[ImportFinding]]:
    """Read a filled workbook into a record and the findings of cells that could not be read."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types on broken files
        raise UnreadableDocumentError(
            name, "不是有效的 Excel 工作簿", "请用 Excel/WPS 另存为 .xlsx 后再试"
        ) from exc
    reader = _Reader(book)
    record: dict[str, Any] = {"year": _year(book)}
    for key, where in _named_cells(book).items():
        value = _field(reader, key, where)
        if value is not None:
            _set(record, key, value)
    if SHEET_SELF in book.sheetnames:
        record["indicators"] = _indicators(reader, book[SHEET_SELF])
    if SHEET_PROJECTS in book.sheetnames:
        record["projects"] = _projects(reader, book[SHEET_PROJECTS])
    return _validated(record, reader), reader.findings
