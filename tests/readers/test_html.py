"""Tests of the HTML reader: layout flattening, headings, spans, line breaks, encodings."""

from __future__ import annotations

import pytest

from jixiao.errors import UnreadableDocumentError
from jixiao.readers.html import read

PAGE = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>t</title>
<style>p {{ color: red }}</style><script>var x = "脚本";</script></head>
<body><nav>首页 &gt; 财政</nav>
<div class="wrap"><div><h1>示例局绩效自评报告</h1>
<div><p>第一段<span>继续</span></p><div><span>第二段</span></div></div>
<p>第三行<br>第四行</p>
<h3>（一）指标</h3>
<table border="1"><tbody>
<tr><th>一级指标</th><th colspan="2">指标值</th></tr>
<tr><td rowspan="2">产出指标</td><td>数量</td><td>≥5次<br>（全年）</td></tr>
<tr><td>质量</td><td><table><tr><td>内层</td></tr><tr><td>表</td></tr></table>合格</td></tr>
</tbody></table>
<p>表后&nbsp;段落</p></div></div><footer>网站主办</footer></body></html>"""


def _page(charset: str = "utf-8", encoding: str = "utf-8") -> bytes:
    return PAGE.format(charset=charset).encode(encoding)


def test_text_in_reading_order_without_chrome() -> None:
    doc = read(_page(), name="p.html")
    texts = [(b.kind, b.level, b.text) for b in doc.blocks if b.kind != "table"]
    assert texts == [
        ("heading", 1, "示例局绩效自评报告"),
        ("paragraph", None, "第一段继续"),
        ("paragraph", None, "第二段"),
        ("paragraph", None, "第三行"),
        ("paragraph", None, "第四行"),
        ("heading", 3, "（一）指标"),
        ("paragraph", None, "表后 段落"),
    ]


def test_table_spans_and_line_breaks() -> None:
    doc = read(_page(), name="p.html")
    table = doc.tables()[0][1]
    cells = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in table.cells}
    assert cells[(0, 1)] == ("指标值", 1, 2)
    assert cells[(1, 0)] == ("产出指标", 2, 1)
    assert cells[(1, 2)] == ("≥5次\n（全年）", 1, 1)
    assert cells[(2, 1)] == ("质量", 1, 1)
    assert cells[(2, 2)][0] == "合格"
    assert (table.n_rows, table.n_cols) == (3, 3)


def test_nested_table_is_its_own_block() -> None:
    doc = read(_page(), name="p.html")
    assert [t.text_grid() for _, t in doc.tables()][1] == [["内层"], ["表"]]


@pytest.mark.parametrize("charset", ["gbk", "gb2312"])
def test_declared_chinese_charset(charset: str) -> None:
    doc = read(_page(charset, "gb18030"), name="g.html")
    assert doc.blocks[0].text == "示例局绩效自评报告"


def test_undeclared_gbk_page_is_decoded() -> None:
    data = "<html><body><p>部门整体支出绩效自评</p></body></html>".encode("gbk")
    assert read(data, name="n.htm").blocks[0].text == "部门整体支出绩效自评"


def test_page_without_text_is_empty_document() -> None:
    assert read(b"<html><body><script>x</script></body></html>", name="e.html").blocks == ()


def test_whitespace_only_page_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"w.html"):
        read(b"   ", name="w.html")
