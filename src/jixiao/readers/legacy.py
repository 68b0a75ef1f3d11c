"""Old Word (.doc) and WPS (.wps) files: converted to DOCX by LibreOffice, then read.

Each conversion runs ``soffice --headless --convert-to docx`` with its own fresh
profile directory (so parallel conversions do not share a lock), under a timeout
(``JIXIAO_SOFFICE_TIMEOUT`` seconds, default 120); temporary files are removed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Document
from jixiao.readers import docx
from jixiao.readers._ooxml import OLE_MAGIC

DEFAULT_TIMEOUT = 120.0


def soffice_path() -> str | None:
    """The LibreOffice executable, or None when it is not installed."""
    configured = os.environ.get("JIXIAO_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def timeout() -> float:
    """Seconds a conversion may take."""
    value = os.environ.get("JIXIAO_SOFFICE_TIMEOUT", "")
    try:
        return float(value) if value else DEFAULT_TIMEOUT
    except ValueError:
        return DEFAULT_TIMEOUT


def read(data: bytes, *, name: str) -> Document:
    """Read .doc/.wps `data` by converting it to DOCX first."""
    if data.startswith(b"PK"):  # a DOCX saved with an old extension
        document = docx.read(data, name=name)
        return Document(name=name, format="doc", blocks=document.blocks)
    if data.startswith(OLE_MAGIC) and "EncryptedPackage".encode("utf-16-le") in data:
        raise UnreadableDocumentError(
            name, "文件已加密（设置了打开密码），无法读取", "请在 Word/WPS 中取消密码后另存再试"
        )
    converted = convert_to_docx(data, name=name)
    document = docx.read(converted, name=name)
    return Document(name=name, format="doc", blocks=document.blocks)


def convert_to_docx(data: bytes, *, name: str, seconds: float | None = None) -> bytes:
    """The DOCX bytes LibreOffice makes of `data` (a .doc or .wps file)."""
    soffice = soffice_path()
    if soffice is None:
        raise UnreadableDocumentError(
            name,
            "需要安装 LibreOffice 才能读取 .doc/.wps 文件",
            "请安装 LibreOffice（如 apt install libreoffice-writer），或把文件另存为 .docx 后再试",
        )
    suffix = Path(name).suffix.lower() or ".doc"
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as work:
        folder = Path(work)
        source = folder / f"source{suffix}"
        source.write_bytes(data)
        command = [
            soffice,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(folder / "out"),
            str(source),
        ]
        _run(command, name, seconds if seconds is not None else timeout())
        target = folder / "out" / "source.docx"
        if not target.exists():
            raise UnreadableDocumentError(
                name,
                "LibreOffice 无法转换此文件，文件可能已损坏",
                "请用 Word/WPS 另存为 .docx 后再试",
            )
        return target.read_bytes()


def _run(command: list[str], name: str, seconds: float) -> None:
    """Run LibreOffice in its own process group, killing the whole group on timeout."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        raise UnreadableDocumentError(
            name, f"无法启动 LibreOffice（{exc.strerror}）", "请检查 LibreOffice 安装"
        ) from exc
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired as exc:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise UnreadableDocumentError(
            name, f"转换超时（超过 {seconds:.0f} 秒）", "请用 Word/WPS 另存为 .docx 后再试"
        ) from exc
