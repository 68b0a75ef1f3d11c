"""The parts of OCR that need no recognition model: cleaning, rulings, text, layout, joining."""

from __future__ import annotations

import re

import cv2
import numpy as np

from jixiao.model.document import Block, Cell, Position, Table
from jixiao.readers.ocr import prepare
from jixiao.readers.ocr.assemble import join_continued
from jixiao.readers.ocr.geometry import Box
from jixiao.readers.ocr.layout import Word, display_width, page_blocks
from jixiao.readers.ocr.rulings import find_rulings, ruling_strokes
from jixiao.readers.ocr.text import doubtful_words, normalise

DPI = 150


def _grid_page() -> np.ndarray:
    """A 150 dpi page with a ruled 4 × 4 table: (0,0) spans two rows, (0,1) two columns."""
    page = np.full((900, 1200), 255, np.uint8)
    xs, ys = [100, 350, 600, 850, 1100], [150, 250, 350, 450, 550]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 0, 2)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 0, 2)
    page[247:254, 103:348] = 255  # no ruling between rows 0 and 1 in column 0
    page[153:248, 597:604] = 255  # …nor between columns 1 and 2 in row 0
    return page


def _cells(page: np.ndarray, seals: np.ndarray | None = None) -> dict[tuple[int, int], tuple[int, int]]:
    rulings = find_rulings(ruling_strokes(page, DPI), DPI, seals)
    assert len(rulings.tables) == 1
    return {(c.row, c.col): (c.rowspan, c.colspan) for c in rulings.tables[0].cells}


def test_ruled_table_gives_cells_with_spans() -> None:
    cells = _cells(_grid_page())
    assert cells[(0, 0)] == (2, 1)
    assert cells[(0, 1)] == (1, 2)
    assert cells[(3, 3)] == (1, 1)
    assert len(cells) == 16 - 2


def test_text_and_short_strokes_are_not_rulings() -> None:
    page = _grid_page()
    cv2.putText(page, "1234.56", (380, 320), cv2.FONT_HERSHEY_SIMPLEX, 1.2, 0, 3)
    cv2.line(page, (900, 470), (1000, 540), 0, 3)  # a stroke of a signature
    assert _cells(page) == _cells(_grid_page())


