"""Plausibility checks."""

from __future__ import annotations

import pytest

from .familycases import Case, assert_family, fires, silent

BAD: dict[str, Case] = {
    "execution-rate-low": ("", {"projects": [{"name": "会议经费", "budget": 35, "actual": 16.93}]}),
    "spending-over-budget": ("", {"budget": {"final": {"total": 950}, "actual": {"total": 1000}}}),
    "staff-over-establishment": ("", {"staffing": {"authorized": 42, "actual": 43}}),
}
GOOD: dict[str, Case] = {
    "execution-rate-low": ("", {"projects": [{"name": "会议经费", "budget": 35, "actual": 34}]}),
    "spending-over-budget": ("", {"budget": {"final": {"total": 1000}, "actual": {"total": 990}}}),
    "staff-over-establishment": ("", {"staffing": {"authorized": 44, "actual": 42}}),
}


def test_cases_cover_family() -> None:
    assert_family("plausibility", BAD, GOOD)


@pytest.mark.parametrize("code", sorted(BAD))
def test_fires(code: str) -> None:
    assert fires(code, BAD[code])


@pytest.mark.parametrize("code", sorted(GOOD))
def test_silent(code: str) -> None:
    assert silent(code, GOOD[code])
