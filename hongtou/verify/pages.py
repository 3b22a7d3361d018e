"""Rules a reviewer checks on the printed pages (issue 12), measured on the PDF LibreOffice
made, with the .docx telling what each line is (body, heading, 附件说明, 署名, table cell):

* the page with the 署名 holds 正文 (a 附件说明, 附注, the title or 主送 do not count), and the
  成文日期 never stands alone on a page;
* no page shows nothing but its page number;
* no heading is the last line of a page;
* no short word (a name, status, date, department) is broken inside a table cell;
* the 印发日期 ends 1 字 inside the block's right edge (§7.4.3);
* a title of several lines breaks between words (§7.3.1);
* the 版记 renders, on the last page.

Positions the standard gives for ink (the page number's dash, the 信函 mark) are measured on
the rendered glyphs, not on their em boxes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..layout import gbt9704 as g
from ..layout.package import CONTACT_RE  # a letter's 「联系人：…」 over its 署名: not 正文
from .base import Docx
from .effective import _w
from .xmlrules import _body, _is_record, header_zone, is_letter

MM_PER_PT = 25.4 / 72
EMU_PER_PT = 12700
BLOCK_TOP = g.MARGIN_TOP / EMU_PER_PT
BLOCK_BOTTOM = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / EMU_PER_PT
PAGE_NUMBER_RE = re.compile(r"^[\s\-—–－]*\d+[\s\-—–－]*$")
DATE_RE = re.compile(r"(\d{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月.{1,3}日")
HEADING_RE = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）)")
ATTACH_ITEM_RE = re.compile(r"^(附件[：:]?)?\s*\d+\s*[.．、]")
NOTE_RE = re.compile(r"^[（(].*[）)]$")


def ink(page, rect, dpi: int = 600):
    """(top, bottom) in points of the dark pixels inside rect, or None if it holds no ink."""
    import pymupdf

    pix = page.get_pixmap(clip=rect, dpi=dpi, colorspace=pymupdf.csGRAY)
    data, stride, w = pix.samples, pix.stride, pix.width
    rows = [y for y in range(pix.height) if min(data[y * stride:y * stride + w], default=255) < 160]
    if not rows:
        return None
    scale = rect.height / pix.height
    return rect.y0 + rows[0] * scale, rect.y0 + (rows[-1] + 1) * scale


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@dataclass
class Line:
    page: int
    y0: float
    y1: float
    x0: float
    x1: float
    text: str
    size: float
    chars: list


def is_page_number(page, text: str, bbox) -> bool:
    """A line of nothing but a number and dashes, outside the block where page numbers go:
    under it on a portrait page, left of it (set vertically) on a landscape one. A number in
    the block — a table's 100, a 序号 — is text."""
    if not PAGE_NUMBER_RE.match(text):
        return False
    margin = g.MARGIN_BOTTOM / EMU_PER_PT
    if page.rect.height > page.rect.width:
        return bbox[1] >= page.rect.height - margin
    return bbox[2] <= margin


def lines_of(doc) -> list[list[Line]]:
    """Every text line of every page, top to bottom, page numbers left out."""
    pages = []
    for n, page in enumerate(doc):
        out = []
        for b in page.get_text("rawdict")["blocks"]:
            for ln in b.get("lines", []):
                chars = [c for s in ln["spans"] for c in s["chars"]]
                text = "".join(c["c"] for c in chars)
                if not text.strip() or is_page_number(page, text, ln["bbox"]):
                    continue
                size = max(s["size"] for s in ln["spans"])
                x0, y0, x1, y1 = ln["bbox"]
                out.append(Line(n, y0, y1, x0, x1, text, size, chars))
        out.sort(key=lambda ln: (round(ln.y0), ln.x0))
        pages.append(out)
    return pages


# -- what the .docx says each paragraph is ------------------------------------------------


def text_with_breaks(p) -> str:
    out = []
    for el in p.iter(_w("t"), _w("br"), _w("tab")):
        out.append(el.text or "" if el.tag == _w("t") else "\n" if el.tag == _w("br") else " ")
    return "".join(out)


@dataclass
class Roles:
    date: str | None
    not_body: list          # squashed texts of title, 主送, 附件说明, 附注, 署名
    headings: list          # squashed texts of headings standing alone
    title: list             # the title's text with its explicit breaks
    cells: list             # texts of table cells
    record: bool            # the document has a 版记
    heads: set = frozenset()  # squashed texts of the cells of header rows (repeated on each
                              # page a table runs onto: not 正文 there)


