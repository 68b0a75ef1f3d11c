"""What a document is when it is not a performance self-evaluation.

Users drop whatever their archive holds: 绩效目标表 (targets set before the year, nothing
achieved or scored), 部门决算 or 部门预算 reports, policy texts. Such a document is named
for what it looks like, so the message can say so. A title that speaks of 自评 or 评价
always makes a self-evaluation.
"""

from __future__ import annotations

import re

from jixiao.extract.context import Context
from jixiao.model.record import Record

_SELF_EVALUATION = re.compile(r"自评|评价|考评|绩效报告")
_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("绩效目标表", re.compile(r"绩效目标(?:申报|批复)?表|绩效目标申报|绩效目标编制")),
    ("部门决算", re.compile(r"决算(?:报告|公开|说明|情况说明)?|收入支出决算总表")),
    ("部门预算", re.compile(r"预算(?:公开|说明|情况说明)|部门预算$|单位预算$")),
    ("政策文件", re.compile(r"(?:管理|实施|暂行)?办法$|实施意见$|若干规定$|实施细则$|指导意见$")),
    ("通知", re.compile(r"通知$")),
)
_ARTICLE = re.compile(r"^第[一二三四五六七八九十百]+条")
_TITLE_UNITS = 20
_TITLE_LIKE = re.compile(r"^[^•·|\s。，,；;]{4,50}$")


def _titles(ctx: Context) -> list[str]:
    """Lines that may be the document's title: short, no sentence punctuation, no menu bullet."""
    texts = [u.text for u in ctx.units[:_TITLE_UNITS]]
    texts += [c.text for _, t, _ in ctx.tables[:1] for c in t.cells[:3]]
    return [t for t in texts if _TITLE_LIKE.match(t.strip())]


def _achieved(record: Record) -> bool:
    """Anything only a self-evaluation states: actual values, scores, spending, a self-score."""
    if record.self_evaluation.score is not None or record.budget_execution.score is not None:
        return True
    if any(i.actual or i.score is not None for i in record.indicators):
        return True
    return record.budget.actual.total is not None and record.indicators != []


def looks_like(ctx: Context, record: Record) -> str | None:
    """The kind of document this is, when it is evidently not a self-evaluation."""
    titles = _titles(ctx)
    if any(_SELF_EVALUATION.search(t) for t in titles) or _achieved(record):
        return None
    for name, pattern in _KINDS:
        if any(pattern.search(t) for t in titles):
            return name
    if sum(1 for u in ctx.units[:80] if _ARTICLE.match(u.text)) >= 3:
        return "政策文件"
    return None
