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
from dataclasses import dataclass
from typing import Any

from lxml import etree

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, BlockKind, Document, Position
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._numbering import Numbering, num_pr
from jixiao.readers._ooxml import PARSER, main_part, open_package, read_xml, relationships
from jixiao.readers.limits import check_span, check_table_depth

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CONTAINERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag")
_P, _TBL, _TC_PR, _VAL = f"{W}p", f"{W}tbl", f"{W}tcPr", f"{W}val"
_GRID_SPAN, _VMERGE = f"{W}gridSpan", f"{W}vMerge"
_TXBX = f"{W}txbxContent"


def read(data: bytes, *, name: str) -> Document:
    """Read DOCX `data` into a document."""
    package = open_package(data, name=name, kind="Word")
    with package:
        part = main_part(package)
        root = read_xml(package, part, name=name)
        rels = relationships(package, part)
        styles_part = rels.get("styles")
        used = {el.get(f"{W}val", "") for el in root.iter(f"{W}pStyle")}
        styles_raw = _raw_part(package, styles_part) if styles_part and used else b""
        levels = _used_style_levels(package, styles_part, styles_raw, used, name)
        lists = _numbering(package, rels, styles_raw, used, root, name)
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableDocumentError(name, "不是 Word 文档（没有正文）", "请确认文件格式后再试")
    check_table_depth(body, f"{W}tbl")
    reader = _BodyReader(levels, fallbacks=body.find(f".//{_MC_FALLBACK}") is not None)
    reader.lists = lists
    reader.has_boxes = body.find(f".//{_TXBX}") is not None
    reader.walk(body)
    return Document(name=name, format="docx", blocks=tuple(reader.blocks))


_W_DECLARED = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@dataclass
class _Lists:
    """Word's numbering and the list each used paragraph style carries."""

    numbering: Numbering
    styles: dict[str, tuple[str, int]]


def _raw_part(package: Any, part: str) -> bytes:
    """The bytes of one part, or nothing when it is missing."""
    try:
        raw: bytes = package.read(part)
    except KeyError:
        return b""
    return raw


def _numbering(package: Any, rels: dict[str, str], styles_raw: bytes, used: set[str],
               root: Any, name: str) -> _Lists | None:
    """The document's lists, when any paragraph is numbered (directly or by its style)."""
    part = rels.get("numbering")
    if part is None:
        return None
    styles = _style_lists(styles_raw, used)
    if not styles and root.find(f".//{W}numPr") is None:
        return None
    try:
        return _Lists(Numbering.parse(read_xml(package, part, name=name)), styles)
    except UnreadableDocumentError:
        return None  # a broken numbering part costs the labels, not the document


def _style_lists(raw: bytes, used: set[str]) -> dict[str, tuple[str, int]]:
    out = {}
    for sid in used:
        found = _style_num(raw, sid, 0)
        if found is not None:
            out[sid] = found
    return out


def _style_num(raw: bytes, sid: str, depth: int) -> tuple[str, int] | None:
    style = _style_element(raw, sid)
    if style is None or depth > 20:
        return None
    found = num_pr(style.find(f"{W}pPr"))
    if found is not None:
        return found
    parent = style.find(f"{W}basedOn")
    return None if parent is None else _style_num(raw, parent.get(f"{W}val", ""), depth + 1)


def _used_style_levels(
    package: Any, part: str | None, raw: bytes, used: set[str], name: str
) -> dict[str, int]:
    """Heading levels of the paragraph styles in `used`.

    A styles part is often far larger than the document (hundreds of built-in and
    latent styles), so only the styles used and those they are based on are
    parsed, each found by its id in the raw part; a part that does not use the
    usual ``w:`` prefix is parsed whole.
    """
    if not used or not raw or part is None:
        return {}
    if _W_DECLARED not in raw[:4096]:
        return _style_levels(read_xml(package, part, name=name))
    levels: dict[str, int] = {}
    for sid in used:
        level = _level_by_id(raw, sid, 0)
        if level is not None:
            levels[sid] = level
    return levels


def _level_by_id(raw: bytes, sid: str, depth: int) -> int | None:
    style = _style_element(raw, sid)
    if style is None or depth > 20 or style.get(f"{W}type") != "paragraph":
        return None
    level = _level_of_style(style)
    if level is not None:
        return level
    parent = style.find(f"{W}basedOn")
    return None if parent is None else _level_by_id(raw, parent.get(f"{W}val", ""), depth + 1)


def _style_element(raw: bytes, sid: str) -> Any:
    """The ``w:style`` element with id `sid`, parsed alone, or None."""
    key = f'w:styleId="{sid}"'.encode()
    at = raw.find(key)
    if at < 0:
        return None
    start = raw.rfind(b"<w:style ", 0, at)
    end = raw.find(b"</w:style>", at)
    if start < 0 or end < 0:
        return None
    snippet = raw[start : end + len(b"</w:style>")]
    wrapped = b"<w:styles " + _W_DECLARED + b">" + snippet + b"</w:styles>"
    try:
        return etree.fromstring(wrapped, PARSER)[0]
    except etree.XMLSyntaxError:
        return None


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


_T, _TAB, _HYPHEN, _SYM = f"{W}t", f"{W}tab", f"{W}noBreakHyphen", f"{W}sym"


