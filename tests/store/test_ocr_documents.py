"""A document read by OCR keeps its confidences, doubtful words and scanned pages in the store."""

from __future__ import annotations

from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.store.documents import document_from_json, document_to_json


def test_ocr_positions_round_trip() -> None:
    doubt = Position(page=2, confidence=0.62, doubtful=("786.32", "控A制"))
    table = Table((Cell(0, 0, "786.32", position=doubt), Cell(0, 1, "", position=Position(page=2))), 1, 2)
    document = Document(
        "扫描件.pdf", "pdf",
        (Block("paragraph", "全年预算786.32万元", position=doubt), Block("table", table=table)),
        ocr_pages=(2,),
    )
    assert document_from_json(document_to_json(document)) == document
