"""What every extractor needs: the document's text units, outline and tables.

A *unit* is a paragraph (or a heading) or a table cell, with its source. The
outline is recovered from numbering (一、 （一） 1. （1）) and from heading styles;
each unit knows the titles of the sections it stands in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any, TypeVar

from jixiao.extract.numbers import clean
from jixiao.model.document import Block, Document, Table
from jixiao.model.provenance import SourceRef
from jixiao.text.figures import Token, tokenize_all

#: Outline numbering patterns with their rank (1 = top level).
HEADING_MARKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"^第[一二三四五六七八九十]+(?:部分|章)\s*[、．.:：]?\s*")),
    (1, re.compile(r"^[一二三四五六七八九十]{1,3}\s*[、．.]\s*")),
    (2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*[、．.]?\s*")),
    (3, re.compile(r"^\d{1,2}\s*[、．.](?!\d)\s*")),
    (4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
)
#: The first characters of the outline numbers above (digits aside).
_MARK_STARTS = frozenset("第一二三四五六七八九十（(")
_SENTENCE_END = re.compile(r"[。；;！!？?：:]\s*$")
_REPORT_WORDS = re.compile(r"绩效|自评|评价报告")
_REPORT_TOPIC = re.compile(r"预算|支出|经费|指标|资金")
T = TypeVar("T")


def heading_rank(text: str) -> tuple[int, str] | None:
    """(rank, title without its number) when `text` reads as an outline heading."""
    first = text[:1]
    if first not in _MARK_STARTS and not first.isdigit():
        return None  # every outline number starts with one of these
    for rank, pattern in HEADING_MARKS:
        match = pattern.match(text)
        if match is None:
            continue
        title = text[match.end():].strip()
        body = title.rstrip("。.：:")
        if title and len(body) <= 40 and "。" not in body:
            return rank, title
        return None
    return None


def strip_mark(text: str) -> str:
    """`text` without a leading outline number."""
    for _rank, pattern in HEADING_MARKS:
        match = pattern.match(text)
        if match:
            return text[match.end():].strip()
    return text


@dataclass(frozen=True, slots=True)
class Unit:
    """A paragraph or a table cell, with its source and the section titles above it."""

    text: str
    ref: SourceRef
    sections: tuple[str, ...]
    heading: int | None = None  # outline rank when the unit is a heading


@dataclass
class Context:
    """The document prepared for the extractors."""

    document: Document
    units: list[Unit] = field(default_factory=list)
    tables: list[tuple[int, Table, tuple[str, ...]]] = field(default_factory=list)
    year: int | None = None
    #: Views several extractors read (`shared`), built once per document.
    _shared: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def build(cls, document: Document) -> Context:
        """Walk the blocks once, keeping the outline stack."""
        ctx = cls(document)
        stack: list[tuple[int, str]] = []
        for index, block in enumerate(document.blocks):
            if block.table is not None:
                ctx.tables.append((index, block.table, tuple(t for _, t in stack)))
                continue
            rank = _rank_of(block)
            if rank is not None:
                while stack and stack[-1][0] >= rank[0]:
                    stack.pop()
                stack.append(rank)
            ref = SourceRef(index, block.position, block.text)
            ctx.units.append(Unit(block.text, ref, tuple(t for _, t in stack), rank and rank[0]))
        return ctx

    def figures(self) -> dict[int, tuple[Token, ...]]:
        """The figures of every paragraph, by block, found in one scan (built once).

        Every paragraph has an entry (an empty tuple when it holds no figure), so that a
        later stage knows which texts were scanned.
        """
        return self.shared("figures", self._figures)

    def _figures(self) -> dict[int, tuple[Token, ...]]:
        found = tokenize_all([u.text for u in self.units])
        return {unit.ref.block: tokens for unit, tokens in zip(self.units, found, strict=True)}

    def paragraphs(self) -> list[Unit]:
        """Every paragraph and heading, in order."""
        return self.units

    def shared(self, key: Hashable, build: Callable[[], T]) -> T:
        """`build()`, computed once per document under `key` (for what several extractors read)."""
        if key not in self._shared:
            self._shared[key] = build()
        found: T = self._shared[key]
        return found

    def grid_texts(self, table: Table) -> list[list[str]]:
        """The table's grid with each slot's text cleaned ('' for an empty slot), built once.

        Callers read it and must not change it.
        """
        return self.shared(
            ("grid-texts", id(table)),
            lambda: [[clean(c.text) if c else "" for c in row] for row in table.grid()],
        )

    def cell_units(self, min_length: int = 12) -> list[Unit]:
        """Table cells long enough to hold sentences, as units (a new list each call)."""
        return list(self.shared(("cells", min_length), lambda: self._cell_units(min_length)))

    def _cell_units(self, min_length: int) -> list[Unit]:
        out = []
        for index, table, sections in self.tables:
            for cell in table.cells:
                if len(cell.text) >= min_length:
                    ref = SourceRef(index, cell.position, cell.text, row=cell.row, col=cell.col)
                    out.append(Unit(cell.text, ref, sections))
        return out

    def prose(self) -> list[Unit]:
        """Paragraphs and sentence-holding table cells, paragraphs first."""
        return self.units + self.shared(("cells", 12), lambda: self._cell_units(12))

    def broken_lines(self, reach: int = 40) -> list[tuple[str, Unit]]:
        """Paragraphs cut mid-sentence by a line break, rejoined around the break.

        Text copied from PDFs breaks lines inside sentences (“…自评得分” / “90分，…”).
        Each pair of neighbours where the first does not end a sentence gives the last
        `reach` characters of the first joined to the first `reach` of the second.
        """
        out = []
        for unit, nxt in pairwise(self.units):
            if unit.heading is None and not _SENTENCE_END.search(unit.text):
                out.append((unit.text[-reach:] + nxt.text[:reach], unit))
        return out

    def head_text(self, blocks: int = 40) -> str:
        """The text of the first paragraphs, joined (title area)."""
        return "\n".join(u.text for u in self.units[:blocks])

    def looks_like_report(self) -> bool:
        """True when the document speaks of performance evaluation of spending."""
        text = "\n".join(u.text for u in self.units[:200])
        if _REPORT_WORDS.search(text) and _REPORT_TOPIC.search(text):
            return True  # the paragraphs begin the whole text: it holds both words too
        cells = " ".join(c.text for _, t, _ in self.tables[:10] for c in t.cells[:200])
        whole = text + cells
        return bool(_REPORT_WORDS.search(whole) and _REPORT_TOPIC.search(whole))


def _rank_of(block: Block) -> tuple[int, str] | None:
    if block.kind == "heading" and block.level is not None:
        found = heading_rank(block.text)
        return (found[0] if found else block.level, strip_mark(block.text))
    return heading_rank(block.text)
