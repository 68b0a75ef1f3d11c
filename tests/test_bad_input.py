"""Bad input: every unreadable file gives one clear Chinese message naming the file."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from PIL import Image

from fixtures_build import soffice_convert
from jixiao.errors import UnreadableDocumentError
from jixiao.readers import read_path


def _refusal(path: Path) -> str:
    with pytest.raises(UnreadableDocumentError) as caught:
        read_path(path)
    message = str(caught.value)
    assert str(path) in message
    return message


def _docx_bytes() -> bytes:
    doc = docx.Document()
    for n in range(40):
        doc.add_paragraph(f"第{n}段：本部门认真落实预算绩效管理要求。")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".docx", ".txt", ".pdf", ".html", ".xlsx", ".doc"])
def test_empty_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    assert "为空" in _refusal(path)


def test_random_bytes_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "random.docx"
    path.write_bytes(os.urandom(4096))
    assert "不是有效的 Word" in _refusal(path)


def test_truncated_docx(tmp_path: Path) -> None:
    data = _docx_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(data[: len(data) * 2 // 3])
    assert "不完整或已损坏" in _refusal(path)


def test_encrypted_pdf(tmp_path: Path) -> None:
    source = tmp_path / "secret.docx"
    source.write_bytes(_docx_bytes())
    options = (
        'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
        '"DocumentOpenPassword":{"type":"string","value":"pw"}}'
    )
    pdf = soffice_convert([source], tmp_path, options)[0]
    assert "加密" in _refusal(pdf)


def test_scanned_pdf(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    Image.new("L", (300, 400), 255).save(path, "PDF")
    message = _refusal(path)
    assert "扫描件" in message and "OCR" in message


def test_gbk_text_report_is_read(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes("部门整体支出绩效自评报告\n\t编制人数\n\t36\n".encode("gbk"))
    doc = read_path(path)
    assert doc.blocks[0].text == "部门整体支出绩效自评报告"
    assert doc.tables()[0][1].text_grid() == [["编制人数", "36"]]


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.docx"
    with path.open("wb") as handle:
        handle.truncate(200 * 1024 * 1024)  # sparse: no disk space, never read
    message = _refusal(path)
    assert "文件过大" in message and "200 MB" in message


def test_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.pages"
    path.write_bytes(b"anything")
    assert "不支持的文件格式" in _refusal(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "无法打开" in _refusal(tmp_path / "absent.docx")
