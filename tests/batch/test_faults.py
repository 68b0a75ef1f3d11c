"""Faults of the machine: disk full, read-only OUT, corrupt --db, corrupt OUT/index.sqlite.

Each gives one clear Chinese message naming the file, exit status 2, and leaves what
was written consistent: a later run on a healthy disk ends with the summary of an
uninterrupted run. Disk full and read-only use a small tmpfs where the machine allows
mounting one (root, as in CI); elsewhere the same errors are raised by a patched write.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jixiao.batch import index as index_module
from jixiao.cli import app


def _review(archive: Path, out: Path, *extra: str) -> tuple[int, str]:
    args = ["review", str(archive), "--out", str(out), "--jobs", "0", "--quiet", *extra]
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def _rows(out: Path) -> dict[str, list[tuple[object, ...]]]:
    book = load_workbook(out / "summary.xlsx", read_only=True)
    rows = {ws.title: list(ws.iter_rows(values_only=True)) for ws in book.worksheets}
    book.close()
    return rows


@contextmanager
def _tmpfs(folder: Path, size: str) -> Iterator[bool]:
    """Mount a tmpfs of `size` on `folder` when allowed; yields whether it is mounted."""
    folder.mkdir(parents=True, exist_ok=True)
    mounted = False
    if os.geteuid() == 0 and not os.environ.get("JIXIAO_TEST_NO_MOUNT"):
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                              capture_output=True, check=False)
        mounted = done.returncode == 0
    try:
        yield mounted
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def _remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


def _failing_writes(monkeypatch: pytest.MonkeyPatch, code: int, after: int) -> None:
    """Simulate the fault: every atomic write after the first `after` raises `code`."""
    real = os.replace
    calls = {"n": 0}

    def replace(src: str, dst: str) -> None:
        calls["n"] += 1
        if calls["n"] > after:
            raise OSError(code, os.strerror(code), str(dst))
        real(src, dst)

    monkeypatch.setattr(index_module.os, "replace", replace)


def test_disk_full(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    whole = tmp_path / "whole"
    _review(archive, whole)
    disk = tmp_path / "disk"
    with _tmpfs(disk, "400k") as mounted:
        out = disk / "out"
        if not mounted:
            _failing_writes(monkeypatch, errno.ENOSPC, after=6)
        status, output = _review(archive, out)
        assert status == 2
        assert "磁盘空间不足" in output and str(out) in output and "Traceback" not in output
        monkeypatch.undo()
        if mounted:
            _remount(disk, "size=64m")
        assert _review(archive, out)[0] == 1  # one broken file in the archive
        assert _rows(out) == _rows(whole)


def test_read_only_out(archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    disk = tmp_path / "disk"
    with _tmpfs(disk, "64m") as mounted:
        out = disk / "out"
        assert _review(archive, out)[0] == 1
        before = _rows(out)
        (archive / "new.txt").write_bytes(next(archive.glob("*.txt")).read_bytes() + b"\n")
        if mounted:
            _remount(disk, "ro")
        else:
            _failing_writes(monkeypatch, errno.EROFS, after=0)
        status, output = _review(archive, out)
        assert status == 2
        assert "只读" in output and "Traceback" not in output
        if mounted:
            _remount(disk, "rw")
        assert _rows(out) == before


def test_corrupt_database(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    db.write_bytes(b"this is not a database, it is a note" * 100)
    status, output = _review(archive, tmp_path / "out", "--db", f"sqlite:///{db}")
    assert status == 2
    assert "已损坏" in output and str(db) in output


def test_truncated_database(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "results.db"
    assert _review(archive, tmp_path / "out", "--db", f"sqlite:///{db}")[0] == 1
    db.write_bytes(db.read_bytes()[:1500])
    status, output = _review(archive, tmp_path / "out2", "--db", f"sqlite:///{db}")
    assert status == 2
    assert str(db) in output and "Traceback" not in output


def test_corrupt_index(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "index.sqlite").write_bytes(b"garbage" * 1000)
    status, output = _review(archive, out)
    assert status == 2
    assert "index.sqlite" in output and "已损坏" in output


def test_foreign_database_is_refused(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "erp.db"
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
        conn.execute("INSERT INTO customers (name) VALUES ('甲公司')")
    status, output = _review(archive, tmp_path / "out", "--db", f"sqlite:///{db}")
    assert status == 2
    assert "customers" in output and "不属于 jixiao" in output
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"customers"}


def test_empty_and_own_databases_are_accepted(archive: Path, tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    assert _review(archive, tmp_path / "out", "--db", f"sqlite:///{db}")[0] == 1
    assert _review(archive, tmp_path / "out2", "--db", f"sqlite:///{db}")[0] == 1
