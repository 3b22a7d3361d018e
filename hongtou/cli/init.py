"""`init`: a new campaign folder to fill in (活动.xlsx with an example row, 方案正文.txt).

Exit codes as everywhere:
0 created, 2 refused (the folder is not empty) or not writable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import CONTEXT, QUIET_HELP
from ..init import BODY_NAME, WORKBOOK_NAME, FolderNotEmpty, init_campaign
from ..write import WriteError


def _arg(path: Path) -> str:
    """A path as it is typed on the command line (quoted when it holds a space)."""
    text = str(path)
    return f'"{text}"' if any(c.isspace() for c in text) else text


@click.command("init", context_settings=CONTEXT)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
def init(folder: Path, quiet: bool = False) -> None:
    """新建一个活动文件夹：活动.xlsx（各工作表的表头、一行示例、下拉列表和填写说明）和方案正文.txt。

    \b
    灰色斜体的一行是示例，照着改成本次活动的内容即可；表头单元格的批注写明了每一列怎么填。
    文件夹已存在且不是空的时不会写入任何文件。

    \b
    示例：
      python pipeline.py init 我的活动
      python pipeline.py build 我的活动 -o 我的活动/输出
    """
    try:
        written = init_campaign(folder)
    except (FolderNotEmpty, WriteError) as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    if quiet:
        return
    click.echo(f"已新建活动文件夹「{folder}」：")
    for path in written:
        click.echo(f"  {path}")
    click.echo("下一步：")
    click.echo(f"  1. 先用 Excel/WPS 打开 {WORKBOOK_NAME} 填写：灰色斜体的示例行改成本次活动的内容，"
               "表头的批注写明了每一列怎么填；")
    click.echo(f"  2. 用记事本打开 {BODY_NAME}，把括号中的提示换成方案正文"
               "（{{ 阶段安排 }}、{{ 领导小组 }} 两行会换成表中的内容，请保留）；")
    click.echo("  3. 检查并生成文书：")
    click.echo(f"     python pipeline.py check {_arg(folder)}")
    click.echo(f"     python pipeline.py build {_arg(folder)} -o {_arg(folder / '输出')}")
