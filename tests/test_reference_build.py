"""End to end on a synthetic campaign (bench/generate.py, 400 issues over 20 departments):
`build` — with the helper process — against the slow path a user of the libraries would
write: every Word document by `DocxTemplate(templates/X.docx).render(context)`, every
workbook by plain openpyxl (`hongtou.excel.reference`). The same files, and in each the same
paragraph texts, styles and shading, the same cells with the same formats."""

from __future__ import annotations

import io
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from hongtou import build as build_mod
from hongtou import parallel
from hongtou.docs import ledger, notice, reminder, report, schedule
from hongtou.docs.skeletons import LEDGER, NOTICE, REMINDER, REPORT, SCHEDULE
from hongtou.excel import reference
from hongtou.write import unique_names
from tests.compare import assert_same_workbook, completed, docx_facts

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
TODAY = date(2022, 4, 20)


@pytest.fixture(scope="module")
def campaign(tmp_path_factory) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = tmp_path_factory.mktemp("generated")
    generate.write_workbook(folder / "活动.xlsx", generate.sheets(400, 20, 100, seed=1))
    shutil.copy(ROOT / "data" / "方案正文.txt", folder / "方案正文.txt")
    return folder


def docxtpl(name: str, context: dict) -> bytes:
    tpl = DocxTemplate(str(TEMPLATES / f"{name}.docx"))   # loaded anew for every document
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return completed(buf.getvalue())


def slow_build(c, a) -> dict[str, bytes]:
    files = {build_mod.NOTICE_FILE: docxtpl(NOTICE, notice.context(c)),
             build_mod.SCHEDULE_FILE: docxtpl(SCHEDULE, schedule.context(c)),
             build_mod.LEDGER_DOCX: docxtpl(LEDGER, ledger.context(c, a)),
             build_mod.REPORT_FILE: docxtpl(REPORT, report.context(c, a)),
             build_mod.LEDGER_XLSX: reference.ledger_workbook(c, a)}
    late = reminder.late_items(c, a)
    names = unique_names(list(late))
    for dept, items in late.items():
        files[f"{build_mod.REMINDER_DIR}/{names[dept]}.docx"] = docxtpl(
            REMINDER, reminder.context(c, a, dept, items))
    splits = reference.department_workbooks(c, a)
    names = unique_names(list(splits))
    for dept, data in splits.items():
        files[f"{build_mod.SPLIT_DIR}/{names[dept]}.xlsx"] = data
    return files


def it_builds_what_the_libraries_plain_paths_build(campaign, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "MIN_INPUT_BYTES", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(build_mod, "MIN_ISSUES", 0)
    outputs, _ = build_mod.build(campaign, tmp_path / "out", TODAY, template_dirs=[TEMPLATES])
    assert "waiting for the helper" in outputs.stages
    slow = slow_build(outputs.campaign, outputs.assessment)
    assert sorted(outputs.files) == sorted(slow)
    assert sum(name.startswith("督办/") for name in slow) > 5
    for name, data in outputs.files.items():
        if name.endswith(".docx"):
            assert docx_facts(data) == docx_facts(slow[name]), name
        else:
            assert_same_workbook(data, slow[name])
