"""Word (.docx) reader: paragraphs and tables of the body, in order.

The package is opened with the standard library and parsed with lxml directly
(python-docx's object layer is much slower on large tables). Headings get their
level from the paragraph style (``Heading 1`` / ``标题 1`` → 1) or an outline level.
Merged cells are resolved (``gridSpan`` → colspan, ``vMerge`` → rowspan); a table
nested in a cell becomes its own table block right after the outer table.
Headers, footers, comments and deleted text are ignored.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, BlockKind, Cell, Document, Position
from jixiao.readers._grid import clean_text, table_of
from jixiao.readers._numbering import Numbering, num_pr
from jixiao.readers._ooxml import PARSER, child, main_part, open_package, read_xml, relationships
from jixiao.readers.limits import check_span, check_table_depth

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_TEXT_TAGS = (f"{W}t", f"{W}tab", f"{W}br", f"{W}cr", f"{W}noBreakHyphen", f"{W}sym")
_HEADING_NAME = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_CONTAINERS = (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag")
_P, _TBL, _TC_PR, _VAL = f"{W}p", f"{W}tbl", f"{W}tcPr", f"{W}val"
_GRID_SPAN, _VMERGE = f"{W}gridSpan", f"{W}vMerge"
_PPR, _PSTYLE, _OUTLINE, _TR_PR = f"{W}pPr", f"{W}pStyle", f"{W}outlineLvl", f"{W}trPr"
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
        with _StylesPart(package, styles_part if used else None) as styles:
            levels = _used_style_levels(package, styles_part, styles, used, name)
            lists = _numbering(package, rels, styles, used, root, name)
    body = root.find(f"{W}body")
    if body is None:
        raise UnreadableDocumentError(name, "不是 Word 文档（没有正文）", "请确认文件格式后再试")
    check_table_depth(body, f"{W}tbl")
    reader = _BodyReader(levels, _Texts(body, body.find(f".//{_MC_FALLBACK}") is not None))
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


_CHUNK = 16384
_STYLE_END = b"</w:style>"


class _StylesPart:
    """The styles part, inflated only as far as the styles looked up need.

    A styles part is often far larger than the document (every built-in and latent
    style: 350 KB for a 10 KB report), while a report uses a few styles. Each style is
    found by its id in the raw bytes (`_style_element`), which needs the bytes up to
    the end of that style only; the rest of the part is not inflated. A missing part
    reads as empty.
    """

    def __init__(self, package: Any, part: str | None) -> None:
        self._raw = bytearray()
        self._stream: Any = None
        self._elements: dict[str, Any] = {}
        if part:
            with contextlib.suppress(KeyError):  # a missing part reads as empty
                self._stream = package.open(part)

    def __enter__(self) -> _StylesPart:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            self._stream.close()
            self._stream = None

    def _inflate(self) -> bool:
        """Read the next piece of the part; False at its end."""
        if self._stream is None:
            return False
        chunk = self._stream.read(_CHUNK)
        if not chunk:
            self.__exit__()
            return False
        self._raw += chunk
        return True

    def empty(self) -> bool:
        """True when the part is missing or holds nothing."""
        while not self._raw and self._inflate():
            pass
        return not self._raw

    def head(self, size: int) -> bytes:
        """The first `size` bytes of the part."""
        while len(self._raw) < size and self._inflate():
            pass
        return bytes(self._raw[:size])

    def element(self, sid: str) -> Any:
        """The ``w:style`` element with id `sid`, parsed alone, or None."""
        if sid not in self._elements:
            key = f'w:styleId="{sid}"'.encode()
            while not self._holds(key) and self._inflate():
                pass
            self._elements[sid] = _style_element(self._raw, sid)
        return self._elements[sid]

    def _holds(self, key: bytes) -> bool:
        """True when the bytes read so far hold the style `key` names up to its end."""
        at = self._raw.find(key)
        return at >= 0 and self._raw.find(_STYLE_END, at) >= 0


def _numbering(package: Any, rels: dict[str, str], styles_part: _StylesPart, used: set[str],
               root: Any, name: str) -> _Lists | None:
    """The document's lists, when any paragraph is numbered (directly or by its style)."""
    part = rels.get("numbering")
    if part is None:
        return None
    styles = _style_lists(styles_part, used)
    if not styles and root.find(f".//{W}numPr") is None:
        return None
    try:
        return _Lists(Numbering.parse(read_xml(package, part, name=name)), styles)
    except UnreadableDocumentError:
        return None  # a broken numbering part costs the labels, not the document


def _style_lists(raw: _StylesPart, used: set[str]) -> dict[str, tuple[str, int]]:
    out = {}
    for sid in used:
        found = _style_num(raw, sid, 0)
        if found is not None:
            out[sid] = found
    return out


def _style_num(raw: _StylesPart, sid: str, depth: int) -> tuple[str, int] | None:
    style = raw.element(sid)
    if style is None or depth > 20:
        return None
    found = num_pr(style.find(f"{W}pPr"))
    if found is not None:
        return found
    parent = style.find(f"{W}basedOn")
    return None if parent is None else _style_num(raw, parent.get(f"{W}val", ""), depth + 1)


