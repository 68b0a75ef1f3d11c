"""Tests of the PDF reader, on PDFs made by LibreOffice from small made-up DOCX files."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pypdfium2
import pytest
from PIL import Image

from fixtures_build import soffice_convert
from jixiao.errors import UnreadableDocumentError
from jixiao.model.document import Block, Document, Position
from jixiao.readers import pdf as pdf_reader
from jixiao.readers.pdf import read

LONG = "本部门认真落实预算绩效管理要求，" * 12


@pytest.fixture(scope="module")
def report_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Two pages: paragraphs, a bordered table with merges, and a long wrapped paragraph."""
    folder = tmp_path_factory.mktemp("pdf")
    doc = docx.Document()
    doc.add_paragraph("一、部门概况")
    doc.add_paragraph(LONG)
    table = doc.add_table(rows=3, cols=3)
    table.style = "Table Grid"
    table.cell(0, 0).text = "一级指标"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "指标值"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "产出指标"
    table.cell(1, 1).text = "数量"
    table.cell(1, 2).text = "1304.57"
    table.cell(2, 1).text = "质量"
    table.cell(2, 2).text = "100%"
    doc.add_page_break()
    doc.add_paragraph("二、第二页的段落")
    source = folder / "r.docx"
    doc.save(str(source))
    return soffice_convert([source], folder, "pdf")[0].read_bytes()


def test_paragraphs_and_wrapped_lines(report_pdf: bytes) -> None:
    doc = read(report_pdf, name="r.pdf")
    texts = [b.text for b in doc.blocks if b.kind != "table"]
    assert texts[0] == "一、部门概况"
    assert texts[1] == LONG
    assert texts[-1] == "二、第二页的段落"
    assert doc.blocks[-1].position.page == 2


def test_table_in_reading_order_with_spans(report_pdf: bytes) -> None:
    doc = read(report_pdf, name="r.pdf")
    assert [b.kind for b in doc.blocks] == ["heading", "paragraph", "table", "heading"]
    index, table = doc.tables()[0]
    cells = {(c.row, c.col): (c.text, c.rowspan, c.colspan) for c in table.cells}
    assert cells[(0, 1)] == ("指标值", 1, 2)
    assert cells[(1, 0)] == ("产出指标", 2, 1)
    assert cells[(1, 2)] == ("1304.57", 1, 1)
    assert doc.blocks[index].position.page == 1


def test_scanned_pdf_asks_for_ocr() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF")
    with pytest.raises(UnreadableDocumentError, match=r"s.pdf.*扫描件.*OCR"):
        read(buffer.getvalue(), name="s.pdf")


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"n.pdf.*不是有效的 PDF"):
        read(b"plain text", name="n.pdf")


def test_broken_pdf_is_refused() -> None:
    with pytest.raises(UnreadableDocumentError, match=r"b.pdf"):
        read(b"%PDF-1.7\n garbage", name="b.pdf")


def test_encrypted_pdf_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "e.docx"
    doc = docx.Document()
    doc.add_paragraph("机密")
    doc.save(str(source))
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"secret"}}'
    )
    pdf = soffice_convert([source], tmp_path, options)[0]
    with pytest.raises(UnreadableDocumentError, match=r"e.pdf.*加密"):
        read(pdf.read_bytes(), name="e.pdf")


def _rotated(pdf: bytes) -> bytes:
    """`pdf` with every page drawn sideways and marked /Rotate 90, so it shows upright."""
    source = pypdfium2.PdfDocument(pdf)
    target = pypdfium2.PdfDocument.new()
    for i in range(len(source)):
        width, height = source[i].get_size()
        form = source.page_as_xobject(i, target).as_pageobject()
        form.transform(pypdfium2.PdfMatrix(0, 1, -1, 0, height, 0))
        page = target.new_page(height, width)
        page.insert_obj(form)
        page.gen_content()
        page.set_rotation(90)
    buffer = io.BytesIO()
    target.save(buffer)
    return buffer.getvalue()


def _content(doc: Document) -> list[object]:
    return [(b.kind, b.text, b.table and b.table.text_grid()) for b in doc.blocks]


def test_rotated_pages_read_as_displayed(report_pdf: bytes) -> None:
    upright = read(report_pdf, name="r.pdf")
    assert _content(read(_rotated(report_pdf), name="r.pdf")) == _content(upright)


def test_scanned_pages_go_through_the_ocr_hook(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 280), "white").save(buffer, "PDF")
    seen: list[list[int]] = []

    def recognise(data: bytes, numbers: list[int]) -> dict[int, list[Block]]:
        seen.append(numbers)
        return {1: [Block("paragraph", "识别出的文字", position=Position(page=1))]}

    monkeypatch.setattr(pdf_reader, "_ocr_pages", recognise)
    doc = read(buffer.getvalue(), name="s.pdf")
    assert seen == [[1]]
    assert [b.text for b in doc.blocks] == ["识别出的文字"]


def test_truncated_pdf_is_named_as_such(report_pdf: bytes) -> None:
    with pytest.raises(UnreadableDocumentError, match=r"t.pdf.*不完整") as caught:
        read(report_pdf[: len(report_pdf) // 2], name="t.pdf")
    assert "扫描" not in str(caught.value)


def test_broken_cross_reference_is_rebuilt(report_pdf: bytes) -> None:
    broken = re.sub(rb"startxref\s+\d+", b"startxref\n999999", report_pdf)
    assert _content(read(broken, name="x.pdf")) == _content(read(report_pdf, name="x.pdf"))


def test_empty_page_without_images_is_not_called_a_scan() -> None:
    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    with pytest.raises(UnreadableDocumentError, match=r"e.pdf.*没有可读取的文字") as caught:
        read(buffer.getvalue(), name="e.pdf")
    assert "扫描" not in str(caught.value)
