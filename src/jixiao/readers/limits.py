"""Resource limits for untrusted documents, checked *before* the work they bound.

A small file can ask for a lot: a 4 MB DOCX that inflates to gigabytes, an 8 KB
XLSX with one cell at XFD1048576, an HTML table whose spans cover a million slots,
markup nested a hundred thousand levels deep. Every reader calls this module at
the one place where such a request is made, so the request is refused before the
memory is taken:

- `check_package`: each ZIP member's declared size, its compression ratio and the
  compression method, before a byte is inflated (Python's zipfile never inflates
  past the declared size, and a member whose content is longer fails its CRC);
- `check_sheet_xml`: the cells, rows and merged ranges of a worksheet part, from
  its raw XML, before a spreadsheet library builds them (works the same whichever
  library reads the workbook afterwards);
- `check_span` and `check_grid`: spans and table dimensions before a table's slots
  are filled; `document_budget` adds up the slots of all tables of one document;
- `check_depth`: nesting of markup and of tables within tables.

A refusal is a `ResourceLimitError` naming the limit; `jixiao.readers.read_bytes`
turns it into the file's message. Each limit can be raised with an environment
variable ``JIXIAO_LIMIT_<NAME>`` (see `LIMITS`), for a trusted archive that needs it.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jixiao.errors import JixiaoError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limit:
    """One limit: its default, what it bounds (Chinese, for messages) and its unit."""

    default: int
    what: str
    unit: str = ""


#: Every limit, by the name of its environment override ``JIXIAO_LIMIT_<NAME>``.
LIMITS: dict[str, Limit] = {
    "MEMBER_BYTES": Limit(64 * MIB, "压缩包内单个部件解压后的大小", "字节"),
    "PACKAGE_BYTES": Limit(512 * MIB, "压缩包内全部部件解压后的总大小", "字节"),
    "PACKAGE_MEMBERS": Limit(20_000, "压缩包内的部件数"),
    "RATIO": Limit(200, "单个部件的压缩比"),
    "TABLE_CELLS": Limit(1_000_000, "单个表格的格数（行数×列数）"),
    "DOCUMENT_CELLS": Limit(4_000_000, "一份文件全部表格的格数之和"),
    "SPAN": Limit(1_000, "单元格合并的行数或列数"),
    "DEPTH": Limit(256, "标记的嵌套层数"),
    "TABLE_DEPTH": Limit(16, "表格嵌套（表中套表）的层数"),
    "ARCHIVE_MEMBERS": Limit(100_000, "批量审核的压缩包内的文件数"),
    "ZIP_DEPTH": Limit(2, "压缩包嵌套（包中套包）的层数"),
}

#: Members below this size may compress better than `RATIO` (small runs of zeros).
RATIO_FLOOR = MIB


class ResourceLimitError(JixiaoError):
    """A document asks for more than a limit allows; ``str()`` is the Chinese reason."""

    def __init__(self, name: str, value: int) -> None:
        self.limit = name
        self.value = value
        self.maximum = get(name)
        spec = LIMITS[name]
        super().__init__(
            f"{spec.what}超出上限（{_fmt(value, spec.unit)}，上限 {_fmt(self.maximum, spec.unit)}）"
        )

    @property
    def hint(self) -> str:
        """What the user can do."""
        return (
            "文件可能已损坏或被恶意构造；如确为正常报告，"
            f"可设置环境变量 JIXIAO_LIMIT_{self.limit} 提高上限后重试"
        )


def _fmt(value: int, unit: str) -> str:
    if unit == "字节":
        return f"{value / MIB:.0f} MB" if value >= MIB else f"{value} 字节"
    return f"{value:,}"


def get(name: str) -> int:
    """The limit in force: ``JIXIAO_LIMIT_<NAME>`` when set to a positive integer, else the default."""
    raw = os.environ.get(f"JIXIAO_LIMIT_{name}", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else LIMITS[name].default


def _at_most(name: str, value: int) -> None:
    if value > get(name):
        raise ResourceLimitError(name, value)


# -- ZIP packages -------------------------------------------------------------

_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)


def check_member(info: zipfile.ZipInfo, member_bytes: int | None = None) -> None:
    """Refuse a member that would inflate past the limits, from its directory entry alone.

    `member_bytes` is the ``MEMBER_BYTES`` limit when the caller has looked it up already.
    """
    if info.file_size > (get("MEMBER_BYTES") if member_bytes is None else member_bytes):
        raise ResourceLimitError("MEMBER_BYTES", info.file_size)
    if info.file_size > RATIO_FLOOR:
        _at_most("RATIO", info.file_size // max(info.compress_size, 1))
    if info.compress_type not in _METHODS:  # bzip2/lzma inflate without a bound per call
        raise ResourceLimitError("RATIO", info.file_size // max(info.compress_size, 1))


def check_package(package: zipfile.ZipFile) -> None:
    """Refuse a package with too many members or any member over the limits."""
    infos = package.infolist()
    _at_most("PACKAGE_MEMBERS", len(infos))
    total = 0
    member_bytes = get("MEMBER_BYTES")  # one look-up for every member
    for info in infos:
        check_member(info, member_bytes)
        total += info.file_size
    _at_most("PACKAGE_BYTES", total)


def read_member(package: zipfile.ZipFile, member: str) -> bytes:
    """The bytes of `member`, checked first (raises `KeyError` when it is missing)."""
    info = package.getinfo(member)
    check_member(info)
    return package.read(info)


# -- spreadsheet parts --------------------------------------------------------

# Patterns start with a literal, which the regex engine finds fast; attributes separated
# by other white space than a blank (legal, never written by Office) take the slow ones.
_CELL_REF = re.compile(rb' r="([A-Z]{1,4})([0-9]{1,8})"')
_CELL_REF_ANY = re.compile(rb'\sr="([A-Z]{1,4})([0-9]{1,8})"')
_ROW_REF = re.compile(rb'row [^>]*?\br="([0-9]{1,8})"')
_ROW_REF_ANY = re.compile(rb'row\s[^>]*?\br="([0-9]{1,8})"')
_MERGE = re.compile(rb'mergeCell\s[^>]*?\bref="([A-Z]{1,4})([0-9]{1,8}):([A-Z]{1,4})([0-9]{1,8})"')
_CELL_TAGS = (b"<c ", b"<c>", b"<c/>", b":c ", b":c>", b":c/>")
_ROW_TAGS = (b"<row ", b"<row>", b"<row/>", b":row ", b":row>", b":row/>")


def _column(letters: bytes) -> int:
    col = 0
    for letter in letters:
        col = col * 26 + letter - 64
    return col


def _any_byte(xml: bytes, chars: bytes) -> bool:
    """True when `xml` holds any of the bytes `chars` (each found at memchr speed)."""
    return any(xml.find(bytes((char,))) >= 0 for char in chars)


def _count_cells(xml: bytes) -> int:
    """How many cell tags `xml` holds (`_CELL_TAGS`), skipping counts that must be zero."""
    plain = xml.count(b"<c ")
    if xml.count(b"<c") > plain:  # <c> or <c/> may stand among <col>, <cfRule> …
        plain += xml.count(b"<c>") + xml.count(b"<c/>")
    if b":c" in xml:  # prefixed tags
        plain += xml.count(b":c ") + xml.count(b":c>") + xml.count(b":c/>")
    return plain


def sheet_extent(xml: bytes) -> tuple[int, int, int]:
    """(rows, columns, cells) that a worksheet part asks for, from its raw XML.

    Rows and columns are the bottom-right corner over every cell reference and
    merged range (a library allocates the box from A1 or from the first cell to
    there); cells and rows written without a reference are placed one after the
    other, so their count bounds the box too. One regex pass and byte counts: a
    small fraction of the time a library takes to read the same part.
    """
    odd_space = _any_byte(xml, b"\t\n\r") and (
        b'\tr="' in xml or b'\nr="' in xml or b'\rr="' in xml or b"row\t" in xml or b"row\n" in xml
    )
    refs = (_CELL_REF_ANY if odd_space else _CELL_REF).findall(xml)
    rows = max((int(r) for r in {r for _, r in refs}), default=0)
    cols = max((_column(c) for c in {c for c, _ in refs}), default=0)
    row_refs = (_ROW_REF_ANY if odd_space else _ROW_REF).findall(xml)
    rows = max(rows, max((int(r) for r in set(row_refs)), default=0))
    table_cells = get("TABLE_CELLS") if b"mergeCell" in xml else 0  # looked up once
    for match in _MERGE.finditer(xml) if b"mergeCell" in xml else ():
        top, left = int(match.group(2)), _column(match.group(1))
        bottom, right = int(match.group(4)), _column(match.group(3))
        area = (abs(bottom - top) + 1) * (abs(right - left) + 1)
        if area > table_cells:
            raise ResourceLimitError("TABLE_CELLS", area)
        rows, cols = max(rows, top, bottom), max(cols, left, right)
    cells = _count_cells(xml)
    unplaced = cells - len(refs)
    if unplaced > 0:  # positions implied by order: at most all of them in one row
        rows = max(rows, sum(xml.count(tag) for tag in _ROW_TAGS))
        cols = max(cols, unplaced)
    return rows, cols, cells


def check_workbook(package: zipfile.ZipFile) -> None:
    """Check every worksheet part of an XLSX package (and its cells in total)."""
    total = 0
    for info in package.infolist():
        if not (info.filename.endswith(".xml") and info.filename.startswith("xl/")):
            continue
        xml = _sheet_xml(package, info)
        if xml is not None:
            rows, cols, cells = sheet_extent(xml)
            _at_most("TABLE_CELLS", rows * cols)
            _at_most("TABLE_CELLS", cells)
            total += rows * cols
            _at_most("DOCUMENT_CELLS", total)


def _sheet_xml(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The bytes of a worksheet part (whatever it is called: it holds ``<sheetData``), else None.

    The part's head tells; a worksheet is then read on from there, checked first.
    """
    name = info.filename.rsplit("/", 1)[-1]
    if name in ("sharedStrings.xml", "styles.xml", "workbook.xml", "theme1.xml"):
        return None
    with package.open(info) as handle:
        head = handle.read(4096)
        if not (b"<worksheet" in head or b":worksheet" in head or b"sheetData" in head):
            return None
        named = package.getinfo(info.filename)  # the member a reader gets by this name
        if named is not info:  # a name given twice: read the one the name finds
            return read_member(package, info.filename)
        check_member(info)
        return head + handle.read()


