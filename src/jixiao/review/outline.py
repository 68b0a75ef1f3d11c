"""What kind of text the review is looking at: its outline, whether it is a form, whether it is whole.

* The outline is the document's numbered section headings (一、… and （一）…); the
  entries of a table of contents are recognised and left out.
* A form (自评表, 评分表, 得分表) has no narrative sections: its problems stand in the
  偏差原因 column, so section checks do not apply to it.
* A document is evidently partial when its text stops in mid-sentence (or with an
  ellipsis, or after a 、 or an opening bracket), or when its numbered outline stops
  before a third section: an excerpt copied from a web page, not a whole report. A
  form may end on a short field (填报人：某某), which is not a cut.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.text import TextUnit, compact

_HEADING = re.compile(
    r"^\s*(?:([一二三四五六七八九十]+)\s*[、.．]|[（(]\s*([一二三四五六七八九十]+)\s*[）)])"
)
_PAGE = re.compile(r"(?:[.．…·\s]*\d{1,3})$")
_FORM = re.compile(r"(?:自评|评价|评分|得分|基础数据|目标)表")
_TERMINAL = '。！？!?；;…”’"）)」』】》:：'
_TRAILING = " |\t\u3000\xa0"
_OPEN_END = frozenset("、，,（(《“‘")
#: A form may end on a short field (“填报人：某某”); a longer last text cut mid-sentence is an excerpt.
_FORM_FIELD = 30
_ELLIPSIS = re.compile(r"(?:\.{3,}|…{1,}|。{3,})$")
_NUMERALS = "一二三四五六七八九十"
_STARTS = frozenset(_NUMERALS + "（(")
#: Headings longer than this are numbered sentences, not titles.
MAX_TITLE = 60


class Heading(NamedTuple):
    """A numbered section title: its unit, level (1 for 一、, 2 for （一）) and number.

    A named tuple: a long report has thousands of numbered paragraphs to keep.
    """

    unit: int
    level: int
    number: int
    text: str
    toc: bool = False


def heading_level(unit: TextUnit) -> tuple[int, int] | None:
    """(level, number) of a heading unit, else None."""
    if unit.in_table or len(unit.text) > MAX_TITLE or unit.text.lstrip()[:1] not in _STARTS:
        return None
    match = _HEADING.match(unit.text)
    if match is None:
        return None
    numeral = match.group(1) or match.group(2)
    number = _NUMERALS.index(numeral[-1]) + 1 if len(numeral) == 1 else 10
    return (1 if match.group(1) else 2), number


def title_key(text: str) -> str:
    """A heading's text for comparison: compact, without a trailing page number."""
    key = compact(text)
    return _PAGE.sub("", key) if key[-1:].isdigit() else key  # a page number ends in a digit


def headings(ctx: ReviewContext) -> tuple[Heading, ...]:
    """The outline of the document (computed once), table-of-contents entries marked."""
    return ctx.shared("outline", _outline)


def _outline(ctx: ReviewContext) -> tuple[Heading, ...]:
    found: list[Heading] = []
    starts = _STARTS
    units = ctx.units
    for index in ctx.paragraphs:
        unit = units[index]
        text = unit.text  # `heading_level`'s first tests, inlined (most texts start with a word)
        first = text[:1]
        if first not in starts and not (first.isspace() and text.lstrip()[:1] in starts):
            continue
        if len(text) > MAX_TITLE:
            continue
        level = heading_level(unit)
        if level is not None:
            found.append(Heading(index, level[0], level[1], unit.text.strip()))
    return tuple(_mark_toc(ctx, found))


def _mark_toc(ctx: ReviewContext, found: list[Heading]) -> list[Heading]:
    """Mark the headings between a title and its repeat (or after 目录) as contents entries."""
    keys = [title_key(h.text) for h in found]
    end = 0
    following: dict[str, int] = {}  # a title's next repeat, found walking backwards
    for i in range(len(keys) - 1, -1, -1):
        repeat = following.get(keys[i])
        following[keys[i]] = i
        if repeat is not None and _no_body_after(ctx, found, i):
            end = max(end, repeat)
    toc = None
    if "录" in ctx.full_text:  # a contents title is 目录 (white space between allowed)
        toc = next(
            (i for i in range(len(ctx.units)) if ctx.compact_text(i).startswith("目录")), None
        )
    first = next((i for i, h in enumerate(found) if toc is not None and h.unit > toc), None)
    if first is not None:
        last = first
        while _no_body_after(ctx, found, last):
            last += 1
        end = max(end, last)
    return [_with_toc(h) if i < end else h for i, h in enumerate(found)]


def _no_body_after(ctx: ReviewContext, found: list[Heading], i: int) -> bool:
    """True when heading `i` is directly followed by the next heading (a contents entry)."""
    return i + 1 < len(found) and found[i + 1].unit - found[i].unit <= 2


def _with_toc(heading: Heading) -> Heading:
    return heading._replace(toc=True)


def is_form(ctx: ReviewContext) -> bool:
    """True when the document is a form (自评表, 评分表 …) rather than a narrative report."""
    return ctx.shared("is-form", _is_form)


def _is_form(ctx: ReviewContext) -> bool:
    head = "".join([ctx.compact_text(i) for i in range(min(6, len(ctx.units)))])[:300]
    if _FORM.search(head) and "报告" not in head[:80]:
        return True
    units = ctx.units
    prose = sum([len(units[i].text) for i in ctx.paragraphs])
    cells = len(ctx.full_text) - (len(units) - 1) - prose  # the units are joined by line breaks
    return cells > prose


def is_partial(ctx: ReviewContext) -> bool:
    """True when the text is evidently an excerpt: it stops mid-sentence or its outline stops early."""
    return ctx.shared("is-partial", _is_partial)


def _form_field(ctx: ReviewContext, last: str) -> bool:
    """True when a form ends on a short filled field (“填报人：某某”, “填报日期：2024年6月30日”)."""
    return len(last) <= _FORM_FIELD and ("：" in last or ":" in last) and is_form(ctx)


def _is_partial(ctx: ReviewContext) -> bool:
    if not ctx.units:
        return False
    last = ctx.units[-1].text.rstrip(_TRAILING)
    if not last or _ELLIPSIS.search(last) or last[-1] in _OPEN_END:
        return True
    if last[-1] not in _TERMINAL and not _form_field(ctx, last):
        return True
    numbers = [h.number for h in headings(ctx) if h.level == 1 and not h.toc]
    return not is_form(ctx) and max(numbers, default=0) < 3


def table_has_column(ctx: ReviewContext, ref: SourceRef | None, pattern: re.Pattern[str]) -> bool:
    """Whether the table `ref` stands in has a cell matching `pattern` (True when unknown)."""
    if ref is None or ref.row is None:
        return True
    view = next((v for v in ctx.tables if v.block == ref.block), None)
    if view is None:
        return True
    return any(pattern.search(c.key) for row in view.rows[: max(ref.row, 1)] for c in row)