def roles(d) -> Roles:
    zone = header_zone(d)
    body = _body(d)
    texts = [Docx.text(p).strip() for p in body]
    date_i = next((i for i, t in enumerate(texts) if DATE_RE.fullmatch(t)), None)
    not_body = [squash(Docx.text(p)) for p in zone.titles]
    if body and texts[0].endswith(("：", ":")):
        not_body.append(squash(texts[0]))                     # 主送
    if date_i is not None:
        i = date_i - 1
        while i >= 0 and len(texts[i]) <= 30 and not texts[i].endswith(("。", "；", "：")) \
                and not ATTACH_ITEM_RE.match(texts[i]) and not NOTE_RE.match(texts[i]) \
                and not CONTACT_RE.match(texts[i]):
            not_body.append(squash(texts[i]))                 # 署名 (one or more organs)
            i -= 1
        while i >= 0 and (ATTACH_ITEM_RE.match(texts[i]) or texts[i].startswith("附件")
                          or NOTE_RE.match(texts[i]) or CONTACT_RE.match(texts[i])):
            not_body.append(squash(texts[i]))                 # 附件说明, 附注, a 联系人 line
            i -= 1
    headings = [squash(t) for i, t in enumerate(texts) if HEADING_RE.match(t) and len(t) <= 28
                and not t.endswith(("。", "；", ";")) and i + 1 < len(texts)
                and squash(t) not in not_body and (date_i is None or i < date_i)]
    cells, heads = [], set()
    for tbl in d.document.iter(_w("tbl")):
        for tr in tbl.iterfind(_w("tr")):
            if tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None:
                heads |= {squash(Docx.text(p)) for p in tr.iter(_w("p"))} - {""}
        columns: dict[int, list[str]] = {}
        for tr in tbl.iterfind(_w("tr")):
            for i, tc in enumerate(tr.iterfind(_w("tc"))):
                columns.setdefault(i, []).append(
                    "\n".join(Docx.text(p) for p in tc.iter(_w("p"))).strip())
        for texts_ in columns.values():
            head, rows = texts_[0], texts_[1:]
            cells.append(head)                                # header words
            if all(_short_words(t) for t in rows):            # a column of names, dates …
                cells.extend(rows)                            # (running text may wrap)
    record = any(_is_record(Docx.text(p)) and "印发" in Docx.text(p) for p in d.paragraphs())
    return Roles(texts[date_i] if date_i is not None else None, not_body, headings,
                 [text_with_breaks(p) for p in zone.titles], cells, record, heads)


# -- the rules -----------------------------------------------------------------------------


def check_pages(d, doc, Check) -> list:
    """Every page's rules; those of the 主体 and 版记 (§7.3, §7.4) for an official document
    (one with a 版头 or a 信函 mark)."""
    r = roles(d)
    pages = lines_of(doc)
    out = _blank_pages(doc, pages, Check) + _stranded_headings(r, pages, Check) \
        + _broken_cells(r, pages, Check)
    # a 署名 and 成文日期 or a 版记 make a 公文 whether or not it has a 版头 (typeset --plain)
    out += _signature_page(r, pages, Check) + _record(r, doc, pages, Check)
    if header_zone(d).mark is not None or is_letter(d):
        out += _title_breaks(r, pages, Check)
    return out


def _in_body(ln: Line, not_body: list) -> bool:
    t = squash(ln.text)
    return bool(t) and not any(t in nb for nb in not_body)


def _signature_page(r: Roles, pages, Check) -> list:
    if r.date is None:
        return []
    want = squash(r.date)
    found = [(n, ln) for n, lines in enumerate(pages) for ln in lines if squash(ln.text) == want]
    if not found:
        return []
    n, date = found[0]
    above = [ln for ln in pages[n] if ln.y1 <= date.y0 + 1]
    # a table's header row repeated over the page is not 正文; its rows are
    body = [ln for ln in above if _in_body(ln, r.not_body) and squash(ln.text) not in r.heads]
    out = [Check("§7.3.5", "署名页有正文", "署名所在页至少有一行正文（附件说明、重复的表头不算）",
                 f"第{n + 1}页有正文" if body else f"第{n + 1}页无正文", bool(body))]
    alone = not above
    out.append(Check("§7.3.5", "成文日期不单独成页", "与署名同页",
                     f"第{n + 1}页只有成文日期" if alone else "与署名同页", not alone))
    return out


def _blank_pages(doc, pages, Check) -> list:
    blank = [n + 1 for n, (page, lines) in enumerate(zip(doc, pages))
             if not lines and not page.get_images() and not [
                 dr for dr in page.get_drawings() if dr["rect"].width > 20]]
    return [Check("§7.5", "无空白页（只有页码的页）", "每页都有内容",
                  "第" + "、".join(map(str, blank)) + "页只有页码" if blank else "无", not blank)]


