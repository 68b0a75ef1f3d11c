"""Counts: a stated number of things against the things listed, and against its stated parts.

* “内设机构8个：A、B、…和C” — the count against the length of the list that follows it,
  or precedes it (“设A、B、C3个科室”), or that a later sentence gives for the same noun
  (“二级机构具体为：A、B”). Items are separated by 、; the last item is split at 和/及 only
  where both sides are names of bodies (…委员会和…办公室), since a name may itself
  contain 和 (监察和司法委员会). A list ending in 等, or cut off by the end of an
  excerpt, is not counted.
* “单位共10个，其中：行政单位3个，事业单位7个” — the count against the sum of its parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.prose import parts_statements
from jixiao.review.registry import Hit, check
from jixiao.review.text import holds_any
from jixiao.text.figures import Kind, Token, label_before

#: Classifiers of countable bodies (units, bodies, projects), and of people.
THINGS = frozenset("个家所项条")
PEOPLE = frozenset("人名")
_INTRO = re.compile(
    r"(?P<noun>[^。；;：:，,、\d（）()]{0,14}?)\s*"
    r"(?:[：:]|[，,]\s*(?:分别是|分别为|具体为|包括)[：:]?)"
)
_NAMED = re.compile(
    r"(?P<noun>[^。；;：:，,、\d及和与（）()]{2,10}?)(?:组成|构成|等|$|[，,、；;。及和与])"
)
#: What follows the noun where its list is given later (“内设机构具体为：”).
_LATER = re.compile(r"(?:具体|分别)?(?:为|是|包括)[：:]")
_LATER_WORDS = ("具体", "分别", "包括")  # the words `_LATER` needs
_VERB = re.compile(r"(?:^|[，,；;。：:])\s*(?:下设|内设|设置|设有|设|包括|含)")
_VERB_START = re.compile(r"^.*?(?:(?=内设|下设|所属)|设置|设有|设(?!置|有))(?=.)")
_BODY = re.compile(
    r"(?:委员会|办公室|中心|局|科|室|所|站|队|部|处|股|组|院|馆|校|会|办|厅|团|社|委)$"
)
_BRACKETS = re.compile(r"（[^（）]*）|\([^()]*\)")
_JOIN = re.compile(r"和|及|以及")
_ETC = re.compile(r"等[等]?\s*[^、，,]{0,8}$")
_END = "。；;\n"
#: A listed item longer than this is prose, not a name.
MAX_ITEM = 40


_MARKS = re.compile("[（()）、]")


def _split_top(text: str) -> list[str]:
    """`text` split at 、 outside brackets."""
    if "（" not in text and "(" not in text:
        return [item.strip() for item in text.split("、")]
    items, depth, start = [], 0, 0
    for mark in _MARKS.finditer(text):  # the marks only, not every character
        char = mark.group()
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        elif depth == 0:  # 、
            items.append(text[start : mark.start()])
            start = mark.end()
    items.append(text[start:])
    return [i.strip() for i in items]


def _split_joined(item: str) -> list[str]:
    """An item “A和B” as two names when both A and B name bodies, else as one."""
    for match in _JOIN.finditer(item):
        left, right = item[: match.start()].strip(), item[match.end() :].strip()
        if _inside_brackets(item, match.start()):
            continue
        bare_left, bare_right = _BRACKETS.sub("", left), _BRACKETS.sub("", right)
        if (
            len(bare_left) >= 2
            and len(bare_right) >= 2
            and _BODY.search(bare_left)
            and _BODY.search(bare_right)
        ):
            return [left, right]
    return [item]


def _inside_brackets(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("（") + before.count("(") > before.count("）") + before.count(")")


def list_items(text: str) -> list[str] | None:
    """The names listed in `text` (None when the list is open-ended or not a list of names)."""
    body = text.strip().rstrip("。；;，,")
    if not body or _ETC.search(body):
        return None
    items = [part for item in _split_top(body) for part in _split_joined(item)]
    if len(items) < 2 or any(not item or len(item) > MAX_ITEM for item in items):
        return None
    return items


@dataclass(frozen=True)
class Listed:
    """A stated count and the list that goes with it."""

    count: Token
    noun: str
    items: list[str]
    ref: SourceRef


def _list_after(text: str, start: int) -> str | None:
    """The list from `start` to the end of its sentence (None when the text stops first)."""
    ends = [i for i in (text.find(c, start) for c in _END) if i >= 0]
    return text[start : min(ends)] if ends else None


def _following(text: str, token: Token) -> tuple[str, list[str]] | None:
    intro = _INTRO.match(text, token.end)
    if intro is None:
        return None
    listed = _list_after(text, intro.end())
    items = list_items(listed) if listed is not None else None
    noun = intro.group("noun").strip() or label_before(text, token.start)
    return (_VERB_START.sub("", noun), items) if items else None


def _preceding(text: str, token: Token) -> tuple[str, list[str]] | None:
    end = token.start
    if text.find("、", max(0, end - 200), end) < 0:  # searched in place: no slice per count
        return None
    low = max(0, end - 300)
    find = text.find
    if find("设", low, end) < 0 and find("包括", low, end) < 0 and find("含", low, end) < 0:
        return None  # every `_VERB` holds one of these
    verbs = list(_VERB.finditer(text, low, token.start))
    if not verbs:
        return None
    listed = text[verbs[-1].end() : token.start]
    if any(c in listed for c in _END):
        return None
    items = list_items(listed)
    named = _NAMED.match(text, token.end)
    return (named.group("noun"), items) if items and named else None


def _stated_later(text: str, token: Token) -> tuple[str, list[str]] | None:
    if not holds_any(text, _LATER_WORDS):
        return None
    named = _NAMED.match(text, token.end)
    if named is None:
        return None
    noun = named.group("noun")
    end = _later(text, noun, token.end)
    if end is None:
        return None
    listed = _list_after(text, end)
    items = list_items(listed) if listed is not None else None
    return (noun, items) if items else None


def _later(text: str, noun: str, start: int) -> int | None:
    """Where the list begins after the first “{noun}具体为：” from `start` (None: not stated)."""
    at = text.find(noun, start) if noun else -1
    while at >= 0:
        found = _LATER.match(text, at + len(noun))
        if found is not None:
            return found.end()
        at = text.find(noun, at + 1)
    return None


def listed_counts(ctx: ReviewContext) -> Iterator[Listed]:
    """Every count of bodies that comes with a list of their names."""
    for index in ctx.units_with(Kind.COUNT):
        unit = ctx.units[index]
        if "、" not in unit.text:
            continue
        tokens = [t for t in ctx.unit_tokens[index] if t.kind is Kind.COUNT and t.unit in THINGS]
        if not tokens:
            continue
        later = holds_any(unit.text, _LATER_WORDS)  # what `_stated_later` needs, once per unit
        for token in tokens:
            found = (
                _following(unit.text, token)
                or _preceding(unit.text, token)
                or (_stated_later(unit.text, token) if later else None)
            )
            if found is not None:
                yield Listed(token, found[0], found[1], unit.ref)


@check(
    "count-list-mismatch",
    severity=Severity.WARNING,
    title="所称个数与所列名称的个数不符",
    template="文中称{noun}{stated}个，但所列名称有{listed}个：{items}",
    suggestion="核对个数与所列名称，更正其一（如有未列出的，请补全名单）",
    example={
        "noun": "内设机构",
        "stated": 5,
        "listed": 6,
        "items": "办公室、财务科、人事科、业务一科、业务二科和信息中心",
    },
)
def count_list(ctx: ReviewContext) -> Iterator[Hit]:
    """“内设机构N个” and the names listed with it (after a colon, before the count, or in a later “…具体为：”)."""
    for found in listed_counts(ctx):
        stated = int(found.count.value)
        if stated != len(found.items):
            values = {
                "noun": found.noun or found.count.text,
                "stated": stated,
                "listed": len(found.items),
                "items": "、".join(found.items),
            }
            yield Hit(values, (found.ref,))


def _partition(total: Token, parts: list[Token]) -> bool:
    """True when the parts can be a partition of the total (same kind of thing counted)."""
    kinds = THINGS if total.unit in THINGS else PEOPLE if total.unit in PEOPLE else None
    if kinds is None or any(p.unit not in kinds for p in parts):
        return False
    whole_in_one = any(p.value == total.value for p in parts)
    return not (whole_in_one and any(p.value for p in parts if p.value != total.value))


@check(
    "count-parts-mismatch",
    severity=Severity.WARNING,
    title="总数与“其中”所列各部分之和不符",
    template="文中称{label}{total}{unit}，其中{parts}，合计{sum}{unit}",
    suggestion="核对总数与各部分的个数（如年初与年中追加的项目数、各类单位数、各类编制数）",
    example={
        "label": "项目",
        "total": 12,
        "unit": "个",
        "parts": "年初预算项目9个、年中追加项目4个",
        "sum": 13,
    },
)
def count_parts(ctx: ReviewContext) -> Iterator[Hit]:
    """A count followed by 其中 and two or more parts that add up to another number (one part larger than the total, too)."""
    for index in ctx.units_with(Kind.COUNT, 2):
        unit, tokens = ctx.units[index], ctx.unit_tokens[index]
        if "其中" not in unit.text:
            continue
        for statement in parts_statements(unit.text, tokens, index, unit.ref, Kind.COUNT):
            parts = [p.token for p in statement.parts]
            if not _partition(statement.total, parts):
                continue
            computed = sum((p.value for p in parts), Decimal(0))
            if computed == statement.total.value or (
                len(parts) < 2 and computed < statement.total.value
            ):
                continue
            values = {
                "label": statement.label,
                "total": int(statement.total.value),
                "unit": statement.total.unit,
                "parts": "、".join(f"{p.name}{p.token.text}" for p in statement.parts),
                "sum": int(computed),
            }
            yield Hit(values, (unit.ref,))
