"""The narrative of a report: the prose that is not a figure, held alongside the record.

A `Narrative` holds what a writer says about functions, organisation, the work done,
the causes of problems, and how the results are used and published. It serialises to
JSON and is read either from ``<stem>.narrative.json`` beside ``<stem>.json`` or from one
file shaped ``{"record": {...}, "narrative": {...}}`` (`load_bundle`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from jixiao.errors import ConfigError
from jixiao.model.record import Record
from jixiao.model.recordfile import (
    RecordDataError,
    check_data,
    from_validation,
    message,
    parse_json,
)

NARRATIVE_SCHEMA_ID = "jixiao.narrative/1"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Topic(_Part):
    """A titled passage, like one item of the work done (“1.政治引领有新高度”)."""

    title: str | None = None
    text: str = ""


class ProjectNote(_Part):
    """What the report says about one project beyond its money."""

    name: str = Field(min_length=1)
    text: str = ""


class Narrative(_Part):
    """The prose of a report; every field is optional and absent prose is marked “待补充”."""

    schema_: str = Field(default=NARRATIVE_SCHEMA_ID, alias="schema")
    title: str | None = None
    preamble: str | None = None
    functions: list[str] = Field(default_factory=list)
    organization: str | None = None
    government_funds: str | None = None
    state_capital: str | None = None
    social_insurance: str | None = None
    goal_expected: str | None = None
    goal_achieved: str | None = None
    work_done: list[Topic] = Field(default_factory=list)
    project_notes: list[ProjectNote] = Field(default_factory=list)
    problem_causes: str | None = None
    application: str | None = None
    publication: str | None = None
    other: str | None = None
    filled_by: str | None = None
    phone: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json(self) -> str:
        """The narrative as JSON text."""
        data = self.model_dump(mode="json", by_alias=True)
        return json.dumps(data, ensure_ascii=False, indent=2)

    def note_for(self, project: str) -> str | None:
        """The note written for `project`, if any."""
        for note in self.project_notes:
            if note.name == project and note.text:
                return note.text
        return None


def _parse(text: str, name: str) -> Any:
    try:
        return parse_json(text)
    except RecordDataError as exc:
        raise ConfigError(message(name, exc)) from exc


def _validated(model: type[Record] | type[Narrative], data: Any, name: str) -> Any:
    try:
        check_data(data)
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(message(name, from_validation(exc))) from exc
    except RecordDataError as exc:
        raise ConfigError(message(name, exc)) from exc


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
