"""The review appendix: recomputed scores beside the claimed ones, and the findings."""

from __future__ import annotations

import builtins
from typing import Any

import pytest

from jixiao.model.record import Record
from jixiao.render.layout import Paragraph, TableSpec
from jixiao.render.reviewed import review_appendix


def _tables(elements: list[Any]) -> dict[str | None, TableSpec]:
    return {e.caption: e for e in elements if isinstance(e, TableSpec)}


def test_appendix_has_score_and_findings_tables(record: Record) -> None:
    elements = review_appendix(record)
    tables = _tables(elements)
    scores = tables["得分复核表"].text_grid()
    assert scores[0][1:6] == ["指标", "分值", "自评得分", "复核得分", "差异"]
    assert scores[1][1] == "预算执行率"
    assert [row[1] for row in scores[2:-2]] == [i.name for i in record.indicators]
    total = scores[-2]
    assert total[0] == "总分" and total[3] == "97.5" and total[4] != ""
    assert scores[-1][0] == "等级" and scores[-1][3] == "优"
    findings = tables["审核发现"].text_grid()
    assert findings[0] == ["序号", "级别", "问题", "位置", "建议"]
    assert len(findings) > 1 and findings[1][1] in ("错误", "警告", "提示")


def test_scoring_profile_by_name(record: Record) -> None:
    elements = review_appendix(record, "mof-2020")
    notes = [e.text for e in elements if isinstance(e, Paragraph)]
    assert any("mof-2020" in n for n in notes)


def test_appendix_degrades_without_score_and_review(
    record: Record, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = builtins.__import__

    def blocked(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.startswith(("jixiao.score", "jixiao.review")):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", blocked)
    elements = review_appendix(record)
    texts = [e.text for e in elements if isinstance(e, Paragraph)]
    assert not _tables(elements)
    assert any(t.startswith("得分未能复核") for t in texts) and any(
        t.startswith("未能完成审核") for t in texts
    )
