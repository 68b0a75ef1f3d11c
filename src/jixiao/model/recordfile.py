"""Loading a record from JSON that nobody vouches for: bounded, then validated, one message.

A record file may come from anyone: ``1e308``, ``"1E+1000000"``, 100,000 levels of
nesting or 100,000 indicators must not reach the scoring arithmetic or a renderer.
`parse_json` reads numbers as `Decimal` (no float overflow to ``inf``, no slow
conversion of huge integer literals) and refuses NaN, Infinity and nesting deeper
than the parser's stack; `check_data` walks the parsed value once, without
recursion, and refuses nesting over `MAX_DEPTH`, lists over `MAX_ITEMS`, texts over
`MAX_TEXT` characters, numbers of magnitude `MAX_MAGNITUDE` or more, and texts
holding such a number (a run of more than `MAX_TEXT_DIGITS` digits, or an exponent),
which the scoring rules would otherwise read from an indicator's target or value;
`load_record` then validates the schema. Every refusal is a `RecordDataError`
naming the field (``indicators[3].score``), and `describe` / `message` are the one
wording that every command prints.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from jixiao.model.record import Record

#: Largest record file read, in bytes.
MAX_RECORD_BYTES = 32 * 1024 * 1024
#: Deepest nesting of objects and lists (a record needs 4).
MAX_DEPTH = 32
#: Most items of one list (indicators, projects, problems...); real reports list
#: at most a few hundred indicators, and every renderer finishes this many in seconds.
MAX_ITEMS = 2_000
#: Longest text, in characters.
MAX_TEXT = 100_000
#: Amounts, scores and counts must be smaller than this (万元: far beyond any budget).
MAX_MAGNITUDE = Decimal("1e15")
#: Integer literals longer than this are read as `Decimal` (and then refused as too large).
MAX_DIGITS = 18
#: Longest run of digits in a text (an 18-digit identity number passes).
MAX_TEXT_DIGITS = 20

_HUGE_IN_TEXT = re.compile(rf"\d{{{MAX_TEXT_DIGITS + 1},}}|\d\s*[eE]\s*[+＋]?\s*\d{{3,}}")

_WHOLE = "（整个文件）"


class RecordDataError(ValueError):
    """A record file is refused; `field` says where (``indicators[3].score``)."""

    def __init__(self, field: str, problem: str) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem


def describe(exc: RecordDataError) -> tuple[str, str]:
    """(reason, hint) of a refused record file: the one wording every command uses."""
    where = "" if exc.field == _WHOLE else f"字段 {exc.field} "
    return f"不是有效的评价记录：{where}{exc.problem}", "请检查该处，或用 jixiao extract 从报告重新生成记录"


def message(name: str, exc: RecordDataError) -> str:
    """The whole message for a refused record file `name`."""
    reason, hint = describe(exc)
    return f"{name}: {reason}（{hint}）"


def field_path(loc: tuple[int | str, ...] | list[int | str]) -> str:
    """``("indicators", 3, "score")`` → ``indicators[3].score``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or _WHOLE


def _integer(text: str) -> int | Decimal:
    """Small integers as `int`; long ones as `Decimal` (no quadratic conversion), refused later by field."""
    return int(text) if len(text) <= MAX_DIGITS else Decimal(text)


def _too_large(number: Decimal) -> bool:
    # copy_abs and comparison need no context: no Overflow whatever the exponent
    return not number.is_finite() or number.copy_abs() >= MAX_MAGNITUDE


def _constant(text: str) -> Any:
    raise RecordDataError(_WHOLE, f"“{text}”不是有效的数值")


def parse_json(text: str | bytes) -> Any:
    """Parse JSON with numbers as `Decimal`, refusing non-finite and oversized literals."""
    try:
        return json.loads(text, parse_float=Decimal, parse_int=_integer, parse_constant=_constant)
    except RecursionError as exc:
        raise RecordDataError(_WHOLE, f"嵌套层数过深（上限 {MAX_DEPTH} 层）") from exc
    except UnicodeDecodeError as exc:
        raise RecordDataError(_WHOLE, "不是 UTF-8 编码的 JSON 文本") from exc
    except json.JSONDecodeError as exc:
        raise RecordDataError(_WHOLE, f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）") from exc


def _numeric_text(value: str) -> Decimal | None:
    text = value.replace(",", "").strip()
    if not text or len(text) > 400 or not any(ch.isdigit() for ch in text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _check_scalar(value: Any, path: list[int | str]) -> None:
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise RecordDataError(field_path(path), f"文字过长（{len(value):,} 字，上限 {MAX_TEXT:,}）")
        number = _numeric_text(value)
        huge = _HUGE_IN_TEXT.search(value)
        if (number is not None and _too_large(number)) or huge:
            shown = huge.group(0) if huge else value
            raise RecordDataError(field_path(path), f"数值“{shown[:40]}”超出允许范围")
    elif isinstance(value, float | int | Decimal) and not isinstance(value, bool):
        number = Decimal(value) if not isinstance(value, Decimal) else value
        if _too_large(number):
            raise RecordDataError(field_path(path), f"数值 {str(value)[:40]} 超出允许范围（绝对值须小于 {MAX_MAGNITUDE:.0E}）")


def check_data(data: Any) -> None:
    """Refuse nesting, list lengths, texts and numbers over the limits (one pass, no recursion)."""
    stack: list[tuple[Any, list[int | str]]] = [(data, [])]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise RecordDataError(field_path(path), f"嵌套层数过深（上限 {MAX_DEPTH} 层）")
        if isinstance(value, dict):
            stack.extend((v, [*path, str(k)]) for k, v in value.items())
        elif isinstance(value, list):
            if len(value) > MAX_ITEMS:
                raise RecordDataError(field_path(path), f"条目过多（{len(value):,} 条，上限 {MAX_ITEMS:,}）")
            stack.extend((v, [*path, i]) for i, v in enumerate(value))
        else:
            _check_scalar(value, path)


_PROBLEMS = {
    "missing": "缺少必填内容",
    "extra_forbidden": "不是记录中的字段",
    "decimal_parsing": "应为数值",
    "decimal_type": "应为数值",
    "float_parsing": "应为数值",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "int_from_float": "应为整数",
    "finite_number": "应为有限的数值",
    "string_type": "应为文字",
    "string_too_short": "不能为空",
    "literal_error": "取值不在允许的范围内",
    "greater_than_equal": "数值过小",
    "less_than_equal": "数值过大",
    "list_type": "应为列表",
    "model_type": "应为对象",
    "dict_type": "应为对象",
    "too_long": "条目过多",
}


def from_validation(exc: ValidationError) -> RecordDataError:
    """The first problem of a schema validation, named by its field."""
    first = exc.errors()[0]
    problem = _PROBLEMS.get(first["type"], f"无效（{first['msg']}）")
    more = exc.error_count() - 1
    if more:
        problem += f"；另有 {more} 处问题"
    return RecordDataError(field_path(list(first["loc"])), problem)


def load_record(data: Any) -> Record:
    """Validate parsed JSON as a record, refusing it over the limits first."""
    check_data(data)
    try:
        return Record.model_validate(data)
    except ValidationError as exc:
        raise from_validation(exc) from exc


def load_record_json(text: str | bytes) -> Record:
    """Parse and validate a record from JSON text that nobody vouches for."""
    return load_record(parse_json(text))
