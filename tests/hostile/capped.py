"""Run a command as a user would, under a memory cap and a time limit, and read what it left."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

#: Address-space cap of every hostile run (the issue's 1 GB).
MEMORY_CAP = 1 << 30
#: Seconds any hostile run may take.
TIME_LIMIT = 90
JIXIAO = [sys.executable, "-m", "jixiao"]


@dataclass
class Outcome:
    """Exit status, output and peak memory of one capped run."""

    status: int
    stdout: str
    stderr: str
    #: Peak resident memory in bytes.
    peak: int
    seconds: float


def _cap() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_capped(
    args: list[str], *, env: dict[str, str] | None = None, timeout: float = TIME_LIMIT, cwd: Path | None = None
) -> Outcome:
    """Run `args` under the memory cap; fails the test if it outlives `timeout`."""
    start = time.monotonic()
    full_env = {**os.environ, **(env or {})}
    with subprocess.Popen(
        args, preexec_fn=_cap, env=full_env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            raise AssertionError(f"{args} ran past {timeout} s") from None
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return Outcome(
        proc.returncode,
        out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"),
        usage.ru_maxrss * 1024,
        time.monotonic() - start,
    )


def review(folder: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> Outcome:
    """``jixiao review FOLDER --out OUT --jobs 0 --quiet`` under the cap."""
    return run_capped([*JIXIAO, "review", str(folder), "--out", str(out), "--jobs", "0", "--quiet", *options], env=env)


def summary(out: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(reviewed: name → unit, failed: name → reason) from ``OUT/summary.xlsx``."""
    book = load_workbook(out / "summary.xlsx", read_only=True)
    reviewed = {str(r[0]): str(r[1]) for r in list(book["文件"].iter_rows(values_only=True))[1:]}
    failed = {str(r[0]): str(r[1]) for r in list(book["失败"].iter_rows(values_only=True))[1:]}
    book.close()
    return reviewed, failed


def find(names: dict[str, str], file: str) -> str | None:
    """The value for the entry whose name ends with `file` (a path or ``archive!member``)."""
    for name, value in names.items():
        if name == file or name.endswith(("/" + file, "!" + file)) or ("!" in file and name.endswith(file)):
            return value
    return None
