"""Word (.docx) reader: paragraphs and tables of the body, in order.

The package is opened with the standard library and parsed with lxml directly
(python-docx's object layer is much slower on large tables). Headings get their
level from the paragraph style (``Heading 1`` / ``标题 1`` → 1) or an outline level.
Merged cells are resolved (``gridSpan`` → colspan, ``vMerge`` → rowspan); a table
nested in a cell becomes its own table block right after the outer table.
Headers, footers, comments and deleted text are ignored.
"""

from __future__ import annotations

import re
from typing import Any

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, BlockKind, Document, Position
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._ooxml import main_part, open_package, read_xml, relationships
from jixiao.readers.limits import check_span, check_table_depth

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CONTAINERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag")


def read(data: bytes, *, name: str) -> Document:
    """Read DOCX `data` into a document."""
    package = open_package(data, name=name, kind="Word")
    with package:
        part = main_part(package)
        root = read_xml(package, part, name=name)
        styles_part = relationships(package, part).get("styles")
        levels = _style_levels(read_xml(package, styles_part, name=name)) if styles_part else {}
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableDocumentError(name, "不是 Word 文档（没有正文）", "请确认文件格式后再试")
    check_table_depth(body, f"{W}tbl")
    reader = _BodyReader(levels)
    reader.walk(body)
    return Document(name=name, format="docx", blocks=tuple(reader.blocks))


def _style_levels(styles: Any) -> dict[str, int]:
    """Paragraph style id → heading level (0 for Title), following ``basedOn``."""
    own: dict[str, int] = {}
    based: dict[str, str] = {}
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}type") != "paragraph":
            continue
        sid = style.get(f"{W}styleId", "")
        level = _level_of_style(style)
        if level is not None:
            own[sid] = level
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{W}val", "")
    levels: dict[str, int] = {}
    for sid in set(own) | set(based):
        cur, seen = sid, set()
        while cur not in own and cur in based and cur not in seen:
            seen.add(cur)
            cur = based[cur]
        if cur in own:
            levels[sid] = own[cur]
    return levels


def _level_of_style(style: Any) -> int | None:
    name_el = style.find(f"{W}name")
    style_name = (name_el.get(f"{W}val", "") if name_el is not None else "").strip()
    match = _HEADING_NAME.match(style_name)
    if match:
        return int(match.group(1))
    if style_name.lower() in ("title", "标题"):
        return 0
    return _outline_level(style.find(f"{W}pPr"))


def _outline_level(ppr: Any) -> int | None:
    if ppr is None:
        return None
    outline = ppr.find(f"{W}outlineLvl")
    if outline is None:
        return None
    value = outline.get(f"{W}val", "9")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def paragraph_text(p: Any) -> str:
    """The visible text of a ``w:p`` element (tabs and breaks kept, deletions dropped)."""
    parts: list[str] = []
    skip_fallback = p.find(f".//{_MC_FALLBACK}") is not None
    for el in p.iter(*_TEXT_TAGS):
        if skip_fallback and any(a.tag == _MC_FALLBACK for a in el.iterancestors()):
            continue
        tag = el.tag
        if tag == f"{W}t":
            parts.append(el.text or "")
        elif tag == f"{W}tab":
            parts.append("\t")
        elif tag == f"{W}noBreakHyphen":
            parts.append("-")
        elif tag != f"{W}sym":
            parts.append("\n")
    return "".join(parts)


class _BodyReader:
    """Walks the body, collecting blocks; positions count body paragraphs and tables."""

    def __init__(self, levels: dict[str, int]) -> None:
        self.levels = levels
        self.blocks: list[Block] = []
        self.line = 0

    def walk(self, parent: Any) -> None:
        """Read every paragraph and table under `parent`, descending into containers."""
        for child in parent:
            tag = child.tag
            if tag == f"{W}p":
                self.line += 1
                self._paragraph(child)
            elif tag == f"{W}tbl":
                self.line += 1
                self._table(child)
            elif tag in _CONTAINERS:
                self.walk(child)

    def _paragraph(self, p: Any) -> None:
        text = clean_text(paragraph_text(p))
        if not text:
            return
        level = self._heading_level(p)
        kind: BlockKind = "paragraph" if level is None else "heading"
        self.blocks.append(Block(kind, text, level=level, position=Position(line=self.line)))

    def _heading_level(self, p: Any) -> int | None:
        ppr = p.find(f"{W}pPr")
        if ppr is None:
            return None
        own = _outline_level(ppr)
        if own is not None:
            return own
        style = ppr.find(f"{W}pStyle")
        return None if style is None else self.levels.get(style.get(f"{W}val", ""))

    def _table(self, tbl: Any) -> None:
        nested: list[Any] = []
        cells = _table_cells(tbl, Position(line=self.line), nested)
        table = freeze(cells)
        if table is not None:
            self.blocks.append(Block("table", table=table, position=Position(line=self.line)))
        for inner in nested:
            self._table(inner)


def _children(element: Any, tag: str) -> list[Any]:
    """Direct children named `tag` (``tr`` of a table, ``tc`` of a row), looking through
    content controls and other containers that wrap them."""
    found = []
    for child in element:
        if child.tag == f"{W}{tag}":
            found.append(child)
        elif child.tag in _CONTAINERS:
            found.extend(_children(child, tag))
    return found


def _int_prop(props: Any, tag: str, default: int) -> int:
    if props is None:
        return default
    el = props.find(f"{W}{tag}")
    value = el.get(f"{W}val", "") if el is not None else ""
    return int(value) if value.isdigit() else default


def _cell_text(tc: Any, nested: list[Any]) -> str:
    lines = []
    for child in tc.iter(f"{W}p", f"{W}tbl"):
        if child.tag == f"{W}tbl":
            if _owning_cell(child) is tc:
                nested.append(child)
            continue
        if _owning_cell(child) is tc:
            lines.append(paragraph_text(child))
    return clean_text("\n".join(lines))


def _owning_cell(el: Any) -> Any:
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}tc":
        parent = parent.getparent()
    return parent


def _vmerge(props: Any) -> str | None:
    if props is None:
        return None
    el = props.find(f"{W}vMerge")
    if el is None:
        return None
    value: str = el.get(f"{W}val", "continue")
    return value


def _table_cells(tbl: Any, position: Position, nested: list[Any]) -> list[SpanCell]:
    """Cells of one table with merges resolved; nested tables go to `nested`."""
    cells: list[SpanCell] = []
    above: dict[int, SpanCell] = {}  # grid column → cell last started there
    for r, tr in enumerate(_children(tbl, "tr")):
        col = check_span(_int_prop(tr.find(f"{W}trPr"), "gridBefore", 0))
        for tc in _children(tr, "tc"):
            props = tc.find(f"{W}tcPr")
            span = max(1, check_span(_int_prop(props, "gridSpan", 1)))
            merge = _vmerge(props)
            if merge == "continue" and col in above:
                top = above[col]
                top.rowspan = r - top.row + 1
                _cell_text(tc, nested)  # tables nested in merged-away cells still count
            else:
                cell = SpanCell(r, col, _cell_text(tc, nested), colspan=span, position=position)
                cells.append(cell)
                for c in range(col, col + span):
                    above[c] = cell
            col += span
    return cells
