"""The synthetic corpus: deterministic, consistent, and its defects are reported."""

from __future__ import annotations

import json
from pathlib import Path

from jixiao.pipeline import load_bytes
from jixiao.review import review
from jixiao.synth import generate, make_document


def test_same_seed_same_corpus() -> None:
    assert make_document(3, seed=9).data == make_document(3, seed=9).data
    assert make_document(3, seed=9).data != make_document(3, seed=10).data


def test_clean_documents_extract_to_their_record() -> None:
    doc = make_document(1, seed=2)
    record = load_bytes(doc.data, name=doc.name).record
    assert record.department == doc.record.department
    assert record.budget.actual.total == doc.record.budget.actual.total
    assert record.self_evaluation.score == doc.record.self_evaluation.score


def test_budget_parts_add_up() -> None:
    for i in range(20):
        r = make_document(i, seed=4).record
        actual = r.budget.actual
        assert actual.total == (actual.basic or 0) + (actual.project or 0)
        assert sum(i.weight or 0 for i in r.indicators) == 90


def test_defect_codes_are_found() -> None:
    found = 0
    for i in range(30):
        doc = make_document(i, seed=1, defects=True)
        codes = {f.code for f in review(load_bytes(doc.data, name=doc.name))}
        found += set(doc.codes) <= codes
    assert found >= 20


def test_generate_writes_expected(tmp_path: Path) -> None:
    assert generate(5, tmp_path, seed=1, defects=True) == 5
    lines = [json.loads(x) for x in (tmp_path / "expected.jsonl").read_text().splitlines()]
    assert [x["file"] for x in lines] == sorted(p.name for p in tmp_path.glob("*.txt"))
    assert len(list((tmp_path / "truth").glob("*.json"))) == 5


def test_pdf_documents_are_converted_together_and_read_back(tmp_path: Path) -> None:
    assert generate(4, tmp_path, seed=3, formats=("pdf", "txt")) == 4
    pdfs = sorted(tmp_path.glob("*.pdf"))
    assert [p.name for p in pdfs] == ["synth-3-000000.pdf", "synth-3-000002.pdf"]
    for path in pdfs:
        assert path.read_bytes().startswith(b"%PDF")
        truth = make_document(int(path.stem[-6:]), seed=3, fmt="txt").record
        record = load_bytes(path.read_bytes(), name=path.name).record
        assert record.indicators == truth.indicators
        assert record.budget == truth.budget
