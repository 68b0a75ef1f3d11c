"""Shared fixtures of the batch tests: a small synthetic archive."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.synth import generate


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """Twelve synthetic reports (some with defects) and one broken file."""
    folder = tmp_path / "in"
    generate(12, folder, seed=5, defects=True)
    (folder / "expected.jsonl").unlink()
    (folder / "broken.docx").write_bytes(b"this is not a zip file")
    return folder
