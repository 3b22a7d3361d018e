"""The command line: one module per command, the options and the output they share.

Each command parses its options, calls one library function (`hongtou.build`, `init`,
`merge`, `verify`, `docs.typeset`, `serve`), prints the report and exits: 0 done, 1 a check
failed, 2 bad input (every problem listed). `python pipeline.py`, `python -m hongtou` and
the `hongtou` console script all run `main`.
"""

from __future__ import annotations

from pathlib import Path

import click

from . import build, check, init, merge, serve, typeset, verify
from .options import CONTEXT, localize


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
        ctx.invoke(build.build, data=Path("data"), out=Path("output"), today=None, quiet=False,
                   as_json=False)


for command in (build.build, check.check, verify.verify, merge.merge, init.init,
                typeset.typeset, serve.serve):
    main.add_command(command)

localize(main)   # every command's help page in Chinese, -h/--help included
