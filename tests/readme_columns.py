"""The README's column-by-column guide to the workbook, made from the reader's own tables.

Every sheet and column the reader accepts (hongtou/read/headers.py: SHEETS and META_KEYS,
with their synonyms and whether they are required) and what goes in it (the header notes
`init` puts in a new workbook, hongtou/init.py). `python tests/readme_columns.py` rewrites the
part of README.md between the two markers; tests/test_readme.py fails when they differ, so
the guide cannot drift from what the reader does.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hongtou.init import META_NOTES, NOTES  # noqa: E402
from hongtou.read.headers import META_KEYS, META_SHEET, SHEETS  # noqa: E402

README = ROOT / "README.md"
START = "<!-- 列说明：由 tests/readme_columns.py 生成，请勿手改 -->"
END = "<!-- 列说明结束 -->"

INTRO = {
    META_SHEET: "两列：第一列写项目名，第二列写内容（有「项目 | 内容 | 说明」表头时只读「内容」列）。",
    "领导小组": "每人一行。",
    "人员": "本单位参加活动的人员，每人一行；工作安排和问题清单里的责任人要在这里。",
    "阶段安排": "每个阶段一行。",
    "工作安排": "每项工作一行。",
    "问题清单": "每个问题一行；各部门的分发表和督办通知按「责任部门」分发。",
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def sheet_table(sheet: str) -> list[str]:
    columns = META_KEYS if sheet == META_SHEET else SHEETS[sheet]
    notes = META_NOTES if sheet == META_SHEET else NOTES[sheet]
    head = "项目" if sheet == META_SHEET else "列"
    lines = [f"### {sheet}", "", INTRO[sheet], "",
             f"| {head} | 必填 | 也可写作 | 怎么填 |", "|---|---|---|---|"]
    for c in columns:
        lines.append(f"| {c.name} | {'必填' if c.required else ''} | {'、'.join(c.synonyms)} "
                     f"| {_cell(notes.get(c.name, ''))} |")
    return lines + [""]


def column_guide() -> str:
    lines = [START, ""]
    for sheet in (META_SHEET, *SHEETS):
        lines += sheet_table(sheet)
    return "\n".join(lines + [END])


def current() -> str:
    text = README.read_text(encoding="utf-8")
    return text[text.index(START):text.index(END) + len(END)]


def main() -> None:
    text = README.read_text(encoding="utf-8")
    README.write_text(text.replace(current(), column_guide()), encoding="utf-8")


if __name__ == "__main__":
    main()
