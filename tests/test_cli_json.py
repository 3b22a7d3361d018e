"""`--json`: what scripts get from build and check (issue 7)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hongtou.cli import main
from tests.helpers import make_workbook, minimal_sheets

DATA = Path(__file__).resolve().parent.parent / "data"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def it_reports_a_build_as_json(tmp_path):
    out = tmp_path / "out"
    result = run("build", str(DATA), "-o", str(out), "--today", "2022-04-20", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)           # nothing but the JSON on stdout
    assert report["ok"] is True and report["out"] == str(out.resolve())
    assert {"通知.docx", "日程安排表.docx", "整改台账.docx", "整改台账.xlsx"} <= set(report["written"])
    assert all((out / rel).is_file() for rel in report["written"])
    assert report["ledger"] == {"today": "2022-04-20", "total": 36, "done": 12,
                                "red": 6, "yellow": 5, "green": 25}


def it_reports_every_problem_as_json_and_writes_nothing(tmp_path):
    sheets = minimal_sheets()
    header = sheets["问题清单"][0]
    col = header.index("整改时限")
    sheets["问题清单"][1][col] = "2022-02-30"
    data = tmp_path / "活动"
    data.mkdir()
    make_workbook(data / "活动.xlsx", sheets)
    out = tmp_path / "out"
    result = run("build", str(data), "-o", str(out), "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["ok"] is False
    (problem,) = report["problems"]
    assert (problem["sheet"], problem["row"], problem["column"], problem["value"]) == (
        "问题清单", 2, "整改时限", "2022-02-30")
    assert problem["message"].startswith("问题清单 第2行「整改时限」：")
    assert not out.exists()


def it_checks_as_json():
    result = run("check", str(DATA), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"ok": True, "members": 15, "persons": 31,
                                         "phases": 3, "tasks": 15, "issues": 36}


def it_says_a_missing_input_as_json(tmp_path):
    result = run("check", str(tmp_path / "nowhere"), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["ok"] is False
