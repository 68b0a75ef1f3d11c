"""Reading a record JSON file for a command: bounded, validated, one message naming the field."""

from __future__ import annotations

from pathlib import Path

from jixiao.errors import SourceError
from jixiao.model.record import Record
from jixiao.model.recordfile import RecordDataError, describe, load_record_json
from jixiao.readers.files import file_problem, read_regular

#: Largest record file read, in bytes.
MAX_RECORD_BYTES = 32 * 1024 * 1024


def read_record_file(path: Path) -> Record:
    """The record in `path`; raises `SourceError` with the file, the field and what to do."""
    try:
        data = read_regular(path, MAX_RECORD_BYTES)
    except OSError as exc:
        raise SourceError(str(path), *file_problem(exc)) from exc
    try:
        return load_record_json(data)
    except RecordDataError as exc:
        raise SourceError(str(path), *describe(exc)) from exc
