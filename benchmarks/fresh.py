"""Empty jixiao's per-text caches, so that a timed pass sees its documents as new.

Extraction memoises a few pure functions of a cell's or a label's text
(`functools.lru_cache` with a bound: cleaning, numbers, label roles). Across the
documents of one run they hit on the words forms share (headers, row labels), which
a real batch enjoys too; but a benchmark that passes over the same five documents
again and again would find every text of them cached after the first pass and time
extraction too kindly. The benchmarks call `clear_text_caches` before each timed pass.
Unbounded caches (the registries of extractors and checks, resolved once per process)
and small ones (parsed profiles) stay.
"""

from __future__ import annotations

import sys

#: Caches smaller than this hold per-process resources, not texts.
_TEXT_CACHE = 1024


def text_caches() -> list[object]:
    """The bounded text caches of every loaded jixiao module."""
    found = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("jixiao"):
            continue
        for value in vars(module).values():
            info = getattr(value, "cache_info", None)
            if info is None or getattr(value, "__module__", "") != name:
                continue
            size = info().maxsize
            if size is not None and size >= _TEXT_CACHE:
                found.append(value)
    return found


def clear_text_caches() -> None:
    """Empty every text cache (see the module's docstring)."""
    for cache in text_caches():
        cache.cache_clear()  # type: ignore[attr-defined]
