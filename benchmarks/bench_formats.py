"""Cost of jixiao per input format against the cost of merely opening the container.

For each format (TXT, DOCX, HTML, PDF, XLSX) the same five reports are timed, in one
run and interleaved round by round, at four depths:

- floor: the least work that gets the text out of the container — plain decode
  (TXT), zip + lxml parse + text (DOCX), lxml.html parse + text (HTML), PDFium page
  text (PDF), python-calamine values of every sheet (XLSX);
- read: ``jixiao.readers.read_bytes`` (the neutral document);
- extract: read + extract (``jixiao.pipeline.load_bytes``);
- full: read, extract, score and review (``jixiao.pipeline.evaluate_bytes``).

Printed: milliseconds per document (median over the rounds) and each depth as a
multiple of the floor. Then the scaling curve: one report made 1x, 4x, 16x and 64x
its size (its blocks repeated), read and run through the full pipeline.

The reports are the five seeds (``../shared/seeds``) written in each format by
``tests/fixtures_build.py`` (PDF through LibreOffice), or, without the shared
material, five synthetic reports (``jixiao.synth``) written the same way.

    .venv/bin/python benchmarks/bench_formats.py [--rounds 7] [--formats txt,docx,...]
                                                  [--no-scaling] [--scales 1,4,16,64]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fresh import clear_text_caches

import fixtures_build
from jixiao.model.document import Block
from jixiao.readers import read_bytes
from jixiao.readers.text import read as read_text

FORMATS = ("txt", "docx", "html", "pdf", "xlsx")
Work = Callable[[bytes, str], object]


# -- floors ---------------------------------------------------------------------


def floor_txt(data: bytes, name: str) -> object:
    return data.decode("utf-8", "replace")


def floor_docx(data: bytes, name: str) -> object:
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return "".join(root.itertext())


def floor_html(data: bytes, name: str) -> object:
    import lxml.html

    return lxml.html.document_fromstring(data).text_content()


def floor_pdf(data: bytes, name: str) -> object:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    texts = []
    for i in range(len(pdf)):
        page = pdf[i]
        textpage = page.get_textpage()
        texts.append(textpage.get_text_range())
        textpage.close()
        page.close()
    pdf.close()
    return texts


def floor_xlsx(data: bytes, name: str) -> object:
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = [book.get_sheet_by_name(n).to_python() for n in book.sheet_names]
    book.close()
    return rows


FLOORS: dict[str, Work] = {
    "txt": floor_txt,
    "docx": floor_docx,
    "html": floor_html,
    "pdf": floor_pdf,
    "xlsx": floor_xlsx,
}
FLOOR_NAMES = {
    "txt": "plain decode",
    "docx": "zip + lxml",
    "html": "lxml.html",
    "pdf": "pypdfium2 text",
    "xlsx": "python-calamine",
}


# -- jixiao ---------------------------------------------------------------------


def jixiao_read(data: bytes, name: str) -> object:
    return read_bytes(data, name=name)


def jixiao_extract(data: bytes, name: str) -> object:
    from jixiao.pipeline import load_bytes

    return load_bytes(data, name=name)


def jixiao_full(data: bytes, name: str) -> object:
    """Read, extract, score and review, through the project's one pipeline."""
    from jixiao import pipeline

    evaluate = getattr(pipeline, "evaluate_bytes", None)
    if evaluate is not None:
        return evaluate(data, name=name)
    from jixiao.batch.stages import check_stage, score_stage  # before pipeline.evaluate

    extraction = pipeline.load_bytes(data, name=name)
    return score_stage(extraction, None), check_stage(extraction, None)


DEPTHS: tuple[tuple[str, Work | None], ...] = (
    ("floor", None),
    ("read", jixiao_read),
    ("extract", jixiao_extract),
    ("full", jixiao_full),
)


# -- fixtures -------------------------------------------------------------------


def report_blocks() -> list[tuple[str, list[Block]]]:
    """(stem, blocks) of the five reports: the seeds, else five synthetic reports."""
    seeds = fixtures_build.seed_paths()
    if seeds:
        return [(p.stem, fixtures_build.seed_blocks(p)) for p in seeds]
    from jixiao.synth import make_document

    out = []
    for i in range(5):
        doc = make_document(i, seed=2024)
        out.append((f"synth-{i}", list(read_text(doc.data, name=doc.name).blocks)))
    return out


def write_all(
    reports: list[tuple[str, list[Block]]], folder: Path, formats: tuple[str, ...]
) -> dict[str, list[Path]]:
    """Every report in each format under `folder`/<fmt>/."""
    out: dict[str, list[Path]] = {fmt: [] for fmt in formats}
    docx_for_pdf: list[Path] = []
    for fmt in formats:
        (folder / fmt).mkdir(parents=True, exist_ok=True)
    for stem, blocks in reports:
        if "txt" in formats:
            path = folder / "txt" / f"{stem}.txt"
            path.write_text(_as_text(blocks), encoding="utf-8")
            out["txt"].append(path)
        if "docx" in formats or "pdf" in formats:
            (folder / "docx").mkdir(exist_ok=True)
            path = fixtures_build.write_docx(blocks, folder / "docx" / f"{stem}.docx")
            docx_for_pdf.append(path)
            if "docx" in formats:
                out["docx"].append(path)
        if "html" in formats:
            out["html"].append(fixtures_build.write_html(blocks, folder / "html" / f"{stem}.html"))
        if "xlsx" in formats:
            out["xlsx"].append(fixtures_build.write_xlsx(blocks, folder / "xlsx" / f"{stem}.xlsx"))
    if "pdf" in formats:
        out["pdf"] = fixtures_build.soffice_convert(docx_for_pdf, folder / "pdf", "pdf")
    return out


