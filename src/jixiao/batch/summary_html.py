"""``OUT/summary.html``: a self-contained page (inline CSS and SVG, no script, no CDN).

Cards that add up (files: reviewed + failed; findings: 错误 + 警告 + 提示), charts with a
未填/无数据 bar and value labels clear of their titles, findings by check (Chinese
title and code), a ranking of units, the documents with most errors and the failures.
Every file name links to its own page of findings (``findings/<file>.html``).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from jixiao.batch.index import Entry
from jixiao.batch.overview import GRADES, Overview
from jixiao.review.words import title_of

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.cards{display:flex;gap:1em;flex-wrap:wrap;align-items:stretch}.card{border:1px solid #ddd;
border-radius:6px;padding:.6em 1.2em}.card b{display:block;font-size:1.6em}.card.sum{background:#f7f7f7}
.op{align-self:center;font-size:1.4em;color:#888}.charts{display:flex;gap:2em;flex-wrap:wrap}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:.25em .6em;
text-align:left}th{background:#f2f2f2}td.n{text-align:right}.error{color:#b00020}.warning{color:#8a5300}
.info{color:#1f5f8b}a{color:#1a4f8b}
"""

_BAR_W, _BAR_GAP, _CHART_H = 44, 14, 160
#: Space above the bars for the title and the value label of the highest bar.
_TOP = 40
#: Units listed in the ranking (the whole ranking is in summary.xlsx).
RANKED = 100
MISSING = "未填/无数据"


