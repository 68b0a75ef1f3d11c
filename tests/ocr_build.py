"""Scanned fixtures for the OCR tests, built from our own made-up report.

``data/ocr/chengxi-water-2024.txt`` (an invented unit, invented figures) is written
as DOCX (`fixtures_build.write_docx`: bordered tables with merged cells), converted
to PDF by LibreOffice and rendered to page images at 150 and 300 dpi with pypdfium2.
Then the pages are made to look scanned:

- a red seal (ring, star, the unit's name along the arc) stamped over the indicator
  table, right on its scores, printed *under* nothing: black print stays black
  where the seal covers it (multiply blend), as with real ink;
- a signature in blue ink across the cell beside 单位负责人, over its ruling;
- sensor noise, a rotation of 1–2°, JPEG compression.

What is written (``build(outdir)``):

- ``chengxi-300.tif``: the pages at 300 dpi, a multi-page TIFF with JPEG compression;
- ``chengxi-150.pdf``: the pages at 150 dpi in greyscale, an image-only PDF;
- ``chengxi-mixed.pdf``: the first page with its text layer, the others scanned (300 dpi);
- ``chengxi-300-p2.jpg`` / ``.png``: the page with the seal alone, as JPEG and PNG;
- ``chengxi-form-300.jpg``, ``chengxi-form-150.pdf``: a made-up 项目支出绩效自评表 (a form of
  merged cells) stamped over its total score, at 300 dpi in colour and 150 dpi in grey.

The true records are ``data/ocr/chengxi-water-2024.json`` and ``chengxi-form-2024.json``. Run as a script to write
the fixtures to a folder and look at them: ``python tests/ocr_build.py OUT``.
"""

from __future__ import annotations

import io
import math
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures_build

DATA = Path(__file__).resolve().parent / "data" / "ocr"
REPORT = DATA / "chengxi-water-2024.txt"
TRUTH = DATA / "chengxi-water-2024.json"
FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
SEAL_RED = (214, 38, 46)
INK_BLUE = (28, 42, 128)


@dataclass(frozen=True)
class Scanner:
    """How a page is scanned: resolution, rotation, JPEG quality, colour."""

    dpi: int
    angle: float
    quality: int
    grey: bool = False
    seed: int = 0


def report_pdf(outdir: Path) -> Path:
    """The made-up report as a PDF with a text layer (DOCX by python-docx, PDF by LibreOffice)."""
    import docx
    from docx.shared import Cm

    outdir.mkdir(parents=True, exist_ok=True)
    path = fixtures_build.write_docx(fixtures_build.seed_blocks(REPORT), outdir / f"{REPORT.stem}.docx")
    document = docx.Document(str(path))
    for section in document.sections:
        section.top_margin = section.bottom_margin = Cm(1.6)
    document.save(str(path))
    return fixtures_build.soffice_convert([path], outdir, "pdf")[0]


def render(pdf: Path, dpi: int) -> list[Image.Image]:
    """Every page of `pdf` as an RGB image at `dpi`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def find_text(pdf: Path, text: str) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box in points from the top-left) of the first occurrence of `text`."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        for index, page in enumerate(document):
            textpage = page.get_textpage()
            found = textpage.search(text).get_next()
            if found:
                first, count = found
                boxes = [textpage.get_charbox(i) for i in range(first, first + count)]
                height = page.get_height()
                left, right = min(b[0] for b in boxes), max(b[2] for b in boxes)
                top, bottom = height - max(b[3] for b in boxes), height - min(b[1] for b in boxes)
                return index, (left, top, right, bottom)
    finally:
        document.close()
    raise LookupError(text)


def _arc_text(layer: Image.Image, center: tuple[float, float], radius: float, text: str, size: int) -> None:
    font = ImageFont.truetype(str(FONT), size)
    span = 220.0
    for i, char in enumerate(text):
        angle = -90 - span / 2 + span * (i + 0.5) / len(text)  # degrees, top of the circle at -90
        tile = Image.new("RGBA", (size * 2, size * 2), (0, 0, 0, 0))
        ImageDraw.Draw(tile).text((size / 2, size / 2), char, font=font, fill=(*SEAL_RED, 255))
        tile = tile.rotate(-(angle + 90), resample=Image.Resampling.BICUBIC)
        x = center[0] + radius * math.cos(math.radians(angle)) - size
        y = center[1] + radius * math.sin(math.radians(angle)) - size
        layer.alpha_composite(tile, (int(x), int(y)))


def seal_layer(size: tuple[int, int], center: tuple[float, float], dpi: int, name: str) -> Image.Image:
    """A transparent layer with a round red seal of 4 cm at `center`."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    r = 0.79 * dpi
    ring = 0.05 * dpi
    cx, cy = center
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=(*SEAL_RED, 255), width=int(ring))
    star = []
    for k in range(10):
        radius = 0.26 * dpi if k % 2 == 0 else 0.1 * dpi
        a = math.radians(-90 + 36 * k)
        star.append((cx + radius * math.cos(a), cy + radius * math.sin(a)))
    draw.polygon(star, fill=(*SEAL_RED, 255))
    _arc_text(layer, center, r - 0.22 * dpi, name, int(0.2 * dpi))
    font = ImageFont.truetype(str(FONT), int(0.16 * dpi))
    draw.text((cx, cy + 0.45 * dpi), "业务专用章", font=font, fill=(*SEAL_RED, 255), anchor="mm")
    return layer


