"""Golden tests: hand-made records (invented units and figures) scored under each profile.

Inputs are ``tests/data/score/<profile>__<case>.json``; the expected outputs are
``<profile>__<case>.expected.json`` (the ``--json`` form of `ScoreResult`). To regenerate
after an intended change, run::

    JIXIAO_GOLDEN_UPDATE=1 .venv/bin/pytest tests/score/test_golden.py

and review the diff before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from jixiao.model.record import Record
from jixiao.score import load_profile, score_record

DATA = Path(__file__).parents[1] / "data" / "score"
CASES = sorted(p for p in DATA.glob("*__*.json") if not p.name.endswith(".expected.json"))
UPDATE = os.environ.get("JIXIAO_GOLDEN_UPDATE") == "1"


def test_every_profile_has_a_case() -> None:
    profiles = {p.name.split("__")[0] for p in CASES}
    assert profiles == {"mof-2020", "hunan-dept", "local-20-40-40"}


@pytest.mark.parametrize("case", CASES, ids=[p.stem for p in CASES])
def test_golden(case: Path) -> None:
    profile = load_profile(case.name.split("__")[0])
    record = Record.from_json(case.read_bytes())
    got = score_record(record, profile).to_dict()
    expected_path = case.with_name(case.stem + ".expected.json")
    if UPDATE:
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", "utf-8")
    expected = json.loads(expected_path.read_text("utf-8"))
    assert got == expected
