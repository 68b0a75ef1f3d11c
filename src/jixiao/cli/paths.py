"""Expand command-line paths: files as given, folders recursively (supported formats)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from jixiao.readers import supported


def expand_paths(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield files; a folder yields its supported files, sorted, recursively."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and supported(p))
        else:
            yield path
