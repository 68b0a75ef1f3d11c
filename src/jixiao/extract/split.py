"""Documents that hold several forms one after another: one record per form.

Departments often publish every project's 自评表 in one file. A form starts at a table
whose first cell is 项目名称 (with the title paragraphs just above it); the document is
cut before each start. What stands before the first start and holds no 项目名称 is the
tail of a form that began on an earlier page, not a form of its own.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import replace

from jixiao.extract.numbers import clean
from jixiao.model.document import Block, Document

_START = re.compile(r"^项目名称[:：]?$")
_TITLE = re.compile(r"绩效自评表|绩效评价表|^[（(]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$|^附件")
_TITLE_REACH = 3


def _is_start(block: Block) -> bool:
    if block.table is None:
        return False
    first = min(block.table.cells, key=lambda c: (c.row, c.col), default=None)
    return first is not None and bool(_START.match(clean(first.text)))


def form_starts(document: Document) -> list[int]:
    """Block indices where a project form begins (its title paragraphs included)."""
    starts = []
    for index, block in enumerate(document.blocks):
        if not _is_start(block):
            continue
        begin = index
        while (begin > 0 and index - begin < _TITLE_REACH and document.blocks[begin - 1].table is None
               and _TITLE.search(document.blocks[begin - 1].text)):
            begin -= 1
        starts.append(begin)
    return starts


def split_forms(document: Document) -> list[Document]:
    """The document cut into its forms (the document itself when it holds fewer than two)."""
    starts = form_starts(document)
    if len(starts) < 2:
        return [document]
    bounds = [*starts, len(document.blocks)]
    return [replace(document, blocks=document.blocks[a:b]) for a, b in itertools.pairwise(bounds)]
