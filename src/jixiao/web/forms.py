"""The record as a web form, and back: fields are derived from the record model itself.

`form_layout` walks `Record`'s fields: nested parts become groups of inputs named by
their path (``budget.final.total``), lists of parts become editable tables
(``indicators[2].weight``) and lists of text become one-per-line text areas. `parse_form`
turns submitted values back into a `Record`, or into messages per field — the values as
typed are always kept, so a failed save loses nothing.
"""

from __future__ import annotations

import re
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from jixiao.model.record import Record

Kind = Literal["text", "number", "int", "choice", "lines"]

LABELS = {
    "kind": "报告类型", "department": "单位名称", "year": "年度",
    "staffing": "人员情况", "staffing.authorized": "编制数", "staffing.actual": "实有人数",
    "staffing.retired": "离退休人数",
    "income": "收入", "income.total": "收入合计", "income.prior_year": "上年收入合计",
    "budget": "预算与支出（万元）", "budget.initial": "年初预算", "budget.final": "全年预算（调整后）",
    "budget.actual": "全年执行数", "total": "合计", "basic": "基本支出", "project": "项目支出",
    "personnel": "人员经费", "public": "公用经费", "budget.prior_year_expenditure": "上年支出",
    "three_public": "“三公”经费（万元）", "three_public.budget": "预算", "three_public.actual": "实际",
    "overseas": "因公出国（境）费", "vehicles": "公务用车购置及运行费", "reception": "公务接待费",
    "projects": "项目", "name": "名称", "actual": "实际", "weight": "分值", "score": "得分",
    "indicators": "绩效指标", "level1": "一级指标", "level2": "二级指标", "target": "年度指标值",
    "deviation": "偏差原因及改进措施",
    "self_evaluation": "自评结果", "self_evaluation.score": "自评总分", "self_evaluation.grade": "自评等级",
    "problems": "存在的问题", "measures": "改进措施",
}
LABELS.update({
    "income.initial": "年初预算收入",
    "project.name": "项目名称", "project.competent_department": "主管部门", "project.implementing_unit": "实施单位",
    "funds": "年度资金总额（万元）", "budget_execution": "预算执行（自评表所填）",
    "budget_execution.weight": "分值", "budget_execution.rate": "执行率（%）", "budget_execution.score": "得分",
    "goals": "年度总体目标", "goals.expected": "预期目标", "goals.achieved": "实际完成情况",
})
for _source, _source_name in (("fiscal", "财政拨款"), ("carryover", "上年结转"), ("other", "其他资金")):
    LABELS[f"funds.{_source}"] = _source_name
    for _stage, _stage_name in (("initial", "年初预算数"), ("final", "全年预算数"), ("actual", "全年执行数")):
        LABELS[f"funds.{_source}.{_stage}"] = _stage_name
#: Top-level groups whose titles differ from a field of the same name elsewhere.
GROUP_LABELS = {"project": "项目信息（项目支出自评表）", "projects": "项目"}
INDICATOR_LABELS = {"name": "三级指标", "actual": "实际完成值", "unit": "计量单位"}
PROJECT_LABELS = {"budget": "预算数", "actual": "执行数"}
NUMBER_ERRORS = ("decimal_parsing", "decimal_type", "int_parsing", "int_from_float", "float_parsing")
#: Blank rows offered under each table.
BLANK_ROWS = 2


@dataclass(frozen=True)
class FieldSpec:
    """One input: its path (relative within a table), label, kind and choices."""

    path: str
    label: str
    kind: Kind
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Group:
    """A titled set of inputs (or one table of rows, or one text area)."""

    path: str
    title: str
    fields: tuple[FieldSpec, ...] = ()
    #: ``scalars``, ``rows`` (a list of parts) or ``lines`` (a list of text).
    shape: str = "scalars"


@dataclass
class FormState:
    """What a form shows: values as typed, messages by path, rows per table."""

    values: dict[str, str]
    errors: dict[str, str] = field(default_factory=dict)

    def rows(self, group: Group) -> range:
        """Row indexes of a table: those with values, then blank ones."""
        pattern = re.compile(rf"^{re.escape(group.path)}\[(\d+)\]\.")
        used = [int(m.group(1)) for key in self.values if (m := pattern.match(key))]
        return range((max(used) + 1 if used else 0) + BLANK_ROWS)


def _scalar(annotation: Any) -> tuple[Kind, tuple[str, ...]] | None:
    args = get_args(annotation) if get_origin(annotation) in (Union, types.UnionType) else (annotation,)
    for arg in args:
        if get_origin(arg) is Literal:
            return "choice", tuple(str(a) for a in get_args(arg))
        if arg is Decimal or arg is float:
            return "number", ()
        if arg is int:
            return "int", ()
        if arg is str:
            return "text", ()
    return None


