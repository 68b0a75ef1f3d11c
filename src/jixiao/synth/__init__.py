"""A synthetic corpus of invented self-evaluation reports, optionally with known defects.

Used by the benchmarks and to measure the review's recall and precision at scale.
"""

from __future__ import annotations

from jixiao.synth.corpus import FORMATS, available_formats, generate, iter_documents, make_document

__all__ = ["FORMATS", "available_formats", "generate", "iter_documents", "make_document"]
