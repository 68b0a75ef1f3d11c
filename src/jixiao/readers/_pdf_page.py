"""What one PDF page holds, read through PDFium: runs of text and ruling segments.

A *run* is a stretch of characters on one baseline with no gap inside: PDFium's own
text order already separates words and columns with generated spaces and line
breaks, so a page costs a few calls per run (first and last character) instead of
several per character. A run whose width does not fit its characters (a gap PDFium
did not mark) is measured again character by character and split at its gaps.

*Segments* are the horizontal and vertical lines a table's rules are drawn with:
thin path objects, the edges of stroked or filled rectangles and the straight parts
of other paths, in page coordinates with the origin at the top left (y grows down).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field
from typing import Any

import pypdfium2.raw as pdfium_c

_WORD = re.compile(r"\S+")
_WIDE = re.compile(r"[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60\u3000-\u303f]")
_BOLD_NAME = re.compile(r"bold|heavy|black|semibold|demi|[-,]B$|黑体|Hei", re.IGNORECASE)
#: Font flag "ForceBold" (PDF 1.7, table 123).
_FORCE_BOLD = 1 << 18
#: Longest or shortest side (points) of a path object drawn as one rule.
_THIN = 3.0
#: Longest run of typed spaces kept as typed.
_MAX_TYPED = 12
#: Shortest rule kept, in points.
_MIN_RULE = 2.0


@dataclass(slots=True)
class Run:
    """Characters on one baseline without a gap, in page coordinates (y down)."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool = False
    first: int = 0  # index of the first character in PDFium's text page
    last: int = 0  # index of the last character
    #: Space characters typed before the run (not made up by PDFium), as typed.
    typed: str = ""


@dataclass(frozen=True, slots=True)
class Segment:
    """A horizontal (``pos`` = y) or vertical (``pos`` = x) line from ``start`` to ``end``."""

    horizontal: bool
    pos: float
    start: float
    end: float


@dataclass
class PageContent:
    """The runs, rules and images of one page."""

    number: int
    width: float
    height: float
    runs: list[Run] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    images: int = 0


