"""What a batch stores in the web app's database beside a record, packed in the worker.

``jixiao review --db`` keeps for each document what an upload in the web app keeps
(`jixiao.store.records.snapshot_of`: the score, the findings with their places, the
provenance, the claims and the search text) and the neutral document that the
source pane shows. The worker builds it from its `Evaluation` and sends it back
compressed, so the parent never sees the document's bytes and holds at most the
payloads of the documents in flight; it unpacks one payload at a time to store it.

A document whose neutral form is over `stored_source_limit` (characters of JSON) is
stored without it (its record, score and findings are stored all the same), and the
search text of any document is cut at `jixiao.store.records.SEARCH_CHARS`, so that one
huge file cannot take the parent's memory: storing a document takes the parent about
six times its document JSON at the moment it is stored (decompressing, parsing,
encoding for the database), one document at a time.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass

from jixiao.model.record import Record
from jixiao.pipeline import Evaluation
from jixiao.store.documents import document_to_json
from jixiao.store.records import Snapshot, snapshot_of

#: Default of `stored_source_limit`: 8 Mi characters of document JSON (a real report's
#: neutral form takes tens to hundreds of kilobytes).
STORED_SOURCE = 8 * 1024 * 1024


def stored_source_limit() -> int:
    """Largest document JSON stored (``JIXIAO_LIMIT_STORED_SOURCE`` overrides the default)."""
    raw = os.environ.get("JIXIAO_LIMIT_STORED_SOURCE", "")
    return int(raw) if raw.isdigit() and int(raw) > 0 else STORED_SOURCE


@dataclass(frozen=True)
class Stored:
    """A snapshot to save and the document JSON of its source (None when not kept)."""

    snapshot: Snapshot
    document_json: str | None


def pack(evaluation: Evaluation) -> bytes:
    """The evaluation's snapshot and document, as compressed JSON (run in the worker)."""
    snapshot = snapshot_of(evaluation)
    limit = stored_source_limit()
    document = document_to_json(evaluation.document) if evaluation.document is not None else None
    if document is not None and len(document) > limit:
        document = None
    payload = {
        "record": snapshot.record.to_json(indent=None),
        "findings": snapshot.findings,
        "score": snapshot.score_json,
        "provenance": snapshot.provenance_json,
        "claims": snapshot.claims_json,
        "columns": snapshot.columns,
        "text": snapshot.text,
        "document": document,
    }
    return zlib.compress(json.dumps(payload, ensure_ascii=False, default=str).encode("utf-8"), 1)


def unpack(data: bytes) -> Stored:
    """What `pack` packed."""
    payload = json.loads(zlib.decompress(data))
    snapshot = Snapshot(
        record=Record.from_json(payload["record"]),
        findings=payload["findings"],
        score_json=payload["score"],
        provenance_json=payload["provenance"],
        claims_json=payload["claims"],
        columns=payload["columns"],
        text=payload["text"],
    )
    return Stored(snapshot, payload["document"])
