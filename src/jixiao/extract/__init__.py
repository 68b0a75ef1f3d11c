"""Extraction: neutral `Document` → `Record` with provenance.

`extract` runs every field extractor over the document. Each extractor reads the
blocks it understands (prose, tables) and proposes values with a source and a
priority; the highest-priority proposal for each field wins.
"""

from __future__ import annotations

from jixiao.extract.core import Extraction, extract, extract_all

__all__ = ["Extraction", "extract", "extract_all"]
