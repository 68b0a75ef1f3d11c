"""The document as text to review: paragraphs and cells, cut into sentences with their figures.

Everything here is computed once per review (the context caches it): the units
(paragraphs, headings, table cells), their sentences, and each sentence's tokens
(amounts, percentages, counts, dates, years; see `jixiao.text.figures`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator, Mapping
from operator import countOf, itemgetter

from jixiao.model.document import Cell, Document, Position
from jixiao.model.provenance import SourceRef
from jixiao.text.figures import (
    SEPARATOR,
    Kind,
    Token,
    label_before,
    shift,
    tokenize,
    tokenize_all,
)

_WORDLESS = re.compile(r"[\d\s.,，%％+\-—/:：()（）]*")
_END_CHAR = re.compile(r"[。；;！!？?\n]")


class TextUnit:
    """A paragraph, heading or table cell: its text and where it stands.

    ``block`` is the index of the block in the document, ``cell`` the table cell (None
    for a paragraph or heading). The source reference is built when first asked for:
    most units are never reported.
    """

    __slots__ = ("_ref", "block", "cell", "in_table", "position", "text")

    def __init__(self, text: str, block: int, position: Position, cell: Cell | None = None) -> None:
        self.text = text
        self.block = block
        self.position = position
        self.cell = cell
        self.in_table = cell is not None
        self._ref: SourceRef | None = None

    @property
    def ref(self) -> SourceRef:
        """Where the unit stands: its block, and for a cell its row and column."""
        if self._ref is None:
            cell = self.cell
            if cell is None:
                self._ref = SourceRef(self.block, self.position, self.text)
            else:
                self._ref = SourceRef(
                    self.block, self.position, self.text, row=cell.row, col=cell.col
                )
        return self._ref

    def __repr__(self) -> str:
        return f"TextUnit({self.text!r}, block={self.block}, in_table={self.in_table})"


_NO_KINDS: frozenset[Kind] = frozenset()
_KIND = itemgetter(0)  # a token's kind


class Sentence:
    """A sentence of a unit: its text, its source (narrowed to the span) and its figures.

    ``index`` is the sentence's place in the document; ``unit`` the place of its unit
    in the context's units; token spans are relative to ``text``. The source reference
    is built when asked for (most sentences are never reported).
    """

    __slots__ = (
        "_index",
        "_numbering",
        "_source",
        "end",
        "kinds",
        "start",
        "text",
        "tokens",
        "unit",
    )

    def __init__(
        self,
        text: str,
        source: TextUnit,
        tokens: tuple[Token, ...] = (),
        index: int = 0,
        unit: int = 0,
        span: tuple[int, int] | None = None,
        numbering: Numbering | None = None,
    ) -> None:
        self.text = text
        self._source = source
        self.tokens = tokens
        #: The place in the document, or with `numbering`, the place in the unit.
        self._index = index
        self._numbering = numbering
        self.unit = unit
        self.start, self.end = span if span is not None else (0, len(text))
        self.kinds = frozenset(map(_KIND, tokens)) if tokens else _NO_KINDS

    @property
    def index(self) -> int:
        """The sentence's place among the document's sentences."""
        numbering = self._numbering
        if numbering is not None:  # cut on its own: its place in the unit is known
            self._index += numbering.first(self.unit)
            self._numbering = None
        return self._index

    @property
    def ref(self) -> SourceRef:
        """The unit's source narrowed to this sentence's span."""
        unit = self._source
        cell = unit.cell
        return SourceRef(
            unit.block,
            unit.position,
            self.text.strip(),
            row=cell.row if cell is not None else None,
            col=cell.col if cell is not None else None,
            start=self.start,
            end=self.end,
        )

    def of(self, kind: Kind) -> list[Token]:
        """The tokens of one kind."""
        return [t for t in self.tokens if t.kind is kind] if kind in self.kinds else []

    def has(self, kind: Kind) -> bool:
        """True when the sentence holds a token of `kind`."""
        return kind in self.kinds

    def label(self, token: Token) -> str:
        """The words that name `token`: back from it to a stop mark or the previous figure."""
        floor = 0
        for other in self.tokens:
            if other.end <= token.start:
                floor = other.end
        return label_before(self.text, token.start, floor)

    def wide_label(self, token: Token) -> str:
        """`label`, or when it names nothing (“共”), with the clause before it (no figure between)."""
        label = self.label(token)
        start = token.start - len(label)
        while start > 0 and self.text[start - 1] in "，, ":
            start -= 1
        clause = label_before(self.text, start, limit=40)
        earlier = any(
            t.kind is Kind.AMOUNT and start - len(clause) <= t.start < start for t in self.tokens
        )
        return label if earlier or not clause else f"{clause}，{label}"


def text_units(document: Document) -> tuple[TextUnit, ...]:
    """Every text-bearing unit of `document`, in reading order."""
    return split_units(document)[0]


def split_units(document: Document) -> tuple[tuple[TextUnit, ...], tuple[int, ...]]:
    """`text_units`, and the places among them of the paragraphs (the units outside tables)."""
    out: list[TextUnit] = []
    paragraphs: list[int] = []
    append = out.append
    for index, block in enumerate(document.blocks):
        table = block.table
        if table is None:
            if block.text.strip():
                paragraphs.append(len(out))
                append(TextUnit(block.text, index, block.position))
            continue
        fallback = block.position
        for cell in table.cells:
            text = cell.text
            if text.strip():
                position = cell.position
                if position.line is None:
                    position = fallback
                append(TextUnit(text, index, position, cell))
    return tuple(out), tuple(paragraphs)


def sentences_of(unit: TextUnit, *, unit_index: int = 0, first: int = 0) -> list[Sentence]:
    """`unit` cut into sentences, each with its tokens; the unit is tokenised once."""
    return _cut(unit, tokenize(unit.text), unit_index, first)


def _cut(
    unit: TextUnit,
    tokens: tuple[Token, ...],
    unit_index: int,
    first: int,
    numbering: Numbering | None = None,
    ends: list[int] | None = None,
) -> list[Sentence]:
    """`unit` cut at its sentence `ends` (found when not given), numbered from `first`.

    With `numbering`, sentences are numbered in the unit and placed in the document later.
    """
    text = unit.text
    if ends is None:
        ends = [m.end() for m in _END_CHAR.finditer(text)]
    if not ends or ends[-1] != len(text):
        ends.append(len(text))
    out: list[Sentence] = []
    start = position = 0
    starts = [t.start for t in tokens] if tokens else None
    for end in ends:
        piece = text[start:end]
        if not piece.isspace():  # never empty: every end is past its start
            mine: tuple[Token, ...] = ()
            if starts is not None:
                stop = bisect_left(starts, end, position)
                if stop > position:
                    mine = tokens[position:stop]
                    if start:
                        mine = tuple([shift(t, start) for t in mine])
                    position = stop
            span = (start, end)
            out.append(Sentence(piece, unit, mine, first + len(out), unit_index, span, numbering))
        start = end
    return out


def _gives_none(unit: TextUnit) -> bool:
    """True for a table cell that holds only a figure: it states nothing by itself."""
    return unit.in_table and _WORDLESS.fullmatch(unit.text) is not None


class Numbering:
    """The place in the document of each unit's first sentence, counted when first asked for.

    A sentence cut from its unit alone knows its place in the unit; its place in the
    document waits for this (which holds no sentence, so that no cycle keeps them alive).
    """

    __slots__ = ("_firsts", "_units")

    def __init__(self, units: tuple[TextUnit, ...]) -> None:
        self._units = units
        self._firsts: list[int] | None = None

    def first(self, unit: int) -> int:
        """The place of the first sentence of unit `unit` (of `len(units)`: the count of all)."""
        if self._firsts is None:
            self._firsts = self._count()
        return self._firsts[unit]

    def known(self, firsts: list[int]) -> None:
        """Take the firsts found by cutting every unit."""
        self._firsts = firsts

    def _count(self) -> list[int]:
        firsts, total = [], 0
        for unit in self._units:
            firsts.append(total)
            if _gives_none(unit):
                continue
            text = unit.text
            start = 0
            for mark in _END_CHAR.finditer(text):
                total += not text[start : mark.end()].isspace()
                start = mark.end()
            total += start < len(text) and not text[start:].isspace()
        firsts.append(total)
        return firsts


class TextPass:
    """The one pass over the text: every unit's tokens; its sentences, cut when first asked for.

    Most units hold no figure, and most checks read only the sentences holding one
    (`with_kind`): those are cut from their units alone. Every sentence is cut (and
    numbered through the document) when `sentences` is first read; a sentence cut
    earlier keeps its identity.
    """

    def __init__(self, units: tuple[TextUnit, ...], unit_tokens: tuple[tuple[Token, ...], ...]):
        self.units = units
        self.unit_tokens = unit_tokens
        #: Where each unit starts in the units' texts joined by `SEPARATOR` (or by line
        #: breaks: `ReviewContext.full_text`), and one past the end.
        bases, end = [0], 0
        for unit in units:  # a plain loop: faster here than accumulate over a generator
            end += len(unit.text) + 1
            bases.append(end)
        self.bases = bases
        #: Where every sentence end mark stands in the joined texts: found in one scan when
        #: every unit is cut (a unit cut alone finds its own).
        self._ends: list[int] | None = None
        self._numbering = Numbering(units)
        self._cut: dict[int, list[Sentence]] = {}
        self._sentences: tuple[Sentence, ...] | None = None
        self._kinds: dict[Kind, tuple[Sentence, ...]] = {}
        self._worded: dict[tuple[Kind, tuple[str, ...]], tuple[Sentence, ...]] = {}
        self._units: dict[Kind, list[int]] | None = None
        self._counted: dict[tuple[Kind, int], tuple[int, ...]] = {}

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence of the document, numbered in reading order.

        A table cell that holds only a figure gives no sentence: it states nothing by
        itself, and the checks read it through the table views.
        """
        if self._sentences is None:
            self._sentences = self._every()
        return self._sentences

    def of_unit(self, index: int) -> list[Sentence]:
        """The sentences of unit `index` (cut once; callers must not change the list)."""
        found = self._cut.get(index)
        if found is None and self._sentences is not None:  # every unit is cut: a slice
            first, following = self._numbering.first(index), self._numbering.first(index + 1)
            found = self._cut[index] = list(self._sentences[first:following])
        elif found is None:
            unit = self.units[index]
            if _gives_none(unit):
                found = []
            else:
                tokens, numbering = self.unit_tokens[index], self._numbering
                found = _cut(unit, tokens, index, 0, numbering, self._ends_of(index))
            self._cut[index] = found
        return found

    def with_kind(self, kind: Kind, *words: str) -> tuple[Sentence, ...]:
        """The sentences holding a token of `kind` (and one of `words`, when given), in order.

        With `words`, only the units holding one of them are cut (unless every sentence
        of `kind` was found already): a sentence holds a word only if its unit does.
        """
        if words:
            return self._with_words(kind, words)
        found = self._kinds.get(kind)
        if found is None:
            if self._sentences is not None:
                found = tuple([s for s in self._sentences if kind in s.kinds])
            else:
                units = self._by_kind().get(kind, ())
                found = tuple([s for i in units for s in self.of_unit(i) if kind in s.kinds])
            self._kinds[kind] = found
        return found

    def _with_words(self, kind: Kind, words: tuple[str, ...]) -> tuple[Sentence, ...]:
        key = (kind, words)
        found = self._worded.get(key)
        if found is not None:
            return found
        if self._sentences is not None or kind in self._kinds:
            found = tuple([s for s in self.with_kind(kind) if holds_any(s.text, words)])
        else:
            units = self.units
            found = tuple(
                [
                    s
                    for i in self._by_kind().get(kind, ())
                    if holds_any(units[i].text, words)
                    for s in self.of_unit(i)
                    if kind in s.kinds and holds_any(s.text, words)
                ]
            )
        self._worded[key] = found
        return found

    def matching(self, pattern: re.Pattern[str]) -> list[Sentence]:
        """The sentences `pattern` finds something in, in reading order.

        Only the units it finds something in are cut, so the pattern must not depend on
        where a sentence starts or ends (no ``^``/``$``, no look-behind past a sentence end).
        """
        if self._sentences is not None:
            return [s for s in self._sentences if pattern.search(s.text)]
        search = pattern.search
        return [
            s
            for index, unit in enumerate(self.units)
            if search(unit.text)
            for s in self.of_unit(index)
            if search(s.text)
        ]

    def units_with(self, kind: Kind, at_least: int = 1) -> tuple[int, ...]:
        """The units holding at least `at_least` tokens of `kind`, in order (found once)."""
        key = (kind, at_least)
        found = self._counted.get(key)
        if found is None:
            units = self._by_kind().get(kind, ())
            if at_least > 1:
                tokens = self.unit_tokens
                units = [i for i in units if countOf(map(_KIND, tokens[i]), kind) >= at_least]
            found = self._counted[key] = tuple(units)
        return found

    def _every_end(self) -> list[int]:
        if self._ends is None:
            joined = SEPARATOR.join([u.text for u in self.units])
            self._ends = [m.end() for m in _END_CHAR.finditer(joined)]
        return self._ends

    def _ends_of(self, index: int) -> list[int]:
        """The sentence ends of unit `index`, in the unit's text."""
        base, ends = self.bases[index], self._ends
        if ends is None:  # most units are never cut: scan this one alone
            return [m.end() for m in _END_CHAR.finditer(self.units[index].text)]
        low = bisect_right(ends, base)
        high = bisect_right(ends, self.bases[index + 1] - 1, low)
        return [end - base for end in ends[low:high]]

    def _by_kind(self) -> dict[Kind, list[int]]:
        """The units holding each kind of token."""
        if self._units is None:
            found: dict[Kind, list[int]] = {kind: [] for kind in Kind}
            for index, tokens in enumerate(self.unit_tokens):
                last = None  # tokens of a kind often follow each other: no set per unit
                for token in tokens:
                    kind = token[0]
                    if kind is not last:
                        units = found[kind]
                        if not units or units[-1] != index:
                            units.append(index)
                        last = kind
            self._units = found
        return self._units

    def _every(self) -> tuple[Sentence, ...]:
        out: list[Sentence] = []
        append = out.append
        firsts: list[int] = []
        done = self._cut
        unit_tokens, bases, ends = self.unit_tokens, self.bases, self._every_end()
        wordless = _WORDLESS.fullmatch
        low, count = 0, len(ends)
        for index, unit in enumerate(self.units):
            firsts.append(len(out))
            high, base = low, bases[index]
            limit = bases[index + 1]
            while high < count and ends[high] < limit:
                high += 1
            mine, low = (ends[low:high] if high > low else None), high
            cut = done.get(index) if done else None
            if cut is not None:
                for sentence in cut:
                    sentence._index = len(out)
                    sentence._numbering = None
                    append(sentence)
                continue
            text = unit.text
            if unit.in_table and wordless(text):
                continue  # a cell holding only a figure: read through the table views
            if mine is None:  # one sentence (a unit is never blank)
                append(Sentence(text, unit, unit_tokens[index], len(out), index, (0, len(text))))
            else:
                at = [end - base for end in mine]
                out.extend(_cut(unit, unit_tokens[index], index, len(out), ends=at))
        firsts.append(len(out))  # where the sentences after the last unit would start
        self._numbering.known(firsts)
        return tuple(out)


