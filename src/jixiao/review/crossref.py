"""Cross-reference: the same quantity stated with different figures in two places."""

from __future__ import annotations

import re
from collections.abc import Container, Iterator
from decimal import Decimal
from typing import NamedTuple

from jixiao.model.provenance import SourceRef
from jixiao.review.context import ReviewContext
from jixiao.review.finding import Severity
from jixiao.review.numbers import AMOUNT, amount, differs
from jixiao.review.registry import Hit, check
from jixiao.text.figures import Kind

_NAMES = ("基本支出", "项目支出", "公用经费")
#: The name comes first (the engine skips to its first characters at C speed); the
#: look-behinds then refuse 干部… and 离退休… before it.
_MENTION = re.compile(
    r"(基本支出|项目支出|公用经费)"
    r"(?<!干部基本支出|干部项目支出|干部公用经费)(?<!离退休基本支出|离退休项目支出|离退休公用经费)"
    r"([^\d。；，,：:比较]{0,6}?)" + AMOUNT
)
_STAGE_NAMES = {"initial": "年初预算", "budget": "全年预算", "actual": "实际支出"}
_RECORD_FIELDS = {
    ("基本支出", "initial"): "budget.initial.basic",
    ("项目支出", "initial"): "budget.initial.project",
    ("基本支出", "budget"): "budget.final.basic",
    ("项目支出", "budget"): "budget.final.project",
    ("基本支出", "actual"): "budget.actual.basic",
    ("项目支出", "actual"): "budget.actual.project",
    ("公用经费", "actual"): "budget.actual.public",
}
_PARTS = {path: tuple(path.split(".")) for path in _RECORD_FIELDS.values()}


class Mention(NamedTuple):
    """A statement of a named quantity at a budget stage (a tuple: cheap to make)."""

    name: str
    stage: str
    value: Decimal
    ref: SourceRef
    said: str = ""


_SPENT = re.compile("决算|执行|实际|支出数")


def _stage(before: str, tail: str) -> str:
    context = (before[-12:] + tail).replace("一般公共预算", "")
    if "预算" in context and not _SPENT.search(context):
        return "initial" if "年初" in context else "budget"
    return "actual"


def _said(ctx: ReviewContext) -> Iterator[Mention]:
    """The prose statements “基本支出X万元” etc."""
    for sentence in ctx.with_kind(Kind.AMOUNT, *_NAMES):
        for match in _MENTION.finditer(sentence.text):
            stage = _stage(sentence.text[: match.start()], match.group(2))
            said = (match.group(1) + match.group(2)).strip()
            yield Mention(match.group(1), stage, amount(match, 3), sentence.ref, said)


def _recorded(ctx: ReviewContext, asked: Container[tuple[str, str]]) -> Iterator[Mention]:
    """The record's values with a source, for the (name, stage) pairs `asked`."""
    provenance = ctx.provenance
    for key, path in _RECORD_FIELDS.items():
        if key not in asked:
            continue
        ref = provenance.get(path)
        if ref is not None:
            value = _field(ctx, path)
            if value is not None:
                yield Mention(*key, value, ref)


def _field(ctx: ReviewContext, path: str) -> Decimal | None:
    target: object = ctx.record
    for part in _PARTS[path]:
        target = getattr(target, part)
    return target if isinstance(target, Decimal) else None


@check(
    "figure-stated-differently",
    severity=Severity.WARNING,
    title="同一数据在不同位置填报不一致",
    template="{name}（{stage}）在报告中有不同数字：{where}",
    suggestion="统一全文（正文、表格、附件）的同一口径数据，以决算数为准",
    example={
        "name": "项目支出",
        "stage": "全年预算",
        "where": "项目支出预算180万元（line 47）、项目支出205.40万元（表格第6行第7列（line 117））",
        "first": Decimal(180),
        "second": Decimal("205.40"),
    },
)
def stated_differently(ctx: ReviewContext) -> Iterator[Hit]:
    """Group statements by (quantity, stage); report groups holding different figures."""
    groups: dict[tuple[str, str], list[Mention]] = {}
    for mention in _said(ctx):
        groups.setdefault((mention.name, mention.stage), []).append(mention)
    # A record field is one figure: a quantity the prose never states cannot differ.
    for mention in _recorded(ctx, groups):
        groups[(mention.name, mention.stage)].append(mention)
    for (name, stage), found in groups.items():
        distinct: list[Mention] = []
        for mention in found:
            if all(differs(mention.value, d.value, d.value) for d in distinct):
                distinct.append(mention)
        if len(distinct) < 2:
            continue
        where = "、".join(f"{m.said or name}{m.value}万元（{m.ref.label()}）" for m in distinct)
        values = {
            "name": name,
            "stage": _STAGE_NAMES[stage],
            "where": where,
            "first": distinct[0].value,
            "second": distinct[1].value,
        }
        key = None
        if name == "项目支出" and len(distinct) == 2:
            key = ("project-figures", frozenset(m.value.normalize() for m in distinct))
        yield Hit(values, tuple(m.ref for m in distinct), key=key)
