"""The narrative model and loading a record with its narrative."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.errors import ConfigError
from jixiao.render.narrative import Narrative, load_bundle, narrative_path


def test_bundle_holds_record_and_narrative(sample_path: Path) -> None:
    record, narrative = load_bundle(sample_path)
    assert record.department == "青禾县示例事务服务中心"
    assert narrative.functions and narrative.work_done[0].title == "窗口服务提质增效"
    assert narrative.note_for("档案数字化专项经费") == "主要用于档案扫描、著录和数据校验。"
    assert narrative.note_for("不存在的项目") is None


def test_plain_record_reads_narrative_beside_it(tmp_path: Path, sample_path: Path) -> None:
    bundle = json.loads(sample_path.read_text(encoding="utf-8"))
    plain = tmp_path / "a.json"
    plain.write_text(json.dumps(bundle["record"], ensure_ascii=False), encoding="utf-8")
    record, narrative = load_bundle(plain)
    assert narrative == Narrative()
    narrative_path(plain).write_text(
        json.dumps(bundle["narrative"], ensure_ascii=False), encoding="utf-8"
    )
    _, narrative = load_bundle(plain)
    assert narrative.organization is not None and narrative.organization.startswith("中心内设")
    assert record.year == 2023


def test_narrative_round_trips_through_json(narrative: Narrative) -> None:
    assert Narrative.model_validate_json(narrative.to_json()) == narrative


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", "不是有效的 JSON"),
        ('{"record": {"year": 1800}}', "year"),
        ('{"schema": "jixiao.record/1", "x": 1}', "x"),
    ],
)
def test_bad_files_raise_config_error_in_chinese(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_bundle(path)
