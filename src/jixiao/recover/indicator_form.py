"""The indicator table of a 自评表 recovered from flattened text.

The header gives the columns; the rows that follow are parsed by their grammar
(`grammar.parse_rows`). The rows end at a total row (合计, 总分), at the label of the
next part of the form (评价结论, 存在问题 …) or where the tokens stop fitting.
A table whose weights stand inside its labels (``相关性(5分) 5``) is read by
`scoring_form`; text whose cells ran together without any space by `runon`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from jixiao.recover.grammar import Row, parse_rows
from jixiao.recover.grid import Candidate, Grid, GridCell, header_cells, starts_cell
from jixiao.recover.headers import Header, indicator_headers
from jixiao.recover.kinds import is_value
from jixiao.recover.runon import is_runon, split_runon
from jixiao.recover.tokens import Stream, Token
from jixiao.recover.vocab import FORM_END

_TOTAL = re.compile(r"^(?:合计|总计|总分|自评总分|综合得分|得分合计|评分合计)")
_WINDOW = 400
_LONG = 120
_SUFFIX = "指标"


def _allowed(stream: Stream) -> Callable[[int], bool]:
    return lambda pos: starts_cell(stream, pos)


def find(stream: Stream, pos: int) -> Candidate | None:
    """The first indicator header from `pos` on whose weights are not inside labels."""
    for header in indicator_headers(stream.compact, pos, stream.boundaries, _allowed(stream)):
        if "weight" in header.roles or "target" in header.roles:
            return Candidate(header.start, lambda h=header: parse(stream, h))  # type: ignore[misc]
    return None


def _window(tokens: list[Token]) -> tuple[list[Token], list[Token]]:
    """The tokens that may hold rows (up to a total row or the next part), and the rest."""
    for i, token in enumerate(tokens[:_WINDOW]):
        text = token.text.strip()
        if i and (FORM_END.match(text) or len(text) > _LONG or _TOTAL.match(text)):
            return tokens[:i], tokens[i:]
    return tokens[:_WINDOW], tokens[_WINDOW:]


def _glue_suffixes(tokens: list[Token]) -> list[Token]:
    """A bare ``指标`` on its own is the end of the label before it (经济效益 / 指标)."""
    out: list[Token] = []
    for token in tokens:
        if token.text.strip() == _SUFFIX and out and not out[-1].cell and not is_value(out[-1].text):
            out[-1] = out[-1].glue(token)
        else:
            out.append(token)
    return out


def _has_values(row: Row, roles: tuple[str, ...]) -> bool:
    """A row with something besides its labels (a placeholder row of names only is not one)."""
    labels = ("level1", "level2", "name", "unit", "operator")
    return any(row.text(i) or any(t.blob for t in row.cells[i])
               for i, role in enumerate(roles) if role not in labels) or any(
        t.blob for cell in row.cells for t in cell)


def _total_row(tokens: list[Token]) -> tuple[list[GridCell], int]:
    """A total row (合计 100 …): its label and the values after it."""
    if not tokens or not _TOTAL.match(tokens[0].text.strip()):
        return [], 0
    n = 1
    while n < len(tokens) and n < 12 and is_value(tokens[n].text):
        n += 1
    return [GridCell.of([t]) for t in tokens[:n]], n


_READABLE_RUNON = ("level1", "level2", "name", "unit")


def _cell(tokens: tuple[Token, ...], role: str, runon: bool) -> GridCell:
    """A cell of a row; in run-together text only names, levels and units are kept as text."""
    cell = GridCell.of(list(tokens))
    if runon and role not in _READABLE_RUNON:
        return GridCell("", cell.tokens)
    return cell


def parse(stream: Stream, header: Header) -> Grid | None:
    """Rows of the indicator table under `header`."""
    after = stream.after(header.end)
    runon = is_runon(stream, header)
    if runon:
        after = split_runon(after, units="unit" in header.roles)
    window, rest = _window(_glue_suffixes(after))
    rows, used = parse_rows(list(header.roles), window)
    rows = [r for r in rows if _has_values(r, header.roles)]
    if not rows:
        return None
    grid_rows = [header_cells(stream, header.start, header.words)]
    grid_rows += [[_cell(cell, role, runon) for cell, role in zip(row.cells, header.roles, strict=True)]
                  for row in rows]
    leftover = window[used:] + rest
    total, n = _total_row(leftover) if not runon else ([], 0)
    if total:
        grid_rows.append(total)
    consumed = [t for cells in grid_rows for c in cells for t in c.tokens]
    return Grid(grid_rows, consumed, leftover[n:], "indicators")
