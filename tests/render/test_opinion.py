"""The 审核意见: every finding of the document with its location, grouped by severity, and the scores."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jixiao.model.record import Record
from jixiao.pipeline import load
from jixiao.render.layout import Heading, Paragraph, TableSpec
from jixiao.render.opinion import OpinionInput, conclusion, opinion_elements, render_opinion
from jixiao.review import ReviewContext, review
from jixiao.score import load_profile, score_record


def _input(path: Path) -> OpinionInput:
    extraction = load(path)
    profile = load_profile("hunan-dept")
    context = ReviewContext(
        extraction.record, dict(extraction.provenance), extraction.document, profile
    )
    result = score_record(extraction.record, profile, claims=extraction.claims)
    return OpinionInput(
        extraction.record,
        review(context),
        result,
        source=path.name,
        reviewer="某县财政局",
        on=date(2024, 5, 6),
    )


def test_opinion_names_the_unit_the_verdict_and_the_tally(flawed_report: Path) -> None:
    elements = opinion_elements(_input(flawed_report))
    texts = [e.text for e in elements if isinstance(e, Heading | Paragraph)]
    assert texts[0] == "关于青禾县示例事务服务中心2023年度部门整体支出绩效自评报告的审核意见"
    assert texts[1] == "青禾县示例事务服务中心："
    assert "（文件：甲单位报告.docx）" in texts[2]
    assert "共2处：错误2、警告0、提示0。审核结论：退回修改。" in texts[2]
    assert texts[-2:] == ["某县财政局", "2024年5月6日"]


def test_every_finding_is_listed_with_its_location(flawed_report: Path) -> None:
    data = _input(flawed_report)
    elements = opinion_elements(data)
    headings = [e.text for e in elements if isinstance(e, Heading) and e.level == 1]
    assert headings == ["一、需要更正的错误（错误2处）", "二、得分复核"]
    tables = [e for e in elements if isinstance(e, TableSpec)]
    rows = tables[0].text_grid()
    assert rows[0] == ["序号", "问题类型", "问题说明", "位置", "修改要求"]
    assert len(rows) - 1 == len(data.findings) == 2
    mismatch = next(r for r in rows if "622.40" in r[2] and "基本支出" in r[2])
    assert mismatch[1] == "预算/支出合计不等于基本支出与项目支出之和"
    assert mismatch[3].startswith("第4个表格第3行第4列")
    assert all(r[4] for r in rows[1:])  # what to correct
    scores = tables[-1].text_grid()
    assert scores[0][:5] == ["序号", "指标", "分值", "自评得分", "复核得分"]
    assert scores[-2][0] == "总分" and scores[-1][0] == "等级"


def test_a_clean_record_passes(record: Record) -> None:
    data = OpinionInput(record, [], None, on=date(2024, 1, 2))
    texts = [e.text for e in opinion_elements(data) if isinstance(e, Paragraph)]
    assert "共0处：错误0、警告0、提示0。审核结论：审核通过。" in texts[1]
    assert conclusion([]) == "审核通过"
    assert not any("逐项核实" in t for t in texts)


def test_formats(flawed_report: Path) -> None:
    data = _input(flawed_report)
    page = render_opinion(data, "html").decode("utf-8")
    assert "第4个表格第3行第4列" in page and "<h1>" in page
    assert render_opinion(data, "docx")[:2] == b"PK"
