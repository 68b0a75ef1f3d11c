"""Input validation of the fill-in workbook: each message states the rule it checks.

Amounts are numbers ≥ 0 (万元), head counts whole numbers ≥ 0, 分值 numbers from 0 to
100, each 得分 a number from 0 to the 分值 of its row, 总分 from 0 to 100 and the grade
one of 优、良、中、差. A prompt shows the rule when the cell is selected.
"""

from __future__ import annotations

from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jixiao.render.layout import Placed

#: kind → (validation arguments, prompt, error message)
RULES: dict[str, tuple[dict[str, str], str, str]] = {
    "amount": (
        {"type": "decimal", "operator": "greaterThanOrEqual", "formula1": "0"},
        "金额，单位万元，填阿拉伯数字",
        "金额应为不小于 0 的数字（单位：万元）",
    ),
    "count": (
        {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"},
        "人数，填整数",
        "人数应为不小于 0 的整数",
    ),
    "weight": (
        {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
        "分值，0 到 100",
        "分值应为 0 到 100 之间的数字",
    ),
    "total": (
        {"type": "decimal", "operator": "between", "formula1": "0", "formula2": "100"},
        "总分，0 到 100",
        "总分应为 0 到 100 之间的数字",
    ),
    "grade": (
        {"type": "list", "formula1": '"优,良,中,差"'},
        "从下拉列表选择自评等级",
        "自评等级只能是：优、良、中、差",
    ),
}
SCORE_PROMPT = "得分，0 到本行分值"
SCORE_ERROR = "得分应为 0 到本行分值之间的数字"


class Validations:
    """The data validations of one sheet, one per rule, created on first use."""

    def __init__(self, sheet: Any) -> None:
        self.sheet = sheet
        self.by_kind: dict[str, DataValidation] = {}

    def add(self, kind: str, coordinate: str) -> None:
        """Check `coordinate` by the rule `kind`."""
        if kind not in self.by_kind:
            args, prompt, error = RULES[kind]
            self.by_kind[kind] = self._new(args, prompt, error)
        self.by_kind[kind].add(coordinate)

    def add_score(self, coordinate: str, weight: str | None) -> None:
        """Check a 得分 cell against the 分值 of its row (0 to 100 when the row has none)."""
        if weight is None:
            self.add("weight", coordinate)
            return
        formula = f"AND(ISNUMBER({coordinate}),{coordinate}>=0,OR(NOT(ISNUMBER({weight})),{coordinate}<={weight}))"
        dv = self._new({"type": "custom", "formula1": formula}, SCORE_PROMPT, SCORE_ERROR)
        dv.add(coordinate)

    def _new(self, args: dict[str, str], prompt: str, error: str) -> DataValidation:
        dv = DataValidation(allow_blank=True, **args)
        dv.error, dv.errorTitle, dv.showErrorMessage = error, "输入无效", True
        dv.prompt, dv.promptTitle, dv.showInputMessage = prompt, "填写要求", True
        self.sheet.add_data_validation(dv)
        return dv


def _kind(key: str, fmt: str) -> str | None:
    if key == "self_evaluation.grade":
        return "grade"
    if key == "self_evaluation.score":
        return "total"
    if key.endswith(".weight"):
        return "weight"
    if key.endswith(".score"):
        return "score"
    return fmt if fmt in ("amount", "count") else None


def add_input_check(checks: Validations, sheet: Any, cell: Any, placed: Placed, row_cells: list[Placed]) -> None:
    """Validate an input cell by the rule of its field."""
    key = placed.cell.key
    if not key or key.startswith("calc."):
        return
    kind = _kind(key, placed.cell.fmt)
    if kind == "score":
        weight = next(
            (q for q in row_cells if q.row == placed.row and (q.cell.key or "").endswith(".weight")), None
        )
        ref = f"{get_column_letter(weight.col + 1)}{cell.row}" if weight else None
        checks.add_score(cell.coordinate, ref)
    elif kind is not None:
        checks.add(kind, cell.coordinate)
