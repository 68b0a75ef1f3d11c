"""Forms of labels and values (项目名称 X 主管部门 Y 实施单位 Z …) and the 年度总体目标 block.

A label is a word of `vocab.FORM_LABELS` that stands as a token of its own (or with a
colon or a ``(盖章)`` note); its value is what follows up to the next label. At least
two labels close together make a form. Each pair becomes a row ``label | value``.

The 年度总体目标 block names its two columns (预期目标 / 实际完成情况, or 年初设定目标 /
…完成情况) and then gives the two texts.
"""

from __future__ import annotations

import re

from jixiao.recover.grid import Candidate, Grid, GridCell
from jixiao.recover.runon import is_runon_text
from jixiao.recover.tokens import Stream, Token
from jixiao.recover.vocab import FORM_LABELS

_LABEL = re.compile(
    "(?:" + "|".join(re.escape(w) for w in sorted(FORM_LABELS, key=len, reverse=True)) + ")"
    r"(?:[（(](?:盖章|公章|签章|分|万元|人)[)）])?[:：]?")
_SEAL = re.compile(r"^[（(](?:盖章|公章|签章)[)）][:：]?$")
_GAP_TOKENS = 3
#: Where a value inside run-together text stops: the next label or a word of the form.
_STOP = re.compile(_LABEL.pattern + r"|项目资金|资金来源|年度总体目标|绩效指标|一级指标|年初预算|"
                   r"全年预算|预算执行|联系人|联系电话")
_GOALS = re.compile(
    r"(?:年度总体目标|项目年度目标|年度绩效目标|总体目标)(?:完成情况)?"
    r"(?P<cols>预期目标实际完成情况|年初设定目标年度总体目标完成情况综述|项目年度目标年度目标完成情况|"
    r"年度目标年度目标完成情况|预期目标实际完成值|目标内容完成情况)")


def _labels(stream: Stream, pos: int) -> list[tuple[int, int]]:
    """Labels standing as tokens of their own (anywhere inside run-together text), from `pos` on."""
    out = []
    for match in _LABEL.finditer(stream.compact, pos):
        start, end = match.span()
        runon = is_runon_text(stream.tokens[stream.owner[start]].text)
        if runon or (stream.at_token_start(start) and stream.at_token_start(end)):
            out.append((start, end))
    return out


def _token_gap(stream: Stream, end: int, start: int) -> int:
    if end >= len(stream.owner):
        return 0
    return stream.owner[min(start, len(stream.owner) - 1)] - stream.owner[end]


def find_labels(stream: Stream, pos: int) -> Candidate | None:
    """The first run of two or more labels close together."""
    labels = _labels(stream, pos)
    for k in range(len(labels) - 1):
        run = [labels[k]]
        for nxt in labels[k + 1:]:
            if _token_gap(stream, run[-1][1], nxt[0]) > _GAP_TOKENS:
                break
            run.append(nxt)
        if len(run) >= 2:
            return Candidate(run[0][0], lambda r=run: parse_labels(stream, r))  # type: ignore[misc]
    return None


def _value(tokens: list[Token], last: bool) -> tuple[list[Token], int]:
    """The value after a label: tokens up to the next label (one token for the last label)."""
    if tokens and is_runon_text(tokens[0].text):
        stop = _STOP.search(tokens[0].text, 1)
        if stop:
            return [tokens[0].clip(0, stop.start())], 0
    i = 0
    if tokens and _SEAL.match(tokens[0].text.strip()):
        i = 1
    if i < len(tokens) and tokens[i].cell and not tokens[i].text.strip():
        return [], i + 1
    if last:
        return tokens[i:i + 1], i + 1
    return tokens[i:], len(tokens)


def parse_labels(stream: Stream, run: list[tuple[int, int]]) -> Grid:
    """Rows ``label | value`` for a run of labels."""
    rows: list[list[GridCell]] = []
    consumed: list[Token] = []
    rest: list[Token] = []
    for k, (start, end) in enumerate(run):
        label = stream.between(start, end)
        last = k == len(run) - 1
        following = stream.after(end) if last else stream.between(end, run[k + 1][0])
        value, used = _value(following, last)
        seal = following[:1] if used and following and _SEAL.match(following[0].text.strip()) else []
        rows.append([GridCell.of(label + seal), GridCell.of(value)])
        consumed += label + seal + value
        if last:
            rest = following[used:] if used else _after_value(following, value)
    return Grid(rows, consumed, rest, "labels")


def _after_value(following: list[Token], value: list[Token]) -> list[Token]:
    """The rest of a run-together token after the value cut out of it."""
    if not following or not value:
        return following
    head = following[0]
    cut = value[0].end - head.start
    return [head.clip(cut, len(head.text)), *following[1:]]


def find_goals(stream: Stream, pos: int) -> Candidate | None:
    """The 年度总体目标 block: its column names and the two texts after them."""
    match = _GOALS.search(stream.compact, pos)
    if match is None:
        return None
    return Candidate(match.start(), lambda m=match: parse_goals(stream, m))  # type: ignore[misc]


def parse_goals(stream: Stream, match: re.Match[str]) -> Grid | None:
    """Rows ``年度总体目标 | 预期 | 实际`` and ``'' | text | text``."""
    cols_start = match.start("cols")
    cols = match["cols"]
    split = _column_split(cols)
    head = [GridCell.of(stream.between(match.start(), cols_start)),
            GridCell.of(stream.between(cols_start, cols_start + split)),
            GridCell.of(stream.between(cols_start + split, match.end()))]
    after = [t for t in stream.after(match.end())]
    texts = [t for t in after[:4] if t.text.strip() or t.cell][:2]
    if len(texts) < 2:
        return None
    used = after.index(texts[1]) + 1
    row = [GridCell(""), GridCell.of([texts[0]]), GridCell.of([texts[1]])]
    consumed = [t for c in head + row for t in c.tokens]
    return Grid([head, row], consumed, after[used:], "goals")


def _column_split(cols: str) -> int:
    for first in ("预期目标", "年初设定目标", "项目年度目标", "年度目标", "目标内容"):
        if cols.startswith(first):
            return len(first)
    return len(cols) // 2
