"""The catalogue of bad input: what a secretary may type or save, and what hongtou says.

One row per case. `make(tmp)` writes the input under `tmp` and returns the path given to
`build` (usually the folder `tmp/活动`). `expected` is every line the command prints after
its header, in order; an empty tuple means the input is accepted and the build succeeds.
`test_bad_inputs.py` runs every case through the command line, and `make_table.py` turns
this table into docs/bad_inputs.md (你填写的 → hongtou 的提示).

Decisions recorded here (each proved by a case):
- hidden rows and hidden sheets are read like visible ones (hiding is not deleting);
- a formula is read by the value Excel cached when it saved the file; a formula without a
  cached value (written by a program, never opened in Excel) is reported;
- Excel/WPS lock files (`~$活动.xlsx`) beside the workbook are ignored;
- invisible control characters are dropped from the text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import docx
import openpyxl

from tests.helpers import make_workbook, minimal_sheets

FOLDER = "活动"
BOOK = "活动.xlsx"

DATE_HINT = "可写成 2022-03-31、2022年3月31日、3月31日、3月底、3月下旬、年底前、长期坚持、立行立改 等"
STATUS_HINT = ("可填写：未启动（未开始）、整改中（进行中、正在整改）、已完成（已整改、完成）、"
               "已销号、长期坚持（持续整改）")
NOT_IN_PERSONS = "请核对姓名，或在人员表中补上此人"
FIX_FORMULA = "请改正公式，或直接填写内容"
NO_CACHED = "单元格是公式但没有计算结果"
SAVE_ONCE = "请在 Excel 中打开并保存一次，或改为直接填写内容"
SAVE_AS = "请用 Excel/WPS 打开后另存为 .xlsx"
WENHAO_HINT = "应写成 机关代字〔年份〕序号号，如 六工党〔2022〕7号"
NO_PERSONS = ("工作表中没有任何人员，工作安排 第2行「责任人」等 4 处填写的责任人都无从核对。"
              "请在人员表中列出每位责任人的姓名和部门（表头下每人一行）；不设责任人的，请把「责任人」列留空")
SHEETS_NOW = "发文信息、领导小组、人员、阶段安排、工作安排、问题清单"
TOO_BIG_HINT = "请删除不需要的工作表、图片和空行后另存，或用 Excel/WPS 打开后另存为 .xlsx"

# sheet index of each sheet in a workbook written by make_workbook (xl/worksheets/sheetN.xml)
PART = {name: f"xl/worksheets/sheet{n}.xml" for n, name in enumerate(minimal_sheets(), 1)}


@dataclass(frozen=True)
class Case:
    id: str
    typed: str                          # 你填写的: what the secretary did, in Chinese
    make: Callable[[Path], Path]        # writes the input under tmp, returns the DATA path
    expected: tuple[str, ...]           # hongtou's messages, in order; () = accepted


# -- how the inputs are made ---------------------------------------------------------------

Edit = Callable[[dict], None]


PLAN = "一、总体要求\n按照要求开展活动。\n".encode()


def _plan(folder: Path) -> None:
    """The 方案正文.txt a campaign folder needs, unless the case put one (or its fault) there."""
    if not any(folder.glob("方案正文.*")):
        (folder / "方案正文.txt").write_bytes(PLAN)


def _book(tmp: Path, edit: Edit | None = None, **options) -> Path:
    sheets = minimal_sheets()
    if edit is not None:
        edit(sheets)
    return make_workbook(tmp / FOLDER / BOOK, sheets, body=None, **options)


def workbook(edit: Edit | None = None, then: Callable[[Path], None] | None = None,
             **options) -> Callable[[Path], Path]:
    """The minimal campaign, changed by `edit(sheets)`, saved as 活动/活动.xlsx; `then(path)`
    may rework the saved file."""
    def make(tmp: Path) -> Path:
        path = _book(tmp, edit, **options)
        if then is not None:
            then(path)
        _plan(path.parent)
        return path.parent
    return make


def cells(*changes: tuple[str, int, int, object]) -> Callable[[Path], Path]:
    """Set cells: (sheet, row index in the list = Excel row - 1, column index, value)."""
    def edit(sheets: dict) -> None:
        for sheet, r, c, value in changes:
            rows = sheets[sheet]
            while len(rows) <= r:
                rows.append([])
            row = rows[r]
            while len(row) <= c:
                row.append(None)
            row[c] = value
    return workbook(edit)


def with_file(name: str, data: bytes | Callable[[Path], None],
              book: bool = True) -> Callable[[Path], Path]:
    """The campaign folder holding the good workbook (if `book`) and one more file."""
    def make(tmp: Path) -> Path:
        folder = tmp / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        if book:
            _book(tmp)
        if callable(data):
            data(folder / name)
        else:
            (folder / name).write_bytes(data)
        _plan(folder)
        return folder
    return make


def instead_of_book(data: bytes | Callable[[Path], None]) -> Callable[[Path], Path]:
    """活动/活动.xlsx is not what its name says."""
    return with_file(BOOK, data, book=False)


def rewrite_part(part: str, change: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    """Rewrite one part of a saved .xlsx (what Excel would have written, not openpyxl)."""
    def then(path: Path) -> None:
        with zipfile.ZipFile(path) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        parts[part] = change(parts[part])
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data)
    return then


def hide_row(sheet: str, row: int) -> Callable[[Path], None]:
    def then(path: Path) -> None:
        wb = openpyxl.load_workbook(path)
        wb[sheet].row_dimensions[row].hidden = True
        wb.save(path)
    return then


def word_document(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("关于开展活动的通知")
    document.save(path)


def good_bytes() -> bytes:
    buffer = io.BytesIO()
    sheets = minimal_sheets()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    wb.save(buffer)
    return buffer.getvalue()


def encrypted_ole(path: Path) -> None:
    """What Excel saves for a password-protected .xlsx: an OLE compound file (D0 CF 11 E0)
    whose directory holds the streams EncryptionInfo and EncryptedPackage."""
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    header[0x18:0x1C] = b"\x3e\x00\x03\x00"      # minor/major version 3
    header[0x1C:0x20] = b"\xfe\xff\x09\x00"      # byte order, sector shift 9
    entries = b""
    for name in ("Root Entry", "EncryptionInfo", "EncryptedPackage"):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        entry = bytearray(128)
        entry[: len(raw)] = raw
        entry[64:66] = len(raw).to_bytes(2, "little")
        entry[66] = 5 if name == "Root Entry" else 2
        entries += bytes(entry)
    path.write_bytes(bytes(header) + entries + bytes(512 - len(entries)) + bytes(1024))


def sparse_file(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as fh:
            fh.write(b"PK\x03\x04")
            fh.truncate(size)
    return write


def add_zip_entry(name: str, data: bytes) -> Callable[[Path], None]:
    def then(path: Path) -> None:
        with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, data)
    return then


def declare_size(part: str, size: int) -> Callable[[Path], None]:
    """Patch the central directory so `part` claims `size` bytes unpacked (a zip bomb's lie)."""
    def then(path: Path) -> None:
        data = bytearray(path.read_bytes())
        at = data.find(b"PK\x01\x02")
        while at != -1:
            n = int.from_bytes(data[at + 28:at + 30], "little")
            if data[at + 46:at + 46 + n].decode() == part:
                data[at + 24:at + 28] = size.to_bytes(4, "little")
                break
            at = data.find(b"PK\x01\x02", at + 4)
        path.write_bytes(bytes(data))
    return then


def folder_of(files: dict[str, bytes | Callable[[Path], None]]) -> Callable[[Path], Path]:
    def make(tmp: Path) -> Path:
        folder = tmp / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            if callable(data):
                data(folder / name)
            else:
                (folder / name).write_bytes(data)
        _plan(folder)
        return folder
    return make


def _drop_sheet(name: str) -> Edit:
    def edit(sheets: dict) -> None:
        del sheets[name]
    return edit


def _no_owners(sheets: dict) -> None:
    """人员 header only, and no 责任人 named anywhere: no 工作安排 has one (it may be left
    blank there), and 问题清单 (where it must be filled in) has no rows yet."""
    sheets["人员"] = sheets["人员"][:1]
    sheets["问题清单"] = sheets["问题清单"][:1]
    column = sheets["工作安排"][0].index("责任人")
    for row in sheets["工作安排"][1:]:
        row[column] = None


def csv_sheets(broken: str, data: bytes) -> Callable[[Path], Path]:
    """One CSV per sheet (as saved by Excel "CSV UTF-8"), sheet `broken` replaced by `data`."""
    def make(tmp: Path) -> Path:
        import csv

        folder = tmp / FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for name, rows in minimal_sheets().items():
            if name == broken:
                (folder / f"{name}.csv").write_bytes(data)
                continue
            text = io.StringIO()
            csv.writer(text).writerows([["" if v is None else v for v in row] for row in rows])
            (folder / f"{name}.csv").write_bytes(text.getvalue().encode("utf-8-sig"))
        _plan(folder)
        return folder
    return make


FILES = Path(__file__).parent / "files"


def sheets_in_subfolder(tmp: Path) -> Path:
    """Each sheet exported as a CSV into 活动/活动/, beside 活动/方案正文.txt."""
    inner = csv_sheets("", b"")(tmp / FOLDER)
    (inner / "方案正文.txt").rename(tmp / FOLDER / "方案正文.txt")
    return tmp / FOLDER


def no_plan(tmp: Path) -> Path:
    """The workbook alone: no 方案正文 beside it."""
    return _book(tmp).parent


def untouched_init(tmp: Path) -> Path:
    from hongtou.init import init_campaign

    init_campaign(tmp / FOLDER)
    return tmp / FOLDER


def _file(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    _plan(path.parent)
    return path


def body(text: bytes | Callable[[Path], None], name: str = "方案正文.txt") -> Callable[[Path], Path]:
    return with_file(name, text)


def edit_sheets(fn: Edit) -> Callable[[Path], Path]:
    return workbook(fn)


def _drop_column(sheet: str, c: int) -> Edit:
    def edit(sheets: dict) -> None:
        for row in sheets[sheet]:
            del row[c]
    return edit


def _rename_sheet(old: str, new: str) -> Edit:
    def edit(sheets: dict) -> None:
        sheets[new] = sheets.pop(old)
    return edit


def _meta(rows: list[list]) -> Edit:
    def edit(sheets: dict) -> None:
        sheets["发文信息"] = rows
    return edit


def _drop_meta(key: str) -> Edit:
    def edit(sheets: dict) -> None:
        sheets["发文信息"] = [r for r in sheets["发文信息"] if r[0] != key]
    return edit


def _add_meta(key: str, value: object) -> Edit:
    def edit(sheets: dict) -> None:
        sheets["发文信息"].append([key, value])
    return edit


def _cached_formula(ref: str, cached: str) -> Callable[[bytes], bytes]:
    """Give the formula cell `ref` the cached string result Excel would have saved."""
    def change(xml: bytes) -> bytes:
        pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*>(<f>.*?</f>)<v\s*/?>(</v>)?</c>')
        out, n = pattern.subn(lambda m: b'<c r="' + ref.encode() + b'" t="str">' + m[1]
                              + b"<v>" + cached.encode() + b"</v></c>", xml)
        assert n == 1, xml
        return out
    return change


def _several(sheets: dict) -> None:
    sheets["发文信息"][2][1] = "六工党"
    del sheets["阶段安排"]
    sheets["人员"][1][0] = None
    sheets["问题清单"][1][7] = "2022-02-30"
    sheets["问题清单"][1][8] = "差不多了"
    sheets["问题清单"][2][0] = 1
    sheets["问题清单"][2][7] = "下周"
    sheets["问题清单"][2][6] = "孙七"


# -- the catalogue ---------------------------------------------------------------------------

CASES: list[Case] = [
    # ---- the file itself ----
    Case("empty-file", "工作簿是 0 字节的空文件（保存时断电、网盘没同步完）",
         instead_of_book(b""),
         ("活动.xlsx：文件是空的（0 字节）。文件可能没有保存成功，请找回原文件，或在 Excel/WPS 中重新保存",)),
    Case("docx-renamed", "把 Word 文档改名成了 活动.xlsx", instead_of_book(word_document),
         ("活动.xlsx：这是 Word 文档（.docx），不是 Excel 工作簿。请确认选的是 Excel 文件",)),
    Case("truncated-zip", "工作簿只复制了一半（文件被截断）",
         instead_of_book(lambda p: p.write_bytes(good_bytes()[:3000])),
         (f"活动.xlsx：文件已损坏（可能没有保存完整）。{SAVE_AS}",)),
    Case("encrypted", "工作簿设置了打开密码", instead_of_book(encrypted_ole),
         ("活动.xlsx：文件已加密。请在 Excel 中取消密码后另存为 .xlsx",)),
    Case("text-renamed", "把文本文件改名成了 活动.xlsx",
         instead_of_book("序号,问题描述\n1,学习不够深入\n".encode()),
         (f"活动.xlsx：文件不是有效的 Excel 工作簿。{SAVE_AS}",)),
    Case("html-as-xls", "从网上系统导出的 .xls 其实是网页",
         folder_of({"活动.xls": b"<html><body><table><tr><td>1</td></tr></table></body></html>"}),
         ("活动.xls：文件其实是网页格式（常见于从网上系统导出的 .xls）。请用 Excel/WPS 打开后另存为 .xlsx",)),
    Case("unsupported-suffix", "直接给了一个 .numbers 文件",
         lambda tmp: _file(tmp / "活动.numbers", b"PK\x03\x04"),
         (f"活动.numbers：不支持的文件类型 .numbers。{SAVE_AS}",)),
    Case("two-workbooks", "文件夹里有两个工作簿（新的和旧的）",
         with_file("活动（旧）.xlsx", lambda p: p.write_bytes(good_bytes())),
         ("活动：文件夹中有多个工作簿：活动.xlsx、活动（旧）.xlsx。请只保留一个工作簿，或在命令中直接指定要用的文件",)),
    Case("no-workbook", "文件夹里只有方案正文，没有工作簿",
         folder_of({"方案正文.txt": "一、总体要求\n".encode()}),
         ("活动：文件夹中没有找到工作簿。请放入一个 .xlsx/.xls 工作簿，或每张表一个文件（如 发文信息.csv）",)),
    Case("book-and-csv", "文件夹里既有工作簿，又有单独的 问题清单.csv",
         with_file("问题清单.csv", "问题描述\n学习不够深入\n".encode()),
         ("活动：文件夹中既有工作簿又有按工作表拆分的文件：活动.xlsx、问题清单.csv。"
          "请只保留一种：一个工作簿，或每张表一个文件",)),
    Case("csv-subfolder", "每张表另存成了 CSV，放在活动文件夹下的子文件夹「活动」里，方案正文在外面（可以正常生成）",
         sheets_in_subfolder, ()),
    Case("wps-et", "工作簿是 WPS 表格的 .et 文件（可以正常生成）",
         folder_of({"活动.et": (FILES / "minimal.et").read_bytes()}), ()),
    Case("wps-et-broken", "WPS 表格的 .et 文件读不出来（损坏或是新版格式）",
         folder_of({"活动.et": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)}),
         ("活动.et：无法读取这个 WPS 表格（.et）文件。请在 WPS 中打开它，点「文件 → 另存为」，"
          "文件类型选「Excel 工作簿（*.xlsx）」，再用另存的 .xlsx",)),
    Case("lock-file", "Excel 正开着工作簿，旁边有锁文件 ~$活动.xlsx（可以正常生成）",
         with_file("~$活动.xlsx", b"\x06locked by Excel"), ()),
    Case("too-big", "工作簿有 51 MB（插了很多图片）",
         instead_of_book(sparse_file(51 * 1024 * 1024)),
         (f"活动.xlsx：文件太大（51 MB，最多 50 MB）。{TOO_BIG_HINT}",)),
    Case("zip-ratio", "工作簿里藏着一个压缩比异常的部件（zip 炸弹）",
         workbook(then=add_zip_entry("xl/media/image1.bin", bytes(20 * 1024 * 1024))),
         ("活动.xlsx：文件中的「xl/media/image1.bin」压缩比异常（超过 200:1），可能已损坏或是恶意构造的文件。"
          f"{SAVE_AS}",)),
    Case("zip-declared-size", "工作簿声称解压后有 600 MB（zip 炸弹）",
         workbook(then=declare_size("xl/theme/theme1.xml", 600 * 1024 * 1024)),
         (f"活动.xlsx：文件解压后过大（600 MB，最多 500 MB），可能已损坏或不是正常的工作簿。{TOO_BIG_HINT}",)),
    Case("far-cell", "在问题清单最右下角的 XFD1048576 单元格误填了内容",
         cells(("问题清单", 1048575, 16383, "x")),
         ("问题清单：工作表的数据区域过大（1048576 行 × 16384 列，最远的单元格是 XFD1048576）。"
          "很可能是远处的单元格里误填了内容：请按 Ctrl+End 找到它，删除多余的行和列后保存",)),

    # ---- sheets ----
    Case("missing-sheet", "阶段安排表还叫 Sheet1", workbook(_rename_sheet("阶段安排", "Sheet1")),
         ("阶段安排：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、人员、工作安排、问题清单、"
          "Sheet1；请把对应的工作表改名为「阶段安排」",)),
    Case("no-persons-sheet", "工作簿里没有人员表（责任人就无从核对）", workbook(_drop_sheet("人员")),
         ("人员：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、阶段安排、工作安排、问题清单；"
          "请把对应的工作表改名为「人员」",)),
    Case("empty-persons-sheet", "人员表只有表头，一个人也没填（责任人就无从核对）",
         workbook(lambda s: s.__setitem__("人员", s["人员"][:1])),
         (f"人员：{NO_PERSONS}",)),
    Case("blank-persons-sheet", "人员表整张是空的", workbook(lambda s: s.__setitem__("人员", [])),
         (f"人员：{NO_PERSONS}",)),
    Case("empty-persons-no-owners", "人员表是空的，工作安排没填责任人、问题清单还没有问题（没有要核对的，照常生成）",
         workbook(_no_owners), ()),
    Case("two-sheets-same-name", "有「问题清单」和「问题 清单」两张表",
         workbook(lambda s: s.__setitem__("问题 清单", s["问题清单"])),
         ("问题 清单：有两张同名的工作表（「问题清单」和「问题 清单」）。请删除或改名其中一张",)),
    Case("hidden-sheet", "问题清单被隐藏了（隐藏的表照样读取，其中的错误照样报告）",
         workbook(lambda s: s["问题清单"][1].__setitem__(7, "下周"), hidden=("问题清单",)),
         (f"问题清单 第2行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",)),
    Case("hidden-row", "问题清单第3行被隐藏了（隐藏的行照样读取，其中的错误照样报告）",
         workbook(lambda s: s["问题清单"][2].__setitem__(7, "下周"), then=hide_row("问题清单", 3)),
         (f"问题清单 第3行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",)),
    Case("missing-column", "问题清单删掉了「整改时限」一列", workbook(_drop_column("问题清单", 7)),
         ("问题清单 第1行「整改时限」：表头中缺少这一列。可用的列名：整改时限、完成时限、时限要求、整改期限",)),
    Case("no-header", "人员表没有表头行，直接从数据开始",
         workbook(lambda s: s.__setitem__("人员", s["人员"][1:])),
         ("人员：前15行中找不到表头行。请在数据上方加一行列名：姓名、部门、职务、联系电话",)),
    Case("same-column-twice", "问题清单既有「责任人」列又有「负责人」列",
         cells(("问题清单", 0, 12, "负责人"), ("问题清单", 1, 12, "王明")),
         ("问题清单 第1行「负责人」：与「责任人」列重复，两列都表示「责任人」。"
          "请删除其中一列，或把它改成别的列名（不认识的列不会被读取）",)),

    # ---- 发文信息 ----
    Case("meta-empty", "发文信息表是空的", workbook(_meta([])),
         ("发文信息：工作表中没有任何发文信息。请每行第一列写项目名、第二列写内容，"
          "至少填写：发文机关、发文字号、方案标题、主送机关、成文日期",)),
    Case("meta-across", "发文信息横着填成了一张表（项目名在第一行）",
         workbook(_meta([["发文机关", "发文字号", "方案标题", "主送机关", "成文日期"],
                         ["中共六安市总工会党组", "六工党〔2022〕7号", "方案", "各部室",
                          date(2022, 2, 15)]])),
         ("发文信息 第1行：一行中有多个项目名：发文机关、发文字号、方案标题、主送机关、成文日期。"
          "发文信息请竖着填写：每行第一列写项目名（如 发文机关），第二列写内容",)),
    Case("date-key-missing", "发文信息里没有「成文日期」这一行", workbook(_drop_meta("成文日期")),
         ("发文信息「成文日期」：缺少这一项。请在第一列写「成文日期」，第二列写内容",)),
    Case("date-empty", "成文日期没有填", cells(("发文信息", 5, 1, None)),
         ("发文信息 第6行「成文日期」：未填写",)),
    Case("date-period", "成文日期填成了「2022年2月」", cells(("发文信息", 5, 1, "2022年2月")),
         ("发文信息 第6行「成文日期」：应填写具体日期（填写的是「2022年2月」）。如 2022年2月15日",)),
    Case("date-no-year", "成文日期填成了「2月15日」，没有年份", cells(("发文信息", 5, 1, "2月15日")),
         ("发文信息 第6行「成文日期」：缺少年份（填写的是「2月15日」）。请写出年份，如 2022年3月31日",)),
    Case("wenhao", "发文字号写成「六工党2022年7号」", cells(("发文信息", 2, 1, "六工党2022年7号")),
         ("发文信息 第3行「发文字号」：年份应当用六角括号〔〕括入（填写的是「六工党2022年7号」）。"
          f"{WENHAO_HINT}",)),
    Case("wenhao-no-number", "发文字号没有序号「六工党〔2022〕号」",
         cells(("发文信息", 2, 1, "六工党〔2022〕号")),
         (f"发文信息 第3行「发文字号」：缺少发文顺序号（填写的是「六工党〔2022〕号」）。{WENHAO_HINT}",)),
    Case("tongbao-wenhao", "通报字号写成「六工党2022年15号」",
         workbook(_add_meta("通报字号", "六工党2022年15号")),
         ("发文信息 第7行「通报字号」：年份应当用六角括号〔〕括入（填写的是「六工党2022年15号」）。"
          f"{WENHAO_HINT}",)),
    Case("tongbao-wenhao-same", "通报字号与发文字号相同",
         workbook(_add_meta("通报字号", "六工党[2022]7号")),
         ("发文信息 第7行「通报字号」：与发文字号相同（填写的是「六工党[2022]7号」）。"
          "进展通报是另一份公文，要用自己的字号，如 六工党〔2022〕8号",)),
    Case("seal-missing", "印章图片写了不存在的文件「印章.png」",
         workbook(_add_meta("印章图片", "印章.png")),
         ("发文信息 第7行「印章图片」：找不到印章图片「印章.png」（填写的是「印章.png」）。"
          "请把透明背景的 PNG 图片放在活动表格所在的文件夹，并写对文件名",)),
    Case("seal-yes-no", "加盖印章写成「也许」", workbook(_add_meta("加盖印章", "也许")),
         ("发文信息 第7行「加盖印章」：应填写「是」或「否」（填写的是「也许」）。"
          "填「是」时落款按加盖印章排；不盖章留空或填「否」",)),
    Case("warn-days-text", "预警天数写成「一周」", workbook(_add_meta("预警天数", "一周")),
         ("发文信息 第7行「预警天数」：应填写天数（填写的是「一周」）。如 7",)),
    Case("warn-days-negative", "预警天数写成 -3", workbook(_add_meta("预警天数", -3)),
         ("发文信息 第7行「预警天数」：天数不能是负数（填写的是「-3」）。请填写0至365之间的整数，如 7",)),
    Case("feedback-days-huge", "反馈时限写成 3000 个工作日", workbook(_add_meta("反馈时限", 3000)),
         ("发文信息 第7行「反馈时限」：天数太大（最多 365 天）（填写的是「3000」）。请填写0至365之间的整数，如 3",)),
    Case("as-of-before-issue", "统计截至早于成文日期",
         workbook(_add_meta("统计截至", "2022-01-20")),
         ("发文信息 第7行「统计截至」：早于成文日期2022年2月15日（填写的是「2022-01-20」）。"
          "统计截至应在成文日期当天或之后，请核对（年份是否写错）",)),
    Case("print-date-before-issue", "印发日期早于成文日期",
         workbook(_add_meta("印发日期", date(2021, 2, 16))),
         ("发文信息 第7行「印发日期」：早于成文日期2022年2月15日（填写的是「2021年2月16日」）。"
          "印发日期应在成文日期当天或之后，请核对（年份是否写错）",)),
    Case("joint-too-many", "联合发文机关填了 4 个（连同主办机关 5 个）",
         workbook(_add_meta("联合发文机关", "六安市总工会、六安市妇联、六安市团委、六安市科协")),
         ("发文信息 第7行「联合发文机关」：联合发文机关太多：连同主办机关共5个"
          "（填写的是「六安市总工会、六安市妇联、六安市团委、六安市科协」）。"
          "红头上最多排4个机关（主办机关＋3个联合发文机关）；机关更多时请只列主要的几个，或改用各机关分别发文",)),
    Case("meta-twice", "发文机关填了两行", workbook(_add_meta("发文机关", "市总工会")),
         ("发文信息 第7行「发文机关」：重复填写（第2行已填写）（填写的是「市总工会」）。请删除其中一行",)),
    Case("meta-formula", "成文日期是公式 =TODAY()，但工作簿是程序生成的，从没在 Excel 里保存过",
         cells(("发文信息", 5, 1, "=TODAY()")),
         (f"发文信息 第6行「成文日期」：{NO_CACHED}（填写的是「=TODAY()」）。{SAVE_ONCE}",)),

    # ---- cells of the data sheets ----
    Case("impossible-date", "整改时限写成 2022-02-30", cells(("问题清单", 1, 7, "2022-02-30")),
         ("问题清单 第2行「整改时限」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。请核对后改为实际存在的日期",)),
    Case("words-as-date", "整改时限写成「下周」", cells(("问题清单", 2, 7, "下周")),
         (f"问题清单 第3行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",)),
    Case("date-range-in-cell", "整改时限写成「3月1日至3月31日」",
         cells(("问题清单", 1, 7, "3月1日至3月31日")),
         ("问题清单 第2行「整改时限」：一个单元格只能填写一个日期（填写的是「3月1日至3月31日」）。起始日期和截止日期请分开填写",)),
    Case("number-as-date", "整改时限里填了数字 3", cells(("问题清单", 1, 7, 3)),
         (f"问题清单 第2行「整改时限」：数字不是有效的日期（填写的是「3」）。{DATE_HINT}",)),
    Case("deadline-before-issue", "整改时限早于成文日期（年份写成了 2021）",
         cells(("问题清单", 1, 7, "2021-03-31")),
         ("问题清单 第2行「整改时限」：早于成文日期2022年2月15日，但尚未完成（填写的是「2021年3月31日」）。"
          "请核对日期（年份是否写错）；已完成的请把状态改为已完成",)),
    Case("done-date-period", "完成日期写成「3月底」", cells(("问题清单", 1, 10, "3月底")),
         ("问题清单 第2行「完成日期」：应填写具体日期（填写的是「3月底」）。如 2022-03-31 或 3月31日",)),
    Case("unknown-status", "整改状态写成「差不多了」", cells(("问题清单", 1, 8, "差不多了")),
         (f"问题清单 第2行「整改状态」：不是可识别的状态（填写的是「差不多了」）。{STATUS_HINT}",)),
    Case("task-status", "工作安排的状态写成「已完成80%」", cells(("工作安排", 2, 7, "已完成80%")),
         (f"工作安排 第3行「状态」：不是可识别的状态（填写的是「已完成80%」）。{STATUS_HINT}",)),
    Case("duplicate-seq", "两个问题的序号都是 1", cells(("问题清单", 2, 0, 1)),
         ("问题清单 第3行「序号」：序号与第2行重复（填写的是「1」）。请给每个问题一个不同的序号（合并的序号单元格请拆分）",)),
    Case("text-seq", "序号写成「一」", cells(("问题清单", 1, 0, "一")),
         ("问题清单 第2行「序号」：序号应为正整数（填写的是「一」）。如 1、2、3；序号用于合并各部门的反馈",)),
    Case("fraction-seq", "序号写成 1.5", cells(("问题清单", 1, 0, 1.5)),
         ("问题清单 第2行「序号」：序号应为正整数（填写的是「1.5」）。如 1、2、3；序号用于合并各部门的反馈",)),
    Case("empty-required", "问题描述只填了空格", cells(("问题清单", 1, 2, "   ")),
         ("问题清单 第2行「问题描述」：未填写",)),
    Case("person-no-name", "人员表有一行没填姓名", cells(("人员", 2, 0, None)),
         ("人员 第3行「姓名」：未填写",)),
    Case("long-cell", "问题描述粘贴了 40000 个字（超过 Excel 单元格上限 32767）",
         workbook(lambda s: s["问题清单"][1].__setitem__(2, "LONG"),  # openpyxl cuts at 32767
                  then=rewrite_part(PART["问题清单"],
                                    lambda xml: xml.replace(b">LONG<", (">" + "学习" * 20000
                                                                        + "<").encode()))),
         ("问题清单 第2行「问题描述」：内容太长（40000 个字符，Excel 一个单元格最多 32767 个）"
          "（填写的是「学习学习学习学习学习学习学习学习学习学习…」）。请精简内容，详细材料可另附",)),
    Case("control-chars", "问题描述里夹着看不见的控制字符（从别的系统复制来的；会被去掉，可以正常生成）",
         cells(("问题清单", 1, 2, "学习_x0007_不够_x001B_深入")), ()),

    # ---- error cells and formulas ----
    Case("error-na", "整改时限是 #N/A（VLOOKUP 没找到）", cells(("问题清单", 1, 7, "#N/A")),
         (f"问题清单 第2行「整改时限」：单元格是错误值 #N/A。{FIX_FORMULA}",)),
    Case("error-ref", "联系电话是 #REF!（引用的表被删了）", cells(("人员", 2, 3, "#REF!")),
         (f"人员 第3行「联系电话」：单元格是错误值 #REF!。{FIX_FORMULA}",)),
    Case("formula-no-value", "整改时限是公式 =B2+30，但工作簿是程序生成的，从没在 Excel 里保存过",
         cells(("问题清单", 1, 7, "=B2+30")),
         (f"问题清单 第2行「整改时限」：{NO_CACHED}（填写的是「=B2+30」）。{SAVE_ONCE}",)),
    Case("formula-cached", "整改时限是公式，Excel 保存的计算结果是「下周」（按计算结果读取）",
         workbook(lambda s: s["问题清单"][1].__setitem__(7, '="下周"'),
                  then=rewrite_part(PART["问题清单"], _cached_formula("H2", "下周"))),
         (f"问题清单 第2行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",)),

    # ---- across sheets ----
    Case("owner-unknown", "责任人「孙七」不在人员表里", cells(("问题清单", 2, 6, "孙七")),
         (f"问题清单 第3行「责任人」：人员表中没有此人（填写的是「孙七」）。{NOT_IN_PERSONS}",)),
    Case("owner-other-dept", "责任人「张三」是办公室的，责任部门却写了组织部",
         cells(("问题清单", 2, 6, "张三")),
         ("问题清单 第3行「责任人」：此人在人员表中属于「办公室」，与责任部门「组织部」不一致（填写的是「张三」）。"
          "请核对责任部门，或人员表中此人的部门",)),
    Case("leader-unknown", "责任领导「钱八」既不在人员表也不在领导小组",
         cells(("问题清单", 1, 4, "钱八")),
         (f"问题清单 第2行「责任领导」：人员表和领导小组中都没有此人（填写的是「钱八」）。{NOT_IN_PERSONS}",)),
    Case("task-owner-unknown", "工作安排的责任人「周九」不在人员表里", cells(("工作安排", 1, 3, "周九")),
         (f"工作安排 第2行「责任人」：人员表中没有此人（填写的是「周九」）。{NOT_IN_PERSONS}",)),
    Case("department-spaces", "责任部门有的写「办 公 室」有的写「办公室」（按同一个部门生成）",
         cells(("问题清单", 2, 5, "办 公 室"), ("问题清单", 2, 6, "张三")), ()),
    Case("role-unknown", "领导小组的职务写成「秘书长」", cells(("领导小组", 3, 0, "秘书长")),
         ("领导小组 第4行「职务」：职务应为组长、副组长、成员、办公室主任、办公室副主任、办公室成员之一（填写的是「秘书长」）",)),
    Case("phase-reversed", "阶段安排的结束日期早于开始日期", cells(("阶段安排", 2, 3, "3月1日")),
         ("阶段安排 第3行「结束日期」：早于开始日期「3月下旬」（填写的是「3月1日」）。请核对这两个日期",)),
    Case("task-reversed", "工作安排的完成时限早于开始日期", cells(("工作安排", 2, 5, "3月10日")),
         ("工作安排 第3行「完成时限」：早于开始日期「3月21日」（填写的是「3月10日」）。请核对这两个日期",)),
    Case("phase-unknown", "工作安排的阶段写成「第四阶段」，阶段安排里没有",
         cells(("工作安排", 2, 0, "第四阶段")),
         ("工作安排 第3行「阶段」：阶段安排表中没有这个阶段（填写的是「第四阶段」）。"
          "应填写阶段安排表中的阶段：第一阶段、第二阶段、第三阶段（或阶段名称）",)),

    # ---- per-sheet files and the plan text ----
    Case("csv-encoding", "问题清单.csv 的编码无法识别（乱码）",
         csv_sheets("问题清单", b"abc\x80\xff\x81\x30\xfe\n"),
         ("问题清单.csv：无法识别文件的文字编码。请用记事本打开后另存为 UTF-8 编码，或用 Excel 另存为 .xlsx",)),
    Case("body-encoding", "方案正文.txt 的编码无法识别（乱码）",
         body(b"\x80\xff\x80\xff" * 8),
         ("方案正文.txt：无法识别文件的文字编码。请用记事本打开，另存为时把编码选为 UTF-8",)),
    Case("body-placeholder", "方案正文里写了不存在的占位符 {{ 日程表 }}",
         body("一、总体要求\n按照要求开展活动。\n{{ 日程表 }}\n".encode()),
         ("方案正文.txt 第3行：不认识这个占位符（填写的是「{{ 日程表 }}」）。"
          "单独成行可用：{{ 阶段安排 }}、{{ 领导小组 }}、{{ 工作安排 }}；句中还可用发文信息的项目："
          "发文机关、发文机关标志、发文字号、签发人、联合发文机关、份号、密级、保密期限、紧急程度、活动名称、方案标题、"
          "标题、主送机关、成文日期、附注、抄送机关、印发机关、印发日期、预警天数、反馈时限、统计截至、通报字号、"
          "通报机关、加盖印章、印章图片，写法如 {{ 活动名称 }}",)),
    Case("body-missing", "活动文件夹里没有方案正文", no_plan,
         ("方案正文.txt：文件夹「活动」中没有方案正文。请把方案的正文写在 方案正文.txt（或 .docx）中，"
          "放在工作簿旁边；init 新建的活动文件夹里有一份可照着填写",)),
    Case("body-empty", "方案正文.txt 是空的（只有空行）", body(b"\r\n\r\n"),
         ("方案正文.txt：方案正文是空的。请写上方案的正文（每段一行，标题按 一、（一）1.（1）编号）",)),
    Case("body-binary", "方案正文.txt 第3行混进了二进制数据（NUL 字节）",
         body("一、总体要求\n按照要求开展活动。\n二、工作\x00要求\n".encode()),
         ("方案正文.txt 第3行：文件中有二进制数据（不是纯文本）。可能是别的文件改了名，或粘贴时混入了乱码："
          "请用记事本打开，删去这一行的乱码后保存；或把正文复制到一个新的记事本文件",)),
    Case("body-two-files", "方案正文有 .txt 和 .docx 两份",
         folder_of({BOOK: good_bytes(), "方案正文.txt": "一、总体要求\n".encode(),
                    "方案正文.docx": word_document}),
         ("方案正文.docx：有多个方案正文文件：方案正文.docx、方案正文.txt。请只保留一个",)),
    Case("body-broken-docx", "方案正文.docx 已损坏",
         body(b"PK\x03\x04 broken", name="方案正文.docx"),
         ("方案正文.docx：无法打开这个 Word 文档。请用 Word/WPS 打开后另存为 .docx，或把正文另存为 .txt",)),

    Case("init-untouched", "init 新建的活动文件夹，示例行和提示文字都没改就生成", untouched_init,
         (*(f"{sheet} 第2行「序号」：这是新建活动时的示例行（填写的是「示例」）。"
            "请改成本次活动的内容（序号写数字），或删除这一行"
            for sheet in ("领导小组", "人员", "阶段安排", "工作安排", "问题清单")),
          *(f"方案正文.txt 第{n}行：还是新建活动时的提示文字（填写的是「{text}…」）。请改成本次活动的内容，或删除这一段"
            for n, text in ((1, "（在此写明开展本次活动的依据和目的，如：为深入贯"),
                            (4, "（在此写明本次活动的指导思想，如：以……为指导，"),
                            (7, "（在此写明通过开展{{ 活动名称 }}要达到的目"),
                            (14, "（在此写明开展本次活动的重要意义，要求各部门把活"),
                            (15, "（在此写明各部门主要负责人的责任和工作分工，确保"),
                            (16, "（在此写明查摆问题、建立整改台账、实行销号管理和"),
                            (17, "（在此写明活动与日常工作相结合的要求，做到两不误"),
                            (21, "（在此写明对组织领导的其他要求，如：各部门主要负"))))),

    # ---- all at once ----
    Case("several", "一个工作簿里有多处错误（一次全部列出）", workbook(_several),
         ("发文信息 第3行「发文字号」：年份应当用六角括号〔〕括入（填写的是「六工党」）。"
          f"{WENHAO_HINT}",
          "人员 第2行「姓名」：未填写",
          "阶段安排：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、人员、工作安排、问题清单；"
          "请把对应的工作表改名为「阶段安排」",
          "问题清单 第2行「整改时限」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。请核对后改为实际存在的日期",
          f"问题清单 第2行「整改状态」：不是可识别的状态（填写的是「差不多了」）。{STATUS_HINT}",
          f"问题清单 第3行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",
          "问题清单 第3行「序号」：序号与第2行重复（填写的是「1」）。请给每个问题一个不同的序号（合并的序号单元格请拆分）",
          f"问题清单 第3行「责任人」：人员表中没有此人（填写的是「孙七」）。{NOT_IN_PERSONS}")),
]


# -- the output folder -------------------------------------------------------------------------
# What is already in the output folder when `build` writes: the message printed (`{out}` is the
# output folder), exit 2, nothing in the folder changed. The input is the good campaign.


@dataclass(frozen=True)
class OutCase:
    id: str
    typed: str                          # what is in the output folder
    prepare: Callable[[Path], None]     # puts it there (given the output folder)
    expected: str                       # the message, `{out}` standing for the folder


def _mkdir(rel: str) -> Callable[[Path], None]:
    def prepare(out: Path) -> None:
        (out / rel).mkdir(parents=True)
    return prepare


def _put_file(rel: str) -> Callable[[Path], None]:
    def prepare(out: Path) -> None:
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(b"not a folder")
    return prepare


MOVE_FOLDER = "请把这个文件夹移走或改名后重试，或换一个输出文件夹（-o）"
MOVE_FILE = "请把这个文件移走或改名后重试，或换一个输出文件夹（-o）"

OUT_CASES: list[OutCase] = [
    OutCase("out-folder-named-like-ledger", "输出文件夹里有一个名叫「整改台账.xlsx」的文件夹",
            _mkdir("整改台账.xlsx"),
            f"无法写入 {{out}}/整改台账.xlsx：那里已有一个同名的文件夹「整改台账.xlsx」。{MOVE_FOLDER}"),
    OutCase("out-folder-named-like-letter", "督办文件夹里有一个名叫「办公室.docx」的文件夹",
            _mkdir("督办/办公室.docx"),
            f"无法写入 {{out}}/督办/办公室.docx：那里已有一个同名的文件夹「办公室.docx」。{MOVE_FOLDER}"),
    OutCase("out-file-named-like-folder", "输出文件夹里的「分发」是一个文件，不是文件夹",
            _put_file("分发"),
            f"无法写入 {{out}}/分发/办公室.xlsx：「{{out}}/分发」是一个文件，不是文件夹。{MOVE_FILE}"),
    OutCase("out-is-a-file", "-o 指向的是一个已有的文件", lambda out: _put_file("")(out),
            "输出文件夹 {out} 是一个已有的文件，不是文件夹。请换一个输出文件夹（-o）"),
]
