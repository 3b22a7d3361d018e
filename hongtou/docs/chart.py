"""The 进展通报's bar chart (完成率 by department), drawn as a table of shaded cells.

It is the 通报's alone, so it lives beside it; the pieces it is made of (`ppr`, `para`,
`run`, the table `TableColumn`) are layout's.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Length

from ..layout import gbt9704 as g
from ..layout.ooxml import TableColumn, para, ppr, rows_kept, run


@dataclass(frozen=True)
class Bar:
    """One bar: `share` (0–1) is its length as a part of the axis, `value` the figure
    printed after it ("66.7%")."""

    label: str
    share: float
    value: str


BAR_STEPS = 100                 # the axis is cut into this many grid columns: 1 % resolution
BAR_FILL = "808080"             # the done part: mid grey, prints alike in colour and in black
BAR_TRACK = "EDEDED"            # the rest of the axis, so every bar shows where 100 % ends
BAR_GAP = g.Pt(5)               # white space between two bars (an exact-height spacer row)
_HAIR = g.Pt(0.5)


def bar_chart(bars: list[Bar], *, label: TableColumn, axis: Length, value: TableColumn,
              header_style: str, cell_style: str, heads: tuple[str, str, str],
              fill: str = BAR_FILL, track: str = BAR_TRACK, hold: int = g.TABLE_HOLD_LINES) -> str:
    """A horizontal bar chart made of table cells.

    Why a table, not a picture or shapes: a picture needs a plotting library and cannot be
    edited in Word; DrawingML rectangles are positioned by anchors that Word, WPS and
    LibreOffice resolve differently (LibreOffice 7.4 ignores frames and floating-table
    positions, see `zones.record_zone`) and they do not move with the rows when text above
    them changes. A fixed-layout table with `w:gridCol` widths, `w:gridSpan` and cell shading
    uses only what all three lay out the same way since their first versions, flows and
    breaks like text, and prints in black and white.

    Layout: one grid of `label` | `BAR_STEPS` equal columns spanning `axis` | `value`. In a
    bar's row the first k = round(share × BAR_STEPS) axis columns are merged into one shaded
    cell (`fill`) and the rest into one lightly shaded cell (`track`); the axis has a black
    line on its left. Bars are separated by empty exact-height rows, because shading fills
    a cell edge to edge. A last row rules the axis and marks 0 %, 50 % and 100 %.

    Page breaks: the chart flows like a table (`ooxml.table`'s `hold`): the header and the
    first bars keep together until they hold `hold` lines, and so do the last bars and the
    axis; between them a page may end, and the header is repeated. Kept whole, a chart of 8–16 bars that
    did not fit left up to 117 mm of the page above it blank.
    """
    steps = BAR_STEPS
    axis_tw = g.twips(axis)
    cuts = [round(i * axis_tw / steps) for i in range(steps + 1)]
    grid = [g.twips(label.width), *(b - a for a, b in zip(cuts, cuts[1:])), g.twips(value.width)]
    total = sum(grid)
    margin = g.twips(g.TABLE_CELL_MARGIN)
    none = "".join(f'<w:{e} w:val="nil"/>'
                   for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
           f'<w:tblBorders>{none}</w:tblBorders><w:tblLayout w:type="fixed"/>'
           f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
           f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
           ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
           + "".join(f'<w:gridCol w:w="{w}"/>' for w in grid) + "</w:tblGrid>"]

    def width(first: int, n: int) -> int:  # twips of n axis columns from axis column `first`
        return cuts[first + n] - cuts[first]

    rule = _edge("bottom", _HAIR)
    left_axis = _edge("left", _HAIR)
    out.append(_chart_row([
        _chart_cell(heads[0], grid[0], 1, header_style, "center", borders=rule, keep=True),
        _chart_cell(heads[1], axis_tw, steps, header_style, "center", borders=rule, keep=True),
        _chart_cell(heads[2], grid[-1], 1, header_style, "center", borders=rule, keep=True),
    ], header=True))
    spacer = _chart_row([
        _chart_cell("", grid[0], 1, cell_style, "left", tiny=True),
        _chart_cell("", axis_tw, steps, cell_style, "left", borders=left_axis, tiny=True),
        _chart_cell("", grid[-1], 1, cell_style, "left", tiny=True)], exact=BAR_GAP)
    # the last bar with the axis; a bar is as many lines as its label
    kept = rows_kept([b.label.count("\n") + 1 for b in bars], hold) | {len(bars) - 1}
    for b, bar in enumerate(bars):
        out.append(spacer)
        k = round(max(0.0, min(1.0, bar.share)) * steps)
        if 0 < bar.share and k == 0:
            k = 1                 # a started bar is never shown empty …
        if bar.share < 1 and k == steps:
            k = steps - 1         # … nor an unfinished one full
        keep = b in kept
        cells = [_chart_cell(bar.label, grid[0], 1, cell_style, "right", keep=keep)]
        if k:
            cells.append(_chart_cell("", width(0, k), k, cell_style, "left", fill=fill,
                                     borders=left_axis, keep=keep))
        if k < steps:
            cells.append(_chart_cell("", width(k, steps - k), steps - k, cell_style, "left",
                                     fill=track, borders="" if k else left_axis, keep=keep))
        cells.append(_chart_cell(bar.value, grid[-1], 1, cell_style, "left", keep=keep))
        out.append(_chart_row(cells))
    out.append(spacer)
    half = steps // 2
    top = _edge("top", _HAIR)
    out.append(_chart_row([
        _chart_cell("", grid[0], 1, cell_style, "left"),
        _chart_cell("0", width(0, half // 2), half // 2, cell_style, "left", borders=top),
        _chart_cell("50%", width(half // 2, half), half, cell_style, "center", borders=top),
        _chart_cell("100%", width(half // 2 + half, steps - half // 2 - half),
                    steps - half // 2 - half, cell_style, "right", borders=top),
        _chart_cell("", grid[-1], 1, cell_style, "left"),
    ]))
    out.append("</w:tbl>")
    return "".join(out)


def _edge(edge: str, size: Length) -> str:
    return f'<w:{edge} w:val="single" w:sz="{g.eighth_points(size)}" w:space="0" w:color="000000"/>'


def _chart_row(cells: list[str], header: bool = False, exact: Length | None = None) -> str:
    height = (f'<w:trHeight w:val="{g.twips(exact)}" w:hRule="exact"/>'
              if exact is not None else "")
    return (f"<w:tr><w:trPr><w:cantSplit/>{height}{'<w:tblHeader/>' if header else ''}"
            f"</w:trPr>{''.join(cells)}</w:tr>")


def _chart_cell(text: str, width: int, span: int, style: str, align: str, *, fill: str = "",
                borders: str = "", keep: bool = False, tiny: bool = False) -> str:
    """A chart cell: `span` grid columns, optional shading and borders. `keep` holds the row
    with the next one; `tiny` makes its paragraph one point tall, for the spacer rows."""
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    border_xml = f"<w:tcBorders>{borders}</w:tcBorders>" if borders else ""
    shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    props = ppr(style, align=align, keep_next=keep or tiny,
                line=g.Pt(1) if tiny else None, snap=False if tiny else None)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}{border_xml}{shade}'
            f'<w:vAlign w:val="center"/></w:tcPr>{para(run(text) if text else "", props)}</w:tc>')