# -- tables -------------------------------------------------------------------

_document_cells: ContextVar[list[int] | None] = ContextVar("document_cells", default=None)


@contextmanager
def document_budget() -> Iterator[None]:
    """Count the table slots of one document read inside this block against ``DOCUMENT_CELLS``."""
    token = _document_cells.set([0])
    try:
        yield
    finally:
        _document_cells.reset(token)


def check_span(value: int) -> int:
    """A rowspan or colspan, refused over ``SPAN``; returned for use in an expression."""
    if value > 1:  # every limit is at least 1: a single cell needs no look-up
        _at_most("SPAN", value)
    return value


def check_cells(count: int) -> None:
    """Refuse a table that has already taken `count` slots, over ``TABLE_CELLS``."""
    _at_most("TABLE_CELLS", count)


def check_grid(rows: int, cols: int) -> None:
    """Refuse a table of `rows` × `cols` slots over the table or document limit."""
    slots = rows * cols
    _at_most("TABLE_CELLS", slots)
    used = _document_cells.get()
    if used is not None:
        used[0] += slots
        _at_most("DOCUMENT_CELLS", used[0])


# -- memory -------------------------------------------------------------------

#: libxml2's error code for a failed allocation (``XML_ERR_NO_MEMORY``).
_XML_ERR_NO_MEMORY = 2


