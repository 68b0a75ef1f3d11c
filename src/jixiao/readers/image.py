"""Image reader: scanned or photographed pages (PNG, JPEG, TIFF with any number of pages).

Each frame of the file is one page, turned upright by its EXIF orientation and
recognised by OCR (`jixiao.readers.ocr`). Without the OCR extra the file is refused
with a message saying what to install.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Document
from jixiao.readers import ocr
from jixiao.readers.ocr.assemble import join_continued

#: First bytes of the image formats read.
MAGIC = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}
#: Most pages read from one image file.
MAX_PAGES = 500


def image_kind(data: bytes) -> str | None:
    """``PNG``, ``JPEG`` or ``TIFF`` from the first bytes, else None."""
    return next((kind for magic, kind in MAGIC.items() if data.startswith(magic)), None)


def read(data: bytes, *, name: str) -> Document:
    """Read every page of an image file through OCR."""
    if image_kind(data) is None:
        raise UnreadableDocumentError(
            name, "不是有效的图片文件（内容与扩展名不符）", "支持 PNG、JPG、TIFF 格式的扫描件"
        )
    ocr.require(name, "图片（扫描件）需要文字识别后才能读取")
    pages = list(frames(data, name))
    numbers = tuple(page.page for page in pages)
    blocks = join_continued((b for blocks in ocr.ocr_pages(pages) for b in blocks), numbers)
    if not blocks:
        raise ocr.nothing_read(name)
    return Document(name=name, format="image", blocks=tuple(blocks), ocr_pages=numbers)


def frames(data: bytes, name: str) -> Iterator[ocr.PageImage]:
    """The pages of an image file as pixels (grey or RGB), with their resolution."""
    import numpy as np
    from PIL import Image, ImageOps, ImageSequence

    try:
        image = Image.open(io.BytesIO(data))
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            if number > MAX_PAGES:
                break
            upright = ImageOps.exif_transpose(frame)
            mode = "L" if upright.mode in ("1", "L", "I;16", "I", "F") else "RGB"
            pixels = np.asarray(upright.convert(mode))
            yield ocr.PageImage(pixels, number, _dpi(upright.info.get("dpi")))
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise UnreadableDocumentError(
            name, f"图片文件已损坏，无法打开（{type(exc).__name__}）", "请重新扫描或导出图片后再试"
        ) from exc


def _dpi(value: object) -> float | None:
    """The horizontal resolution a file states (Pillow gives numbers or TIFF rationals)."""
    if not isinstance(value, tuple) or not value:
        return None
    try:
        dpi = float(value[0])
    except (TypeError, ValueError):
        return None
    return dpi if dpi > 1 else None
