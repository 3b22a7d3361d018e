"""The 分发 workload written with XlsxWriter (constant_memory), beside hongtou's own writer.

BENCHMARKS.md justifies the hand-written SpreadsheetML of `excel/sheetxml.py` against
openpyxl; this sets it beside XlsxWriter, the fastest general xlsx writer in Python, in its
streaming mode. Both write every department's 分发 workbook of one generated campaign: the
same cells (the values hongtou's columns give, the 到期日/状态灯/剩余天数 formulas with their
cached results), merged title and note rows, the hidden ID column, widths, frozen and
filtered header, the 整改状态 list, 状态灯 colours, protection with the four columns
unlocked, and the hidden 分发信息 sheet. XlsxWriter has no named cell styles (台账文字 …),
so its cells carry plain formats: the comparison flatters it slightly.

XlsxWriter is not a dependency of hongtou: `pip install xlsxwriter` to run this.

    python bench/xlsxwriter_split.py --issues 20000     # 1,000 departments, 5,000 persons
"""

from __future__ import annotations

import argparse
import gc
import io
import sys
import time
from datetime import date
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

import xlsxwriter  # noqa: E402  (after the path: hongtou from this checkout)

from generate import ensure, scaled  # noqa: E402
from hongtou.excel.common import DATE, PERCENT, TEXT  # noqa: E402
from hongtou.excel.ledger import HEADER_ROW, ISSUE_COLUMNS, live  # noqa: E402
from hongtou.excel.sheetxml import Formula  # noqa: E402
from hongtou.excel.split import (INSTRUCTIONS, department_workbooks,  # noqa: E402
                                 identity_rows, issues_by_department)
from hongtou.read import read_campaign  # noqa: E402
from hongtou.rules.status import assess  # noqa: E402

TODAY = date(2022, 4, 20)


def xlsxwriter_workbook(campaign, assessment, department, issues, formulas) -> bytes:
    out = io.BytesIO()
    wb = xlsxwriter.Workbook(out, {"constant_memory": True})
    base = {"font_name": "仿宋_GB2312", "font_size": 11, "border": 1, "valign": "vcenter",
            "text_wrap": True}
    fmt = {TEXT: wb.add_format(base), DATE: wb.add_format({**base, "num_format": "yyyy-mm-dd"}),
           PERCENT: wb.add_format({**base, "num_format": "0%"})}
    editable = {k: wb.add_format({**base, **({"num_format": "yyyy-mm-dd"} if k == DATE else {}),
                                  "locked": False, "bg_color": "#FFF2CC"}) for k in (TEXT, DATE)}
    header = wb.add_format({**base, "bold": True, "align": "center", "bg_color": "#D9E1F2"})
    title_f = wb.add_format({"font_name": "方正小标宋简体", "font_size": 18, "align": "center"})
    note_f = wb.add_format({"font_size": 10, "text_wrap": True})
    ws = wb.add_worksheet("整改台账")
    visible = sum(not c.hidden for c in ISSUE_COLUMNS)
    for i, c in enumerate(ISSUE_COLUMNS):
        ws.set_column(i, i, c.width, None, {"hidden": c.hidden})
    ws.freeze_panes(HEADER_ROW, 0)
    title = f"{campaign.meta.campaign}问题整改台账（{department}）"
    ws.merge_range(0, 0, 0, visible - 1, title, title_f)
    ws.set_row(1, 24)
    ws.merge_range(1, 0, 1, visible - 1, INSTRUCTIONS, note_f)
    for i, c in enumerate(ISSUE_COLUMNS):
        ws.write_string(HEADER_ROW - 1, i, c.header, header)
    row = HEADER_ROW
    for issue in issues:
        cells = formulas.cells(issue.deadline, assessment.issue_states[issue.key])
        for i, c in enumerate(ISSUE_COLUMNS):
            value = c.value(issue, cells)
            style = DATE if c.style.startswith(DATE) else PERCENT if c.style == PERCENT else TEXT
            f = editable[style if style == DATE else TEXT] if c.editable else fmt[style]
            if isinstance(value, Formula):
                ws.write_formula(row, i, "=" + value.at(row + 1), f, value.value)
            elif isinstance(value, date):
                ws.write_datetime(row, i, value, f)
            elif value is None or value == "":
                ws.write_blank(row, i, None, f)
            else:
                ws.write(row, i, value, f)
        row += 1
    ws.autofilter(HEADER_ROW - 1, 0, row - 1, len(ISSUE_COLUMNS) - 1)
    status = [c.header for c in ISSUE_COLUMNS].index("整改状态")
    ws.data_validation(HEADER_ROW, status, row - 1, status,
                       {"validate": "list", "source": ["未开始", "进行中", "已完成", "已销号", "长期坚持"]})
    light = [c.header for c in ISSUE_COLUMNS].index("状态灯")
    for word, colour in (("红", "#FFC7CE"), ("黄", "#FFEB9C"), ("绿", "#C6EFCE")):
        ws.conditional_format(HEADER_ROW, light, row - 1, light,
                              {"type": "cell", "criteria": "==", "value": f'"{word}"',
                               "format": wb.add_format({"bg_color": colour})})
    ws.protect("", {"autofilter": True, "sort": True})
    ws.set_landscape()
    ws.repeat_rows(HEADER_ROW - 1)
    ident = wb.add_worksheet("分发信息")
    for r, (what, value) in enumerate(identity_rows(campaign, department, TODAY)):
        ident.write_string(r, 0, what, fmt[TEXT])
        if isinstance(value, date):
            ident.write_datetime(r, 1, value, fmt[DATE])
        else:
            ident.write_string(r, 1, value, fmt[TEXT])
    ident.hide()
    ident.protect()
    wb.set_properties({"title": title})
    wb.close()
    return out.getvalue()


