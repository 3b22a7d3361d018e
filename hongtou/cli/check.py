"""`check`: read the campaign and list every problem; nothing is written."""

from __future__ import annotations

from pathlib import Path

import click

from ..model import InputError
from ..read import read_campaign
from .options import CONTEXT
from .output import JSON_HELP, echo_json, fail_input, missing


@click.command(context_settings=CONTEXT)
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
        missing(data, as_json)
    try:
        c = read_campaign(data, need_body=True)
    except InputError as exc:
        fail_input(exc.problems, as_json)
    from ..rules.status import DONE_WITHOUT_DATE, done_without_date
    undated = [f"问题清单 第{i.row}行「完成日期」：" + DONE_WITHOUT_DATE.format(status=i.status.value)
               + "，请补填" for i in done_without_date(c.issues)]
    if as_json:
        echo_json({"ok": True, "members": len(c.members), "persons": len(c.persons),
                    "phases": len(c.phases), "tasks": len(c.tasks), "issues": len(c.issues),
                    **({"warnings": undated} if undated else {})})
        return
    for line in undated:
        click.echo("提醒：" + line, err=True)
    if quiet:
        return
    click.echo(f"检查通过：领导小组 {len(c.members)} 人，人员 {len(c.persons)} 人，"
               f"阶段 {len(c.phases)} 个，工作安排 {len(c.tasks)} 项，问题清单 {len(c.issues)} 项。")
