"""The one pipeline: every interface gets the same typed `Evaluation` for the same input."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from jixiao.errors import NotAReportError, SourceError
from jixiao.pipeline import Evaluation, evaluate, evaluate_bytes, evaluate_record, load
from jixiao.review import review
from jixiao.score import load_profile, score_record

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "songxi-culture-2024.txt"


def test_evaluate_is_extract_then_score_then_review() -> None:
    timings: dict[str, float] = {}
    evaluation = evaluate(EXAMPLE, timings=timings)
    extraction = load(EXAMPLE)
    assert isinstance(evaluation, Evaluation)
    assert evaluation.record == extraction.record
    assert evaluation.provenance == extraction.provenance
    expected = score_record(extraction.record, evaluation.profile, claims=extraction.claims)
    assert evaluation.score == expected
    assert [f.code for f in evaluation.findings] == [
        f.code for f in review(extraction, evaluation.profile)
    ]
    assert set(timings) == {"read", "extract", "score", "check"}


def test_bytes_and_path_agree_and_json_records_are_scored_bare(tmp_path: Path) -> None:
    by_path = evaluate(EXAMPLE)
    by_bytes = evaluate_bytes(EXAMPLE.read_bytes(), name=EXAMPLE.name)
    assert by_bytes.to_dict() == by_path.to_dict()
    record_file = tmp_path / "r.json"
    record_file.write_text(by_path.record.to_json(), encoding="utf-8")
    bare = evaluate(record_file)
    assert bare.document is None and bare.provenance == {}
    assert bare.score.total == evaluate_record(by_path.record).score.total


def test_named_profile_is_used() -> None:
    evaluation = evaluate(EXAMPLE, "local-20-40-40")
    assert evaluation.profile == load_profile("local-20-40-40")
    assert evaluation.score.profile == "local-20-40-40"


def test_bad_inputs_raise_source_errors(tmp_path: Path) -> None:
    with pytest.raises(NotAReportError):
        evaluate_bytes("今天天气很好，我们去公园散步。\n".encode(), name="note.txt")
    with pytest.raises(SourceError, match=r"bad\.json"):
        evaluate_bytes(b'{"schema": "nope"}', name="bad.json")


#: Interface modules must go through `jixiao.pipeline`, not compose the stages themselves.
INTERFACES = ("cli/check.py", "cli/score.py", "batch/stages.py", "batch/worker.py")
STAGE_CALLS = {"extract", "score_record", "review", "read_bytes", "read_path", "import_module"}


@pytest.mark.parametrize("module", INTERFACES)
def test_interfaces_do_not_compose_the_stages(module: str) -> None:
    tree = ast.parse((REPO / "src" / "jixiao" / module).read_text(encoding="utf-8"))
    imported = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert not imported & STAGE_CALLS


def test_a_fault_of_ours_on_one_file_is_that_files_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from jixiao.cli import app
    from jixiao.extract import core

    good = tmp_path / "good.txt"
    good.write_text("2024年度某局部门整体支出绩效自评报告\n本部门编制数5人。\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text("2024年度某局部门整体支出绩效自评报告\n触发故障\n", encoding="utf-8")
    real = core._extract

    def faulty(document: Any) -> Any:
        if any("触发故障" in b.text for b in document.blocks):
            raise TypeError("a bug")
        return real(document)

    monkeypatch.setattr(core, "_extract", faulty)
    result = CliRunner().invoke(app, ["extract", str(bad), str(good), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "bad.txt" in result.stderr and "提取时出错（TypeError）" in result.stderr
    assert (tmp_path / "out" / "good.json").exists()


@pytest.mark.parametrize("name", sorted(p.name for p in (REPO / "examples").iterdir()))
def test_the_review_finds_the_same_with_or_without_extractions_figures(name: str) -> None:
    extraction = load(REPO / "examples" / name)
    assert extraction.figures  # the paragraphs' figures, found once by extraction
    given = evaluate_record(
        extraction.record,
        provenance=extraction.provenance,
        document=extraction.document,
        claims=extraction.claims,
        figures=extraction.figures,
    )
    scanned = evaluate_record(
        extraction.record,
        provenance=extraction.provenance,
        document=extraction.document,
        claims=extraction.claims,
    )
    assert given.findings == scanned.findings
