"""The 统计 figures of 整改台账.xlsx are right both ways: as stored (a reader that does not
recalculate) and as LibreOffice recalculates them from the 整改台账 sheet; and the ledger is
live: after a secretary's edits of statuses, deadlines and the 统计截至 date (made here with
openpyxl, which keeps no cached values), LibreOffice's recalculation agrees everywhere — 状态灯,
剩余天数, 统计, 工作安排 — with a recount written independently below.

The stored values are first overwritten with 999, so the figures LibreOffice prints can only
come from evaluating the formulas; its profile is set to recalculate on load (its default
for .xlsx is to trust stored values)."""

from __future__ import annotations

import csv
import io
import re
import subprocess
import zipfile

import openpyxl
import pytest

from datetime import date, datetime, timedelta

from excel_samples import many, sample
from hongtou.excel import department_workbooks, ledger_workbook
from hongtou.rules.status import assess

RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode"
 oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""
STATS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"


def poisoned(data: bytes) -> bytes:
    """The workbook with every stored formula result in 统计 replaced by 999."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            part = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                part, n = re.subn(rb"(</f><v>)[^<]*", rb"\g<1>999", part)
                assert n > 100
            dst.writestr(info, part)
    return out.getvalue()


def convert(soffice: str, tmp_path, book, to: str, outdir) -> None:
    """`book` converted by LibreOffice with a profile that recalculates every formula on load
    (its default for .xlsx is to trust the stored values)."""
    profile = tmp_path / "lo"
    if not profile.exists():
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", to,
                    "--outdir", str(outdir), str(book)], capture_output=True, timeout=180)


def recalculated(soffice: str, tmp_path, book):
    """`book` as LibreOffice recalculates it: converted to .xlsx, read as cached values."""
    out = tmp_path / "recalculated"
    out.mkdir(exist_ok=True)
    convert(soffice, tmp_path, book, "xlsx", out)
    return openpyxl.load_workbook(out / book.name, data_only=True)


def figure(text: str) -> float:
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def it_recalculates_to_the_stored_figures(tmp_path, soffice):
    campaign, assessment = many(400)
    data = ledger_workbook(campaign, assessment)
    stored = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["统计"]
    want = [[c.value for c in row] for row in stored.iter_rows(3, stored.max_row, 1, 9)]
    assert want[1][1] == sum(1 for i in campaign.issues if i.department == want[1][0])

    book = tmp_path / "ledger.xlsx"
    book.write_bytes(poisoned(data))
    convert(soffice, tmp_path, book, STATS_CSV, tmp_path)
    (sheet,) = tmp_path.glob("ledger-*.csv")
    got = list(csv.reader(sheet.read_text(encoding="utf-8").splitlines()))[2:]
    assert len(got) == len(want)
    for mine, theirs in zip(want, got):
        assert theirs[0] == (mine[0] or "")
        if mine[1] is None or isinstance(mine[1], str):   # a header or the blank row
            continue
        assert [figure(x) for x in theirs[1:]] == pytest.approx(mine[1:]), mine[0]


# -- the ledger is live -----------------------------------------------------------------------

ISSUED = date(2022, 3, 1)        # excel_samples' 成文日期: when 立行立改 falls due
WARN = 10                        # excel_samples' 预警天数
WORDING = {"4月下旬": date(2022, 4, 30), "立行立改": ISSUED}   # what hongtou read them as
DONE = ("已完成", "已销号")


def as_date(v):
    return v.date() if isinstance(v, datetime) else v


def recount_light(status: str, deadline, as_of: date) -> tuple[str, int | None]:
    """状态灯 and 剩余天数 by the README's rules, from the cells as they now stand."""
    if status in (*DONE, "长期坚持"):
        return "绿", None
    if isinstance(deadline, (date, datetime)):
        due = as_date(deadline)
    elif m := re.fullmatch(r"(\d+)月底", str(deadline)):   # typed in the sheet
        month = int(m[1])
        due = date(2022, month + 1, 1) - timedelta(days=1) if month < 12 else date(2022, 12, 31)
    else:
        due = WORDING.get(deadline)
    if due is None:  # 长期坚持
        return "绿", None
    days = (due - as_of).days
    return ("红" if days < 0 else "黄" if days <= WARN else "绿"), days


