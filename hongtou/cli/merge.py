"""`merge`: read the 分发 workbooks the departments filled in back into the master workbook.

The new master replaces the campaign's current one, which is first kept, byte for byte, as
`历史/<master>（<round day>）.xlsx` beside it: the next round is a plain `build` of the same
folder (方案正文 and all), and no earlier master is ever lost. `-o` saves it elsewhere instead.

Exit codes as everywhere: 0 all applied, 1 something not merged (listed), 2 unreadable input.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import click

from ..merge import (
    LOG_SHEET, RETURN_SUFFIXES, default_output, history_path, merge_returns,
)
from .options import CONTEXT, parse_date as _date
from .output import fail
from ..model import InputError
from ..rounds import stale_day
from ..write import WriteError, atomic_write, replace_keeping



def _expand(paths: tuple[Path, ...]) -> tuple[list[Path], list[Path]]:
    """A folder stands for the workbooks in it (Excel/WPS lock files and hidden files skipped);
    → (the workbooks, the folders' other files, which are listed as not read)."""
    files: list[Path] = []
    others: list[Path] = []
    for path in paths:
        if path.is_dir():
            for p in sorted(path.iterdir()):
                if not p.is_file() or p.name.startswith(("~$", ".")):
                    continue
                (files if p.suffix.lower() in RETURN_SUFFIXES else others).append(p)
        else:
            files.append(path)
    return files, others


@click.command("merge", context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path))
@click.argument("returned", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="把新总表另存到这个文件或文件夹，原总表不动（默认：新总表替换原总表，"
                   "原总表先存入 历史/ 文件夹）")
@click.option("--today", callback=_date, help="合并日期，用于文件名和合并记录（默认今天），如 2022-04-25")
@click.option("-q", "--quiet", is_flag=True, help="只输出错误和未合并的内容")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果（供脚本调用）")
def merge(data: Path, returned: tuple[Path, ...], out: Path | None, today: date | None,
          quiet: bool = False, as_json: bool = False) -> None:
    """把各部门交回的分发表合并进总表的问题清单，生成一份新的总表。

    \b
    DATA 是活动文件夹或总表工作簿（.xlsx）；RETURNED 是交回的分发表（可写多个，或一个文件夹）。
    只合并整改状态、进展情况、完成日期、备注四列；改了其他列、填了别的部门的行、
    填写有误的内容都会列出来，不会合并；别的活动的分发表一律拒收。
    合并后的新总表直接成为本次活动的总表（下一轮照常 build），原总表按轮次日期存入
    同一文件夹下的「历史」文件夹，永不覆盖；新总表里的「合并记录」工作表记下每一处修改。
    交回的文件不会被改动。

    \b
    示例：
      python pipeline.py merge data 交回/办公室.xlsx 交回/财务部.xlsx
      python pipeline.py merge data 交回 --today 2022-04-25
      python pipeline.py merge data 交回 -o 合并后.xlsx     # 另存，不替换总表
    """
    today = today or date.today()
    quiet = quiet or as_json

    def say(line: str) -> None:
        if not quiet:
            click.echo(line)

    if not data.exists():
        fail([f"找不到输入「{data}」：请给出活动文件夹或总表工作簿的路径"], None, as_json)
    files, others = _expand(returned)
    if not files:
        fail(["没有找到交回的分发表：请给出 .xlsx 文件，或放着它们的文件夹"], None, as_json)
    say(f"读取 {data} 和 {len(files)} 份交回的分发表 …")
    try:
        result = merge_returns(data, files, today, others)
    except InputError as exc:
        fail([p.message() for p in exc.problems],
             f"输入有 {len(exc.problems)} 处问题，未合并：", as_json)
    inputs = {p.resolve() for p in [result.master, *files]}
    history = None
    if out is None:
        target = result.master
        history = history_path(result.master, result.round_day or today)
    else:
        target = default_output(data, result.master, today, list(inputs), into=out) \
            if out.is_dir() else out
        if target.resolve() in inputs:
            fail([f"输出文件 {target} 就是输入文件，已停止以免覆盖。请换一个文件名（-o）"],
                 None, as_json)
    for line in result.summary():
        say(line)
    if quiet and not as_json:   # a warning: shown even when the summary is not
        for note in result.notes:
            click.echo(f"注意：{note}", err=True)
    problems = result.problems()
    if problems and not as_json:
        click.echo(f"有 {len(problems)} 处未合并：", err=True)
        for line in problems:
            click.echo(f"  - {line}", err=True)
    if result.changes:
        try:
            if history is not None:  # keep the master as it was, then replace it
                replace_keeping(target, result.workbook_bytes, history)
            else:
                atomic_write(target, result.workbook_bytes)
        except (WriteError, OSError) as exc:
            fail([str(exc)], None, as_json)
        if history is None:
            say(f"已生成新总表：{target}（修改记录见工作表「{LOG_SHEET}」；原总表未改动）")
        else:
            say(f"原总表已存入：{history}")
            say(f"已更新总表：{target}（修改记录见工作表「{LOG_SHEET}」）")
            say(f"下一轮直接生成，写上这一轮的日期：python pipeline.py build {data} -o 输出"
                f" --today {today.isoformat()}")
            stale = stale_day(target, result.as_of)
            if stale:
                say(f"注意：下一轮不写 --today 时，{stale}")
    else:
        say("没有修改，未生成新文件。")
    if as_json:
        click.echo(json.dumps({
            "ok": result.exit_code == 0,
            "out": str(target) if result.changes else None,
            "history": str(history) if result.changes and history else None,
            "not_returned": result.silent,
            "returns": [{"file": r.file, "department": r.department, "rows": r.rows}
                        for r in result.returns],
            "changes": [{"file": c.file, "row": c.row, "master_row": c.master_row,
                         "column": c.column, "old": c.old, "new": c.new}
                        for c in result.changes],
            "not_merged": problems, "notes": result.notes}, ensure_ascii=False, indent=1, default=str))
    sys.exit(result.exit_code)
