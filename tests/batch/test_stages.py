"""One document through the stages of a batch: each stage runs once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from jixiao.batch import BatchOptions, run_batch
from jixiao.score import engine


def _counting(calls: list[int], inner: Callable[..., Any]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return inner(*args, **kwargs)

    return wrapper


def test_scoring_runs_once_per_document(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The review reads the score stage's result instead of scoring the record again."""
    totals: list[int] = []
    monkeypatch.setattr(engine, "total_of", _counting(totals, engine.total_of))
    stats = run_batch([archive], BatchOptions(out=tmp_path / "out", jobs=0))
    assert stats.reviewed == 12
    assert len(totals) == stats.reviewed
