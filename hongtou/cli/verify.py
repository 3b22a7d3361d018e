"""`verify`: GB/T 9704 rule by rule over Word documents, made here or by hand."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .options import CONTEXT


@click.command(context_settings=CONTEXT)
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
    from ..verify import verify as run_verify

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
