"""The command line. Each command parses its options, calls one library function, prints the
report and exits: 0 done, 1 a check failed, 2 bad input (every problem listed)."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from . import build as build_mod
from .docs.template import TemplateFault
from .cli_options import CONTEXT, OPEN_HELP, QUIET_HELP, localize, parse_date as _date
from .cli_output import PdfResult, Progress, export_pdfs, finish, kinds_line
from .model import InputError, Light
from .read import read_campaign
from .write import WriteError

PROJECT_DIR = Path.cwd()


def _fail_input(problems, as_json: bool = False) -> None:
    if as_json:
        _echo_json({"ok": False, "problems": [
            {"sheet": p.sheet, "row": p.row, "column": p.column, "value": p.value,
             "reason": p.reason, "hint": p.hint, "message": p.message()} for p in problems]})
        sys.exit(2)
    click.echo(f"输入有 {len(problems)} 处问题，未生成任何文件：", err=True)
    for p in problems:
        click.echo(f"  - {p.message()}", err=True)
    sys.exit(2)


def _echo_json(data: dict) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=1))


JSON_HELP = "以 JSON 输出结果（供脚本调用），不输出进度"
PDF_HELP = "同时用 LibreOffice 把每份文书另存为 PDF，放在 .docx/.xlsx 旁边（未安装时只提示）"


@click.group(context_settings=CONTEXT, invoke_without_command=True)
@click.pass_context
def main(ctx: click.Context) -> None:
    """红头：把活动台账表格生成符合 GB/T 9704-2012 的公文、日程安排表、整改台账和督办通知。

    不带参数运行时，等同于 build data -o output（生成示例活动）。

    \b
    示例：
      python pipeline.py
      python pipeline.py build 我的活动 -o 输出 --today 2022-04-20
      python pipeline.py check 我的活动
      python pipeline.py init 新活动
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(build, data=Path("data"), out=Path("output"), today=None, quiet=False,
                   as_json=False)


@main.command(context_settings=CONTEXT)
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
        _missing(data, as_json)

    if not quiet:
        click.echo(f"读取 {data} …")
    progress = Progress(len(departments) or len(build_mod.STEPS), "生成文书", quiet)
    try:
        outputs, report = build_mod.build(data, out, today,
                                          template_dirs=[PROJECT_DIR / "templates"],
                                          step=progress.step, departments=list(departments),
                                          pdf=pdf)
    except InputError as exc:
        progress.close()
        _fail_input(exc.problems, as_json)
    except TemplateFault as exc:
        progress.close()
        _fail_input([exc.problem], as_json)
    except WriteError as exc:
        progress.close()
        if as_json:
            _echo_json({"ok": False, "error": str(exc)})
        else:
            click.echo(str(exc), err=True)
        sys.exit(2)
    pdfs = export_pdfs(report.out, [*outputs.files], progress, outputs.replaces) if pdf else None
    progress.close()
    report.lines[0:0] = closing_lines(outputs, pdfs)
    if as_json:
        c, a = outputs.campaign, outputs.assessment
        _echo_json({"ok": True, "out": str(report.out), "written": report.written,
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


def _missing(data: Path, as_json: bool) -> None:
    message = f"找不到输入「{data}」：请给出活动文件夹或工作簿的路径"
    if as_json:
        _echo_json({"ok": False, "error": message})
    else:
        click.echo(message, err=True)
    sys.exit(2)


@main.command(context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path), default="data")
@click.option("-q", "--quiet", is_flag=True, help="检查通过时不输出，只输出问题")
@click.option("--json", "as_json", is_flag=True, help=JSON_HELP)
def check(data: Path, as_json: bool, quiet: bool = False) -> None:
    """只检查输入，不生成任何文件；列出所有问题。

    \b
    示例：
      python pipeline.py check data
    """
    if not data.exists():
        _missing(data, as_json)
    try:
        c = read_campaign(data, need_body=True)
    except InputError as exc:
        _fail_input(exc.problems, as_json)
    from .rules.status import DONE_WITHOUT_DATE, done_without_date
    undated = [f"问题清单 第{i.row}行「完成日期」：" + DONE_WITHOUT_DATE.format(status=i.status.value)
               + "，请补填" for i in done_without_date(c.issues)]
    if as_json:
        _echo_json({"ok": True, "members": len(c.members), "persons": len(c.persons),
                    "phases": len(c.phases), "tasks": len(c.tasks), "issues": len(c.issues),
                    **({"warnings": undated} if undated else {})})
        return
    for line in undated:
        click.echo("提醒：" + line, err=True)
    if quiet:
        return
    click.echo(f"检查通过：领导小组 {len(c.members)} 人，人员 {len(c.persons)} 人，"
               f"阶段 {len(c.phases)} 个，工作安排 {len(c.tasks)} 项，问题清单 {len(c.issues)} 项。")


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--render", is_flag=True, help="同时用 LibreOffice 排版实测（红线长度与位置、发文机关标志位置、页码位置）")
@click.option("-q", "--quiet", is_flag=True, help="只输出不符的条目")
def verify(files: tuple[Path, ...], render: bool, quiet: bool = False) -> None:
    """按 GB/T 9704-2012 逐条检查 Word 公文（本工具生成的或手工排的均可）。

    每条规则列出条款、应为多少、实测多少；有不符时退出码为 1。

    \b
    示例：
      python pipeline.py verify output/通知.docx --render
    """
    from .verify import verify as run_verify

    bad_files = [f for f in files if f.suffix.lower() != ".docx"]
    if bad_files:
        click.echo("只能检查 .docx 文件：" + "、".join(map(str, bad_files)) + "（.doc 请先在 Word 中另存为 .docx）", err=True)
        sys.exit(2)
    try:
        results = run_verify(list(files), render=render)
    except RuntimeError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    except (OSError, KeyError, ValueError) as exc:
        click.echo(f"无法读取文件：{exc}（请确认是 Word 另存的 .docx）", err=True)
        sys.exit(2)
    failed = 0
    for path, checks in results.items():
        bad = [c for c in checks if not c.ok]
        failed += bool(bad)
        if quiet and not bad:
            continue
        click.echo(f"{path}：{len(checks) - len(bad)} 条通过，{len(bad)} 条不符")
        for c in (bad if quiet else checks):
            click.echo(f"  {c.line()}")
    sys.exit(1 if failed else 0)


from .cli_merge import merge  # noqa: E402  (a command of its own module)

main.add_command(merge)

from .cli_init import init  # noqa: E402

main.add_command(init)

from .cli_typeset import typeset  # noqa: E402

main.add_command(typeset)

from .serve.command import serve  # noqa: E402  (Flask is imported only when it runs)

main.add_command(serve)

localize(main)   # every command's help page in Chinese, -h/--help included