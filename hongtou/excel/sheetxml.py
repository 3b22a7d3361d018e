"""SpreadsheetML written as text: hongtou's workbooks without building a cell object per cell.

openpyxl spends ~20 µs on each of a 20,000-row ledger's 300,000 cells (a `Cell`, its style
array, then an lxml element to serialise it) and rebuilds the stylesheet for every one of a
thousand department workbooks. Here a row is one joined string and every workbook shares
one stylesheet, written once (`STYLES`), whose cell formats have fixed ids (`xf`). What comes
out is what `excel/reference.py` builds with openpyxl, cell for cell (tests compare them):
the same named styles (台账文字, 台账日期 … so a whole column can be restyled from Excel's
style list), widths, heights, merged title rows, frozen and filtered header, 红黄绿 as
conditional formatting, the 整改状态 drop-down, print setup, protection and the chart.

Text is escaped here and nowhere else (`cells`, `_attr`), and text that Excel would take for a formula
when retyped ("=1+1", "-已完成") is stored as text with quotePrefix, never as a formula.
Formulas are written only by the caller, as `Formula` values, each with its cached result,
so a reader that does not recalculate (pandas, previewers, calamine) sees the figures too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Sequence

from hongtou.excel.common import (
    BODY_FONT, CENTER, DATE, DATE_FORMAT, EDITABLE, EDITABLE_FILL, FORMULA_LEADS, GB2312,
    HEADER, HEADER_FILL, LIGHT_COLOURS, NOTE, NUMBER, PERCENT, PERCENT_FORMAT, STATUS_CHOICES,
    SUBTITLE, TEXT, TITLE, TITLE_FONT, SheetColumn, cell_value, column_width, row_height,
)
from hongtou.zippack import Packed, pack, zip_packed

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# -- the stylesheet ------------------------------------------------------------------------

# Named styles in the order of cellStyleXfs (0 is Excel's "Normal"). A body style and its
# editable variant share everything but the fill and the lock.
BODY = (TEXT, CENTER, DATE, NUMBER, PERCENT)
NAMED = ("Normal", TITLE, SUBTITLE, NOTE, HEADER, *BODY, *(s + EDITABLE for s in BODY))
_FIRST_BODY = NAMED.index(TEXT)
_QUOTED = len(NAMED) - _FIRST_BODY      # body format + this = the same with quotePrefix
_EMPHASIS = len(NAMED) + _QUOTED        # first 合计-row cell format

_FONTS = (
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>',
    f'<font><b/><sz val="16"/><name val="{TITLE_FONT}"/><charset val="{GB2312}"/></font>',
    f'<font><sz val="11"/><name val="{BODY_FONT}"/><charset val="{GB2312}"/></font>',
    f'<font><b/><sz val="11"/><color rgb="FFC00000"/><name val="{BODY_FONT}"/>'
    f'<charset val="{GB2312}"/></font>',
    f'<font><b/><sz val="11"/><name val="{BODY_FONT}"/><charset val="{GB2312}"/></font>',
)
_TITLE_FONT, _BODY_FONT, _NOTE_FONT, _BOLD_FONT = 1, 2, 3, 4


def _solid(rgb: str) -> str:
    return (f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
            f'<bgColor rgb="FF{rgb}"/></patternFill></fill>')


_FILLS = ('<fill><patternFill patternType="none"/></fill>',
          '<fill><patternFill patternType="gray125"/></fill>',
          _solid(HEADER_FILL), _solid(EDITABLE_FILL))
_GREY, _YELLOW = 2, 3
_THIN = '<{0} style="thin"><color rgb="FF000000"/></{0}>'
_BORDERS = ("<border><left/><right/><top/><bottom/><diagonal/></border>",
            "<border>" + "".join(_THIN.format(e) for e in ("left", "right", "top", "bottom"))
            + "<diagonal/></border>")
_BOX = 1
_NUMFMTS = {DATE_FORMAT: 164, PERCENT_FORMAT: 165, "0": 1, "General": 0}


@dataclass(frozen=True)
class _Xf:
    font: int = 0
    fill: int = 0
    border: int = 0
    numfmt: str = "General"
    align: str | None = None
    unlocked: bool = False

    def xml(self, extra: str = "") -> str:
        attrs = (f'numFmtId="{_NUMFMTS[self.numfmt]}" fontId="{self.font}" fillId="{self.fill}"'
                 f' borderId="{self.border}"')
        inner = ""
        if self.numfmt != "General":
            attrs += ' applyNumberFormat="1"'
        if self.font:
            attrs += ' applyFont="1"'
        if self.fill:
            attrs += ' applyFill="1"'
        if self.border:
            attrs += ' applyBorder="1"'
        if self.align:
            attrs += ' applyAlignment="1"'
            inner += f'<alignment horizontal="{self.align}" vertical="center" wrapText="1"/>'
        if self.unlocked:
            attrs += ' applyProtection="1"'
            inner += '<protection locked="0"/>'
        return f"<xf {attrs}{extra}>{inner}</xf>" if inner else f"<xf {attrs}{extra}/>"


def _named_xfs() -> list[_Xf]:
    body = {TEXT: ("left", "General"), CENTER: ("center", "General"),
            DATE: ("center", DATE_FORMAT), NUMBER: ("center", "0"),
            PERCENT: ("center", PERCENT_FORMAT)}
    xfs = [_Xf(), _Xf(_TITLE_FONT, align="center"), _Xf(_BODY_FONT, align="left"),
           _Xf(_NOTE_FONT, align="left"), _Xf(_BOLD_FONT, _GREY, _BOX, align="center")]
    xfs += [_Xf(_BODY_FONT, 0, _BOX, fmt, align) for align, fmt in body.values()]
    xfs += [_Xf(_BODY_FONT, _YELLOW, _BOX, fmt, align, unlocked=True)
            for align, fmt in body.values()]
    return xfs


def _stylesheet() -> str:
    named = _named_xfs()
    cell_xfs = [x.xml(f' xfId="{i}"') for i, x in enumerate(named)]
    cell_xfs += [named[i].xml(f' xfId="{i}" quotePrefix="1"')         # text kept as text
                 for i in range(_FIRST_BODY, len(NAMED))]
    cell_xfs += [_Xf(_BOLD_FONT, _GREY, _BOX, named[i].numfmt, named[i].align).xml(f' xfId="{i}"')
                 for i in range(_FIRST_BODY, _FIRST_BODY + len(BODY))]  # 合计 rows
    dxfs = "".join(f'<dxf><font><color rgb="FF{text}"/></font>{_solid(fill)}</dxf>'
                   for fill, text in LIGHT_COLOURS.values())
    numfmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{_attr(code)}"/>'
                      for code, i in _NUMFMTS.items() if i >= 164)
    styles = "".join(f'<cellStyle name="{_attr(name)}" xfId="{i}"'
                     + (' builtinId="0"/>' if i == 0 else "/>") for i, name in enumerate(NAMED))
    return (f'<styleSheet xmlns="{MAIN_NS}">'
            f'<numFmts count="2">{numfmts}</numFmts>'
            f'<fonts count="{len(_FONTS)}">{"".join(_FONTS)}</fonts>'
            f'<fills count="{len(_FILLS)}">{"".join(_FILLS)}</fills>'
            f'<borders count="{len(_BORDERS)}">{"".join(_BORDERS)}</borders>'
            f'<cellStyleXfs count="{len(named)}">{"".join(x.xml() for x in named)}</cellStyleXfs>'
            f'<cellXfs count="{len(cell_xfs)}">{"".join(cell_xfs)}</cellXfs>'
            f'<cellStyles count="{len(NAMED)}">{styles}</cellStyles>'
            f'<dxfs count="{len(LIGHT_COLOURS)}">{dxfs}</dxfs>'
            '<tableStyles count="0" defaultTableStyle="TableStyleMedium9"'
            ' defaultPivotStyle="PivotStyleLight16"/></styleSheet>')


def xf(style: str) -> int:
    """The cell format id of a named style."""
    return NAMED.index(style)


def quoted(xf_id: int) -> int:
    """The same format with quotePrefix: text that looks like a formula stays text."""
    return xf_id + _QUOTED if _FIRST_BODY <= xf_id < len(NAMED) else xf_id


def emphasised(style: str) -> int:
    """Bold on grey (a 合计 row), keeping the style's number format."""
    return _EMPHASIS + BODY.index(style)


