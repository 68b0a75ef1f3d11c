"""The money block of a 自评表 recovered from flattened text.

``年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 0 0 0 10 0 0 其中:本年财政拨款 90 …``:
after the header, each row is a source-of-funds label (年度资金总额, 其中：财政拨款, 上年结转资金,
其他资金 …) followed by its figures in the header's column order, and perhaps a reason or
a scoring rule in words. The block ends at the first token that starts no such row.
"""

from __future__ import annotations

from jixiao.recover.grid import Candidate, Grid, GridCell, header_cells
from jixiao.recover.headers import Header, money_headers
from jixiao.recover.kinds import Kind, is_value, kind_of
from jixiao.recover.tokens import Stream, Token
from jixiao.recover.vocab import FUND_ROW

_TEXT_COLUMNS = ("原因", "得分计算方法")
_LABEL_MAX = 30


def find(stream: Stream, pos: int) -> Candidate | None:
    """The first money header from `pos` on that a fund row follows."""
    for header in money_headers(stream.compact, pos):
        after = stream.after(header.end)
        if after and FUND_ROW.match(after[0].text.strip()) and len(after[0].text) <= _LABEL_MAX:
            return Candidate(header.start, lambda h=header: parse(stream, h))  # type: ignore[misc]
    return None


def _label(tokens: list[Token], i: int) -> int:
    """The end of a row label starting at `i` (a fund word, perhaps split by a space)."""
    j = i + 1
    text = tokens[i].text.strip()
    if text.rstrip(":：") in ("其中", "其中:") and j < len(tokens) and FUND_ROW.match(tokens[j].text.strip()):
        j += 1
    return j


def _row(tokens: list[Token], i: int, width: int, texts: int) -> tuple[list[GridCell], int]:
    end = _label(tokens, i)
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
    if FUND_ROW.match(token.text.strip()) or kind_of(token.text) not in (Kind.TEXT, Kind.QUANT):
        return False
    return token.cell or token.block == before.block


def parse(stream: Stream, header: Header) -> Grid | None:
    """The fund rows under `header`."""
    tokens = stream.after(header.end)
    width = len(header.words)
    texts = sum(1 for w in header.words if w.startswith(_TEXT_COLUMNS))
    rows = [[GridCell(""), *header_cells(stream, header.start, header.words)]]
    i = 0
    while i < len(tokens) and FUND_ROW.match(tokens[i].text.strip()) and len(tokens[i].text) <= _LABEL_MAX:
        cells, i = _row(tokens, i, width, texts)
        rows.append(cells + [GridCell("")] * (width + 1 - len(cells)))
    if len(rows) < 2:
        return None
    consumed = [t for row in rows for c in row for t in c.tokens]
    return Grid(rows, consumed, tokens[i:], "money")
