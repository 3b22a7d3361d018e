"""Raw sheets: a workbook file or a folder of per-sheet files → grids of cell values.

Everything here is about files and what Excel, WPS and Notepad put in them. A `Table` is one
sheet as a list of rows, `rows[i]` being the row Excel shows as number `i + 1` (calamine's
`to_python(skip_empty_area=False)` starts at A1, so title rows and blank rows keep their
numbers). Cells are what calamine returns: `str` ("" for empty), `float`/`int`, `bool`,
`date`/`datetime`/`time`/`timedelta`.

Three things calamine hides are recovered here:
- merged cells: only the top-left cell holds the value; a range merged *down* a column
  (责任部门 merged over its three issues) is filled down, so every row gets its value.
- error cells (`#N/A`, `#REF!`): calamine reads them as "". For `.xlsx` the sheet XML is
  scanned for `t="e"` cells so they can be reported; `.xls`/`.ods` error cells read as empty.
- formulas: calamine reads the value Excel cached when it last saved the file, which is what
  the user saw, so a formula with a cached value is read like a typed one. A formula with no
  cached value (written by a program such as openpyxl, never opened in Excel) reads as "";
  in an `.xlsx` it is found in the sheet XML and reported (`FORMULA_NO_VALUE`).

Hidden rows, hidden columns and hidden sheets are read like visible ones: hiding is a view
setting, not a deletion, and silently skipping data would lose it.

Before calamine sees a file it is checked against size limits (`MAX_FILE_BYTES`, and for
zip-based files the declared unpacked size `MAX_UNZIPPED_BYTES` and compression ratio
`MAX_RATIO`), and each `.xlsx` sheet's extent against `MAX_SHEET_CELLS`: calamine allocates
the whole rectangle up to the farthest cell and aborts the process when it cannot.
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from xml.etree import ElementTree

from python_calamine import CalamineWorkbook, PasswordError

from hongtou.manifest import MANIFEST, written_by_us

from hongtou.model import Problem
from hongtou.rules.text import squash

# .et is WPS's own format: calamine reads the usual kind (an .xls-like compound file)
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods", ".et")
SHEET_FILE_SUFFIXES = (*WORKBOOK_SUFFIXES, ".csv")

# Error values Excel/WPS show in a cell; in CSV or ODS they arrive as text.
ERROR_VALUES = frozenset(
    {"#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!",
     "#CALC!", "#GETTING_DATA", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)

SAVE_AS_XLSX = "请用 Excel/WPS 打开后另存为 .xlsx"
NOT_A_WORKBOOK = "文件不是有效的 Excel 工作簿"

# Limits checked before any parsing (tests monkeypatch them).
MAX_FILE_BYTES = 50 * 1024 * 1024          # a campaign workbook is well under 5 MB
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024     # total declared size of a zip's entries
MAX_RATIO = 200                            # unpacked : packed, for entries over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024                  # small entries may compress as well as they like
MAX_SHEET_CELLS = 10_000_000               # rows x columns from A1 to the farthest cell
MAX_CELL_CHARS = 32767                     # Excel's own limit for one cell

FORMULA_NO_VALUE = "单元格是公式但没有计算结果"
FORMULA_HINT = "请在 Excel 中打开并保存一次，或改为直接填写内容"
ERROR_HINT = "请改正公式，或直接填写内容"


def cell_fault(marker: str) -> tuple[str | None, str, str]:
    """(value to show, reason, hint) for a `Table.errors` marker: an error value such as
    `#N/A`, or `=` + the formula of a formula cell without a cached value."""
    if marker.startswith("="):
        return (marker if len(marker) > 1 else None), FORMULA_NO_VALUE, FORMULA_HINT
    return None, f"单元格是错误值 {marker}", ERROR_HINT


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


@dataclass
class Table:
    """One sheet. `name` is the sheet (or file) name as the user wrote it, for messages."""

    name: str
    rows: list[list]
    # (row, col) 0-based → error value (`#N/A`) or `=formula` of a formula without a value
    errors: dict[tuple[int, int], str] = field(default_factory=dict)

    def error_at(self, r: int, c: int) -> str | None:
        """The error value in a cell (`#N/A`), whether a real error cell or typed as text."""
        if self.errors:
            err = self.errors.get((r, c))
            if err:
                return err
        value = self.rows[r][c]
        if isinstance(value, str) and value[:1] == "#":
            text = value.strip().upper()
            if text in ERROR_VALUES:
                return text
        return None


@dataclass
class Book:
    """The sheets found, by squashed name; `names` lists every sheet as typed, for hints."""

    label: str                                    # file or folder name, for messages
    path: Path                                    # the workbook or the folder
    tables: dict[str, Table] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)
    failed: set[str] = field(default_factory=set)  # squashed names found but not readable

    def table(self, name: str) -> Table | None:
        return self.tables.get(squash(name))


# -- where the input is ----------------------------------------------------------------------


def open_book(path: Path, wanted: tuple[str, ...], problems: list[Problem]) -> Book | None:
    """Load the sheets named in `wanted` from a workbook file or a campaign folder."""
    if not path.exists():
        problems.append(Problem(path.name or str(path), None, None, None, "找不到文件或文件夹",
                                "请检查路径是否写对"))
        return None
    if path.is_file():
        return load_workbook(path, wanted, problems)
    return _load_folder(path, wanted, problems)


def _visible_files(folder: Path) -> list[Path]:
    """Files of the folder, without Excel/WPS lock files (`~$x.xlsx`, `.~x.xlsx`), hidden
    ones, or outputs an earlier build wrote here (整改台账.xlsx next to 活动.xlsx)."""
    ours = written_by_us(folder)
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and not p.name.startswith(("~$", "."))
                  and p.resolve() not in ours)


def _load_folder(folder: Path, wanted: tuple[str, ...], problems: list[Problem],
                 nested: bool = True) -> Book | None:
    """The workbook in `folder`, or its sheets one file each; with neither, a subfolder of
    sheet files (each sheet exported to 活动/发文信息.csv … beside 方案正文.txt)."""
    n_before = len(problems)
    wanted_keys = {squash(w): w for w in wanted}
    workbooks, per_sheet = [], {}
    for p in _visible_files(folder):
        suffix = p.suffix.lower()
        key = squash(p.stem)
        if suffix in SHEET_FILE_SUFFIXES and key in wanted_keys:
            per_sheet.setdefault(key, []).append(p)
        elif suffix in WORKBOOK_SUFFIXES:
            workbooks.append(p)
    label = folder.name or str(folder)
    if len(workbooks) > 1 and not per_sheet:
        names = "、".join(p.name for p in workbooks)
        problems.append(Problem(label, None, None, None, f"文件夹中有多个工作簿：{names}",
                                "请只保留一个工作簿，或在命令中直接指定要用的文件"))
        return None
    if workbooks and per_sheet:
        names = "、".join([p.name for p in workbooks] + [ps[0].name for ps in per_sheet.values()])
        problems.append(Problem(label, None, None, None,
                                f"文件夹中既有工作簿又有按工作表拆分的文件：{names}",
                                "请只保留一种：一个工作簿，或每张表一个文件"))
        return None
    if workbooks:
        return load_workbook(workbooks[0], wanted, problems)
    if not per_sheet:
        inner = _sheets_folder(folder, wanted_keys, problems) if nested else None
        if inner is not None:
            return _load_folder(inner, wanted, problems, nested=False)
        if len(problems) == n_before:
            problems.append(Problem(label, None, None, None, "文件夹中没有找到工作簿",
                                    "请放入一个 .xlsx/.xls 工作簿，或每张表一个文件（如 发文信息.csv）"))
        return None
    book = Book(label, folder)
    for key, files in per_sheet.items():
        if len(files) > 1:
            names = "、".join(p.name for p in files)
            problems.append(Problem(wanted_keys[key], None, None, None,
                                    f"同一张表有多个文件：{names}", "请只保留一个"))
            book.failed.add(key)  # reported: not "missing" as well
            continue
        table = _load_sheet_file(files[0], wanted_keys[key], problems)
        if table is not None:
            book.tables[key] = table
            book.names.append(table.name)
        else:
            book.failed.add(key)  # already reported: not "missing" as well
    return book


def _sheets_folder(folder: Path, wanted_keys: dict[str, str],
                   problems: list[Problem]) -> Path | None:
    """The one subfolder holding files named like sheets (发文信息.csv …); outputs, backups
    and templates are not looked in. Several such subfolders are a problem."""
    found = []
    try:
        subfolders = sorted(p for p in folder.iterdir() if p.is_dir()
                            and not p.name.startswith((".", "_", "~$"))
                            and p.name != "templates" and not (p / MANIFEST).exists())
    except OSError:
        return None
    for sub in subfolders:
        try:
            if any(p.suffix.lower() in SHEET_FILE_SUFFIXES and squash(p.stem) in wanted_keys
                   and not p.name.startswith(("~$", ".")) for p in sub.iterdir() if p.is_file()):
                found.append(sub)
        except OSError:
            continue
    if len(found) > 1:
        names = "、".join(p.name for p in found)
        problems.append(Problem(folder.name or str(folder), None, None, None,
                                f"文件夹中没有工作簿，而有多个子文件夹都存有按工作表拆分的文件：{names}",
                                "请只保留一个，或在命令中直接指定要用的子文件夹"))
        return None
    return found[0] if found else None


# -- one workbook ----------------------------------------------------------------------------


def _sniff(path: Path) -> str | None:
    """Why the file cannot be a workbook calamine reads, before calamine tries (None = try)."""
    size = path.stat().st_size
    if size == 0:
        return "文件是空的（0 字节）"
    if size > MAX_FILE_BYTES:
        return f"文件太大（{_megabytes(size)}，最多 {_megabytes(MAX_FILE_BYTES)}）"
    with path.open("rb") as f:
        head = f.read(8)
        if head.startswith(b"PK\x03\x04"):
            return _sniff_zip(path)
        if head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # OLE compound file: .xls, .doc, encrypted
            f.seek(0)
            data = f.read()
            if "EncryptedPackage".encode("utf-16-le") in data:
                return "文件已加密"
            if "WordDocument".encode("utf-16-le") in data:
                return "这是 Word 文档，不是 Excel 工作簿"
            return None
    if head.lstrip().lower().startswith((b"<html", b"<!doc", b"<?xml", b"<tab", b"<met")):
        return "文件其实是网页格式（常见于从网上系统导出的 .xls）"
    return NOT_A_WORKBOOK


def _sniff_zip(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "文件已损坏（可能没有保存完整）"
    total = sum(i.file_size for i in infos)
    if total > MAX_UNZIPPED_BYTES:
        return (f"文件解压后过大（{_megabytes(total)}，最多 {_megabytes(MAX_UNZIPPED_BYTES)}），"
                "可能已损坏或不是正常的工作簿")
    for i in infos:
        if i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1):
            return (f"文件中的「{i.filename}」压缩比异常（超过 {MAX_RATIO}:1），"
                    "可能已损坏或是恶意构造的文件")
    names = {i.filename for i in infos}
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names or "content.xml" in names:
        return None
    if "word/document.xml" in names:
        return "这是 Word 文档（.docx），不是 Excel 工作簿"
    if "ppt/presentation.xml" in names:
        return "这是 PowerPoint 文档，不是 Excel 工作簿"
    return NOT_A_WORKBOOK


ET_HINT = "请在 WPS 中打开它，点「文件 → 另存为」，文件类型选「Excel 工作簿（*.xlsx）」，再用另存的 .xlsx"
TOO_BIG_HINT = "请删除不需要的工作表、图片和空行后另存，或用 Excel/WPS 打开后另存为 .xlsx"

_HINTS = {
    "文件已加密": "请在 Excel 中取消密码后另存为 .xlsx",
    "文件是空的（0 字节）": "文件可能没有保存成功，请找回原文件，或在 Excel/WPS 中重新保存",
    "这是 Word 文档，不是 Excel 工作簿": "请确认选的是 Excel 文件",
    "这是 Word 文档（.docx），不是 Excel 工作簿": "请确认选的是 Excel 文件",
    "这是 PowerPoint 文档，不是 Excel 工作簿": "请确认选的是 Excel 文件",
}


def _open(path: Path, problems: list[Problem]) -> CalamineWorkbook | None:
    """calamine's workbook, or a located problem saying how to repair the file."""
    try:
        why = _sniff(path)
        if why is None:
            return CalamineWorkbook.from_path(str(path))
    except PasswordError:
        why = "文件已加密"
    except PermissionError:
        problems.append(Problem(path.name, None, None, None, "没有权限读取文件",
                                "请关闭正在使用它的程序，或复制一份再试"))
        return None
    except Exception:  # calamine raises several types for damaged files; all mean the same
        why = NOT_A_WORKBOOK
    hint = TOO_BIG_HINT if why.startswith(("文件太大", "文件解压后过大")) else \
        _HINTS.get(why, SAVE_AS_XLSX)
    if path.suffix.lower() == ".et" and why == NOT_A_WORKBOOK:
        why, hint = "无法读取这个 WPS 表格（.et）文件", ET_HINT
    problems.append(Problem(path.name, None, None, None, why, hint))
    return None


