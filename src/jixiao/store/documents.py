"""Documents and provenance as JSON, so a stored record keeps its source beside it.

The neutral `Document` (blocks, tables with merged cells, positions) and the provenance
map (field path → `SourceRef`) are frozen dataclasses; they are written field by field
and read back tolerantly (unknown keys are ignored, missing ones take their defaults),
so documents stored by an older version still load when the model gains fields.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.model.provenance import Provenance, SourceRef


def _position(position: Position) -> dict[str, Any]:
    return {f.name: v for f in fields(Position) if (v := getattr(position, f.name)) not in (None, ())}


def _position_from(data: dict[str, Any] | None) -> Position:
    names = {f.name for f in fields(Position)}
    values: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in (data or {}).items() if k in names
    }
    return Position(**values)


def _cell(cell: Cell) -> list[Any]:
    return [cell.row, cell.col, cell.text, cell.rowspan, cell.colspan, _position(cell.position)]


def _block(block: Block) -> dict[str, Any]:
    data: dict[str, Any] = {"kind": block.kind, "text": block.text, "pos": _position(block.position)}
    if block.level is not None:
        data["level"] = block.level
    if block.table is not None:
        table = block.table
        data["table"] = {"rows": table.n_rows, "cols": table.n_cols, "cells": [_cell(c) for c in table.cells]}
    return data


def _table_from(data: dict[str, Any]) -> Table:
    cells = tuple(
        Cell(row, col, text, rowspan, colspan, _position_from(pos))
        for row, col, text, rowspan, colspan, pos in data["cells"]
    )
    return Table(cells, int(data["rows"]), int(data["cols"]))


def _block_from(data: dict[str, Any]) -> Block:
    table = _table_from(data["table"]) if data.get("table") else None
    return Block(data["kind"], data.get("text", ""), data.get("level"), table, _position_from(data.get("pos")))


def document_to_json(document: Document) -> str:
    """The document as compact JSON."""
    payload: dict[str, Any] = {
        "name": document.name, "format": document.format, "blocks": [_block(b) for b in document.blocks]
    }
    if document.ocr_pages:
        payload["ocr_pages"] = list(document.ocr_pages)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def document_from_json(text: str) -> Document:
    """A document from `document_to_json`'s output."""
    data = json.loads(text)
    blocks = tuple(_block_from(b) for b in data["blocks"])
    return Document(data["name"], data["format"], blocks, tuple(data.get("ocr_pages", ())))


def ref_to_dict(ref: SourceRef) -> dict[str, Any]:
    """One source reference as a dict (its position nested)."""
    data: dict[str, Any] = {"block": ref.block, "text": ref.text, "pos": _position(ref.position)}
    for name in ("row", "col", "start", "end"):
        value = getattr(ref, name)
        if value is not None:
            data[name] = value
    return data


def ref_from_dict(data: dict[str, Any]) -> SourceRef:
    """A source reference from `ref_to_dict`'s output."""
    return SourceRef(
        int(data["block"]), _position_from(data.get("pos")), data.get("text", ""),
        data.get("row"), data.get("col"), data.get("start"), data.get("end"),
    )


def provenance_to_json(provenance: Provenance) -> str:
    """The provenance map as JSON."""
    return json.dumps({k: ref_to_dict(v) for k, v in provenance.items()}, ensure_ascii=False)


def provenance_from_json(text: str | None) -> Provenance:
    """The provenance map from `provenance_to_json`'s output (empty for None)."""
    return {k: ref_from_dict(v) for k, v in json.loads(text).items()} if text else {}


def plain_text(document: Document) -> str:
    """The document's text, paragraphs and table cells one per line (for search)."""
    lines: list[str] = []
    for block in document.blocks:
        if block.table is not None:
            lines.extend(" ".join(c.text for c in row) for row in block.table.rows())
        elif block.text:
            lines.append(block.text)
    return "\n".join(lines)
