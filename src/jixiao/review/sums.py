"""Every total the report states with its parts, collected once per review.

A `SumStatement` is a stated total, its stated parts, where they stand and how they
compare (`Verdict`). The sources are the record (budget stages, basic expenditure,
三公经费, the 年度资金总额 of a form and its sources of funds), the document's tables
(a 合计 column against the columns it totals, a total row against its numbered rows,
a 年度资金总额 row against its 其中 rows) and the prose (a total followed by 其中 and
its parts). The arithmetic checks read the mismatches of their source; ``rounding-tail``
reads the tails of all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import partial
from itertools import islice

from jixiao.model.provenance import Provenance, SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.numbers import Verdict, sum_verdict
from jixiao.review.prose import PartsStatement, parts_statements
from jixiao.review.scan import tables_holding
from jixiao.review.tables import CellView, Row, TableView
from jixiao.text.figures import Kind

_TOTAL = re.compile(r"^(?:支出|收入|经费|资金)?(?:合计|总计|小计|合计数)$")
_NUMBERED = re.compile(r"^(?:\d+[、.．]|（\d+）|\(\d+\))")
_FUND_TOTAL = re.compile(r"^(?:年度)?(?:资金)?总(?:额|金额)[:：]?$|^年度资金总额[:：]?$")
_FUND_PART = re.compile(
    r"^(?:其中[:：]?)?(?:本年|当年)?(?:财政(?:拨款|资金|专户)|上年结转|其他资金|单位资金|自有资金|"
    r"一般公共预算|政府性基金|社会投入|银行贷款)"
)
_STAGE_COLUMN = re.compile(r"预算|执行数|决算|支出数")
_APPROX = frozenset("约近逾超余")
_SPENT = re.compile(r"执行|决算|支出")
_NOT_MONEY = re.compile(r"率|分值|权重|得分|原因|说明")


#: Where a statement stands and the names of its figures (for messages).
Described = tuple[tuple[SourceRef, ...], Mapping[str, object]]


def described(refs: tuple[SourceRef, ...], values: Mapping[str, object]) -> Callable[[], Described]:
    """A `SumStatement.describe` for sources and names known already."""
    return lambda: (refs, values)


class SumStatement:
    """A stated total and its stated parts.

    `describe` gives where they stand and the names of the figures; it runs when
    `refs` or `values` are first read: most statements add up and are never reported.
    A slotted class rather than a dataclass: a report states dozens of sums, each made
    once per review, and a frozen dataclass is several times dearer to build.
    """

    __slots__ = ("_computed", "_described", "describe", "parts", "source", "total", "verdict")

    def __init__(
        self,
        source: str,
        total: Decimal,
        parts: tuple[Decimal, ...],
        describe: Callable[[], Described],
    ) -> None:
        self.source = source
        self.total = total
        self.parts = parts
        self.describe = describe
        #: How the total compares with the sum of its parts (every statement is sorted by it).
        self.verdict: Verdict = sum_verdict(total, parts)
        self._described: Described | None = None
        self._computed: Decimal | None = None

    def __repr__(self) -> str:
        return f"SumStatement({self.source!r}, {self.total}, {self.parts}, {self.verdict.value})"

    @property
    def refs(self) -> tuple[SourceRef, ...]:
        """Where the total (and, for record fields, its parts) stand."""
        return self._describe()[0]

    @property
    def values(self) -> Mapping[str, object]:
        """The names of the figures, for messages."""
        return self._describe()[1]

    def _describe(self) -> Described:
        if self._described is None:
            self._described = self.describe()
        return self._described

    @property
    def computed(self) -> Decimal:
        """The sum of the parts."""
        if self._computed is None:
            self._computed = sum(self.parts, Decimal(0))
        return self._computed

    @property
    def key(self) -> tuple[object, ...]:
        """The figures compared: the same total and parts seen twice are one statement."""
        parts = tuple(sorted(p.normalize() for p in self.parts if p))
        return ("sum", self.total.normalize(), parts)

    @property
    def subject(self) -> str:
        """What the total is, in the document's words, for messages."""
        names = self.values
        if self.source == "budget":
            return f"{names.get('stage', '')}合计"
        if self.source == "basic":
            return "基本支出"
        if self.source == "three-public":
            return f"“三公”经费{names.get('stage', '')}合计"
        if self.source == "funds":
            return f"“{names.get('row', '')}”的{names.get('column', '')}"
        if self.source == "prose":
            return f"文中“{names.get('label', '')}”" if names.get("label") else "文中总数"
        return f"表格中{names.get('what', '合计')}"

    def figures(self) -> dict[str, object]:
        """total, sum and gap, with the names the statement carries."""
        computed = self.computed
        return {**self.values, "total": self.total, "sum": computed, "gap": self.total - computed}