# -- text ----------------------------------------------------------------------------------

_SPECIAL = re.compile(r'[&<>"\r]')
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;"}


def _escape(m: re.Match) -> str:
    return _ESCAPES[m.group()]


def _attr(text: str) -> str:
    """Escape text for an element or an attribute (a lone \\r survives as &#13;)."""
    return _SPECIAL.sub(_escape, text) if _SPECIAL.search(text) else text


_EPOCH = date(1899, 12, 30).toordinal()


def serial(value: date | datetime) -> str:
    """Excel's day number (the 1900 system) of a date, with the time as a fraction."""
    days = value.toordinal() - _EPOCH
    if isinstance(value, datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return repr(days + seconds / 86400) if seconds else str(days)
    return str(days)


ROW_MARK = "\x01"  # in a Formula's expr: the number of the row it is written to


@dataclass(frozen=True)
class Formula:
    """A formula (without "=") and the value it computes, stored as its cached result (text,
    "" for an empty result, a number or a date). `ROW_MARK` in `expr` stands for the row, so
    one Formula can serve a whole column."""

    expr: str
    value: int | float | str | date

    def at(self, row: int | str) -> str:
        """The formula as written in row `row`."""
        return self.expr.replace(ROW_MARK, str(row)) if ROW_MARK in self.expr else self.expr


@lru_cache(maxsize=1024)
def _escaped(expr: str) -> str:
    """A formula escaped once: a column's formula differs from row to row only by ROW_MARK."""
    return _attr(expr)


def _formula_cell(col: str, r: str, s: int, f: Formula) -> str:
    expr, value = _escaped(f.expr), f.value
    if ROW_MARK in expr:
        expr = expr.replace(ROW_MARK, r)
    if value.__class__ is str:
        return f'<c r="{col}{r}" s="{s}" t="str"><f>{expr}</f><v>{_attr(value)}</v></c>'
    if isinstance(value, (date, datetime)):
        value = serial(value)
    return f'<c r="{col}{r}" s="{s}"><f>{expr}</f><v>{value}</v></c>'


def letter(col: int) -> str:
    """Column letter of 1-based `col` (1 → A, 27 → AA)."""
    out = ""
    while col:
        col, rem = divmod(col - 1, 26)
        out = chr(65 + rem) + out
    return out


_LETTERS = tuple(letter(c) for c in range(1, 703))  # A … ZZ


def cells(row: int, values: Sequence[Any], styles: Sequence[int]) -> str:
    """The <c> elements of one row from column A: text inline, numbers and dates as numbers,
    None as an empty styled cell (so the borders are drawn), `Formula` with its cached
    value. Called once per row of every sheet, so the common cases come first."""
    out = []
    append = out.append
    r = str(row)
    for col, value, s in zip(_LETTERS, values, styles):
        kind = value.__class__
        if kind is str:
            if value[0] in FORMULA_LEADS:
                s = quoted(s)
            if _SPECIAL.search(value):
                text = _SPECIAL.sub(_escape, value)
            else:
                text = value
            if value[0].isspace() or value[-1].isspace():
                append(f'<c r="{col}{r}" s="{s}" t="inlineStr"><is><t xml:space="preserve">'
                       f"{text}</t></is></c>")
            else:
                append(f'<c r="{col}{r}" s="{s}" t="inlineStr"><is><t>{text}</t></is></c>')
        elif value is None:
            append(f'<c r="{col}{r}" s="{s}"/>')
        elif kind is int or kind is float:
            append(f'<c r="{col}{r}" s="{s}"><v>{value!r}</v></c>')
        elif kind is Formula:
            append(_formula_cell(col, r, s, value))
        elif kind is bool:
            append(f'<c r="{col}{r}" s="{s}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, (date, datetime)):
            append(f'<c r="{col}{r}" s="{s}"><v>{serial(value)}</v></c>')
        else:
            raise TypeError(f"cannot write {value!r} to a cell")
    return "".join(out)


# -- a sheet -------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet being written: rows as XML strings plus what goes around them."""

    name: str
    rows: list[str] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)
    hidden: list[bool] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    last_row: int = 0
    last_col: int = 1
    frozen_rows: int = 0              # rows above the frozen pane
    filter_ref: str = ""              # the autofilter range, header included
    light_ref: str = ""               # cells coloured 红/黄/绿 by their text
    choices_ref: str = ""             # cells with the 整改状态 drop-down
    title_rows: str = ""              # "3:3", repeated on every printed page
    protected: bool = False
    charts: list["Chart"] = field(default_factory=list)
    state: str = ""                   # "hidden": a sheet for programs, not for reading
    values: list[list] = field(default_factory=list, repr=False)  # `table`'s rows, as written

    def row(self, r: int, content: str, height: float | None = None) -> None:
        """Append row `r` (rows must come in increasing order)."""
        ht = f' ht="{height:g}" customHeight="1"' if height else ""
        self.rows.append(f'<row r="{r}"{ht}>{content}</row>')
        self.last_row = max(self.last_row, r)

    def title(self, r: int, text: str, style: str, ncols: int, height: float | None = None):
        """A line of text merged across the table's width (title, subtitle, instructions)."""
        self.row(r, cells(r, [cell_value(text)], [xf(style)]), height)
        if ncols > 1:
            self.merges.append(f"A{r}:{letter(ncols)}{r}")

    def table(self, columns: Sequence[SheetColumn], items, header_row: int,
              editable: bool = False, total: bool = False) -> int:
        """The header at `header_row` and one row per item below it; returns the last row.
        Widths fit `fit` columns, rows get heights for their wrapped text (LibreOffice does
        not measure them on opening and Excel only sometimes does). `editable`: the columns
        a department fills in are unlocked and yellow; `total`: the last row is a 合计 row."""
        rows = self.values = [[cell_value(column.value(*item)) for column in columns]
                              for item in items]
        widths = [column_width(column, [row[col] for row in rows])
                  for col, column in enumerate(columns)]
        shown = [(col, widths[col]) for col, column in enumerate(columns) if not column.hidden]
        self.widths, self.hidden = widths, [c.hidden for c in columns]
        self.last_col = max(self.last_col, len(columns))
        head = [c.header for c in columns]
        self.row(header_row, cells(header_row, head, [xf(HEADER)] * len(columns)),
                 row_height(head, shown))
        styles = [xf(c.style + EDITABLE if editable and c.editable else c.style)
                  for c in columns]
        r = header_row
        for n, values in enumerate(rows, 1):
            r += 1
            if total and n == len(rows):
                styles = [emphasised(c.style) for c in columns]
            self.row(r, cells(r, values, styles), row_height(values, shown))
        return r

    def xml(self, drawing_rid: str = "") -> str:
        last = f"{letter(self.last_col)}{max(self.last_row, 1)}"
        out = [f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}">'
               '<sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
               '<pageSetUpPr fitToPage="1"/></sheetPr>'
               f'<dimension ref="A1:{last}"/><sheetViews><sheetView workbookViewId="0">']
        if self.frozen_rows:
            top = f"A{self.frozen_rows + 1}"
            out.append(f'<pane ySplit="{self.frozen_rows}" topLeftCell="{top}"'
                       ' activePane="bottomLeft" state="frozen"/>'
                       '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/>')
        else:
            out.append('<selection activeCell="A1" sqref="A1"/>')
        out.append('</sheetView></sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>')
        if self.widths:
            out.append("<cols>" + "".join(
                f'<col min="{i}" max="{i}" width="{w:g}"{_HIDDEN if h else ""} customWidth="1"/>'
                for i, (w, h) in enumerate(zip(self.widths, self.hidden), 1)) + "</cols>")
        out.append("<sheetData>")
        out.extend(self.rows)
        out.append("</sheetData>")
        if self.protected:
            # without a password; selecting, filtering and resizing stay allowed
            out.append('<sheetProtection sheet="1" objects="0" scenarios="0" formatCells="1"'
                       ' formatColumns="0" formatRows="0" insertColumns="1" insertRows="1"'
                       ' insertHyperlinks="1" deleteColumns="1" deleteRows="1"'
                       ' selectLockedCells="0" selectUnlockedCells="0" sort="1"'
                       ' autoFilter="0" pivotTables="1"/>')
        if self.filter_ref:
            out.append(f'<autoFilter ref="{self.filter_ref}"/>')
        if self.merges:
            out.append(f'<mergeCells count="{len(self.merges)}">'
                       + "".join(f'<mergeCell ref="{m}"/>' for m in self.merges)
                       + "</mergeCells>")
        if self.light_ref:
            out.append(f'<conditionalFormatting sqref="{self.light_ref}">' + "".join(
                f'<cfRule type="cellIs" dxfId="{i}" priority="{i + 1}" operator="equal">'
                f'<formula>"{light.value}"</formula></cfRule>'
                for i, light in enumerate(LIGHT_COLOURS)) + "</conditionalFormatting>")
        if self.choices_ref:
            out.append(_STATUS_VALIDATION.format(ref=self.choices_ref))
        out.append('<printOptions horizontalCentered="1"/>'
                   '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3"'
                   ' footer="0.3"/><pageSetup paperSize="9" orientation="landscape"'
                   ' fitToWidth="1" fitToHeight="0"/>'
                   f'<headerFooter><oddFooter>&amp;C&amp;"{BODY_FONT}"第 &amp;P 页 共 &amp;N 页'
                   '</oddFooter></headerFooter>')
        if drawing_rid:
            out.append(f'<drawing r:id="{drawing_rid}"/>')
        out.append("</worksheet>")
        return "".join(out)