def raise_if_out_of_memory(exc: BaseException) -> None:
    """lxml reports libxml2's failed allocations as syntax errors: raise them as `MemoryError`."""
    if getattr(exc, "code", None) == _XML_ERR_NO_MEMORY:
        raise MemoryError("libxml2 could not allocate memory") from exc


# -- nesting ------------------------------------------------------------------


def check_table_depth(root: Any, tag: str) -> None:
    """Refuse tables (elements `tag`) nested in each other deeper than ``TABLE_DEPTH``."""
    deepest = 0
    for table in root.iter(tag):
        deepest = max(deepest, 1 + sum(1 for _ in table.iterancestors(tag)))
    _at_most("TABLE_DEPTH", deepest)


def check_depth(root: Any, table_tags: tuple[str, ...] = ("table",)) -> None:
    """Refuse an lxml tree nested deeper than ``DEPTH``, or tables nested deeper than ``TABLE_DEPTH``.

    One iterative pass (no recursion, so no stack to exhaust whatever the depth).
    """
    from lxml import etree

    max_depth, max_tables = get("DEPTH"), get("TABLE_DEPTH")
    depth = tables = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_table = element.tag in table_tags
        if event == "start":
            depth += 1
            tables += is_table
            if depth > max_depth:
                raise ResourceLimitError("DEPTH", depth)
            if tables > max_tables:
                raise ResourceLimitError("TABLE_DEPTH", tables)
        else:
            depth -= 1
            tables -= is_table
