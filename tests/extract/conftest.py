"""Helpers for extraction tests: build a record from inline text in the seed layout."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from jixiao.extract import Extraction, extract
from jixiao.readers.text import read


@pytest.fixture
def extract_text() -> Callable[[str], Extraction]:
    """Extract a record from text written in the tab layout."""

    def run(text: str) -> Extraction:
        return extract(read(text.encode("utf-8"), name="inline.txt"))

    return run
