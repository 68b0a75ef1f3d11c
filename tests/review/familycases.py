"""Shared runner for per-family case tables: BAD fires exactly its code, GOOD is silent."""

from __future__ import annotations

from typing import Any

from jixiao.review import all_checks

from .helpers import codes, run

Case = tuple[str, dict[str, Any] | None]


def family(name: str) -> set[str]:
    """The codes registered in family `name`."""
    return {c.code for c in all_checks() if c.family == name}


def fires(code: str, case: Case) -> bool:
    """True when the check reports at least once, and only its own code."""
    found = codes(run(code, *case))
    return bool(found) and set(found) == {code}


def silent(code: str, case: Case) -> bool:
    """True when the check reports nothing."""
    return run(code, *case) == []


def assert_family(name: str, bad: dict[str, Case], good: dict[str, Case]) -> None:
    """Every check of the family has a defective and a correct case."""
    assert set(bad) == family(name) == set(good)


__all__ = ["Any", "Case", "assert_family", "fires", "silent"]
