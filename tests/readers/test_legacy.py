"""Tests of the .doc/.wps reader (LibreOffice conversion)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from fixtures_build import soffice_convert
from jixiao.errors import UnreadableDocumentError
from jixiao.readers import legacy, read_path


@pytest.fixture(scope="module")
def doc_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .doc made by LibreOffice from a small made-up DOCX."""
    folder = tmp_path_factory.mktemp("doc")
    doc = docx.Document()
    doc.add_heading("一、部门概况", level=1)
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "编制人数"
    table.cell(0, 1).text = "36"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "合并行"
    doc.add_paragraph("表后段落")
    source = folder / "r.docx"
    doc.save(str(source))
    return soffice_convert([source], folder, "doc")[0]


def test_doc_is_converted_and_read(doc_file: Path) -> None:
    doc = read_path(doc_file)
    assert doc.format == "doc"
    assert [(b.kind, b.level, b.text) for b in doc.blocks[:1]] == [("heading", 1, "一、部门概况")]
    table = doc.tables()[0][1]
    assert table.text_grid() == [["编制人数", "36"], ["合并行", "合并行"]]


def test_wps_extension_is_read_the_same_way(doc_file: Path, tmp_path: Path) -> None:
    wps = tmp_path / "r.wps"
    wps.write_bytes(doc_file.read_bytes())
    assert read_path(wps).tables()[0][1].text_grid()[0] == ["编制人数", "36"]


def test_missing_libreoffice_is_explained(doc_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(UnreadableDocumentError, match=r"r.doc.*需要安装 LibreOffice"):
        legacy.read(doc_file.read_bytes(), name="r.doc")


def test_conversion_timeout_is_reported(doc_file: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match=r"r.doc.*转换超时"):
        legacy.convert_to_docx(doc_file.read_bytes(), name="r.doc", seconds=0.01)


def test_docx_with_doc_extension_is_read_directly(tmp_path: Path) -> None:
    doc = docx.Document()
    doc.add_paragraph("其实是 docx")
    path = tmp_path / "x.doc"
    doc.save(str(path))
    assert read_path(path).blocks[0].text == "其实是 docx"