def multiply(page: Image.Image, layer: Image.Image, strength: float, rng: random.Random) -> Image.Image:
    """`layer` printed onto `page` as ink: dark print stays dark under it."""
    import numpy as np

    base = np.asarray(page, dtype=np.float32) / 255
    ink = np.asarray(layer, dtype=np.float32) / 255
    noise = np.random.default_rng(rng.randrange(1 << 30)).uniform(0.75, 1.0, ink.shape[:2])
    alpha = ink[:, :, 3:4] * strength * noise[:, :, None]
    out = base * (1 - alpha * (1 - ink[:, :, :3]))
    return Image.fromarray((out * 255).clip(0, 255).astype(np.uint8), "RGB")


def signature_layer(size: tuple[int, int], box: tuple[float, float, float, float], dpi: int, rng: random.Random) -> Image.Image:
    """A scribbled signature in blue ink across `box` (pixels), running over its lower edge."""
    layer = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    x0, y0, x1, y1 = box
    points = []
    steps = 90
    for k in range(steps):
        t = k / (steps - 1)
        x = x0 + (x1 - x0) * (0.05 + 0.9 * t) + 0.08 * dpi * math.sin(t * 23)
        y = (y0 + y1) / 2 + 0.12 * dpi * math.sin(t * 17 + rng.random()) + (y1 - y0) * 0.6 * t
        points.append((x, y))
    draw.line(points, fill=(*INK_BLUE, 255), width=max(2, int(0.018 * dpi)), joint="curve")
    return layer


def scanned(page: Image.Image, scanner: Scanner) -> Image.Image:
    """`page` with sensor noise, rotated, and JPEG-compressed (greyscale if asked)."""
    import numpy as np

    rng = np.random.default_rng(scanner.seed)
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels + rng.normal(0, 7, pixels.shape)
    image = Image.fromarray(pixels.clip(0, 255).astype(np.uint8), "RGB")
    image = image.rotate(
        scanner.angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=(246, 246, 244)
    )
    if scanner.grey:
        image = image.convert("L")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=scanner.quality)
    return Image.open(io.BytesIO(buffer.getvalue()))


def scan_pages(pdf: Path, scanner: Scanner) -> list[Image.Image]:
    """The report's pages at the scanner's resolution, stamped, signed and scanned."""
    rng = random.Random(scanner.seed)
    pages = render(pdf, scanner.dpi)
    scale = scanner.dpi / 72
    seal_page, hit = find_text(pdf, "8.67")
    center = ((hit[0] + hit[2]) / 2 * scale, (hit[1] + hit[3]) / 2 * scale + 0.3 * scanner.dpi)
    name = "澄溪县水务技术服务中心"
    pages[seal_page] = multiply(
        pages[seal_page], seal_layer(pages[seal_page].size, center, scanner.dpi, name), 0.85, rng
    )
    sign_page, label = find_text(pdf, "单位负责人")
    width = (label[2] - label[0]) * scale
    box = (label[2] * scale + 0.15 * width, label[1] * scale - 0.2 * scanner.dpi,
           label[2] * scale + 1.9 * width, label[3] * scale + 0.05 * scanner.dpi)
    pages[sign_page] = multiply(
        pages[sign_page], signature_layer(pages[sign_page].size, box, scanner.dpi, rng), 0.95, rng
    )
    return [scanned(page, scanner) for page in pages]


