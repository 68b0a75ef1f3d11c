"""Statements of prose read from tokens: totals with their 其中 parts, and changes.

Both readers work on the tokens the context found once (`ReviewContext.unit_tokens`):
only units with two or more figures are looked at, and the text between figures is
read only where a figure could start a statement.

* A parts statement is a total followed by 其中 or a colon and its parts: written name
  first (“工资福利支出500.10万元、商品和服务支出80.20万元”) or amount first (“30万元用于
  预算编制；29.99万元用于审计”); a name may hold brackets (因公出国（境）费).
* A 其中 part whose total is not next to it is matched by role with an earlier amount
  of the same paragraph that names the same category of money at the same stage.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from jixiao.model.provenance import SourceRef
from jixiao.review import roles
from jixiao.review.text import TextUnit
from jixiao.text.figures import Kind, Token, count_group, label_before

_LEAD = re.compile(
    r"\s*(?:[（(][^（）()。]{0,30}[）)])?"
    r"(?:(?P<stop>[。；;])?[（(，,]?\s*(?P<qz>其中)\s*[：:，,]?|[：:])"
)
_NAME_SEPS = "，,、；;"
_ITEM_SEPS = "；;"
_CLAUSE_SEPS = "，,"
_STOP = re.compile(r"其中|比|较|增|减|合计|共计|总计|累计|同比|超|节约|结余|占")
_END = "。\n！？!?"
_END_MARK = re.compile("[" + re.escape(_END) + "]")
_SEP_MARK = {
    seps: re.compile("[" + re.escape(seps) + "]") for seps in (_NAME_SEPS, _ITEM_SEPS, _CLAUSE_SEPS)
}
#: Longest text between two parts that still belongs to a list.
MAX_GAP = 40


_new = tuple.__new__  # builds a named tuple without its Python-level __new__


class Part(NamedTuple):
    """One part of a statement: its name (as written) and its figure (a tuple: cheap to make)."""

    name: str
    token: Token

    @property
    def value(self) -> Decimal:
        """The figure (万元 for amounts)."""
        return self.token.value


class PartsStatement(NamedTuple):
    """A total and its 其中 parts, stated in one paragraph or cell (a tuple: cheap to make)."""

    unit: int
    total: Token
    label: str
    parts: tuple[Part, ...]
    source: SourceRef | TextUnit

    @property
    def ref(self) -> SourceRef:
        """Where the statement stands (a unit's source is built when first asked for)."""
        source = self.source
        return source.ref if isinstance(source, TextUnit) else source


def _first_sep(gap: str, seps: str) -> int:
    found = _SEP_MARK[seps].search(gap)
    return found.start() if found is not None else -1


def _split_gap(gap: str, amount_first: bool | None) -> tuple[str, str] | None:
    """(tail of the previous part, name of the next) of the text between two parts."""
    if amount_first:
        cut = _first_sep(gap, _ITEM_SEPS)
        if cut < 0:
            cut = _first_sep(gap, _CLAUSE_SEPS)
    else:
        cut = _first_sep(gap, _NAME_SEPS)
    if cut < 0:
        return None
    return gap[:cut].strip(), gap[cut + 1 :].strip(" ：:\u3000")


def _tail(text: str, start: int) -> str:
    """The words after a part up to the end of its item."""
    end = start
    while end < len(text) and text[end] not in _END and text[end] not in _ITEM_SEPS:
        end += 1
    return text[start:end].strip()


def read_parts(text: str, tokens: tuple[Token, ...], first: int, start: int) -> list[Part]:
    """The parts listed from `tokens[first]` on, after a lead ending at `start`."""
    kind = tokens[first - 1].kind if first else Kind.AMOUNT
    group = count_group(tokens[first - 1].unit) if first else ""
    items: list[tuple[str, Token]] = []
    amount_first: bool | None = None
    position = start
    last_qz = text.rfind("其中")  # a part followed by 其中 ends the list (`_nested_whole`)
    for token in tokens[first:]:
        if token.kind is not kind or token.start - position > MAX_GAP:
            break
        gap = text[position : token.start]
        if _END_MARK.search(gap):
            break
        if kind is Kind.COUNT and count_group(token.unit) != group:
            break
        if ("）" in gap or ")" in gap) and _closes(gap):
            break
        if items:
            split = _split_gap(gap, amount_first)
            if split is None:
                break
            tail, name = split[0], split[1].strip()
            if amount_first and not name:
                items[-1] = (tail, items[-1][1])
            elif amount_first or not name or _STOP.search(name):
                break
        else:
            name = gap.strip(" ：:，,\u3000").strip()
            amount_first = not name
            if name and _STOP.search(name):
                break
        items.append((name, token))
        position = token.end
        if token.end <= last_qz and _nested_whole(text, token.end):
            break
    if amount_first and items:
        items[-1] = (_tail(text, position), items[-1][1])
    return [_new(Part, item) for item in items]


def _closes(gap: str) -> bool:
    """True when `gap` closes a bracket it did not open (the list stood in brackets)."""
    depth = 0
    for char in gap:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth -= 1
            if depth < 0:
                return True
    return False


def _alone(text: str, tokens: tuple[Token, ...], index: int) -> bool:
    """True when `tokens[index]` is the only figure of its kind in its sentence.

    A 其中 after a full stop refers to the sentence before; it names that sentence's
    total only when the sentence states one figure of the kind.
    """
    token = tokens[index]
    start = max(text.rfind(c, 0, token.start) for c in _END + _ITEM_SEPS) + 1
    return not any(
        t.kind is token.kind and t is not token and start <= t.start < token.start for t in tokens
    )


def _nested_whole(text: str, end: int) -> bool:
    match = _LEAD.match(text, end)
    return bool(match and match.group("qz"))


def _last_lead(text: str) -> int:
    """Where the last 其中 or colon of `text` starts (-1 when there is none)."""
    return max(text.rfind("其中"), text.rfind("："), text.rfind(":"))


def parts_statements(
    text: str,
    tokens: tuple[Token, ...],
    unit: int,
    ref: SourceRef | TextUnit,
    kind: Kind = Kind.AMOUNT,
) -> Iterator[PartsStatement]:
    """Every total of `kind` in a unit followed by 其中 (or a colon) and its parts.

    `ref` is where the unit stands, or the unit itself (its source built only for a statement).
    """
    last = _last_lead(text)  # a lead holds 其中 or a colon, after its total
    if last < 0:
        return  # no lead: no statement
    for index, token in enumerate(tokens):
        if token.kind is not kind or token.end > last:
            continue
        lead = _LEAD.match(text, token.end)
        if lead is None or index + 1 >= len(tokens):
            continue
        if lead.group("stop") and not _alone(text, tokens, index):
            continue
        parts = read_parts(text, tokens, index + 1, lead.end())
        if parts:
            label = label_before(text, token.start)
            yield PartsStatement(unit, token, label, tuple(parts), ref)


_QIZHONG = re.compile(r"其中[：:，,]?")


@dataclass(frozen=True)
class PartOfEarlier:
    """A single 其中 part and the earlier amount of the same category and stage."""

    whole: Token
    whole_label: str
    part: Token
    part_label: str


def _candidates(text: str, tokens: tuple[Token, ...], before: int) -> list[tuple[Token, str]]:
    out = []
    for token in tokens:
        if token.kind is Kind.AMOUNT and token.end <= before:
            out.append((token, label_before(text, token.start)))
    return out


def parts_of_earlier(text: str, tokens: tuple[Token, ...]) -> Iterator[PartOfEarlier]:
    """其中 parts without a total next to them, paired by role with an earlier amount."""
    for match in _QIZHONG.finditer(text):
        after = [t for t in tokens if t.start >= match.end() and t.kind is Kind.AMOUNT]
        before = [t for t in tokens if t.end <= match.start()]
        if not after or (
            before and before[-1].kind is Kind.AMOUNT and _LEAD.match(text, before[-1].end)
        ):
            continue
        part = after[0]
        gap = text[match.end() : part.start]
        if any(ch in _END or ch in _NAME_SEPS for ch in gap):
            continue
        label = gap.strip(" ：:")
        wanted = (roles.category(label), roles.stage(label))
        if None in wanted:
            continue
        found = [
            (t, lab)
            for t, lab in _candidates(text, tokens, match.start())
            if (roles.category(lab), roles.stage(lab)) == wanted
        ]
        if len({t.value for t, _ in found}) == 1:
            whole, whole_label = found[0]
            yield PartOfEarlier(whole, whole_label, part, label)
