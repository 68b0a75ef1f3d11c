"""Turn a gold record of the shared material into a valid `Record` (first option of each any_of)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from jixiao.model.record import Record

#: The seeds' gold records in the shared material beside the checkout (absent on a bare clone).
GOLD_DIR = Path(__file__).resolve().parents[3] / "shared" / "gold" / "seeds"


def _first(value: Any) -> Any:
    if isinstance(value, dict) and "any_of" in value:
        return _first(value["any_of"][0])
    if isinstance(value, dict):
        return {k: _first(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_first(v) for v in value]
    return value


def _known(model: type[BaseModel], data: Any) -> Any:
    """Drop keys the model does not know, recursively."""
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        field = model.model_fields.get(key) or next(
            (f for f in model.model_fields.values() if f.alias == key), None
        )
        if field is None:
            continue
        sub = field.annotation
        args = getattr(sub, "__args__", ())
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            value = _known(sub, value)
        elif (
            isinstance(value, list)
            and args
            and isinstance(args[0], type)
            and issubclass(args[0], BaseModel)
        ):
            value = [_known(args[0], v) for v in value]
        out[key] = value
    return out


def gold_record(path: Path) -> Record:
    """The gold record at `path` as a `Record`."""
    data = _first(json.loads(path.read_text(encoding="utf-8")))
    return Record.model_validate(_known(Record, data))


def gold_paths() -> list[Path]:
    """Every gold record of the seeds (none when ../shared is absent)."""
    return sorted(GOLD_DIR.glob("*.json"))
