"""The HTML page, drawn from the filled template: self-contained, outline and merged cells."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from jixiao.model.record import Record
from jixiao.render import render
from jixiao.render.docx import render_docx
from jixiao.render.docx_html import docx_to_html
from jixiao.render.layout import Heading, Paragraph, TableSpec, TCell
from jixiao.render.narrative import Narrative


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _page(record: Record, narrative: Narrative | None = None) -> str:
    return render(record, narrative, "html").decode("utf-8")


def test_page_is_self_contained(record: Record, narrative: Narrative) -> None:
    page = _page(record, narrative)
    parser = _Collect()
    parser.feed(page)
    tags = {tag for tag, _ in parser.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags
    assert not re.search(r"https?://|@import|url\(", page)
    assert "<style>" in page and 'lang="zh-CN"' in page
    assert "<title>2023年度青禾县示例事务服务中心部门整体支出绩效自评报告</title>" in page


def test_outline_follows_the_template(record: Record, narrative: Narrative) -> None:
    page = _page(record, narrative)
    assert re.findall(r"<h1>([^<]+)</h1>", page) == [
        "2023年度青禾县示例事务服务中心部门整体支出绩效自评报告"
    ]
    assert re.findall(r"<h2>([^<]+)</h2>", page)[0] == "一、部门基本情况"
    assert re.findall(r"<h4>([^<]+)</h4>", page) == ["1.窗口服务提质增效", "2.档案数字化稳步推进"]
    assert page.count('<hr class="page">') == 2  # before 附件1 and 附件2
    assert '<p class="right">青禾县示例事务服务中心</p>' in page


def test_tables_keep_merged_cells_and_header_cells(record: Record, narrative: Narrative) -> None:
    page = _page(record, narrative)
    assert page.count("<table") == 5
    assert re.search(r'<td[^>]* rowspan="4">产出指标</td>', page)
    assert re.search(r'<th[^>]* rowspan="8">绩效指标</th>', page)
    assert re.search(r'<th[^>]* colspan="6">总分</th>', page)


def test_text_is_escaped() -> None:
    page = _page(Record(department="甲<单位>&乙"))
    assert "甲&lt;单位&gt;&amp;乙" in page and "<单位>" not in page


def test_any_layout_converts() -> None:
    spec = TableSpec(
        rows=((TCell("甲", colspan=2, header=True),), (TCell("1"), TCell("2"))), n_cols=2
    )
    data = render_docx([Heading("标题", 0), Paragraph("正文"), spec], title="t")
    page = docx_to_html(data, title="t")
    assert "<h1>标题</h1>" in page and "<p>正文</p>" in page
    assert re.search(r'<th[^>]* colspan="2">甲</th>', page)
