"""Generate a synthetic corpus: documents, their true records, and expected findings.

``DIR/<name>.<fmt>`` are the documents, ``DIR/truth/<name>.json`` the records they
were written from, and ``DIR/expected.jsonl`` one line per document: its file, the
defects injected and the finding codes the review must produce. Everything is a
function of the seed: document *i* uses its own random generator seeded with
``(seed, i)``, so a corpus can be extended or regenerated in part.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from jixiao.batch.index import write_atomic
from jixiao.model.record import Record
from jixiao.synth.defects import inject
from jixiao.synth.records import make_record
from jixiao.synth.text import write_text

FORMATS = ("txt", "docx", "html", "xlsx", "pdf")
#: Share of documents that get defects when defects are asked for.
DEFECT_RATE = 0.6
#: Documents generated together; their PDFs are converted in one LibreOffice run.
CHUNK = 64


@dataclass(frozen=True)
class Document:
    """One generated document."""

    name: str
    data: bytes
    record: Record
    defects: tuple[str, ...]
    codes: tuple[str, ...]


def _renderer(fmt: str) -> Callable[[Record], bytes] | None:
    """The report renderer for `fmt` (``jixiao.render.render``), or None for TXT."""
    if fmt not in ("docx", "html", "xlsx", "pdf"):
        return None
    if fmt == "pdf":
        from jixiao.render.pdf import soffice_path

        if soffice_path() is None:
            return None
    from jixiao.render import render

    return lambda record: render(record, fmt=fmt)  # type: ignore[arg-type]


def available_formats(wanted: tuple[str, ...]) -> tuple[str, ...]:
    """The formats of `wanted` that can be written now (TXT always; PDF needs LibreOffice)."""
    return tuple(f for f in wanted if f == "txt" or _renderer(f) is not None)


def make_document(index: int, *, seed: int, fmt: str = "txt", defects: bool = False) -> Document:
    """Document number `index` of the corpus of `seed`."""
    return _convert([_draft(index, seed=seed, fmt=fmt, defects=defects)])[0]


def _draft(index: int, *, seed: int, fmt: str, defects: bool) -> Document:
    """Like `make_document`, but a PDF document still holds its DOCX (see `_convert`)."""
    rng = random.Random(f"{seed}:{index}")
    record = make_record(rng)
    sentences: list[str] = []
    chosen: list[Any] = []
    if defects and rng.random() < DEFECT_RATE:
        sentences, chosen = inject(record, rng, text=fmt == "txt", count=rng.choice((1, 1, 2)))
    if fmt == "txt":
        data = write_text(record, extra=sentences).encode("utf-8")
    else:
        render = _renderer("docx" if fmt == "pdf" else fmt)
        if render is None:
            raise ValueError(f"no renderer for {fmt}")
        data = render(record)
    name = f"synth-{seed}-{index:06d}.{fmt}"
    codes = tuple(sorted({d.code for d in chosen}))
    return Document(name, data, record, tuple(d.kind for d in chosen), codes)


def _convert(drafts: list[Document]) -> list[Document]:
    """`drafts` with the DOCX of every PDF document converted, in one LibreOffice run."""
    pdfs = [i for i, d in enumerate(drafts) if d.name.endswith(".pdf")]
    if not pdfs:
        return drafts
    from jixiao.synth.pdf import docx_batch_to_pdf

    converted = docx_batch_to_pdf([drafts[i].data for i in pdfs])
    out = list(drafts)
    for i, data in zip(pdfs, converted, strict=True):
        out[i] = replace(drafts[i], data=data)
    return out


def iter_documents(n: int, *, seed: int, formats: tuple[str, ...] = ("txt",), defects: bool = False) -> Iterator[Document]:
    """The `n` documents, formats taken in turn (made `CHUNK` at a time)."""
    for start in range(0, n, CHUNK):
        drafts = [
            _draft(i, seed=seed, fmt=formats[i % len(formats)], defects=defects)
            for i in range(start, min(n, start + CHUNK))
        ]
        yield from _convert(drafts)


def generate(
    n: int,
    out: Path,
    *,
    seed: int = 0,
    formats: tuple[str, ...] = ("txt",),
    defects: bool = False,
    advance: Callable[[], None] | None = None,
) -> int:
    """Write the corpus into `out`; returns the number written (`advance` is called after each)."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with (out / "expected.jsonl").open("w", encoding="utf-8") as expected:
        for doc in iter_documents(n, seed=seed, formats=formats, defects=defects):
            (out / doc.name).write_bytes(doc.data)
            write_atomic(out / "truth" / f"{Path(doc.name).stem}.json", doc.record.to_json() + "\n")
            line = {"file": doc.name, "defects": list(doc.defects), "codes": list(doc.codes)}
            expected.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
            if advance is not None:
                advance()
    return count
