"""The summaries of a run: cards that add up, 未填 bars, Chinese check titles, ranking, links."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.batch import BatchOptions, run_batch, write_summaries
from jixiao.batch.summary_html import MISSING, bar_chart
from jixiao.review.words import title_of


@pytest.fixture
def out(archive: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "out"
    run_batch([archive], BatchOptions(out=folder, jobs=0))
    write_summaries(folder)
    return folder


def _card(html: str, label: str) -> int:
    match = re.search(rf'<div class="card[^"]*">{label}<b>(\d+)</b>', html)
    assert match, label
    return int(match.group(1))


def test_cards_add_up(out: Path) -> None:
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert _card(html, "文件") == _card(html, "已审核") + _card(html, "失败") == 13
    assert _card(html, "问题") == _card(html, "错误") + _card(html, "警告") + _card(html, "提示") > 0


def test_charts_show_missing_values_and_labels_clear_of_titles(out: Path) -> None:
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert html.count(MISSING) >= 4
    svg = bar_chart("甲", ["a", "b"], [5, 0])
    title_y = float(re.search(r'<text x="0" y="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    label_ys = [float(y) for y in re.findall(r'y="([\d.]+)" font-size="11" text-anchor="middle">\d', svg)]
    assert min(label_ys) - 11 > title_y  # the highest value label sits below the title


def test_checks_are_named_in_chinese_and_files_link_to_their_findings(out: Path) -> None:
    html = (out / "summary.html").read_text(encoding="utf-8")
    codes = re.findall(r"<td>([a-z0-9-]+)</td>", html)
    assert codes and all(f"<td>{title_of(c)}</td>" in html for c in codes)
    links = re.findall(r'href="(findings/[^"]+\.html)"', html)
    assert links and all((out / link).is_file() for link in links)
    page = (out / links[0]).read_text(encoding="utf-8")
    assert "返回汇总" in page and re.search(r"共\d+处：错误\d+、警告\d+、提示\d+", page)


def test_ranking_orders_units_by_score(out: Path) -> None:
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "各单位排名" in html
    book = load_workbook(out / "summary.xlsx", read_only=True)
    rows = list(book["排名"].iter_rows(values_only=True))
    assert rows[0][:4] == ("名次", "单位", "文件", "复算得分")
    scores = [r[3] for r in rows[1:] if r[3] is not None]
    assert len(rows) == 13 and scores == sorted(scores, reverse=True)


def test_workbook_has_widths_frozen_headers_filters_and_titles(out: Path) -> None:
    book = load_workbook(out / "summary.xlsx")
    assert book.sheetnames == ["概况", "文件", "排名", "失败", "问题"]
    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        assert sheet.column_dimensions["A"].width >= 8 and sheet["A1"].font.b
    findings = book["问题"]
    header = [c.value for c in findings[1]]
    assert header[:4] == ["文件", "单位", "级别", "问题类型"] and header[-1] == "代码"
    row = [c.value for c in findings[2]]
    assert row[2] in ("错误", "警告", "提示") and row[3] == title_of(row[-1])
    overview = {r[0]: r[2] for r in book["概况"].iter_rows(min_row=2, values_only=True)}
    assert overview["问题"] == overview["　错误"] + overview["　警告"] + overview["　提示"]
