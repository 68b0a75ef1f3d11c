"""PDF reader: the text layer as paragraphs, ruled tables as tables, in reading order.

Each page's ruled tables are found with pdfplumber; characters inside a table go to
its cells, the others are grouped into lines and paragraphs. Merged cells come from
the cell rectangles (a rectangle over several grid columns or rows is one spanned
cell). A table that ends one page and resumes at the top of the next is joined.
A page without a text layer but with images is a scan: it is recognised by OCR
(`jixiao.readers.ocr`) when the OCR extra is installed; a PDF that is all scan is
otherwise refused with a hint to install it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, Document, Position
from jixiao.readers import ocr
from jixiao.readers._grid import SpanCell, clean_text, freeze
from jixiao.readers._pdf_layout import Line, group_lines, is_page_number, join, paragraphs
from jixiao.readers.ocr.assemble import join_continued

_SNAP = 1.5  # points within which two cell edges are the same grid line


@dataclass
class _Piece:
    """A table found on one page: its box and its cells as (bbox, text)."""

    page: int
    bbox: tuple[float, float, float, float]
    cells: list[tuple[tuple[float, float, float, float], str]]
    first_on_page: bool = False
    last_on_page: bool = False


@dataclass
class _Page:
    number: int
    items: list[Line | _Piece] = field(default_factory=list)
    #: The blocks of a page read by OCR (its items are then empty).
    recognised: list[Block] | None = None


def read(data: bytes, *, name: str) -> Document:
    """Read PDF `data` into a document."""
    if b"%PDF" not in data[:1024]:
        raise UnreadableDocumentError(
            name, "不是有效的 PDF 文件（内容与扩展名不符）", "请确认文件格式后再试"
        )
    pages, n_chars, scanned = _read_pages(data, name)
    if n_chars == 0 and not scanned:
        raise UnreadableDocumentError(
            name, "PDF 没有可读取的文字", "扫描件，需要先做文字识别（OCR）后再读取，或提供 Word 原件"
        )
    if scanned and (n_chars == 0 or ocr.available()):
        ocr.require(name, "PDF 是扫描件（只有图片，没有文字层）")
        pages = sorted(pages + _ocr_pages(data, scanned), key=lambda page: page.number)
    blocks = tuple(_assemble(pages))
    if not blocks:
        raise ocr.nothing_read(name)
    return Document(name=name, format="pdf", blocks=blocks, ocr_pages=tuple(scanned))


def _ocr_pages(data: bytes, numbers: list[int]) -> list[_Page]:
    """The pages `numbers` (without a text layer) recognised by OCR, as pages of blocks."""
    from jixiao.readers.ocr.pdfpages import recognise_pages

    return [_Page(number, recognised=blocks) for number, blocks in recognise_pages(data, numbers).items()]


def _open(data: bytes, name: str) -> Any:
    import pdfplumber

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        if _is_password_error(exc):
            raise UnreadableDocumentError(
                name, "PDF 已加密（需要密码才能打开）", "请取消密码保护后另存，再读取"
            ) from exc
        raise UnreadableDocumentError(
            name, "PDF 文件已损坏，无法打开", "请重新下载或用原软件重新导出 PDF"
        ) from exc


def _is_password_error(exc: BaseException | None) -> bool:
    while exc is not None:
        text = f"{type(exc).__name__} {exc}".lower()
        if "password" in text or "encrypt" in text:
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _read_pages(data: bytes, name: str) -> tuple[list[_Page], int, list[int]]:
    """Pages with a text layer, the characters read, and the numbers of scanned pages."""
    pages: list[_Page] = []
    n_chars = 0
    scanned: list[int] = []
    pdf = _open(data, name)
    try:
        for number, page in enumerate(pdf.pages, start=1):
            chars = [c for c in page.chars if c["text"].strip()]
            n_chars += len(chars)
            if chars:
                pages.append(_Page(number, _page_items(page, number, chars)))
            elif page.images:
                scanned.append(number)
            page.close()
    except UnreadableDocumentError:
        raise
    except Exception as exc:
        if _is_password_error(exc):
            raise UnreadableDocumentError(
                name, "PDF 已加密（需要密码才能打开）", "请取消密码保护后另存，再读取"
            ) from exc
        raise
    finally:
        pdf.close()
    return pages, n_chars, scanned


def _inside(char: Any, box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= x <= box[2] and box[1] <= y <= box[3])


def _page_items(page: Any, number: int, chars: list[Any]) -> list[Line | _Piece]:
    tables = [t for t in page.find_tables() if len(t.cells) > 1]
    owned: list[list[Any]] = [[] for _ in tables]
    free: list[Any] = []
    for char in chars:
        for i, table in enumerate(tables):
            if _inside(char, table.bbox):
                owned[i].append(char)
                break
        else:
            free.append(char)
    lines = [ln for ln in group_lines(free, number) if not is_page_number(ln, page.height)]
    items: list[Line | _Piece] = list(lines)
    for table, table_chars in zip(tables, owned, strict=True):
        items.append(_Piece(number, table.bbox, _cell_texts(table.cells, table_chars)))
    items.sort(key=lambda item: item.top if isinstance(item, Line) else item.bbox[1])
    pieces = [item for item in items if isinstance(item, _Piece)]
    if pieces:
        pieces[0].first_on_page = items[0] is pieces[0]
        pieces[-1].last_on_page = items[-1] is pieces[-1]
    return items


def _cell_texts(cells: list[Any], chars: list[Any]) -> list[tuple[Any, str]]:
    buckets: list[list[Any]] = [[] for _ in cells]
    for char in chars:
        for i, box in enumerate(cells):
            if _inside(char, box):
                buckets[i].append(char)
                break
    out = []
    for box, bucket in zip(cells, buckets, strict=True):
        text = join(group_lines(bucket), box[2] - 3.0) if bucket else ""
        out.append((tuple(box), clean_text(text)))
    return out


def _assemble(pages: list[_Page]) -> list[Block]:
    lines = [item for page in pages for item in page.items if isinstance(item, Line)]
    left, right = _column(lines)
    blocks: list[Block] = []
    run: list[Line] = []
    pending: list[_Piece] = []
    for page in pages:
        if page.recognised is not None:
            _flush_text(run, left, right, blocks)
            _flush_table(pending, blocks)
            blocks.extend(page.recognised)
            continue
        for item in page.items:
            if isinstance(item, Line):
                _flush_table(pending, blocks)
                run.append(item)
                continue
            _flush_text(run, left, right, blocks)
            if pending and not (
                pending[-1].last_on_page and item.first_on_page and _same_width(pending[-1], item)
            ):
                _flush_table(pending, blocks)
            pending.append(item)
    _flush_table(pending, blocks)
    _flush_text(run, left, right, blocks)
    scanned = [page.number for page in pages if page.recognised is not None]
    return join_continued(blocks, scanned) if scanned else blocks


def _column(lines: list[Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    return lefts[len(lefts) // 20], rights[len(rights) * 19 // 20]


def _same_width(a: _Piece, b: _Piece) -> bool:
    return abs(a.bbox[0] - b.bbox[0]) < 3 and abs(a.bbox[2] - b.bbox[2]) < 3


def _flush_text(run: list[Line], left: float, right: float, blocks: list[Block]) -> None:
    for group in paragraphs(run, left, right):
        text = clean_text(join(group, right))
        if text:
            position = Position(page=group[0].page)
            blocks.append(Block("paragraph", text, position=position))
    run.clear()


def _edges(values: list[float]) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > _SNAP:
            edges.append(value)
    return edges


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def _flush_table(pieces: list[_Piece], blocks: list[Block]) -> None:
    """Turn one table (pieces on consecutive pages) into a table block."""
    if not pieces:
        return
    xs = _edges([v for p in pieces for box, _ in p.cells for v in (box[0], box[2])])
    cells: list[SpanCell] = []
    offset = 0
    for piece in pieces:
        ys = _edges([v for box, _ in piece.cells for v in (box[1], box[3])])
        bottom = {(c.col, c.colspan): c for c in cells if c.row + c.rowspan == offset}
        for cell in _piece_cells(piece, xs, ys, offset):
            above = bottom.get((cell.col, cell.colspan)) if cell.row == offset else None
            if above is not None and not cell.text and max(above.rowspan, cell.rowspan) > 1:
                above.rowspan += cell.rowspan  # a merged cell running over the page break
            else:
                cells.append(cell)
        offset += len(ys) - 1
    table = freeze(cells)
    if table is not None:
        blocks.append(Block("table", table=table, position=Position(page=pieces[0].page)))
    pieces.clear()


def _piece_cells(piece: _Piece, xs: list[float], ys: list[float], offset: int) -> list[SpanCell]:
    out = []
    for box, text in piece.cells:
        row, col = _index(ys, box[1]), _index(xs, box[0])
        out.append(
            SpanCell(
                offset + row,
                col,
                text,
                rowspan=max(1, _index(ys, box[3]) - row),
                colspan=max(1, _index(xs, box[2]) - col),
                position=Position(page=piece.page),
            )
        )
    return out
