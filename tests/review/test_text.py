"""The text pass: sentences cut when first needed keep their place, identity and tokens."""

from __future__ import annotations

import gc
import re
import weakref

from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.review.text import TextPass, text_pass, text_units
from jixiao.text.figures import Kind, tokenize


def _document() -> Document:
    cells = (
        Cell(0, 0, "项目"),
        Cell(0, 1, "金额"),
        Cell(1, 0, "培训费"),
        Cell(1, 1, "12.5"),
        Cell(2, 0, "完成率"),
        Cell(2, 1, "98%"),
    )
    return Document(
        "made-up.txt",
        "text",
        (
            Block("paragraph", "一、基本情况"),
            Block("paragraph", "本单位共有在职人员12人。全年预算收入100万元；支出95万元。"),
            Block("table", table=Table(cells, 3, 2), position=Position(line=4)),
            Block("paragraph", "  \n执行率95%，较上年提高2个百分点。\n2024年3月5日"),
            Block("paragraph", "下一步将加强管理。"),
        ),
    )


def _every(document: Document) -> TextPass:
    return text_pass(text_units(document))


def test_sentences_by_kind_are_the_sentences_of_the_whole_document() -> None:
    document = _document()
    for kind in Kind:
        lazy = _every(document).with_kind(kind)  # cut from their units alone
        whole = _every(document)
        every = whole.sentences
        expected = [(s.index, s.text, s.tokens) for s in every if kind in s.kinds]
        assert [(s.index, s.text, s.tokens) for s in lazy] == expected
        assert whole.with_kind(kind) == tuple(s for s in every if kind in s.kinds)


def test_a_sentence_cut_early_keeps_its_identity_and_its_place() -> None:
    found = _every(_document())
    amounts = found.with_kind(Kind.AMOUNT)
    places = [s.index for s in amounts]  # numbered before the other units are cut
    every = found.sentences
    assert all(every[s.index] is s for s in amounts)
    assert [s.index for s in amounts] == places
    assert [s.text for s in every][:3] == [
        "一、基本情况",
        "本单位共有在职人员12人。",
        "全年预算收入100万元；",
    ]
    assert all(s.index == n for n, s in enumerate(every))


def test_figure_only_cells_and_blank_pieces_give_no_sentence() -> None:
    every = _every(_document()).sentences
    texts = [s.text for s in every]
    assert "12.5" not in texts and "98%" not in texts  # read through the table views
    assert "培训费" in texts
    assert "  \n" not in texts  # a blank piece
    dated = next(s for s in every if s.has(Kind.DATE))
    assert dated.text == "2024年3月5日" and dated.of(Kind.DATE)[0].start == 0


def test_units_by_kind_and_count() -> None:
    found = _every(_document())
    amounts = found.units_with(Kind.AMOUNT, 2)
    assert [found.units[i].text[:5] for i in amounts] == ["本单位共有"]
    assert found.units_with(Kind.PERCENT) == tuple(
        i
        for i, tokens in enumerate(found.unit_tokens)
        if any(t.kind is Kind.PERCENT for t in tokens)
    )


def test_the_text_pass_holds_no_reference_cycle() -> None:
    """A review's text is freed as soon as the review ends, without the cycle collector."""
    gc.disable()
    try:
        found = _every(_document())
        found.with_kind(Kind.AMOUNT)[0].index  # noqa: B018 - numbering a sentence cut early
        found.sentences  # noqa: B018
        alive = weakref.ref(found)
        del found
        assert alive() is None
    finally:
        gc.enable()


def test_sentences_matching_a_pattern_are_those_of_the_whole_document() -> None:
    pattern = re.compile(r"预算|执行率")
    lazy = _every(_document()).matching(pattern)
    whole = _every(_document())
    expected = [s for s in whole.sentences if pattern.search(s.text)]
    assert [(s.index, s.text) for s in lazy] == [(s.index, s.text) for s in expected]
    assert whole.matching(pattern) == expected


def test_the_sentences_of_a_unit_are_the_same_before_and_after_the_whole_cut() -> None:
    early = _every(_document())
    late = _every(_document())
    every = late.sentences
    for index in range(len(early.units)):
        mine = [s for s in every if s.unit == index]
        assert late.of_unit(index) == mine  # slices of the whole, same objects
        assert [(s.index, s.text) for s in early.of_unit(index)] == [
            (s.index, s.text) for s in mine
        ]
    assert early.of_unit(1)[1] is early.sentences[2]  # cut early, then found in the whole


def test_known_figures_of_paragraphs_give_the_same_pass() -> None:
    document = _document()
    units = text_units(document)
    paragraphs = [b for b in document.blocks if b.table is None]
    known = {i: tokenize(b.text) for i, b in enumerate(document.blocks) if b in paragraphs}
    given, scanned = text_pass(units, known), text_pass(units)
    assert given.unit_tokens == scanned.unit_tokens
    assert [s.text for s in given.sentences] == [s.text for s in scanned.sentences]


def test_sentences_of_a_kind_with_words_are_those_holding_a_word() -> None:
    lazy, whole = _every(_document()), _every(_document())
    expected = [s.text for s in whole.with_kind(Kind.AMOUNT) if "支出" in s.text or "培训" in s.text]
    assert [s.text for s in lazy.with_kind(Kind.AMOUNT, "支出", "培训")] == expected == ["支出95万元。"]
    assert [s.text for s in whole.with_kind(Kind.AMOUNT, "支出", "培训")] == expected
