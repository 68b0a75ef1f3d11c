"""The batch loop: results, failures, resumption and summaries."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.batch import BatchOptions, run_batch, write_summaries
from jixiao.batch.worker import DocResult, process_document


def _sheets(path: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(path, read_only=True)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}


def test_batch_writes_records_findings_and_failures(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    stats = run_batch([archive], BatchOptions(out=out, jobs=0))
    write_summaries(out)
    assert (stats.reviewed, stats.failed) == (12, 1)
    assert len(list((out / "records").glob("*.json"))) == 12
    sheets = _sheets(out / "summary.xlsx")
    assert len(sheets["文件"]) == 13
    failures = sheets["失败"]
    assert failures[1][0].endswith("broken.docx")
    assert "Word" in str(failures[1][1])
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "<svg" in html and "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_second_run_skips_done_documents(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([archive], BatchOptions(out=out, jobs=0))
    again = run_batch([archive], BatchOptions(out=out, jobs=0))
    assert (again.processed, again.skipped) == (0, 13)


def test_interrupted_run_resumes_to_the_same_summary(archive: Path, tmp_path: Path) -> None:
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    run_batch([archive], BatchOptions(out=whole, jobs=0))
    write_summaries(whole)
    first = run_batch([archive], BatchOptions(out=parts, jobs=0, max_documents=5))
    rest = run_batch([archive], BatchOptions(out=parts, jobs=0))
    write_summaries(parts)
    assert first.processed == 5
    assert (rest.processed, rest.skipped) == (8, 5)
    assert _sheets(parts / "summary.xlsx") == _sheets(whole / "summary.xlsx")
    assert (parts / "summary.html").read_text() == (whole / "summary.html").read_text()


class _Interrupting:
    """A task that is interrupted (like Ctrl-C) at its k-th call."""

    def __init__(self, k: int) -> None:
        self.k, self.calls = k, 0

    def __call__(self, data: bytes, name: str, profile: str | None = None) -> DocResult:
        self.calls += 1
        if self.calls == self.k:
            raise KeyboardInterrupt
        return process_document(data, name, profile)


def test_keyboard_interrupt_keeps_finished_work(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch([archive], BatchOptions(out=out, jobs=0, task=_Interrupting(4)))
    rest = run_batch([archive], BatchOptions(out=out, jobs=0))
    assert (rest.skipped, rest.processed) == (3, 10)


def test_zip_archives_and_process_pool(archive: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "bundle.zip"
    with zipfile.ZipFile(bundle, "w") as zf:
        for path in sorted(archive.glob("*.txt"))[:4]:
            zf.write(path, f"子目录/{path.name}")
    out = tmp_path / "out"
    stats = run_batch([bundle], BatchOptions(out=out, jobs=2))
    assert stats.reviewed == 4
    findings = next((out / "findings").glob("*.json"))
    assert "findings" in json.loads(findings.read_text(encoding="utf-8"))


def test_same_bytes_at_two_paths_are_two_rows(archive: Path, tmp_path: Path) -> None:
    first = sorted(archive.glob("*.txt"))[0]
    (archive / "copy.txt").write_bytes(first.read_bytes())
    out = tmp_path / "out"
    stats = run_batch([archive], BatchOptions(out=out, jobs=0))
    write_summaries(out)
    assert (stats.reviewed, stats.failed) == (13, 1)
    assert len(_sheets(out / "summary.xlsx")["文件"]) == 14
