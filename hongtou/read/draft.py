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
from dataclasses import dataclass
from pathlib import Path

from hongtou.model import InputError, Problem
from hongtou.model.document import Grid, Picture
from hongtou.read.headers import META_KEYS, header_key, lookup
from hongtou.read.body import strip_bold, strip_markdown, text_lines
from hongtou.read.tables import MAX_FILE_BYTES
from hongtou.rules.names import ROSTER_ROLE
from hongtou.rules.numbering import cn_number, detect_heading

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
    _record_lines(items, facts)
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
            level, raw = strip_markdown(raw)
        # **bold** pasted from a chat or a web page: the standard sets no bold (§7.3.3)
        raw = strip_bold(raw)
        if not raw.strip():          # a line of marks only (`#`, `- `)
            blank = True
            continue
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
    numbering = WordNumbering(document)
    toc = _TableOfContents()
    for number, block in enumerate(blocks, start=1):
        if isinstance(block, Table):
            items.append(Grid(element=block._tbl, number=number))
            blank = False
            continue
        assert isinstance(block, Paragraph)
        if toc.holds(block):
            continue
        level = _style_level(block)
        label = numbering.label(block._p, block.text) if block.text.strip() else ""
        for piece in (label + block.text).replace("\r", "\n").split("\n"):
            if not piece.strip():
                blank = True
                continue
            items.append(Line(piece.strip(), number, blank, style_level=level))
            blank = False
        items.extend(_pictures(document, block._p, number))
    return items


class _TableOfContents:
    """A table of contents typed into the draft (a TOC field's entries, or paragraphs in the
    TOC styles) is left out: the typeset headings carry outline levels, and Word makes a new
    one from them. A TOC in a content control (Word's own) is never read at all."""

    _W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def __init__(self):
        self.depth = 0          # open fields inside the TOC field, while in one

    def holds(self, paragraph) -> bool:
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        inside = self.depth > 0
        for el in paragraph._p.iter(self._W + "fldChar", self._W + "instrText"):
            if el.tag == self._W + "instrText":
                if self.depth == 0 and (el.text or "").strip().upper().startswith("TOC"):
                    self.depth, inside = 1, True
                continue
            kind = el.get(self._W + "fldCharType")
            if self.depth and kind == "begin":
                self.depth += 1
            elif self.depth and kind == "end":
                self.depth -= 1
        return inside or re.fullmatch(r"(?i)toc \d", style) is not None


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def _pictures(document, p, number: int) -> list[Picture]:
    """The pictures (inline or floating) a paragraph holds, with their size in the draft."""
    out = []
    for drawing in p.iter(f"{{{_WP}}}inline", f"{{{_WP}}}anchor"):
        blip = next(drawing.iter(f"{{{_A}}}blip"), None)
        extent = drawing.find(f"{{{_WP}}}extent")
        try:
            part = document.part.related_parts[blip.get(_R_EMBED)]
        except (AttributeError, KeyError):
            continue
        ext = str(part.partname).rsplit(".", 1)[-1].lower()
        cx = int(extent.get("cx", 0)) if extent is not None else 0
        cy = int(extent.get("cy", 0)) if extent is not None else 0
        if cx > 0 and cy > 0:
            out.append(Picture(number=number, data=part.blob, ext=ext, cx=cx, cy=cy))
    return out


