"""Excel (.xlsx/.xlsm) reader: each visible sheet as a heading and a table.

Values and merged ranges come from python-calamine (cached formula values, dates
as dates). Calamine gives no number formats, and a percentage cell stores 0.985
for 98.5%, so the few cells whose style is a percentage are found in the package
itself (`_percent_cells`: the styles part, then the ``s`` attribute of those
cells) and shown as percentages. Each sheet's used range becomes one table whose
merged ranges are spans; a one-column sheet becomes paragraphs. Cells carry
``Position(sheet=…, cell="B7")``.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import re
import zipfile
from decimal import Decimal
from typing import Any

from lxml import etree

from jixiao.model.document import Block, Document, Position
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._ooxml import PARSER, open_package, relationships
from jixiao.readers.limits import check_workbook

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
#: Built-in number formats that are percentages (ECMA-376, 18.8.30).
_PERCENT_BUILTIN = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_ATTR = re.compile(rb'\b([rt])="([^"]*)"')
_REF = re.compile(r"([A-Z]+)(\d+)")

Grid = list[list[Any]]


def read(data: bytes, *, name: str) -> Document:
    """Read XLSX `data` into a document."""
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    with open_package(data, name=name, kind="Excel") as package:
        check_workbook(package)
        percent = _percent_cells(package)
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    blocks: list[Block] = []
    try:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
                continue
            sheet = book.get_sheet_by_name(meta.name)
            blocks.extend(_sheet_blocks(sheet, percent.get(meta.name, set())))
    finally:
        book.close()
    return Document(name=name, format="xlsx", blocks=tuple(blocks))


def value_text(value: Any, percent: bool = False) -> str:
    """The displayed text of a cell value: numbers without float noise, percents, dates."""
    if isinstance(value, str):
        return clean_text(value) if "\n" in value or "\xa0" in value else value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if percent:
            return f"{_plain(number * 100)}%"
        return _plain(number)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return clean_text(str(value))


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


# -- percentage cells ---------------------------------------------------------


def _percent_styles(package: zipfile.ZipFile, styles: str) -> set[bytes]:
    """Indexes (as bytes, like the ``s`` attribute) of the cell styles showing percents."""
    try:
        root = etree.fromstring(package.read(styles), PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return set()
    ids = set(_PERCENT_BUILTIN)
    for fmt in root.iter(f"{_S}numFmt"):
        if "%" in _QUOTED.sub("", fmt.get("formatCode", "")):
            ids.add(int(fmt.get("numFmtId", "-1")))
    xfs = root.find(f"{_S}cellXfs")
    if xfs is None:
        return set()
    return {
        str(i).encode()
        for i, xf in enumerate(xfs.iter(f"{_S}xf"))
        if int(xf.get("numFmtId", "0")) in ids
    }


def _sheet_parts(package: zipfile.ZipFile, book: str) -> dict[str, str]:
    """Sheet name → worksheet part path."""
    try:
        root = etree.fromstring(package.read(book), PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return {}
    rels = _relationship_ids(package, book)
    out = {}
    for sheet in root.iter(f"{_S}sheet"):
        target = rels.get(sheet.get(_R_ID, ""))
        if target:
            out[sheet.get("name", "")] = target
    return out


def _relationship_ids(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, base = posixpath.split(part)
    try:
        root = etree.fromstring(
            package.read(posixpath.join(folder, "_rels", f"{base}.rels")), PARSER
        )
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return {}
    out = {}
    for rel in root:
        target = rel.get("Target", "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out[rel.get("Id", "")] = posixpath.normpath(path)
    return out


def _percent_cells(package: zipfile.ZipFile) -> dict[str, set[tuple[int, int]]]:
    """Sheet name → (row, col) (0-based) of numeric cells styled as percentages."""
    book = relationships(package, "").get("officeDocument", "xl/workbook.xml")
    styles = relationships(package, book).get("styles")
    percent = _percent_styles(package, styles) if styles else set()
    if not percent:
        return {}
    styles_alternation = b"|".join(sorted(percent))
    tag = re.compile(rb'<(?:\w+:)?c\s([^>]*\bs="(?:' + styles_alternation + rb')"[^>]*)>')
    out: dict[str, set[tuple[int, int]]] = {}
    for name, part in _sheet_parts(package, book).items():
        try:
            xml = package.read(part)
        except (KeyError, zipfile.BadZipFile):
            continue
        cells = set()
        for match in tag.finditer(xml):
            attrs = dict(_ATTR.findall(match.group(1)))
            if attrs.get(b"t", b"n") == b"n" and b"r" in attrs:
                cells.add(_cell_index(attrs[b"r"].decode()))
        out[name] = cells
    return out


def _cell_index(ref: str) -> tuple[int, int]:
    match = _REF.match(ref)
    if match is None:
        return (-1, -1)
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)) - 1, col - 1


def _column_letter(col: int) -> str:
    """Letters of a 0-based column index (0 → A)."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- sheets -------------------------------------------------------------------


