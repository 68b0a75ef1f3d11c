"""Cross-reference check: one quantity, different figures."""

from __future__ import annotations

from .familycases import Case, assert_family, fires, silent

BAD: dict[str, Case] = {
    "figure-stated-differently": ("2024年项目支出预算180万元。全年项目支出预算205.40万元。", None),
}
GOOD: dict[str, Case] = {
    "figure-stated-differently": ("项目支出预算58.40万元。实际支出中项目支出58.10万元。", None),
}


def test_cases_cover_family() -> None:
    assert_family("crossref", BAD, GOOD)


def test_fires() -> None:
    assert fires("figure-stated-differently", BAD["figure-stated-differently"])


def test_silent_when_stages_differ() -> None:
    assert silent("figure-stated-differently", GOOD["figure-stated-differently"])
