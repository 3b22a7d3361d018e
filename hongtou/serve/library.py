"""Everything the workbench takes from the rest of hongtou, in one module.

The pages are a new face on the library, not a second implementation: checking is
`read_campaign`, building is `build.build`, 回收 is `merge.merge_returns`, 排版 is
`read_document` + `docs.typeset.render`, 检查公文 is the verify checks. When one of those
changes its signature or its result, this is the one file to fix.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from hongtou import build as _build
from hongtou.docs.template import TemplateFault
from hongtou.docs.typeset import render as _typeset_render
from hongtou.merge import (LOG_SHEET, RETURN_SUFFIXES, MergeResult, history_path,
                                 merge_returns)
from hongtou.model import Campaign, InputError, Light, Problem
from hongtou.pdf import _no_window as no_window, find_soffice, open_folder, pdf_names, timeout_for
from hongtou.read import read_campaign
from hongtou.read.document import read_document
from hongtou.read.headers import SHEET_NAMES
from hongtou.read.tables import (MAX_FILE_BYTES, MAX_RATIO, MAX_UNZIPPED_BYTES, RATIO_FLOOR,
                                 WORKBOOK_SUFFIXES, Table, open_book)
from hongtou.rules.status import assess
from hongtou.write import WriteError, replace_keeping, safe_name, write_outputs

__all__ = [
    "InputError", "Problem", "Light", "LOG_SHEET", "RETURN_SUFFIXES", "WORKBOOK_SUFFIXES",
    "MAX_FILE_BYTES", "WriteError", "find_soffice", "no_window", "open_folder", "safe_name",
    "timeout_for",
]

NOTICE_FILE = _build.NOTICE_FILE


# -- 检查 -----------------------------------------------------------------------------------


@dataclass
class Checked:
    """What the 活动 and 检查 pages show of a campaign."""

    campaign: Campaign | None
    problems: list[Problem] = field(default_factory=list)
    lights: dict[str, int] = field(default_factory=dict)     # 红/黄/绿 → issues
    today: date | None = None

    @property
    def ok(self) -> bool:
        return self.campaign is not None


def check(data: Path) -> Checked:
    try:
        c = read_campaign(data)
    except InputError as exc:
        return Checked(None, list(exc.problems))
    today = _build.default_today(c)
    a = assess(c, today)
    return Checked(c, [], {light.value: a.count(light) for light in Light}, today)


def sheets(data: Path) -> dict[str, Table]:
    """The campaign's sheets as read, by the name the user gave them (for the grid)."""
    problems: list[Problem] = []
    book = open_book(data, SHEET_NAMES, problems)
    return {t.name: t for t in book.tables.values()} if book is not None else {}


# -- 生成 -----------------------------------------------------------------------------------


@dataclass
class Built:
    files: list[str]          # output-relative paths written (or unchanged)
    summary: list[str]        # the report's lines


def build(data: Path, out: Path, template_dirs: list[Path], step,
          today: date | None = None) -> Built:
    """Raises InputError (TemplateFault's problem included) and WriteError. `today`: the day
    the round is judged on (None: 发文信息's 统计截至, else the real date), as build --today."""
    try:
        outputs, report = _build.build(data, out, today, template_dirs=template_dirs, step=step)
    except TemplateFault as exc:
        raise InputError([exc.problem]) from exc
    return Built(list(outputs.files), str(report).splitlines())


def write_pdfs(out: Path, pdfs: dict[str, Path]) -> list[str]:
    """Copies of the preview PDFs next to their outputs (名字 as `build --pdf` gives them)."""
    names = pdf_names(list(pdfs))
    report = write_outputs(out, {names[rel]: pdf.read_bytes() for rel, pdf in pdfs.items()})
    return report.written + report.unchanged


# -- 回收 -----------------------------------------------------------------------------------


@dataclass
class Merged:
    """What the 回收 page shows of a merge, and what 确认合并 writes."""

    returns: list[tuple[str, str | None, int]]   # file, its department, rows read
    changes: list[dict]                          # file, row, master_row, column, old, new
    refused: list[str]                           # every value not merged, worded for the user
    result: MergeResult


def merge(data: Path, returned: list[Path], today: date) -> Merged:
    """Raises InputError; writes nothing."""
    r = merge_returns(data, returned, today)
    return Merged([(i.file, i.department, i.rows) for i in r.returns],
                  [{"file": c.file, "row": c.row, "master_row": c.master_row,
                    "column": c.column, "old": c.old, "new": c.new} for c in r.changes],
                  r.problems(), r)


def write_merged(merged: Merged, today: date) -> tuple[Path, Path]:
    """What `merge` does: the merged master replaces the campaign's, the old one first kept in
    历史/ (never overwritten). Returns (the master, where the old one was kept)."""
    result = merged.result
    history = history_path(result.master, result.round_day or today)
    replace_keeping(result.master, result.workbook_bytes, history)
    return result.master, history


# -- 排版 and 检查公文 -------------------------------------------------------------------------


def typeset(source: Path, red: bool | None) -> tuple[bytes, list[str]]:
    """The laid-out .docx of `source` and the reader's warnings. Raises InputError."""
    doc = read_document(source, {})
    if red and not doc.meta.mark:
        raise InputError([Problem(source.name, None, None, None, "排红头需要发文机关标志",
                                  "在文字开头写「发文机关标志：……」后加一行 ---")])
    return _typeset_render(doc, red), list(doc.warnings)


@dataclass(frozen=True)
class Rule:
    """One GB/T 9704 check as the 检查公文 page lists it."""

    clause: str
    rule: str
    expected: str
    measured: str
    ok: bool


def _rules(checks) -> list[Rule]:
    return [Rule(c.clause, c.rule, c.expected, c.measured, c.ok) for c in checks]


def verify_xml(docx: Path) -> list[Rule]:
    from hongtou.verify import check_xml
    return _rules(check_xml(docx))


def verify_rendered(pdf: Path) -> list[Rule]:
    from hongtou.verify import check_rendered
    return _rules(check_rendered(pdf))


# -- uploads --------------------------------------------------------------------------------


def upload_fault(path: Path) -> str | None:
    """Why an uploaded file is refused before any reader opens it, by the reader's limits."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        return f"文件太大（最多 {MAX_FILE_BYTES // (1024 * 1024)} MB）"
    if not zipfile.is_zipfile(path):
        return None
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return "文件已损坏（可能没有保存完整）"
    if sum(i.file_size for i in infos) > MAX_UNZIPPED_BYTES:
        return "文件解压后过大，可能已损坏或不是正常的文件"
    if any(i.file_size > RATIO_FLOOR and i.file_size > MAX_RATIO * max(i.compress_size, 1)
           for i in infos):
        return f"文件压缩比异常（超过 {MAX_RATIO}:1），可能已损坏或是恶意构造的文件"
    return None
