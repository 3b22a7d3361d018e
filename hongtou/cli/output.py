"""What the commands print while they work and when they finish, shared by the commands.

Progress goes to stderr as a bar when stderr is a terminal (a person is watching), as plain
lines on stdout otherwise (a log, a script, the tests), and not at all with --quiet or --json.
PDF copies are made here, after the documents are written, so a missing LibreOffice costs
a note, never the build.
"""

from __future__ import annotations

import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import click

from ..pdf import CONVERTIBLE, convert, open_folder, pdf_names
from ..write import WriteError, write_outputs


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class Progress:
    """`step(label)` once per stage. A click progress bar on a terminal, `  生成 label`
    lines otherwise, silence when quiet."""

    def __init__(self, total: int, label: str, quiet: bool = False, lines: bool = True):
        self.quiet = quiet
        self.lines = lines              # plain `  生成 …` lines when there is no bar
        self.current = ""
        self.bar = None
        if not quiet and _is_terminal(sys.stderr):
            self.bar = click.progressbar(length=total, label=label, file=sys.stderr,
                                         show_eta=False, show_percent=False, show_pos=True,
                                         item_show_func=lambda _: self.current or None)
            self.bar.__enter__()

    def step(self, label: str) -> None:
        if self.bar is not None:
            self.current = label
            self.bar.update(1)
        elif self.lines and not self.quiet:
            click.echo(f"  生成 {label}")

    def say(self, text: str) -> None:
        """A line about the next long stage (e.g. the PDF conversion)."""
        if self.quiet:
            return
        on_terminal = self.bar is not None
        self.close()                      # the bar's stages are done: its line ends here
        click.echo(text, err=on_terminal)

    def close(self) -> None:
        if self.bar is not None:
            self.current = ""
            self.bar.__exit__(None, None, None)
            self.bar = None


@dataclass
class PdfResult:
    written: list[str] = field(default_factory=list)   # output-relative PDF names
    note: str = ""
    removed: list[str] = field(default_factory=list)   # earlier PDFs not made again
    cleanup: list[str] = field(default_factory=list)   # … the summary's lines about them


def export_pdfs(out: Path, rels: list[str], progress: Progress | None = None,
                replaces=None) -> PdfResult:
    """PDFs of the .docx/.xlsx among `rels` (relative to `out`), written next to them.
    `replaces` (a build's scope, see write_outputs): earlier PDFs in it not made again go."""
    wanted = [r for r in rels if r.lower().endswith(CONVERTIBLE)]
    result = PdfResult()
    if not wanted:
        return result
    if progress is not None:
        progress.say(f"转换 PDF（{len(wanted)} 个文件，LibreOffice）…")
    names = pdf_names(wanted)
    with tempfile.TemporaryDirectory(prefix="hongtou-pdf-") as tmp:
        conv = convert([out / r for r in wanted], Path(tmp))
        result.note = conv.note
        data = {names[r]: conv.pdfs[out / r].read_bytes() for r in wanted
                if out / r in conv.pdfs}
    if data:
        try:
            report = write_outputs(out, data, replaces=None if replaces is None else
                                   lambda rel: rel.lower().endswith(".pdf") and replaces(rel))
        except WriteError as exc:
            result.note = str(exc)
            return result
        result.written = report.written + report.unchanged
        result.removed, result.cleanup = report.removed, report.cleanup_lines()
    return result


def finish(folder: Path, open_it: bool, quiet: bool) -> None:
    """--open: show the output folder; a failure is only a note."""
    if not open_it:
        return
    note = open_folder(folder)
    if note and not quiet:
        click.echo(note, err=True)


def kinds_line(rels: list[str], folders: dict[str, str]) -> list[str]:
    """`文书：通知.docx、…` and `督办通知 8 份（督办/）` for the closing summary."""
    top = [r for r in rels if "/" not in r and not r.lower().endswith(".pdf")]
    lines = [f"  文书：{'、'.join(top)}"] if top else []
    for folder, what in folders.items():
        n = sum(1 for r in rels if r.startswith(folder + "/") and not r.lower().endswith(".pdf"))
        if n:
            lines.append(f"  {what} {n} 份（{folder}/）")
    return lines


# -- the closing words every command shares -------------------------------------------------

def fail_input(problems, as_json: bool = False) -> None:
    if as_json:
        echo_json({"ok": False, "problems": [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value,
             "reason": p.reason, "hint": p.hint, "message": p.message()} for p in problems]})
        sys.exit(2)
    fail([p.message() for p in problems], f"输入有 {len(problems)} 处问题，未生成任何文件：")


def fail(lines: list[str], head: str | None = None, as_json: bool = False) -> NoReturn:
    """Exit 2 with `lines`: listed under `head`, or alone when there is none; --json:
    {"ok": false, "problems": lines}."""
    if as_json:
        echo_json({"ok": False, "problems": lines})
    elif head is None:
        click.echo("\n".join(lines), err=True)
    else:
        click.echo(head, err=True)
        for line in lines:
            click.echo(f"  - {line}", err=True)
    sys.exit(2)


def fail_error(message: str, as_json: bool) -> NoReturn:
    """Exit 2 with one message; --json: {"ok": false, "error": message}."""
    if as_json:
        echo_json({"ok": False, "error": message})
    else:
        click.echo(message, err=True)
    sys.exit(2)


def echo_json(data: dict) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


JSON_HELP = "以 JSON 输出结果（供脚本调用），不输出进度"
PDF_HELP = "同时用 LibreOffice 把每份文书另存为 PDF，放在 .docx/.xlsx 旁边（未安装时只提示）"


def missing(data: Path, as_json: bool) -> NoReturn:
    fail_error(f"找不到输入「{data}」：请给出活动文件夹或工作簿的路径", as_json)