def save_tiff(pages: list[Image.Image], path: Path, dpi: int) -> Path:
    """A multi-page TIFF with JPEG compression."""
    first, *rest = [p.convert("RGB") for p in pages]
    first.save(path, "TIFF", save_all=True, append_images=rest, compression="jpeg", quality=80, dpi=(dpi, dpi))
    return path


def image_pdf(pages: list[Image.Image], dpi: int) -> bytes:
    """An image-only PDF (no text layer) of `pages`, each a JPEG."""
    buffer = io.BytesIO()
    first, *rest = pages
    first.save(buffer, "PDF", save_all=True, append_images=rest, resolution=float(dpi))
    return buffer.getvalue()


def mixed_pdf(text_pdf: Path, scanned_pdf: bytes, path: Path) -> Path:
    """The first page of `text_pdf` (with its text layer), then the other pages scanned."""
    import pypdfium2

    text = pypdfium2.PdfDocument(str(text_pdf))
    scans = pypdfium2.PdfDocument(scanned_pdf)
    out = pypdfium2.PdfDocument.new()
    try:
        out.import_pages(text, [0])
        out.import_pages(scans, list(range(1, len(scans))))
        out.save(str(path))
    finally:
        for document in (out, scans, text):
            document.close()
    return path


#: A made-up 项目支出绩效自评表: ``<`` continues the cell on the left, ``^`` the cell above.
FORM_TITLE = "项目支出绩效自评表（2024年度）"
FORM: list[list[str]] = [
    ["项目名称", "农村饮水安全巡检", "<", "主管部门", "澄溪县水利局", "<", "实施单位", "澄溪县水务技术服务中心"],
    ["项目资金（万元）", "<", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "<", "86.4", "86.4", "83.05", "10", "96.12%", "9.61"],
    ["其中：本年财政拨款", "<", "80", "80", "77.65", "—", "—", "—"],
    ["上年结转资金", "<", "6.4", "6.4", "5.4", "—", "—", "—"],
    ["其他资金", "<", "", "", "", "—", "—", "—"],
    ["年度总体目标", "预期目标", "<", "<", "实际完成情况", "<", "<", "<"],
    ["^", "完成全县48座小型水库汛期巡查，水库安全运行率100%。", "<", "<",
     "完成巡查45次，全县水库安全度汛，无安全事故。", "<", "<", "<"],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "水库巡查次数", "≥48次", "45次", "20", "18.75", "汛期道路中断，三次巡查改为远程查看"],
    ["^", "质量指标", "隐患整改完成率", "≥90%", "95%", "15", "15", ""],
    ["^", "时效指标", "巡查报告报送及时率", "100%", "100%", "15", "15", ""],
    ["效益指标", "社会效益指标", "水库安全运行率", "100%", "100%", "20", "20", ""],
    ["满意度指标", "服务对象满意度指标", "沿库群众满意度", "≥90%", "92%", "20", "20", ""],
    ["总分", "<", "<", "<", "<", "100", "98.36", "<"],
]
FORM_TRUTH = DATA / "chengxi-form-2024.json"


def form_spans(grid: list[list[str]]) -> list[tuple[int, int, str, int, int]]:
    """Every cell of a form grid as (row, col, text, rowspan, colspan)."""
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in ("<", "^"):
                continue
            colspan = 1
            while c + colspan < len(row) and row[c + colspan] == "<":
                colspan += 1
            rowspan = 1
            while r + rowspan < len(grid) and grid[r + rowspan][c] == "^":
                rowspan += 1
            out.append((r, c, text, rowspan, colspan))
    return out


def form_pdf(outdir: Path) -> Path:
    """The form as a PDF: a Word table with real merges, then who fills it in (for the seal)."""
    import docx
    from docx.shared import Cm

    outdir.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    for section in document.sections:
        section.left_margin = section.right_margin = Cm(1.5)
    document.add_paragraph(FORM_TITLE)
    table = document.add_table(rows=len(FORM), cols=len(FORM[0]))
    table.style = "Table Grid"
    for r, c, text, rowspan, colspan in form_spans(FORM):
        cell = table.cell(r, c)
        if rowspan > 1 or colspan > 1:
            cell = cell.merge(table.cell(r + rowspan - 1, c + colspan - 1))
        cell.text = text
    document.add_paragraph("")
    document.add_paragraph("填报单位（盖章）：澄溪县水务技术服务中心        填报日期：2025年3月14日")
    path = outdir / "chengxi-form-2024.docx"
    document.save(str(path))
    return fixtures_build.soffice_convert([path], outdir, "pdf")[0]