_HIDDEN = ' hidden="1"'
_STATUS_VALIDATION = (
    '<dataValidations count="1"><dataValidation type="list" allowBlank="0"'
    ' showInputMessage="1" showErrorMessage="1" errorTitle="整改状态"'
    ' error="请从下拉列表中选择：' + "、".join(STATUS_CHOICES) + '。" promptTitle="整改状态"'
    ' prompt="请从下拉列表中选择" sqref="{ref}"><formula1>&quot;'
    + ",".join(STATUS_CHOICES) + "&quot;</formula1></dataValidation></dataValidations>")


# -- a bar chart -------------------------------------------------------------------------


BAR_COLOUR = "4F81BD"  # the Office theme's first accent, which openpyxl's charts take; set
                      # explicitly, as these workbooks carry no theme part


@dataclass(frozen=True)
class Chart:
    """Horizontal bars of `values` (a column range) named by `names`, first at the top,
    anchored at a cell; size in cm."""

    title: str
    series_name: str    # the header cell, e.g. 'Sheet'!I3
    names: str          # 'Sheet'!$A$4:$A$9
    values: str         # 'Sheet'!$I$4:$I$9
    anchor_col: int     # 0-based
    anchor_row: int     # 0-based
    width_cm: float
    height_cm: float
    columns: bool = False  # upright bars, first on the left (a trend over rounds)

    def anchor_xml(self, n: int) -> str:
        """Its anchor in the sheet's drawing, as the drawing's `n`-th chart (rId`n`)."""
        cx, cy = round(self.width_cm * 360000), round(self.height_cm * 360000)
        return (
            f'<xdr:oneCellAnchor><xdr:from><xdr:col>{self.anchor_col}</xdr:col><xdr:colOff>0'
            f'</xdr:colOff><xdr:row>{self.anchor_row}</xdr:row><xdr:rowOff>0</xdr:rowOff>'
            f'</xdr:from><xdr:ext cx="{cx}" cy="{cy}"/><xdr:graphicFrame macro="">'
            f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{n}" name="Chart {n}"/><xdr:cNvGraphicFramePr/>'
            '</xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
            '</xdr:xfrm><a:graphic><a:graphicData'
            ' uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart r:id="rId{n}"/></a:graphicData></a:graphic></xdr:graphicFrame>'
            '<xdr:clientData/></xdr:oneCellAnchor>')

    def chart_xml(self) -> str:
        return (
            '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart"'
            ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            f' xmlns:r="{REL_NS}"><c:style val="10"/><c:chart><c:title><c:tx><c:rich>'
            '<a:bodyPr/><a:p><a:pPr><a:defRPr/></a:pPr><a:r><a:t>'
            f'{_attr(self.title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>'
            '</c:title><c:autoTitleDeleted val="0"/><c:plotArea><c:barChart>'
            f'<c:barDir val="{"col" if self.columns else "bar"}"/><c:grouping val="clustered"/>'
            '<c:varyColors val="0"/>'
            '<c:ser><c:idx val="0"/><c:order val="0"/>'
            f'<c:tx><c:strRef><c:f>{_attr(self.series_name)}</c:f></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{BAR_COLOUR}"/></a:solidFill>'
            '<a:ln><a:prstDash val="solid"/></a:ln></c:spPr>'
            f'<c:cat><c:strRef><c:f>{_attr(self.names)}</c:f></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>{_attr(self.values)}</c:f></c:numRef></c:val></c:ser>'
            '<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:showLegendKey val="0"/>'
            '<c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/>'
            '<c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
            '<c:gapWidth val="150"/><c:axId val="10"/><c:axId val="100"/></c:barChart>'
            '<c:catAx><c:axId val="10"/><c:scaling><c:orientation'
            f' val="{"minMax" if self.columns else "maxMin"}"/></c:scaling>'
            f'<c:delete val="0"/><c:axPos val="{"b" if self.columns else "l"}"/>'
            '<c:majorTickMark val="none"/>'
            '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="100"/>'
            '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
            '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
            '<c:valAx><c:axId val="100"/><c:scaling><c:orientation val="minMax"/>'
            '<c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/>'
            f'<c:axPos val="{"l" if self.columns else "b"}"/>'
            '<c:numFmt formatCode="0%" sourceLinked="0"/>'
            '<c:majorTickMark val="none"/><c:minorTickMark val="none"/>'
            '<c:tickLblPos val="nextTo"/><c:crossAx val="10"/><c:crosses val="autoZero"/>'
            '<c:crossBetween val="between"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/>'
            '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')


