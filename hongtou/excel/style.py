"""hongtou's workbooks built with openpyxl: the named styles, and the plumbing every sheet
shares. `init` writes its blank campaign workbook this way, and so does the reference build
(`excel/reference.py`) that the fast writer (`excel/sheetxml.py`) is compared with.

Cells are styled through *named* styles (台账文字, 台账日期 …): Excel, WPS and LibreOffice show
them in their style lists, so a secretary can restyle a whole column in one step, and one name
per column is much cheaper than building Font/Border objects for 300,000 cells.
"""

from __future__ import annotations

from datetime import date, datetime, time
from io import BytesIO
from typing import Any, Iterable, Sequence
from zipfile import ZIP_STORED, ZipFile

from openpyxl.writer.excel import ExcelWriter
from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml.constants import ARC_CORE
from openpyxl.xml.functions import tostring

from hongtou.excel.sheetxml import Formula
from hongtou.excel.common import (
    BODY_FONT, CENTER, DATE, DATE_FORMAT, EDITABLE, EDITABLE_FILL, FORMULA_LEADS, GB2312, HEADER,
    HEADER_FILL, LIGHT_COLOURS, NOTE, NUMBER, PERCENT, PERCENT_FORMAT, STATUS_CHOICES, SUBTITLE,
    TEXT, TITLE, TITLE_FONT, SheetColumn, cell_value, clean_text, column_width, row_height,
)
from hongtou.zippack import pack, zip_packed

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _font(size: float = 11, bold: bool = False, name: str = BODY_FONT, color=None) -> Font:
    return Font(name=name, size=size, bold=bold, charset=GB2312, color=color)


def _solid(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def _align(horizontal: str = "left") -> Alignment:
    return Alignment(horizontal=horizontal, vertical="center", wrap_text=True)


def _body(name: str, horizontal: str = "left", number_format: str = "General") -> NamedStyle:
    return NamedStyle(name, font=_font(), border=_BOX, alignment=_align(horizontal),
                      number_format=number_format)


def _named_styles() -> list[NamedStyle]:
    """Fresh objects every time: a NamedStyle binds to the first workbook it is added to."""
    body = [
        _body(TEXT),
        _body(CENTER, "center"),
        _body(DATE, "center", DATE_FORMAT),
        _body(NUMBER, "center", "0"),
        _body(PERCENT, "center", PERCENT_FORMAT),
    ]
    editable = []
    for style in body:
        variant = _body(style.name + EDITABLE, style.alignment.horizontal, style.number_format)
        variant.fill = _solid(EDITABLE_FILL)
        variant.protection = Protection(locked=False)
        editable.append(variant)
    return [
        NamedStyle(TITLE, font=_font(16, True, TITLE_FONT), alignment=_align("center")),
        NamedStyle(SUBTITLE, font=_font(), alignment=_align("left")),
        NamedStyle(NOTE, font=_font(11, True, color="C00000"), alignment=_align("left")),
        NamedStyle(HEADER, font=_font(11, True), fill=_solid(HEADER_FILL), border=_BOX,
                   alignment=_align("center")),
        *body,
        *editable,
    ]


def new_workbook(title: str) -> Workbook:
    """An empty workbook with hongtou's named styles and no sheets."""
    wb = Workbook()
    wb.remove(wb.active)
    for style in _named_styles():
        wb.add_named_style(style)
    wb.properties.creator = "hongtou"
    wb.properties.title = title
    return wb


def write_title(ws: Worksheet, row: int, text: str, style: str, ncols: int,
                height: float | None = None) -> None:
    """A line of text merged across the table's width (title, subtitle, instructions)."""
    cell = ws.cell(row, 1, clean_text(text))
    cell.style = style
    if ncols > 1:
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=ncols)
    if height:
        ws.row_dimensions[row].height = height


