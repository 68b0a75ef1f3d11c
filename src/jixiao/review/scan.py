"""Necessary-condition prefilters for the checks: where in the text a word stands.

A check that needs a word (编制, 年度, 号 …) in a paragraph or cell looks only at the
units that hold it. They are found by `str.find` over the context's `full_text` (a
C-speed scan, much faster than testing every unit in Python or than a regular
expression of alternatives), and the answer is shared for the review. A word never
holds a line break, so a hit lies inside one unit; the checks still test their own
condition on the units found, so the prefilter changes what they cost, not what they
find.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.review.context import ReviewContext
from jixiao.review.tables import TableView
from jixiao.review.text import Sentence


def units_holding(ctx: ReviewContext, *words: str) -> tuple[int, ...]:
    """The units whose text holds any of `words`, in order (found once per review)."""
    return ctx.shared("holding-" + "|".join(words), lambda c: _holding(c, words))


def _holding(ctx: ReviewContext, words: tuple[str, ...]) -> tuple[int, ...]:
    text = ctx.full_text
    starts = ctx.unit_starts
    found: set[int] = set()
    for word in words:
        if len(word) > 1 and any(text.find(char) < 0 for char in word):
            continue  # a character of it is absent: searching one character is ~30x faster
        position = text.find(word)
        while position >= 0:
            unit = ctx.unit_at(position)
            found.add(unit)
            position = text.find(word, starts[unit + 1])
    return tuple(sorted(found))


def sentences_in(ctx: ReviewContext, units: tuple[int, ...]) -> Iterator[Sentence]:
    """The sentences of `units` (in order), each unit cut when first asked for."""
    for unit in units:
        yield from ctx.unit_sentences(unit)


def _table_texts(ctx: ReviewContext) -> tuple[str, ...]:
    """Each table's compact cell texts joined by line breaks (they hold none)."""
    return tuple("\n".join(["\n".join(keys) for keys in view.keys]) for view in ctx.tables)


def tables_holding(ctx: ReviewContext, *words: str, any_of: bool = False) -> list[TableView]:
    """The tables whose cells hold every one of `words` (with `any_of`, one of them)."""
    texts = ctx.shared("table-texts", _table_texts)
    test = any if any_of else all
    found = zip(ctx.tables, texts, strict=True)
    return [view for view, text in found if test(w in text for w in words)]
