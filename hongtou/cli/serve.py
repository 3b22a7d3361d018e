"""`serve`: the workbench in the browser (hongtou/serve/). Flask is imported only when it runs, so the
other commands work without the `serve` extra installed."""

from __future__ import annotations

import signal
import sys
import webbrowser
from pathlib import Path

import click

from . import options
from .options import CONTEXT


@click.command("serve", context_settings=CONTEXT)
@click.argument("data", type=click.Path(path_type=Path), default="data")
@click.option("-o", "--out", type=click.Path(path_type=Path), default="output",
              show_default=True, help="输出文件夹")
@click.option("--port", type=click.IntRange(0, 65535), default=0, metavar="端口",
              help="端口（默认：随机选一个空闲端口）")
@click.option("--no-open", "no_open", is_flag=True, help="不自动打开浏览器")
@click.option("--pdf", is_flag=True, help="「生成」时默认同时生成 PDF")
@click.option("-q", "--quiet", is_flag=True, help="只输出第一行的地址")
def serve(data: Path, out: Path, port: int, no_open: bool, pdf: bool, quiet: bool = False) -> None:
    """在浏览器中打开工作台：打开活动表格、检查、生成并预览文书、回收分发表、排版、检查公文。

    只在本机（127.0.0.1）监听；第一行输出带 token 的地址，没有 token 的访问一律拒绝。按 Ctrl+C 结束。

    \b
    示例：
      python pipeline.py serve
      python pipeline.py serve 我的活动 --port 8765 --no-open
    """
    try:
        from ..serve.app import Workbench, listen
    except ImportError:
        click.echo('工作台需要 Flask：请先运行 pip install "hongtou[serve]"（或 pip install flask）',
                   err=True)
        sys.exit(2)
    bench = Workbench(data, out, [options.PROJECT_DIR / "templates"], pdf=pdf)
    bench.converter.start()
    try:
        server, url = listen(bench, port)
    except OSError as exc:
        bench.close()
        click.echo(f"无法在端口 {port} 启动工作台：{exc.strerror or exc}。请换一个端口（--port）", err=True)
        sys.exit(2)
    _stop_on_signals()
    try:      # from here on a signal, even one arriving while the address is printed, stops cleanly
        click.echo(url)
        if not quiet:
            click.echo("红头工作台已启动：请在浏览器中打开上面的地址（只能在本机访问）。按 Ctrl+C 结束。")
        sys.stdout.flush()
        if not no_open:
            webbrowser.open(url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        _stop_on_signals(signal.SIG_IGN)     # a second Ctrl+C must not cut the closing short
        server.server_close()
        bench.close()
        if not quiet:
            click.echo("工作台已关闭。")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def _stop_on_signals(handler=_interrupt) -> None:
    """A terminated server (its window closed, `kill`) stops like Ctrl+C: the idle LibreOffice
    is ended and the scratch folder removed, not left behind. `signal.SIG_IGN` while closing."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"):
        sig = getattr(signal, name, None)
        if sig is not None:
            signal.signal(sig, handler)
