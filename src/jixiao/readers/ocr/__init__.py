"""OCR: page images (scans, photos, image-only PDF pages) into the neutral document.

The optional extra ``jixiao[ocr]`` installs the engine (``rapidocr-onnxruntime``: the
PP-OCR Chinese models run by ONNX Runtime, shipped inside the wheel) and OpenCV.
Without it, `available` is False and readers refuse scans with `require`'s message.

`ocr_pages` is the one entry point for readers: page images (pixels) in, one list
of blocks per page out. Pages are independent, so a batch on a Dask cluster
spreads them over its workers (`set_page_mapper`); elsewhere they run in turn.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from importlib.util import find_spec
from typing import Any

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block

#: What to install for OCR.
INSTALL_HINT = "需要安装文字识别（OCR）组件：pip install 'jixiao[ocr]'"


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page to recognise: its pixels (grey or RGB), page number and resolution if known."""

    pixels: Any
    page: int
    dpi: float | None = None


PageMapper = Callable[[Callable[[PageImage], list[Block]], Sequence[PageImage]], list[list[Block]]]


def _in_turn(fn: Callable[[PageImage], list[Block]], pages: Sequence[PageImage]) -> list[list[Block]]:
    return [fn(page) for page in pages]


_MAPPER: ContextVar[PageMapper] = ContextVar("jixiao_ocr_page_mapper", default=_in_turn)


def available() -> bool:
    """Whether the OCR extra is installed."""
    return find_spec("rapidocr_onnxruntime") is not None and find_spec("cv2") is not None


def require(name: str, reason: str) -> None:
    """Raise the clear message for a scan when OCR is not installed."""
    if not available():
        raise UnreadableDocumentError(name, reason, INSTALL_HINT + "，或提供 Word/文字版 PDF 原件")


def nothing_read(name: str) -> UnreadableDocumentError:
    """The error for a scan in which OCR found no text at all (a blank or unreadable scan)."""
    return UnreadableDocumentError(
        name,
        "是扫描件，文字识别（OCR）未识别出任何文字",
        "请确认扫描件清晰、内容完整（建议 200–300 dpi），或提供 Word/文字版 PDF 原件",
    )


def recognise(image: PageImage) -> list[Block]:
    """The blocks of one page image (runs on whichever process or worker is given it)."""
    from jixiao.readers.ocr.page import read_page

    return read_page(image.pixels, page=image.page, dpi=image.dpi)


def ocr_pages(pages: Sequence[PageImage]) -> list[list[Block]]:
    """The blocks of each page, through the page mapper in force."""
    return _MAPPER.get()(recognise, pages)


@contextmanager
def set_page_mapper(mapper: PageMapper) -> Iterator[None]:
    """Within the block, pages are recognised through `mapper` (e.g. on a Dask cluster)."""
    token = _MAPPER.set(mapper)
    try:
        yield
    finally:
        _MAPPER.reset(token)
