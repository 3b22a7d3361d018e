"""Shared test helpers: build campaign workbooks from plain lists, in the test's tmp_path.

    sheets = minimal_sheets()
    sheets["问题清单"][1][7] = "2022-02-30"          # override one cell
    read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))

A cell value is written as is: str, int, float, date/datetime, None for empty. Strings that
are Excel error values (`#N/A`, `#REF!`) become real error cells, as Excel would save them.
"""

from __future__ import annotations

import copy
import os
import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest


def make_workbook(path: Path, sheets: dict[str, list[list]], *,
                  merges: dict[str, list[str]] | None = None,
                  hidden: tuple[str, ...] = (), text_only: bool = False,
                  body: str | None = "一、总体要求\n按照要求开展活动。\n") -> Path:
    """Write `sheets` (sheet name → rows, row 1 first) as an .xlsx at `path`, and `body` as
    the 方案正文.txt beside it unless there is one (a build refuses a campaign without it;
    `body=None` writes none).

    `text_only`: a string starting with = is text (as typed after an apostrophe), not a formula.

    `merges` maps a sheet name to ranges such as "A1:H1"; `hidden` names sheets to hide.
    Returns `path`.
    """
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    cell = ws.cell(row=r, column=c, value=value)
                    if text_only and isinstance(value, str):
                        cell.data_type = "s"
        for cells in (merges or {}).get(name, ()):
            ws.merge_cells(cells)
        if name in hidden:
            ws.sheet_state = "hidden"
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    if body is not None and not any(path.parent.glob("方案正文.*")):
        (path.parent / "方案正文.txt").write_text(body, "utf-8")
    return path


ISSUE_HEADER = ["序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任部门", "责任人",
                "整改时限", "整改状态", "进展情况", "完成日期", "备注"]
TASK_HEADER = ["阶段", "工作任务", "责任部门", "责任人", "开始日期", "完成时限", "成果要求", "状态"]

_MINIMAL = {
    "发文信息": [
        ["项目", "内容"],
        ["发文机关", "中共六安市总工会党组"],
        ["发文字号", "六工党[2022]7号"],
        ["方案标题", "关于市总工会开展“奋勇争先大讨论”活动工作方案"],
        ["主送机关", "市总各部室、职工服务中心："],
        ["成文日期", date(2022, 2, 15)],
    ],
    "领导小组": [
        ["职务", "姓名", "单位及职务"],
        ["组长", "王明", "市总工会党组书记、主席"],
        ["副组长", "李　华", "市总工会党组成员、副主席"],
        ["成员", "张三", "市总工会办公室主任"],
    ],
    "人员": [
        ["姓名", "部门", "职务", "联系电话"],
        ["王明", "党组", "书记", 13800000001],
        ["李华", "党组", "副主席", 13800000002],
        ["张三", "办公室", "主任", 13800000003],
        ["赵六", "组织部", "部长", "0564-3333333"],
    ],
    "阶段安排": [
        ["阶段", "名称", "开始日期", "结束日期", "主要任务", "成果形式"],
        ["第一阶段", "学习讨论阶段", "2月中旬", "3月下旬", "组织学习讨论", "心得体会"],
        ["第二阶段", "体悟践行阶段", "3月下旬", "4月上旬", "对照查摆问题", "问题清单"],
        ["第三阶段", "常态化推进阶段", "4月上旬", "长期坚持", "建立长效机制", "制度文件"],
    ],
    "工作安排": [
        TASK_HEADER,
        ["第一阶段", "召开动员大会", "办公室", "张三", date(2022, 2, 16), "2月28日", "会议纪要", "已完成"],
        ["第二阶段", "查摆问题", "组织部", "赵六", "3月21日", "4月10日", "问题清单", "进行中"],
    ],
    "问题清单": [
        ISSUE_HEADER,
        [1, "作风建设", "学习不够深入", "制定学习计划", "李华", "办公室", "张三", "2022-03-31",
         "整改中", "已制定计划", None, None],
        [2, "工作落实", "督办机制不健全", "建立督办台账", "王明", "组织部", "赵　六", "长期坚持",
         "长期坚持", None, None, "每月通报"],
    ],
}


def minimal_sheets() -> dict[str, list[list]]:
    """A small valid campaign: a fresh deep copy each call, so tests may edit it freely."""
    return copy.deepcopy(_MINIMAL)


def make_ods(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write `sheets` as a minimal OpenDocument spreadsheet (what LibreOffice/WPS save as .ods).

    Only text, numbers and dates; enough for the readers, no styles.
    """
    import zipfile
    from xml.sax.saxutils import escape, quoteattr

    def cell(value) -> str:
        if value is None or value == "":
            return "<table:table-cell/>"
        if isinstance(value, date):
            iso = value.isoformat()
            return (f'<table:table-cell office:value-type="date" office:date-value="{iso}">'
                    f"<text:p>{iso}</text:p></table:table-cell>")
        if isinstance(value, (int, float)):
            return (f'<table:table-cell office:value-type="float" office:value="{value}">'
                    f"<text:p>{value}</text:p></table:table-cell>")
        return (f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}'
                "</text:p></table:table-cell>")

    tables = "".join(
        f"<table:table table:name={quoteattr(name)}>"
        + "".join("<table:table-row>" + "".join(map(cell, row)) + "</table:table-row>"
                  for row in rows)
        + "</table:table>"
        for name, rows in sheets.items())
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} '
               f'office:version="1.2"><office:body><office:spreadsheet>{tables}'
               "</office:spreadsheet></office:body></office:document-content>")
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                   compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return path


# -- rendering with LibreOffice ------------------------------------------------------------


def render_unavailable(reason: str) -> None:
    """Skip the test, or fail it under HONGTOU_REQUIRE_RENDER=1 (CI, where it must run)."""
    if os.environ.get("HONGTOU_REQUIRE_RENDER") == "1":
        pytest.fail(f"HONGTOU_REQUIRE_RENDER=1 but {reason}")
    pytest.skip(reason)


def need_render(commands: tuple[str, ...] = ("soffice",)) -> None:
    """Skip (or fail under HONGTOU_REQUIRE_RENDER=1) without one of `commands` (LibreOffice)
    and pymupdf."""
    if not any(shutil.which(c) for c in commands):
        render_unavailable("soffice (LibreOffice) is not on PATH")
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        render_unavailable("pymupdf is not installed")
