"""Any text to typeset — `.txt`/`.md` (UTF-8 or GBK) or `.docx` — as a list of lines and tables.

This is the reading half of `typeset`: it knows files, not documents. It returns the file's
paragraphs in order (`Line`s, with tables as `Grid`s between them) and the facts of a small
key/value block at the top:

    发文机关：中共六安市总工会党组
    文号：六工党[2022]7号
    ---
    关于……的通知

Text copied out of a PDF breaks each printed line, and a page break splits a sentence over a
blank line; such a paragraph is mended (a line that ends without closing punctuation and
fills a printed line runs on into the next). Which line is the title, the 主送, a heading or the
date is decided in `hongtou.read.outline`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from hongtou.model import InputError, Problem
from hongtou.read.headers import META_KEYS, header_key, lookup
from hongtou.read.body import text_lines
from hongtou.read.tables import MAX_FILE_BYTES
from hongtou.rules.numbering import detect_heading

SUFFIXES = (".txt", ".md", ".docx")

# The 发文信息 keys that make sense for a single document (the campaign's own are left out).
DOCUMENT_KEYS = ("发文机关", "发文机关标志", "发文字号", "签发人", "份号", "密级", "保密期限",
                 "紧急程度", "标题", "主送机关", "成文日期", "附注", "抄送机关", "印发机关",
                 "印发日期")
FACT_COLUMNS = tuple(c for c in META_KEYS if c.name in DOCUMENT_KEYS)
FACT_LOOKUP = lookup(FACT_COLUMNS)
FACT_HINT = "可用的项目：" + "、".join(DOCUMENT_KEYS)

_RULE = re.compile(r"^\s*(?:-{3,}|—{2,}|={3,})\s*$")   # the line that closes the block
_KEY_VALUE = re.compile(r"^\s*([^：:\s]{1,10})\s*[：:]\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_ENDS = "。！？；：….!?;:"            # a paragraph that ends with one of these is complete
_QUOTES = "」』”’）)》"                # … and so is one ending 。” but not one ending “自信”
# A printed line of the source holds about this many characters: a shorter line that ends
# without punctuation was ended on purpose (a heading, a name, a title).
FULL_LINE = 26


@dataclass
class Line:
    text: str
    number: int                      # line (paragraph) number in the file, 1-based
    blank_before: bool = False       # a blank line (or more) came before it
    md_level: int = 0                # `#` count of a Markdown heading
    style_level: int = 0             # Word heading style: 1 for 标题 1 / Heading 1, -1 for Title


@dataclass
class Grid:
    """A table: rows of cell texts (from Markdown), or a Word table element (from .docx)."""

    rows: list[list[str]] = field(default_factory=list)
    element: object = None           # lxml w:tbl, re-laid by the typesetter
    number: int = 0


@dataclass
class Source:
    name: str                        # the file name, for messages
    items: list[Line | Grid]
    facts: dict[str, tuple[int, str]]  # canonical key → (line, value as typed)


def read_source(path: Path) -> Source:
    """The file's lines and its key/value block. Raises InputError with located problems."""
    path = Path(path)
    problems: list[Problem] = []
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError([Problem(path.name, None, None, None, "不能排版这种文件",
                                  "请给出 .txt、.md 或 .docx 文件（.doc、.wps 请先另存为 .docx）")])
    if not path.is_file():
        raise InputError([Problem(str(path), None, None, None, "找不到这个文件",
                                  "请检查文件名和所在文件夹")])
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InputError([Problem(path.name, None, None, None, "文件太大",
                                  "请把正文另存为较小的文件")])
    if suffix == ".docx":
        items = _docx_items(path, problems)
    else:
        items = _text_items(path, suffix == ".md", problems)
    if problems:
        raise InputError(problems)
    facts = _front_matter(path.name, items, problems)
    if problems:
        raise InputError(problems)
    if suffix != ".docx":
        items = mend_lines(items)
    if not any(isinstance(i, Line) for i in items):
        raise InputError([Problem(path.name, None, None, None, "文件中没有文字",
                                  "请确认选对了文件")])
    return Source(path.name, items, facts)


# -- text and Markdown ---------------------------------------------------------------------


def _text_items(path: Path, markdown: bool, problems: list[Problem]) -> list[Line | Grid]:
    items: list[Line | Grid] = []
    blank = False
    for number, raw in enumerate(text_lines(path, problems), start=1):
        if not raw.strip():
            blank = True
            continue
        if markdown and raw.lstrip().startswith("|"):
            _md_table_row(items, raw, number)
            blank = False
            continue
        level = 0
        if markdown:
            m = _MD_HEADING.match(raw)
            level = len(m[1]) if m else 0
            raw = _MD_BULLET.sub("", _MD_HEADING.sub("", raw))
        # **bold** pasted from a chat or a web page: the standard sets no bold (§7.3.3)
        raw = _BOLD.sub(lambda m: m[1] or m[2], raw)
        items.append(Line(raw.strip(), number, blank, md_level=level))
        blank = False
    return items


