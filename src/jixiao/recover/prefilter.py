"""Whether a stretch of paragraphs may hold a standard form, decided before tokenising it.

Tokenising a stretch (`tokens.block_tokens`, `tokens.Stream`) and running every
recogniser over it costs far more than a few searches of its white-space-free text,
and most stretches of a report are prose. Each recogniser needs its header words in
a certain arrangement, so a stretch whose compact text holds none of them cannot give
a form and is left as it is:

- an indicator or scoring table: three indicator column words in a row
  (`headers.indicator_headers`), each with its note and year;
- a money block: two money column words in a row; a staffing block: two staffing words;
- the 年度总体目标 block (`label_form.find_goals`);
- a form of labels: two labels standing as cells of their own, or inside run-together
  text (`label_form.find_labels`).

The compact text and the cell boundaries are the ones `tokens.Stream` builds from
`tokens.block_tokens`, computed here without making the tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from jixiao.model.document import Block
from jixiao.recover.headers import NOTE
from jixiao.recover.label_form import GOALS, LABEL
from jixiao.recover.runon import is_runon_text
from jixiao.recover.tokens import is_rule_line, pipe_cells
from jixiao.recover.vocab import (
    INDICATOR_HEADER_WORDS,
    MONEY_HEADER_WORDS,
    STAFF_HEADER_WORDS,
    YEAR_PREFIX,
)


def _run(words: tuple[str, ...], count: int) -> re.Pattern[str]:
    """`count` words in a row, each after the note and year a header run allows between them."""
    word = "(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")"
    between = f"(?:{NOTE.pattern})?(?:{YEAR_PREFIX.pattern})?"
    return re.compile(word + (between + word) * (count - 1))


_HEADER_RUNS = (
    _run(INDICATOR_HEADER_WORDS, 3),
    _run(MONEY_HEADER_WORDS, 2),
    _run(STAFF_HEADER_WORDS, 2),
    GOALS,
)


class _Compact:
    """The compact text of a stretch; where each token starts and its text, when asked."""

    def __init__(self, blocks: Sequence[tuple[int, Block]]) -> None:
        self._texts = [b.text for _, b in blocks if not is_rule_line(b.text)]
        self.text = "".join(_compact(text) for text in self._texts)
        self.starts: list[int] = []
        self.tokens: list[str] = []
        self.boundaries: set[int] = set()

    def _tokenise(self) -> None:
        """Token starts and texts as `tokens.block_tokens` cuts them."""
        position = 0
        for text in self._texts:
            cells = pipe_cells(text)
            raws = text.split() if cells is None else [text[a:b] for a, b in cells]
            for raw in raws:
                self.starts.append(position)
                self.tokens.append(raw)
                position += len(raw) if cells is None else len(_compact(raw))
        self.boundaries = {0, position, *self.starts}

    def token_text(self, pos: int) -> str:
        """The text of the token holding compact position `pos`."""
        return self.tokens[bisect_right(self.starts, pos) - 1]

    def standing_labels(self, enough: int) -> bool:
        """True when at least `enough` labels stand as cells or inside run-together text."""
        count, pos = 0, 0
        while (match := LABEL.search(self.text, pos)) is not None:
            if not self.starts:
                self._tokenise()
            start, end = match.span()
            if (start in self.boundaries and end in self.boundaries) or is_runon_text(
                self.token_text(start)
            ):
                count += 1
                if count >= enough:
                    return True
            pos = start + 1  # every start: a later search may begin inside this label
        return False


def _compact(text: str) -> str:
    """`text` as the tokens' compact view has it: no white space, no cell pipes."""
    return "".join((text.replace("|", "") if "|" in text else text).split())


def may_hold_form(blocks: Sequence[tuple[int, Block]]) -> bool:
    """False when no recogniser can find a form in `blocks` (so they need no tokens)."""
    compact = _Compact(blocks)
    if any(pattern.search(compact.text) for pattern in _HEADER_RUNS):
        return True
    return compact.standing_labels(2)
