"""The report outline and its prose, before any format is drawn."""

from __future__ import annotations

import pytest

from jixiao.errors import ConfigError
from jixiao.model.record import Record
from jixiao.render.layout import Heading, Paragraph, TableSpec
from jixiao.render.narrative import Narrative
from jixiao.render.outline import outline_for
from jixiao.render.report import TODO, build_report

HUNAN_L1 = [
    "一、部门基本情况",
    "二、一般公共预算支出情况",
    "三、政府性基金预算支出情况",
    "四、国有资本经营预算支出情况",
    "五、社会保险基金预算支出情况",
    "六、部门整体支出绩效情况",
    "七、存在的问题及原因分析",
    "八、下一步改进措施",
    "九、部门整体支出绩效自评结果拟应用和公开情况",
]


def _headings(elements: list[object], level: int) -> list[str]:
    return [e.text for e in elements if isinstance(e, Heading) and e.level == level]


def _text(elements: list[object]) -> str:
    return "\n".join(e.text for e in elements if isinstance(e, Paragraph))


def test_hunan_outline_is_the_default(record: Record, narrative: Narrative) -> None:
    elements = build_report(record, narrative)
    assert _headings(elements, 0) == ["2023年度青禾县示例事务服务中心部门整体支出绩效自评报告"]
    assert _headings(elements, 1) == HUNAN_L1
    assert "（一）基本支出" in _headings(elements, 2) and "（二）项目支出" in _headings(elements, 2)
    assert sum(isinstance(e, TableSpec) for e in elements) == 4


def test_prose_states_the_record_in_standard_phrasings(
    record: Record, narrative: Narrative
) -> None:
    text = _text(build_report(record, narrative))
    assert "本部门编制数18人，在职人数16人，离退休人数5人。" in text
    assert (
        "年初预算580.00万元，其中基本支出430.00万元，项目支出150.00万元；全年预算612.40万元" in text
    )
    assert (
        "全年支出600.25万元，其中基本支出450.05万元（人员经费388.60万元，公用经费61.45万元），项目支出150.20万元。"
        in text
    )
    assert (
        "项目支出150.20万元（其中便民服务窗口运行经费88.70万元；档案数字化专项经费61.50万元）。"
        in text
    )
    assert "（一）预算编制不够精细，年中调整较多。" in text
    assert "自评得分97.5分，等级为“优”。" in text
    assert TODO not in text


def test_an_empty_record_marks_missing_prose_and_states_no_figure() -> None:
    elements = build_report(Record(department="甲单位"), Narrative())
    text = _text(elements)
    assert TODO in text
    assert "万元" not in text and "0.00" not in text and "人。" not in text
    assert _headings(elements, 1) == HUNAN_L1


def test_other_section_only_with_text(record: Record) -> None:
    elements = build_report(record, Narrative(other="无其他需要说明的情况。"))
    assert _headings(elements, 1)[-1] == "十、其他需要说明的情况"


def test_profiles_choose_outlines() -> None:
    assert outline_for("hunan-dept").name == "hunan"
    assert outline_for("mof-2020").name == "generic"
    assert _headings(build_report(Record(), profile="generic"), 1)[1] == "二、预算收支情况"
    with pytest.raises(ConfigError, match="未知的报告模板"):
        outline_for("nowhere")
