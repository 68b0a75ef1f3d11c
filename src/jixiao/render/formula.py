"""A small evaluator for the formulas the fill-in workbook carries.

A workbook saved by Excel, WPS or LibreOffice stores each formula's value; one written
by jixiao and read back unopened does not, so the importer computes it here. The
grammar is what the workbook uses: numbers, strings, cell references (``B7``,
``$B$7``, ``'自评表'!B7``) and ranges, ``+ - * /``, comparisons, ``&``, and the
functions SUM, COUNT, IF, AND, OR, NOT, ISNUMBER, ROUND. Anything else raises `FormulaError`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter


class FormulaError(ValueError):
    """A formula outside the supported grammar, or a reference that loops."""


_TOKEN = re.compile(
    r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<str>\"[^\"]*\")|"
    r"(?P<ref>(?:'[^']+'!|[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff]*!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|"
    r"(?P<fn>[A-Z]+)\(|(?P<op><>|>=|<=|[-+*/(),=<>&]))"
)
Value = Decimal | str | bool | None
#: sheet, coordinate → the cell's value (evaluating formulas as needed).
Lookup = Callable[[str, str], Value]


def _tokens(text: str) -> Iterator[tuple[str, str]]:
    pos = 0
    text = text.strip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            raise FormulaError(f"无法计算的公式：{text}")
        kind = match.lastgroup or ""
        yield kind, match.group(kind)
        pos = match.end()


def _num(value: Value) -> Decimal:
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        return value
    if value is None or value == "":
        return Decimal(0)
    try:
        return Decimal(str(value))
    except InvalidOperation as exc:
        raise FormulaError(f"不是数字：{value}") from exc


def _cells(ref: str) -> tuple[str | None, list[str]]:
    sheet = None
    if "!" in ref:
        sheet, ref = ref.rsplit("!", 1)
        sheet = sheet.strip("'")
    ref = ref.replace("$", "")
    if ":" not in ref:
        return sheet, [ref]
    first, last = ref.split(":")
    c1, r1 = re.match(r"([A-Z]+)(\d+)", first).groups()  # type: ignore[union-attr]
    c2, r2 = re.match(r"([A-Z]+)(\d+)", last).groups()  # type: ignore[union-attr]
    cols = range(column_index_from_string(c1), column_index_from_string(c2) + 1)
    return sheet, [f"{get_column_letter(c)}{r}" for r in range(int(r1), int(r2) + 1) for c in cols]


class _Parser:
    def __init__(self, text: str, sheet: str, lookup: Lookup) -> None:
        self.tokens = list(_tokens(text.lstrip("=")))
        self.i = 0
        self.sheet = sheet
        self.lookup = lookup

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self, op: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token is None or (op is not None and token[1] != op):
            raise FormulaError(f"公式不完整，缺少“{op}”")
        self.i += 1
        return token

    def expression(self) -> Any:
        left = self.concat()
        while (t := self.peek()) and t[1] in ("=", "<>", "<", ">", "<=", ">="):
            self.take()
            right = self.concat()
            left = _compare(t[1], left, right)
        return left

    def concat(self) -> Any:
        left = self.additive()
        while (t := self.peek()) and t[1] == "&":
            self.take()
            left = f"{_text(left)}{_text(self.additive())}"
        return left

    def additive(self) -> Any:
        left = self.term()
        while (t := self.peek()) and t[1] in "+-" and t[0] == "op":
            self.take()
            right = self.term()
            left = _num(left) + _num(right) if t[1] == "+" else _num(left) - _num(right)
        return left

    def term(self) -> Any:
        left = self.unary()
        while (t := self.peek()) and t[1] in "*/" and t[0] == "op":
            self.take()
            right = _num(self.unary())
            if t[1] == "/" and right == 0:
                raise FormulaError("除数为零")
            left = _num(left) * right if t[1] == "*" else _num(left) / right
        return left

    def unary(self) -> Any:
        if (t := self.peek()) and t[1] == "-":
            self.take()
            return -_num(self.unary())
        return self.atom()

    def atom(self) -> Any:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "str":
            return text[1:-1]
        if kind == "ref":
            sheet, cells = _cells(text)
            values = [self.lookup(sheet or self.sheet, c) for c in cells]
            return values if ":" in text else values[0]
        if kind == "fn":
            return self.call(text)
        if text == "(":
            value = self.expression()
            self.take(")")
            return value
        raise FormulaError(f"无法计算的公式成分：{text}")

    def arguments(self) -> list[Any]:
        """The arguments; one that fails is kept as its error (IF may not need it)."""
        args: list[Any] = []
        if (t := self.peek()) and t[1] == ")":
            self.take()
            return args
        while True:
            try:
                args.append(self.expression())
            except FormulaError as exc:
                args.append(exc)
                self._skip_argument()
            if self.take()[1] == ")":
                return args

    def _skip_argument(self) -> None:
        depth = 0
        while (t := self.peek()) is not None:
            if t[1] in (",", ")") and depth == 0:
                return
            depth += (t[1] == "(" or t[0] == "fn") - (t[1] == ")")
            self.i += 1

    def call(self, name: str) -> Any:
        args = self.arguments()
        if name == "IF":
            chosen = args[1] if _truth(_ok(args[0])) else (args[2] if len(args) > 2 else False)
            return _ok(chosen)
        args = [_ok(a) for a in args]
        flat = [v for a in args for v in (a if isinstance(a, list) else [a])]
        if name == "SUM":
            return sum((v for v in flat if isinstance(v, Decimal)), Decimal(0))
        if name == "COUNT":
            return Decimal(sum(1 for v in flat if isinstance(v, Decimal) and not isinstance(v, bool)))
        if name == "AND":
            return all(_truth(v) for v in flat)
        if name == "OR":
            return any(_truth(v) for v in flat)
        if name == "NOT":
            return not _truth(args[0])
        if name == "ISNUMBER":
            return isinstance(args[0], Decimal) and not isinstance(args[0], bool)
        if name == "ROUND":
            places = int(_num(args[1])) if len(args) > 1 else 0
            return _num(args[0]).quantize(Decimal(1).scaleb(-places))
        raise FormulaError(f"不支持的函数：{name}")


def _ok(value: Any) -> Any:
    if isinstance(value, FormulaError):
        raise value
    return value


def _text(value: Any) -> str:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _truth(value: Any) -> bool:
    if isinstance(value, str):
        return value.upper() == "TRUE"
    return bool(value)


def _compare(op: str, left: Any, right: Any) -> bool:
    a: Any
    b: Any
    if (isinstance(left, Decimal | int) and isinstance(right, Decimal | int)) or op not in ("=", "<>"):
        a, b = _num(left), _num(right)
    else:
        a, b = _text(left), _text(right)
    if op in ("=", "<>"):
        return bool((a == b) == (op == "="))
    return bool({"<": a < b, ">": a > b, "<=": a <= b, ">=": a >= b}[op])


def evaluate(formula: str, sheet: str, lookup: Lookup) -> Value:
    """The value of `formula` (with or without its leading ``=``) on `sheet`."""
    parser = _Parser(formula, sheet, lookup)
    value = parser.expression()
    if parser.peek() is not None:
        raise FormulaError(f"无法计算的公式：{formula}")
    if isinstance(value, list):
        raise FormulaError(f"公式结果是一个区域：{formula}")
    return value if isinstance(value, Decimal | str | bool) or value is None else _num(value)
