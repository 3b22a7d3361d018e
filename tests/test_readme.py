"""The README says what the program does: its first two commands, and a column-by-column guide
to the workbook that matches the reader's own table of sheets, columns and synonyms."""

from __future__ import annotations

import re

from hongtou.read.headers import META_KEYS, META_SHEET, SHEETS

from tests.readme_columns import README, column_guide, current

TEXT = README.read_text(encoding="utf-8")


def it_starts_with_the_two_commands_people_copy():
    first = re.search(r"```\n(.*?)```", TEXT, re.S)[1]
    assert first == ('python -m pip install . && python pipeline.py\n'
                     'python -m pip install ".[test]" && python -m pytest\n')


def it_has_the_column_guide_the_reader_would_write():
    assert current() == column_guide(), "README 的列说明已过时：运行 python tests/readme_columns.py"


def tables() -> dict[str, list[list[str]]]:
    """Sheet heading → the rows of the table under it, read from the README as a person would."""
    out: dict[str, list[list[str]]] = {}
    sheet = None
    for line in current().splitlines():
        if line.startswith("### "):
            sheet = line[4:].strip()
            out[sheet] = []
        elif sheet and line.startswith("| ") and not line.startswith(("| 列 ", "| 项目 ")):
            out[sheet].append([c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]])
    return out


def it_lists_every_sheet_column_synonym_and_required_flag_of_headers_py():
    found = tables()
    assert list(found) == [META_SHEET, *SHEETS]
    for sheet, rows in found.items():
        columns = META_KEYS if sheet == META_SHEET else SHEETS[sheet]
        assert [(r[0], r[1] == "必填", tuple(filter(None, r[2].split("、")))) for r in rows] == [
            (c.name, c.required, c.synonyms) for c in columns], sheet
        assert all(r[3] for r in rows), f"{sheet}: every column says how to fill it"


def it_documents_every_command_it_has():
    from hongtou.cli import main

    for name in main.commands:
        assert f"python pipeline.py {name}" in TEXT, name
