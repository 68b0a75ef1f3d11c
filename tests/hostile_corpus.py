"""A hostile corpus, built from our own material: one builder per class of issue 13.

Each builder writes the files of its class into a folder and returns a `Case`: the
names expected among the failures, with a fragment of the reason each must give
(empty for files that must be *reviewed*, not refused). Everything is generated
here, small on disk however large it claims to be, so tests and benchmarks can
build the whole corpus in a second:

    python tests/hostile_corpus.py OUT_FOLDER
"""

from __future__ import annotations

import io
import os
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

from jixiao.synth.corpus import iter_documents

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
)


@dataclass
class Case:
    """Files of one class: name → fragment of the expected failure reason ('' = must be reviewed)."""

    files: dict[str, str] = field(default_factory=dict)
    #: Extra command-line options the class needs.
    options: list[str] = field(default_factory=list)


def good_report(seed: int = 7) -> bytes:
    """A well-formed synthetic report (plain text)."""
    return next(iter_documents(1, seed=seed)).data


# -- ZIP packages ---------------------------------------------------------------


def _docx(document_xml: bytes | Callable[[zipfile.ZipFile], None]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        if callable(document_xml):
            document_xml(zf)
        else:
            zf.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def _body(inner: str) -> bytes:
    return f'<w:document xmlns:w="{W_NS}"><w:body>{inner}</w:body></w:document>'.encode()


def docx_bomb(inflated: int = 200 * 1024 * 1024) -> bytes:
    """A DOCX of a few hundred KB whose document.xml inflates to `inflated` bytes of spaces."""

    def write(zf: zipfile.ZipFile) -> None:
        with zf.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                handle.write(chunk)
            handle.write(b"<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>")

    return _docx(write)


def docx_node_bomb(elements: int = 30_000_000) -> bytes:
    """A DOCX whose document.xml holds `elements` empty paragraphs (a tree too big for memory)."""

    def write(zf: zipfile.ZipFile) -> None:
        with zf.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(f'<w:document xmlns:w="{W_NS}"><w:body>'.encode())
            chunk = b"<w:p/>" * 100_000
            for _ in range(elements // 100_000):
                handle.write(chunk)
            handle.write(b"</w:body></w:document>")

    return _docx(write)


def docx_wide_span() -> bytes:
    """A DOCX table cell spanning a hundred million grid columns."""
    cell = '<w:tc><w:tcPr><w:gridSpan w:val="100000000"/></w:tcPr><w:p><w:r><w:t>合计</w:t></w:r></w:p></w:tc>'
    return _docx(_body(f"<w:tbl><w:tr>{cell}</w:tr><w:tr>{cell}</w:tr></w:tbl>"))


def docx_nested_tables(depth: int = 60) -> bytes:
    """Tables nested `depth` deep inside each other."""
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}<w:p/></w:tc></w:tr></w:tbl>"
    return _docx(_body(inner))


def _xlsx(cells: dict[str, str]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for ref, value in cells.items():
        sheet[ref] = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _patch_sheet(data: bytes, patch: Callable[[bytes], bytes]) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in source.infolist():
            raw = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                raw = patch(raw)
            zf.writestr(info.filename, raw)
    return out.getvalue()


def xlsx_far_cell() -> bytes:
    """An 8 KB workbook with a cell at XFD1048576 (the last cell of a sheet)."""
    return _xlsx({"A1": "部门名称", "B1": "某局", "XFD1048576": "x"})


def xlsx_huge_merge() -> bytes:
    """A workbook with one merged range covering the whole sheet."""
    base = _xlsx({"A1": "部门名称", "B1": "某局"})
    merge = b'<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'
    return _patch_sheet(base, lambda xml: xml.replace(b"</sheetData>", b"</sheetData>" + merge))


# -- markup and text ------------------------------------------------------------


def html_spans() -> bytes:
    """A 130 KB page whose table cells each ask for rowspan=colspan=1000."""
    cell = '<td rowspan="1000" colspan="1000">1</td>'
    rows = "".join(f"<tr>{cell * 50}</tr>" for _ in range(60))
    return f"<html><body><table>{rows}</table></body></html>".encode()


def html_deep(levels: int = 100_000) -> bytes:
    """Tables nested 100,000 levels deep."""
    return ("<html><body>" + "<table><tr><td>" * levels + "x" + "</td></tr></table>" * levels).encode()


def txt_wide_grid(n: int = 20_000) -> bytes:
    """A text table (tab-led cells, blank line ends a row): one row of n cells, then n rows of one."""
    wide = "".join("\t1\n" for _ in range(n)) + "\n"
    tall = "\t1\n\n" * n
    return ("部门整体支出绩效自评报告\n" + wide + tall).encode()


# -- PDF ------------------------------------------------------------------------


def _pdf(objects: list[bytes], *, break_xref: bool) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref + 7 if break_xref else xref}\n%%EOF\n".encode()
    if break_xref:  # the table itself is garbage too, so readers fall back to scanning
        out = out.replace(b"xref\n0 ", b"xr#f\n0 ", 1)
    return bytes(out)


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def pdf_broken_xref() -> bytes:
    """A page with an image and text whose xref is broken and whose text stream is damaged."""
    image = _stream(b"\x80", b"/Type /XObject /Subtype /Image /Width 1 /Height 1 "
                    b"/ColorSpace /DeviceGray /BitsPerComponent 8 ")
    draw = _stream(b"q 100 0 0 100 50 50 cm /Im1 Do Q")
    text = _stream(b"\x78\x9c garbage that does not inflate", b"/Filter /FlateDecode ")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 300] /Contents [4 0 R 5 0 R] "
        b"/Resources << /XObject << /Im1 6 0 R >> /Font << /F1 7 0 R >> >> >>",
        draw,
        text,
        image,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    return _pdf(objects, break_xref=True)


