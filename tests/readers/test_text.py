"""The text reader: the tab layout of text extracted from Word, and encodings."""

from __future__ import annotations

import codecs

import pytest

from jixiao.errors import UnreadableDocumentError
from jixiao.readers.text import parse_lines, read


def _lines(text: str) -> list[str]:
    return text.split("\n")


def test_tab_lines_are_cells_and_blank_lines_end_rows() -> None:
    blocks = parse_lines(_lines("标题\n\t甲\n\t乙\n\n\t1\n\t2\n\n\n后记"))
    assert [b.kind for b in blocks] == ["paragraph", "table", "paragraph"]
    table = blocks[1].table
    assert table is not None
    assert table.text_grid() == [["甲", "乙"], ["1", "2"]]
    assert blocks[2].position.line == 9


def test_untabbed_lines_continue_a_cell_even_across_a_blank_line() -> None:
    text = "\t\n\t产出指标\n\n(40分)\n\t数量指标\n\n\t\n\t下一行\n\t x"
    table = parse_lines(_lines(text))[0].table
    assert table is not None
    assert table.text_grid()[0] == ["", "产出指标\n\n(40分)", "数量指标"]
    assert table.n_rows == 2


def test_single_cell_rows_are_indented_paragraphs() -> None:
    blocks = parse_lines(_lines("\t一段缩进的文字\n接着的一行\n\n正文"))
    assert [b.text for b in blocks] == ["一段缩进的文字", "接着的一行", "正文"]
    assert all(b.kind == "paragraph" for b in blocks)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(encoding: str) -> None:
    text = "2024年度部门整体支出绩效自评报告\n本部门编制数12人。"
    data = text.encode(encoding)
    if encoding == "utf-16":
        assert data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    document = read(data, name="r.txt")
    assert document.blocks[1].text == "本部门编制数12人。"


def test_binary_data_is_refused_with_the_file_name() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"bin.txt"):
        read(bytes(range(0, 32)) * 50, name="bin.txt")