# -- the package ---------------------------------------------------------------------------

_CT = "application/vnd.openxmlformats-officedocument."
_SHEET_CT = _CT + "spreadsheetml.worksheet+xml"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


@lru_cache(maxsize=64)
def _packed(name: str, text: str) -> Packed:
    """A part deflated once and reused by every workbook that has it unchanged."""
    return pack(name, text)


def _rels(targets: list[tuple[str, str]]) -> str:
    return (f'<Relationships xmlns="{PKG_REL_NS}">' + "".join(
        f'<Relationship Id="rId{i}" Type="{kind}" Target="{target}"/>'
        for i, (kind, target) in enumerate(targets, 1)) + "</Relationships>")


_DRAWING = ('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/'
            'spreadsheetDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
            f' xmlns:r="{REL_NS}" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/'
            'chart">{}</xdr:wsDr>')


def _content_types(sheets: int, drawings: int, charts: int) -> str:
    parts = [("/xl/workbook.xml", _CT + "spreadsheetml.sheet.main+xml"),
             ("/xl/styles.xml", _CT + "spreadsheetml.styles+xml"),
             ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
             ("/docProps/app.xml", _CT + "extended-properties+xml")]
    parts += [(f"/xl/worksheets/sheet{i}.xml", _SHEET_CT) for i in range(1, sheets + 1)]
    parts += [(f"/xl/drawings/drawing{i}.xml", _CT + "drawing+xml")
              for i in range(1, drawings + 1)]
    parts += [(f"/xl/charts/chart{i}.xml", _CT + "drawingml.chart+xml")
              for i in range(1, charts + 1)]
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in parts)
            + "</Types>")


