"""Resuming by path, unique result names, one run per OUT, time limits, and kill -9 of a live run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.batch import BatchOptions, run_batch, write_summaries
from jixiao.batch.index import Entry, Index
from jixiao.batch.worker import DocResult, process_document
from jixiao.cli import app
from jixiao.synth import generate


def _sheets(out: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(out / "summary.xlsx", read_only=True)
    rows = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    book.close()
    return rows


def _run(archive: Path, out: Path) -> None:
    run_batch([archive], BatchOptions(out=out, jobs=0))
    write_summaries(out)


def test_edited_file_shows_once_with_its_new_content(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(archive, out)
    first = sorted(archive.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("年度", "年度 ", 1), encoding="utf-8")
    os.utime(first, ns=(time.time_ns(), time.time_ns() + 10**9))
    again = run_batch([archive], BatchOptions(out=out, jobs=0))
    write_summaries(out)
    assert (again.processed, again.skipped) == (1, 12)
    rows = _sheets(out)
    assert len(rows["文件"]) == 13 and len(rows["失败"]) == 2
    assert len(list((out / "records").glob("*.json"))) == 12


def test_failed_file_that_came_back_loses_its_failure(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    later = archive / "later.txt"
    later.write_bytes(b"")  # empty: fails
    _run(archive, out)
    assert any(str(r[0]) == str(later) for r in _sheets(out)["失败"])
    later.write_bytes(sorted(archive.glob("synth*.txt"))[0].read_bytes())
    _run(archive, out)
    rows = _sheets(out)
    assert [str(r[0]) for r in rows["失败"][1:]] == [str(archive / "broken.docx")]
    assert any(str(r[0]) == str(later) for r in rows["文件"])


def test_removed_file_is_dropped(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    _run(archive, out)
    gone = sorted(archive.glob("*.txt"))[0]
    gone.unlink()
    stats = run_batch([archive], BatchOptions(out=out, jobs=0))
    write_summaries(out)
    assert stats.dropped == 1
    assert all(str(r[0]) != str(gone) for r in _sheets(out)["文件"])
    assert len(list((out / "records").glob("*.json"))) == 11


def test_other_folders_rows_are_kept(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    other = tmp_path / "other"
    generate(2, other, seed=9)
    (other / "expected.jsonl").unlink()
    _run(archive, out)
    _run(other, out)
    assert len(_sheets(out)["文件"]) == 1 + 12 + 2


def test_result_names_are_unique_by_construction(tmp_path: Path) -> None:
    index = Index(tmp_path)
    stems = set()
    for n in range(50):  # the same long name in 50 folders
        key = f"/archive/{n}/{'很长的文件名' * 20}.docx".encode()
        stem = index.stem_for(key, key.decode())
        index.add(Entry(key, "v", "", key.decode(), stem, True, None, {}, {}))
        stems.add(stem)
    assert len(stems) == 50
    taken = index.stem_for(b"/other/a.txt", "a.txt")
    index.add(Entry(b"/squatter", "v", "", "x", taken, True, None, {}, {}))  # force a collision
    assert index.stem_for(b"/other/a.txt", "a.txt") == taken + "-2"
    index.close()


def test_a_second_run_on_the_same_out_is_refused(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from pathlib import Path; from jixiao.batch.lock import out_lock\n"
         "with out_lock(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(60)", str(out)],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"held"
        result = CliRunner().invoke(app, ["review", str(archive), "--out", str(out), "--jobs", "0", "--quiet"])
        assert result.exit_code == 2
        assert "正被另一个审核任务使用" in result.output and str(holder.pid) in result.output
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
    assert CliRunner().invoke(app, ["review", str(archive), "--out", str(out), "-j", "0", "-q"]).exit_code == 1


def _slow(data: bytes, name: str, profile: str | None = None) -> DocResult:
    if name.endswith("000003.txt"):
        time.sleep(30)
    return process_document(data, name, profile)


def test_a_document_past_its_time_is_a_failure_row(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    start = time.monotonic()
    stats = run_batch([archive], BatchOptions(out=out, jobs=0, timeout=1, task=_slow))
    assert time.monotonic() - start < 20
    assert (stats.reviewed, stats.failed) == (11, 2)
    with Index(out) as index:
        reasons = {e.name: e.error for e in index.entries(ok=False)}
    assert "处理超时" in reasons[str(sorted(archive.glob("*000003.txt"))[0])]


_STUCK = """
import signal, sys, time
from pathlib import Path
from jixiao.batch import BatchOptions, run_batch
from jixiao.batch.worker import process_document

def stuck(data, name, profile=None):
    if name.endswith("000003.txt"):
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # as if inside C code
        time.sleep(60)
    return process_document(data, name, profile)

if __name__ == "__main__":
    stats = run_batch([Path(sys.argv[1])], BatchOptions(out=Path(sys.argv[2]), jobs=1, timeout=1, task=stuck))
    print(stats.reviewed, stats.failed)
"""


def test_a_stuck_pool_process_is_ended(archive: Path, tmp_path: Path) -> None:
    script = tmp_path / "stuck_task.py"
    script.write_text(_STUCK, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", "import runpy, sys; sys.argv = sys.argv[1:]; import stuck_task; "
         "runpy.run_path(sys.argv[0], run_name='__main__')", str(script), str(archive), str(tmp_path / "out")],
        capture_output=True, env=env, timeout=90, check=True,
    )
    assert done.stdout.split() == [b"11", b"2"]
    with Index(tmp_path / "out") as index:
        reasons = [e.error or "" for e in index.entries(ok=False)]
    assert any("处理超时" in r for r in reasons)


def test_kill_9_of_a_live_run_then_resume(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    generate(40, folder, seed=3, defects=True)
    (folder / "expected.jsonl").unlink()
    whole, parts = tmp_path / "whole", tmp_path / "parts"
    _run(folder, whole)
    args = [sys.executable, "-m", "jixiao", "review", str(folder), "--out", str(parts), "-j", "1", "-q"]
    live = subprocess.Popen(args, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        try:
            with sqlite3.connect(parts / "index.sqlite", timeout=1) as conn:
                if conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] >= 5:
                    break
        except sqlite3.Error:
            continue
    os.killpg(live.pid, signal.SIGKILL)  # the run and its pool processes, mid-write
    live.wait()
    with sqlite3.connect(parts / "index.sqlite") as conn:
        done = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    assert 5 <= done < 40
    rest = run_batch([folder], BatchOptions(out=parts, jobs=0))
    write_summaries(parts)
    assert rest.skipped == done and rest.processed == 40 - done
    assert _sheets(parts) == _sheets(whole)
    assert not list(parts.rglob("*.tmp"))  # no half-written file is taken for a result
