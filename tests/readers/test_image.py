"""Image reader: PNG, JPEG and TIFF pages through OCR, any orientation; clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from jixiao.errors import UnreadableDocumentError
from jixiao.extract import extract
from jixiao.readers import image, ocr, read_bytes, read_path
from jixiao.readers.pdf import read as read_pdf
from ocr_build import FONT, LINES, encoded, small_page


def _text(name: str, data: bytes) -> str:
    document = read_bytes(data, name=name)
    assert document.format == "image" and document.ocr_pages
    return "".join(b.text for b in document.blocks)


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_page_is_read_in_any_orientation(turn: int) -> None:
    data = encoded(small_page().rotate(turn, expand=True), "PNG", dpi=(200, 200))
    assert _text("page.png", data) == "".join(LINES)


def test_jpeg_with_exif_orientation_and_tiff_pages() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # stored turned; a viewer turns it back by 90° clockwise
    stored = small_page().rotate(90, expand=True)
    assert _text("photo.jpg", encoded(stored.convert("RGB"), "JPEG", quality=90, exif=exif)) == "".join(LINES)
    pages = [small_page(), small_page(("全年预算786.32万元。",)).rotate(180)]
    data = encoded(pages[0], "TIFF", save_all=True, append_images=pages[1:], compression="tiff_lzw")
    document = read_bytes(data, name="two.tiff")
    assert document.ocr_pages == (1, 2)
    assert [b.text for b in document.blocks if b.position.page == 2] == ["全年预算786.32万元。"]


def test_blank_scan_says_nothing_was_recognised() -> None:
    blank = Image.new("L", (800, 600), 250)
    with pytest.raises(UnreadableDocumentError, match=r"blank.png.*未识别出任何文字"):
        read_bytes(encoded(blank, "PNG"), name="blank.png")


def test_broken_or_mislabelled_images_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableDocumentError, match=r"a.jpg.*不是有效的图片"):
        read_bytes("不是图片".encode(), name="a.jpg")
    png = encoded(small_page(), "PNG")
    with pytest.raises(UnreadableDocumentError, match=r"cut.png.*图片文件已损坏"):
        read_bytes(png[: len(png) // 3], name="cut.png")
    path = tmp_path / "扫描件.tif"
    path.write_bytes(b"II*\x00" + b"\x00" * 64)
    with pytest.raises(UnreadableDocumentError, match=r"扫描件\.tif"):
        read_path(path)


def test_without_the_ocr_extra_scans_get_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(UnreadableDocumentError, match=r"p.png.*jixiao\[ocr\]"):
        image.read(encoded(small_page(), "PNG"), name="p.png")
    scan = encoded(small_page().convert("RGB"), "PDF")
    with pytest.raises(UnreadableDocumentError, match=r"s.pdf.*扫描件.*jixiao\[ocr\]"):
        read_pdf(scan, name="s.pdf")


def test_table_without_rulings_reaches_extraction_through_recovery() -> None:
    rows = [
        ["项目名称", "全年预算数", "全年支出数"],
        ["农村供水水质检测经费", "118.50", "113.26"],
        ["小型水库安全巡查经费", "86.40", "83.05"],
    ]
    dpi = 200
    page = Image.new("L", (int(7 * dpi), int(2.2 * dpi)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT.with_name("NotoSerifCJK-Regular.ttc")), int(0.15 * dpi))
    draw.text((0.3 * dpi, 0.2 * dpi), "三、项目支出情况", font=font, fill=0)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text(((0.3 + (0, 2.9, 4.6)[c]) * dpi, (0.6 + 0.4 * r) * dpi), text, font=font, fill=0)
    document = read_bytes(encoded(page, "PNG", dpi=(dpi, dpi)), name="无线表格.png")
    assert all(b.table is None for b in document.blocks)  # no rulings: laid-out lines
    projects = extract(document).record.projects
    assert [(p.name, str(p.budget), str(p.actual)) for p in projects] == [
        ("农村供水水质检测经费", "118.50", "113.26"),
        ("小型水库安全巡查经费", "86.40", "83.05"),
    ]