def _cells(data: bytes) -> list[tuple]:
    import openpyxl

    ws = openpyxl.load_workbook(io.BytesIO(data))["整改台账"]
    return [tuple(v for v in row) for row in ws.iter_rows(values_only=True)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--issues", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    departments, persons = scaled(args.issues)
    campaign = read_campaign(ensure(args.issues, departments, persons))
    assessment = assess(campaign, TODAY)
    groups = issues_by_department(campaign)
    formulas = live(ISSUE_COLUMNS, campaign, today=TODAY)
    timings: dict[str, list[float]] = {"hongtou sheetxml": [], "XlsxWriter constant_memory": []}
    sizes: dict[str, int] = {}
    for _ in range(args.repeat):
        gc.collect()
        t = time.perf_counter()
        ours = department_workbooks(campaign, assessment)
        timings["hongtou sheetxml"].append(time.perf_counter() - t)
        sizes["hongtou sheetxml"] = sum(map(len, ours.values()))
        gc.collect()
        t = time.perf_counter()
        theirs = {d: xlsxwriter_workbook(campaign, assessment, d, issues, formulas)
                  for d, issues in groups.items()}
        timings["XlsxWriter constant_memory"].append(time.perf_counter() - t)
        sizes["XlsxWriter constant_memory"] = sum(map(len, theirs.values()))
    first = next(iter(groups))
    same = _cells(ours[first]) == _cells(theirs[first])
    print(f"same cells in 整改台账 ({first}): {same}")
    print(f"{len(campaign.issues)} issues, {len(groups)} 分发 workbooks; "
          f"XlsxWriter {xlsxwriter.__version__}; best of {args.repeat}")
    print("| writer | wall s (best) | all runs | bytes |")
    print("|---|---:|---|---:|")
    for name, runs in timings.items():
        print(f"| {name} | {min(runs):.2f} | {', '.join(f'{r:.2f}' for r in runs)} "
              f"| {sizes[name]:,} |")


if __name__ == "__main__":
    main()
