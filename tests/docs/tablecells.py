"""Table cells as LibreOffice printed them: each cell's text lines, read from a PDF with
pymupdf (the ruled grid gives the cells, the characters' positions give the lines)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Cell:
    page: int          # 1-based
    table: int         # the table's index on its page
    row: int
    col: int
    lines: list[str]   # the printed lines, spaces dropped

    @property
    def text(self) -> str:
        return "".join(self.lines)


def cells(pdf_path) -> list[Cell]:
    """Every ruled table cell of every page, with its printed lines (blank cells left out).

    The cells are the boxes the table's rules make: LibreOffice draws each table's
    vertical rules over its full height on a page and its horizontal rules over its full
    width, so a character belongs to the box between the nearest rules around it (its left
    edge is taken, so a mark hanging past the right rule stays in its cell)."""
    import pymupdf as mu

    out = []
    with mu.open(pdf_path) as doc:
        for pno, page in enumerate(doc, 1):
            horiz, vert = [], []
            for d in page.get_drawings():
                for item in d["items"]:
                    if item[0] != "l":
                        continue
                    a, b = item[1], item[2]
                    if abs(a.y - b.y) < 0.5:
                        horiz.append((a.y, min(a.x, b.x), max(a.x, b.x)))
                    elif abs(a.x - b.x) < 0.5:
                        vert.append((a.x, min(a.y, b.y), max(a.y, b.y)))
            if not horiz or not vert:
                continue
            boxes: dict[tuple, list] = {}
            for block in page.get_text("rawdict")["blocks"]:
                for line in block.get("lines", []):
                    for span in line["spans"]:
                        for ch in span["chars"]:
                            if not ch["c"].strip():
                                continue
                            x = ch["bbox"][0] + 1
                            y = (ch["bbox"][1] + ch["bbox"][3]) / 2
                            left = max((v for v in vert if v[1] <= y <= v[2] and v[0] <= x),
                                       default=None)
                            right = min((v[0] for v in vert if v[1] <= y <= v[2] and v[0] > x),
                                        default=None)
                            top = max((h[0] for h in horiz if h[1] <= x <= h[2] and h[0] <= y),
                                      default=None)
                            bottom = min((h[0] for h in horiz
                                          if h[1] <= x <= h[2] and h[0] > y), default=None)
                            if None in (left, right, top, bottom):
                                continue
                            table = round(left[2] / 3)   # the outer rules run 0.5 pt longer
                            boxes.setdefault((table, top, left[0]), []).append(
                                (ch["origin"][1], ch["bbox"][0], ch["c"]))
            tables = sorted({k[0] for k in boxes})
            for (table, top, left), chars in boxes.items():
                tops = sorted({k[1] for k in boxes if k[0] == table})
                lefts = sorted({k[2] for k in boxes if k[0] == table})
                lines: dict[float, list] = {}
                for base, x, c in chars:
                    key = next((k for k in lines if abs(k - base) < 2), base)
                    lines.setdefault(key, []).append((x, c))
                text = ["".join(c for _, c in sorted(v)) for _, v in sorted(lines.items())]
                out.append(Cell(pno, tables.index(table), tops.index(top), lefts.index(left),
                                text))
    return out
