"""What every command shares: click settings and option parsers (worded in Chinese)."""

from __future__ import annotations

from datetime import date

import click

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def parse_date(ctx, param, value: str | None) -> date | None:
    """A click callback for --today: ISO dates only, refused in Chinese."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"「{value}」不是日期，请写成 2022-03-20 的形式") from None
