"""The HTML page: self-contained, with the outline and merged table cells."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jixiao.model.record import Record
from jixiao.render.html import render_html
from jixiao.render.narrative import Narrative
from jixiao.render.report import build_report


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def test_page_is_self_contained(record: Record, narrative: Narrative) -> None:
    page = render_html(build_report(record, narrative), title="示例")
    parser = _Collect()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"https?://|@import|url\(", page)
    assert "<style>" in page and 'lang="zh-CN"' in page


def test_outline_and_merged_cells(record: Record, narrative: Narrative) -> None:
    page = render_html(build_report(record, narrative), title="示例")
    assert re.findall(r"<h2>([^<]+)</h2>", page)[0] == "一、部门基本情况"
    assert page.count("<table") == 4
    assert '<td class="center" rowspan="4">产出指标</td>' in page
    assert '<th class="left" rowspan="8">绩效指标</th>' in page


def test_text_is_escaped() -> None:
    page = render_html(build_report(Record(department="甲<单位>&乙")), title="<t>")
    assert "甲&lt;单位&gt;&amp;乙" in page and "<title>&lt;t&gt;</title>" in page
