"""One page image through OCR: clean, orient, find rulings, detect, recognise, lay out.

Steps (each in its own module):
1. `prepare`: greyscale with red seals lifted out, resolution brought into
   150–300 dpi, background whitened, skew removed;
2. `rulings`: ruling lines and ruled tables; the lines are then erased so that the
   detector sees only text (and never reads a line as ``一`` or ``|``);
3. the detector finds text lines on a copy reduced to `DETECT_DPI`; a page whose
   lines stand upright is turned by 90° and done again, and one that the direction
   model reads as upside down is turned by 180°;
4. each text box is cut where a ruling crosses it and recognised from the
   full-resolution page;
5. `layout`: words into table cells, lines and paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from jixiao.model.document import Block
from jixiao.readers.ocr import prepare
from jixiao.readers.ocr.engine import Engine, Reading, engine
from jixiao.readers.ocr.geometry import Box, Grey, Pixels
from jixiao.readers.ocr.layout import Word, page_blocks
from jixiao.readers.ocr.rulings import Rulings, find_rulings, long_strokes, ruling_strokes

#: Resolution at which text lines are detected (recognition uses the full page).
DETECT_DPI = 150.0
#: Height in inches of a text line's box in body text (11 pt print).
LINE_HEIGHT = 0.19
#: A box read as at most two characters with a lower mean confidence is a speck.
NOISE = 0.5
#: Text boxes sampled to decide whether a page is upside down.
_DIRECTION_SAMPLE = 12


@dataclass
class _Page:
    grey: Grey
    clean: Grey
    dpi: float
    rulings: Rulings
    boxes: list[Box]


def read_page(pixels: Pixels, *, page: int, dpi: float | None = None) -> list[Block]:
    """The blocks (paragraphs, ruled tables) of one page image (grey or RGB pixels).

    `dpi` is the scan's resolution where known. Without it (or with a software default
    below 100 dpi) the page is taken as A4, and when its text then looks far too large
    or small (a photo, a cut-out), the resolution is taken from the text's size.
    """
    ocr = engine()
    stated = dpi if dpi is not None and dpi >= 100 else None
    resolution = prepare.estimated_dpi(pixels.shape, stated)
    state = _prepared(pixels, resolution, ocr)
    if stated is None:
        measured = _text_dpi(state, resolution)
        if measured is not None and not 0.6 < measured / resolution < 1.6:
            state = _prepared(pixels, measured, ocr)
    words = _recognise(state, ocr)
    return page_blocks(words, state.rulings.tables, page, float(state.grey.shape[0]))


def _prepared(pixels: Pixels, resolution: float, ocr: Engine) -> _Page:
    grey = prepare.to_grey(pixels, resolution)
    grey, working = prepare.to_working_resolution(grey, resolution)
    return _oriented(prepare.whiten(grey), working, ocr)


def _text_dpi(state: _Page, resolution: float) -> float | None:
    """The resolution (of the original pixels) at which the page's text lines would be
    `LINE_HEIGHT` inches high: what the text's size says of the scan."""
    heights = sorted(min(b.width, b.height) for b in state.boxes if max(b.width, b.height) > 2 * min(b.width, b.height))
    if not heights:
        return None
    median = heights[len(heights) // 2] * resolution / state.dpi
    return median / LINE_HEIGHT


def _analyse(grey: Grey, dpi: float, ocr: Engine) -> _Page:
    grey = prepare.rotate(grey, prepare.skew_angle(grey))
    strokes = ruling_strokes(grey, dpi)
    seals = prepare.grey_seals(grey, dpi, long_strokes(strokes, dpi))
    rulings = find_rulings(strokes, dpi, seals)
    clean = grey.copy() if seals is None else prepare.lift_grey_seals(grey, seals)
    clean[rulings.mask(max(1, int(dpi / 100)))] = 255
    return _Page(grey, clean, dpi, rulings, _detect(clean, dpi, ocr))


def _oriented(grey: Grey, dpi: float, ocr: Engine) -> _Page:
    state = _analyse(grey, dpi, ocr)
    if _upright_lines(state.boxes):
        state = _analyse(prepare.turn(state.grey, 1), dpi, ocr)
    sample = sorted(state.boxes, key=lambda b: -b.width)[:_DIRECTION_SAMPLE]
    crops = [b.crop(state.clean, 2) for b in sample if b.width > 2 * b.height]
    if crops and ocr.upside_down(crops) > 0.5:
        state = _analyse(prepare.turn(state.grey, 2), dpi, ocr)
    return state


def _upright_lines(boxes: list[Box]) -> bool:
    """Whether most elongated text boxes stand upright (the page lies on its side)."""
    tall = sum(1 for b in boxes if b.height > 2 * b.width)
    wide = sum(1 for b in boxes if b.width > 2 * b.height)
    return tall >= 2 and tall > wide


def _detect(clean: Grey, dpi: float, ocr: Engine) -> list[Box]:
    factor = min(1.0, DETECT_DPI / dpi)
    small = cv2.resize(clean, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    minimum = dpi / 40  # 0.6 mm
    boxes = [b.scaled(1 / factor) for b in ocr.detect(np.asarray(small, dtype=np.uint8))]
    return [b for b in boxes if b.height >= minimum and b.width >= minimum]


def _distinct(boxes: list[Box]) -> list[Box]:
    """`boxes` without those lying mostly inside a larger one (a box that reached over
    a ruling into the next cell leaves, once cut there, a sliver over its neighbour)."""
    kept: list[Box] = []
    for box in sorted(boxes, key=lambda b: -b.width * b.height):
        area = box.width * box.height
        if all(_overlap(box, other) < 0.5 * area for other in kept):
            kept.append(box)
    return kept


def _overlap(a: Box, b: Box) -> float:
    width = min(a.x1, b.x1) - max(a.x0, b.x0)
    height = min(a.y1, b.y1) - max(a.y0, b.y0)
    return max(0.0, width) * max(0.0, height)


def _split_at_rulings(box: Box, vertical: Pixels) -> list[Box]:
    """`box` cut where a vertical ruling crosses its middle."""
    y0 = int(box.cy - box.height / 4)
    y1 = max(y0 + 1, int(box.cy + box.height / 4))
    x0, x1 = int(box.x0) + 2, int(box.x1) - 2
    if x1 <= x0:
        return [box]
    crossed = vertical[y0:y1, x0:x1].any(axis=0)
    cuts = np.nonzero(crossed)[0]
    if cuts.size == 0:
        return [box]
    pieces, start = [], box.x0
    for run in np.split(cuts, np.nonzero(np.diff(cuts) > 1)[0] + 1):
        left, right = x0 + int(run[0]), x0 + int(run[-1]) + 1
        pieces.append(Box(start, box.y0, left, box.y1))
        start = right
    pieces.append(Box(start, box.y0, box.x1, box.y1))
    return [p for p in pieces if p.width > 0.6 * box.height]


def _inked(crop: Grey) -> bool:
    """Whether a crop holds print (not only paper, or the trace of an erased line)."""
    return bool((crop < 128).mean() > 0.01)


def _recognise(state: _Page, ocr: Engine) -> list[Word]:
    pieces = [p for b in state.boxes for p in _split_at_rulings(b, state.rulings.vertical)]
    boxes = _distinct(pieces)
    pad = max(1.0, state.dpi / 150)
    crops = [b.crop(state.clean, pad) for b in boxes]
    keep = [
        (b, c) for b, c in zip(boxes, crops, strict=True) if c.size and min(c.shape) > 2 and _inked(c)
    ]
    readings = ocr.recognize([c for _, c in keep])
    words = []
    for (box, _), reading in zip(keep, readings, strict=True):
        if _noise(reading):
            continue
        if reading.text.strip():
            centers = tuple(box.x0 + c * box.width for c in reading.centers)
            words.append(Word(box, reading.text, reading.confidences, centers))
    return words


def _noise(reading: Reading) -> bool:
    """A speck read as one or two characters, with little confidence."""
    n = len(reading.text.strip())
    mean = sum(reading.confidences) / len(reading.confidences) if reading.confidences else 0.0
    return n <= 2 and mean < NOISE