def _used_style_levels(
    package: Any, part: str | None, raw: _StylesPart, used: set[str], name: str
) -> dict[str, int]:
    """Heading levels of the paragraph styles in `used`.

    A styles part is often far larger than the document (hundreds of built-in and
    latent styles), so only the styles used and those they are based on are
    parsed, each found by its id in the raw part; a part that does not use the
    usual ``w:`` prefix is parsed whole.
    """
    if not used or part is None or raw.empty():
        return {}
    if _W_DECLARED not in raw.head(4096):
        return _style_levels(read_xml(package, part, name=name))
    levels: dict[str, int] = {}
    for sid in used:
        level = _level_by_id(raw, sid, 0)
        if level is not None:
            levels[sid] = level
    return levels


def _level_by_id(raw: _StylesPart, sid: str, depth: int) -> int | None:
    style = raw.element(sid)
    if style is None or depth > 20 or style.get(f"{W}type") != "paragraph":
        return None
    level = _level_of_style(style)
    if level is not None:
        return level
    parent = style.find(f"{W}basedOn")
    return None if parent is None else _level_by_id(raw, parent.get(f"{W}val", ""), depth + 1)


def _style_element(raw: bytes | bytearray, sid: str) -> Any:
    """The ``w:style`` element with id `sid`, parsed alone, or None."""
    key = f'w:styleId="{sid}"'.encode()
    at = raw.find(key)
    if at < 0:
        return None
    start = raw.rfind(b"<w:style ", 0, at)
    end = raw.find(_STYLE_END, at)
    if start < 0 or end < 0:
        return None
    snippet = bytes(raw[start : end + len(_STYLE_END)])
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
    return None if ppr is None else _outline_value(child(ppr, _OUTLINE))


def _outline_value(outline: Any) -> int | None:
    """The heading level a ``w:outlineLvl`` element gives (None for body text or no element)."""
    if outline is None:
        return None
    value = outline.get(f"{W}val", "9")
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


_T, _TAB, _HYPHEN, _SYM = f"{W}t", f"{W}tab", f"{W}noBreakHyphen", f"{W}sym"
#: The text elements other than ``w:t``.
_MARKS = (_TAB, f"{W}br", f"{W}cr", _HYPHEN, _SYM)


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


class _Texts:
    """Paragraph texts, read the short way where a paragraph holds nothing but ``w:t`` runs.

    Such a paragraph (nearly every one of a report) is the join of its ``w:t`` texts,
    found by a one-tag iterator (lxml builds a matcher for every tag it is given, on
    every call); a paragraph holding a tab, break, hyphen or symbol, and every
    paragraph of a document with ``mc:Fallback`` copies, is read by `paragraph_text`.
    """

    def __init__(self, body: Any, fallbacks: bool) -> None:
        self.fallbacks = fallbacks
        #: The paragraphs holding other text elements than ``w:t`` (found once).
        self._marked: set[Any] = set()
        if not fallbacks:
            for mark in body.iter(*_MARKS):
                self._marked.update(mark.iterancestors(_P))

    def of(self, p: Any, *, boxes: bool = False) -> str:
        """The visible text of paragraph `p` (see `paragraph_text`)."""
        if self.fallbacks or boxes or p in self._marked:
            return paragraph_text(p, self.fallbacks, boxes=boxes)
        return "".join([t.text or "" for t in p.iter(_T)])


