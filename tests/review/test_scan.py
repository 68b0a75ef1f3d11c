"""The prefilters of the review give what a plain search would, only faster."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model.document import Block, Cell, Document, Table
from jixiao.model.record import Record
from jixiao.review.completeness import _start
from jixiao.review.context import ReviewContext
from jixiao.review.numbers import decimals
from jixiao.review.scan import may_mention, units_holding
from jixiao.review.text import compact, holds_any

#: Few characters, so that words and their parts meet often; white space of every kind.
_ALPHABET = "编制超年度号未无控在 \u3000\t\n“”"
_WORDS = ("编制", "超编", "年度", "未超", "无超", "控制在", "号", "度号", "超超")
texts = st.text(alphabet=_ALPHABET, max_size=12)


def _context(paragraphs: list[str], cells: list[str]) -> ReviewContext:
    blocks = [Block("paragraph", text) for text in paragraphs]
    if cells:
        table = Table(tuple(Cell(0, col, text) for col, text in enumerate(cells)), 1, len(cells))
        blocks.insert(len(blocks) // 2, Block("table", table=table))
    return ReviewContext(Record(), {}, Document("case.txt", "text", tuple(blocks)))


@settings(max_examples=300)
@given(st.lists(texts, max_size=6), st.lists(texts, max_size=5), st.sets(st.sampled_from(_WORDS), min_size=1))
def test_units_holding_finds_exactly_the_units_a_plain_search_finds(
    paragraphs: list[str], cells: list[str], words: set[str]
) -> None:
    ctx = _context(paragraphs, cells)
    chosen = tuple(sorted(words))
    expected = tuple(i for i, unit in enumerate(ctx.units) if any(w in unit.text for w in chosen))
    assert units_holding(ctx, *chosen) == expected


@settings(max_examples=300)
@given(st.lists(texts, max_size=6), st.lists(texts, max_size=5), st.sampled_from(_WORDS))
def test_a_word_ruled_out_stands_nowhere_not_even_compacted(
    paragraphs: list[str], cells: list[str], word: str
) -> None:
    ctx = _context(paragraphs, cells)
    if not may_mention(ctx, word):
        for unit in ctx.units:
            bare = compact(unit.text).replace("“", "").replace("”", "")
            assert word not in unit.text and word not in bare


def test_a_word_whose_characters_all_stand_may_be_mentioned() -> None:
    ctx = _context(["编号为控制", "超"], [])
    assert may_mention(ctx, "控制")
    assert may_mention(ctx, "超编")  # its characters stand, apart: not ruled out
    assert not may_mention(ctx, "年度")


@given(texts, st.lists(st.sampled_from(_WORDS), max_size=3))
def test_holds_any_is_any_word_in_the_text(text: str, words: list[str]) -> None:
    assert holds_any(text, tuple(words)) == any(w in text for w in words)


@given(st.text(alphabet=" \u3000\t\n问题措施建议存在的一、（）a1", max_size=70))
def test_a_paragraph_start_is_its_compact_text_cut_short(text: str) -> None:
    assert _start(text) == compact(text)[:16]


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_decimals_read_from_the_text_are_the_exponent_s(value: Decimal) -> None:
    exponent = value.as_tuple().exponent
    expected = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    assert decimals(value) == expected
