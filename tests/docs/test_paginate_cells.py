"""The paginator's table rows are as tall as LibreOffice prints them.

A 300-item campaign's 通报 printed its overdue list a page longer than the paginator had it
(the 版记 then given a page of its own although the text ended high on the page before): in
a table cell LibreOffice lets no stop hang past the edge, so 「…实际成效少。」 ends with 「少。」 on
a line of its own, and the model, which hung the 。, counted the row a line short. Rows of
text cells that end just at, and just past, a cell's edge are laid out here, printed with
LibreOffice in one call, and every row's printed height compared with the model's.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout import styles as st
from hongtou.layout.ooxml import TableColumn, table
from hongtou.layout.package import Section, document_xml, package
from hongtou.layout.paginate import NS, W, Paginator, styles_of
from tests.helpers import need_render

CELL = 20                         # characters a line of the text cell holds (小四, 12 pt)
TEXT_COLUMN = g.Pt(CELL * 12 + 2 * 4.25 + 1)   # with its margins (1.5 mm a side) and a point
TEXTS = [
    "字" * (CELL - 1) + "少。",                     # the stop just past the edge
    "字" * (CELL - 2) + "少。",                     # the stop on the line
    "字" * (2 * CELL - 1) + "少。",                 # on the second line
    "存在“击鼓传花”现象，" + "字" * (CELL - 11) + "成效少。",   # quotes, a comma, the stop
    "字" * (CELL - 1) + "少，" + "字" * 5 + "。",      # a comma past the edge
    "字" * (CELL - 3) + "“少”。",                   # a closing quote and stop past the edge
]


def document() -> bytes:
    rows = [[str(i + 1), text] for i, text in enumerate(TEXTS)]
    columns = [TableColumn("序号", g.Pt(40)), TableColumn("问题描述", TEXT_COLUMN, align="left")]
    grid = table(columns, rows, header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT,
                 total=g.Length(columns[0].width + columns[1].width))
    return package(document_xml(grid, Section()))


def model_rows(docx: bytes) -> list[float]:
    """The rows' heights (pt) as the paginator measures them at their longest (LibreOffice)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
        styles = styles_of(z.read("word/styles.xml"))
    pager = Paginator(styles, 637.8, 0.0)
    tbl = root.find("w:body/w:tbl", NS)
    margins = tbl.find("w:tblPr/w:tblCellMar", NS)
    lr = sum(int(margins.find(f"w:{side}", NS).get(W + "w")) / 20 for side in ("left", "right"))
    return [pager._row(tr, lr, 0.0)[0] for tr in tbl.findall("w:tr", NS)]


def test_a_cells_rows_print_as_tall_as_the_model_has_them(tmp_path):
    need_render()
    import pymupdf

    from tests.conftest import convert_to_pdf

    docx = document()
    path = tmp_path / "cells.docx"
    path.write_bytes(docx)
    pdf = convert_to_pdf([path], tmp_path, tmp_path / "lo-profile")["cells"]
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        rules = sorted({round(d["rect"].y0, 1) for d in page.get_drawings()
                        if d["rect"].height < 1.5 and d["rect"].width > 100})
    printed = [b - a for a, b in zip(rules, rules[1:])]
    model = model_rows(docx)
    assert len(printed) == len(model) == len(TEXTS) + 1
    for k, (got, want) in enumerate(zip(printed, model)):
        assert got == pytest.approx(want, abs=1.0), (k, TEXTS[k - 1] if k else "header",
                                                     printed, model)
