"""Plain text reader, including the layout of text extracted from Word files.

In that layout a table cell is a line that starts with a tab; a row ends at a blank
line; a cell holding several paragraphs continues on untabbed lines (even across a
blank line, when a tabbed line follows without another blank); a table ends at a
blank line that is not followed by another row. A "table" whose rows all have a
single cell is a tab-indented passage and becomes paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.readers.encoding import decode, looks_binary
from jixiao.readers.limits import check_grid


@dataclass
class _RawCell:
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines).strip()


def read(data: bytes, *, name: str) -> Document:
    """Read text `data` into a document."""
    text = decode(data, name=name)
    if looks_binary(text):
        raise UnreadableDocumentError(name, "不是文本文件", "请确认文件格式与扩展名一致")
    return Document(name=name, format="text", blocks=tuple(parse_lines(text.splitlines())))


def _blank(line: str) -> bool:
    return not line.strip(" \r\n\x0c")


def _cell_goes_on(lines: list[str], j: int) -> bool:
    """After a blank line inside a table: do untabbed lines from `j` lead into a row?"""
    k = j
    while k < len(lines) and not _blank(lines[k]) and not lines[k].startswith("\t"):
        k += 1
    return k > j and k < len(lines) and lines[k].startswith("\t")


def _parse_table(lines: list[str], i: int) -> tuple[list[list[_RawCell]], int]:
    rows: list[list[_RawCell]] = []
    row: list[_RawCell] = []
    n = len(lines)
    while i < n:
        line = lines[i]
        if line.startswith("\t"):
            row.append(_RawCell(i + 1, [line[1:]]))
            i += 1
        elif not _blank(line):
            if not row:
                break
            row[-1].lines.append(line)
            i += 1
        else:
            if row:
                rows.append(row)
                row = []
            j = i + 1
            if j < n and lines[j].startswith("\t"):
                i = j
            elif rows and _cell_goes_on(lines, j):
                row = rows.pop()
                row[-1].lines.append("")
                i = j
            else:
                return rows, j
    if row:
        rows.append(row)
    return rows, i


def _table_blocks(rows: list[list[_RawCell]]) -> list[Block]:
    if all(len(r) <= 1 for r in rows):
        blocks = []
        for raw in (r[0] for r in rows if r):
            for k, line in enumerate(raw.lines):
                if line.strip():
                    blocks.append(Block("paragraph", line.strip(), position=Position(line=raw.line + k)))
        return blocks
    cells = tuple(
        Cell(r, c, raw.text, position=Position(line=raw.line))
        for r, row in enumerate(rows)
        for c, raw in enumerate(row)
    )
    check_grid(len(rows), max(len(r) for r in rows))
    table = Table(cells, n_rows=len(rows), n_cols=max(len(r) for r in rows))
    return [Block("table", table=table, position=Position(line=rows[0][0].line))]


def parse_lines(lines: list[str]) -> list[Block]:
    """Turn lines of text into paragraphs and tables."""
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t"):
            rows, i = _parse_table(lines, i)
            blocks.extend(_table_blocks(rows))
            continue
        if line.strip():
            indent = len(line) - len(line.lstrip(" \u3000"))
            blocks.append(Block("paragraph", line.strip(), position=Position(line=i + 1),
                                indent=indent + line[:indent].count("\u3000")))
        i += 1
    return blocks
