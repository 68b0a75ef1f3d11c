"""Issue 13, one test per class of hostile input: run as a user would, under a 1 GB cap.

Each class of the hostile corpus (`hostile_corpus`) is put in a folder beside one good
report and reviewed by ``jixiao review`` in a subprocess whose address space is capped
at 1 GB and whose time is limited. Every hostile file must get one clear reason (the
fragment the corpus expects, on one line), every good file must be reviewed, and the
run must stay under the cap and finish.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from hostile_corpus import BUILDERS, build, docx_node_bomb, good_report

from .capped import JIXIAO, MEMORY_CAP, find, review, run_capped, summary

CLASSES = [*BUILDERS, "special_files"]


def _assert_outcome(folder: Path, out: Path, expected: dict[str, str], *options: str) -> None:
    outcome = review(folder, out, *options)
    assert outcome.status in (0, 1), outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.peak < MEMORY_CAP
    reviewed, failed = summary(out)
    for file, fragment in expected.items():
        if fragment:
            reason = find(failed, file)
            assert reason is not None, (file, failed)
            assert fragment in reason and "\n" not in reason, (file, reason)
        else:
            assert find(reviewed, file) is not None, (file, reviewed, failed)
    assert len(reviewed) + len(failed) == len(expected)


@pytest.mark.parametrize("name", CLASSES)
def test_hostile_class(name: str, tmp_path: Path) -> None:
    folder = tmp_path / name
    case = build(folder, name)
    _assert_outcome(folder, tmp_path / "out", case.files, *case.options)


def test_links_followed_when_asked(tmp_path: Path) -> None:
    folder = tmp_path / "special"
    build(folder, "special_files")
    expected = {
        "pipe.txt": "不是普通文件（命名管道）",
        "zero.txt": "不是普通文件（设备文件）",
        "link-out.txt": "",
        "link-in.txt": "",
        "real.txt": "",
        "good.txt": "",
    }
    _assert_outcome(folder, tmp_path / "out", expected, "--follow-links")


def test_out_of_memory_is_named(tmp_path: Path) -> None:
    """With the limits lifted, a tree too big for the cap is 'out of memory', not 'damaged'."""
    folder = tmp_path / "memory"
    folder.mkdir()
    (folder / "nodes.docx").write_bytes(docx_node_bomb())
    (folder / "good.txt").write_bytes(good_report())
    lifted = {f"JIXIAO_LIMIT_{n}": str(10**12) for n in ("MEMBER_BYTES", "RATIO", "PACKAGE_BYTES")}
    outcome = review(folder, tmp_path / "out", env=lifted)
    assert outcome.status == 1, outcome.stderr
    reviewed, failed = summary(tmp_path / "out")
    assert "内存不足" in (find(failed, "nodes.docx") or "")
    assert find(reviewed, "good.txt") is not None


def test_summary_holds_no_formula(tmp_path: Path) -> None:
    """File names that look like formulas (given relative, so the names start with =, @, -)."""
    folder = tmp_path / "formulas"
    build(folder, "formulas")
    out = tmp_path / "out"
    names = ["=1+2.txt", "@SUM(A1).txt", "-2+3.txt", "formula-unit.txt"]
    outcome = run_capped([*JIXIAO, "review", "--out", str(out), "--jobs", "0", "--quiet", "--", *names], cwd=folder)
    assert outcome.status == 1, outcome.stderr
    with zipfile.ZipFile(out / "summary.xlsx") as book:
        xml = b"".join(book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in xml and b"<f " not in xml
    for name in names[:3]:
        cell = re.search(rb'<c [^>]*t="inlineStr"[^>]*><is><t>' + re.escape(name.encode()), xml)
        assert cell is not None, name
