"""Cleaning a scanned page before recognition: seals, resolution, skew, orientation.

- **Red seals.** Official seals (公章) are red rings stamped over text and tables. Red
  ink is found by colour (red clearly above green and blue); its connected regions of
  seal size and roughly round shape are seals. Inside them the page is taken from its
  red channel, where red ink is nearly as light as paper and black print stays
  black, and its light levels are made white. Red text elsewhere (a red heading)
  keeps its ordinary grey. A seal scanned in greyscale is found as a seal-sized blob
  of mid-grey ink; inside it what is lighter than the print becomes white.
- **Resolution.** Pages are brought to between 150 and 300 dpi: larger scans are
  reduced to 300 dpi; smaller ones enlarged to 150 dpi. The resolution comes from
  the file when it states one, else from the page's width taken as A4.
- **Skew.** The angle (within ±5°) that makes the rows of dark pixels most uneven
  (text lines and rulings line up with rows) is found on a reduced copy, first in
  steps of 0.25° then 0.05°, and the page is rotated back.
- **Background.** Grey levels are stretched so that paper is white and print black.
"""

from __future__ import annotations

from collections.abc import Iterable

import cv2
import numpy as np

from jixiao.readers.ocr.geometry import Grey, Pixels

#: Working resolutions (dots per inch).
MIN_DPI, MAX_DPI = 150.0, 300.0
#: Width of an A4 page in inches: the resolution of a scan that does not state one.
A4_WIDTH, A4_HEIGHT = 8.27, 11.69
_MAX_SKEW = 5.0
#: Inside a seal, red-channel levels above this are ink of the seal (or paper): white.
_SEAL_LIGHT = 170


def estimated_dpi(shape: tuple[int, ...], stated: float | None) -> float:
    """The page's resolution: as stated (when plausible), else from its size as A4."""
    if stated and 100 <= stated <= 1200:
        return float(stated)
    h, w = shape[:2]
    short, long_ = sorted((h, w))
    return max(short / A4_WIDTH, long_ / A4_HEIGHT)


def to_grey(pixels: Pixels, dpi: float) -> Grey:
    """Greyscale of `pixels` (grey or RGB) with red seals lifted out."""
    if pixels.ndim == 2:
        return np.ascontiguousarray(pixels, dtype=np.uint8)
    rgb = np.ascontiguousarray(pixels[:, :, :3], dtype=np.uint8)
    grey = cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)
    seals = seal_mask(rgb, dpi)
    if seals is not None:
        red = rgb[:, :, 0]
        lifted = np.where(red > _SEAL_LIGHT, 255, red).astype(np.uint8)
        grey[seals] = lifted[seals]
    return np.asarray(grey, dtype=np.uint8)


def red_ink(rgb: Pixels) -> Pixels:
    """Boolean mask of reddish pixels."""
    r = rgb[:, :, 0].astype(np.int16)
    gb = np.maximum(rgb[:, :, 1], rgb[:, :, 2]).astype(np.int16)
    return np.asarray((r > 110) & (r - gb > 45))


def seal_mask(rgb: Pixels, dpi: float) -> Pixels | None:
    """Boolean mask of the regions of seal size and shape holding red ink, filled (the
    ring and all inside it); None when there is no seal."""
    return _seal_regions(red_ink(rgb), dpi, 1)


