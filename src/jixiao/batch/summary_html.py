"""``OUT/summary.html``: a self-contained page (inline CSS and SVG, no script, no CDN)."""

from __future__ import annotations

from html import escape

from jixiao.batch.overview import GRADES, Overview

_CSS = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #ccc}
.cards{display:flex;gap:1em;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:6px;
padding:.6em 1.2em}.card b{display:block;font-size:1.6em}.charts{display:flex;gap:2em;
flex-wrap:wrap}table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;
padding:.25em .6em;text-align:left}th{background:#f2f2f2}td.n{text-align:right}
"""

_BAR_W, _BAR_GAP, _CHART_H = 44, 14, 160


def bar_chart(title: str, labels: list[str], values: list[int]) -> str:
    """A vertical bar chart as inline SVG."""
    top = max(values, default=0) or 1
    width = len(values) * (_BAR_W + _BAR_GAP) + _BAR_GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{_CHART_H + 60}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="13">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = _BAR_GAP + i * (_BAR_W + _BAR_GAP)
        h = round(value / top * _CHART_H)
        y = 24 + _CHART_H - h
        parts.append(f'<rect x="{x}" y="{y}" width="{_BAR_W}" height="{h}" fill="#4a7bb7"/>')
        parts.append(f'<text x="{x + _BAR_W / 2}" y="{y - 3}" font-size="11" text-anchor="middle">{value}</text>')
        parts.append(
            f'<text x="{x + _BAR_W / 2}" y="{_CHART_H + 40}" font-size="11" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def hbar_chart(title: str, items: list[tuple[str, int]]) -> str:
    """A horizontal bar chart as inline SVG (long labels such as finding codes)."""
    top = max((v for _, v in items), default=0) or 1
    row_h, label_w, bar_w = 20, 260, 300
    height = 24 + row_h * len(items)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_w + bar_w + 60}" height="{height}" '
        f'role="img" aria-label="{escape(title)}">',
        f'<text x="0" y="14" font-size="13">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(items):
        y = 24 + i * row_h
        w = round(value / top * bar_w)
        parts.append(f'<text x="{label_w - 6}" y="{y + 13}" font-size="11" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 2}" width="{w}" height="{row_h - 5}" fill="#c0504d"/>')
        parts.append(f'<text x="{label_w + w + 4}" y="{y + 13}" font-size="11">{value}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _cards(overview: Overview) -> str:
    cards = (
        ("已审核文件", overview.reviewed),
        ("失败文件", overview.failed),
        ("问题总数", overview.findings),
        ("错误", overview.severities.get("errors", 0)),
        ("警告", overview.severities.get("warnings", 0)),
    )
    return '<div class="cards">' + "".join(
        f'<div class="card">{escape(label)}<b>{value}</b></div>' for label, value in cards
    ) + "</div>"


def _charts(overview: Overview) -> str:
    grades = list(GRADES)
    charts = [
        bar_chart("自评等级", grades, [overview.grades_claimed.get(g, 0) for g in grades]),
        bar_chart("复算等级", grades, [overview.grades_computed.get(g, 0) for g in grades]),
        bar_chart("自评得分分布", ["<60", "60–70", "70–80", "80–90", "≥90"], overview.score_bins),
        bar_chart("预算执行率分布（%）", ["<60", "60–80", "80–90", "90–95", "95–100", ">100"], overview.rate_bins),
    ]
    return '<div class="charts">' + "".join(charts) + "</div>"


def _table(headers: list[str], rows: list[list[object]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(
            f'<td class="n">{v}</td>' if isinstance(v, int) else f"<td>{escape(str(v))}</td>" for v in row
        ) + "</tr>"
        for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def render_summary_html(overview: Overview, title: str = "批量审核汇总") -> str:
    """The whole page."""
    codes = sorted(overview.codes.items(), key=lambda kv: (-kv[1], kv[0]))
    sections = [
        f"<h1>{escape(title)}</h1>",
        _cards(overview),
        "<h2>得分与执行率</h2>",
        _charts(overview),
        "<h2>问题代码</h2>",
        hbar_chart("各问题代码的问题数", codes[:30]) if codes else "<p>未发现问题。</p>",
        _table(["问题代码", "问题数", "涉及文件数"], [[c, n, overview.documents_by_code[c]] for c, n in codes]),
        "<h2>问题最多的文件</h2>",
        _table(["文件", "单位", "错误", "警告"], [[n, d, e, w] for e, w, n, d in overview.worst_documents()]),
        "<h2>失败的文件（按原因）</h2>",
        _table(["原因", "文件数"], [[r, n] for r, n in sorted(overview.failure_reasons.items(), key=lambda kv: (-kv[1], kv[0]))])
        if overview.failure_reasons
        else "<p>没有失败的文件。</p>",
        "<p>逐份明细见 summary.xlsx。</p>",
    ]
    body = "\n".join(sections)
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head>\n<body>\n{body}\n</body></html>\n"
    )