def _workbook_xml(sheets: Sequence[Sheet], lock_structure: bool, formulas: bool) -> str:
    names = []
    for i, s in enumerate(sheets):
        quoted_name = "'" + s.name.replace("'", "''") + "'"
        if s.filter_ref:
            a, b = s.filter_ref.split(":")
            names.append(f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}"'
                         f' hidden="1">{_attr(quoted_name)}!{_absolute(a)}:{_absolute(b)}'
                         "</definedName>")
        if s.title_rows:
            first, last = s.title_rows.split(":")
            names.append(f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">'
                         f"{_attr(quoted_name)}!${first}:${last}</definedName>")
    return (f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><workbookPr/>'
            + ('<workbookProtection lockStructure="1"/>' if lock_structure else "")
            + '<bookViews><workbookView activeTab="0"/></bookViews><sheets>'
            + "".join(f'<sheet name="{_attr(s.name)}" sheetId="{i}"'
                      + (f' state="{s.state}"' if s.state else "") + f' r:id="rId{i}"/>'
                      for i, s in enumerate(sheets, 1))
            + "</sheets>"
            + (f"<definedNames>{''.join(names)}</definedNames>" if names else "")
            + ('<calcPr calcId="124519" fullCalcOnLoad="1"/>' if formulas else "")
            + "</workbook>")


