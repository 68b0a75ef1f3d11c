"""Figures typed in full-width characters (``９８２．６０万元``) made half-width.

Only runs of digits with their decimal point, thousands separators and percent sign
are changed, so that every reader of figures sees ``982.60万元``; all other text keeps
its full-width forms as written (NFKC on a figure, nowhere else).
"""

from __future__ import annotations

import re
from dataclasses import replace

from jixiao.model.document import Block, Document, Table

_WIDE_DIGIT = re.compile(r"[０-９]")
_FIGURE = re.compile(r"[０-９0-9](?:[０-９0-9]|[．，.,](?=[０-９0-9]))*[％%]?")
_HALF = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


def half_width_figures(text: str) -> str:
    """`text` with its full-width figures in half-width characters."""
    if not _WIDE_DIGIT.search(text):
        return text
    return _FIGURE.sub(lambda m: m.group().translate(_HALF), text)


def _table(table: Table) -> Table:
    cells = tuple(replace(c, text=half_width_figures(c.text)) if _WIDE_DIGIT.search(c.text) else c
                  for c in table.cells)
    return replace(table, cells=cells)


def _block(block: Block) -> Block:
    if block.table is not None:
        if any(_WIDE_DIGIT.search(c.text) for c in block.table.cells):
            return replace(block, table=_table(block.table))
        return block
    return replace(block, text=half_width_figures(block.text)) if _WIDE_DIGIT.search(block.text) else block


def normalize(document: Document) -> Document:
    """The document with full-width figures made half-width (the same object when there are none)."""
    blocks = tuple(_block(b) for b in document.blocks)
    if all(a is b for a, b in zip(blocks, document.blocks, strict=True)):
        return document
    return replace(document, blocks=blocks)

