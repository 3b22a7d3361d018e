"""`build`: every document of a campaign, written into the output folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from .. import build as build_mod
from ..docs.template import TemplateFault
from ..model import InputError, Light
from ..write import WriteError
from . import options
from .options import CONTEXT, OPEN_HELP, QUIET_HELP, parse_date as _date
from .output import (JSON_HELP, PDF_HELP, PdfResult, Progress, echo_json, export_pdfs,
                     fail_error, fail_input, finish, kinds_line, missing)


@click.command(context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path), default="data")
@click.option("-o", "--out", type=click.Path(path_type=Path), default="output",
              show_default=True, help="输出文件夹")
@click.option("--today", callback=_date, help="按哪一天计算红黄绿（默认：发文信息的统计截至，否则今天），如 2022-04-20")
@click.option("-d", "--department", "departments", multiple=True, metavar="部门",
              help="只生成这个责任部门的一套材料（整改台账、督办通知、分发表），放在输出文件夹下"
                   "以部门命名的文件夹里；可写多次")
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
@click.option("--pdf", is_flag=True, help=PDF_HELP)
@click.option("--open", "open_it", is_flag=True, help=OPEN_HELP)
def build(data: Path, out: Path, today: date | None, quiet: bool, as_json: bool,
          pdf: bool = False, open_it: bool = False, departments: tuple[str, ...] = ()) -> None:
    """生成全部文书：通知、日程安排表、整改台账（Word 和 Excel）、督办通知、分发表。

    \b
    示例：
      python pipeline.py build data -o output --today 2022-04-20
      python pipeline.py build data --department 办公室 --department 财务部
    """
    quiet = quiet or as_json
    if not data.exists():
        missing(data, as_json)

    if not quiet:
        click.echo(f"读取 {data} …")
    progress = Progress(len(departments) or len(build_mod.STEPS), "生成文书", quiet)
    try:
        outputs, report = build_mod.build(data, out, today,
                                          template_dirs=[options.PROJECT_DIR / "templates"],
                                          step=progress.step, departments=list(departments),
                                          pdf=pdf)
    except InputError as exc:
        progress.close()
        fail_input(exc.problems, as_json)
    except TemplateFault as exc:
        progress.close()
        fail_input([exc.problem], as_json)
    except WriteError as exc:
        progress.close()
        fail_error(str(exc), as_json)
    pdfs = export_pdfs(report.out, [*outputs.files], progress, outputs.replaces) if pdf else None
    progress.close()
    report.lines[0:0] = closing_lines(outputs, pdfs)
    if as_json:
        c, a = outputs.campaign, outputs.assessment
        echo_json({"ok": True, "out": str(report.out), "written": report.written,
                    "unchanged": report.unchanged, "backed_up": report.backed_up,
                    "removed": report.removed + (pdfs.removed if pdfs else []),
                    "stale_backed_up": report.stale_backed_up,
                    "templates": outputs.templates,
                    "ledger": {"today": a.today.isoformat(), "total": len(c.issues),
                               "done": sum(1 for i in c.issues if i.status.is_done),
                               "red": a.count(Light.RED), "yellow": a.count(Light.YELLOW),
                               "green": a.count(Light.GREEN)},
                    "pdf": pdfs.written if pdfs else [],
                    "notes": [pdfs.note] if pdfs and pdfs.note else []})
    elif not quiet:
        for name, origin in sorted(outputs.templates.items()):
            click.echo(f"  模板 {name}：{origin}")
        click.echo(str(report))
    finish(report.out, open_it, quiet)


def closing_lines(outputs: build_mod.Outputs, pdfs: PdfResult | None) -> list[str]:
    """What was made, by kind, for the closing summary (before the ledger's colours)."""
    known = {build_mod.REMINDER_DIR: "督办通知", build_mod.SPLIT_DIR: "分发表"}
    lines = kinds_line(list(outputs.files), known)
    packets: dict[str, list[str]] = {}      # build --department: a folder per department
    for rel in outputs.files:
        folder, _, name = rel.partition("/")
        if name and folder not in known:
            packets.setdefault(folder, []).append(name)
    lines += [f"  {folder}/：{'、'.join(names)}" for folder, names in packets.items()]
    if pdfs is not None:
        if pdfs.written:
            lines.append(f"  PDF {len(pdfs.written)} 份（在各 Word/Excel 文件旁边）")
        if pdfs.note:
            lines.append(f"注意：{pdfs.note}")
        lines += pdfs.cleanup
    return lines
