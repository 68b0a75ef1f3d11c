"""Hostile record JSON (magnitudes, depth, counts) refused on load by every command, naming the field."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.model.recordfile import MAX_ITEMS, RecordDataError, load_record_json

from .capped import JIXIAO, MEMORY_CAP, run_capped

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "render" / "sample.json"


def _base() -> dict[str, Any]:
    record: dict[str, Any] = json.loads(SAMPLE.read_text(encoding="utf-8"))["record"]
    return record


def _with(path: tuple[Any, ...], value: Any) -> str:
    record = copy.deepcopy(_base())
    target = record
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return json.dumps(record, ensure_ascii=False)


#: name → (JSON text, field named in the message)
HOSTILE = {
    "float-1e308": (_with(("budget", "final", "total"), 1e308), "budget.final.total"),
    "text-1e+1000000": (_with(("self_evaluation", "score"), "1E+1000000"), "self_evaluation.score"),
    "literal-1e999999999": (
        _with(("income", "total"), 1).replace('"total": 1,', '"total": 1e999999999,', 1), "income.total"),
    "huge-integer": (_with(("staffing", "actual"), 1).replace('"actual": 1', '"actual": ' + "9" * 5000, 1),
                     "staffing.actual"),
    "digits-in-target": (_with(("indicators", 1, "target"), "≥" + "9" * 5000), "indicators[1].target"),
    "exponent-in-actual": (_with(("indicators", 0, "actual"), "约1e999999999"), "indicators[0].actual"),
    "nan": (_with(("budget", "final", "total"), 1).replace('"total": 1,', '"total": NaN,', 1), "数值"),
    "nesting-100000": ("[" * 100_000 + "]" * 100_000, "嵌套"),
    "indicators-100000": (
        _with(("indicators",), [dict(_base()["indicators"][0], name=f"指标{i}") for i in range(100_000)]),
        "indicators",
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_loader_names_the_field(name: str) -> None:
    text, field = HOSTILE[name]
    with pytest.raises(RecordDataError) as caught:
        load_record_json(text)
    assert field in f"{caught.value.field} {caught.value.problem}"


@pytest.mark.parametrize("command", ["score", "render", "check"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_every_command_gives_one_message(command: str, name: str, tmp_path: Path) -> None:
    text, field = HOSTILE[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    args = [command, str(path)] + (["--to", "html", "--out", str(tmp_path / "x.html")] if command == "render" else [])
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    message = result.output.strip()
    assert path.name in message and "不是有效的评价记录" in message and field in message
    assert len(message.splitlines()) == 1


def test_at_the_limit_every_renderer_finishes(tmp_path: Path) -> None:
    """MAX_ITEMS indicators render (a renderer that would hang is refused at load instead)."""
    record = _base()
    record["indicators"] = [dict(record["indicators"][0], name=f"指标{i}") for i in range(MAX_ITEMS)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    outcome = run_capped([*JIXIAO, "render", str(path), "--to", "html", "--out", str(tmp_path / "m.html")])
    assert outcome.status == 0, outcome.stderr
    assert outcome.peak < MEMORY_CAP


def test_hostile_records_under_the_cap(tmp_path: Path) -> None:
    for name in ("nesting-100000", "indicators-100000"):
        path = tmp_path / f"{name}.json"
        path.write_text(HOSTILE[name][0], encoding="utf-8")
        outcome = run_capped([*JIXIAO, "score", str(path)], timeout=60)
        assert outcome.status == 1 and "Traceback" not in outcome.stderr
        assert outcome.peak < MEMORY_CAP
