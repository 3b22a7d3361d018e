"""Workbook + plan text → `Campaign`, with every fault located (sheet, row, column).

`read_campaign` is the only entry point the rest of hongtou needs. It reads everything,
checks the sheets against each other, and raises one `InputError` listing every problem;
it never stops at the first one and never lets a traceback reach the user.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hongtou.model import Campaign, InputError, Problem
from hongtou.read.body import PLACEHOLDERS, collect_body, read_body
from hongtou.read.headers import META_SHEET, SHEET_NAMES, find_header
from hongtou.read.meta import read_meta
from hongtou.read.sheets import (
    Sheet, cross_check, read_issues, read_members, read_persons, read_phases, read_tasks,
)
from hongtou.read.tables import Book, Table, open_book
from hongtou.rules.text import squash

__all__ = ["read_campaign", "read_body", "PLACEHOLDERS"]

_PARSERS = {
    "领导小组": lambda t, h, year, p: read_members(t, h, p),
    "人员": lambda t, h, year, p: read_persons(t, h, p),
    "阶段安排": read_phases,
    "工作安排": read_tasks,
    "问题清单": read_issues,
}


def read_campaign(path: Path | str, need_body: bool = False) -> Campaign:
    """Read a campaign folder (one workbook, or one file per sheet, plus 方案正文) or a workbook.

    `need_body`: a missing or empty 方案正文 is a problem (check, and a build of the 通知),
    as are init's prompts left in it. Raises InputError with every problem found.
    """
    path = Path(path)
    problems: list[Problem] = []
    book = open_book(path, SHEET_NAMES, problems)
    folder = path if path.is_dir() else path.parent
    campaign = _read_book(book, problems, folder) if book is not None else None
    body = collect_body(folder, problems, need_body) if folder.is_dir() else []
    if problems or campaign is None:
        raise InputError(problems)
    campaign.body = body
    campaign.source = str(book.path)
    return campaign


def _read_book(book: Book, problems: list[Problem], folder: Path | None = None) -> Campaign | None:
    meta_table = _table(book, META_SHEET, problems)
    meta, year = read_meta(meta_table, problems, folder) if meta_table is not None else (None, None)
    if year is None:
        year = date.today().year  # only to go on checking; the run fails anyway
    sheets: dict[str, Sheet | None] = {}
    for name, parse in _PARSERS.items():
        table = _table(book, name, problems)
        sheets[name] = _read_sheet(name, table, year, parse, problems) if table else None
    items = {name: sheet.items if sheet else [] for name, sheet in sheets.items()}
    _one_spelling(items["人员"], items["工作安排"], items["问题清单"])
    cross_check(meta, *sheets.values(), problems=problems)
    if meta is None:
        return None
    return Campaign(meta=meta, members=items["领导小组"], persons=items["人员"],
                    phases=items["阶段安排"], tasks=items["工作安排"], issues=items["问题清单"])


def _one_spelling(*lists: list) -> None:
    """Every department one spelling: `办公室` and `ＩＴ部`/`IT部` that match ignoring width and
    spaces (`squash`) take the form first written (人员 first, then 工作安排, 问题清单), so
    grouping, the 责任人 check, file names and the 督办 and 统计 rows agree."""
    spelled: dict[str, str] = {}
    for items in lists:
        for item in items:
            if item.department:
                item.department = spelled.setdefault(squash(item.department), item.department)


def _read_sheet(name: str, table: Table, year: int, parse, problems: list[Problem]) -> Sheet | None:
    if not any(v != "" for row in table.rows for v in row):
        return Sheet(table.name)  # an empty sheet: nothing to do yet
    header = find_header(name, table.name, table.rows, problems)
    if header is None:
        return None
    return parse(table, header, year, problems)


def _table(book: Book, name: str, problems: list[Problem]) -> Table | None:
    table = book.table(name)
    if table is None and squash(name) not in book.failed:
        problems.append(_missing_sheet(book, name))
    return table


def _missing_sheet(book: Book, name: str) -> Problem:
    if book.path.is_dir():
        return Problem(name, None, None, None, "文件夹中没有这张表的文件",
                       f"请添加 {name}.xlsx 或 {name}.csv")
    others = "、".join(book.names)
    hint = f"工作簿中现有：{others}；" if others else ""
    return Problem(name, None, None, None, "工作簿中没有这张工作表",
                   f"{hint}请把对应的工作表改名为「{name}」")