@dataclass(frozen=True)
class View:
    """PDF user space (y up) to the page as displayed (y down, its /Rotate applied)."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int = 0

    @classmethod
    def of(cls, page: Any) -> View:
        left, bottom, right, top = (float(v) for v in page.get_bbox())
        return cls(left, bottom, right, top, int(page.get_rotation()) % 360)

    @property
    def width(self) -> float:
        wide = self.right - self.left
        return wide if self.rotation in (0, 180) else self.top - self.bottom

    @property
    def height(self) -> float:
        tall = self.top - self.bottom
        return tall if self.rotation in (0, 180) else self.right - self.left

    def point(self, x: float, y: float) -> tuple[float, float]:
        """Displayed (x, y-down) of the user-space point (x, y)."""
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """Displayed (x0, top, x1, bottom) of a user-space rectangle."""
        ax, ay = self.point(x0, y0)
        bx, by = self.point(x1, y1)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


class PageReader:
    """Reads one loaded page; keep it while runs may still need splitting."""

    def __init__(self, page: Any, number: int) -> None:
        self.page = page
        self.number = number
        self.view = View.of(page)
        self.width, self.height = self.view.width, self.view.height
        self._upright = self.view.rotation == 0
        self._origin = (self.view.left, self.view.top)
        self.textpage = page.get_textpage()
        self._tp = self.textpage.raw
        self._rect = pdfium_c.FS_RECTF()
        self._x = ctypes.c_double()
        self._y = ctypes.c_double()
        self._font = ctypes.create_string_buffer(128)
        self._flags = ctypes.c_int()
        self._chars = ""

    def close(self) -> None:
        """Release the text page."""
        self.textpage.close()

    def content(self) -> PageContent:
        """Runs, segments and image count of the page."""
        out = PageContent(self.number, self.width, self.height)
        out.runs = self._runs()
        walker = _ObjectWalker(self.view)
        walker.walk_page(self.page.raw)
        out.segments, out.images = walker.segments, walker.images
        return out

    # -- text ---------------------------------------------------------------

    def _text(self) -> str:
        count = pdfium_c.FPDFText_CountChars(self._tp)
        if count <= 0:
            return ""
        text = str(self.textpage.get_text_range(0, count))
        if len(text) != count:  # characters outside the BMP or other mismatches
            get = pdfium_c.FPDFText_GetUnicode
            text = "".join(chr(get(self._tp, i) or 32) for i in range(count))
        return text

    def _runs(self) -> list[Run]:
        text = self._chars = self._text()
        runs: list[Run] = []
        end = 0
        for match in _WORD.finditer(text):
            first, last = match.start(), match.end() - 1
            run = self._run(text, first, last)
            if run is None:
                continue
            if 0 < first - end <= _MAX_TYPED and end > 0:
                run.typed = self._typed(text, end, first)
            end = last + 1
            if _fits(run):
                runs.append(run)
            else:
                runs.extend(self.split(run, text))
        return runs

    def _typed(self, text: str, start: int, end: int) -> str:
        """``text[start:end]`` when it is all space characters of the document itself."""
        gap = text[start:end]
        if "\r" in gap or "\n" in gap:
            return ""
        generated = pdfium_c.FPDFText_IsGenerated
        return "" if any(generated(self._tp, i) for i in range(start, end)) else gap

    def _box(self, index: int) -> tuple[float, float, float, float]:
        """Loose box (x0, top, x1, bottom) of one character, y down."""
        rect = self._rect
        pdfium_c.FPDFText_GetLooseCharBox(self._tp, index, rect)
        if self._upright:
            left, top = self._origin
            return rect.left - left, top - rect.top, rect.right - left, top - rect.bottom
        return self.view.box(rect.left, rect.bottom, rect.right, rect.top)

    def _origin_of(self, index: int) -> tuple[float, float]:
        """Displayed (x, y-down) of a character's origin on its baseline."""
        pdfium_c.FPDFText_GetCharOrigin(self._tp, index, self._x, self._y)
        if self._upright:
            left, top = self._origin
            return self._x.value - left, top - self._y.value
        return self.view.point(self._x.value, self._y.value)

    def _run(self, text: str, first: int, last: int) -> Run | None:
        size = float(pdfium_c.FPDFText_GetFontSize(self._tp, first))
        if size <= 0:
            return None
        x0, base = self._origin_of(first)  # a loose box starts at its character's origin
        last_x0, last_top, x1, last_bottom = self._box(last)
        if last_x0 < x0 - 0.5 or not last_top <= base <= last_bottom:
            x1 = x0 - 1.0  # out of order or not on one line: measured again
        return Run(
            x0=x0,
            x1=x1,
            top=base - 0.88 * size,
            bottom=base + 0.12 * size,
            text=text[first : last + 1],
            size=size,
            first=first,
            last=last,
        )

    def bold(self, index: int) -> bool:
        """Whether character `index` is set in a bold font (weight, name or flag)."""
        weight = pdfium_c.FPDFText_GetFontWeight(self._tp, index)
        if weight >= 600:
            return True
        pdfium_c.FPDFText_GetFontInfo(self._tp, index, self._font, 128, self._flags)
        name = self._font.value.decode("latin-1", "replace")
        return bool(self._flags.value & _FORCE_BOLD) or bool(_BOLD_NAME.search(name))

    def split(self, run: Run, text: str | None = None, at: tuple[float, ...] = ()) -> list[Run]:
        """`run` measured per character and cut at its gaps, line changes and at x in `at`."""
        text = text if text is not None else self._chars
        pieces: list[Run] = []
        size = run.size
        for index in range(run.first, run.last + 1):
            if text[index].isspace():
                continue
            x0, _, x1, _ = self._box(index)
            base = self._origin_of(index)[1]
            if pieces and not _cut(pieces[-1], x0, base, size, at):
                piece = pieces[-1]
                piece.x1, piece.last = max(piece.x1, x1), index
                piece.text += text[index]
                continue
            top, bottom = base - 0.88 * size, base + 0.12 * size
            pieces.append(Run(x0, x1, top, bottom, text[index], size, run.bold, index, index))
        return pieces


def _cut(piece: Run, x0: float, base: float, size: float, at: tuple[float, ...]) -> bool:
    if abs(piece.bottom - 0.12 * size - base) > 0.4 * size:
        return True
    if x0 - piece.x1 > 0.6 * size or x0 < piece.x1 - 0.3 * size:
        return True
    return any(piece.x0 < x <= x0 + 0.5 for x in at)


