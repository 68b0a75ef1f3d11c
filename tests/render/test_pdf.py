"""PDF through LibreOffice: it converts, page 1 renders, and a CJK font is embedded."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from jixiao.model.record import Record
from jixiao.render import render
from jixiao.render.narrative import Narrative
from jixiao.render.pdf import ConversionError, docx_to_pdf, fontconfig_text


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jixiao.render.narrative import load_bundle

    record, narrative = load_bundle(
        Path(__file__).resolve().parents[1] / "data" / "render" / "sample.json"
    )
    path = tmp_path_factory.mktemp("pdf") / "report.pdf"
    path.write_bytes(render(record, narrative, "pdf"))
    return path


def _embedded_fonts(path: Path) -> list[tuple[str, str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()[2:] if line.strip()]
    return [(row[0], row[-5]) for row in rows]  # (name, emb)


def test_pdf_embeds_a_cjk_font(pdf_file: Path) -> None:
    assert pdf_file.read_bytes().startswith(b"%PDF")
    fonts = _embedded_fonts(pdf_file)
    assert fonts and all(emb == "yes" for _, emb in fonts)
    assert any("CJK" in name or "Song" in name or "Hei" in name for name, _ in fonts)


def test_page_one_renders_to_png(pdf_file: Path, tmp_path: Path) -> None:
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf_file), str(tmp_path / "p")],
        check=True,
    )
    pngs = list(tmp_path.glob("p*.png"))
    assert len(pngs) == 1 and pngs[0].read_bytes().startswith(b"\x89PNG")
    assert pngs[0].stat().st_size > 5000  # a page with text, not a blank one


def test_pdf_has_the_report_text(pdf_file: Path) -> None:
    out = subprocess.run(
        ["pdftotext", str(pdf_file), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = "".join(out.split())
    assert "一、部门基本情况" in text and "本部门编制数18人" in text
    assert "—1—" in text and "—6—" in text


def test_fontconfig_maps_gb_fonts() -> None:
    conf = fontconfig_text()
    assert "<family>仿宋_GB2312</family>" in conf and "Noto Serif CJK SC" in conf


def test_a_conversion_over_time_is_stopped() -> None:
    with pytest.raises(ConversionError, match="超时"):
        docx_to_pdf(b"not a docx at all", timeout=0.01)


def test_empty_record_converts_too() -> None:
    assert render(Record(), Narrative(), "pdf")[:4] == b"%PDF"


def test_no_page_is_blank(pdf_file: Path) -> None:
    """Sections start new pages without an empty page before 附件1 or 附件2."""
    pages = int(next(
        line.split()[-1]
        for line in subprocess.run(["pdfinfo", str(pdf_file)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages")
    ))
    texts = [
        subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(pdf_file), "-"],
                       capture_output=True, text=True, check=True).stdout
        for n in range(1, pages + 1)
    ]
    bodies = ["".join(t.split()).strip("—0123456789") for t in texts]
    assert all(bodies), [n + 1 for n, b in enumerate(bodies) if not b]
    assert "".join(texts[-1].split()).startswith("附件2")
