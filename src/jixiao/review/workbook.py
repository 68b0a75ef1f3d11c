"""Cells a reader could not read as written (the notes of a document), as findings.

A filled workbook imported by jixiao notes each cell it could not read — text in a
number cell, a head count that is no whole number, a number written in Chinese
numerals, a row without its name — at its ``Sheet!C14``. Each kind of note is a check.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit, check

#: code → (severity, title, suggestion, example message)
NOTES: dict[str, tuple[Severity, str, str, str]] = {
    "cell-not-a-number": (Severity.WARNING, "单元格应为数字", "填写阿拉伯数字（金额单位万元），不要写文字或单位", "该单元格应为数字，实际为“待定”，未能读取"),
    "cell-not-a-count": (Severity.WARNING, "人数应为非负整数", "人数填写不小于 0 的整数", "人数应为非负整数，实际为“12.5”，未能读取"),
    "cell-chinese-number": (Severity.INFO, "数字写成了中文", "改为阿拉伯数字，便于核对", "分值写作“十”，已按 10 读取，请改为阿拉伯数字"),
    "grade-unknown": (Severity.WARNING, "自评等级不是优、良、中、差", "从下拉列表选择优、良、中、差", "自评等级应为优、良、中、差之一，实际为“A”，未能读取"),
    "indicator-without-name": (Severity.WARNING, "指标行缺少指标名称", "补填三级指标名称，或清空该行", "该行填写了指标值或分值，但没有三级指标名称，已忽略"),
    "project-without-name": (Severity.WARNING, "项目行缺少项目名称", "补填项目名称，或清空该行", "该行填写了金额，但没有项目名称，已忽略"),
    "field-invalid": (Severity.WARNING, "字段取值无效", "按填写说明更正该单元格", "字段 year 无效（应不大于2100），已清空"),
}


def _register(code: str) -> None:
    severity, title, suggestion, example = NOTES[code]

    def notes(ctx: ReviewContext) -> Iterator[Hit]:
        if ctx.document is None:
            return
        for note in ctx.document.notes:
            if note.code == code:
                ref = SourceRef(0, note.position, note.message)
                yield Hit({"message": note.message}, (ref,))

    notes.__doc__ = f"Notes ``{code}`` of the document's reader (the workbook import)."
    check(code, severity=severity, title=title, template="{message}", suggestion=suggestion,
          example={"message": example}, family="workbook")(notes)


for _code in NOTES:
    _register(_code)