def text_pass(
    units: tuple[TextUnit, ...], known: Mapping[int, tuple[Token, ...]] | None = None
) -> TextPass:
    """Tokenise every unit once and find the sentence ends; sentences are cut when needed.

    `known` holds the figures of paragraphs already scanned, by block (extraction's
    `figures`): those are taken as they are and only the other units are scanned.
    """
    return TextPass(units, _tokens(units, known or {}))


def _tokens(
    units: tuple[TextUnit, ...], known: Mapping[int, tuple[Token, ...]]
) -> tuple[tuple[Token, ...], ...]:
    """Every unit's tokens: a paragraph's from `known`, the other units' from one scan.

    A text written in several cells (合计, 项目名称, a repeated figure) is scanned once.
    """
    out: list[tuple[Token, ...] | None] = []
    waiting: dict[str, list[int]] = {}  # texts to scan → the units holding them
    append = out.append
    for place, unit in enumerate(units):
        if unit.cell is None and unit.block in known:
            append(known[unit.block])
            continue
        append(None)
        holders = waiting.get(unit.text)
        if holders is None:
            waiting[unit.text] = [place]
        else:
            holders.append(place)
    for text, tokens in zip(waiting, tokenize_all(list(waiting)), strict=True):
        for place in waiting[text]:
            out[place] = tokens
    return tuple(out)  # type: ignore[arg-type]  # every place is filled


def all_sentences(units: tuple[TextUnit, ...]) -> Iterator[Sentence]:
    """The sentences of every unit, numbered through the document."""
    return iter(text_pass(units).sentences)


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """True when `text` holds one of `words` (a loop: no generator to make for each text)."""
    for word in words:  # noqa: SIM110  # `any` over a generator costs ~3x this loop on hot paths
        if word in text:
            return True
    return False


def compact(text: str) -> str:
    """`text` without any white space (for matching labels)."""
    return "".join(text.split())