def _stranded_headings(r: Roles, pages, Check) -> list:
    if not r.headings:
        return []
    heads = set(r.headings)
    stranded = []
    for n, lines in enumerate(pages[:-1]):
        inside = [ln for ln in lines if ln.y1 < BLOCK_BOTTOM + 2]
        if inside and squash(inside[-1].text) in heads:
            stranded.append(f"第{n + 1}页「{inside[-1].text.strip()}」")
    return [Check("§7.3.3", "标题不在页面最后一行", "各级标题与其后正文同页",
                  "；".join(stranded) if stranded else "无", not stranded)]


TOKEN_SPLIT = re.compile(r"[、，,；;\s/／]|至")


def _short_words(cell: str) -> bool:
    """A cell of short words (names, statuses, dates, departments), not running text."""
    return len(cell) <= 24 and not re.search("[，。；：！？]", cell) and all(
        len(t) <= 10 for t in TOKEN_SPLIT.split(cell) if t)


def _broken_cells(r: Roles, pages, Check) -> list:
    """Short words in short cells — names, statuses, dates, departments, 序号 and header
    words — each printed on one line."""
    want: dict[str, int] = {}
    for cell in r.cells:
        if not cell or not _short_words(cell):
            continue
        tokens = [t for t in TOKEN_SPLIT.split(cell) if t]
        if tokens:
            for t in tokens:
                if len(t) >= 2:
                    want[t] = want.get(t, 0) + 1
    if not want:
        return []
    printed = [squash(ln.text) for lines in pages for ln in lines]
    broken = [t for t, n in want.items() if sum(line.count(t) for line in printed) < n]
    return [Check("表格", "表格单元格内词语不断开", "人名、状态、日期、部门名等不跨行",
                  "断开：" + "、".join(broken[:8]) + ("等" if len(broken) > 8 else "")
                  if broken else "无", not broken)]


def _record(r: Roles, doc, pages, Check) -> list:
    if not r.record:
        return []
    where = [n for n, lines in enumerate(pages) for ln in lines
             if "印发" in ln.text and DATE_RE.search(squash(ln.text))]
    last = len(pages) - 1
    out = [Check("§7.4", "版记排在末页", f"第{last + 1}页（末页）",
                 "未显示" if not where else f"第{where[-1] + 1}页",
                 bool(where) and where[-1] == last)]
    if not where:
        return out
    page = doc[where[-1]]
    if page.rect.width > page.rect.height:
        return out
    line = next(ln for ln in pages[where[-1]]
                if "印发" in ln.text and DATE_RE.search(squash(ln.text)))
    end = line.chars[-1]["bbox"][2] if line.chars else line.x1
    for c in reversed(line.chars):
        if c["c"].strip():
            end = c["bbox"][2]
            break
    want = (g.MARGIN_LEFT + g.BLOCK_WIDTH - g.ZI) / EMU_PER_PT * MM_PER_PT
    got = end * MM_PER_PT
    out.append(Check("§7.4.3", "印发日期右空一字", f"右端距页面左边 {want:.1f} mm ± 1",
                     f"{got:.1f} mm", abs(got - want) <= 1))
    return out


# an automatic wrap keeps words whole where the title model (rules.titles) would break, or
# after a particle or conjunction
BREAK_AFTER = "的和与及暨于"


def _title_breaks(r: Roles, pages, Check) -> list:
    if not r.title or not pages:
        return []
    explicit = [squash(seg) for seg in "\n".join(r.title).split("\n") if squash(seg)]
    whole = "".join(explicit)
    page = next((lines for lines in pages if whole[:4] and any(
        whole.startswith(squash(ln.text)[:4]) for ln in lines)), None)
    if page is None:
        return []
    start = next((i for i, ln in enumerate(page)
                  if squash(ln.text) and whole.startswith(squash(ln.text))), None)
    if start is None:
        return []
    rendered, got = [], ""
    for ln in page[start:]:
        t = squash(ln.text)
        if not t or not whole.startswith(got + t):
            break
        rendered.append(t)
        got += t
        if got == whole:
            break
    ends = set()
    acc = ""
    for seg in explicit[:-1]:
        acc += seg
        ends.add(len(acc))
    from ..rules.titles import break_points

    points = set(break_points(whole))
    bad = []
    acc = 0
    for t in rendered[:-1]:
        acc += len(t)
        if acc in ends or acc in points or whole[acc - 1] in BREAK_AFTER:
            continue
        bad.append(f"{whole[max(0, acc - 3):acc]}/{whole[acc:acc + 3]}")
    return [Check("§7.3.1", "标题回行词意完整", "在词间回行，不拆开词语",
                  f"{len(rendered)} 行" + ("，自动回行于 " + "、".join(bad) if bad else ""),
                  not bad)]
