"""Page images of a PDF's scanned pages (pages without a text layer), for OCR.

A scanned page is rendered with pypdfium2 at the resolution of the scan it holds:
the pixel width of its largest image over the width that image takes on the page,
kept within 150–300 dpi (a page without images is rendered at 200 dpi).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jixiao.model.document import Block
from jixiao.readers.ocr import PageImage, ocr_pages
from jixiao.readers.ocr.prepare import MAX_DPI, MIN_DPI

#: Resolution for a page whose images say nothing of it.
DEFAULT_DPI = 200.0


def scan_dpi(page: Any) -> float:
    """The resolution of the largest image on a pypdfium2 `page` (clamped), or the default."""
    import pypdfium2.raw as pdfium_c

    best_area, dpi = 0.0, DEFAULT_DPI
    for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        left, _, right, _ = image.get_bounds()
        width_px, height_px = image.get_px_size()
        points = right - left
        if points <= 0 or width_px <= 0:
            continue
        area = float(width_px) * float(height_px)
        if area > best_area:
            best_area, dpi = area, width_px / (points / 72.0)
    return min(MAX_DPI, max(MIN_DPI, dpi))


def page_images(data: bytes, numbers: Sequence[int]) -> list[PageImage]:
    """The pages `numbers` (1-based) of PDF `data` rendered as RGB pixels for OCR."""
    import numpy as np
    import pypdfium2

    document = pypdfium2.PdfDocument(data)
    try:
        out = []
        for number in numbers:
            page = document[number - 1]
            dpi = scan_dpi(page)
            bitmap = page.render(scale=dpi / 72.0, rev_byteorder=True)
            pixels = np.array(bitmap.to_numpy()[:, :, :3])
            out.append(PageImage(pixels, number, dpi))
            page.close()
        return out
    finally:
        document.close()


def recognise_pages(data: bytes, numbers: Sequence[int]) -> dict[int, list[Block]]:
    """The blocks OCR reads on the pages `numbers` (1-based) of PDF `data`, by page number.

    This is the PDF reader's hook for pages without a text layer. All the pages go to
    the page mapper at once (a batch on a cluster spreads them over its workers).
    """
    images = page_images(data, numbers)
    return {image.page: blocks for image, blocks in zip(images, ocr_pages(images), strict=True)}
