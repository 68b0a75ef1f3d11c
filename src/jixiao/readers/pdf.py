"""PDF reader: the text layer as paragraphs and headings, ruled tables as tables.

Pages are read with PDFium (pypdfium2): runs of text with their boxes and the
page's rule segments (`_pdf_page`). Ruled tables are rebuilt from the segments
(`_pdf_tables`), with merged cells as spans; a table that runs over a page break is
joined, its repeated header dropped and a row split by the break made whole again
(`_pdf_pieces`). The other text becomes lines and paragraphs (`_pdf_layout`):
running heads and footers (margin lines repeated on several pages) and page
numbers are dropped, a paragraph broken by a page break is joined, short numbered
or larger/bold lines are headings, and a line with wide gaps (a table drawn
without rules) keeps its columns as runs of spaces for the text-recovery layer.

Pages without a text layer but with images (scans) go, all together, to
`_ocr_pages`: OCR (`jixiao.readers.ocr`, the extra ``jixiao[ocr]``) reads them into
blocks, and a table split between a scanned page and the next is joined. Without
the OCR extra a file whose pages are all images is refused with a hint to install it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, Document, Position
from jixiao.readers import ocr
from jixiao.readers._grid import clean_text
from jixiao.readers._pdf_damage import BROKEN_XREF, xref_intact
from jixiao.readers._pdf_layout import (
    Line,
    group_lines,
    heading_level,
    in_margin,
    is_page_number,
    join,
    join_titles,
    layout_indent,
    margin_key,
    mark_layout,
    merge_bands,
    paragraphs,
    running_texts,
)
from jixiao.readers._pdf_page import PageReader, Run
from jixiao.readers._pdf_pieces import Piece, build_table, continues, make_piece
from jixiao.readers._pdf_tables import Grid, find_grids
from jixiao.readers.ocr.assemble import join_continued

_ENCRYPTED = ("PDF 已加密（需要密码才能打开）", "请取消密码保护后另存，再读取")
_DAMAGED = ("PDF 文件已损坏，无法打开", "请重新下载或用原软件重新导出 PDF")
_TRUNCATED = ("PDF 文件不完整（文件被截断，可能下载中断）", _DAMAGED[1])
#: PDFium load errors (fpdfview.h): file, format, password, security handler.
_ERR_PASSWORD, _ERR_SECURITY = 4, 5
#: Longest line whose font weight is looked at (a heading candidate).
_HEADING_LENGTH = 40


@dataclass
class _Page:
    number: int
    height: float
    lines: list[Line] = field(default_factory=list)
    pieces: list[Piece] = field(default_factory=list)
    ocr: list[Block] | None = None
    images: int = 0


def read(data: bytes, *, name: str) -> Document:
    """Read PDF `data` into a document."""
    if b"%PDF" not in data[:1024]:
        raise UnreadableDocumentError(
            name, "不是有效的 PDF 文件（内容与扩展名不符）", "请确认文件格式后再试"
        )
    pdf = _open(data, name)
    try:
        pages = [_read_page(pdf, i) for i in range(len(pdf))]
    except MemoryError:
        raise  # named as such by read_bytes, not as damage
    except Exception as exc:
        raise UnreadableDocumentError(name, *_DAMAGED) from exc
    finally:
        pdf.close()
    scanned = [p.number for p in pages if p.images and not (p.lines or p.pieces)]
    if scanned and len(scanned) == len(pages) and xref_intact(data):
        ocr.require(name, "PDF 是扫描件（只有图片，没有文字层）")
    if scanned and ocr.available():
        recognised = _ocr_pages(data, scanned)
        for page in pages:
            page.ocr = recognised.get(page.number)
    else:
        scanned = []
    blocks = _assemble(pages)
    if not blocks:
        damaged = not xref_intact(data)  # damage first, as in `_no_text`
        raise ocr.nothing_read(name) if scanned and not damaged else _no_text(name, pages, data)
    if scanned:
        blocks = join_continued(blocks, scanned)
    return Document(name=name, format="pdf", blocks=tuple(blocks), ocr_pages=tuple(scanned))


def _open(data: bytes, name: str) -> Any:
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if exc.err_code in (_ERR_PASSWORD, _ERR_SECURITY):
            raise UnreadableDocumentError(name, *_ENCRYPTED) from exc
        if b"%%EOF" not in data[-2048:]:
            raise UnreadableDocumentError(name, *_TRUNCATED) from exc
        raise UnreadableDocumentError(name, *_DAMAGED) from exc
    if len(pdf) == 0:
        pdf.close()
        raise UnreadableDocumentError(name, "PDF 文件已损坏（没有页面）", _DAMAGED[1])
    return pdf


def _no_text(name: str, pages: list[_Page], data: bytes) -> UnreadableDocumentError:
    """Why a PDF gave no text: a scan, a damaged file, or really nothing to read."""
    if not xref_intact(data):  # damage first: a broken file may show its images but lose its text
        return UnreadableDocumentError(name, *BROKEN_XREF)
    if any(p.images for p in pages):
        return UnreadableDocumentError(
            name,
            "PDF 是扫描件（只有图片，没有文字层）",
            "扫描件，需要先做文字识别（OCR）后再读取，或提供 Word 原件",
        )
    if b"%%EOF" not in data[-2048:]:
        return UnreadableDocumentError(name, *_TRUNCATED)
    return UnreadableDocumentError(name, "PDF 没有可读取的文字", "请确认文件内容，或提供 Word 原件")


def _ocr_pages(data: bytes, numbers: list[int]) -> dict[int, list[Block]]:
    """Blocks recognised on the scanned pages `numbers` (1-based), by page number.

    All scanned pages of a file go at once, so that a batch on a cluster can spread
    them over its workers (`jixiao.readers.ocr.ocr_pages`).
    """
    from jixiao.readers.ocr.pdfpages import recognise_pages

    return recognise_pages(data, numbers)


def _read_page(pdf: Any, index: int) -> _Page:
    page = pdf[index]
    reader = PageReader(page, index + 1)
    try:
        content = reader.content()
        out = _Page(index + 1, content.height, images=content.images)
        if not content.runs:
            return out
        grids = find_grids(content.segments)
        free, owned = _distribute(reader, content.runs, grids)
        out.lines = group_lines(free, out.number)
        mark_layout(out.lines)
        out.lines = merge_bands(out.lines)
        for line in out.lines:
            if len(line.text) <= _HEADING_LENGTH:
                line.bold = reader.bold(line.first)
        for grid, cells in zip(grids, owned, strict=True):
            lines = [group_lines(runs, out.number) for runs in cells]
            out.pieces.append(make_piece(out.number, grid, lines))
        return out
    finally:
        reader.close()
        page.close()


def _distribute(
    reader: PageReader, runs: list[Run], grids: list[Grid]
) -> tuple[list[Run], list[list[list[Run]]]]:
    """Runs outside tables, and each table's runs per cell (runs crossing rules are cut)."""
    free: list[Run] = []
    owned = [[[] for _ in grid.cells] for grid in grids]  # type: list[list[list[Run]]]
    for run in runs:
        y = (run.top + run.bottom) / 2
        x = (run.x0 + run.x1) / 2
        for g, grid in enumerate(grids):
            x0, top, x1, bottom = grid.bbox
            if not (top <= y <= bottom and x0 <= x <= x1):
                continue
            walls = tuple(w for w in grid.inner_walls() if run.x0 + 1 < w < run.x1 - 1)
            for part in reader.split(run, at=walls) if walls else [run]:
                cell = grid.cell_at((part.x0 + part.x1) / 2, y)
                (owned[g][cell] if cell is not None else free).append(part)
            break
        else:
            free.append(run)
    return free, owned