def load_workbook(path: Path, wanted: tuple[str, ...], problems: list[Problem]) -> Book | None:
    """All sheets of `path` whose squashed names are in `wanted`; hidden sheets included."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        # a single CSV file given directly: it is the sheet its name says
        table = _load_sheet_file(path, path.stem.strip(), problems)
        book = Book(path.name, path)
        if table is None:
            book.failed.add(squash(path.stem))
        else:
            book.tables[squash(path.stem)] = table
            book.names.append(table.name)
        return book
    if suffix not in WORKBOOK_SUFFIXES:
        problems.append(Problem(path.name, None, None, None, f"不支持的文件类型 {path.suffix}",
                                SAVE_AS_XLSX))
        return None
    wb = _open(path, problems)
    if wb is None:
        return None
    wanted_keys = {squash(w) for w in wanted}
    book = Book(path.name, path, names=[n.strip() for n in wb.sheet_names])
    picked: dict[str, str] = {}
    for name in wb.sheet_names:
        key = squash(name)
        if key not in wanted_keys:
            continue
        if key in picked:
            problems.append(Problem(name.strip(), None, None, None,
                                    f"有两张同名的工作表（「{picked[key]}」和「{name}」）",
                                    "请删除或改名其中一张"))
            continue
        picked[key] = name
    scans = _xlsx_scan(path, set(picked.values())) if suffix in (".xlsx", ".xlsm") else {}
    for key, name in picked.items():
        scan = scans.get(name)
        if scan is not None and _too_large(name.strip(), scan, problems):
            book.failed.add(key)
            continue
        table = _read_sheet(wb, name, problems)
        if table is not None:
            table.errors = scan.errors if scan is not None else {}
            book.tables[key] = table
        else:
            book.failed.add(key)
    return book


def _too_large(label: str, scan: "_Scan", problems: list[Problem]) -> bool:
    """A sheet whose farthest cell makes calamine allocate more than MAX_SHEET_CELLS."""
    if scan.rows * scan.columns <= MAX_SHEET_CELLS:
        return False
    problems.append(Problem(
        label, None, None, None,
        f"工作表的数据区域过大（{scan.rows} 行 × {scan.columns} 列，最远的单元格是 {scan.farthest}）",
        "很可能是远处的单元格里误填了内容：请按 Ctrl+End 找到它，删除多余的行和列后保存"))
    return True


def _read_sheet(wb: CalamineWorkbook, name: str, problems: list[Problem]) -> Table | None:
    try:
        sheet = wb.get_sheet_by_name(name)
        rows = sheet.to_python(skip_empty_area=False)
        merged = sheet.merged_cell_ranges
    except Exception:
        problems.append(Problem(name.strip(), None, None, None, "工作表已损坏，无法读取",
                                SAVE_AS_XLSX))
        return None
    if merged:
        _fill_down(rows, merged)
    return Table(name.strip(), rows)


def _fill_down(rows: list[list], merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give every row of a vertically merged range the value of its top cell."""
    for (r1, c1), (r2, _c2) in merged:
        if r2 <= r1 or r1 >= len(rows):
            continue
        value = rows[r1][c1] if c1 < len(rows[r1]) else ""
        for r in range(r1 + 1, min(r2, len(rows) - 1) + 1):
            if c1 < len(rows[r]) and rows[r][c1] == "":
                rows[r][c1] = value


