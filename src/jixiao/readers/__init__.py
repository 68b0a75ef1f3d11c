"""Readers: one module per format, each ``read(data: bytes, *, name: str) -> Document``.

`read_path` picks the reader from the file's extension and first bytes, refuses
files over the size limit before reading them whole, and turns every failure into
one `UnreadableDocumentError` whose message names the file and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from importlib import import_module
from pathlib import Path

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Document, numbered
from jixiao.readers.files import file_problem, read_regular
from jixiao.readers.limits import ResourceLimitError, document_budget

Reader = Callable[..., Document]

#: Largest file read, in bytes (override with JIXIAO_MAX_BYTES).
MAX_BYTES = 100 * 1024 * 1024

#: Extension → reader module (inside jixiao.readers).
FORMATS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".docx": "docx",
    ".htm": "html",
    ".html": "html",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".doc": "legacy",
    ".wps": "legacy",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
}


#: The reason and hint given when reading a document runs out of memory.
MEMORY_REASON = "内存不足：读取此文件所需内存超出本机或进程的上限"
MEMORY_HINT = "请关闭其他程序、减少并行进程数（--jobs）后重试，或将文件拆分"


def supported(path: Path) -> bool:
    """True when `path` has an extension that some reader handles."""
    return path.suffix.lower() in FORMATS


def max_bytes() -> int:
    """The size limit in force."""
    value = os.environ.get("JIXIAO_MAX_BYTES")
    return int(value) if value and value.isdigit() else MAX_BYTES


def reader_for(name: str) -> Reader:
    """The ``read`` function of the module that handles `name`'s extension."""
    suffix = Path(name).suffix.lower()
    module = FORMATS.get(suffix)
    if module is None:
        known = "、".join(sorted(FORMATS))
        raise UnreadableDocumentError(
            name, f"不支持的文件格式“{suffix or '无扩展名'}”", f"支持的格式：{known}"
        )
    read: Reader = import_module(f"jixiao.readers.{module}").read
    return read


def read_bytes(data: bytes, *, name: str) -> Document:
    """Read `data` as the format its `name` says."""
    if not data.strip():
        raise UnreadableDocumentError(name, "文件为空", "请检查是否上传了正确的文件")
    read = reader_for(name)
    try:
        with document_budget():
            return numbered(read(data, name=name))
    except UnreadableDocumentError:
        raise
    except ResourceLimitError as exc:  # refused before the memory was taken
        raise UnreadableDocumentError(name, str(exc), exc.hint) from exc
    except MemoryError as exc:
        raise UnreadableDocumentError(name, MEMORY_REASON, MEMORY_HINT) from exc
    except Exception as exc:  # a library failed on bad input: one clear message
        raise UnreadableDocumentError(
            name, f"文件已损坏或格式不符（{type(exc).__name__}）", "请用原软件重新保存后再试"
        ) from exc


def read_path(path: str | Path) -> Document:
    """Read a file from disk, refusing it before reading when it is too large."""
    path = Path(path)
    name = str(path)
    reader_for(name)  # unknown formats are refused before reading
    try:
        data = read_regular(path, max_bytes())
    except OSError as exc:
        raise UnreadableDocumentError(name, *file_problem(exc)) from exc
    return read_bytes(data, name=name)
