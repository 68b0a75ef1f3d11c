"""Alignment-only tables whose cells wrap: rows rebuilt from the geometry of the lines."""

from __future__ import annotations

from jixiao.model.document import Block, Document, Position
from jixiao.recover import recover

HEADER = "三级指标        年度指标值  实际完成值  分值  得分  偏差原因分析及改进措施"


def _doc(lines: list[str]) -> Document:
    blocks = []
    for n, line in enumerate(lines, start=1):
        indent = len(line) - len(line.lstrip(" "))
        blocks.append(Block("paragraph", line.strip(), position=Position(line=n), indent=indent))
    return Document("layout.txt", "text", tuple(blocks))


def _rows(lines: list[str]) -> list[list[str]]:
    tables = [b.table for b in recover(_doc(lines)).blocks if b.table is not None]
    assert len(tables) == 1
    return tables[0].text_grid()[1:]


def _line(name: str, target: str, actual: str, weight: str, score: str, note: str) -> str:
    # display columns: 16 for the name (8 CJK), 12 target, 12 actual, 6, 6, then the note
    return f"{name}{' ' * (16 - 2 * len(name))}{target:<12}{actual:<12}{weight:<6}{score:<6}{note}"


FRAGMENT = " " * 52


def test_top_aligned_cells_continue_below_their_row() -> None:
    rows = _rows([
        HEADER,
        _line("培训人次", "≥500", "480", "20", "18", "受天气影响部分"),
        FRAGMENT + "培训改期。",
        _line("培训合格率", "≥95%", "97%", "20", "20", "无"),
        _line("资料印发", "≥1000", "900", "10", "9", "按需调减印数，"),
        FRAGMENT + "节约资金已收回。",
    ])
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("培训人次", "18", "受天气影响部分培训改期。"),
        ("培训合格率", "20", "无"),
        ("资料印发", "9", "按需调减印数，节约资金已收回。"),
    ]


def test_centred_cells_are_split_halfway_and_at_sentence_ends() -> None:
    rows = _rows([
        HEADER,
        FRAGMENT + "受天气影响部分",
        _line("培训人次", "≥500", "480", "20", "18", "培训改期，已于"),
        FRAGMENT + "年底补训。",
        FRAGMENT + "个别资料按需",
        _line("资料印发", "≥1000", "900", "10", "9", "调减印数，节约"),
        FRAGMENT + "资金已收回。",
    ])
    assert [(r[0], r[5]) for r in rows] == [
        ("培训人次", "受天气影响部分培训改期，已于年底补训。"),
        ("资料印发", "个别资料按需调减印数，节约资金已收回。"),
    ]
