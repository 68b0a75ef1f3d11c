"""Shared fixtures of the render tests: the invented sample bundle."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.model.record import Record
from jixiao.render.narrative import Narrative, load_bundle

DATA = Path(__file__).resolve().parents[1] / "data" / "render"


@pytest.fixture()
def sample_path() -> Path:
    """The invented sample bundle (record and narrative)."""
    return DATA / "sample.json"


@pytest.fixture()
def sample(sample_path: Path) -> tuple[Record, Narrative]:
    """The sample's record and narrative."""
    return load_bundle(sample_path)


@pytest.fixture()
def record(sample: tuple[Record, Narrative]) -> Record:
    """The sample's record."""
    return sample[0]


@pytest.fixture()
def narrative(sample: tuple[Record, Narrative]) -> Narrative:
    """The sample's narrative."""
    return sample[1]
