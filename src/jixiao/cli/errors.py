"""How every command reports the error it stops on; a refused record names its field.

`describe` turns any exception into its Chinese message. A record file that fails
validation is worded by `jixiao.model.recordfile.message` (the one wording of the
project), with the field named as a path and in words:
“a.json: 不是有效的评价记录：字段 staffing.retired（离退休人数） 数值过小（…）”.
`fail` prints the message to stderr and exits.
"""

from __future__ import annotations

import re
import sys
from typing import Any, NoReturn

import typer
from pydantic import ValidationError

from jixiao.model.recordfile import RecordDataError, from_validation, message

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


def labelled(error: RecordDataError) -> RecordDataError:
    """`error` with its field named in words too (``staffing.retired（离退休人数）``)."""
    loc = tuple(int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", error.field))
    if not loc or error.field.startswith("（"):
        return error
    return RecordDataError(field_name(loc), error.problem)


def describe(exc: BaseException, name: str = "") -> str:
    """The message of an error a command stops on.

    A record (or narrative) file that is refused is worded once, by
    `jixiao.model.recordfile.message`, with the field named in words as well.
    """
    cause: BaseException | None = exc if isinstance(exc, ValidationError | RecordDataError) else exc.__cause__
    if isinstance(cause, ValidationError):
        cause = from_validation(cause)
    if isinstance(cause, RecordDataError):
        return message(getattr(exc, "name", None) or name or "记录", labelled(cause))
    if isinstance(exc, OSError):
        return f"{name or exc.filename}: 无法读写文件（{exc.strerror or exc}）"
    return str(exc)


def fail(exc: BaseException | str, *, name: str = "", code: int = 1) -> NoReturn:
    """Print the message on stderr (prefixed ``jixiao:``) and exit with `code`."""
    message = exc if isinstance(exc, str) else describe(exc, name)
    print(f"jixiao: {message}", file=sys.stderr)
    raise typer.Exit(code)
