"""What a secretary meets around the documents (issue 7): PDFs next to the files, the output
folder opened, a progress bar, --quiet and Chinese help on every command, a closing summary."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from hongtou import build as build_mod
from hongtou import pdf
from hongtou.cli import output as cli_output
from hongtou.cli import main

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HAS_SOFFICE = shutil.which("soffice") is not None


def run(*args, **kwargs):
    return CliRunner().invoke(main, [*map(str, args)], **kwargs)


def chinese(text: str | None) -> bool:
    return bool(text) and any("\u4e00" <= c <= "\u9fff" for c in text)


# -- PDF ---------------------------------------------------------------------------------------


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def it_puts_a_pdf_next_to_every_document(tmp_path, example_campaign):
    import pymupdf

    out = tmp_path / "我的 活动" / "输出 结果"          # Chinese and spaces, as on Windows
    result = run("build", DATA, "-o", out, "--today", "2022-04-20", "--pdf", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    made = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert sorted(report["pdf"]) == made and report["notes"] == []
    sources = [r for r in report["written"] if r.endswith((".docx", ".xlsx"))]
    expected = {r.rsplit(".", 1)[0] + ".pdf" for r in sources if r.endswith(".docx")}
    expected |= {"整改台账（表格）.pdf"} | {r[:-5] + ".pdf" for r in sources
                                          if r.endswith(".xlsx") and r != "整改台账.xlsx"}
    assert set(made) == expected                  # one PDF beside each .docx and .xlsx
    with pymupdf.open(out / "通知.pdf") as doc:
        first = doc[0].get_text().replace("\n", "")
        assert example_campaign.meta.mark in first
        assert "六工党〔2022〕7" in first and "通知" in first
    with pymupdf.open(out / "整改台账（表格）.pdf") as doc:
        text = "".join(page.get_text() for page in doc)
        assert all(i.description[:10] in text.replace("\n", "")
                   for i in example_campaign.issues[:3])
    reminder = sorted((out / "督办").glob("*.docx"))[0]
    with pymupdf.open(reminder.with_suffix(".pdf")) as doc:
        assert len(doc) >= 1 and "督办" in doc[0].get_text()


def it_still_builds_when_libreoffice_is_missing(tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))            # no soffice anywhere on PATH
    monkeypatch.setattr(pdf, "_KNOWN_PLACES", ())
    out = tmp_path / "out"
    result = run("build", DATA, "-o", out, "--today", "2022-04-20", "--pdf")
    assert result.exit_code == 0, result.output
    assert (out / "通知.docx").is_file() and not list(out.rglob("*.pdf"))
    assert f"注意：{pdf.NOT_INSTALLED}" in result.stdout.splitlines()
    as_json = run("build", DATA, "-o", out, "--today", "2022-04-20", "--pdf", "--json")
    assert json.loads(as_json.stdout)["notes"] == [pdf.NOT_INSTALLED]


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice is not installed")
def it_typesets_to_pdf_too(tmp_path):
    import pymupdf

    src = tmp_path / "通 知.txt"
    src.write_text("关于开展安全检查的通知\n各科室：\n一、检查内容\n消防设施。\n某局\n2022年5月6日\n",
                   encoding="utf-8")
    result = run("typeset", src, "--pdf", "--json")
    assert result.exit_code == 0, result.output
    (made,) = json.loads(result.stdout)["pdf"]
    assert made == str((tmp_path / "通 知（排版）.pdf").resolve())
    with pymupdf.open(made) as doc:
        assert "关于开展安全检查的通知" in doc[0].get_text().replace("\n", "")


def it_names_pdfs_so_a_workbook_and_a_document_never_clash():
    assert pdf.pdf_names(["整改台账.docx", "整改台账.xlsx", "分发/办公室.xlsx", "督办/办公室.docx"]) == {
        "整改台账.docx": "整改台账.pdf", "整改台账.xlsx": "整改台账（表格）.pdf",
        "分发/办公室.xlsx": "分发/办公室.pdf", "督办/办公室.docx": "督办/办公室.pdf"}


def it_calls_libreoffice_once_for_the_batch_with_a_private_profile(tmp_path, monkeypatch):
    calls = []

    def fake_run(cmd, **kwargs):
        calls.append((cmd, kwargs))
        outdir = Path(cmd[cmd.index("--outdir") + 1])
        for f in cmd[cmd.index("--outdir") + 2:]:
            (outdir / Path(f).with_suffix(".pdf").name).write_bytes(b"%PDF-1.4")

    monkeypatch.setattr(pdf, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf.subprocess, "run", fake_run)
    files = [tmp_path / "甲 乙.docx", tmp_path / "丙.xlsx"]
    for f in files:
        f.write_bytes(b"x")
    work = tmp_path / "work"
    work.mkdir()
    conv = pdf.convert(files, work)
    ((cmd, kwargs),) = calls
    assert cmd[1].startswith("-env:UserInstallation=file://") and "hongtou-lo-" in cmd[1]
    assert kwargs["timeout"] == pdf.timeout_for(2)
    assert set(conv.pdfs) == set(files) and conv.note == ""
    assert all(" " not in a for a in cmd[cmd.index("--outdir") + 2:])   # plain copies


# -- --open, progress, summary -----------------------------------------------------------------


def it_opens_the_output_folder_when_asked(tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr(cli_output, "open_folder", lambda folder: opened.append(folder) or "")
    out = tmp_path / "out"
    assert run("build", DATA, "-o", out, "--today", "2022-04-20", "--open").exit_code == 0
    assert opened == [out.resolve()]


def it_never_fails_because_the_folder_cannot_be_opened(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("no file manager")

    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(pdf.subprocess, "Popen", refuse)
    assert pdf.open_folder(tmp_path) == f"无法自动打开文件夹，请手动打开：{tmp_path}"


def it_shows_a_progress_bar_on_a_terminal_and_lines_otherwise(tmp_path, monkeypatch):
    plain = run("build", DATA, "-o", tmp_path / "a", "--today", "2022-04-20")
    assert [line for line in plain.stdout.splitlines() if line.startswith("  生成 ")] == [
        f"  生成 {s}" for s in ("通知.docx", "日程安排表.docx", "整改台账.docx", "进展通报.docx",
                              "整改台账.xlsx", "督办/（8 个部门）", "分发/（10 个部门）")]
    assert len(build_mod.STEPS) == 7                # one bar step per stage
    monkeypatch.setattr(cli_output, "_is_terminal", lambda stream: True)
    bar = run("build", DATA, "-o", tmp_path / "b", "--today", "2022-04-20")
    assert bar.exit_code == 0
    assert "  生成 " not in bar.stdout and "生成文书" in bar.stderr
    assert "完成：" in bar.stdout


def it_ends_with_a_summary_a_person_can_read(tmp_path):
    result = run("build", DATA, "-o", tmp_path / "out", "--today", "2022-04-20")
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("完成："))
    assert lines[at + 1:at + 5] == [
        "  文书：通知.docx、日程安排表.docx、整改台账.docx、进展通报.docx、整改台账.xlsx",
        "  督办通知 8 份（督办/）",
        "  分发表 10 份（分发/）",
        "整改台账：共 36 项，已完成 12 项；红 6 项（超期），黄 5 项（7 日内到期），绿 25 项"
        "（统计截至 2022-04-20）"]


# -- every command: --quiet, Chinese help --------------------------------------------------------


COMMANDS = sorted(main.commands)


def it_has_the_commands_the_design_names():
    assert COMMANDS == ["build", "check", "init", "merge", "serve", "typeset", "verify"]


@pytest.mark.parametrize("name", COMMANDS)
def it_explains_every_command_and_option_in_chinese(name):
    command = main.commands[name]
    assert chinese(command.help) and "示例：" in command.help
    for param in command.params:
        if isinstance(param, click.Option):
            assert chinese(param.help), (name, param.opts)
    result = run(name, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"用法：main {name} [选项]")
    assert "选项：" in result.stdout and "显示本帮助并退出" in result.stdout
    assert "Show this message" not in result.stdout and "[default:" not in result.stdout


@pytest.mark.parametrize("name", COMMANDS)
def it_accepts_quiet_on_every_command(name):
    opts = {o for p in main.commands[name].params for o in p.opts}
    assert {"-q", "--quiet"} <= opts


def it_is_quiet_when_asked(tmp_path):
    assert run("check", DATA, "--quiet").output == ""
    assert run("build", DATA, "-o", tmp_path / "o", "-q").output == ""
    assert run("init", tmp_path / "新 活动", "-q").output == ""
    assert (tmp_path / "新 活动" / "活动.xlsx").is_file()