def _fits(run: Run) -> bool:
    """Whether the run reads left to right and its width is no more than its characters fill."""
    if run.x1 < run.x0:
        return False
    wide = len(_WIDE.findall(run.text))
    expected = (wide + 0.62 * (len(run.text) - wide)) * run.size
    return run.x1 - run.x0 <= 1.25 * expected + 0.6 * run.size


# -- rules ------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """The matrix applying `m` first, then `n` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


class _ObjectWalker:
    """Collects rule segments and counts images over a page's objects (forms included)."""

    def __init__(self, view: View) -> None:
        self.view = view
        self.segments: list[Segment] = []
        self.images = 0
        self._l, self._b = ctypes.c_float(), ctypes.c_float()
        self._r, self._t = ctypes.c_float(), ctypes.c_float()
        self._fill, self._stroke = ctypes.c_int(), ctypes.c_int()
        self._rgba = [ctypes.c_uint() for _ in range(4)]
        self._matrix = pdfium_c.FS_MATRIX()

    def walk_page(self, page: Any) -> None:
        get, kind_of = pdfium_c.FPDFPage_GetObject, pdfium_c.FPDFPageObj_GetType
        for i in range(pdfium_c.FPDFPage_CountObjects(page)):
            obj = get(page, i)
            kind = kind_of(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self._path(obj, None)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                self._form(obj, _IDENTITY, 0)

    def _own_matrix(self, obj: Any) -> Matrix:
        m = self._matrix
        if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
            return _IDENTITY
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _form(self, form: Any, outer: Matrix, depth: int) -> None:
        if depth > 8:
            return
        matrix = _times(self._own_matrix(form), outer)
        for i in range(pdfium_c.FPDFFormObj_CountObjects(form)):
            obj = pdfium_c.FPDFFormObj_GetObject(form, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                self._path(obj, matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                self.images += 1
            elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                self._form(obj, matrix, depth + 1)

    def _visible(self, obj: Any) -> bool:
        if not pdfium_c.FPDFPath_GetDrawMode(obj, self._fill, self._stroke):
            return True
        if self._stroke.value:
            return True
        if self._fill.value == pdfium_c.FPDF_FILLMODE_NONE:
            return False
        r, g, b, a = self._rgba
        if not pdfium_c.FPDFPageObj_GetFillColor(obj, r, g, b, a):
            return True
        white = min(r.value, g.value, b.value) >= 245
        return a.value > 0 and not white

    def _path(self, obj: Any, outer: Matrix | None) -> None:
        if not self._visible(obj):
            return
        if outer is None and pdfium_c.FPDFPageObj_GetBounds(
            obj, self._l, self._b, self._r, self._t
        ):
            x0, top, x1, bottom = self.view.box(
                self._l.value, self._b.value, self._r.value, self._t.value
            )
            if min(x1 - x0, bottom - top) <= _THIN:
                self._add_thin(x0, top, x1, bottom)
                return
        matrix = self._own_matrix(obj)
        self._add_path(obj, matrix if outer is None else _times(matrix, outer))

    def _add_thin(self, x0: float, top: float, x1: float, bottom: float) -> None:
        if x1 - x0 >= bottom - top and x1 - x0 >= _MIN_RULE:
            self.segments.append(Segment(True, (top + bottom) / 2, x0, x1))
        elif bottom - top >= _MIN_RULE:
            self.segments.append(Segment(False, (x0 + x1) / 2, top, bottom))

    def _add_path(self, obj: Any, m: Matrix) -> None:
        x, y = ctypes.c_float(), ctypes.c_float()
        start = prev = None
        for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
            seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
            pdfium_c.FPDFPathSegment_GetPoint(seg, x, y)
            px, py = self.view.point(
                m[0] * x.value + m[2] * y.value + m[4], m[1] * x.value + m[3] * y.value + m[5]
            )
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = (px, py)
                continue
            if kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
                self._add_line(prev, (px, py))
            prev = (px, py)
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                self._add_line(prev, start)
                prev = start

    def _add_line(self, a: tuple[float, float], b: tuple[float, float]) -> None:
        (ax, ay), (bx, by) = a, b
        if abs(ay - by) <= 1.0 and abs(ax - bx) >= _MIN_RULE:
            self.segments.append(Segment(True, (ay + by) / 2, min(ax, bx), max(ax, bx)))
        elif abs(ax - bx) <= 1.0 and abs(ay - by) >= _MIN_RULE:
            self.segments.append(Segment(False, (ax + bx) / 2, min(ay, by), max(ay, by)))
