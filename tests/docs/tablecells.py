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
    """Every ruled table cell of every page, with its printed lines (blank cells left out)."""
    import pymupdf as mu

    out = []
    with mu.open(pdf_path) as doc:
        for pno, page in enumerate(doc, 1):
            tables = page.find_tables().tables
            if not tables:
                continue
            chars = [(ch["c"], ch["bbox"], ch["origin"][1])
                     for block in page.get_text("rawdict")["blocks"]
                     for line in block.get("lines", []) for span in line["spans"]
                     for ch in span["chars"] if ch["c"].strip()]
            for t, table in enumerate(tables):
                for r, row in enumerate(table.rows):
                    for c, box in enumerate(row.cells):
                        if box is None:
                            continue
                        x0, y0, x1, y1 = box
                        inside = [(ch, base, bb[0]) for ch, bb, base in chars
                                  if x0 - 0.5 <= bb[0] < x1 - 0.5
                                  and y0 <= (bb[1] + bb[3]) / 2 <= y1]
                        if not inside:
                            continue
                        lines: dict[float, list] = {}
                        for ch, base, x in inside:
                            key = next((k for k in lines if abs(k - base) < 2), base)
                            lines.setdefault(key, []).append((x, ch))
                        text = ["".join(ch for _, ch in sorted(v)) for _, v in sorted(lines.items())]
                        out.append(Cell(pno, t, r, c, text))
    return out
