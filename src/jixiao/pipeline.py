"""The one staged pipeline that the CLI, the web app, batch runs and tests call.

``load(path)`` reads a file and extracts its record; it raises `SourceError` for a
file that cannot become a record (the message names the file and what to do).
"""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import NotAReportError
from jixiao.extract import Extraction, extract
from jixiao.model.document import Document
from jixiao.readers import max_bytes, read_bytes, read_path


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


def _own_workbook(data: bytes, name: str) -> Extraction | None:
    """The import of a fill-in workbook written by jixiao (`jixiao render --to xlsx`), else None."""
    if Path(name).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    from jixiao.render.xlsx_import import is_workbook, workbook_extraction

    return workbook_extraction(data, name=name) if is_workbook(data) else None


def load(path: str | Path) -> Extraction:
    """Read and extract one file."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm") and path.is_file() and path.stat().st_size <= max_bytes():
        return load_bytes(path.read_bytes(), name=str(path))
    return load_document(read_path(path))


def load_bytes(data: bytes, *, name: str) -> Extraction:
    """Read and extract one file given as bytes (uploads, archives, remote workers)."""
    own = _own_workbook(data, name)
    return own if own is not None else load_document(read_bytes(data, name=name))
