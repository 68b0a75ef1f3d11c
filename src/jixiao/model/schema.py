"""The JSON Schema of the record (``jixiao.record/1``), shipped inside the package.

Integrators validate records without the project's sources or shared material::

    import jsonschema
    from jixiao.model.schema import record_schema
    jsonschema.validate(data, record_schema())

The file ``record.schema.json`` is generated from the model
(``python -m jixiao.model.schema``); a test keeps the two the same.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from jixiao.model.record import SCHEMA_ID, Record

SCHEMA_PATH = Path(__file__).resolve().with_name("record.schema.json")


def generate() -> dict[str, Any]:
    """The schema of a record as jixiao reads it (which every record it writes fits)."""
    schema = Record.model_json_schema(mode="validation", by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def record_schema() -> dict[str, Any]:
    """The shipped schema."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def main() -> None:
    """Write the schema file (or print it with ``-``)."""
    text = json.dumps(generate(), ensure_ascii=False, indent=2) + "\n"
    if sys.argv[1:] == ["-"]:
        print(text, end="")
    else:
        SCHEMA_PATH.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