def paragraph_text(p: Any, fallbacks: bool = True, *, boxes: bool = False) -> str:
    """The visible text of a ``w:p`` element (tabs and breaks kept, deletions dropped).

    `fallbacks` says whether the document may hold ``mc:Fallback`` copies of drawn
    content, whose text is skipped (the ``mc:Choice`` copy is read); with `boxes` the
    text of text boxes anchored in the paragraph is left out (it is read on its own).
    """
    parts: list[str] = []
    skip_fallback = fallbacks and p.find(f".//{_MC_FALLBACK}") is not None
    for el in p.iter(*_TEXT_TAGS):
        if (skip_fallback or boxes) and any(
                (skip_fallback and a.tag == _MC_FALLBACK) or (boxes and a.tag == _TXBX)
                for a in el.iterancestors()):
            continue
        tag = el.tag
        if tag == _T:
            parts.append(el.text or "")
        elif tag == _TAB:
            parts.append("\t")
        elif tag == _HYPHEN:
            parts.append("-")
        elif tag != _SYM:
            parts.append("\n")
    return "".join(parts)


class _BodyReader:
    """Walks the body, collecting blocks; positions count body paragraphs and tables."""

    def __init__(self, levels: dict[str, int], fallbacks: bool = True) -> None:
        self.levels = levels
        self.fallbacks = fallbacks
        self.lists: _Lists | None = None
        self.blocks: list[Block] = []
        self.line = 0
        #: Whether the body holds any text box (else no paragraph is searched for one).
        self.has_boxes = True

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
        boxes = (
            [box for box in p.iter(_TXBX) if not self._in_fallback(box) and _outermost(box, p)]
            if self.has_boxes
            else []
        )
        text = clean_text(paragraph_text(p, self.fallbacks, boxes=bool(boxes)))
        label = self._label(p)
        if label and not text.startswith(label.strip()):
            text = label + text
        if text:
            level = self._heading_level(p)
            kind: BlockKind = "paragraph" if level is None else "heading"
            self.blocks.append(Block(kind, text, level=level, position=Position(line=self.line)))
        for box in boxes:  # a text box: its own paragraphs and tables, after its anchor
            self.walk(box)

    def _in_fallback(self, element: Any) -> bool:
        return self.fallbacks and any(a.tag == _MC_FALLBACK for a in element.iterancestors())

    def _label(self, p: Any) -> str:
        """The automatic number Word shows before the paragraph (一、 （一） 1.), if any."""
        if self.lists is None:
            return ""
        ppr = p.find(f"{W}pPr")
        found = num_pr(ppr)
        if found is None and ppr is not None:
            style = ppr.find(f"{W}pStyle")
            found = self.lists.styles.get(style.get(f"{W}val", "")) if style is not None else None
        return self.lists.numbering.label(*found) if found else ""

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
        cells = _table_cells(tbl, Position(line=self.line), nested, self.fallbacks)
        table = freeze(cells)
        if table is not None:
            self.blocks.append(Block("table", table=table, position=Position(line=self.line)))
        for inner in nested:
            self._table(inner)


def _outermost(box: Any, p: Any) -> bool:
    """True when no other text box stands between `box` and its paragraph `p`."""
    for ancestor in box.iterancestors():
        if ancestor is p:
            return True
        if ancestor.tag == _TXBX:
            return False
    return True


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


def _cell_lines(parent: Any, nested: list[Any], fallbacks: bool, lines: list[str]) -> None:
    """Paragraph texts of a cell (through content controls); its tables go to `nested`."""
    for child in parent:
        tag = child.tag
        if tag == _P:
            lines.append(paragraph_text(child, fallbacks))
        elif tag == _TBL:
            nested.append(child)
        elif tag in _CONTAINERS:
            _cell_lines(child, nested, fallbacks, lines)


def _cell_text(tc: Any, nested: list[Any], fallbacks: bool) -> str:
    lines: list[str] = []
    _cell_lines(tc, nested, fallbacks, lines)
    return clean_text("\n".join(lines))


def _cell_props(props: Any) -> tuple[int, str | None]:
    """(gridSpan, vMerge) of a cell's ``w:tcPr``; vMerge is ``restart``, ``continue`` or None."""
    span, merge = 1, None
    if props is None:
        return span, merge
    for el in props:
        if el.tag == _GRID_SPAN:
            value = el.get(_VAL, "")
            span = int(value) if value.isdigit() else 1
        elif el.tag == _VMERGE:
            merge = el.get(_VAL, "continue")
    return max(1, span), merge


def _table_cells(
    tbl: Any, position: Position, nested: list[Any], fallbacks: bool = True
) -> list[SpanCell]:
    """Cells of one table with merges resolved; nested tables go to `nested`."""
    cells: list[SpanCell] = []
    above: dict[int, SpanCell] = {}  # grid column → cell last started there
    for r, tr in enumerate(_children(tbl, "tr")):
        col = check_span(_int_prop(tr.find(f"{W}trPr"), "gridBefore", 0))
        for tc in _children(tr, "tc"):
            span, merge = _cell_props(tc.find(_TC_PR))
            check_span(span)
            text = _cell_text(tc, nested, fallbacks)  # nested tables of merged-away cells count
            if merge == "continue" and col in above:
                top = above[col]
                top.rowspan = r - top.row + 1
            else:
                cell = SpanCell(r, col, text, colspan=span, position=position)
                cells.append(cell)
                for c in range(col, col + span):
                    above[c] = cell
            col += span
    return cells