# -- the classes ----------------------------------------------------------------


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _member_bomb(inflated: int = 64 * 1024 * 1024) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("正常报告.txt", good_report(3))
        with zf.open("炸弹.txt", "w") as handle:
            chunk = "０".encode() * (1 << 18)
            for _ in range(inflated // len(chunk)):
                handle.write(chunk)
    return buffer.getvalue()


def build_zip_bomb(folder: Path) -> Case:
    (folder / "bomb.docx").write_bytes(docx_bomb())
    (folder / "archive.zip").write_bytes(_member_bomb())
    return Case({"bomb.docx": "压缩", "archive.zip!炸弹.txt": "压缩比", "archive.zip!正常报告.txt": ""})


def build_grids(folder: Path) -> Case:
    (folder / "far.xlsx").write_bytes(xlsx_far_cell())
    (folder / "merge.xlsx").write_bytes(xlsx_huge_merge())
    (folder / "spans.html").write_bytes(html_spans())
    (folder / "span.docx").write_bytes(docx_wide_span())
    (folder / "grid.txt").write_bytes(txt_wide_grid())
    return Case({
        "far.xlsx": "格数",
        "merge.xlsx": "格数",
        "spans.html": "格数",
        "span.docx": "合并",
        "grid.txt": "格数",
    })


def build_nesting(folder: Path) -> Case:
    (folder / "deep.html").write_bytes(html_deep())
    (folder / "deep.docx").write_bytes(docx_nested_tables())
    return Case({"deep.html": "嵌套", "deep.docx": "嵌套"})


def build_special_files(folder: Path, outside: Path) -> Case:
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "elsewhere.txt").write_bytes(good_report(11))
    os.mkfifo(folder / "pipe.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    os.symlink(outside / "elsewhere.txt", folder / "link-out.txt")
    (folder / "real.txt").write_bytes(good_report(12))
    os.symlink(folder / "real.txt", folder / "link-in.txt")
    return Case({
        "pipe.txt": "不是普通文件",
        "zero.txt": "链接",
        "link-out.txt": "链接",
        "link-in.txt": "",
        "real.txt": "",
    })


def build_nested_zip(folder: Path) -> Case:
    """Archives inside archives: read to two levels, a bomb inside refused, a third level refused."""
    inner = _zip({"内层报告.txt": good_report(5)})
    deeper = _zip({"第三层.zip": _zip({"深层报告.txt": good_report(4)})})
    outer = {"inner.zip": inner, "bomb.zip": _member_bomb(), "second.zip": deeper, "外层报告.txt": good_report(6)}
    (folder / "outer.zip").write_bytes(_zip(outer))
    return Case({
        "outer.zip!inner.zip!内层报告.txt": "",
        "outer.zip!bomb.zip!正常报告.txt": "",
        "outer.zip!bomb.zip!炸弹.txt": "压缩比",
        "outer.zip!second.zip!第三层.zip": "嵌套超过",
        "outer.zip!外层报告.txt": "",
    })


def build_names(folder: Path) -> Case:
    gbk = "财政局报告".encode("gbk") + b".txt"
    with open(os.path.join(os.fsencode(folder), gbk), "wb") as handle:
        handle.write(good_report(8))
    return Case({"财政局报告.txt": ""})


def build_formulas(folder: Path) -> Case:
    report = good_report(9).decode("utf-8")
    first = report.splitlines()[0]
    unit = first[first.index("年度") + 2 : first.index("整体")]
    hostile = report.replace(unit, '=HYPERLINK("http://example.invalid","点此")')
    (folder / "formula-unit.txt").write_text(hostile, encoding="utf-8")
    (folder / "=1+2.txt").write_bytes(good_report(10))
    (folder / "@SUM(A1).txt").write_bytes(b"not a report at all")
    (folder / "-2+3.txt").write_bytes(good_report(4))
    return Case({
        "formula-unit.txt": "",
        "=1+2.txt": "",
        "@SUM(A1).txt": "未识别",
        "-2+3.txt": "",
    })


def build_broken_pdf(folder: Path) -> Case:
    (folder / "broken-xref.pdf").write_bytes(pdf_broken_xref())
    return Case({"broken-xref.pdf": "损坏"})


#: Every class built into one folder each (special files need a second, outside folder).
BUILDERS: dict[str, Callable[[Path], Case]] = {
    "zip_bomb": build_zip_bomb,
    "grids": build_grids,
    "nesting": build_nesting,
    "nested_zip": build_nested_zip,
    "names": build_names,
    "formulas": build_formulas,
    "broken_pdf": build_broken_pdf,
}


def build(folder: Path, name: str) -> Case:
    """Build class `name` into `folder`, with one good report beside it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_bytes(good_report())
    if name == "special_files":
        case = build_special_files(folder, folder.parent / f"{folder.name}-outside")
    else:
        case = BUILDERS[name](folder)
    case.files["good.txt"] = ""
    return case


def main(out: str) -> None:
    """Build every class under `out`."""
    for name in [*BUILDERS, "special_files"]:
        build(Path(out) / name, name)
        print(name)


if __name__ == "__main__":
    main(sys.argv[1])