def statements(ctx: ReviewContext) -> tuple[SumStatement, ...]:
    """Every sum statement of the review (computed once)."""
    return ctx.shared("sums", _collect)


def of_source(ctx: ReviewContext, source: str, verdict: Verdict) -> Iterator[SumStatement]:
    """The statements of one source with one verdict."""
    return iter(ctx.shared("sums-by-source", _by_source).get((source, verdict), ()))


def _by_source(ctx: ReviewContext) -> dict[tuple[str, Verdict], list[SumStatement]]:
    out: dict[tuple[str, Verdict], list[SumStatement]] = {}
    for statement in statements(ctx):
        out.setdefault((statement.source, statement.verdict), []).append(statement)
    return out


def _collect(ctx: ReviewContext) -> tuple[SumStatement, ...]:
    found = [*_record(ctx), *_record_funds(ctx), *_prose(ctx)]
    totalled = {v.block for v in tables_holding(ctx, "计")}  # a 合计 column (`_TOTAL`)
    # a 年度资金总额 row: every `_FUND_TOTAL` label holds 总额 or 总金额
    funded = {v.block for v in tables_holding(ctx, "总额", "总金额", any_of=True)}
    for view in ctx.tables:
        if view.block in totalled:
            found.extend(_row_sums(view))
        found.extend(_column_sums(view))
        if view.block in funded:
            found.extend(_fund_rows(view))
    return tuple(found)


_STAGES = (("initial", "年初预算"), ("final", "调整后（全年）预算"), ("actual", "决算（执行）"))


def _record(ctx: ReviewContext) -> Iterator[SumStatement]:
    budget = ctx.record.budget
    for stage, label in _STAGES:
        split = getattr(budget, stage)
        if split.total is None or split.basic is None or split.project is None:
            continue
        paths = _BUDGET_PATHS[stage]
        names = {"stage": label, "basic": split.basic, "project": split.project}
        parts = (split.basic, split.project)
        yield SumStatement("budget", split.total, parts, _fields(ctx, paths, names))
    actual = budget.actual
    if actual.basic is not None and actual.personnel is not None and actual.public is not None:
        paths = ("budget.actual.basic", "budget.actual.personnel", "budget.actual.public")
        names = {"personnel": actual.personnel, "public": actual.public}
        parts = (actual.personnel, actual.public)
        yield SumStatement("basic", actual.basic, parts, _fields(ctx, paths, names))
    yield from _three_public(ctx)


def _paths(head: str, stage: str, fields: Sequence[str]) -> tuple[str, ...]:
    return tuple(f"{head}.{stage}.{k}" for k in fields)


_BUDGET_PATHS = {s: _paths("budget", s, ("total", "basic", "project")) for s, _ in _STAGES}
_THREE_PUBLIC_FIELDS = ("total", "overseas", "vehicles", "reception")
_THREE_PUBLIC_PATHS = {s: _paths("three_public", s, _THREE_PUBLIC_FIELDS) for s in ("budget", "actual")}


def _fields(
    ctx: ReviewContext, paths: Sequence[str], names: Mapping[str, object]
) -> Callable[[], Described]:
    """The description of a statement of record fields: their sources, looked up when needed.

    It holds the provenance, not the context: a statement kept in the context must not
    hold the context (a reference cycle keeps a finished review alive until the next
    garbage collection).
    """
    provenance = ctx.provenance
    return lambda: (_sources(provenance, paths), names)


def _sources(provenance: Provenance, paths: Sequence[str]) -> tuple[SourceRef, ...]:
    """`ReviewContext.refs`: the sources of record fields, in order, without repeats."""
    out: list[SourceRef] = []
    for path in paths:
        found = provenance.get(path)
        if found is not None and found not in out:
            out.append(found)
    return tuple(out)


def _three_public(ctx: ReviewContext) -> Iterator[SumStatement]:
    for stage, label in (("budget", "预算"), ("actual", "决算")):
        split = getattr(ctx.record.three_public, stage)
        items = (split.overseas, split.vehicles, split.reception)
        if split.total is None or all(v is None for v in items):
            continue
        parts = tuple(v if v is not None else Decimal(0) for v in items)
        paths = _THREE_PUBLIC_PATHS[stage]
        names: dict[str, object] = {"stage": label}
        names.update(zip(("overseas", "vehicles", "reception"), parts, strict=True))
        yield SumStatement("three-public", split.total, parts, _fields(ctx, paths, names))


_FUND_STAGES = (("initial", "年初预算数"), ("final", "全年预算数"), ("actual", "全年执行数"))
_FUND_SOURCES = ("fiscal", "carryover", "other")
_FUND_PATHS = {
    stage: (f"budget.{stage}.total", *(f"funds.{s}.{stage}" for s in _FUND_SOURCES))
    for stage, _ in _FUND_STAGES
}


