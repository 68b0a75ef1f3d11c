"""Roles of an amount, read from the words that name it.

A reviewer does not divide the smaller amount by the larger: the role of each amount
says which is the numerator of a rate (决算, 执行, 支出, 完成, 使用) and which the
denominator (预算, 年初, 计划, 批复, 收入), and which amounts a 其中 part can be a
part of (the same category of money at the same stage).
"""

from __future__ import annotations

import re

_FUND_TYPES = re.compile(r"一般公共预算|政府性基金预算?|国有资本经营预算?|社会保险基金预算?")
_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("prior", re.compile(r"上年|上一年|去年|同期")),
    ("initial", re.compile(r"年初")),
    ("final", re.compile(r"调整后|调整预算|全年预算|变动后")),
    ("actual", re.compile(r"决算|执行|实际|支出数|完成|使用|支付|拨付")),
    ("budget", re.compile(r"预算|计划|批复|下达|安排")),
)
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("three-public", re.compile(r"三公")),
    ("income", re.compile(r"收入")),
    ("basic", re.compile(r"基本支出|基本经费")),
    ("project", re.compile(r"项目支出|项目经费|专项")),
    ("personnel", re.compile(r"人员经费|工资福利")),
    ("public", re.compile(r"公用经费")),
)
_DENOMINATOR_END = re.compile(r"(?:预算|计划|批复|下达|安排)(?:资金|金额)?(?:数|额)?$")
_RULE = re.compile(
    r"[≤≥<>＜＞]|不(?:低|高|少|超)于|不超过|为标准|为满分|计\s*\d+(?:\.\d+)?\s*分|得满分|"
    r"扣\s*\d+(?:\.\d+)?\s*分|每(?:低|高|少|超|增加|减少)|未达到|未达|[需须应]说明"
)
_NUMERATOR = re.compile(r"决算|执行|实际|完成|使用|支付|拨付|支出")
_DENOMINATOR = re.compile(r"预算|年初|计划|批复|下达|安排|收入|可用")


def names_fund_type(text: str) -> bool:
    """True when `text` names a type of fund (一般公共预算 …), which the role readers drop first."""
    return _FUND_TYPES.search(text) is not None


def stage(label: str) -> str | None:
    """The budget stage a label names (prior, initial, final, actual, budget), or None."""
    text = _FUND_TYPES.sub("", label)
    for name, pattern in _STAGES:
        if pattern.search(text):
            return name
    return None


def category(label: str) -> str | None:
    """The category of money a label names; the last one named wins (基本支出中人员经费)."""
    text = _FUND_TYPES.sub("", label)
    best: tuple[int, str] | None = None
    for name, pattern in _CATEGORIES:
        for match in pattern.finditer(text):
            if best is None or match.end() > best[0]:
                best = (match.end(), name)
    return best[1] if best else None


def rate_role(label: str) -> str | None:
    """``"part"`` for an amount used or spent, ``"whole"`` for one available, else None."""
    text = _FUND_TYPES.sub("", label)
    if _DENOMINATOR_END.search(text):
        return "whole"
    if _NUMERATOR.search(text):
        return "part"
    if _DENOMINATOR.search(text):
        return "whole"
    return None


def is_rule(text: str) -> bool:
    """True when `text` is a scoring standard (“≤100%，计8分”, “以100%为标准”), not a stated value."""
    return bool(_RULE.search(text))
