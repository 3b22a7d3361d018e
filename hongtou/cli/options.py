"""What every command shares: click settings and option parsers (worded in Chinese)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import click

# The checkout holding this package: its templates/ is searched after the campaign's own
# (README「模板」). Not the current folder, so a build started from elsewhere finds it too;
# an installed hongtou has none there and uses its built-in templates.
PROJECT_DIR = Path(__file__).resolve().parents[2]

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def parse_date(ctx, param, value: str | None) -> date | None:
    """A click callback for --today: ISO dates only, refused in Chinese."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"「{value}」不是日期，请写成 2022-03-20 的形式") from None


# -- help in Chinese ---------------------------------------------------------------------------

HELP_OPTION_TEXT = "显示本帮助并退出"
QUIET_HELP = "只输出错误"
OPEN_HELP = "完成后打开输出文件夹"


class ChineseFormatter(click.HelpFormatter):
    """click's help page with its fixed words in Chinese: 用法, 选项, 命令."""

    HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list, measured in display columns (a Chinese character takes
        two), so the option descriptions line up."""
        rows = [(a, b.replace("[default: ", "[默认：")) for a, b in rows]
        first_col = min(max((_width(a) for a, _ in rows), default=0), col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if _width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - _width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            # wrap_text counts characters: give it half the columns for Chinese text
            room = max(self.width - first_col - 2, 10)
            room = room // 2 if _width(second) > len(second) * 1.5 else room
            lines = click.wrap_text(second, room, preserve_paragraphs=True).splitlines() or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{self.HEADINGS.get(heading, heading)}：\n")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


class ChineseContext(click.Context):
    formatter_class = ChineseFormatter


def localize(command: click.Command) -> None:
    """Chinese help for `command` and, for a group, every command in it: the usage line,
    the headings, and a -h/--help option worded in Chinese (it replaces click's own)."""
    command.context_class = ChineseContext
    command.options_metavar = "[选项]"
    if not any("--help" in p.opts for p in command.params):
        click.help_option(*CONTEXT["help_option_names"], help=HELP_OPTION_TEXT)(command)
    for p in command.params:   # PATH, TEXT → 路径, 文字
        if isinstance(p, click.Option) and not p.is_flag and p.metavar is None:
            p.metavar = "路径" if isinstance(p.type, click.Path) else "日期" \
                if p.callback is parse_date else "文字"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "命令 [参数]..."
        for sub in command.commands.values():
            localize(sub)
