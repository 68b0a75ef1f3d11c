"""Indicator rows rebuilt from a token stream by their grammar.

After a header has given the columns in order (一级, 二级, 三级指标, 年度指标值, 实际完成值,
分值, 得分, 偏差原因 …), each token is assigned to a column so that rows follow the
header's order: a row may leave cells out (merged 一级/二级 labels, blank scores), a
cell may run over several tokens (a name broken by a space), and a new row starts
when the columns start again. The assignment of least cost is found by dynamic
programming (Viterbi) over tokens × columns; the costs say how well a token fits a
column (a number fits 分值, an operator fits 指标性质) and how usual a blank is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jixiao.recover.kinds import Kind, kind_of
from jixiao.recover.tokens import Token

INF = math.inf
K = Kind

#: Cost of a token of each kind in each column (missing pairs cost INF).
_EMIT: dict[str, dict[Kind, float]] = {
    "level1": {K.LEVEL1: 0, K.LEVEL2: 2, K.TEXT: 5, K.EMPTY: 0.3, K.PLACEHOLDER: 1},
    "level2": {K.LEVEL2: 0, K.LEVEL1: 2, K.TEXT: 4, K.EMPTY: 0.3, K.PLACEHOLDER: 1},
    "name": {K.TEXT: 0, K.RULE: 4, K.LEVEL2: 3, K.LEVEL1: 4, K.QUANT: 3, K.UNIT: 6},
    "operator": {K.OPERATOR: 0, K.EMPTY: 0.2, K.PLACEHOLDER: 0.5},
    "unit": {K.UNIT: 0, K.EMPTY: 0.2, K.PLACEHOLDER: 0.5, K.TEXT: 4},
    "target": {K.QUANT: 0, K.NUMBER: 1, K.PERCENT: 0.3, K.TEXT: 0.5, K.EMPTY: 0.5,
               K.PLACEHOLDER: 0.5, K.UNIT: 3, K.LEVEL2: 3},
    "actual": {K.QUANT: 0.3, K.NUMBER: 0.3, K.PERCENT: 0.3, K.TEXT: 0.5, K.EMPTY: 0.3,
               K.PLACEHOLDER: 0.5, K.UNIT: 3, K.LEVEL2: 3},
    "weight": {K.NUMBER: 0, K.EMPTY: 1, K.PLACEHOLDER: 1.5},
    "score": {K.NUMBER: 0, K.EMPTY: 0.3, K.PLACEHOLDER: 0.5},
    "coefficient": {K.NUMBER: 0, K.PERCENT: 0, K.EMPTY: 0.3, K.PLACEHOLDER: 0.5},
    "deviation": {K.TEXT: 2, K.RULE: 3, K.QUANT: 3, K.EMPTY: 0.1, K.PLACEHOLDER: 0.3, K.NUMBER: 4},
    "method": {K.TEXT: 1.5, K.RULE: 0.3, K.QUANT: 3, K.EMPTY: 0.1, K.PLACEHOLDER: 0.3, K.NUMBER: 4},
    "note": {K.TEXT: 2, K.RULE: 1, K.QUANT: 3, K.EMPTY: 0.1, K.PLACEHOLDER: 0.3, K.NUMBER: 4},
}
#: Cost of leaving a column out of a row, when tokens are words (cells lost) …
_SKIP_LOSSY = {"level1": 0.1, "level2": 0.1, "name": 30, "operator": 0.2, "unit": 0.2,
               "target": 2, "actual": 1.5, "weight": 3, "score": 1.5, "coefficient": 0.5,
               "deviation": 0.1, "method": 0.1, "note": 0.1}
#: … and when tokens are explicit cells (a blank cell is a token of its own).
_SKIP_CELLS = {**{k: 4.0 for k in _SKIP_LOSSY}, "level1": 1.0, "level2": 1.0, "name": 30.0,
               "deviation": 1.0, "method": 1.0, "note": 1.0}
#: … and when figures ran together and only names and units can be read.
_SKIP_RUNON = {**{k: 0.1 for k in _SKIP_LOSSY}, "name": 30.0}
#: Cost of one more token in the same cell (a cell broken by white space).
_MORE = {"name": 2.5, "target": 2.5, "actual": 2.5, "deviation": 1.0, "method": 0.5,
         "note": 1.0, "level1": 1.5, "level2": 1.5}
_NEW_ROW = 0.5
_JUNK = 1.5
_RESTART = 1000  # added to a back pointer when the token starts a new row


@dataclass(frozen=True)
class Row:
    """One recovered row: for each column, the tokens assigned to it."""

    cells: tuple[tuple[Token, ...], ...]

    def text(self, col: int) -> str:
        """The text of a column, its tokens joined as the source had them."""
        return join(self.cells[col])


def join(tokens: tuple[Token, ...] | list[Token]) -> str:
    """Tokens of one cell joined: without a space between Chinese characters."""
    out = ""
    for token in tokens:
        text = token.text.strip()
        if out and text and not (_wide(out[-1]) or _wide(text[0])):
            out += " "
        out += text
    return out


def _wide(ch: str) -> bool:
    return ord(ch) > 0x2E80


def _skip(roles: list[str], tokens: list[Token]) -> tuple[list[float], bool]:
    cells = sum(1 for t in tokens if t.cell) * 2 > len(tokens)
    runon = any(t.blob for t in tokens)
    table = _SKIP_RUNON if runon else _SKIP_CELLS if cells else _SKIP_LOSSY
    return [table.get(r, 1.0) for r in roles], cells


_VALUE_ROLES = frozenset({"target", "actual", "weight", "score", "coefficient", "deviation",
                          "method", "note", "operator", "unit"})


def _emit(role: str, kind: Kind) -> float:
    if kind is K.BLOB:
        return 0.2 if role in _VALUE_ROLES else INF
    return _EMIT.get(role, {K.TEXT: 1, K.EMPTY: 0.2, K.PLACEHOLDER: 0.3}).get(kind, INF)


def _kind(token: Token, roles: list[str]) -> Kind:
    """A token's kind; in run-together text an operator or unit with no column is filler."""
    kind = kind_of(token.text)
    if token.blob:
        return K.BLOB
    if token.filler and kind not in (K.TEXT, K.LEVEL1, K.LEVEL2, K.QUANT):
        return K.BLOB if kind.value not in roles else kind
    return kind


