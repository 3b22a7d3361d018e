"""The 统计 figures of 整改台账.xlsx are right both ways: as stored (a reader that does not
recalculate) and as LibreOffice recalculates them from the 整改台账 sheet.

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

from excel_samples import many
from hongtou.excel import ledger_workbook

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
    profile = tmp_path / "lo"
    (profile / "user").mkdir(parents=True)
    (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={profile.as_uri()}", "--convert-to", STATS_CSV,
                    "--outdir", str(tmp_path), str(book)], capture_output=True, timeout=180)
    (sheet,) = tmp_path.glob("ledger-*.csv")
    got = list(csv.reader(sheet.read_text(encoding="utf-8").splitlines()))[2:]
    assert len(got) == len(want)
    for mine, theirs in zip(want, got):
        assert theirs[0] == (mine[0] or "")
        if mine[1] is None or isinstance(mine[1], str):   # a header or the blank row
            continue
        assert [figure(x) for x in theirs[1:]] == pytest.approx(mine[1:]), mine[0]
