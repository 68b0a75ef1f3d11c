"""Unit tests of the PDF layout, rule and table-joining code on hand-made runs and segments."""

from __future__ import annotations

from jixiao.readers._pdf_layout import (
    Line,
    group_lines,
    heading_level,
    mark_layout,
    merge_bands,
    running_texts,
)
from jixiao.readers._pdf_page import Run, Segment
from jixiao.readers._pdf_pieces import build_table, make_piece
from jixiao.readers._pdf_tables import find_grids

SIZE = 10.0


def run(text: str, x0: float, base: float = 100.0, *, wide: bool = True, **kw: object) -> Run:
    """A run at baseline `base`, each character one em (CJK) or half an em wide."""
    width = len(text) * SIZE * (1.0 if wide else 0.5)
    top, bottom = base - 0.88 * SIZE, base + 0.12 * SIZE
    return Run(x0, x0 + width, top, bottom, text, SIZE, **kw)  # type: ignore[arg-type]


def test_runs_on_one_baseline_make_a_line_left_to_right() -> None:
    lines = group_lines([run("预算", 30), run("部门", 10), run("下一行", 10, base=120)])
    assert [ln.text for ln in lines] == ["部门预算", "下一行"]


def test_word_gap_between_latin_runs_is_a_space_but_not_between_cjk() -> None:
    latin = group_lines([run("Hello", 0, wide=False), run("World", 28, wide=False)])
    cjk = group_lines([run("部门", 0), run("预算", 23)])
    assert latin[0].text == "Hello World"
    assert cjk[0].text == "部门预算"


def test_wide_gap_is_two_or_more_spaces_and_marks_a_layout_line() -> None:
    line = group_lines([run("项目", 0), run("100", 60, wide=False)])[0]
    assert line.text == "项目        100"  # 40 pt of gap: 8 half-ems
    assert line.gapped


def test_typed_spaces_are_kept_as_typed() -> None:
    first = run("填表人：", 0, first=0, last=3)
    second = run("联系电话：", 60, first=6, last=10, typed="\u3000\u3000")
    line = group_lines([first, second])[0]
    assert line.text == "填表人：\u3000\u3000联系电话："
    assert not line.gapped


def test_lines_close_to_a_gapped_line_join_its_layout_block() -> None:
    lines = group_lines(
        [
            run("名称", 0),
            run("金额", 80),
            run("较长的项目", 0, base=112),
            run("名称", 0, base=124),
            run("正文段落离得很远", 0, base=170),
        ]
    )
    mark_layout(lines)
    assert [ln.layout for ln in lines] == [True, True, True, False]


def _line(text: str, size: float = SIZE, *, bold: bool = False) -> Line:
    return Line(0, size, 0, size * len(text), text, size, bold=bold)


def test_headings_by_numbering_size_and_weight() -> None:
    sizes = [16.0]
    assert heading_level([_line("一、部门基本情况")], SIZE, sizes) == 1
    assert heading_level([_line("（二）机构设置")], SIZE, sizes) == 2
    assert heading_level([_line("部门整体支出绩效自评报告", 16.0)], SIZE, sizes) == 1
    assert heading_level([_line("主要绩效", bold=True)], SIZE, sizes) == 2
    assert (
        heading_level([_line("（一）执行进度偏慢，培训未能按期完成。", bold=True)], SIZE, sizes)
        is None
    )
    assert heading_level([_line("本部门编制数28人")], SIZE, sizes) is None


def test_margin_lines_repeated_on_pages_are_running_texts() -> None:
    head = Line(20, 30, 0, 100, "示例局2024年度自评报告", SIZE)
    folio = Line(790, 800, 0, 20, "第 3 页", SIZE)
    body = Line(400, 410, 0, 100, "示例局2024年度自评报告", SIZE)
    pages = [(842.0, [head, body, folio]), (842.0, [head, folio]), (842.0, [head])]
    assert running_texts(pages) == {"示例局#年度自评报告", "第#页"}


def _box(x0: float, top: float, x1: float, bottom: float) -> list[Segment]:
    return [
        Segment(True, top, x0, x1),
        Segment(True, bottom, x0, x1),
        Segment(False, x0, top, bottom),
        Segment(False, x1, top, bottom),
    ]


def test_grid_from_cell_borders_with_a_merged_cell() -> None:
    # Two rows, three columns; the first row's last two cells are one merged cell.
    segments = _box(0, 0, 50, 20) + _box(50, 0, 150, 20)
    segments += _box(0, 20, 50, 40) + _box(50, 20, 100, 40) + _box(100, 20, 150, 40)
    (grid,) = find_grids(segments)
    cells = sorted((c.row, c.col, c.rowspan, c.colspan) for c in grid.cells)
    assert cells == [(0, 0, 1, 1), (0, 1, 1, 2), (1, 0, 1, 1), (1, 1, 1, 1), (1, 2, 1, 1)]
    assert grid.cell_at(120, 10) == grid.cell_at(60, 10)


def test_single_box_is_not_a_table() -> None:
    assert find_grids(_box(0, 0, 100, 30)) == []


def _cell_line(text: str, x0: float, x1: float, bottom: float) -> Line:
    return Line(bottom - SIZE, bottom, x0, x1, text, SIZE, head=SIZE)


def test_row_split_by_a_page_break_is_joined_and_repeated_header_dropped() -> None:
    header = _box(0, 0, 60, 20) + _box(60, 0, 200, 20)
    row = _box(0, 20, 60, 60) + _box(60, 20, 200, 60)
    first = find_grids(header + row)[0]
    lines_first = [
        [_cell_line("指标", 2, 30, 15)],
        [_cell_line("偏差原因", 62, 110, 15)],
        [_cell_line("培训", 2, 30, 35)],
        [_cell_line("受天气影响两期培训推迟至次", 62, 198, 57)],
    ]
    second = find_grids(header + _box(0, 20, 60, 40) + _box(60, 20, 200, 40))[0]
    lines_second = [
        [_cell_line("指标", 2, 30, 15)],
        [_cell_line("偏差原因", 62, 110, 15)],
        [],
        [_cell_line("年。", 62, 82, 35)],
    ]
    piece_a = make_piece(1, first, lines_first)
    piece_b = make_piece(2, second, lines_second)
    table = build_table([piece_a, piece_b])
    assert table is not None
    assert table.text_grid() == [["指标", "偏差原因"], ["培训", "受天气影响两期培训推迟至次年。"]]


def test_header_whose_cells_wrap_is_merged_into_one_line() -> None:
    # 一级指标 wraps over two lines; 二级指标 is centred between them.
    runs = [
        run("一级指", 0, base=100),
        run("偏差原因", 100, base=100),
        run("二级指标", 40, base=106),
        run("标", 0, base=112),
        run("及改进措施", 100, base=112),
        run("产出", 0, base=140),
        run("数量", 40, base=140),
        run("未完成", 100, base=140),
    ]
    lines = group_lines(runs)
    mark_layout(lines)
    merged = merge_bands(lines)
    assert [ln.text for ln in merged] == [
        "一级指标  二级指标  偏差原因及改进措施",
        "产出    数量        未完成",
    ]
