"""What every hongtou workbook shares, without any Excel library: formats, colours, the
names of the cell styles, cleaning and measuring cell text, and the column description.

Both writers use it: `sheetxml` (the fast one, SpreadsheetML written as text) and `style`
(openpyxl, for `init` and the reference build the tests compare with).

Widths are in Excel's unit, the width of a "0" in the default font (Calibri 11, 7 px). A
Chinese character in 宋体 11pt is about two of those; `text_width` counts it via GBK, where
Chinese takes two bytes and ASCII one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Callable, Sequence

from hongtou.model import Light, Status

# -- formats and colours --------------------------------------------------------------------

DATE_FORMAT = 'yyyy"年"m"月"d"日"'
PERCENT_FORMAT = "0.0%"
BODY_FONT = "宋体"
TITLE_FONT = "黑体"
GB2312 = 134  # font charset Excel writes for 宋体/黑体; helps it pick the CJK face

HEADER_FILL = "D9D9D9"    # light grey
EDITABLE_FILL = "FFF2CC"  # light yellow: cells a department fills in
LIGHT_COLOURS = {         # Excel's own "light fill, dark text" presets
    Light.RED: ("FFC7CE", "9C0006"),
    Light.YELLOW: ("FFEB9C", "9C5700"),
    Light.GREEN: ("C6EFCE", "006100"),
}
STATUS_CHOICES = tuple(s.value for s in Status)  # 未启动,整改中,已完成,已销号,长期坚持

# -- named styles ----------------------------------------------------------------------------

TITLE, SUBTITLE, NOTE, HEADER = "台账标题", "台账副标题", "台账说明", "台账表头"
TEXT, CENTER, DATE, NUMBER, PERCENT = "台账文字", "台账居中", "台账日期", "台账数值", "台账百分比"
EDITABLE = "（可填）"  # suffix of the unlocked, yellow variant of a body style

# -- cell text -------------------------------------------------------------------------------

# What XML 1.0 forbids (openpyxl raises IllegalCharacterError on it). Word's manual line break
# and page break arrive as \x0b and \x0c when text is pasted from Word: keep them as a newline.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CLEANUP = {c: None for c in [*range(0x00, 0x09), *range(0x0e, 0x20), 0xfffe, 0xffff]}
_CLEANUP.update({0x0b: "\n", 0x0c: "\n"})
EXCEL_MAX_TEXT = 32767  # longer text makes Excel "repair" the file
FORMULA_LEADS = ("=", "+", "-", "@")  # what Excel would start a formula with when retyped


def clean_text(value: str) -> str:
    """Text Excel accepts: no control characters, not longer than a cell holds."""
    if _UNSAFE.search(value):  # rare: test first, translate only then
        value = value.translate(_CLEANUP)
    if len(value) > EXCEL_MAX_TEXT:
        value = value[:EXCEL_MAX_TEXT - 1] + "…"
    return value


def text_width(value: Any) -> float:
    """Display width of a value in Excel width units (longest line for multi-line text)."""
    if isinstance(value, (date, datetime)):
        value = "2022年12月31日"  # as DATE_FORMAT shows the widest date
    return max(map(_line_width, str(value).split("\n")))


def _line_width(line: str) -> float:
    # 宋体 11pt: a Chinese character is 15 px, two GBK bytes; the width unit is 7 px
    return len(line.encode("gbk", errors="replace")) * 1.07


def text_lines(text: str, width: float) -> int:
    """How many lines wrapped `text` takes in a column `width` units wide (Chinese breaks
    anywhere, so this errs only by a little, and on the generous side)."""
    room = max(width - 1.0, 1.0)  # less the cell's padding
    if "\n" not in text:  # the common case, once per long cell of a 20,000-row ledger
        if len(text) * 2.14 <= room:
            return 1  # fits even if every character is Chinese
        return max(1, math.ceil(_line_width(text) / room))
    return sum(max(1, math.ceil(_line_width(line) / room)) for line in text.split("\n"))


# -- tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SheetColumn:
    """One column of a table sheet. `value(*item)` gives the cell value for one row's item.

    `width` is the width used; with `fit` it is the ceiling and the column narrows to its
    content (never below `min_width`). `editable` columns get the unlocked yellow style in a
    sheet written for filling in."""

    header: str
    value: Callable[..., Any]
    width: float
    style: str = TEXT
    fit: bool = False
    min_width: float = 6
    hidden: bool = False
    editable: bool = False


LINE_HEIGHT = 15.0  # points per line of 11pt CJK text (Excel's 宋体 needs 14.25)
ROW_PADDING = 3.0


def row_height(values: Sequence[Any], shown: Sequence[tuple[int, float]]) -> float | None:
    """The height a row needs for its wrapped text (None: one line, the default height).
    `shown` is (column index, width) of the visible columns."""
    lines = max([text_lines(values[col], width) for col, width in shown
                 if values[col].__class__ is str] or [1])
    return lines * LINE_HEIGHT + ROW_PADDING if lines > 1 else None


def column_width(column: SheetColumn, values: list[Any]) -> float:
    """`column.width`, or for a `fit` column the width its header and values need, within
    [min_width, width]."""
    if not column.fit:
        return column.width
    seen = set(values)
    seen.discard(None)
    need = max(map(text_width, [column.header, *seen])) + 2
    return round(min(column.width, max(column.min_width, need)), 1)


def cell_value(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value) or None
    return value


