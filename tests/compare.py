"""Comparing the fast outputs with the slow path's (plain docxtpl, plain openpyxl), as a
reader sees them: both files opened, their content compared piece by piece."""

from __future__ import annotations

import io
import zipfile

import openpyxl
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def completed(docx: bytes) -> bytes:
    """A .docx as docxtpl saved it, given what hongtou does to every rendered document (the
    署名's page holding text, the 版记's own page: layout.package.complete)."""
    from hongtou.layout.package import complete
    from hongtou.zippack import zip_parts

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    return zip_parts(complete(parts))


def docx_facts(docx: bytes) -> list[tuple]:
    """Every paragraph of the body: its style, its text, and the shading of its cell."""
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    out = []
    for p in root.iter(f"{W}p"):
        style = p.find(f"{W}pPr/{W}pStyle")
        cell = next((a for a in p.iterancestors(f"{W}tc")), None)
        shade = cell.find(f"{W}tcPr/{W}shd") if cell is not None else None
        out.append((style.get(f"{W}val") if style is not None else None,
                    "".join(t.text or "" for t in p.iter(f"{W}t")),
                    shade.get(f"{W}fill") if shade is not None else None))
    return out


def cell_facts(c) -> tuple:
    colour = (c.fill.fgColor.rgb or "")[-6:] if c.fill.fill_type else ""
    return (c.value, c.data_type, c.number_format, c.font.name, c.font.sz, bool(c.font.b),
            (c.font.color.rgb or "")[-6:] if c.font.color is not None and
            isinstance(c.font.color.rgb, str) else "",
            c.fill.fill_type, colour,
            tuple(getattr(getattr(c.border, e), "style", None)
                  for e in ("left", "right", "top", "bottom")),
            c.alignment.horizontal, c.alignment.vertical, bool(c.alignment.wrap_text),
            c.protection.locked, bool(c.quotePrefix), c.style)


def sheet_facts(ws) -> dict:
    dims = {k: (round(d.width, 2), bool(d.hidden)) for k, d in ws.column_dimensions.items()
            if d.customWidth or d.hidden}
    rules = [(str(cf.sqref), [(r.type, r.operator, r.formula, r.dxf.fill.fgColor.rgb[-6:],
                               r.dxf.font.color.rgb[-6:]) for r in cf.rules])
             for cf in ws.conditional_formatting]
    validations = [(str(v.sqref), v.type, v.formula1, v.allow_blank, v.showErrorMessage,
                    v.errorTitle, v.error, v.showInputMessage, v.promptTitle, v.prompt)
                   for v in ws.data_validations.dataValidation]
    p = ws.protection
    charts = [(c.tagname, [(s.val.numRef.f, s.cat.strRef.f if s.cat.strRef else None)
                           for s in c.series], c.x_axis.scaling.orientation)
              for c in ws._charts]
    return {
        "size": (ws.max_row, ws.max_column),
        "columns": dims,
        "heights": {r: d.height for r, d in ws.row_dimensions.items() if d.height},
        "merged": sorted(str(r) for r in ws.merged_cells.ranges),
        "freeze": ws.freeze_panes,
        "filter": ws.auto_filter.ref,
        "print_titles": ws.print_title_rows,
        "page": (ws.page_setup.orientation, str(ws.page_setup.paperSize),
                 ws.page_setup.fitToWidth, ws.page_setup.fitToHeight,
                 ws.sheet_properties.pageSetUpPr.fitToPage, ws.print_options.horizontalCentered,
                 ws.page_margins.left, ws.page_margins.top, ws.oddFooter.center.text),
        "protection": (p.sheet, p.password, p.formatColumns, p.formatRows, p.autoFilter,
                       p.selectLockedCells, p.selectUnlockedCells, p.formatCells, p.sort),
        "rules": rules,
        "validations": validations,
        "charts": charts,
    }


def assert_same_workbook(fast: bytes, slow: bytes) -> None:
    a, b = (openpyxl.load_workbook(io.BytesIO(x)) for x in (fast, slow))
    assert a.sheetnames == b.sheetnames
    assert (a.properties.title, a.properties.creator, a.properties.created) == \
        (b.properties.title, b.properties.creator, b.properties.created)
    assert bool(a.security and a.security.lockStructure) == \
        bool(b.security and b.security.lockStructure)
    for name in a.sheetnames:
        wa, wb_ = a[name], b[name]
        assert sheet_facts(wa) == sheet_facts(wb_), name
        for ra, rb in zip(wa.iter_rows(), wb_.iter_rows(), strict=True):
            for ca, cb in zip(ra, rb, strict=True):
                assert cell_facts(ca) == cell_facts(cb), (name, ca.coordinate)