def write_table(ws: Worksheet, columns: Sequence[SheetColumn], items: Iterable[tuple],
                header_row: int, editable: bool = False) -> int:
    """Write the header at `header_row` and one row per item below it; return the last row.

    Text is cleaned, and text that openpyxl would take for a formula ("=1+1") stays text.
    Rows get explicit heights for their wrapped text: LibreOffice does not measure them when
    it opens the file and Excel only sometimes does, and a ledger must print right first time.
    """
    rows = [[cell_value(column.value(*item)) for column in columns] for item in items]
    widths = [column_width(column, [row[col] for row in rows])
              for col, column in enumerate(columns)]
    shown = [(col, widths[col]) for col, column in enumerate(columns) if not column.hidden]
    for col, column in enumerate(columns, 1):
        ws.cell(header_row, col, column.header).style = HEADER
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = widths[col - 1]
        ws.column_dimensions[letter].hidden = column.hidden
    _fit_height(ws, header_row, [c.header for c in columns], shown)
    # Cells are built already styled: resolving a named style by name for every one of
    # 300,000 cells would be a third of the run.
    styles = [_style_array(ws, column.style + EDITABLE if editable and column.editable
                           else column.style) for column in columns]
    last = header_row  # ws.cell() above made append() continue below the header
    for values in rows:
        cells = [Cell(ws, value="=" + value.at(last + 1) if value.__class__ is Formula
                      else value, style_array=style)  # Cell copies the array
                 for value, style in zip(values, styles)]
        for cell, value in zip(cells, values):
            if value.__class__ is str and value[:1] in FORMULA_LEADS:
                _as_text(cell)  # "=1+1" is text to show, not ours to evaluate
        ws.append(cells)
        last += 1
        _fit_height(ws, last, values, shown)
    return last


def _style_array(ws: Worksheet, name: str):
    """The style array a cell gets from named style `name`, to copy into new cells (openpyxl
    keeps it in `Cell._style`; the `style_array` argument of `Cell` takes it back)."""
    probe = Cell(ws)
    probe.style = name
    return probe._style


def _fit_height(ws: Worksheet, row: int, values: Sequence[Any],
                shown: Sequence[tuple[int, float]]) -> None:
    height = row_height(values, shown)
    if height:
        ws.row_dimensions[row].height = height


def _as_text(cell: Cell) -> None:
    """Keep a value that looks like a formula as text, and mark it as Excel marks a value
    typed with a leading apostrophe (quotePrefix), so editing it does not make it one."""
    cell.data_type = "s"
    cell.quotePrefix = True


def emphasise_row(ws: Worksheet, row: int, ncols: int) -> None:
    """Bold on grey (a 合计 row), keeping each cell's number format."""
    for col in range(1, ncols + 1):
        cell = ws.cell(row, col)
        cell.font = _font(bold=True)
        cell.fill = _solid(HEADER_FILL)


# -- sheet features --------------------------------------------------------------------------


def add_light_colours(ws: Worksheet, ref: str) -> None:
    """Colour 红/黄/绿 cells by their text (conditional formatting, so colours follow the
    value when a row is sorted, filtered or retyped)."""
    for light, (fill, text) in LIGHT_COLOURS.items():
        ws.conditional_formatting.add(ref, CellIsRule(
            operator="equal", formula=[f'"{light.value}"'], fill=_solid(fill),
            font=Font(color=text)))


def add_status_choices(ws: Worksheet, ref: str) -> None:
    """The 整改状态 drop-down; anything else is refused with the list of allowed words."""
    dv = DataValidation(
        type="list", formula1='"' + ",".join(STATUS_CHOICES) + '"', allow_blank=False,
        showErrorMessage=True, errorTitle="整改状态",
        error="请从下拉列表中选择：" + "、".join(STATUS_CHOICES) + "。",
        showInputMessage=True, promptTitle="整改状态", prompt="请从下拉列表中选择")
    dv.add(ref)
    ws.add_data_validation(dv)


def set_print(ws: Worksheet, title_rows: str | None = None) -> None:
    """A4 landscape, one page wide, `title_rows` ("3:3") repeated on every page, page x of y."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4  # inches
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = "第 &P 页 共 &N 页"
    ws.oddFooter.center.font = BODY_FONT


# -- saving ----------------------------------------------------------------------------------


def openpyxl_bytes(wb: Workbook, stamp: date, keep_created: bool = False) -> bytes:
    """The workbook as .xlsx bytes that depend only on its content.

    openpyxl stamps docProps/core.xml with the clock while saving and zip entries carry the
    time they were written; both are replaced by `stamp` (the as-of day) and the zip epoch
    (`zippack`, the one deterministic zip writer).
    `keep_created`: a workbook the user made keeps its creation time (only `modified` moves)."""
    moment = datetime.combine(stamp, time())
    if not (keep_created and wb.properties.created):
        wb.properties.created = moment
    wb.properties.modified = moment
    raw = BytesIO()
    # openpyxl's own save deflates every part; store them instead, as they are deflated
    # once below anyway (this halves the cost of saving a large ledger)
    with ZipFile(raw, "w", ZIP_STORED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
    core = tostring(wb.properties.to_tree())
    with ZipFile(raw) as src:
        return zip_packed([pack(info.filename, core if info.filename == ARC_CORE
                                else src.read(info)) for info in src.infolist()])
