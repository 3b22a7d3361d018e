"""The sheet drawn as a grid, with the cells the reader found fault with marked.

A `Problem` names the sheet, the row as Excel shows it and the column by the header the user
typed (or the key, on 发文信息). The header's column is found in the rows above the faulty
one; on a key/value sheet the value next to the key is marked. A problem without a row marks
nothing on the grid (it is still in the list above it).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hongtou.rules.text import squash

MAX_ROWS = 300      # rows drawn around the faults; more would make the page slow to scroll
MAX_COLS = 26


@dataclass
class Grid:
    sheet: str
    first_row: int                          # Excel's number of rows[0]
    rows: list[list[str]]
    marks: dict[tuple[int, int], list[int]] = field(default_factory=dict)  # (row, col) → problem indexes
    unplaced: list[int] = field(default_factory=list)

    @property
    def columns(self) -> list[str]:
        width = max((len(r) for r in self.rows), default=0)
        return [column_letter(i) for i in range(width)]


def column_letter(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def _text(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def _find_column(rows: list[list], row: int, column: str) -> int | None:
    """The 0-based column of header `column`, looking up from row `row` (1-based)."""
    want = squash(column)
    for r in range(min(row, len(rows)) - 1, -1, -1):
        for c, v in enumerate(rows[r]):
            if isinstance(v, str) and v and squash(v) == want:
                if r == row - 1:          # a key on its own row: the value is beside it
                    return c + 1
                return c
    return None


def grids(tables: dict, problems: list) -> list[Grid]:
    """One grid per sheet that has a located problem, in the order the problems come."""
    by_sheet: dict[str, list[int]] = {}
    lookup = {squash(name): name for name in tables}
    for i, p in enumerate(problems):
        name = lookup.get(squash(p.sheet or ""))
        if name is not None:
            by_sheet.setdefault(name, []).append(i)
    out = []
    for name, indexes in by_sheet.items():
        table = tables[name]
        rows = table.rows
        placed = [i for i in indexes if problems[i].row]
        last = max((problems[i].row for i in placed), default=1)
        first = max(1, last + 5 - MAX_ROWS)          # the last fault stays in view
        end = min(len(rows), first - 1 + MAX_ROWS)
        g = Grid(name, first, [[_text(v) for v in r[:MAX_COLS]] for r in rows[first - 1:end]])
        for i in indexes:
            p = problems[i]
            col = _find_column(rows, p.row, p.column) if p.row and p.column else None
            if p.row and first <= p.row <= end:
                g.marks.setdefault((p.row, col if col is not None and col < MAX_COLS else -1),
                                   []).append(i)
            else:
                g.unplaced.append(i)
        out.append(g)
    return out
