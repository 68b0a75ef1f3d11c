"""Classify money labels: which budget stage and which category a label names.

Stages: ``initial`` (年初), ``final`` (全年/调整后预算), ``budget`` (plain 预算: final for
expenditure, the budget of 三公经费), ``actual`` (决算/执行/实际), ``prior`` (上年).
Categories: ``total``, ``basic``, ``project``, ``personnel``, ``public``, ``income`` and
the 三公 items ``tp.overseas``, ``tp.vehicles``, ``tp.reception``, ``tp.total``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.extract.numbers import clean

_FUND_TYPES = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算")
_STAGES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("prior", re.compile(r"上年|上一年|去年")),
    ("initial", re.compile(r"年初")),
    ("final", re.compile(r"调整后|调整预算|全年预算|全年[（(]调整[)）]预算|变动后预算")),
    ("actual", re.compile(r"决算|执行数|实际|全年执行|支出数|完成数")),
    ("budget", re.compile(r"预算")),
)
_CATEGORIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tp.overseas", re.compile(r"出国|出境")),
    ("tp.vehicles", re.compile(r"公务用车|公车|车辆购置|用车")),
    ("tp.reception", re.compile(r"接待")),
    ("tp.total", re.compile(r"三公")),
    ("income", re.compile(r"收入(?:合计|总计|总额)|^收入$|总收入")),
    ("basic", re.compile(r"基本支出")),
    ("project", re.compile(r"项目支出")),
    ("personnel", re.compile(r"人员经费|人员支出")),
    ("public", re.compile(r"公用经费|日常公用")),
    ("total", re.compile(r"支出合计|支出总计|支出总额|资金总额|^合计$|^总计$|^合计数?$|总支出|^总额$|总金额")),
)
#: Sources of funds (rows under 年度资金总额 of a 自评表); a label naming 收入 is income instead.
_FUNDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("fund.fiscal", re.compile(r"^(?:其中\s*[:：]?\s*)?(?:本年|当年)?财政(?:拨款|资金)$")),
    ("fund.carryover", re.compile(r"^(?:其中\s*[:：]?\s*)?上年结转(?:资金)?$")),
    ("fund.other", re.compile(r"^(?:其中\s*[:：]?\s*)?其他资金$")),
)
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")


@lru_cache(maxsize=16384)
def stage_of(label: str, year: int | None = None) -> str | None:
    """The budget stage a label names, or None."""
    text = _FUND_TYPES.sub("", clean(label)).replace("上年结转资金", "结转资金")
    match = _YEAR.search(text)
    if match and year and int(match.group(1)) < year:
        return "prior"
    for stage, pattern in _STAGES:
        if pattern.search(text):
            return stage
    return None


@lru_cache(maxsize=16384)
def category_of(label: str) -> str | None:
    """The money category a label names, or None; the last one named wins (“基本支出中人员经费”)."""
    text = clean(label)
    for fund, pattern in _FUNDS:
        if pattern.match(text):
            return fund
    text = re.sub(r"^(?:其中|\d+[、.．]|[（(]\d+[）)])\s*[：:]?\s*", "", text)
    best: tuple[int, str] | None = None
    for category, pattern in _CATEGORIES:
        for match in pattern.finditer(text):
            if best is None or match.end() > best[0]:
                best = (match.end(), category)
    return best[1] if best else None


def path_for(stage: str, category: str, *, explicit: bool = True) -> str | None:
    """The record path for a (stage, category) pair, or None when it has no field."""
    if stage == "prior":
        return {"income": "income.prior_year", "total": "budget.prior_year_expenditure"}.get(category)
    if category == "income":
        return "income.initial" if stage == "initial" else "income.total"
    if category.startswith("fund."):
        stage = "final" if stage == "budget" else stage
        return f"funds.{category[5:]}.{stage}" if stage in ("initial", "final", "actual") else None
    if category.startswith("tp."):
        item = category[3:]
        side = "actual" if stage == "actual" else "budget"
        return f"three_public.{side}.{item}"
    if category in ("personnel", "public"):
        return f"budget.actual.{category}" if stage == "actual" else None
    stage = "final" if stage == "budget" else stage
    return f"budget.{stage}.{category}"
