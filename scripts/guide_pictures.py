"""Make the pictures of docs/用户指南.md: ``.venv/bin/python scripts/guide_pictures.py``.

Every picture is of an output of jixiao on the invented sample (tests/data/render/sample.json)
or the bundled examples: pages of the report, the 审核意见 and the fill-in workbook as
LibreOffice prints them (soffice → PDF → pdftoppm), and summary.html as Chromium shows it.
Pictures are small PNGs (palette colours, about 60 dpi). Needs soffice, pdftoppm and,
for the summary, chromium.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "images"
SAMPLE = ROOT / "tests" / "data" / "render" / "sample.json"


def _run(*args: str) -> None:
    subprocess.run(args, check=True, capture_output=True, timeout=300)


def _pdf(source: Path, work: Path) -> Path:
    _run("soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(work), str(source))
    return work / f"{source.stem}.pdf"


def _page(pdf: Path, page: int, target: str, dpi: int = 60) -> None:
    prefix = pdf.with_suffix("")
    _run("pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(prefix))
    _save(Image.open(prefix.with_suffix(".png")), target)


def _save(image: Image.Image, target: str) -> None:
    small = image.convert("RGB").quantize(colors=64)
    small.save(OUT / target, optimize=True)
    print(f"{OUT / target}: {(OUT / target).stat().st_size // 1024} KB")


def _flawed(work: Path) -> Path:
    """The sample's report with one figure changed, as a unit might send it."""
    from jixiao.render import load_bundle, render

    record, narrative = load_bundle(SAMPLE)
    document = docx.Document(io.BytesIO(render(record, narrative)))
    cell = document.tables[3].cell(2, 3)
    cell.paragraphs[0].runs[0].text = "622.40"
    path = work / "甲单位报告.docx"
    document.save(str(path))
    return path


def _cli(*args: str) -> None:
    _run(str(ROOT / ".venv" / "bin" / "jixiao"), *args)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="jixiao-guide-") as tmp:
        work = Path(tmp)
        _cli("render", str(SAMPLE), "--to", "docx", "--out", str(work / "报告.docx"))
        report = _pdf(work / "报告.docx", work)
        _page(report, 1, "report-page1.png")
        pages = int(next(line.split()[-1] for line in subprocess.run(
            ["pdfinfo", str(report)], capture_output=True, text=True, check=True).stdout.splitlines()
            if line.startswith("Pages")))
        _page(report, pages, "report-self-table.png")
        flawed = _flawed(work)
        _cli("render", str(flawed), "--reviewed", "--reviewer", "某县财政局", "--out", str(work / "审核意见.docx"))
        _page(_pdf(work / "审核意见.docx", work), 1, "opinion-page1.png")
        _cli("render", str(SAMPLE), "--to", "xlsx", "--out", str(work / "填报表.xlsx"))
        _page(_pdf(work / "填报表.xlsx", work), 1, "workbook-page1.png")
        _cli("review", str(ROOT / "examples"), str(flawed), "--out", str(work / "审核结果"), "--jobs", "0", "--quiet")
        chromium = shutil.which("chromium") or shutil.which("chromium-browser")
        if chromium is None:
            print("chromium not found: summary picture skipped", file=sys.stderr)
            return
        shot = work / "summary.png"
        _run(chromium, "--headless", "--no-sandbox", "--disable-gpu", f"--screenshot={shot}",
             "--window-size=1100,1500", (work / "审核结果" / "summary.html").as_uri())
        image = Image.open(shot)
        _save(image.resize((image.width * 2 // 3, image.height * 2 // 3)), "summary.png")


if __name__ == "__main__":
    main()