def test_grey_seal_over_a_table_is_lifted_and_makes_no_rulings() -> None:
    page = _grid_page()
    cv2.putText(page, "86.40", (620, 430), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    cv2.circle(page, (700, 420), 115, 125, 9)  # a red seal scanned in grey
    cv2.circle(page, (700, 420), 40, 125, -1)
    strokes = ruling_strokes(page, DPI)
    from jixiao.readers.ocr.rulings import long_strokes

    seals = prepare.grey_seals(page, DPI, long_strokes(strokes, DPI))
    assert seals is not None and seals[420, 700] and not seals[100, 100]
    assert _cells(page, seals) == _cells(_grid_page())
    lifted = prepare.lift_grey_seals(page, seals)
    assert lifted[420, 700] == 255  # the seal's ink is gone
    assert (lifted[400:440, 620:720] < 60).sum() > 100  # the figure under it stays


def test_red_seal_is_lifted_black_print_stays() -> None:
    rgb = np.full((600, 600, 3), 250, np.uint8)
    cv2.rectangle(rgb, (200, 280), (400, 300), (10, 10, 10), -1)  # print
    cv2.circle(rgb, (300, 300), 110, (214, 38, 46), 10)  # the seal's ring, red
    cv2.circle(rgb, (300, 300), 30, (214, 38, 46), -1)  # its star, red over the print
    cv2.rectangle(rgb, (280, 290), (320, 295), (10, 10, 10), -1)
    grey = prepare.to_grey(rgb, DPI)
    assert grey[300, 190] == 255 and grey[300, 410] == 255 and grey[310, 300] == 255
    assert grey[285, 250] < 60 and grey[292, 300] < 60
    plain = prepare.to_grey(np.full((300, 300, 3), 200, np.uint8), DPI)
    assert int(plain[0, 0]) == 200


def test_skew_is_measured() -> None:
    page = np.full((1100, 850), 255, np.uint8)
    for y in range(120, 1000, 40):
        cv2.line(page, (100, y), (750, y), 0, 6)
    for angle in (1.6, -1.2, 0.0):
        measured = prepare.skew_angle(prepare.rotate(page, -angle))
        assert abs(measured - angle) <= 0.15, (angle, measured)


def test_resolution_is_brought_into_range() -> None:
    page = np.full((1000, 800), 255, np.uint8)
    assert prepare.to_working_resolution(page, 600)[1] == 300
    assert prepare.to_working_resolution(page, 100)[0].shape == (1500, 1200)
    assert round(prepare.estimated_dpi((3508, 2480), None)) == 300
    assert prepare.estimated_dpi((100, 100), 200.0) == 200.0


def test_normalise_fixes_what_the_recogniser_gets_wrong() -> None:
    chars = [(c, 1.0) for c in '全年预算8. 67万元,其中"三公"经费丶支出 合计°']
    text = "".join(c for c, _ in normalise(chars))
    assert text == "全年预算8.67万元，其中“三公”经费、支出合计。"
    numbers = "".join(c for c, _ in normalise([(c, 1.0) for c in "1,234.50 and 3,4 2024 2025 (表 (二)"]))
    assert numbers == "1,234.50 and 3,4 2024 2025 （表（二）"


def test_doubtful_words_are_whole_numbers_or_a_character_with_its_neighbours() -> None:
    chars = [(c, 0.5 if c in "7，控%" else 1.0) for c in "支出786.32万元，公用经费控制数，率95%"]
    assert doubtful_words(chars, 0.9) == ("786.32", "费控制")  # the comma and % are not meaningful


def _word(x0: float, y0: float, text: str, height: float = 30.0, conf: float = 1.0) -> Word:
    width = len(text) * height
    centers = tuple(x0 + (i + 0.5) * height for i in range(len(text)))
    return Word(Box(x0, y0, x0 + width, y0 + height), text, (conf,) * len(text), centers)


def test_lines_and_paragraphs_keep_column_gaps_as_spaces() -> None:
    words = [
        _word(100, 100, "一、部门整体支出情况"),
        _word(100, 160, "项目名称"), _word(400, 160, "全年预算数"), _word(700, 160, "执行率"),
        _word(100, 200, "水质检测经费"), _word(400, 200, "118.50"), _word(700, 200, "95.58%"),
    ]
    blocks = page_blocks(words, (), page=3, height=1200)
    texts = [b.text for b in blocks]
    assert texts[0] == "一、部门整体支出情况"
    assert [re.split(r" {2,}", t) for t in texts[1:]] == [
        ["项目名称", "全年预算数", "执行率"], ["水质检测经费", "118.50", "95.58%"]
    ]
    starts = [[display_width(t[: t.index(cell)]) for cell in re.split(r" {2,}", t)] for t in texts[1:]]
    assert starts[0] == starts[1] == [0, 20, 40]  # 300 px apart, a character 30 px wide
    assert all(b.position.page == 3 for b in blocks)


def test_wrapped_lines_join_and_low_confidence_is_kept() -> None:
    words = [
        _word(100, 100, "本部门编制数32人，在职人数30人，离退休人数"),
        _word(100, 140, "11人。"),
        _word(100, 180, "全年预算786.32万元。", conf=0.6),
    ]
    blocks = page_blocks(words, (), page=1, height=1200)
    assert blocks[0].text == "本部门编制数32人，在职人数30人，离退休人数11人。"
    assert blocks[0].position.confidence == 1.0 and blocks[0].position.doubtful == ()
    assert blocks[1].position.confidence == 0.6
    assert "786.32" in blocks[1].position.doubtful


def _table(page: int, rows: list[list[str]], spans: dict[tuple[int, int], int] | None = None) -> Block:
    cells = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            rowspan = (spans or {}).get((r, c), 1)
            cells.append(Cell(r, c, text, rowspan, 1, Position(page=page, confidence=1.0)))
    table = Table(tuple(cells), len(rows), len(rows[0]))
    return Block("table", table=table, position=Position(page=page))


def test_a_table_split_by_a_page_break_is_joined() -> None:
    first = _table(
        1,
        [["一级指标", "三级指标", "得分"], ["产出指标", "样本数", "12"], ["", "合格率", "8"]],
        {(1, 0): 2},
    )
    assert first.table is not None
    covered = Table(tuple(c for c in first.table.cells if (c.row, c.col) != (2, 0)), 3, 3)
    first = Block("table", table=covered, position=first.position)
    second = _table(2, [["", "巡查次数", "11.25"], ["效益指标", "覆盖村数", "8.67"]])
    joined = join_continued([first, second], scanned=[2])
    assert len(joined) == 1 and joined[0].table is not None
    table = joined[0].table
    assert table.n_rows == 5
    assert table.text_grid()[3] == ["产出指标", "巡查次数", "11.25"]
    assert next(c for c in table.cells if c.text == "产出指标").rowspan == 3
    assert join_continued([first, second], scanned=[]) == [first, second]
    other = _table(2, [["a", "b"]])
    assert len(join_continued([first, other], scanned=[2])) == 2