def _md_table_row(items: list[Line | Grid], raw: str, number: int) -> None:
    if _MD_TABLE_RULE.match(raw):
        return
    cells = [c.strip().replace("**", "") for c in raw.strip().strip("|").split("|")]
    if items and isinstance(items[-1], Grid) and items[-1].element is None:
        items[-1].rows.append(cells)
    else:
        items.append(Grid(rows=[cells], number=number))


# -- Word ----------------------------------------------------------------------------------


def _docx_items(path: Path, problems: list[Problem]) -> list[Line | Grid]:
    """Paragraphs and tables of the document body, in order (headers, footers, text boxes
    and pictures are not read)."""
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception:
        problems.append(Problem(path.name, None, None, None, "无法打开这个 Word 文档",
                                "请用 Word/WPS 打开后另存为 .docx，或把正文另存为 .txt"))
        return []
    items: list[Line | Grid] = []
    blank = False
    for number, block in enumerate(blocks, start=1):
        if isinstance(block, Table):
            items.append(Grid(element=block._tbl, number=number))
            blank = False
            continue
        assert isinstance(block, Paragraph)
        level = _style_level(block)
        for piece in block.text.replace("\r", "\n").split("\n"):
            if not piece.strip():
                blank = True
                continue
            items.append(Line(piece.strip(), number, blank, style_level=level))
            blank = False
    return items


_STYLE_LEVEL = re.compile(r"^(?:heading|标题)\s*([1-4])$", re.I)


def _style_level(paragraph) -> int:
    """1–4 for Word's heading styles (Heading 1 / 标题 1), -1 for Title / 标题, else 0."""
    try:
        name = (paragraph.style.name or "").strip() if paragraph.style is not None else ""
    except (KeyError, ValueError):
        return 0
    if name.lower() in ("title", "标题"):
        return -1
    m = _STYLE_LEVEL.match(name)
    return int(m[1]) if m else 0


# -- the key/value block -------------------------------------------------------------------


def _front_matter(name: str, items: list[Line | Grid],
                  problems: list[Problem]) -> dict[str, tuple[int, str]]:
    """Facts from `key：value` lines before a `---` line near the top (a Markdown front
    matter opening with `---` too). Removes the block from `items`. A block is only taken
    when every line of it is `key：value`, so a body that merely has a `---` is left alone."""
    lines = items[:40]
    end = next((i for i, it in enumerate(lines) if isinstance(it, Line) and _RULE.match(it.text)
                and i > 0), None)
    if end is None:
        return {}
    start = 1 if isinstance(items[0], Line) and _RULE.match(items[0].text) else 0
    block = items[start:end]
    if not block or not all(isinstance(it, Line) and _KEY_VALUE.match(it.text) for it in block):
        return {}
    facts: dict[str, tuple[int, str]] = {}
    for it in block:
        m = _KEY_VALUE.match(it.text)
        column = FACT_LOOKUP.get(header_key(m[1]))
        if column is None:
            problems.append(Problem(name, it.number, m[1], None, "不认识这个项目", FACT_HINT))
            continue
        if column.name in facts:
            problems.append(Problem(name, it.number, m[1], m[2],
                                    f"重复填写（第{facts[column.name][0]}行已填写）",
                                    "请删除其中一行"))
            continue
        facts[column.name] = (it.number, m[2])
    del items[:end + 1]
    if items and isinstance(items[0], Line):
        items[0].blank_before = True
    return facts


# -- mending lines broken by a PDF ---------------------------------------------------------


def mend_lines(items: list[Line | Grid]) -> list[Line | Grid]:
    """Join a paragraph that a page break cut mid-sentence with the next one: it is prose
    (it has a comma or a full stop in it) and fills a printed line, ends without closing
    punctuation, a blank line follows it, and the next line is not a heading. Lines that
    follow each other without a blank line (a roster, a list) are left as they are."""
    out: list[Line | Grid] = []
    for it in items:
        prev = out[-1] if out else None
        if isinstance(it, Line) and isinstance(prev, Line) and _runs_on(prev, it):
            prev.text += it.text
            continue
        out.append(it)
    return out


_PROSE = re.compile(r"[，。；、,;]")


def _runs_on(prev: Line, nxt: Line) -> bool:
    if not nxt.blank_before or prev.md_level or nxt.md_level or len(prev.text) < FULL_LINE:
        return False
    text = prev.text.rstrip(_QUOTES) if prev.text[-1] in _QUOTES else prev.text
    if not text or text[-1] in _ENDS or (text == prev.text and text[-1].isascii()):
        return False
    if not _PROSE.search(prev.text) or detect_heading(nxt.text)[0]:
        return False
    return not nxt.text.startswith(("附件", "第"))