def _used_range(rows: Grid) -> tuple[int, int, int, int] | None:
    """(top, left, bottom, right) of the non-empty cells, indexes into `rows`."""
    filled = [(r, c) for r, row in enumerate(rows) for c, v in enumerate(row) if v != ""]
    if not filled:
        return None
    return (
        min(r for r, _ in filled),
        min(c for _, c in filled),
        max(r for r, _ in filled),
        max(c for _, c in filled),
    )


def _sheet_blocks(sheet: Any, percent: set[tuple[int, int]]) -> list[Block]:
    rows: Grid = sheet.to_python()
    bounds = _used_range(rows)
    if bounds is None:
        return []
    start_row, start_col = sheet.start
    top, left, bottom, right = bounds
    origin = (start_row + top, start_col + left)
    heading = Block("heading", sheet.name, level=1, position=Position(sheet=sheet.name))
    values = [row[left : right + 1] for row in rows[top : bottom + 1]]
    cells = _cells(sheet.name, values, origin, sheet.merged_cell_ranges or [], percent)
    if right == left:
        return [
            heading,
            *(Block("paragraph", c.text, position=c.position) for c in cells if c.text),
        ]
    table = freeze(cells)
    if table is None:
        return [heading]
    corner = f"{_column_letter(origin[1])}{origin[0] + 1}"
    return [heading, Block("table", table=table, position=Position(sheet=sheet.name, cell=corner))]


def _cells(
    sheet: str,
    values: Grid,
    origin: tuple[int, int],
    merged: list[tuple[tuple[int, int], tuple[int, int]]],
    percent: set[tuple[int, int]],
) -> list[SpanCell]:
    """The cells of the used range (``values``, whose top-left is `origin`), merges as spans."""
    top, left = origin
    bottom, right = top + len(values) - 1, left + max(len(r) for r in values) - 1
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for (r0, c0), (r1, c1) in merged:
        if r0 > bottom or c0 > right or r1 < top or c1 < left:
            continue
        r0, c0 = max(r0, top), max(c0, left)
        spans[(r0, c0)] = (min(r1, bottom) - r0 + 1, min(c1, right) - c0 + 1)
        covered.update((r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1))
        covered.discard((r0, c0))
    letters = [_column_letter(c) for c in range(left, right + 1)]
    out: list[SpanCell] = []
    for i, row in enumerate(values):
        number = top + i + 1
        for j, value in enumerate(row):
            key = (top + i, left + j)
            if key in covered:
                continue
            rowspan, colspan = spans.get(key, (1, 1))
            text = value_text(value, key in percent) if percent else value_text(value)
            position = Position(sheet=sheet, cell=f"{letters[j]}{number}")
            out.append(SpanCell(i, j, text, rowspan, colspan, position))
    return out