def _absolute(ref: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    return f"${m.group(1)}${m.group(2)}"


def _core_xml(title: str, stamp: date) -> str:
    moment = f"{stamp.isoformat()}T00:00:00Z"
    return ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"'
            ' xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>hongtou</dc:creator><dc:title>{_attr(title)}</dc:title>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>'
            "</cp:coreProperties>")


_APP = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties"><Application>hongtou</Application></Properties>')
_ROOT_RELS = _rels([(_REL + "officeDocument", "xl/workbook.xml"),
                    ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                     "core-properties", "docProps/core.xml"),
                    (_REL + "extended-properties", "docProps/app.xml")])


@lru_cache(maxsize=1)
def _styles() -> Packed:
    return pack("xl/styles.xml", _stylesheet())


def workbook_bytes(sheets: Sequence[Sheet], title: str, stamp: date,
                   lock_structure: bool = False, formulas: bool = False) -> bytes:
    """The .xlsx: `sheets` in order, hongtou's stylesheet, the title and the as-of day in the
    document properties. The bytes depend only on the content."""
    n_charts = sum(len(s.charts) for s in sheets)
    wb_rels = [(_REL + "worksheet", f"worksheets/sheet{i}.xml")
               for i in range(1, len(sheets) + 1)] + [(_REL + "styles", "styles.xml")]
    parts = [_packed("[Content_Types].xml",
                     _content_types(len(sheets), sum(bool(s.charts) for s in sheets), n_charts)),
             _packed("_rels/.rels", _ROOT_RELS),
             _packed("docProps/app.xml", _APP),
             pack("docProps/core.xml", _core_xml(title, stamp)),
             pack("xl/workbook.xml", _workbook_xml(sheets, lock_structure, formulas)),
             _packed("xl/_rels/workbook.xml.rels", _rels(wb_rels)),
             _styles()]
    n_drawing = n_chart = 0
    for i, s in enumerate(sheets, 1):
        rid = ""
        if s.charts:
            n_drawing += 1
            rid = "rId1"
            parts.append(_packed(f"xl/worksheets/_rels/sheet{i}.xml.rels", _rels(
                [(_REL + "drawing", f"../drawings/drawing{n_drawing}.xml")])))
            parts.append(pack(f"xl/drawings/drawing{n_drawing}.xml", _DRAWING.format(
                "".join(c.anchor_xml(n) for n, c in enumerate(s.charts, 1)))))
            first = n_chart + 1
            n_chart += len(s.charts)
            parts.append(_packed(f"xl/drawings/_rels/drawing{n_drawing}.xml.rels", _rels(
                [(_REL + "chart", f"../charts/chart{k}.xml") for k in range(first, n_chart + 1)])))
            parts.extend(pack(f"xl/charts/chart{k}.xml", c.chart_xml())
                         for k, c in enumerate(s.charts, first))
        parts.append(pack(f"xl/worksheets/sheet{i}.xml", s.xml(rid)))
    return zip_packed(parts)
