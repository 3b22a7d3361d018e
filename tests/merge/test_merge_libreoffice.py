"""A 分发 workbook opened and saved again in LibreOffice, as an office without Excel returns it:
its formulas, hidden 分发信息 and 下发内容 sheets, drop-down and protection survive the re-save,
and merge takes the file (as .xlsx and as .ods) with every value the department typed and
nothing it left as sent (the secretary's later edits of the master stay)."""

from __future__ import annotations

import io
import subprocess
from datetime import datetime

import openpyxl

from hongtou.merge import merge_returns

from merge_samples import MERGE_DAY, SHEET, Return, example


def resave(soffice: str, tmp_path, book, to: str):
    """`book` opened and saved by LibreOffice as `to` (xlsx: the same format, saved over)."""
    out = tmp_path / f"saved-{to}"
    out.mkdir(exist_ok=True)
    subprocess.run([soffice, "--headless", "--norestore",
                    f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                    "--convert-to", to, "--outdir", str(out), str(book)],
                   capture_output=True, timeout=180, check=True)
    return out / f"{book.stem}.{to}"


def it_merges_returns_saved_again_by_libreoffice(tmp_path, soffice):
    data, returns = example(tmp_path)
    with Return(returns["财务部"]) as r:
        r.set("Q013", "整改状态", "已完成")
        r.set("Q013", "完成日期", datetime(2022, 4, 22))
        r.set("Q013", "备注", "在 LibreOffice 中填写")
    with Return(returns["办公室"]) as r:
        r.set("Q014", "整改状态", "已完成")
        r.set("Q014", "完成日期", "2022.4.24")
    master = openpyxl.load_workbook(data / "活动.xlsx")   # the secretary, after the split
    master["问题清单"]["J16"] = "预案库已建成"
    master["问题清单"]["H15"] = datetime(2022, 5, 20)
    master.save(data / "活动.xlsx")
    xlsx = resave(soffice, tmp_path, returns["财务部"], "xlsx")
    ods = resave(soffice, tmp_path, returns["办公室"], "ods")

    wb = openpyxl.load_workbook(xlsx)
    assert wb["分发信息"].sheet_state == wb["下发内容"].sheet_state == "hidden"
    ws = wb[SHEET]
    assert ws.protection.sheet
    assert [dv.formula1 for dv in ws.data_validations.dataValidation] == \
        ['"未启动,整改中,已完成,已销号,长期坚持"']
    assert str(ws["M4"].value).startswith("=IF(") and str(ws["P4"].value).startswith("=IF(")

    result = merge_returns(data, [xlsx, ods], MERGE_DAY)
    assert [(i.file, i.department, i.rows) for i in result.returns] == [
        ("财务部.xlsx", "财务部", 3), ("办公室.ods", "办公室", 5)]
    assert result.problems() == [] and result.notes == []
    assert sorted((c.master_row, c.column, c.new) for c in result.changes) == [
        (15, "备注", "在 LibreOffice 中填写"), (15, "完成日期", "2022年4月22日"),
        (15, "整改状态", "已完成"), (16, "完成日期", "2022年4月24日"), (16, "整改状态", "已完成")]
    ws = openpyxl.load_workbook(io.BytesIO(result.workbook_bytes))["问题清单"]
    assert (ws["J16"].value, ws["H15"].value) == ("预案库已建成", datetime(2022, 5, 20))
