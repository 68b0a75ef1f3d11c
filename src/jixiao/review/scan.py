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

from bisect import bisect_right
from collections.abc import Iterator

from jixiao.review.context import ReviewContext
from jixiao.review.tables import TableView
from jixiao.review.text import Sentence


def units_holding(ctx: ReviewContext, *words: str) -> tuple[int, ...]:
    """The units whose text holds any of `words`, in order (found once per review)."""
    return ctx.shared("holding-" + "|".join(words), lambda c: _holding(c, words))


def _holding(ctx: ReviewContext, words: tuple[str, ...]) -> tuple[int, ...]:
    """The units holding a word, found by walking one character of each word.

    Finding one character runs at memory speed, finding two or more is ~15x slower
    (CPython 3.11 on CJK text). So each word is walked by the character of it that first
    appears latest in the text (likely its rarest; a word with an absent character is
    skipped at once), and each place found is tested for the whole word.
    """
    text = ctx.full_text
    starts = ctx.unit_starts
    found: set[int] = set()
    find, holds = text.find, text.startswith
    for word in words:
        offset = at = -1  # the character that first appears latest, and where
        for place, char in enumerate(word):
            first = find(char)
            if first < 0:
                at = -1
                break
            if first > at:
                at, offset = first, place
        char = word[offset]
        while at >= 0:
            start = at - offset
            if start >= 0 and holds(word, start):
                unit = bisect_right(starts, start) - 1  # `ctx.unit_at`
                found.add(unit)
                at = find(char, starts[unit + 1] + offset)  # the next unit on
            else:
                at = find(char, at + 1)
    return tuple(sorted(found))


def may_mention(ctx: ReviewContext, *words: str) -> bool:
    """False when no word of `words` can stand anywhere in the document, compacted or not.

    A word can only stand where each of its characters does: one character absent from
    the text (one search at memory speed, answered once per character) rules the word
    out, also in compact texts and cell keys, which only lose white space and quotes.
    """
    seen: dict[str, bool] = ctx.shared("characters", lambda c: {})
    text = ctx.full_text
    for word in words:
        for char in word:
            present = seen.get(char)
            if present is None:
                present = seen[char] = char in text
            if not present:
                break
        else:
            return True
    return False


def sentences_in(ctx: ReviewContext, units: tuple[int, ...]) -> Iterator[Sentence]:
    """The sentences of `units` (in order), each unit cut when first asked for."""
    for unit in units:
        yield from ctx.unit_sentences(unit)


def _table_texts(ctx: ReviewContext) -> tuple[str, ...]:
    """Each table's compact cell texts joined by line breaks (they hold none)."""
    return tuple([view.text for view in ctx.tables])


def tables_holding(ctx: ReviewContext, *words: str, any_of: bool = False) -> list[TableView]:
    """The tables whose cells hold every one of `words` (with `any_of`, one of them)."""
    texts = ctx.shared("table-texts", _table_texts)
    if len(words) == 1:  # most calls: no generator for each table
        word = words[0]
        return [view for view, text in zip(ctx.tables, texts, strict=True) if word in text]
    test = any if any_of else all
    return [view for view, text in zip(ctx.tables, texts, strict=True) if test([w in text for w in words])]
