"""Documents that are not self-evaluations are named for what they look like."""

from __future__ import annotations

import pytest

from jixiao.errors import NotAReportError
from jixiao.pipeline import load_bytes


def _table(rows: list[list[str]]) -> str:
    return "\n".join("\n".join("\t" + cell for cell in row) + "\n" for row in rows) + "\n\n"


TARGETS_ONLY = "2025年度项目支出绩效目标申报表\n" + _table([
    ["项目名称", "乡村书屋更新", "主管部门", "溪口县文化局"],
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "更新书屋数量", "≥12个"],
    ["效益指标", "社会效益指标", "惠及村民人数", "≥3000人"],
])
FINAL_ACCOUNTS = ("溪口县文化局2024年度部门决算\n一、部门基本情况\n（一）收入支出决算总体情况说明\n"
                  "2024年度收入总计562.30万元，支出总计560.10万元。\n")
POLICY = ("溪口县预算绩效管理暂行办法\n第一条 为加强预算绩效管理，制定本办法。\n"
          "第二条 本办法适用于县级预算部门。\n第三条 预算部门应当开展绩效自评。\n")


@pytest.mark.parametrize(("text", "kind"), [
    (TARGETS_ONLY, "绩效目标表"), (FINAL_ACCOUNTS, "部门决算"), (POLICY, "政策文件")])
def test_a_document_of_another_kind_is_named(text: str, kind: str) -> None:
    with pytest.raises(NotAReportError, match=rf"doc\.txt.*看起来是{kind}"):
        load_bytes(text.encode("utf-8"), name="doc.txt")


def test_a_self_evaluation_that_quotes_its_targets_is_read() -> None:
    text = TARGETS_ONLY.replace("绩效目标申报表", "绩效自评表")
    assert load_bytes(text.encode("utf-8"), name="doc.txt").record.indicators