def _seal_regions(ink: Pixels, dpi: float, stroke: int) -> Pixels | None:
    """The filled outlines of the seal-sized, roundish blobs of `ink` (a boolean mask)
    after removing strokes thinner than `stroke` pixels; None when there are none."""
    mask: Pixels = ink.astype(np.uint8)
    if stroke > 1:
        mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((stroke, stroke), np.uint8))
    if int(mask.sum()) < (dpi / 10) ** 2:
        return None
    grow = max(3, int(dpi / 25))
    grown = cv2.dilate(mask, cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(grown, connectivity=8)
    region = np.zeros(ink.shape, np.uint8)
    found = False
    for i in range(1, n):
        w, h = int(stats[i, 2]), int(stats[i, 3])
        if min(w, h) >= 0.5 * dpi and max(w, h) <= 3.0 * min(w, h) and max(w, h) <= 3 * dpi:
            ys, xs = np.nonzero(labels == i)
            hull = cv2.convexHull(np.stack([xs, ys], axis=1).astype(np.int32))
            cv2.fillConvexPoly(region, hull, 1)
            found = True
    return np.asarray(region > 0) if found else None


def grey_seals(grey: Grey, dpi: float, lines: Pixels | None = None) -> Pixels | None:
    """The regions of seals scanned in greyscale (None: none): blobs of mid-grey ink,
    lighter than black print, of seal size and shape. Thin strokes (the anti-aliased
    edges of print) and the page's ruling `lines` (a mask) are removed first, so that a
    seal stamped over a table is not one blob with the table."""
    sample = grey[:: max(1, grey.shape[0] // 400), :: max(1, grey.shape[1] // 400)]
    paper = float(np.percentile(sample, 90))
    mid = (grey > 50) & (grey < paper - 50)
    if lines is not None:
        mid &= ~lines
    regions = _seal_regions(mid, dpi, max(3, int(dpi / 60)))
    if regions is None:
        return None
    grow = max(3, int(dpi / 20))
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (grow, grow))
    return np.asarray(cv2.dilate(regions.astype(np.uint8), kernel) > 0)


def lift_grey_seals(grey: Grey, regions: Pixels) -> Grey:
    """`grey` with everything inside seal `regions` lighter than the print made white.

    The seal's ink is the commonest grey level in the region (between 50 and 200); the
    print under it is much darker. Everything above 60% of the seal's level goes.
    """
    inside = grey[regions]
    counts = np.bincount(inside[(inside >= 50) & (inside < 200)], minlength=256)
    if counts.sum() < 100:
        return grey
    smooth = np.convolve(counts.astype(np.float64), np.ones(9) / 9, mode="same")
    cut = min(110.0, max(35.0, 0.6 * float(np.argmax(smooth))))
    out = grey.copy()
    out[regions & (grey > cut)] = 255
    return out


def to_working_resolution(grey: Grey, dpi: float) -> tuple[Grey, float]:
    """`grey` resampled into [MIN_DPI, MAX_DPI], and its resolution after that."""
    target = min(MAX_DPI, max(MIN_DPI, dpi))
    if abs(target - dpi) / dpi < 0.05:
        return grey, dpi
    factor = target / dpi
    method = cv2.INTER_AREA if factor < 1 else cv2.INTER_CUBIC
    resized = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=method)
    return np.asarray(resized, dtype=np.uint8), target


def whiten(grey: Grey) -> Grey:
    """Stretch grey levels: the paper's level becomes white, the darkest print black."""
    sample = grey[:: max(1, grey.shape[0] // 400), :: max(1, grey.shape[1] // 400)]
    paper = float(np.percentile(sample, 90))
    ink = float(np.percentile(sample, 0.5))
    if paper - ink < 40:
        return grey
    lut = np.clip((np.arange(256, dtype=np.float32) - ink) * 255.0 / (paper - ink), 0, 255)
    return np.asarray(lut.astype(np.uint8)[grey], dtype=np.uint8)


def dark_points(grey: Grey, width: int = 1000) -> tuple[Pixels, Pixels, int, int]:
    """Coordinates of the dark pixels of a reduced copy (x, y, copy width, copy height)."""
    factor = min(1.0, width / grey.shape[1])
    small = cv2.resize(grey, None, fx=factor, fy=factor, interpolation=cv2.INTER_AREA)
    _, binary = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    ys, xs = np.nonzero(binary)
    return xs.astype(np.float32), ys.astype(np.float32), small.shape[1], small.shape[0]


def _row_sharpness(xs: Pixels, ys: Pixels, height: int, angle: float) -> float:
    theta = np.deg2rad(angle)
    rows = ys * np.cos(theta) - xs * np.sin(theta)
    offset = int(np.ceil(rows.max() - rows.min())) if rows.size else 0
    counts = np.bincount((rows - rows.min()).astype(np.int64), minlength=offset + 1)
    return float(np.square(counts.astype(np.float64)).sum())


def skew_angle(grey: Grey) -> float:
    """The page's skew in degrees (counter-clockwise positive), within ±5°."""
    xs, ys, _, height = dark_points(grey)
    if xs.size < 100:
        return 0.0

    def best(angles: Iterable[float]) -> float:
        return max(angles, key=lambda a: _row_sharpness(xs, ys, height, a))

    coarse = best(np.arange(-_MAX_SKEW, _MAX_SKEW + 0.01, 0.25))
    fine = best(np.arange(coarse - 0.25, coarse + 0.26, 0.05))
    return round(float(fine), 2)


def rotate(grey: Grey, angle: float) -> Grey:
    """`grey` rotated by `angle` degrees about its centre, new corners filled white."""
    if abs(angle) < 0.02:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rotated = cv2.warpAffine(
        grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT, borderValue=255
    )
    return np.asarray(rotated, dtype=np.uint8)


def turn(grey: Grey, quarter_turns: int) -> Grey:
    """`grey` turned clockwise by 90° `quarter_turns` times."""
    return np.ascontiguousarray(np.rot90(grey, k=-(quarter_turns % 4)))
