"""docs/checks.md is generated from the registry and documents every check."""

from __future__ import annotations

from pathlib import Path

from jixiao.review import all_checks
from jixiao.review.docs import render

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"


def test_every_check_is_documented_with_an_example() -> None:
    text = render()
    for item in all_checks():
        assert f"`{item.code}`" in text
        assert item.render(item.example) in text


def test_checks_md_is_current() -> None:
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "run: python -m jixiao.review.docs > docs/checks.md"
    )


def test_codes_are_kebab_case_and_unique() -> None:
    codes = [c.code for c in all_checks()]
    assert len(codes) == len(set(codes))
    assert all(c == c.lower() and " " not in c and "_" not in c for c in codes)
