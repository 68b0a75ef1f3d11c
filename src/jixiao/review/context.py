"""What a check sees: the record, where its values came from, the document, the profile.

The document is read into text once per review: its units, sentences and their
tokens (`jixiao.review.text`), and its tables with every cell cleaned
(`jixiao.review.tables`). Checks share these views, and anything else several checks
derive goes through `ReviewContext.shared`, so it is computed once.

The document may be None (a bare record JSON); checks that scan text then find
nothing. The score result is computed on first use, through the scoring package
when it is installed, and is None when scoring is unavailable or fails.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from importlib import import_module
from typing import Any, TypeVar

from jixiao.model.document import Document
from jixiao.model.provenance import Provenance, SourceRef
from jixiao.model.record import Record
from jixiao.review.tables import TableView, table_views
from jixiao.review.text import Sentence, TextPass, TextUnit, split_units, text_pass
from jixiao.text.figures import Kind, Token

T = TypeVar("T")


def _scoring() -> Any:
    """The scoring package, or None while it is not installed."""
    try:
        return import_module("jixiao.score")
    except ImportError:
        return None


@dataclass
class ReviewContext:
    """The inputs of a review; derived views are computed once, on demand."""

    record: Record
    provenance: Provenance = field(default_factory=dict)
    document: Document | None = None
    profile: Any = None
    #: The figures of the document's paragraphs, by block, when extraction found them
    #: (`jixiao.extract.Extraction.figures`): the text pass scans only the rest.
    figures: Mapping[int, tuple[Token, ...]] = field(default_factory=dict, repr=False)
    _shared: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def ref(self, path: str) -> tuple[SourceRef, ...]:
        """The source of a record field, as a tuple (empty when unknown)."""
        found = self.provenance.get(path)
        return (found,) if found is not None else ()

    def refs(self, *paths: str) -> tuple[SourceRef, ...]:
        """The sources of several record fields, in order, without repeats."""
        out: list[SourceRef] = []
        for path in paths:
            out.extend(r for r in self.ref(path) if r not in out)
        return tuple(out)

    @cached_property
    def units(self) -> tuple[TextUnit, ...]:
        """Every paragraph, heading and table cell of the document with its source."""
        return self._split[0]

    @cached_property
    def paragraphs(self) -> tuple[int, ...]:
        """The places in `units` of the paragraphs and headings (the units outside tables)."""
        return self._split[1]

    @cached_property
    def _split(self) -> tuple[tuple[TextUnit, ...], tuple[int, ...]]:
        return split_units(self.document) if self.document is not None else ((), ())

    @cached_property
    def _compact(self) -> list[str | None]:
        return [None] * len(self.units)

    def compact_text(self, index: int) -> str:
        """Unit `index`'s text without white space (for matching titles and labels), made once."""
        found = self._compact[index]
        if found is None:
            found = self._compact[index] = "".join(self.units[index].text.split())
        return found

    @cached_property
    def compact_texts(self) -> tuple[str, ...]:
        """Every unit's `compact_text` (most checks need only a few: ask for those)."""
        return tuple([self.compact_text(index) for index in range(len(self.units))])

    @cached_property
    def _text(self) -> TextPass:
        return text_pass(self.units, self.figures)

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        """The document's text cut into sentences (at 。；！？ and line breaks), with tokens."""
        return self._text.sentences

    @property
    def unit_tokens(self) -> tuple[tuple[Token, ...], ...]:
        """The tokens of each unit (spans in the unit's text)."""
        return self._text.unit_tokens

    def unit_sentences(self, unit: int) -> list[Sentence]:
        """The sentences of unit `unit`, in order (cut from it alone when `sentences` was not read).

        The same sentences, with the same places, as those of `sentences` whose ``unit``
        is `unit`; callers must not change the list.
        """
        return self._text.of_unit(unit)

    def sentences_matching(self, pattern: re.Pattern[str]) -> list[Sentence]:
        """The sentences `pattern` finds something in; only the units holding a match are cut.

        The same as filtering `sentences` for a pattern that does not depend on where a
        sentence starts or ends (no ``^``/``$``), without cutting the whole document.
        """
        return self._text.matching(pattern)

    def with_kind(self, kind: Kind, *words: str) -> tuple[Sentence, ...]:
        """The sentences holding a token of `kind` (and one of `words`, when given; indexed once).

        Give the words a check needs in a sentence: only the units holding one are cut.
        """
        return self._text.with_kind(kind, *words)

    @cached_property
    def tables(self) -> tuple[TableView, ...]:
        """The document's tables, every cell cleaned once."""
        return table_views(self.document)

    def shared(self, key: str, build: Callable[[ReviewContext], T]) -> T:
        """`build(self)`, computed once per review under `key` (for views several checks use)."""
        if key not in self._shared:
            self._shared[key] = build(self)
        found: T = self._shared[key]
        return found

    @cached_property
    def full_text(self) -> str:
        """All the document's text joined by line breaks, for presence tests and one-scan searches."""
        return "\n".join([unit.text for unit in self.units])

    @property
    def unit_starts(self) -> list[int]:
        """Where each unit starts in `full_text`, and one past the end (the text pass's offsets)."""
        return self._text.bases

    def unit_at(self, position: int) -> int:
        """The unit of `full_text` that holds character `position`."""
        return bisect_right(self._text.bases, position) - 1

    def units_with(self, kind: Kind, at_least: int = 1) -> tuple[int, ...]:
        """The units holding at least `at_least` tokens of `kind` (indexed once)."""
        return self._text.units_with(kind, at_least)

    @cached_property
    def score(self) -> Any:
        """The scoring package's result for the record, or None."""
        scoring = _scoring()
        if scoring is None:
            return None
        try:
            return scoring.score_record(self.record, self.profile)
        except Exception:  # scoring problems must not stop the review
            return None