# -- error cells of an .xlsx -----------------------------------------------------------------

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ERROR_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?\bt=\"e\"[^>/]*)>(.*?)</(?:\w+:)?c>", re.S)
_REF = re.compile(rb"\br=\"([A-Z]+)(\d+)\"")
_VALUE = re.compile(rb"<(?:\w+:)?v>([^<]*)</")
_VALUE_OR_EMPTY = re.compile(rb"<(?:\w+:)?v(?:/>|>([^<]*)</)")
_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*>([^<]*)</", re.S)
_STRING_TYPE = re.compile(rb"\bt=\"(?:str|s|inlineStr)\"")
_CELL_COLUMN = re.compile(rb"\sr=\"([A-Z]{1,3})\d")
_ROW_NUMBER = re.compile(rb"<(?:\w+:)?row\s[^>]*?\br=\"(\d+)\"")


@dataclass
class _Scan:
    """What the sheet XML says that calamine does not: fault cells and the extent."""

    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    rows: int = 0
    columns: int = 0
    farthest: str = ""


def _xlsx_scan(path: Path, names: set[str]) -> dict[str, _Scan]:
    """Per sheet name: error cells and formulas without a cached value (calamine reads both
    as empty), and how far the cells reach.

    Best effort: a workbook this cannot parse is still read; its fault cells just read empty.
    """
    found: dict[str, _Scan] = {}
    try:
        with zipfile.ZipFile(path) as z:
            for name, part in _sheet_parts(z).items():
                if name in names:
                    found[name] = _scan_sheet(z.read(part))
    except Exception:
        return found
    return found


