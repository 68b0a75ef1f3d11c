"""Money blocks of a 自评表 or 基础数据表 recovered from flattened text.

``年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 0 0 0 10 0 0 其中:本年财政拨款 90 …``:
after the header, each row is a label followed by its figures in the header's column
order, and perhaps a reason or a scoring rule in words. A label is a source of funds
(年度资金总额, 其中：财政拨款, 上年结转资金 …), which may stand without figures, or any short
label that figures follow (三公经费, 1、公务用车购置和维护经费, 公用经费 …). The block ends
at the first label that is neither.

A staffing header (编制数 实际在职人数 控制率) is followed by its figures directly.
"""

from __future__ import annotations

from collections.abc import Callable

from jixiao.recover.grid import Candidate, Grid, GridCell, header_cells, starts_cell
from jixiao.recover.headers import Header, money_headers, staff_headers
from jixiao.recover.kinds import Kind, is_value, kind_of
from jixiao.recover.tokens import Stream, Token
from jixiao.recover.vocab import FORM_END, FUND_ROW

_TEXT_COLUMNS = ("原因", "得分计算方法")
_LABEL_MAX = 30
_LABEL_TOKENS = 3


def _allowed(stream: Stream) -> Callable[[int], bool]:
    return lambda pos: starts_cell(stream, pos)


def find(stream: Stream, pos: int) -> Candidate | None:
    """The first money header from `pos` on that a row follows."""
    for header in money_headers(stream.compact, pos, stream.boundaries, _allowed(stream)):
        after = stream.after(header.end)
        if after and _label_end(after, 0) is not None:
            return Candidate(header.start, lambda h=header: parse(stream, h))  # type: ignore[misc]
    return None


def find_staff(stream: Stream, pos: int) -> Candidate | None:
    """The first staffing header from `pos` on that figures follow."""
    for header in staff_headers(stream.compact, pos, stream.boundaries, _allowed(stream)):
        after = stream.after(header.end)
        if len(after) >= 2 and is_value(after[0].text) and is_value(after[1].text):
            return Candidate(header.start, lambda h=header: parse_staff(stream, h))  # type: ignore[misc]
    return None


def _is_fund(tokens: list[Token], i: int, j: int) -> bool:
    return bool(FUND_ROW.match("".join(t.text.strip() for t in tokens[i:j])))


def _label_end(tokens: list[Token], i: int) -> int | None:
    """The end of a row label starting at `i`, or None when no row starts there.

    A label is one to three short tokens of words; it starts a row when it names a
    source of funds or when figures follow it.
    """
    j = i
    length = 0
    while j < len(tokens) and j - i < _LABEL_TOKENS and not is_value(tokens[j].text):
        text = tokens[j].text.strip()
        if FORM_END.match(text) or kind_of(text) in (Kind.RULE,):
            break
        length += len(text)
        j += 1
        if _is_fund(tokens, i, j) or (j < len(tokens) and is_value(tokens[j].text) and tokens[j].text.strip()):
            break
    if j == i or length > _LABEL_MAX:
        return None
    figures = j < len(tokens) and is_value(tokens[j].text) and bool(tokens[j].text.strip())
    return j if figures or _is_fund(tokens, i, j) else None


def _row(tokens: list[Token], i: int, end: int, width: int, texts: int) -> tuple[list[GridCell], int]:
    cells = [GridCell.of(tokens[i:end])]
    j = end
    while j < len(tokens) and len(cells) <= width and is_value(tokens[j].text):
        cells.append(GridCell.of([tokens[j]]))
        j += 1
    taken = 0
    while j < len(tokens) and taken < texts and len(cells) > 1 and _text_cell(tokens[j], tokens[j - 1]):
        cells.append(GridCell.of([tokens[j]]))
        j += 1
        taken += 1
    return cells, j


def _text_cell(token: Token, before: Token) -> bool:
    """A reason or scoring rule in words: a cell of its own, or on the row's own line."""
    if FUND_ROW.match(token.text.strip()) or kind_of(token.text) not in (Kind.TEXT, Kind.QUANT, Kind.RULE):
        return False
    return token.cell or token.block == before.block


def parse(stream: Stream, header: Header) -> Grid | None:
    """The rows under a money `header`."""
    tokens = stream.after(header.end)
    width = len(header.words)
    texts = sum(1 for w in header.words if w.startswith(_TEXT_COLUMNS))
    rows = [[GridCell(""), *header_cells(stream, header.start, header.words)]]
    i = 0
    while i < len(tokens):
        end = _label_end(tokens, i)
        if end is None:
            break
        cells, i = _row(tokens, i, end, width, texts)
        rows.append(cells + [GridCell("")] * (width + 1 - len(cells)))
    if len(rows) < 2:
        return None
    consumed = [t for row in rows for c in row for t in c.tokens]
    return Grid(rows, consumed, tokens[i:], "money")


def parse_staff(stream: Stream, header: Header) -> Grid | None:
    """A staffing header and the figures under it."""
    tokens = stream.after(header.end)
    width = len(header.words)
    values: list[GridCell] = []
    while len(values) < width and len(values) < len(tokens) and is_value(tokens[len(values)].text):
        values.append(GridCell.of([tokens[len(values)]]))
    rows = [header_cells(stream, header.start, header.words), values]
    consumed = [t for row in rows for c in row for t in c.tokens]
    return Grid(rows, consumed, tokens[len(values):], "staff")
