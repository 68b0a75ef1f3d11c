"""The pre-check that spares prose from tokenising never hides a form from recovery."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from jixiao import recover as recovery
from jixiao.model.document import Block, Document, Position
from jixiao.readers import read_bytes
from jixiao.recover.prefilter import may_hold_form
from jixiao.synth import make_document

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "extract"))

from formfixtures import FLATTENINGS, GRID, run_together


def _blocks(lines: list[str]) -> list[tuple[int, Block]]:
    return [(i, Block("paragraph", line, position=Position(line=i + 1))) for i, line in enumerate(lines)]


def _exhaustive(monkeypatch: pytest.MonkeyPatch, document: Document) -> Document:
    """`recover` with every stretch tokenised, as it was before the pre-check."""
    with monkeypatch.context() as patch:
        patch.setattr(recovery, "may_hold_form", lambda blocks: True)
        return recovery.recover(document)


def _documents() -> list[Document]:
    out = []
    for name, flatten in sorted(FLATTENINGS.items()):
        out.append(read_bytes(flatten(GRID).encode("utf-8"), name=f"{name}.txt"))
    out.append(read_bytes(run_together(GRID).encode("utf-8"), name="runon.txt"))
    for index in range(12):
        made = make_document(index, seed=7, defects=index % 2 == 0)
        out.append(read_bytes(made.data, name=made.name))
    return out


def test_recovery_is_the_same_with_and_without_the_precheck(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = _documents()
    recovered = 0
    for document in documents:
        fast = recovery.recover(document)
        assert fast == _exhaustive(monkeypatch, document), document.name
        recovered += sum(1 for b in fast.blocks if b.table is not None)
    assert recovered >= len(FLATTENINGS)  # the forms were found, not skipped


def test_prose_that_mentions_header_words_needs_no_tokens() -> None:
    prose = [
        "本单位实有人数18人，在职人数16人，离退休人数2人。",
        "年度自评得分92分，权重与分值按评价办法确定，偏差原因见说明。",
    ]
    assert not may_hold_form(_blocks(prose))


@pytest.mark.parametrize(
    "lines",
    [
        ["项目名称 社区书屋", "主管部门 某某局"],  # two labels standing as cells
        ["一级指标 二级指标 三级指标 指标值 完成值"],  # an indicator header run
        ["年初预算数 全年预算数 全年执行数"],  # a money header run
        ["编制数 | 实际在职人数 | 控制率"],  # a staffing header in pipe cells
        ["年度总体目标", "预期目标", "实际完成情况"],  # the goals block over three lines
    ],
)
def test_each_kind_of_form_header_is_seen(lines: list[str]) -> None:
    assert may_hold_form(_blocks(lines))