def _record_funds(ctx: ReviewContext) -> Iterator[SumStatement]:
    """年度资金总额 (the budget totals of a form) against its sources of funds."""
    funds, budget = ctx.record.funds, ctx.record.budget
    for stage, label in _FUND_STAGES:
        total = getattr(budget, stage).total
        parts = [getattr(getattr(funds, source), stage) for source in _FUND_SOURCES]
        if total is None or all(p is None for p in parts):
            continue
        values = tuple(p for p in parts if p is not None)
        names = {"row": "年度资金总额", "column": label, "stage": stage}
        yield SumStatement("funds", total, values, _fields(ctx, _FUND_PATHS[stage], names))


def _prose(ctx: ReviewContext) -> Iterator[SumStatement]:
    units, unit_tokens = ctx.units, ctx.unit_tokens
    for index in ctx.units_with(Kind.AMOUNT, 2):
        unit = units[index]
        for statement in parts_statements(unit.text, unit_tokens[index], index, unit):
            if _approximate(unit.text, statement):
                continue
            values = tuple(p.value for p in statement.parts)
            yield SumStatement("prose", statement.total.value, values, partial(_stated, statement))


def _stated(statement: PartsStatement) -> Described:
    listed = "、".join(f"{p.name}{p.value}万元" for p in statement.parts)
    names = {"label": statement.label, "parts": listed, "count": len(statement.parts)}
    return (statement.ref,), names


def _approximate(text: str, statement: PartsStatement) -> bool:
    """True when the total or a part is written as an approximation (约、近、逾 …)."""
    tokens = (statement.total, *(p.token for p in statement.parts))
    return any(t.start and text[t.start - 1] in _APPROX for t in tokens)


def _groups(header: Sequence[str]) -> list[tuple[int, list[int]]]:
    """(total position, part positions) for every total column of a header row."""
    totals = [i for i, t in enumerate(header) if _TOTAL.match(t)]
    groups = []
    for n, t in enumerate(totals):
        low = totals[n - 1] + 1 if n else 1
        high = totals[n + 1] if n + 1 < len(totals) else len(header)
        before = [i for i in range(low, t) if _part(header[i])]
        after = [i for i in range(t + 1, high) if _part(header[i])]
        parts = before if len(before) >= 2 else after
        if len(parts) >= 2:
            groups.append((t, parts))
    return groups


def _part(text: str) -> bool:
    return bool(text) and "其中" not in text and not _TOTAL.match(text) and not _numeric(text)


_FIGURE = re.compile(r"[\d.,，%％\-]+")


def _numeric(text: str) -> bool:
    return bool(_FIGURE.fullmatch(text))


def _row_sums(view: TableView) -> Iterator[SumStatement]:
    rows, keys_of = view.rows, view.keys
    for r, line in enumerate(view.lines):
        if "计" not in line:
            continue
        keys = keys_of[r]
        groups = _groups(keys)
        if not groups:
            continue
        header = rows[r]
        for below in rows[r + 1 :]:
            shift = len(below) - len(header)  # `Row.cell`: shorter rows hold no value
            if shift < 0 or all(below[t + shift].value is None for t, _ in groups):
                break
            yield from _check_row(view.block, header, below, groups)


def _check_row(
    block: int,
    header: tuple[CellView, ...],
    below: tuple[CellView, ...],
    groups: list[tuple[int, list[int]]],
) -> Iterator[SumStatement]:
    """The total cells of a row under `header` against their parts (as `Row.value` aligns them)."""
    shift = len(below) - len(header)
    for t, parts in groups:
        total = below[t + shift].value
        values = [below[i + shift].value for i in parts]
        if total is None or all(v is None for v in values):
            continue
        numbers = tuple(v or Decimal(0) for v in values)
        row = (block, header, below)
        yield SumStatement("table", total, numbers, partial(_row_total, row, t, parts))


def _row_total(
    cells: tuple[int, tuple[CellView, ...], tuple[CellView, ...]], t: int, parts: list[int]
) -> Described:
    row = Row(*cells)
    names = "、".join(row.header[i].key for i in parts)
    what = f"{row.label() or '本行'}的{row.header[t].key}"
    return (row.ref(t),), {"what": what, "parts": names}


def _numbered_items(
    rows: tuple[tuple[CellView, ...], ...], first: int, head: tuple[CellView, ...]
) -> list[tuple[CellView, ...]]:
    """The numbered rows (1、 2、 …) from `rows[first]` on, under `head`, skipping 其中 sub-rows."""
    items: list[tuple[CellView, ...]] = []
    in_detail = False
    for below in islice(rows, first, None):
        text = below[0].key if below else ""
        if len(below) != len(head):
            break
        if _NUMBERED.match(text):
            items.append(below)
            in_detail = False
        elif text.startswith("其中") or (in_detail and items):
            in_detail = True
        else:
            break
    return items


