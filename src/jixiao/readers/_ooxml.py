"""Opening Office Open XML packages (DOCX) safely, with clear messages for bad files."""

from __future__ import annotations

import io
import posixpath
import zipfile
from typing import Any

from lxml import etree

from jixiao.errors import UnreadableDocumentError
from jixiao.readers.limits import check_package, raise_if_out_of_memory

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"

#: XML parser for untrusted input: no entities, no network, no huge trees.
PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)


def _ole_message(data: bytes, name: str, kind: str) -> UnreadableDocumentError:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return UnreadableDocumentError(
            name, "文件已加密（设置了打开密码），无法读取", f"请在 {kind} 中取消密码后另存再试"
        )
    return UnreadableDocumentError(
        name,
        f"这是旧版 Office 二进制文件，不是 {kind} 新格式文件",
        "请把扩展名改为 .doc，或用 Word/WPS 另存为 .docx 后再试",
    )


def open_package(data: bytes, *, name: str, kind: str = "Word") -> zipfile.ZipFile:
    """Open `data` as a zip package, explaining encrypted, old-format and broken files."""
    if data.startswith(OLE_MAGIC):
        raise _ole_message(data, name, kind)
    if not data.startswith(b"PK"):
        raise UnreadableDocumentError(
            name,
            f"不是有效的 {kind} 文件（内容与扩展名不符）",
            "请确认文件格式，或用原软件另存后再试",
        )
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise UnreadableDocumentError(
            name, "文件不完整或已损坏（压缩包结构无法读取）", "请重新下载或用原软件另存后再试"
        ) from exc
    check_package(package)
    return package


def read_xml(package: zipfile.ZipFile, part: str, *, name: str) -> Any:
    """Parse one XML part of the package; a missing or broken part is a clear error."""
    try:
        raw = package.read(part)
    except KeyError as exc:
        raise UnreadableDocumentError(
            name, f"文件缺少必要的内容（{part}）", "请确认这是 Word 文档，或用原软件另存后再试"
        ) from exc
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise UnreadableDocumentError(
            name, "文件不完整或已损坏（内容无法解压）", "请重新下载或用原软件另存后再试"
        ) from exc
    try:
        return etree.fromstring(raw, PARSER)
    except etree.XMLSyntaxError as exc:
        raise_if_out_of_memory(exc)
        raise UnreadableDocumentError(
            name, f"文件内容已损坏（{part} 不是有效的 XML）", "请用原软件另存后再试"
        ) from exc


def relationships(package: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship type suffix → target part path for `part` (``""`` = the package)."""
    folder, base = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{base}.rels")
    try:
        root = etree.fromstring(package.read(rels_path), PARSER)
    except (KeyError, etree.XMLSyntaxError, zipfile.BadZipFile):
        return {}
    out: dict[str, str] = {}
    for rel in root.iter(f"{_REL_NS}Relationship"):
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        out.setdefault(kind, posixpath.normpath(path))
    return out


def main_part(package: zipfile.ZipFile) -> str:
    """The path of the main document part (usually ``word/document.xml``)."""
    return relationships(package, "").get(_OFFICE_DOCUMENT.lstrip("/"), "word/document.xml")