def recount_stats(rows: list[dict], key: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for r in rows:
        c = out.setdefault(r[key], [0] * 7)
        status, light = r["整改状态"], r["light"]
        c[0] += 1
        c[1] += status in DONE
        c[2] += status == "整改中"
        c[3] += status == "未启动"
        c[4] += status == "长期坚持"
        c[5] += light == "红"
        c[6] += light == "黄" and status not in DONE
    return {k: [*v, v[1] / v[0]] for k, v in out.items()}


def sheet_rows(ws, first: int = 4) -> list[dict]:
    head = [c.value for c in ws[3]]
    return [dict(zip(head, row)) for row in ws.iter_rows(first, ws.max_row, values_only=True)
            if row[0] is not None]


def stats_table(ws, header_row: int) -> tuple[dict[str, list], int]:
    out, r = {}, header_row + 1
    while ws.cell(r, 1).value != "合计":
        out[ws.cell(r, 1).value] = [ws.cell(r, c).value for c in range(2, 10)]
        r += 1
    return out, r


def assert_agrees(wb, as_of: date) -> None:
    """Every live figure of the workbook against the recount."""
    ledger = wb["整改台账"]
    assert as_date(ledger["C2"].value) == as_of
    rows = sheet_rows(ledger)
    for r in rows:
        r["light"], days = recount_light(r["整改状态"], r["整改时限"], as_of)
        assert (r["状态灯"], r["剩余天数"] if r["剩余天数"] != "" else None) == (r["light"], days), r
    stats = wb["统计"]
    assert stats["A2"].value == f"统计截至：{as_of.year}年{as_of.month}月{as_of.day}日"
    by_dept, total_row = stats_table(stats, 3)
    by_cat, _ = stats_table(stats, total_row + 2)
    for got, want in ((by_dept, recount_stats(rows, "责任部门")),
                      (by_cat, recount_stats(rows, "问题类别"))):
        assert list(got) == list(want)
        for name in want:
            assert got[name] == pytest.approx(want[name]), name
    done = sum(r["整改状态"] in DONE for r in rows)
    assert stats.cell(total_row, 3).value == done
    assert stats.cell(total_row, 9).value == pytest.approx(done / len(rows))
    tasks = wb["工作安排"]
    for t in sheet_rows(tasks):
        assert t["状态灯"] == recount_light(t["状态"], t["完成时限"], as_of)[0], t


def it_recalculates_lights_days_and_statistics_after_edits(tmp_path, soffice):
    campaign, _ = sample()
    data = ledger_workbook(campaign, assess(campaign, date(2022, 4, 20)))
    assert_agrees(openpyxl.load_workbook(io.BytesIO(data), data_only=True), date(2022, 4, 20))

    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["整改台账"]
    ws["I4"] = "已完成"                   # Q1, red: done now, so neither red nor counted late
    ws["H4"] = datetime(2022, 4, 1)        # Q1 (done now): a deadline brought forward
    ws["H6"] = datetime(2022, 5, 1)        # Q3, 4月下旬: re-dated, and late by the new day
    ws["H9"] = "5月底"                     # Q6: a wording typed in the sheet (due 5月31日)
    ws["I7"] = "整改中"                    # Q4, 长期坚持 deadline: still never late
    ws["H5"] = "立行立改"                  # Q2 (done): wording, status done — stays green
    ws["I10"] = "整改中"                   # Q7, red, still late
    ws["H10"] = "立行立改"                 # … and now due at once: the 成文日期
    ws["C2"] = datetime(2022, 5, 25)       # the secretary re-dates the whole ledger
    book = tmp_path / "edited.xlsx"
    wb.save(book)

    assert_agrees(recalculated(soffice, tmp_path, book), date(2022, 5, 25))


def it_recalculates_a_department_copy(tmp_path, soffice):
    campaign, _ = sample()
    data = department_workbooks(campaign, assess(campaign, date(2022, 4, 20)))["办公室"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["整改台账"]
    assert ws["M4"].value.startswith("=IF(") and "DATE(2022,4,20)" in ws["M4"].value
    ws["I4"] = "已完成"   # Q1 was red
    book = tmp_path / "办公室.xlsx"
    wb.save(book)
    rows = sheet_rows(recalculated(soffice, tmp_path, book)["整改台账"])
    for r in rows:
        light, days = recount_light(r["整改状态"], r["整改时限"], date(2022, 4, 20))
        assert (r["状态灯"], r["剩余天数"] if r["剩余天数"] != "" else None) == (light, days)
    assert rows[0]["状态灯"] == "绿"
