"""The one staged pipeline that the CLI, the web app, batch runs and tests call.

``load(path)`` reads a file and extracts its record; it raises `SourceError` for a
file that cannot become a record (the message names the file and what to do).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import NotAReportError
from jixiao.extract import Extraction, extract
from jixiao.model.document import Document
from jixiao.readers import read_bytes, read_path


def _checked(extraction: Extraction) -> Extraction:
    if extraction.record.is_empty() and not extraction.looks_like_report:
        raise NotAReportError(
            extraction.document.name,
            "未识别为绩效自评报告：没有找到预算、人员、指标或自评内容",
            "请确认上传的是部门整体支出绩效自评报告",
        )
    return extraction


def load_document(document: Document) -> Extraction:
    """Extract a record from an already-read document."""
    return _checked(extract(document))


def load(path: str | Path) -> Extraction:
    """Read and extract one file."""
    return load_document(read_path(path))


def load_bytes(data: bytes, *, name: str) -> Extraction:
    """Read and extract one file given as bytes (uploads, archives, remote workers)."""
    return load_document(read_bytes(data, name=name))
