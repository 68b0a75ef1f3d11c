"""Form headers found in the compact text: runs of column words, with their roles.

A header is a run of known column words that follow each other with at most a short
note between them (``(A)``, ``(分)``, ``(万元)``). The run's words, in order, are the
columns of the table below.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.recover.vocab import (
    INDICATOR_HEADER_WORDS,
    INDICATOR_ROLES,
    MONEY_HEADER_WORDS,
    MONEY_STAGE,
    STAFF_HEADER_WORDS,
    YEAR_PREFIX,
)

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


def _word_at(compact: str, pos: int, words: tuple[str, ...], boundaries: frozenset[int]) -> str | None:
    """The header word at `pos`: the longest, unless a cell boundary splits it into two words.

    ``执行率 | 得分`` are two columns although 执行率得分 is a word too; ``一级 / 指标``
    (a word broken by a line) is one.
    """
    found = sorted((w for w in words if compact.startswith(w, pos)), key=len, reverse=True)
    for word in found:
        inner = [b for b in range(pos + 1, pos + len(word)) if b in boundaries]
        if not any(compact[pos:b] in words and any(compact.startswith(w, b) for w in words)
                   for b in inner):
            return word
    return found[-1] if found else None


Allowed = Callable[[int], bool]


def _runs(compact: str, pattern: re.Pattern[str], words: tuple[str, ...], start: int,
          boundaries: frozenset[int], allowed: Allowed | None) -> list[tuple[int, int, list[str]]]:
    """Maximal runs of header words from `start` on: (start, end, words with their notes).

    A run starts only where `allowed` says a header may start (a cell's start).
    """
    runs: list[tuple[int, int, list[str]]] = []
    pos = start
    while True:
        match = pattern.search(compact, pos)
        if match is None:
            return runs
        first = end = match.start()
        prefix = YEAR_PREFIX.search(compact, max(first - 5, 0), first)
        if prefix is not None and prefix.end() == first:
            first = end = prefix.start()
        if allowed is not None and not allowed(first):
            pos = match.start() + 1
            continue
        found: list[str] = []
        while True:
            year = YEAR_PREFIX.match(compact, end)
            at = year.end() if year else end
            word = _word_at(compact, at, words, boundaries)
            if word is None:
                break
            word = compact[end:at] + word
            end += len(word)
            gap = _NOTE.match(compact, end)
            if gap:
                word += gap.group()
                end = gap.end()
            found.append(word)
        runs.append((first, end, found))
        pos = max(end, first + 1)


def role_of(word: str) -> str | None:
    """The indicator column role a header word names."""
    for role, pattern in INDICATOR_ROLES:
        if pattern.search(word):
            return role
    return None


def indicator_headers(compact: str, start: int = 0, boundaries: frozenset[int] = frozenset(),
                      allowed: Allowed | None = None) -> list[Header]:
    """Indicator-table headers: a name column and a target, weight or score column."""
    out = []
    for first, end, words in _runs(compact, _INDICATOR_WORD, INDICATOR_HEADER_WORDS, start, boundaries, allowed):
        roles = [role_of(w) or "note" for w in words]
        if len(words) >= 3 and "name" in roles and {"target", "weight", "score"} & set(roles):
            out.append(Header(first, end, tuple(words), tuple(roles)))
    return out


def money_headers(compact: str, start: int = 0, boundaries: frozenset[int] = frozenset(),
                  allowed: Allowed | None = None) -> list[Header]:
    """Money-block headers: at least two stage columns (年初预算数, 全年执行数 …)."""
    out = []
    for first, end, words in _runs(compact, _MONEY_WORD, MONEY_HEADER_WORDS, start, boundaries, allowed):
        if sum(1 for w in words if MONEY_STAGE.search(w)) >= 2:
            out.append(Header(first, end, tuple(words), tuple(words)))
    return out


_STAFF_WORD = _word_pattern(STAFF_HEADER_WORDS)


def staff_headers(compact: str, start: int = 0, boundaries: frozenset[int] = frozenset(),
                  allowed: Allowed | None = None) -> list[Header]:
    """Staffing headers: two or more of 编制数, 实际在职人数, 控制率 …"""
    return [Header(first, end, tuple(words), tuple(words))
            for first, end, words in _runs(compact, _STAFF_WORD, STAFF_HEADER_WORDS, start, boundaries, allowed)
            if len(words) >= 2]
