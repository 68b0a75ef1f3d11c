"""No code may know a document: no unit named in the gold records appears in ``src/``."""

from __future__ import annotations

import json
from typing import Any

import pytest

from fixtures_build import REPO, SHARED

GOLD_DIRS = (SHARED / "gold" / "seeds", SHARED / "real" / "gold")
#: Names this short or this generic (“市政府办公室”) say nothing of a particular document.
_MIN_LENGTH = 5
_GENERIC = {"市政府办公室"}


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.get("any_of", value.values()) for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


def _unit_names() -> set[str]:
    names: set[str] = set()
    for folder in GOLD_DIRS:
        for path in folder.glob("*.json"):
            record = json.loads(path.read_text(encoding="utf-8"))
            names.update(_strings(record.get("department")) + _strings(record.get("project")))
    return {n for n in names if len(n) >= _MIN_LENGTH and n not in _GENERIC}


@pytest.mark.skipif(not SHARED.is_dir(), reason="needs ../shared (the gold records)")
def test_no_gold_unit_name_appears_in_the_source() -> None:
    names = _unit_names()
    assert names
    found = {
        str(path.relative_to(REPO)): sorted(n for n in names if n in path.read_text(encoding="utf-8"))
        for path in (REPO / "src").rglob("*")
        if path.is_file() and path.suffix in (".py", ".toml", ".html", ".txt", ".json", ".md", ".j2")
    }
    assert {k: v for k, v in found.items() if v} == {}