def _drop_margins(pages: list[_Page]) -> None:
    running = running_texts([(p.height, p.lines) for p in pages])
    for page in pages:
        page.lines = [
            ln
            for ln in page.lines
            if not (in_margin(ln, page.height) and margin_key(ln) in running)
            and not is_page_number(ln, page.height)
        ]


def _page_items(page: _Page) -> list[Line | Piece]:
    items: list[Line | Piece] = [*page.lines, *page.pieces]
    items.sort(key=lambda item: item.top)
    if page.pieces:
        first, last = items[0], items[-1]
        for piece in page.pieces:
            piece.first_on_page = piece is first
            piece.last_on_page = piece is last
    return items


class _Assembler:
    """Turns the pages' lines and table pieces into blocks, in reading order."""

    def __init__(self, lines: list[Line]) -> None:
        self.left, self.right = _column(lines)
        self.body, self.heading_sizes = _sizes(lines, self.right - self.left)
        self.blocks: list[Block] = []
        self.run: list[Line] = []
        self.pending: list[Piece] = []

    def line(self, line: Line) -> None:
        self.flush_table()
        self.run.append(line)

    def piece(self, piece: Piece) -> None:
        self.flush_text()
        if self.pending and not continues(self.pending[-1], piece):
            self.flush_table()
        self.pending.append(piece)

    def ocr(self, blocks: list[Block]) -> None:
        self.flush_table()
        self.flush_text()
        self.blocks.extend(blocks)

    def flush_text(self) -> None:
        groups = paragraphs(self.run, self.left, self.right)
        for group in join_titles(groups, self.body, self.left, self.right):
            self.blocks.append(self._text_block(group))
        self.run.clear()

    def _text_block(self, group: list[Line]) -> Block:
        first = group[0]
        same_page = [ln for ln in group if ln.page == first.page]
        box = (
            min(ln.x0 for ln in same_page),
            first.top,
            max(ln.x1 for ln in same_page),
            same_page[-1].bottom,
        )
        position = Position(page=first.page, box=box)
        if first.layout:
            indent = layout_indent(first, self.left)
            return Block("paragraph", first.text, position=position, indent=indent)
        text = clean_text(join(group, self.right))
        level = heading_level(group, self.body, self.heading_sizes)
        if level is not None:
            return Block("heading", text, level=level, position=position)
        return Block("paragraph", text, position=position)

    def flush_table(self) -> None:
        if not self.pending:
            return
        table = build_table(self.pending)
        if table is not None:
            first = self.pending[0]
            position = Position(page=first.page, box=first.bbox)
            self.blocks.append(Block("table", table=table, position=position))
        self.pending = []


