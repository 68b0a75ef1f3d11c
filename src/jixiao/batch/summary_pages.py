"""``OUT/findings/<file>.html``: one page per reviewed document, linked from summary.html.

The page names the document and its unit, tallies its findings and lists them by
severity with the check's Chinese title, the message, where the figure stands in the
source and what to correct. It is written from ``findings/<file>.json``.
"""

from __future__ import annotations

import json
from html import escape
from pathlib import Path
from typing import Any

from jixiao.batch.index import Entry, Index, write_atomic
from jixiao.batch.summary_html import page, table
from jixiao.review.words import SEVERITY_NAMES, short_location, tally, title_of


def findings_of(out: Path, entry: Entry) -> list[dict[str, Any]]:
    """The findings written for `entry` (none when its file is missing or broken)."""
    try:
        data = json.loads((out / "findings" / f"{entry.file}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    findings: list[dict[str, Any]] = data.get("findings", []) if isinstance(data, dict) else []
    return findings


def document_page(entry: Entry, findings: list[dict[str, Any]]) -> str:
    """The page of one document."""
    unit = entry.row.get("department") or "（未识别单位）"
    parts = [
        f"<h1>{escape(entry.name)}</h1>",
        f"<p>单位：{escape(unit)}　{escape(tally(str(f.get('severity')) for f in findings))}"
        '　<a href="../summary.html">返回汇总</a></p>',
    ]
    for key, name in SEVERITY_NAMES.items():
        group = [f for f in findings if f.get("severity") == key]
        if not group:
            continue
        parts.append(f'<h2 class="{key}">{name}（{len(group)}处）</h2>')
        rows = [
            [title_of(str(f.get("code"))), f.get("message") or "", short_location(str(f.get("location") or "")) or "—",
             f.get("suggestion") or "", f.get("code") or ""]
            for f in group
        ]
        parts.append(table(["问题类型", "说明", "位置", "修改建议", "代码"], rows))
    if not findings:
        parts.append("<p>未发现问题。</p>")
    return page(f"{entry.name} 的审核问题", "\n".join(parts))


def write_pages(out: Path, index: Index) -> int:
    """Write the page of every reviewed document; returns how many were written."""
    count = 0
    for entry in index.entries(ok=True):
        write_atomic(out / "findings" / f"{entry.file}.html", document_page(entry, findings_of(out, entry)))
        count += 1
    return count