def _as_text(blocks: list[Block]) -> str:
    """Blocks in the seeds' text layout: cells as tab-led lines, a blank line after a row."""
    lines: list[str] = []
    for block in blocks:
        if block.table is None:
            lines.append(block.text)
            continue
        for row in block.table.rows():
            lines.extend("\t" + cell.text.replace("\n", " ") for cell in row)
            lines.append("")
    return "\n".join(lines) + "\n"


# -- timing ---------------------------------------------------------------------


def _mean_ms(docs: list[tuple[bytes, str]], work: Work) -> float:
    clear_text_caches()  # each pass meets its documents as new (benchmarks/fresh.py)
    start = time.perf_counter()
    for data, name in docs:
        work(data, name)
    return (time.perf_counter() - start) * 1000 / len(docs)


def _safe(work: Work) -> Work:
    def run(data: bytes, name: str) -> object:
        try:
            return work(data, name)
        except Exception as exc:  # a failure must not hide the other figures
            return exc

    return run


def time_formats(files: dict[str, list[Path]], rounds: int) -> dict[str, dict[str, float]]:
    """Median ms/doc per format and depth, rounds interleaved across formats and depths."""
    docs = {fmt: [(p.read_bytes(), p.name) for p in paths] for fmt, paths in files.items()}
    works = {fmt: {depth: _safe(work or FLOORS[fmt]) for depth, work in DEPTHS} for fmt in docs}
    for fmt, by_depth in works.items():  # warm-up: imports, caches
        for work in by_depth.values():
            _mean_ms(docs[fmt], work)
    samples: dict[str, dict[str, list[float]]] = {
        fmt: {depth: [] for depth, _ in DEPTHS} for fmt in docs
    }
    for _ in range(rounds):
        for fmt, by_depth in works.items():
            for depth, work in by_depth.items():
                samples[fmt][depth].append(_mean_ms(docs[fmt], work))
    return {
        fmt: {depth: statistics.median(values) for depth, values in by_depth.items()}
        for fmt, by_depth in samples.items()
    }


def print_formats(results: dict[str, dict[str, float]], counts: dict[str, int]) -> None:
    print(
        f"{'format':<6} {'docs':>4} {'floor':>16} {'floor ms':>9} {'read ms':>8} "
        f"{'extract ms':>10} {'full ms':>8} | {'read x':>6} {'extract x':>9} {'full x':>6}"
    )
    for fmt, r in results.items():
        floor = max(r["floor"], 1e-6)
        print(
            f"{fmt:<6} {counts[fmt]:>4} {FLOOR_NAMES[fmt]:>16} {r['floor']:>9.2f} {r['read']:>8.2f} "
            f"{r['extract']:>10.2f} {r['full']:>8.2f} | {r['read'] / floor:>6.1f} "
            f"{r['extract'] / floor:>9.1f} {r['full'] / floor:>6.1f}"
        )


def scaling(
    reports: list[tuple[str, list[Block]]],
    formats: tuple[str, ...],
    scales: list[int],
    folder: Path,
    rounds: int,
) -> None:
    """Read and full pipeline of one report repeated `scale` times, per format."""
    ordered = sorted(reports, key=lambda r: len(r[1]))
    stem, blocks = ordered[len(ordered) // 2]
    print(f"\nscaling: report {stem} ({len(blocks)} blocks) repeated; ms per document")
    print(
        f"{'format':<6} {'scale':>5} {'size KB':>8} {'floor ms':>9} {'read ms':>8} {'full ms':>9} {'full ms/x':>9}"
    )
    for scale in scales:
        files = write_all([(f"{stem}-x{scale}", blocks * scale)], folder / f"x{scale}", formats)
        for fmt in formats:
            path = files[fmt][0]
            doc = [(path.read_bytes(), path.name)]
            times = {}
            for depth, work in (
                ("floor", FLOORS[fmt]),
                ("read", jixiao_read),
                ("full", jixiao_full),
            ):
                run = _safe(work)
                _mean_ms(doc, run)
                times[depth] = statistics.median(
                    _mean_ms(doc, run) for _ in range(max(1, rounds // scale))
                )
            print(
                f"{fmt:<6} {scale:>5} {len(doc[0][0]) / 1024:>8.0f} {times['floor']:>9.1f} "
                f"{times['read']:>8.1f} {times['full']:>9.1f} {times['full'] / scale:>9.2f}",
                flush=True,
            )


def main() -> None:
    """Build the fixtures, time every format, print the tables."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--scales", default="1,4,16,64")
    parser.add_argument("--no-scaling", action="store_true")
    args = parser.parse_args()
    formats = tuple(f for f in args.formats.split(",") if f)
    reports = report_blocks()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-") as work:
        files = write_all(reports, Path(work) / "formats", formats)
        results = time_formats(files, args.rounds)
        print_formats(results, {fmt: len(paths) for fmt, paths in files.items()})
        if not args.no_scaling:
            scales = [int(s) for s in args.scales.split(",")]
            scaling(reports, formats, scales, Path(work), args.rounds)


if __name__ == "__main__":
    main()
