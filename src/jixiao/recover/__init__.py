"""Recovery: tables rebuilt from text that lost its markup (Document → Document).

Real reports reach us as text copied from web pages and PDFs: markdown pipe tables,
columns separated by runs of spaces, one cell per line, whole forms flattened onto one
line with single spaces, or cells run together. `recover` finds the tables in the
paragraphs of a document and puts them back as table blocks, each cell keeping the
position of the text it came from; the paragraphs they used are removed (or cut, when
a table stood inside one long line) and everything else is left as it was.

Two passes: lines that kept their rows (`rows`), then the standard forms found by
their header words in a token stream (`indicator_form`, `scoring_form`, `money_form`,
`label_form`). Extraction then reads the recovered tables like any other.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace

from jixiao.model.document import Block, Cell, Document, Position, Table
from jixiao.readers.limits import check_grid
from jixiao.recover import indicator_form, label_form, layout, money_form, rows, scoring_form
from jixiao.recover.grid import Grid, GridCell, Recogniser
from jixiao.recover.normalize import normalize
from jixiao.recover.tokens import Stream, Token, block_tokens

#: Recognisers of the standard forms; at a tie the earlier one wins.
RECOGNISERS: tuple[Recogniser, ...] = (
    scoring_form.find,
    indicator_form.find,
    money_form.find,
    money_form.find_staff,
    label_form.find_goals,
    label_form.find_labels,
)
_MAX_TABLES = 200


@dataclass
class _Found:
    """A recovered table and the tokens (source spans) it used."""

    grid_rows: list[list[GridCell]]
    consumed: list[Token]


def recover(document: Document) -> Document:
    """`document` with the tables of its flattened text recovered as table blocks."""
    document = normalize(document)
    out: list[Block] = []
    region: list[tuple[int, Block]] = []
    changed = False
    for index, block in enumerate(document.blocks):
        if block.table is not None:
            rebuilt = _region(document, region)
            changed = changed or rebuilt is not None
            out.extend(rebuilt if rebuilt is not None else (b for _, b in region))
            out.append(block)
            region = []
        else:
            region.append((index, block))
    rebuilt = _region(document, region)
    changed = changed or rebuilt is not None
    out.extend(rebuilt if rebuilt is not None else (b for _, b in region))
    return replace(document, blocks=tuple(out)) if changed else document


def _region(document: Document, region: list[tuple[int, Block]]) -> list[Block] | None:
    """The blocks of a run of paragraphs with their tables recovered (None: nothing found)."""
    if not region:
        return None
    found: list[_Found] = []
    laid_out = layout.find_tables(region)
    for table in laid_out:
        lines = [Token(b.text, i, 0, len(b.text)) for i, b in region if i in set(table.used)]
        found.append(_Found(table.rows, lines))
    used_blocks = {i for table in laid_out for i in table.used}
    region_left = [(i, b) for i, b in region if i not in used_blocks]
    line_rows = rows.runs(region_left)
    used_blocks |= {r.block for run in line_rows for r in run}
    for run in line_rows:
        grid = rows.grid_rows(run)
        found.append(_Found(grid, [c for r in run for c in r.cells]))
    rest = [(i, b) for i, b in region if i not in used_blocks]
    for part in _split_runs(rest):
        tokens = [t for i, b in part for t in block_tokens(i, b)]
        found += _forms(tokens)
    if not found:
        return None
    return _splice(document, region, found)


def _split_runs(blocks: list[tuple[int, Block]]) -> list[list[tuple[int, Block]]]:
    """Consecutive stretches of blocks (a recovered line table breaks a stretch)."""
    parts: list[list[tuple[int, Block]]] = []
    for index, block in blocks:
        if parts and parts[-1][-1][0] == index - 1:
            parts[-1].append((index, block))
        else:
            parts.append([(index, block)])
    return parts


def _forms(tokens: list[Token]) -> list[_Found]:
    """Every standard form in a token stream, left to right."""
    found: list[_Found] = []
    pos = 0
    while tokens and len(found) < _MAX_TABLES:
        stream = Stream(tokens)
        grid = _next_grid(stream, pos)
        if grid is None:
            break
        found.append(_Found(grid.rows, grid.consumed))
        tokens, pos = grid.rest, 0
    return found


def _next_grid(stream: Stream, pos: int) -> Grid | None:
    """The grid of the earliest form from `pos` that parses."""
    while pos < len(stream.compact):
        candidates = [c for c in (find(stream, pos) for find in RECOGNISERS) if c is not None]
        if not candidates:
            return None
        first = min(candidates, key=lambda c: c.start)
        for candidate in [c for c in candidates if c.start == first.start]:
            grid = candidate.parse()
            if grid is not None:
                return grid
        pos = first.start + 1
    return None


def _table(document: Document, grid_rows: list[list[GridCell]], anchor: Position) -> Table:
    cells = []
    for r, row in enumerate(grid_rows):
        for c, cell in enumerate(row):
            position = document.blocks[cell.tokens[0].block].position if cell.tokens else anchor
            cells.append(Cell(r, c, cell.text, position=position))
    check_grid(len(grid_rows), max(len(r) for r in grid_rows))
    return Table(tuple(cells), n_rows=len(grid_rows), n_cols=max(len(r) for r in grid_rows))


def _splice(document: Document, region: list[tuple[int, Block]], found: list[_Found]) -> list[Block]:
    """The region's blocks with used text cut out and the tables put where they began."""
    covered: dict[int, list[tuple[int, int]]] = defaultdict(list)
    events: list[tuple[tuple[int, int], Block]] = []
    for item in found:
        pieces = [p for t in item.consumed for p in t.pieces()]
        if not pieces:
            continue
        for piece in pieces:
            covered[piece.block].append((piece.start, piece.end))
        first = min(pieces, key=lambda p: (p.block, p.start))
        anchor = document.blocks[first.block].position
        table = _table(document, item.grid_rows, anchor)
        events.append(((first.block, first.start), Block("table", table=table, position=anchor)))
    for index, block in region:
        for start, text in _leftover(block.text, covered.get(index, [])):
            events.append(((index, start), replace(block, text=text)))
    events.sort(key=lambda e: (e[0], e[1].kind != "table"))
    return [block for _, block in events]


def _leftover(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """The pieces of `text` outside `spans` that hold more than white space and pipes."""
    if not spans:
        return [(0, text)]
    out = []
    cursor = 0
    for start, end in sorted(spans):
        if start > cursor:
            out.append((cursor, text[cursor:start]))
        cursor = max(cursor, end)
    out.append((cursor, text[cursor:]))
    return [(s, t.strip()) for s, t in out if t.strip(" \t|\u3000:：")]