class WordNumbering:
    """The numbers Word prints in front of paragraphs numbered automatically (w:numPr on the
    paragraph or its style): numbering.xml's levels — format, level text, start, start
    overrides, restarts — counted through the document as Word counts them, so a draft whose
    headings are list levels keeps 一、（一）1.（1） in its text."""

    def __init__(self, document):
        from docx.oxml.ns import qn

        self.q = qn
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            root = None
        self.abstract = {a.get(qn("w:abstractNumId")): a for a in (
            root.findall(qn("w:abstractNum")) if root is not None else [])}
        self.nums = {n.get(qn("w:numId")): n for n in (
            root.findall(qn("w:num")) if root is not None else [])}
        self.styles = {s.get(qn("w:styleId")): s for s in
                       document.styles.element.findall(qn("w:style"))}
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()

    def _val(self, el, path: str, default=None):
        found = el.find(path) if el is not None else None
        return found.get(self.q("w:val")) if found is not None else default

    def _num_pr(self, p):
        q = self.q
        num_id = self._val(p, f"{q('w:pPr')}/{q('w:numPr')}/{q('w:numId')}")
        ilvl = self._val(p, f"{q('w:pPr')}/{q('w:numPr')}/{q('w:ilvl')}")
        style_id, seen = self._val(p, f"{q('w:pPr')}/{q('w:pStyle')}"), set()
        while num_id is None and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            num_id = self._val(style, f"{q('w:pPr')}/{q('w:numPr')}/{q('w:numId')}")
            ilvl = ilvl or self._val(style, f"{q('w:pPr')}/{q('w:numPr')}/{q('w:ilvl')}")
            style_id = self._val(style, q("w:basedOn"))
        return num_id, int(ilvl or 0)

    def _level(self, num, ilvl: int):
        q = self.q
        abstract = self.abstract.get(self._val(num, q("w:abstractNumId")))
        for override in num.findall(q("w:lvlOverride")):
            if override.get(q("w:ilvl")) == str(ilvl) and override.find(q("w:lvl")) is not None:
                return abstract, override.find(q("w:lvl"))
        lvl = next((x for x in (abstract.findall(q("w:lvl")) if abstract is not None else [])
                    if x.get(q("w:ilvl")) == str(ilvl)), None)
        return abstract, lvl

    def label(self, p, text: str) -> str:
        """The number Word shows before p ('' when none); counts it."""
        q = self.q
        num_id, ilvl = self._num_pr(p)
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            return ""
        abstract, lvl = self._level(num, ilvl)
        if lvl is None:
            return ""
        key = self._val(num, q("w:abstractNumId"))
        counts = self.counters.setdefault(key, {})
        if num_id not in self.started:      # a num with a start override restarts the list
            self.started.add(num_id)
            for override in num.findall(q("w:lvlOverride")):
                start = self._val(override, q("w:startOverride"))
                if start is not None:
                    counts[int(override.get(q("w:ilvl")))] = int(start) - 1
        start = int(self._val(lvl, q("w:start"), 1))
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [d for d in counts if d > ilvl]:
            _, dl = self._level(num, deeper)
            restart = self._val(dl, q("w:lvlRestart"))
            if restart is None or (restart != "0" and ilvl + 1 <= int(restart)):
                del counts[deeper]
        pattern = self._val(lvl, q("w:lvlText"), "")
        if self._val(lvl, q("w:numFmt"), "decimal") in ("bullet", "none") or not pattern:
            return ""

        def number(m) -> str:
            at = int(m[1]) - 1
            _, level = self._level(num, at)
            start_at = int(self._val(level, q("w:start"), 1)) if level is not None else 1
            return _format_number(counts.get(at, start_at), self._val(level, q("w:numFmt"), "decimal"))

        return re.sub(r"%([1-9])", number, pattern)


_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _format_number(n: int, fmt: str) -> str:
    """n in a numbering.xml w:numFmt."""
    if fmt.startswith(("chinese", "ideographDigital", "taiwanese", "japaneseCounting")):
        return cn_number(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _TIANGAN[n - 1]
    if fmt.startswith("decimalEnclosedCircle") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += sym
            n -= value
    return out


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


# -- 版记 and 附注 lines typed anywhere ------------------------------------------------------

_CC_LINE = re.compile(r"^抄\s*送\s*[：:]\s*(.+?)[。.]?$")
_PRINTED_LINE = re.compile(r"^(?:(.+?)[\s\u3000]+)?(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*印\s*发$")
_NOTE_LINE = re.compile(r"^[（(]\s*((?:此件|本件|联系人|联系电话|电话)[^（）()]*)[）)]$")
_CONTACT_LINE = re.compile(r"^(?:联\s*系\s*人|联系电话)\s*[：:].+$")


def _record_lines(items: list[Line | Grid], facts: dict[str, tuple[int, str]]) -> None:
    """Take the lines GB/T 9704 puts in the 版记 or the 附注 out of the text, wherever they
    were typed (a secretary often types 抄送 at the very end): 抄送：… → 抄送机关;
    「××办公室　2022年3月1日印发」 → 印发机关 and 印发日期; （此件公开发布）, （联系人：…） and a
    bare 联系人：… line → 附注 (§7.3.7). A fact given in the key/value block wins."""
    notes = []
    keep = []
    for it in items:
        text = it.text.strip() if isinstance(it, Line) else ""
        cc = _CC_LINE.match(text)
        printed = _PRINTED_LINE.match(text)
        note = _NOTE_LINE.match(text)
        if cc:
            facts.setdefault("抄送机关", (it.number, cc[1].strip()))
        elif printed:
            if printed[1]:
                facts.setdefault("印发机关", (it.number, printed[1].strip()))
            facts.setdefault("印发日期", (it.number, printed[2].replace(" ", "")))
        elif note or _CONTACT_LINE.match(text):
            notes.append((it.number, note[1].strip() if note else text))
        else:
            keep.append(it)
    if notes and "附注" not in facts:
        facts["附注"] = (notes[0][0], "".join(f"（{n}）" for _, n in notes))
    items[:] = keep


# -- mending lines broken by a PDF ---------------------------------------------------------


def mend_lines(items: list[Line | Grid]) -> list[Line | Grid]:
    """Join a paragraph that a page break cut mid-sentence with the next one: it is prose
    (it has a comma or a full stop in it) and fills a printed line, ends without closing
    punctuation, a blank line follows it, and the next line is not a heading nor either of
    them a 领导小组 list's role line. Lines that follow each other without a blank line (a
    roster, a list) are left as they are."""
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
    if ROSTER_ROLE.match(prev.text) or ROSTER_ROLE.match(nxt.text):
        return False      # 「组长：…主任、书记」 then 「成员：…」: a list's lines, not a cut sentence
    return not nxt.text.startswith(("附件", "第"))
