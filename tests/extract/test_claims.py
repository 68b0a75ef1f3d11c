"""Claims beyond the record: the 自评表's budget-execution row."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.extract import Extraction

Run = Callable[[str], Extraction]

TABLE = """2024年度某局整体支出绩效自评表
\t年度预算申请（万元）
\t
\t年初预算数
\t全年预算数
\t全年执行数
\t分值
\t执行率
\t得分

\t
\t年度资金总额
\t100.00
\t120.00
\t108.00
\t10
\t90.00%
\t9

"""


def test_budget_row_claims_are_kept_with_their_source(extract_text: Run) -> None:
    extraction = extract_text(TABLE)
    assert extraction.claims == {
        "budget_execution.weight": Decimal(10),
        "budget_execution.rate": Decimal("90.00"),
        "budget_execution.score": Decimal(9),
    }
    assert extraction.provenance["budget_execution.score"].col == 7
    assert extraction.record.budget.final.total == Decimal("120.00")
    assert "claims" not in extraction.record.to_dict()
    assert extraction.record.to_dict()["budget_execution"] == {"weight": 10, "rate": 90.0, "score": 9}


def test_no_budget_row_no_claims(extract_text: Run) -> None:
    assert extract_text("2024年度某局整体支出绩效自评报告\n本部门编制数5人。").claims == {}