def _column_sums(view: TableView) -> Iterator[SumStatement]:
    rows = view.rows
    for r in _before_lists(view.keys):
        head = rows[r]
        label = head[0].key if head else ""
        if len(head) < 2 or len(rows[r + 1]) != len(head):
            continue
        if not label or _NUMBERED.match(label) or "其中" in label:
            continue
        items = _numbered_items(rows, r + 1, head)
        if len(items) >= 2:
            yield from _columns(head, items, label)


_LIST_START = re.compile(r"^(?:\d+[、.．]|（\d+）|\(\d+\)|其中)", re.MULTILINE)


def _before_lists(keys: tuple[list[str], ...]) -> list[int]:
    """The rows right above a row whose first cell is numbered or starts with 其中."""
    firsts = "\n".join([k[0] if k else "" for k in keys])  # compact texts hold no line break
    found = []
    for match in _LIST_START.finditer(firsts):
        row = firsts.count("\n", 0, match.start())
        if row:
            found.append(row - 1)
    return found


def _columns(
    head: tuple[CellView, ...], items: list[tuple[CellView, ...]], label: str
) -> Iterator[SumStatement]:
    for c in range(1, len(head)):
        total = head[c].value
        values = [row[c].value for row in items]
        if total is None or any(v is None for v in values):
            continue
        parts = tuple(v for v in values if v is not None)
        yield SumStatement("table", total, parts, partial(_column_total, head, items, label, c))


def _column_total(
    head: tuple[CellView, ...], items: list[tuple[CellView, ...]], label: str, c: int
) -> Described:
    names = "、".join(row[0].key for row in items)
    return (head[c].ref(),), {"what": f"{label}第{c + 1}列", "parts": names}


def _aligned(
    row: tuple[CellView, ...], header: tuple[CellView, ...], index: int
) -> CellView | None:
    """The cell of `row` under header position `index`: left-aligned when the row is shorter."""
    position = index if len(row) <= len(header) else index + len(row) - len(header)
    return row[position] if 0 <= position < len(row) else None


def _fund_rows(view: TableView) -> Iterator[SumStatement]:
    """A 年度资金总额 row against the 其中 rows of its sources of funds, column by column."""
    header: tuple[CellView, ...] | None = None
    rows, keys_of = view.rows, view.keys
    for r, joined in enumerate(view.lines):
        keys = keys_of[r]
        if header is None and "预算" not in joined and "执行" not in joined:
            continue
        if len(_STAGE_COLUMN.findall(joined)) >= 2 and _stage_columns(keys) >= 2:
            header = rows[r]
            continue
        if header is None or "总" not in joined:
            continue
        label = next((k for k in keys if k), "")
        if _FUND_TOTAL.match(label):
            parts = _fund_parts(rows, r + 1)
            yield from _fund_columns(header, rows[r], parts, label.rstrip(":："))


def _stage_columns(keys: list[str]) -> int:
    """How many cells of a row name a money column of a budget stage."""
    return sum(1 for k in keys if _STAGE_COLUMN.search(k) and not _NOT_MONEY.search(k))


def _fund_parts(rows: tuple[tuple[CellView, ...], ...], first: int) -> list[tuple[CellView, ...]]:
    """The rows from `rows[first]` on that name a source of funds."""
    parts = []
    for below in islice(rows, first, None):
        label = next((c.key for c in below if c.key), "")
        if not _FUND_PART.match(label):
            break
        parts.append(below)
    return parts


def _fund_columns(
    header: tuple[CellView, ...],
    total_row: tuple[CellView, ...],
    parts: list[tuple[CellView, ...]],
    label: str,
) -> Iterator[SumStatement]:
    for index, head in enumerate(header):
        if not _STAGE_COLUMN.search(head.key) or _NOT_MONEY.search(head.key):
            continue
        total = _aligned(total_row, header, index)
        cells = [_aligned(row, header, index) for row in parts]
        values = tuple(c.value for c in cells if c is not None and c.value is not None)
        if total is None or total.value is None or not values:
            continue
        stage = (
            "initial" if "年初" in head.key else "actual" if _SPENT.search(head.key) else "final"
        )
        names = {"row": label, "column": head.key, "stage": stage}
        yield SumStatement("funds", total.value, values, partial(_cell_total, total, names))


def _cell_total(cell: CellView, names: Mapping[str, object]) -> Described:
    return (cell.ref(),), names
