"""One formatter for the errors every command reports: record validation names the field.

`describe` turns any exception a command stops on into its Chinese message; a record
that fails validation (pydantic) is listed field by field — the path, its Chinese
name and what is wrong (“budget.final.total（全年预算合计）：应为数字，实际为“abc””).
`fail` prints the message to stderr and exits.
"""

from __future__ import annotations

import sys
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

#: Field path segments in Chinese; a path reads as the names of its segments.
SEGMENTS = {
    "department": "部门名称",
    "year": "年度",
    "kind": "类型",
    "schema": "格式标识",
    "staffing": "",
    "authorized": "编制数",
    "retired": "离退休人数",
    "income": "收入",
    "prior_year": "上年",
    "budget": "预算",
    "initial": "年初预算",
    "final": "全年预算",
    "actual": "实际",
    "total": "合计",
    "basic": "基本支出",
    "project": "项目",
    "personnel": "人员经费",
    "public": "公用经费",
    "prior_year_expenditure": "上年支出",
    "three_public": "三公经费",
    "overseas": "因公出国（境）费",
    "vehicles": "公务用车购置及运行费",
    "reception": "公务接待费",
    "projects": "项目",
    "indicators": "绩效指标",
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "名称",
    "target": "年度指标值",
    "weight": "分值",
    "score": "得分",
    "deviation": "偏差原因",
    "unit": "计量单位",
    "self_evaluation": "自评",
    "grade": "等级",
    "problems": "存在的问题",
    "measures": "改进措施",
    "budget_execution": "预算执行",
    "rate": "执行率",
    "funds": "资金来源",
    "goals": "年度总体目标",
    "record": "记录",
    "narrative": "叙述",
}
_REASONS = {
    "missing": "缺少该字段",
    "extra_forbidden": "不是记录中的字段（拼写错误？）",
    "decimal_parsing": "应为数字",
    "decimal_type": "应为数字",
    "float_parsing": "应为数字",
    "float_type": "应为数字",
    "finite_number": "应为有限的数字",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "list_type": "应为列表",
    "model_type": "应为对象（{…}）",
    "model_attributes_type": "应为对象（{…}）",
    "dict_type": "应为对象（{…}）",
    "bool_type": "应为 true 或 false",
    "json_invalid": "不是有效的 JSON",
    "json_type": "不是有效的 JSON",
}
#: Paths whose name is not the sum of their segments' names.
FIELDS = {
    "staffing.actual": "实际在职人数",
    "income.total": "收入合计",
    "income.prior_year": "上年收入合计",
    "income.initial": "年初预算收入",
    "budget.initial": "年初预算",
    "budget.final": "全年预算",
    "budget.actual": "全年支出",
    "budget.actual.total": "全年支出合计",
    "budget.actual.basic": "全年基本支出",
    "budget.actual.project": "全年项目支出",
    "budget.actual.personnel": "人员经费支出",
    "budget.actual.public": "公用经费支出",
    "three_public.budget": "三公经费预算",
    "three_public.actual": "三公经费支出",
    "self_evaluation.score": "自评得分",
    "self_evaluation.grade": "自评等级",
    "indicators.actual": "实际完成值",
    "projects.actual": "实际支出",
    "projects.budget": "预算",
}
#: How many field errors a message lists before “等N处”.
SHOWN = 8


def field_name(loc: tuple[Any, ...]) -> str:
    """``budget.final.total（全年预算合计）``, ``indicators[3].weight（第4个绩效指标的分值）``."""
    path, plain, group = "", "", 0
    words: list[str] = []
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
            if words:
                words[-1] = f"第{part + 1}个{words[-1]}的"
            group = len(words)
            continue
        path += ("." if path else "") + str(part)
        plain += ("." if plain else "") + str(part)
        if plain in FIELDS:
            words[group:] = [FIELDS[plain]]
        else:
            words.append(SEGMENTS.get(str(part), str(part)))
    label = "".join(words).rstrip("的")
    return f"{path}（{label}）" if label and label != path else path


def _reason(error: Any) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("greater_than_equal", "greater_than"):
        reason = f"不能小于{ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        reason = f"不能大于{ctx.get('le', ctx.get('lt'))}"
    elif kind == "literal_error":
        reason = f"只能是 {ctx.get('expected', '')}"
    else:
        reason = _REASONS.get(kind, str(error.get("msg", "")))
    given = error.get("input")
    if kind not in ("missing", "extra_forbidden") and isinstance(given, str | int | float):
        reason += f"，实际为“{given}”"
    return reason


def validation_lines(exc: ValidationError) -> list[str]:
    """One line per field error: the field named in words and what is wrong."""
    return [f"{field_name(tuple(e['loc']))}：{_reason(e)}" for e in exc.errors()]


def record_error(name: str, exc: ValidationError, what: str = "评价记录（jixiao.record/1）") -> str:
    """The message for a record (or narrative) file that fails validation."""
    lines = validation_lines(exc)
    more = f"\n  …等共{len(lines)}处" if len(lines) > SHOWN else ""
    listed = "\n".join(f"  {line}" for line in lines[:SHOWN])
    return f"{name}: 不是有效的{what}，共{len(lines)}处问题：\n{listed}{more}"


def describe(exc: BaseException, name: str = "") -> str:
    """The message of an error a command stops on (a validation error is listed by field)."""
    cause = exc if isinstance(exc, ValidationError) else exc.__cause__
    if isinstance(cause, ValidationError):
        what = getattr(exc, "what", None) or "评价记录（jixiao.record/1）"
        return record_error(getattr(exc, "name", None) or name or "记录", cause, what)
    if isinstance(exc, OSError):
        return f"{name or exc.filename}: 无法读写文件（{exc.strerror or exc}）"
    return str(exc)


def fail(exc: BaseException | str, *, name: str = "", code: int = 1) -> NoReturn:
    """Print the message on stderr (prefixed ``jixiao:``) and exit with `code`."""
    message = exc if isinstance(exc, str) else describe(exc, name)
    print(f"jixiao: {message}", file=sys.stderr)
    raise typer.Exit(code)
