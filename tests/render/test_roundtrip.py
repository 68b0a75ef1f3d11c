"""Round trip: each seed's gold record rendered to DOCX, XLSX and HTML reads back with F1 ≥ 0.99;
so does each project gold record of the real excerpts, rendered as its 项目支出绩效自评表."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.pipeline import load
from jixiao.render import render

from .gold import GOLD_DIR, gold_paths, gold_record

SCORER = GOLD_DIR.parents[1] / "tools" / "score_extraction.py"
REAL_GOLD = GOLD_DIR.parents[1] / "real" / "gold"


def _f1(pred_dir: Path, gold_dir: Path = GOLD_DIR) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result = json.loads(out)
    return {"overall": result["overall"]["f"], **{k: v["f"] for k, v in result["groups"].items()}}


@pytest.mark.skipif(not SCORER.is_file(), reason="needs ../shared (gold records and scorer)")
@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_gold_records_survive_render_and_extract(fmt: str, tmp_path: Path) -> None:
    for path in gold_paths():
        target = tmp_path / f"{path.stem}.{fmt}"
        target.write_bytes(render(gold_record(path), fmt=fmt))  # type: ignore[arg-type]
        (tmp_path / f"{path.stem}.json").write_text(load(target).record.to_json(), encoding="utf-8")
    scores = _f1(tmp_path)
    lost = {k: v for k, v in scores.items() if v < 0.99}
    assert scores["overall"] >= 0.99, f"F1 below 0.99: {lost}"


def _real_golds() -> list[Path]:
    return sorted(REAL_GOLD.glob("*.json")) if REAL_GOLD.is_dir() else []


@pytest.mark.skipif(not SCORER.is_file() or not _real_golds(), reason="needs ../shared (real gold records and scorer)")
@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html"])
def test_real_gold_records_survive_render_and_extract(fmt: str, tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    for path in _real_golds():  # department reports and project forms (kind decides the layout)
        shutil.copy(path, gold / path.name)
        target = pred / f"{path.stem}.{fmt}"
        target.write_bytes(render(gold_record(path), fmt=fmt))  # type: ignore[arg-type]
        (pred / f"{path.stem}.json").write_text(load(target).record.to_json(), encoding="utf-8")
    scores = _f1(pred, gold)
    lost = {k: v for k, v in scores.items() if v < 0.99}
    assert scores["overall"] >= 0.99, f"F1 below 0.99: {lost}"
