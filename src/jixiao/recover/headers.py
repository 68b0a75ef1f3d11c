"""Form headers found in the compact text: runs of column words, with their roles.

A header is a run of known column words that follow each other with at most a short
note between them (``(A)``, ``(分)``, ``(万元)``). The run's words, in order, are the
columns of the table below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.recover.vocab import INDICATOR_HEADER_WORDS, INDICATOR_ROLES, MONEY_HEADER_WORDS

_NOTE = re.compile(r"[（(][^（）()\d]{0,6}[）)]")


@dataclass(frozen=True)
class Header:
    """A header run: compact span, the words (with their notes) and their column roles."""

    start: int
    end: int
    words: tuple[str, ...]
    roles: tuple[str, ...]


def _word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{alternatives})(?:{_NOTE.pattern})?")


_INDICATOR_WORD = _word_pattern(INDICATOR_HEADER_WORDS)
_MONEY_WORD = _word_pattern(MONEY_HEADER_WORDS)


def _runs(compact: str, pattern: re.Pattern[str], start: int) -> list[tuple[int, int, list[str]]]:
    """Maximal runs of words of `pattern` from `start` on: (start, end, words)."""
    runs: list[tuple[int, int, list[str]]] = []
    pos = start
    while True:
        match = pattern.search(compact, pos)
        if match is None:
            return runs
        first, words, end = match.start(), [match.group()], match.end()
        while True:
            gap = _NOTE.match(compact, end)
            at = gap.end() if gap else end
            nxt = pattern.match(compact, at)
            if nxt is None or nxt.end() == nxt.start():
                break
            if gap:
                words[-1] += gap.group()
            words.append(nxt.group())
            end = nxt.end()
        runs.append((first, end, words))
        pos = end


def role_of(word: str) -> str | None:
    """The indicator column role a header word names."""
    for role, pattern in INDICATOR_ROLES:
        if pattern.search(word):
            return role
    return None


def indicator_headers(compact: str, start: int = 0) -> list[Header]:
    """Indicator-table headers: a name column and a target, weight or score column."""
    out = []
    for first, end, words in _runs(compact, _INDICATOR_WORD, start):
        roles = [role_of(w) or "note" for w in words]
        if len(words) >= 3 and "name" in roles and {"target", "weight", "score"} & set(roles):
            out.append(Header(first, end, tuple(words), tuple(roles)))
    return out


def money_headers(compact: str, start: int = 0) -> list[Header]:
    """Money-block headers: at least two stage columns (年初预算数, 全年执行数 …)."""
    from jixiao.recover.vocab import MONEY_STAGE

    out = []
    for first, end, words in _runs(compact, _MONEY_WORD, start):
        if sum(1 for w in words if MONEY_STAGE.search(w)) >= 2:
            out.append(Header(first, end, tuple(words), tuple(words)))
    return out