class _BodyReader:
    """Walks the body, collecting blocks; positions count body paragraphs and tables."""

    def __init__(self, levels: dict[str, int], texts: _Texts) -> None:
        self.levels = levels
        self.texts = texts
        self.fallbacks = texts.fallbacks
        self.lists: _Lists | None = None
        self.blocks: list[Block] = []
        self.line = 0
        #: Whether the body holds any text box (else no paragraph is searched for one).
        self.has_boxes = True
        #: Paragraphs and tables read so far: their ordinals (`jixiao.model.document.numbered`).
        self.paragraphs = 0
        self.tables = 0

    def walk(self, parent: Any) -> None:
        """Read every paragraph and table under `parent`, descending into containers."""
        for node in parent:
            tag = node.tag
            if tag == f"{W}p":
                self.line += 1
                self._paragraph(node)
            elif tag == f"{W}tbl":
                self.line += 1
                self._table(node)
            elif tag in _CONTAINERS:
                self.walk(node)

    def _paragraph(self, p: Any) -> None:
        boxes = (
            [box for box in p.iter(_TXBX) if not self._in_fallback(box) and _outermost(box, p)]
            if self.has_boxes
            else []
        )
        text = clean_text(self.texts.of(p, boxes=bool(boxes)))
        label = self._label(p)
        if label and not text.startswith(label.strip()):
            text = label + text
        if text:
            level = self._heading_level(p)
            kind: BlockKind = "paragraph" if level is None else "heading"
            self.paragraphs += 1
            position = Position(line=self.line, paragraph=self.paragraphs)
            self.blocks.append(Block(kind, text, level=level, position=position))
        for box in boxes:  # a text box: its own paragraphs and tables, after its anchor
            self.walk(box)

    def _in_fallback(self, element: Any) -> bool:
        return self.fallbacks and any(a.tag == _MC_FALLBACK for a in element.iterancestors())

    def _label(self, p: Any) -> str:
        """The automatic number Word shows before the paragraph (一、 （一） 1.), if any."""
        if self.lists is None:
            return ""
        ppr = child(p, _PPR)
        found = num_pr(ppr)
        if found is None and ppr is not None:
            style = child(ppr, _PSTYLE)
            found = self.lists.styles.get(style.get(f"{W}val", "")) if style is not None else None
        return self.lists.numbering.label(*found) if found else ""

    def _heading_level(self, p: Any) -> int | None:
        ppr = child(p, _PPR)
        if ppr is None:
            return None
        outline = style = None
        for node in ppr:  # the first of each, as ``find`` gives them
            tag = node.tag
            if tag == _OUTLINE and outline is None:
                outline = node
            elif tag == _PSTYLE and style is None:
                style = node
        own = _outline_value(outline)
        if own is not None:
            return own
        return None if style is None else self.levels.get(style.get(f"{W}val", ""))

    def _table(self, tbl: Any) -> None:
        nested: list[Any] = []
        position = Position(line=self.line, table=self.tables + 1)
        cells = _table_cells(tbl, position, nested, self.texts)
        table = table_of(cells)  # cells in row order, each column rising within its row
        if table is not None:
            self.tables += 1
            self.blocks.append(Block("table", table=table, position=position))
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
    wanted = f"{W}{tag}"
    for node in element:
        if node.tag == wanted:
            found.append(node)
        elif node.tag in _CONTAINERS:
            found.extend(_children(node, tag))
    return found


def _int_prop(props: Any, tag: str, default: int) -> int:
    if props is None:
        return default
    el = child(props, f"{W}{tag}")
    value = el.get(f"{W}val", "") if el is not None else ""
    return int(value) if value.isdigit() else default


def _cell_lines(parent: Any, nested: list[Any], texts: _Texts, lines: list[str]) -> None:
    """Paragraph texts of a cell (through content controls); its tables go to `nested`."""
    for node in parent:
        tag = node.tag
        if tag == _P:
            lines.append(texts.of(node))
        elif tag == _TBL:
            nested.append(node)
        elif tag in _CONTAINERS:
            _cell_lines(node, nested, texts, lines)


def _cell(tc: Any, nested: list[Any], texts: _Texts) -> tuple[int, str | None, str]:
    """(gridSpan, vMerge, text) of a cell, its children read once (see `_cell_props`)."""
    span, merge, props = 1, None, False
    lines: list[str] = []
    for node in tc:
        tag = node.tag
        if tag == _P:
            lines.append(texts.of(node))
        elif tag == _TC_PR and not props:  # the first properties element counts
            span, merge, props = *_cell_props(node), True
        elif tag == _TBL:
            nested.append(node)
        elif tag in _CONTAINERS:
            _cell_lines(node, nested, texts, lines)
    return span, merge, clean_text("\n".join(lines))


def _cell_props(props: Any) -> tuple[int, str | None]:
    """(gridSpan, vMerge) of a cell's ``w:tcPr``; vMerge is ``restart``, ``continue`` or None."""
    span, merge = 1, None
    for el in props:  # few children: faster than a tag-filtered iterator
        if el.tag == _GRID_SPAN:
            value = el.get(_VAL, "")
            span = int(value) if value.isdigit() else 1
        elif el.tag == _VMERGE:
            merge = el.get(_VAL, "continue")
    return max(1, span), merge


def _table_cells(tbl: Any, position: Position, nested: list[Any], texts: _Texts) -> list[Cell]:
    """Cells of one table with merges resolved, in table order; nested tables go to `nested`.

    A cell's rowspan grows while the rows below continue it (``vMerge``), so cells are
    gathered as ``[row, col, text, rowspan, colspan]`` lists first and made once at the end.
    """
    found: list[list[Any]] = []
    above: dict[int, list[Any]] = {}  # grid column → cell last started there
    for r, tr in enumerate(_children(tbl, "tr")):
        col = check_span(_int_prop(child(tr, _TR_PR), "gridBefore", 0))
        for tc in _children(tr, "tc"):
            span, merge, text = _cell(tc, nested, texts)  # nested tables of merged-away cells count
            check_span(span)
            if merge == "continue" and col in above:
                top = above[col]
                top[3] = r - top[0] + 1
            else:
                cell = [r, col, text, 1, span]
                found.append(cell)
                for c in range(col, col + span):
                    above[c] = cell
            col += span
    return [Cell(r, c, text, rows, cols, position) for r, c, text, rows, cols in found]