def _scan_sheet(data: bytes) -> _Scan:
    scan = _Scan()
    letters = set(_CELL_COLUMN.findall(data))
    if letters:
        column = max(letters, key=lambda x: (len(x), x))
        scan.columns = _column_index(column) + 1
        scan.rows = max(map(int, _ROW_NUMBER.findall(data)), default=0)
        scan.farthest = f"{column.decode()}{scan.rows}"
    if b't="e"' in data:
        scan.errors.update(_error_cells(data))
    if b"<f>" in data or b"<f " in data or b":f>" in data or b":f " in data:
        scan.errors.update(_formula_cells(data))
    return scan


def _sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its XML part, via workbook.xml and its relationships."""
    book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG_REL}Relationship")}
    parts = {}
    for sheet in book.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = str(PurePosixPath("xl") / target)
        parts[sheet.get("name", "")] = part
    return parts


def _column_index(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _error_cells(xml: bytes) -> dict[tuple[int, int], str]:
    cells = {}
    for m in _ERROR_CELL.finditer(xml):
        ref = _REF.search(m[1])
        if ref is None:
            continue
        value = _VALUE.search(m[2])
        text = value[1].decode("utf-8", "replace") if value else "#N/A"
        cells[(int(ref[2]) - 1, _column_index(ref[1]))] = text or "#N/A"
    return cells


def _formula_cells(xml: bytes) -> dict[tuple[int, int], str]:
    """Formula cells without a cached value → `=` + formula (`=` alone for a shared one).

    A string result is cached as `t="str"` with a `<v>` that may be empty (`=IF(A1,"",…)`):
    that is a real empty value, not a missing one.
    """
    cells = {}
    for m in _CELL.finditer(xml):
        body = m[2]
        if not body or (b"<f" not in body and b":f" not in body):
            continue
        attrs = m[1]
        if b't="e"' in attrs:
            continue  # reported as an error cell
        value = _VALUE_OR_EMPTY.search(body)
        if value is not None and (value[1] or _STRING_TYPE.search(attrs)):
            continue  # a cached value: calamine reads it
        ref = _REF.search(attrs)
        if ref is None:
            continue
        formula = _FORMULA.search(body)
        text = html.unescape(formula[1].decode("utf-8", "replace")) if formula else ""
        cells[(int(ref[2]) - 1, _column_index(ref[1]))] = "=" + text
    return cells


# -- one file per sheet ----------------------------------------------------------------------


def _load_sheet_file(path: Path, name: str, problems: list[Problem]) -> Table | None:
    """`问题清单.csv` or `问题清单.xlsx`: the sheet named like the file, else its first sheet."""
    if path.suffix.lower() == ".csv":
        return _load_csv(path, name, problems)
    wb = _open(path, problems)
    if wb is None:
        return None
    sheets = {squash(n): n for n in wb.sheet_names}
    sheet = sheets.get(squash(name), wb.sheet_names[0] if wb.sheet_names else None)
    if sheet is None:
        return Table(name, [])
    scan = _xlsx_scan(path, {sheet}).get(sheet) if path.suffix.lower() in (".xlsx", ".xlsm") \
        else None
    if scan is not None and _too_large(name, scan, problems):
        return None
    table = _read_sheet(wb, sheet, problems)
    if table is None:
        return None
    if scan is not None:
        table.errors = scan.errors
    table.name = name
    return table


def decode_text(data: bytes) -> str | None:
    """Text saved by Excel ("CSV UTF-8" with BOM), Notepad (GBK "ANSI") or as Unicode (UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ("utf-16",)
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _load_csv(path: Path, name: str, problems: list[Problem]) -> Table | None:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            problems.append(Problem(
                path.name, None, None, None,
                f"文件太大（{_megabytes(size)}，最多 {_megabytes(MAX_FILE_BYTES)}）",
                TOO_BIG_HINT))
            return None
        data = path.read_bytes()
    except OSError:
        problems.append(Problem(path.name, None, None, None, "无法读取文件",
                                "请关闭正在使用它的程序后再试"))
        return None
    text = decode_text(data)
    if text is None:
        problems.append(Problem(path.name, None, None, None, "无法识别文件的文字编码",
                                "请用记事本打开后另存为 UTF-8 编码，或用 Excel 另存为 .xlsx"))
        return None
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    width = max(map(len, rows), default=0)
    for row in rows:
        row.extend([""] * (width - len(row)))
    return Table(name, rows)
