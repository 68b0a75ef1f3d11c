"""Acceptance: the five seed reports give the same record from TXT, DOCX, HTML and PDF.

Each format's fixtures are extracted with `jixiao.pipeline.load`, written as
``<stem>.json`` and scored against the gold records with the shared scorer.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_build import GOLD, SCORER
from jixiao.pipeline import load


def _f1(paths: list[Path], out: Path) -> float:
    out.mkdir(parents=True, exist_ok=True)
    for path in paths:
        (out / f"{path.stem}.json").write_text(load(path).record.to_json(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(SCORER), str(GOLD), str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    report = json.loads(result.stdout)
    return float(report["overall"]["f"])


def test_text_seeds_score_high(seed_paths: list[Path], tmp_path: Path) -> None:
    f1 = _f1(seed_paths, tmp_path / "txt")
    assert f1 >= 0.97, f"txt F1 {f1:.3f}"


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_format_scores_high(fmt: str, format_dir: Path, tmp_path: Path) -> None:
    paths = sorted((format_dir / fmt).glob(f"*.{fmt}"))
    assert len(paths) == 5
    f1 = _f1(paths, tmp_path / fmt)
    assert f1 >= 0.95, f"{fmt} F1 {f1:.3f}"


def test_pdf_scores_high(pdf_dir: Path, tmp_path: Path) -> None:
    paths = sorted(pdf_dir.glob("*.pdf"))
    assert len(paths) == 5
    f1 = _f1(paths, tmp_path / "pdf")
    assert f1 >= 0.95, f"pdf F1 {f1:.3f}"
