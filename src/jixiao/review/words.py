"""Chinese words for findings in human-facing outputs: check titles, severities, the tally.

Codes stay stable English identifiers in JSON; the terminal, the summaries and the
审核意见 show `title_of` (the check's Chinese title) and `SEVERITY_NAMES`, and end a
list with `tally` (“共5处：错误1、警告3、提示1”).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

SEVERITY_NAMES = {"error": "错误", "warning": "警告", "info": "提示"}
#: Titles of codes that no registered check carries (findings of the workbook import).
EXTRA_TITLES = {
    "cell-not-a-number": "单元格应为数字",
    "cell-not-a-count": "人数应为非负整数",
    "cell-chinese-number": "数字写成了中文",
    "indicator-without-name": "指标行缺少指标名称",
    "project-without-name": "项目行缺少项目名称",
    "field-invalid": "字段取值无效",
    "grade-unknown": "自评等级不是优、良、中、差",
}


def title_of(code: str) -> str:
    """The Chinese title of a finding code (the code itself when none is known)."""
    from jixiao.review.registry import CHECK_FAILED, all_checks

    for item in (*all_checks(), CHECK_FAILED):
        if item.code == code:
            return item.title
    return EXTRA_TITLES.get(code, code)


def severity_name(severity: str) -> str:
    """错误, 警告 or 提示 for ``error``, ``warning``, ``info``."""
    return SEVERITY_NAMES.get(severity, severity)


def tally(severities: Iterable[str]) -> str:
    """“共N处：错误a、警告b、提示c” for the severities of some findings."""
    counts = Counter(severities)
    total = sum(counts.values())
    parts = "、".join(f"{name}{counts.get(key, 0)}" for key, name in SEVERITY_NAMES.items())
    return f"共{total}处：{parts}"


_TABLE_PLACE = re.compile(r"^(第\d+页)?(第\d+个表格)(.+)$")


def short_location(location: str) -> str:
    """Places joined by “；”, with a repeated page and table said once:
    ``第4个表格第3行第4列；第4个表格第4行第4列`` → ``第4个表格第3行第4列、第4行第4列``."""
    parts: list[str] = []
    last = ""
    for place in (p for p in location.split("；") if p):
        match = _TABLE_PLACE.match(place)
        head = (match.group(1) or "") + match.group(2) if match else ""
        if match and head == last and parts:
            parts[-1] += "、" + match.group(3)
            continue
        parts.append(place)
        last = head
    return "；".join(parts)