def _assemble(pages: list[_Page]) -> list[Block]:
    _drop_margins(pages)
    assembler = _Assembler([ln for page in pages for ln in page.lines])
    for page in pages:
        if page.ocr:
            assembler.ocr(page.ocr)
        for item in _page_items(page):
            if isinstance(item, Line):
                assembler.line(item)
            else:
                assembler.piece(item)
    assembler.flush_table()
    assembler.flush_text()
    return [b for b in assembler.blocks if b.text or b.table is not None]


def _column(lines: list[Line]) -> tuple[float, float]:
    if not lines:
        return 0.0, 0.0
    lefts = sorted(line.x0 for line in lines)
    rights = sorted(line.x1 for line in lines)
    return lefts[len(lefts) // 20], rights[len(rights) * 19 // 20]


def _sizes(lines: list[Line], width: float) -> tuple[float, list[float]]:
    """The body font size (most text in full-width lines) and the larger sizes of short
    lines, largest first."""
    weight: Counter[float] = Counter()
    prose = [ln for ln in lines if not ln.layout and ln.x1 - ln.x0 >= width / 2] or lines
    for line in prose:
        weight[round(line.size, 1)] += len(line.text)
    if not weight:
        return 0.0, []
    body = weight.most_common(1)[0][0]
    larger = {round(ln.size, 1) for ln in lines if ln.size >= body + 1.5 and len(ln.text) <= 40}
    return body, sorted(larger, reverse=True)