@dataclass
class _Lattice:
    """The costs of the Viterbi search over tokens × columns (state ``m`` is trailing junk)."""

    roles: list[str]
    skip: list[float]
    cells: bool
    cost: list[list[float]]
    back: list[list[int]]

    @property
    def m(self) -> int:
        return len(self.roles)

    def head(self, j: int) -> float:
        return sum(self.skip[:j])

    def tail(self, j: int) -> float:
        return sum(self.skip[j + 1:])

    def step(self, t: int, kind: Kind, hard: bool) -> None:
        """Best costs for token `t` in each column, given the costs of token `t - 1`."""
        prev = self.cost[t - 1]
        for j in range(self.m):
            emit = _emit(self.roles[j], kind)
            if emit == INF:
                continue
            best, arg = INF, -1
            for i in range(self.m):
                if prev[i] == INF:
                    continue
                for step, pointer in self._moves(i, j, kind, hard):
                    if prev[i] + step < best:
                        best, arg = prev[i] + step, pointer
            self.cost[t][j], self.back[t][j] = best + emit, arg
        best_i = min(range(self.m), key=lambda i: prev[i] + self.tail(i))
        from_role = prev[best_i] + self.tail(best_i) + _JUNK
        self.cost[t][self.m], self.back[t][self.m] = min(
            (from_role, best_i), (prev[self.m] + _JUNK, self.m))

    def _moves(self, i: int, j: int, kind: Kind, hard: bool) -> list[tuple[float, int]]:
        """From column i to column j: the same cell, a later cell, or a new row.

        A cell goes on over a line break less readily than over a space.
        """
        moves = []
        if i == j and kind is not K.EMPTY:
            factor = 3 if self.cells else 1.5 if hard else 1
            moves.append((_MORE.get(self.roles[j], INF) * factor, i))
        if i < j:
            moves.append((sum(self.skip[i + 1:j]), i))
        if i >= j:
            moves.append((self.tail(i) + self.head(j) + _NEW_ROW, i + _RESTART))
        return moves


def parse_rows(roles: list[str], tokens: list[Token]) -> tuple[list[Row], int]:
    """Rows of `tokens` under columns `roles`; the count of tokens they use (the rest is junk)."""
    n, m = len(tokens), len(roles)
    if n == 0 or m == 0:
        return [], 0
    skip, cells = _skip(roles, tokens)
    lattice = _Lattice(roles, skip, cells, [[INF] * (m + 1) for _ in range(n)],
                       [[-1] * (m + 1) for _ in range(n)])
    kinds = [_kind(t, roles) for t in tokens]
    for j in range(m):
        lattice.cost[0][j] = lattice.head(j) + _emit(roles[j], kinds[0])
    for t in range(1, n):
        lattice.step(t, kinds[t], tokens[t].hard)
    last = lattice.cost[n - 1]
    ends = [last[j] + lattice.tail(j) for j in range(m)] + [last[m]]
    state = min(range(m + 1), key=lambda j: ends[j])
    path: list[tuple[int, bool]] = []
    for t in range(n - 1, 0, -1):
        pointer = lattice.back[t][state]
        path.append((state, pointer >= _RESTART))
        state = pointer % _RESTART
    path.append((state, True))
    path.reverse()
    return _rows(roles, tokens, path, m)




def _rows(roles: list[str], tokens: list[Token], path: list[tuple[int, bool]],
          junk: int) -> tuple[list[Row], int]:
    rows: list[list[list[Token]]] = []
    used = 0
    for token, (state, restart) in zip(tokens, path, strict=True):
        if state == junk:
            break
        if restart or not rows:
            rows.append([[] for _ in roles])
        rows[-1][state].append(token)
        used += 1
    return [Row(tuple(tuple(c) for c in row)) for row in rows], used
