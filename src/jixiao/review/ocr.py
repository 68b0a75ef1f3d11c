"""Figures read from a scan with low OCR confidence: check them against the original.

A scanned page is recognised character by character, each with a confidence. The
reader keeps, in each paragraph's or cell's `Position`, the *doubtful words*: the
numbers (whole) and other characters (with their neighbours) recognised with low
confidence. A record value whose source holds one of them is reported here, as a
finding of its own: the figure may be misread rather than wrong, so any other
finding about it (a total that does not add up) should be read after checking it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.model.document import Cell
from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.registry import Hit, check

_STAGES = {"initial": "年初预算", "final": "全年预算", "actual": "全年支出"}
_PARTS = {
    "total": "合计",
    "basic": "基本支出",
    "project": "项目支出",
    "personnel": "人员经费",
    "public": "公用经费",
    "overseas": "因公出国（境）费",
    "vehicles": "公务用车购置及运行费",
    "reception": "公务接待费",
}
_NAMES = {
    "department": "单位名称",
    "year": "年度",
    "staffing.authorized": "编制数",
    "staffing.actual": "在职人数",
    "staffing.retired": "离退休人数",
    "income.total": "收入合计",
    "income.prior_year": "上年收入",
    "budget.prior_year_expenditure": "上年支出",
    "self_evaluation.score": "自评得分",
    "self_evaluation.grade": "自评等级",
    "income.initial": "年初预算收入",
    "project.name": "项目名称",
    "project.competent_department": "主管部门",
    "project.implementing_unit": "实施单位",
    "goals.expected": "年度总体目标",
    "goals.achieved": "总体目标实际完成情况",
    "budget_execution.weight": "预算执行率分值",
    "budget_execution.rate": "预算执行率",
    "budget_execution.score": "预算执行率得分",
}
_FUNDS = {"fiscal": "本年财政拨款", "carryover": "上年结转资金", "other": "其他资金"}
_FUND_STAGES = {"initial": "年初预算数", "final": "全年预算数", "actual": "全年执行数"}
_ITEM_FIELDS = {
    "name": "名称",
    "budget": "预算",
    "actual": "支出",
    "target": "年度指标值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因",
}
_ITEM = re.compile(r"^(indicators|projects)\[(\d+)\]$")
_NUMBER = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def field_name(path: str) -> str:
    """The Chinese name of a record field path (``budget.final.total`` → 全年预算合计)."""
    if path in _NAMES:
        return _NAMES[path]
    parts = path.split(".")
    if parts[0] == "budget" and len(parts) == 3:
        return _STAGES.get(parts[1], parts[1]) + _PARTS.get(parts[2], parts[2])
    if parts[0] == "three_public" and len(parts) == 3:
        stage = "预算" if parts[1] == "budget" else "决算"
        return f"“三公”经费{stage}{_PARTS.get(parts[2], parts[2])}"
    if parts[0] == "funds" and len(parts) == 3:
        return _FUNDS.get(parts[1], parts[1]) + _FUND_STAGES.get(parts[2], parts[2])
    if parts[0] == "claims":
        return "自评表预算执行" + {"weight": "分值", "score": "得分", "rate": "执行率"}.get(parts[-1], "")
    return path


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def matches(word: str, value: str) -> bool:
    """Whether the doubtful `word` is (part of) how `value` is written."""
    compact = re.sub(r"\s+", "", value)
    if not compact:
        return False
    if word in compact:
        return True
    number = _number(word.rstrip("%"))
    if number is None:
        return False
    return any(_number(found) == number for found in _NUMBER.findall(compact))


def _scalar(record: Any, path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value


def _shown(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return str(value)


def _values(ctx: ReviewContext, path: str) -> list[tuple[str, str]]:
    """(name, value as text) of the record values at `path` (an item gives each field)."""
    item = _ITEM.match(path)
    if item is None:
        value = _scalar(ctx.record, path)
        return [] if value is None or isinstance(value, list) else [(field_name(path), _shown(value))]
    items = getattr(ctx.record, item.group(1))
    index = int(item.group(2))
    if index >= len(items):
        return []
    entry = items[index]
    kind = "指标" if item.group(1) == "indicators" else "项目"
    label = f"{kind}“{entry.name}”" if entry.name else kind
    out = []
    for key, name in _ITEM_FIELDS.items():
        if key == "actual" and kind == "指标":
            name = "实际完成值"
        value = getattr(entry, key, None)
        if value is not None:
            out.append((f"{label}的{name}", _shown(value)))
    return out


def _doubtful_cells(ctx: ReviewContext) -> dict[int, tuple[Cell, ...]]:
    """The table cells holding doubtful words, by block index (found once per review)."""
    out: dict[int, tuple[Cell, ...]] = {}
    for index, block in enumerate(ctx.document.blocks if ctx.document is not None else ()):
        if block.table is not None:
            cells = tuple(c for c in block.table.cells if c.position.doubtful)
            if cells:
                out[index] = cells
    return out


def _doubtful(ctx: ReviewContext, path: str, ref: SourceRef) -> list[str]:
    """The doubtful words where `path`'s value stands (a table row for an indicator)."""
    words = list(ref.position.doubtful)
    if ref.row is not None and _ITEM.match(path):
        for cell in ctx.shared("ocr-doubtful-cells", _doubtful_cells).get(ref.block, ()):
            if cell.row <= ref.row < cell.row + cell.rowspan:
                words.extend(w for w in cell.position.doubtful if w not in words)
    return words


def _span(ref: SourceRef) -> str:
    if ref.start is not None and ref.end is not None:
        return ref.text[ref.start : ref.end]
    return ref.text


@check(
    "ocr-low-confidence",
    severity=Severity.WARNING,
    title="扫描件文字识别存疑，请核对原件",
    template="{field}“{value}”由扫描件文字识别得到，其中“{words}”识别置信度低，请核对原件",
    suggestion="对照纸质原件或扫描图像核对该数据，有误的更正后重新审核；与该数据有关的合计、比率等问题，请在核对后再判断",
    example={"field": "全年预算合计", "value": "786.32", "words": "786.32"},
)
def low_confidence(ctx: ReviewContext) -> Iterator[Hit]:
    """A record value whose characters in the scanned source were recognised with low confidence (OCR). It is reported on its own, not as an arithmetic error: the figure may be misread rather than wrong."""
    if ctx.document is not None and not ctx.document.ocr_pages:
        return  # doubtful words come only from OCR, and a document read by OCR names its scanned pages
    for path, ref in ctx.provenance.items():
        words = _doubtful(ctx, path, ref)
        if not words:
            continue
        span = _span(ref)
        for name, value in _values(ctx, path):
            found = [w for w in words if matches(w, value) and (matches(w, span) or _ITEM.match(path))]
            if found:
                values = {"field": name, "value": value, "words": "、".join(found)}
                yield Hit(values, (ref,), key=("ocr-low-confidence", name, value))