def bar_chart(title: str, labels: list[str], values: list[int]) -> str:
    """A vertical bar chart as inline SVG; the plot starts below the title."""
    top = max(values, default=0) or 1
    width = len(values) * (_BAR_W + _BAR_GAP) + _BAR_GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{max(width, 8 * len(title) * 2)}" '
        f'height="{_TOP + _CHART_H + 24}" role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = _BAR_GAP + i * (_BAR_W + _BAR_GAP)
        h = round(value / top * _CHART_H)
        y = _TOP + _CHART_H - h
        fill = "#b8b8b8" if label == MISSING else "#4a7bb7"
        parts.append(f'<rect x="{x}" y="{y}" width="{_BAR_W}" height="{h}" fill="{fill}"/>')
        parts.append(f'<text x="{x + _BAR_W / 2}" y="{y - 4}" font-size="11" text-anchor="middle">{value}</text>')
        parts.append(
            f'<text x="{x + _BAR_W / 2}" y="{_TOP + _CHART_H + 16}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG (long labels such as check titles)."""
    top = max((v for _, v in items), default=0) or 1
    row_h, label_w, bar_w = 20, 300, 300
    height = 30 + row_h * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="16" font-size="13" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 30 + i * row_h
        w = round(value / top * bar_w)
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="11" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{row_h - 5}" fill="#c0504d"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 13}" font-size="11">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _card(label: str, value: int, *, total: bool = False) -> str:
    css = "card sum" if total else "card"
    return f'<div class="{css}">{escape(label)}<b>{value}</b></div>'


def _cards(overview: Overview) -> str:
    sev = overview.severities
    files = (
        _card("文件", overview.reviewed + overview.failed, total=True), '<span class="op">=</span>',
        _card("已审核", overview.reviewed), '<span class="op">+</span>', _card("失败", overview.failed),
    )
    findings = (
        _card("问题", overview.findings, total=True), '<span class="op">=</span>',
        _card("错误", sev.get("errors", 0)), '<span class="op">+</span>',
        _card("警告", sev.get("warnings", 0)), '<span class="op">+</span>',
        _card("提示", sev.get("infos", 0)),
    )
    return f'<div class="cards">{"".join(files)}</div><p></p><div class="cards">{"".join(findings)}</div>'


def _with_missing(labels: list[str], values: list[int], reviewed: int) -> tuple[list[str], list[int]]:
    return [*labels, MISSING], [*values, max(reviewed - sum(values), 0)]


def _charts(overview: Overview) -> str:
    n, grades = overview.reviewed, list(GRADES)
    charts = [
        bar_chart("自评等级", *_with_missing(grades, [overview.grades_claimed.get(g, 0) for g in grades], n)),
        bar_chart("复算等级", *_with_missing(grades, [overview.grades_computed.get(g, 0) for g in grades], n)),
        bar_chart("自评得分分布", *_with_missing(["<60", "60–70", "70–80", "80–90", "≥90"], overview.score_bins, n)),
        bar_chart(
            "预算执行率分布（%）",
            *_with_missing(["<60", "60–80", "80–90", "90–95", "95–100", ">100"], overview.rate_bins, n),
        ),
    ]
    return '<div class="charts">' + "".join(charts) + "</div>"


def cell(value: object) -> str:
    """A table cell: numbers right-aligned, text escaped, None as “—”; raw HTML passed as ``(html,)``."""
    if isinstance(value, tuple):
        return f"<td>{value[0]}</td>"
    if value is None:
        return "<td>—</td>"
    if isinstance(value, int | float):
        return f'<td class="n">{value:g}</td>' if isinstance(value, float) else f'<td class="n">{value}</td>'
    return f"<td>{escape(str(value))}</td>"


def table(headers: list[str], rows: Iterable[list[object]]) -> str:
    """An HTML table."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(cell(v) for v in row) + "</tr>" for row in rows)
    return f"<table><tr>{head}</tr>{body}</table>"


def file_link(name: str, stem: str) -> tuple[str]:
    """A link to the document's page of findings."""
    return (f'<a href="findings/{escape(stem)}.html">{escape(name)}</a>',)


def _ranking(ranked: Iterable[Entry]) -> str:
    rows = []
    for n, entry in enumerate(ranked, start=1):
        if n > RANKED:
            break
        row = entry.row
        rows.append([n, row.get("department") or "", file_link(entry.name, entry.file), row.get("score_computed"),
                     row.get("grade_computed"), row.get("score_claimed"), row.get("grade_claimed"),
                     row.get("errors") or 0, row.get("warnings") or 0])
    if not rows:
        return "<p>没有已审核的文件。</p>"
    note = f"<p>按复算得分（其次自评得分）排列，列出前 {RANKED} 名；完整排名见 summary.xlsx 的“排名”表。</p>"
    return note + table(["名次", "单位", "文件", "复算得分", "复算等级", "自评得分", "自评等级", "错误", "警告"], rows)


def render_summary_html(overview: Overview, ranked: Iterable[Entry] = (), title: str = "批量审核汇总") -> str:
    """The whole page; `ranked` are the reviewed documents from the highest score."""
    codes = sorted(overview.codes.items(), key=lambda kv: (-kv[1], kv[0]))
    sections = [
        f"<h1>{escape(title)}</h1>",
        _cards(overview),
        "<h2>得分与执行率</h2>",
        _charts(overview),
        "<h2>问题类型</h2>",
        hbar_chart("各类问题的数量", [(title_of(c), n) for c, n in codes[:30]]) if codes else "<p>未发现问题。</p>",
        table(["问题类型", "代码", "问题数", "涉及文件数"],
              [[title_of(c), c, n, overview.documents_by_code[c]] for c, n in codes]),
        "<h2>各单位排名</h2>",
        _ranking(ranked),
        "<h2>错误最多的文件</h2>",
        table(["文件", "单位", "错误", "警告"],
              [[file_link(n, s), d, e, w] for e, w, n, d, s in overview.worst_documents()]),
        "<h2>失败的文件（按原因）</h2>",
        table(["原因", "文件数"], [[r, n] for r, n in sorted(overview.failure_reasons.items(), key=lambda kv: (-kv[1], kv[0]))])
        if overview.failure_reasons
        else "<p>没有失败的文件。</p>",
        "<p>逐份明细、全部问题和完整排名见 summary.xlsx；点击文件名查看该文件的全部问题及其位置。</p>",
    ]
    return page(title, "\n".join(sections))


def page(title: str, body: str) -> str:
    """A self-contained page."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
