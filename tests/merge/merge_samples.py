"""The example campaign split into 分发 workbooks, and editing them as a department would
(imported by the merge tests, which pytest runs with their folder on sys.path)."""

from __future__ import annotations

import hashlib
import shutil
from datetime import date
from pathlib import Path

import openpyxl

from hongtou.excel import department_workbooks
from hongtou.read import read_campaign
from hongtou.rules.status import assess

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SPLIT_DAY = date(2022, 4, 20)
MERGE_DAY = date(2022, 4, 25)
SHEET = "整改台账"
HEADER_ROW = 3


def example(tmp: Path) -> tuple[Path, dict[str, Path]]:
    """A copy of data/ in `tmp`, and its 分发 workbooks written to tmp/分发/<部门>.xlsx."""
    data = tmp / "data"
    shutil.copytree(DATA, data)
    return data, split(data, tmp / "分发")


def split(data: Path, folder: Path) -> dict[str, Path]:
    campaign = read_campaign(data)
    books = department_workbooks(campaign, assess(campaign, SPLIT_DAY))
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for department, blob in books.items():
        path = folder / f"{department}.xlsx"
        path.write_bytes(blob)
        out[department] = path
    return out


class Return:
    """A returned workbook opened for editing, addressed by ID and column header:

        with Return(path) as r:
            r.set("Q014", "整改状态", "已完成")
    """

    def __init__(self, path: Path, save_as: Path | None = None):
        self.path = path
        self.save_as = save_as or path
        self.wb = openpyxl.load_workbook(path)
        self.ws = self.wb[SHEET]
        self.columns = {c.value: c.column for c in self.ws[HEADER_ROW] if c.value}

    def __enter__(self) -> "Return":
        return self

    def __exit__(self, *exc) -> None:
        if exc[0] is None:
            self.wb.save(self.save_as)

    def row(self, key: str) -> int:
        col = self.columns["ID"]
        for r in range(HEADER_ROW + 1, self.ws.max_row + 1):
            if self.ws.cell(r, col).value == key:
                return r
        raise KeyError(key)

    def ids(self) -> list[str]:
        col = self.columns["ID"]
        return [self.ws.cell(r, col).value for r in range(HEADER_ROW + 1, self.ws.max_row + 1)]

    def get(self, key: str, column: str):
        return self.ws.cell(self.row(key), self.columns[column]).value

    def set(self, key: str, column: str, value) -> int:
        r = self.row(key)
        self.ws.cell(r, self.columns[column]).value = value
        return r

    def delete(self, key: str) -> None:
        """Delete the row of `key`, as a user does with 删除行."""
        self.ws.delete_rows(self.row(key))

    def append(self, values: dict[str, object]) -> int:
        r = self.ws.max_row + 1
        for column, value in values.items():
            self.ws.cell(r, self.columns[column]).value = value
        return r


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def digests(*folders: Path) -> dict[Path, str]:
    return {p: digest(p) for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def cells(path_or_bytes) -> dict[tuple[str, str], tuple]:
    """Every cell of every sheet: (sheet, coordinate) → (value, number format, font, fill,
    border, alignment, protection) — what 'nothing else changed' is checked against."""
    import io
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    wb = openpyxl.load_workbook(src, rich_text=True)
    out = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                out[(ws.title, c.coordinate)] = (
                    c.value, c.number_format, repr(c.font), repr(c.fill), repr(c.border),
                    repr(c.alignment), repr(c.protection))
    return out


def sheet_layout(path_or_bytes) -> dict[str, tuple]:
    """Per sheet: merged ranges, column widths/hidden, row heights, freeze panes, validations."""
    import io
    src = io.BytesIO(path_or_bytes) if isinstance(path_or_bytes, bytes) else path_or_bytes
    wb = openpyxl.load_workbook(src)
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = (
            sorted(str(r) for r in ws.merged_cells.ranges),
            sorted((k, d.width, d.hidden) for k, d in ws.column_dimensions.items()),
            sorted((k, d.height) for k, d in ws.row_dimensions.items() if d.height),
            ws.freeze_panes,
            sorted(str(dv.sqref) for dv in ws.data_validations.dataValidation),
        )
    return out
