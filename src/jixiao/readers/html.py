"""HTML reader for reports published as web pages.

The page is decoded (byte-order mark, ``<meta charset>``, UTF-8, then GB18030) and
parsed with lxml. Scripts, styles, navigation, forms and footers are dropped.
Nested ``<div>``/``<p>``/``<span>`` layouts are flattened into paragraphs in
reading order; ``<h1>``..``<h6>`` become headings; a ``<br>`` outside tables
ends a paragraph and inside a cell is a line break. Tables keep rowspan/colspan;
a table nested in a cell becomes its own block after the outer table.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
from lxml import etree

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, Document, Position
from jixiao.readers._grid import Occupancy, SpanCell, clean_text, freeze
from jixiao.readers.encoding import decode
from jixiao.readers.limits import check_depth, raise_if_out_of_memory

_DROP = (
    "script",
    "style",
    "nav",
    "noscript",
    "template",
    "iframe",
    "form",
    "footer",
    "select",
    "button",
    "svg",
    "object",
    "head",
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "aside",
        "header",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "center",
        "address",
        "figure",
        "figcaption",
        "hr",
        "tr",
        "tbody",
        "thead",
        "tfoot",
        "caption",
        "fieldset",
        "body",
        "html",
    ]
)
_HEADING = {f"h{n}": n for n in range(1, 7)}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_CHINESE = {"gbk": "gb18030", "gb2312": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030"}


def decode_html(data: bytes, *, name: str) -> str:
    """Decode a page: the declared charset when it works, else the text decoder's guess."""
    match = _META_CHARSET.search(data[:4096])
    if match and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        declared = match.group(1).decode("ascii").lower()
        try:
            return data.decode(_CHINESE.get(declared, declared))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name=name)


def read(data: bytes, *, name: str) -> Document:
    """Read HTML `data` into a document."""
    text = _XML_DECL.sub("", decode_html(data, name=name))
    if not text.strip():
        raise UnreadableDocumentError(name, "网页内容为空", "请确认保存的是完整网页")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise_if_out_of_memory(exc)
        raise UnreadableDocumentError(name, "无法解析网页内容", "请另存为完整网页后再试") from exc
    check_depth(root)
    for el in list(root.iter(*_DROP)):
        if el.getparent() is not None:
            el.drop_tree()
    walker = _Walker()
    walker.walk(root)
    walker.flush(None)
    return Document(name=name, format="html", blocks=tuple(walker.blocks))


def _collapse(text: str | None) -> str:
    return _SPACE.sub(" ", text.replace("\xa0", " ")) if text else ""


class _Walker:
    """Collects inline text into paragraphs, closing them at block boundaries."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.line: int | None = None

    def flush(self, line: int | None) -> None:
        """Close the open paragraph, if it holds text."""
        text = clean_text("".join(self.buffer))
        if text:
            self.blocks.append(Block("paragraph", text, position=Position(line=self.line)))
        self.buffer = []
        self.line = line

    def add(self, text: str | None, el: Any) -> None:
        """Append inline text to the open paragraph."""
        piece = _collapse(text)
        if piece.strip() and not "".join(self.buffer).strip():
            self.line = el.sourceline
        self.buffer.append(piece)

    def walk(self, el: Any) -> None:
        """Read `el` and its children in document order."""
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "table":
            self.flush(None)
            self._table(el)
        elif tag in _HEADING:
            self.flush(None)
            text = clean_text(_collapse(el.text_content()))
            if text:
                position = Position(line=el.sourceline)
                self.blocks.append(Block("heading", text, level=_HEADING[tag], position=position))
        elif tag == "br":
            self.flush(None)
        else:
            block = tag in _BLOCK
            if block:
                self.flush(None)
            if tag:
                self.add(el.text, el)
                for child in el:
                    self.walk(child)
            if block:
                self.flush(None)
        self.add(el.tail, el)

    def _table(self, table: Any) -> None:
        nested: list[Any] = []
        cells = _table_cells(table, nested)
        frozen = freeze(cells)
        if frozen is not None:
            position = Position(line=table.sourceline)
            self.blocks.append(Block("table", table=frozen, position=position))
        for inner in nested:
            self._table(inner)


def _own_rows(table: Any) -> list[Any]:
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(r for r in child if r.tag == "tr")
    return rows


def _span(el: Any, attr: str) -> int:
    value = (el.get(attr) or "1").strip()
    return min(max(int(value), 1), 1000) if value.isdigit() else 1


def cell_text(el: Any, nested: list[Any]) -> str:
    """Text of a cell: ``<br>`` and block children break lines; nested tables go aside."""
    parts: list[str] = [_collapse(el.text)]
    for child in el:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "table":
            nested.append(child)
        elif tag == "br":
            parts.append("\n")
        elif tag in _BLOCK or tag in _HEADING:
            parts.extend(("\n", cell_text(child, nested), "\n"))
        elif tag:
            parts.append(cell_text(child, nested))
        parts.append(_collapse(child.tail))
    return "".join(parts)


def _table_cells(table: Any, nested: list[Any]) -> list[SpanCell]:
    cells: list[SpanCell] = []
    taken = Occupancy()
    rows = _own_rows(table)
    for r, tr in enumerate(rows):
        col = 0
        for td in tr:
            if td.tag not in ("td", "th"):
                continue
            col = taken.next_free(r, col)
            text = clean_text(cell_text(td, nested))
            cell = SpanCell(
                r,
                col,
                text,
                min(_span(td, "rowspan"), len(rows) - r),
                _span(td, "colspan"),
                Position(line=td.sourceline),
            )
            taken.take(cell)
            cells.append(cell)
            col += cell.colspan
    return cells
