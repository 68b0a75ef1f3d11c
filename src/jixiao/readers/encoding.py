"""Decode text files: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK."""

from __future__ import annotations

import codecs

from jixiao.errors import UnreadableDocumentError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, *, name: str) -> str:
    """Decode `data`, trying BOMs, strict UTF-8, then GB18030, then a detector."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocumentError(
            name, "无法识别文本编码，可能不是文本文件", "请另存为 UTF-8 编码的文本后再试"
        )
    return str(best)


def looks_binary(text: str) -> bool:
    """True when decoded text is mostly control characters (a binary file)."""
    sample = text[:4096]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\r\n\f")
    return bad / len(sample) > 0.05
