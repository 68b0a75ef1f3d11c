"""The ``jixiao extract`` command: one file to stdout, many to a folder, failures on stderr."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()


def test_one_file_prints_its_record() -> None:
    result = runner.invoke(app, ["extract", str(EXAMPLES / "songxi-culture-2024.txt")])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["schema"] == "jixiao.record/1"
    assert record["department"] == "松溪市文化馆"


def test_many_files_go_to_out_and_a_bad_one_does_not_stop_the_rest(tmp_path: Path) -> None:
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 this is not a real zip archive")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(EXAMPLES), str(bad), "--out", str(out)])
    assert result.exit_code == 1
    assert "broken.docx" in result.stderr
    expected = sorted(f"{p.stem}.json" for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    records = [p for p in out.glob("*.json") if not p.name.endswith(".narrative.json")]
    assert sorted(p.name for p in records) == expected
    narrative = json.loads((out / "songxi-culture-2024.narrative.json").read_text(encoding="utf-8"))
    assert narrative["schema"] == "jixiao.narrative/1" and narrative["title"]


def test_examples_match_their_golden_records(tmp_path: Path) -> None:
    golden = Path(__file__).resolve().parent / "golden" / "examples"
    result = runner.invoke(app, ["extract", str(EXAMPLES), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    for expected in sorted(golden.glob("*.json")):
        got = json.loads((tmp_path / expected.name).read_text(encoding="utf-8"))
        assert got == json.loads(expected.read_text(encoding="utf-8")), expected.name
    records = [p for p in tmp_path.glob("*.json") if not p.name.endswith(".narrative.json")]
    assert len(list(golden.glob("*.json"))) == len(records) >= 3