def _model(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _label(path: str, name: str, labels: Mapping[str, str]) -> str:
    if "." not in path and path in GROUP_LABELS:
        return GROUP_LABELS[path]
    return labels.get(name) or LABELS.get(path) or LABELS.get(name) or name


def _fields(model: type[BaseModel], prefix: str, labels: Mapping[str, str]) -> list[FieldSpec]:
    out: list[FieldSpec] = []
    for name, info in model.model_fields.items():
        path = f"{prefix}{name}"
        nested = _model(info.annotation)
        if nested is not None:
            sub = _fields(nested, f"{path}.", labels)
            out += [FieldSpec(f.path, f"{_label(path, name, labels)}·{f.label}", f.kind, f.choices) for f in sub]
            continue
        scalar = _scalar(info.annotation)
        if scalar is not None:
            out.append(FieldSpec(path, _label(path, name, labels), *scalar))
    return out


@cache
def form_layout() -> tuple[Group, ...]:
    """The groups of the record form, in the record's field order."""
    groups: list[Group] = []
    identity: list[FieldSpec] = []
    for name, info in Record.model_fields.items():
        if name == "schema_":
            continue
        nested, origin = _model(info.annotation), get_origin(info.annotation)
        if nested is not None:
            groups.append(Group(name, _label(name, name, {}), tuple(_fields(nested, f"{name}.", {}))))
        elif origin is list:
            (item,) = get_args(info.annotation)
            row_model = _model(item)
            if row_model is not None:
                labels = INDICATOR_LABELS if name == "indicators" else PROJECT_LABELS if name == "projects" else {}
                groups.append(Group(name, _label(name, name, {}), tuple(_fields(row_model, "", labels)), "rows"))
            else:
                groups.append(Group(name, _label(name, name, {}), shape="lines"))
        elif (scalar := _scalar(info.annotation)) is not None:
            identity.append(FieldSpec(name, _label(name, name, {}), *scalar))
    return (Group("", "基本信息", tuple(identity)), *groups)


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def form_values(record: Record) -> dict[str, str]:
    """The record's values as form strings keyed by input name."""
    data = record.model_dump(mode="python")
    values: dict[str, str] = {}
    for group in form_layout():
        if group.shape == "scalars":
            for spec in group.fields:
                node: Any = data
                for part in spec.path.split("."):
                    node = node.get(part) if isinstance(node, dict) else None
                values[spec.path] = _text(node)
        elif group.shape == "rows":
            for i, row in enumerate(data.get(group.path) or []):
                for spec in group.fields:
                    values[f"{group.path}[{i}].{spec.path}"] = _text(row.get(spec.path))
        else:
            values[group.path] = "\n".join(data.get(group.path) or [])
    return values


def _clean(spec: FieldSpec, raw: str) -> Any:
    text = raw.strip()
    if spec.kind in ("number", "int"):
        text = re.sub(r"[,，\s]", "", text)
    return text or None


def _put(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    node = data
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = value


def _rows(group: Group, form: Mapping[str, str], data: dict[str, Any]) -> dict[int, int]:
    """Fill the group's non-blank rows; returns record index → form index."""
    state = FormState(dict(form))
    rows: list[dict[str, Any]] = []
    where: dict[int, int] = {}
    for i in state.rows(group):
        row = {s.path: _clean(s, form.get(f"{group.path}[{i}].{s.path}", "")) for s in group.fields}
        if any(v is not None for v in row.values()):
            where[len(rows)] = i
            rows.append(row)
    data[group.path] = rows
    return where


def _message(error: Mapping[str, Any]) -> str:
    kind = str(error.get("type", ""))
    if kind in NUMBER_ERRORS:
        return "请输入数字"
    if kind == "literal_error":
        return "请选择列表中的选项"
    if kind in ("string_too_short", "missing") or (kind == "string_type" and error.get("input") is None):
        return "此项不能为空"
    if kind in ("greater_than_equal", "less_than_equal"):
        limit = (error.get("ctx") or {}).get("ge", (error.get("ctx") or {}).get("le"))
        return f"数值超出范围（界限 {limit}）"
    return "填写有误"


def _error_path(loc: tuple[Any, ...], where: dict[str, dict[int, int]]) -> str:
    parts = [str(p) for p in loc]
    if len(parts) >= 2 and parts[0] in where and parts[1].isdigit():
        index = where[parts[0]].get(int(parts[1]), int(parts[1]))
        rest = ".".join(parts[2:])
        return f"{parts[0]}[{index}]" + (f".{rest}" if rest else "")
    return ".".join(parts)


def parse_form(form: Mapping[str, str], kind: str = "department") -> tuple[Record | None, FormState]:
    """The record the form describes, or None with a message for each wrong field."""
    values = {k: v for k, v in form.items() if k != "csrf_token" and isinstance(v, str)}
    data: dict[str, Any] = {"kind": kind}
    where: dict[str, dict[int, int]] = {}
    for group in form_layout():
        if group.shape == "scalars":
            for spec in group.fields:
                _put(data, spec.path, _clean(spec, values.get(spec.path, "")))
        elif group.shape == "rows":
            where[group.path] = _rows(group, values, data)
        else:
            lines = values.get(group.path, "").splitlines()
            data[group.path] = [line.strip() for line in lines if line.strip()]
    data["kind"] = data.get("kind") or kind
    state = FormState(values)
    try:
        return Record.model_validate(data), state
    except ValidationError as exc:
        for error in exc.errors():
            state.errors.setdefault(_error_path(tuple(error["loc"]), where), _message(error))
        return None, state
