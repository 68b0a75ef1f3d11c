"""Is a PDF's cross-reference intact? Tells a damaged file from a scan when no text is found.

A PDF ends with ``startxref`` and the offset of its cross-reference table (or stream).
When that offset does not lead to one, readers fall back to scanning the file and
may find pages but lose their text; such a file is damaged, not a scan, and is
named so.
"""

from __future__ import annotations

import re

_STARTXREF = re.compile(rb"startxref\s+(\d{1,12})")
_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")


def xref_intact(data: bytes) -> bool:
    """True when the last ``startxref`` points at an ``xref`` table or an object (an xref stream)."""
    matches = list(_STARTXREF.finditer(data[-4096:]))
    if not matches:
        return False
    offset = int(matches[-1].group(1))
    if offset <= 0 or offset >= len(data):
        return False
    head = data[offset : offset + 64].lstrip()
    return head.startswith(b"xref") or _OBJECT.match(head) is not None


#: Reason and hint for a PDF whose structure is broken.
BROKEN_XREF = ("PDF 文件已损坏（交叉引用表损坏，页面内容无法定位），不是扫描件", "请重新下载或用原软件重新导出 PDF")
