"""Loading a record with its narrative (the model is `jixiao.model.narrative`).

The narrative is read either from ``<stem>.narrative.json`` beside ``<stem>.json`` or
from one file shaped ``{"record": {...}, "narrative": {...}}`` (`load_bundle`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from jixiao.errors import ConfigError
from jixiao.model.narrative import NARRATIVE_SCHEMA_ID, Narrative, ProjectNote, Topic
from jixiao.model.record import Record
from jixiao.model.recordfile import (
    RecordDataError,
    check_data,
    from_validation,
    message,
    parse_json,
)

__all__ = [
    "NARRATIVE_SCHEMA_ID",
    "InvalidFileError",
    "Narrative",
    "ProjectNote",
    "Topic",
    "load_bundle",
    "narrative_path",
]

class InvalidFileError(ConfigError):
    """A record or narrative file that is not valid; `name` is the file, the cause says why."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        super().__init__(text)


def _parse(text: str, name: str) -> Any:
    try:
        return parse_json(text)
    except RecordDataError as exc:
        raise InvalidFileError(name, message(name, exc)) from exc


def _validated(model: type[Record] | type[Narrative], data: Any, name: str) -> Any:
    try:
        check_data(data)
        return model.model_validate(data)
    except ValidationError as exc:
        raise InvalidFileError(name, message(name, from_validation(exc))) from exc
    except RecordDataError as exc:
        raise InvalidFileError(name, message(name, exc)) from exc


def narrative_path(record_path: Path) -> Path:
    """Where the narrative of `record_path` lives: ``<stem>.narrative.json`` beside it."""
    return record_path.with_name(f"{record_path.stem}.narrative.json")


def load_bundle(path: str | Path) -> tuple[Record, Narrative]:
    """Read a record and its narrative from `path`.

    The file is either a bundle ``{"record": ..., "narrative": ...}`` or a plain record,
    whose narrative is then read from ``<stem>.narrative.json`` beside it when present.
    Raises `ConfigError` with a Chinese message when a file is not valid.
    """
    path = Path(path)
    name = path.name
    try:
        data = _parse(path.read_text(encoding="utf-8"), name)
    except OSError as exc:
        raise ConfigError(f"{name}: 无法读取文件（{exc.strerror}）") from exc
    if isinstance(data, dict) and "record" in data and "schema" not in data:
        record = _validated(Record, data["record"], name)
        narrative = _validated(Narrative, data.get("narrative") or {}, name)
        return record, narrative
    record = _validated(Record, data, name)
    side = narrative_path(path)
    if side.is_file():
        side_data = _parse(side.read_text(encoding="utf-8"), side.name)
        return record, _validated(Narrative, side_data, side.name)
    return record, Narrative()
