"""A text to typeset, read whole: its outline and the facts of its 版头 and 版记.

Facts come from three places, the first that has one wins: the command's options, the
key/value block at the top of the file, and what the text itself shows (a `…文件` line, a
文号 line, the 署名 and date at its end). Values are checked as the workbook's 发文信息 is:
a 文号 is mended to `六工党〔2022〕7号` or refused, dates must be real days.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hongtou.model import DocumentMeta, InputError, Problem, WhenKind
from hongtou.model.document import Document
from hongtou.read.draft import FACT_HINT, FACT_LOOKUP, read_source
from hongtou.read.headers import header_key
from hongtou.read.outline import DATE_HINT, Outline, outline, tidy_title
from hongtou.read.sheets import split_list
from hongtou.rules import RuleError
from hongtou.rules.dates import parse_when
from hongtou.rules.punct import full_width
from hongtou.rules.wenhao import normalize_wenhao


def read_document(path: Path, options: dict[str, str] | None = None) -> Document:
    """Read and outline `path`; `options` maps 发文信息 keys (any synonym) to values typed
    on the command line. Raises InputError listing every problem."""
    source = read_source(path)
    shape = outline(source)
    problems: list[Problem] = []
    given = _given(source.name, source.facts, options or {}, shape, problems)
    meta = _meta(source.name, given, shape, problems)
    if problems:
        raise InputError(problems)
    return Document(source.name, shape, meta,
                    bool(given.get("发文机关标志") or given.get("发文字号")) and bool(meta.mark),
                    _warnings(shape, meta))


COMMAND_LINE = "命令行"
Given = dict[str, tuple[str, int | None, str]]   # key → (where, line, value as typed)


def _given(name: str, block: dict[str, tuple[int, str]], options: dict[str, str],
           shape: Outline, problems: list[Problem]) -> Given:
    """Canonical key → where it was given, the line, the value; options win."""
    found: Given = {k: (name, None, v) for k, v in shape.detected.items()}
    found.update({k: (name, line, v) for k, (line, v) in block.items()})
    for key, value in options.items():
        column = FACT_LOOKUP.get(header_key(key))
        if column is None:
            problems.append(Problem(COMMAND_LINE, None, key, value, "不认识这个项目", FACT_HINT))
        elif value is not None and value.strip():
            found[column.name] = (COMMAND_LINE, None, value.strip())
    return found


def _meta(name: str, given: Given, shape: Outline, problems: list[Problem]) -> DocumentMeta:
    def text(key: str) -> str:
        return given[key][2] if key in given else ""

    number = ""
    if text("发文字号"):
        try:
            number = normalize_wenhao(text("发文字号"))
        except RuleError as err:
            where, line, value = given["发文字号"]
            problems.append(Problem(where, line, "发文字号", value, err.reason, err.hint))
    issued = _day(given, "成文日期", None, problems) or shape.date
    printed = _day(given, "印发日期", issued.year if issued else None, problems)
    organ = text("发文机关") or shape.organ
    mark = text("发文机关标志") or (f"{organ}文件" if organ else "")
    return DocumentMeta(
        organ=organ, mark=mark, number=number, campaign="", plan_title="",
        title=tidy_title(text("标题")) if text("标题") else shape.title,
        addressee=full_width(text("主送机关") or shape.addressee).rstrip("：:"),
        date=issued, signer=text("签发人"), copy_no=text("份号"), secret=text("密级"),
        secret_term=text("保密期限"), urgency=text("紧急程度"),
        note=full_width(text("附注")) or shape.note, cc=split_list(text("抄送机关")),
        printer=text("印发机关"), print_date=printed)


def _day(given: Given, key: str, year: int | None, problems: list[Problem]) -> date | None:
    if key not in given:
        return None
    where, line, value = given[key]
    try:
        when = parse_when(value, year)
    except RuleError as err:
        problems.append(Problem(where, line, key, value, err.reason, DATE_HINT))
        return None
    if when.kind is not WhenKind.DATE:
        problems.append(Problem(where, line, key, value, "应为具体日期", DATE_HINT))
        return None
    return when.first


def _warnings(shape: Outline, meta: DocumentMeta) -> list[str]:
    out = []
    if not meta.title:
        out.append("没有找到标题：文件第一行应是标题（或用 --title 给出）")
    if meta.date is None:
        out.append("没有找到成文日期（单独一行的 2022年3月1日），落款未排")
    if not any(shape.heading_counts().values()):
        out.append("正文中没有按 一、（一）1.（1）编号的标题")
    return out
