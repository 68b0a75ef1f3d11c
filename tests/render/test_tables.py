"""Golden structure of the 基础数据表 and the 自评表 (shapes, headers, merged cells)."""

from __future__ import annotations

from jixiao.model.record import Record
from jixiao.render.tables import (
    INDICATOR_HEADERS,
    basic_data_table,
    cell_keys,
    indicator_rows,
    project_table,
    self_eval_table,
    self_eval_tables,
    three_public_table,
    total_weight,
)


def _row_of(grid: list[list[str]], first: str) -> list[str]:
    return next(row for row in grid if row[0] == first or row[1] == first)


def test_self_eval_table_shape_and_merges(record: Record) -> None:
    spec = self_eval_table(record, "部门整体支出绩效自评表")
    grid = spec.text_grid()
    assert spec.n_cols == 9
    assert spec.caption == "2023年度部门整体支出绩效自评表"
    header = next(r for r, row in enumerate(grid) if row[1] == "一级指标")
    assert grid[header][1:] == list(INDICATOR_HEADERS)
    assert grid[header - 1][0] != "绩效指标"
    first = header + 1
    # 产出指标 covers the four output rows; 数量指标 its first two
    assert (first, 1, 4, 1) in spec.merges()
    assert (first, 2, 2, 1) in spec.merges()
    # the 绩效指标 label spans the header and every indicator row
    assert (header, 0, len(record.indicators) + 1, 1) in spec.merges()
    total = grid[-1]
    assert total[0] == "总分" and total[6:8] == ["100", "98.8"]
    budget = _row_of(grid, "年度资金总额")
    assert budget[2:6] == ["580.00", "612.40", "600.25", "10"]
    assert budget[6:] == ["98.02%", "9.8", "9.8"]


def test_unknown_budget_figures_stay_blank() -> None:
    spec = self_eval_table(Record(), "自评表")
    grid = spec.text_grid()
    assert _row_of(grid, "年度资金总额")[2:] == [""] * 7
    assert grid[-1][6:8] == ["", ""]


def test_rate_is_computed_when_the_record_states_none(record: Record) -> None:
    stated = record.model_copy(
        update={"budget_execution": record.budget_execution.model_copy(update={"rate": None})}
    )
    row = _row_of(self_eval_table(stated, "自评表").text_grid(), "年度资金总额")
    assert row[6] == "98.02%"


def test_total_weight_needs_every_weight(record: Record) -> None:
    assert total_weight(record) == 100
    partial = record.model_copy(
        update={
            "indicators": [
                *record.indicators[:-1],
                record.indicators[-1].model_copy(update={"weight": None}),
            ]
        }
    )
    assert total_weight(partial) is None


def test_print_tables_split_the_indicator_block_with_a_repeating_header(record: Record) -> None:
    head, block = self_eval_tables(record, ("甲目标", "乙完成"))
    assert head.header_rows == 0 and block.header_rows == 1
    assert head.text_grid()[0][0] == "部门（单位）名称" and head.text_grid()[-1][2] == "甲目标"
    grid = block.text_grid()
    assert grid[0][1:] == list(INDICATOR_HEADERS) and grid[-1][0] == "总分"
    assert (0, 0, len(record.indicators) + 1, 1) in block.merges()
    assert head.n_cols == block.n_cols == 9 and head.widths == block.widths


def test_indicator_rows_do_not_merge_unknown_levels() -> None:
    record = Record.model_validate({"indicators": [{"name": "甲"}, {"name": "乙"}]})
    rows = indicator_rows(record.indicators)
    assert all(cell.rowspan == 1 for row in rows for cell in row)


def test_conclusion_rows_and_spare_rows() -> None:
    record = Record.model_validate(
        {
            "problems": ["甲问题"],
            "measures": ["乙措施", "丙措施"],
            "self_evaluation": {"grade": "良"},
        }
    )
    spec = self_eval_table(record, "自评表", with_conclusions=True, spare_rows=3)
    grid = spec.text_grid()
    assert _row_of(grid, "存在问题")[2] == "（一）甲问题。"
    assert _row_of(grid, "改进措施")[2] == "（一）乙措施。\n（二）丙措施。"
    assert _row_of(grid, "自评等级")[2] == "良"
    header = next(r for r, row in enumerate(grid) if row[1] == "一级指标")
    assert grid[header + 4][0] == "总分"


def test_basic_data_table_blocks(record: Record) -> None:
    spec = basic_data_table(record, "部门整体支出绩效评价基础数据表")
    grid = spec.text_grid()
    assert spec.n_cols == 7
    assert grid[0][1:] == [
        "编制数",
        "编制数",
        "实际在职人数",
        "实际在职人数",
        "离退休人数",
        "控制率",
    ]
    assert grid[1][1:] == ["18", "18", "16", "16", "5", "88.89%"]
    assert _row_of(grid, "经费控制情况（万元）")[1::2] == ["上年决算数", "本年预算数", "本年决算数"]
    assert _row_of(grid, "三公经费")[1:] == ["", "", "5.50", "5.50", "4.20", "4.20"]
    assert _row_of(grid, "　2、出国经费")[3] == "0.00"
    assert _row_of(grid, "楼堂馆所控制情况")[6] == "投资概算控制率"
    keys = {key for _, _, key in cell_keys(spec)}
    assert {"staffing.authorized", "three_public.actual.total", "budget.actual.public"} <= keys


def test_small_tables(record: Record) -> None:
    projects = project_table(record)
    assert projects is not None and projects.text_grid()[1] == [
        "便民服务窗口运行经费",
        "90.00",
        "88.70",
        "98.56%",
    ]
    three = three_public_table(record)
    assert three is not None and three.text_grid()[-1] == ["三公经费合计", "5.50", "4.20"]
    assert project_table(Record()) is None and three_public_table(Record()) is None