def scan_form(pdf: Path, scanner: Scanner) -> Image.Image:
    """The form's page stamped over its total score and the filler's name, and scanned."""
    rng = random.Random(scanner.seed)
    page = render(pdf, scanner.dpi)[0]
    scale = scanner.dpi / 72
    _, hit = find_text(pdf, "98.36")
    center = ((hit[0] + hit[2]) / 2 * scale - 0.2 * scanner.dpi, (hit[1] + hit[3]) / 2 * scale + 0.35 * scanner.dpi)
    page = multiply(page, seal_layer(page.size, center, scanner.dpi, "澄溪县水务技术服务中心"), 0.85, rng)
    return scanned(page, scanner)


#: Two lines of a small page for quick OCR tests.
LINES = ("2024年全年支出771.08万元，", "其中基本支出526.35万元。")


def small_page(lines: tuple[str, ...] = LINES, dpi: int = 200) -> Image.Image:
    """`lines` printed on a small greyscale page (4.6 × 1.2 inch for two lines)."""
    page = Image.new("L", (int(4.6 * dpi), int((0.5 + 0.35 * len(lines)) * dpi)), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT.with_name("NotoSerifCJK-Regular.ttc")), int(0.15 * dpi))
    for i, line in enumerate(lines):
        draw.text((0.2 * dpi, (0.2 + 0.35 * i) * dpi), line, font=font, fill=0)
    return page


def encoded(page: Image.Image, fmt: str, **options: object) -> bytes:
    """`page` saved in `fmt` (PNG, JPEG, TIFF, PDF…) with Pillow's `options`."""
    buffer = io.BytesIO()
    page.save(buffer, fmt, **options)
    return buffer.getvalue()


SCANNER_300 = Scanner(dpi=300, angle=1.6, quality=72, seed=3)
SCANNER_150 = Scanner(dpi=150, angle=-1.2, quality=70, grey=True, seed=5)
FORM_300 = Scanner(dpi=300, angle=-1.8, quality=70, seed=7)
FORM_150 = Scanner(dpi=150, angle=1.1, quality=65, grey=True, seed=9)


def build(outdir: Path) -> dict[str, Path]:
    """Write every scanned fixture under `outdir` (see the module docstring)."""
    outdir.mkdir(parents=True, exist_ok=True)
    pdf = report_pdf(outdir / "source")
    high = scan_pages(pdf, SCANNER_300)
    low = scan_pages(pdf, SCANNER_150)
    out = {
        "text-pdf": pdf,
        "tiff-300": save_tiff(high, outdir / "chengxi-300.tif", 300),
        "pdf-150": outdir / "chengxi-150.pdf",
        "mixed": outdir / "chengxi-mixed.pdf",
        "jpg-300": outdir / "chengxi-300-p2.jpg",
        "png-300": outdir / "chengxi-300-p2.png",
    }
    out["pdf-150"].write_bytes(image_pdf(low, 150))
    mixed_pdf(pdf, image_pdf(high, 300), out["mixed"])
    seal_page = find_text(pdf, "8.67")[0]
    high[seal_page].save(out["jpg-300"], "JPEG", quality=85, dpi=(300, 300))
    high[seal_page].save(out["png-300"], "PNG", dpi=(300, 300))
    form = form_pdf(outdir / "source")
    out["form-300"] = outdir / "chengxi-form-300.jpg"
    scan_form(form, FORM_300).convert("RGB").save(out["form-300"], "JPEG", quality=75, dpi=(300, 300))
    out["form-150"] = outdir / "chengxi-form-150.pdf"
    out["form-150"].write_bytes(image_pdf([scan_form(form, FORM_150)], 150))
    return out


if __name__ == "__main__":
    for kind, path in build(Path(sys.argv[1] if len(sys.argv) > 1 else "ocr-fixtures")).items():
        print(f"{kind:10} {path}")
