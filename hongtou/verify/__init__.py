"""GB/T 9704 self-check of any .docx — ours or one typed by hand.

Each rule yields a `Check` (clause, what is expected, what was measured, pass/fail). The XML
checks read what Word will lay out — the formatting text actually has (`effective`), the 版头
found by position and red rules however drawn (`drawn`); `render=True` also converts with
LibreOffice (one call for all files) and measures the printed pages: mark position, red line,
page numbers on ink, the 版记, and the page rules of `pages` (signature page, blank pages,
stranded headings, broken table words, 印发日期, title breaks). `--render` needs PyMuPDF (the
`render` extra).
"""

from __future__ import annotations

import math
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..layout import gbt9704 as g
from ..layout.styles import SIGNATURE
from .drawn import red_rule_at
from .effective import NS, Formatting, _in_box as _boxed, _w, face_kind, is_red, majority

MM_PER_TWIP = 25.4 / 1440
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Check:
    clause: str
    rule: str
    expected: str
    measured: str
    ok: bool

    def line(self) -> str:
        mark = "通过" if self.ok else "不符"
        return f"[{mark}] {self.clause} {self.rule}：应为 {self.expected}，实测 {self.measured}"


def _mm(twips: str | int | None) -> float:
    return int(twips or 0) * MM_PER_TWIP


def _within(value: float, target: float, tol: float) -> bool:
    return abs(value - target) <= tol


class Docx:
    """The parts of a .docx that the rules read."""

    def __init__(self, path: Path):
        try:
            self._load(path)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise ValueError(f"{path} 不是有效的 Word 文档（{exc}）") from exc

    def _load(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            self.document = etree.fromstring(zf.read("word/document.xml"))
            self.styles = etree.fromstring(zf.read("word/styles.xml")) \
                if "word/styles.xml" in names else None
            self.settings = etree.fromstring(zf.read("word/settings.xml")) \
                if "word/settings.xml" in names else None
            rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
            self.footers, self.headers, self.media = {}, {}, {}
            theme = None
            for rel in rels:
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                name = "word/" + (rel.get("Target") or "").lstrip("/").removeprefix("word/")
                if name not in names:
                    continue
                if kind in ("footer", "header"):
                    part = etree.fromstring(zf.read(name))
                    (self.footers if kind == "footer" else self.headers)[rel.get("Id")] = part
                elif kind == "theme":
                    theme = etree.fromstring(zf.read(name))
                elif kind == "image":
                    self.media[rel.get("Id")] = zf.read(name)
            self.raw = {n: zf.read(n) for n in names if n.endswith(".xml")}
        self.fmt = Formatting(self.styles, theme)

    def image_colour(self, rid: str | None) -> str | None:
        """The colour at the middle of an embedded picture (a picture of a line), when
        PyMuPDF is there to decode it."""
        try:
            import pymupdf
            pix = pymupdf.Pixmap(self.media[rid])
        except Exception:      # no PyMuPDF, no such picture, or a format it cannot read
            return None
        r, gr, b = pix.pixel(pix.width // 2, pix.height // 2)[:3]
        return f"{r:02X}{gr:02X}{b:02X}"

    def first_run(self, p):
        return next((r for r, _ in self.fmt.runs(p)), None)

    def colour(self, p) -> str:
        """The colour a paragraph's text prints in (its first run's, as resolved)."""
        return self.fmt.colour(p, self.first_run(p))

    def size(self, p) -> int | None:
        return self.fmt.size(p, self.first_run(p))

    def paragraphs(self):
        return self.document.iter(_w("p"))

    @staticmethod
    def text(p) -> str:
        """The paragraph's own text (not that of a text box anchored in it)."""
        return "".join(t.text or "" for t in p.iter(_w("t")) if not _boxed(t, p))


def _attr(el, path: str, attr: str) -> str | None:
    found = el.find(path, NS) if el is not None else None
    return found.get(_w(attr)) if found is not None else None


def check_page(d: Docx) -> list[Check]:
    out = []
    for n, sect in enumerate(d.document.iter(_w("sectPr")), 1):
        w, h = int(_attr(sect, "w:pgSz", "w") or 0), int(_attr(sect, "w:pgSz", "h") or 0)
        landscape = w > h
        size = f"{_mm(w):.0f}×{_mm(h):.0f} mm"
        out.append(Check("§5.1", f"第{n}节纸张", "A4（210×297 mm）", size,
                         {round(_mm(w)), round(_mm(h))} == {210, 297}))
        mar = sect.find("w:pgMar", NS)
        if mar is None:
            continue
        top, left = _mm(mar.get(_w("top"))), _mm(mar.get(_w("left")))
        right, bottom = _mm(mar.get(_w("right"))), _mm(mar.get(_w("bottom")))
        if landscape:  # the portrait block turned: 订口 on top, 天头 on the left
            out.append(Check("§5.2", f"第{n}节（横向）版心", "225×156 mm",
                             f"{_mm(w) - left - right:.1f}×{_mm(h) - top - bottom:.1f} mm",
                             _within(_mm(w) - left - right, 225, 1)
                             and _within(_mm(h) - top - bottom, 156, 1)))
            continue
        out.append(Check("§5.2.1", f"第{n}节天头（上白边）", "37 mm ± 1", f"{top:.1f} mm",
                         _within(top, 37, 1)))
        out.append(Check("§5.2.1", f"第{n}节订口（左白边）", "28 mm ± 1", f"{left:.1f} mm",
                         _within(left, 28, 1)))
        out.append(Check("§5.2.2", f"第{n}节版心", "156×225 mm",
                         f"{_mm(w) - left - right:.1f}×{_mm(h) - top - bottom:.1f} mm",
                         _within(_mm(w) - left - right, 156, 1)
                         and _within(_mm(h) - top - bottom, 225, 1)))
    return out


def _body(d: Docx) -> list:
    """The paragraphs of the 主体 that carry text: after the title (or after the 版头 when
    there is no title), outside tables, text boxes and the 版记."""
    paras = [p for p in d.paragraphs() if Docx.text(p).strip()
             and not any(a.tag in (_w("tbl"), _w("txbxContent")) for a in p.iterancestors())]
    zone = header_zone(d)
    title = next((i for i, p in enumerate(paras) if p in zone.titles), None)
    start = title + 1 if title is not None else len([p for p in paras if p in zone.paras])
    body = [p for p in paras[start:] if not _is_record(Docx.text(p))]
    # nothing after the title (a title over a table): the body is what is left, never the
    # title or the 版头 (a 22 pt 小标宋 title is no body text)
    return body or [p for p in paras if p not in zone.titles and p not in zone.paras]


def _is_record(text: str) -> bool:
    text = text.strip()
    return text.startswith(("抄送", "印发")) or bool(re.search(r"\S\s*\d{4}年\d{1,2}月\d{1,2}日印发$", text))


_BLOCK_PT = g.BLOCK_HEIGHT / 12700
# §5.2.3 一般每面排22行: a fixed pitch p with 22 ≤ block / p < 23 (28 pt, as many tools set it,
# up to 28.99 pt, which fills the block)
PITCHES = (math.floor(_BLOCK_PT / (g.LINES_PER_PAGE + 1) * 100 + 1) / 100,
           math.floor(_BLOCK_PT / g.LINES_PER_PAGE * 100) / 100)


def check_fonts(d: Docx) -> list[Check]:
    """Judged on what the body text prints in: every run resolved (direct → character style →
    paragraph style chain → defaults → theme), the value most characters have."""
    faces, sizes, pitches, themed = {}, {}, {}, 0
    fmt = d.fmt
    for p in _body(d):
        n = 0
        for r, text in fmt.runs(p):
            face, from_theme = fmt.east_asia(p, r)
            weight = len(text.strip())
            n += weight
            faces[face] = faces.get(face, 0) + weight
            size = fmt.size(p, r)
            sizes[size] = sizes.get(size, 0) + weight
            themed += weight if from_theme else 0
        line, rule = fmt.spacing(p)
        pitches[(line, rule)] = pitches.get((line, rule), 0) + n
    if not faces:   # no body text: what a paragraph typed now would get
        p = etree.Element(_w("p"))
        faces[fmt.east_asia(p)[0]] = sizes[fmt.size(p)] = pitches[fmt.spacing(p)] = 1
        themed = int(fmt.east_asia(p)[1])
    out = [Check("字体", "不使用主题字体（w:eastAsiaTheme 会覆盖仿宋等中文字体）", "无",
                 f"有（{themed} 字）" if themed else "无", not themed)]
    face = majority(faces)[0]
    out.append(Check("§5.2.4", "正文字体（w:eastAsia）", "仿宋", face or "未设置",
                     face_kind(face) == "仿宋"))
    size = majority(sizes)[0]
    out.append(Check("§5.2.4", "正文字号", "3号（16 pt）",
                     f"{size / 2:g} pt" if size else "未设置", size == 32))
    line, rule = majority(pitches)[0]
    pitch = int(line) / 20 if line and rule == "exact" else None
    lo, hi = PITCHES        # every fixed pitch that puts exactly 22 lines on the block
    out.append(Check("§5.2.3", "正文行距（每页 22 行）", f"固定值 {lo:.2f}–{hi:.2f} pt",
                     f"{pitch:g} pt" if pitch else "非固定值", bool(pitch and lo <= pitch <= hi)))
    return out


PROSE_ENDS = ("。", "；", "！", "？", "：", "”", "）")


def check_indent(d: Docx) -> list[Check]:
    """§7.3.3: each paragraph of the 正文 starts 2 字 in — by indent or by two typed full-width
    spaces — judged on what most characters of its prose have (paragraphs that end a sentence;
    headings, names of attachments, rosters, the 主送 and right-aligned lines left out, and a
    paragraph that goes on from one that ended mid-sentence: the line a paginator carried over
    to the 署名's page starts flush left, being the same paragraph)."""
    fmt = d.fmt
    indents: dict[float, int] = {}
    before = "。"
    for i, p in enumerate(_body(d)):
        text = Docx.text(p)
        goes_on = bool(before.strip()) and not before.rstrip().endswith(PROSE_ENDS)
        before = text
        if fmt.jc(p) in ("center", "right", "end") or not text.rstrip().endswith(PROSE_ENDS) \
                or (i == 0 and text.strip().endswith(("：", ":"))) or goes_on:
            continue
        size = (fmt.size(p, d.first_run(p)) or 32) / 2
        typed = len(text) - len(text.lstrip("\u3000")) + (len(text) - len(text.lstrip(" "))) / 2
        zi = round(fmt.first_indent(p, size) / size + typed, 1)
        indents[zi] = indents.get(zi, 0) + len(text.strip())
    if not indents:
        return []
    zi = majority(indents)[0]
    return [Check("§7.3.3", "正文每段左空二字", "首行缩进 2 字", f"{zi:g} 字", 1.5 <= zi <= 2.5)]


NUMBER_RE = re.compile(r"\d{2,4}\s*[〕\])）】]\s*第?\s*\d+\s*号")
TITLE_SIZES = range(40, 49)       # half-points: 20–24 pt, a 2号 title and what passes for one


@dataclass
class Zone:
    """The 版头 as found by position: the paragraphs above the title that follows the first
    red rule (or above the first title, or down to the red rule when there is no title)."""
    paras: list
    titles: list
    red_rule: bool
    mark: object = None
    number: object = None


def _title_run(d: Docx, paras: list, start: int) -> list:
    for i in range(start, len(paras)):
        p = paras[i]
        if d.size(p) in TITLE_SIZES and not is_red(d.colour(p)):
            run = [p]
            for q in paras[i + 1:]:
                if d.size(q) not in TITLE_SIZES or is_red(d.colour(q)):
                    break
                run.append(q)
            return run
    return []


def header_zone(d: Docx) -> Zone:
    cached = getattr(d, "_zone", None)
    if cached is not None:
        return cached
    every = list(d.paragraphs())
    order = {id(p): i for i, p in enumerate(every)}
    paras = [p for p in every if Docx.text(p).strip()]
    rule = red_rule_at(every, d.image_colour)
    after = 0 if rule is None else next(
        (i for i, p in enumerate(paras) if order[id(p)] > rule), len(paras))
    titles = _title_run(d, paras, after)
    if titles:
        zone = paras[:paras.index(titles[0])]
    elif rule is not None:
        tbl = next(every[rule].iterancestors(_w("tbl")), None)
        last = max([order[id(q)] for q in tbl.iter(_w("p"))] if tbl is not None else [rule])
        zone = [p for p in paras if order[id(p)] <= last]
    else:
        top = paras[:8]
        numbered = [i for i, p in enumerate(top) if NUMBER_RE.search(Docx.text(p))]
        zone = top[:numbered[0] + 1] if numbered else paras[:4]
    number = next((p for p in zone if NUMBER_RE.search(Docx.text(p))), None)
    red = [p for p in zone if is_red(d.colour(p))]
    if red:
        mark = red[0]
    elif number is not None or rule is not None:   # the largest text above the 文号
        above = zone[: zone.index(number)] if number is not None else zone
        mark = max(above or zone[:1], key=lambda p: d.size(p) or 0, default=None)
    else:
        mark = None
    d._zone = Zone(zone, titles, rule is not None, mark, number)
    return d._zone


def check_head(d: Docx) -> list[Check]:
    """版头 and 主体 rules for a red-header document: one whose 版头 (found by position) has
    red text, a red rule, or a 发文字号 (then a mark that is not red fails §7.2.4)."""
    paras = [p for p in d.paragraphs() if Docx.text(p).strip()]
    zone = header_zone(d)
    mark = zone.mark
    if mark is None:
        return []
    out = []
    colour = d.colour(mark)
    out.append(Check("§7.2.4", "发文机关标志颜色", "红色", "红色" if is_red(colour)
                     else f"{Docx.text(mark).strip()[:12]}（颜色 {colour}）", is_red(colour)))
    table = next(mark.iterancestors(_w("tbl")), None)
    if table is not None:   # a joint issue's names and 文件 in a table: the table is centred
        align = _attr(table, "w:tblPr/w:jc", "val")
    else:
        align = d.fmt.jc(mark)
    out.append(Check("§7.2.4", "发文机关标志居中", "居中", align or "左对齐", align == "center"))
    if zone.number is not None:
        number = Docx.text(zone.number)
        ok = bool(re.search(r"〔\d{4}〕[1-9]\d*号", number)) and not re.search(r"[\[\]()（）【】]|第", number)
        out.append(Check("§7.2.5", "发文字号", "年份用六角括号〔〕、序号不编虚位不加第，如 六工党〔2022〕7号",
                         number.strip(), ok))
    minutes = Docx.text(mark).strip().endswith(g.MINUTES_SUFFIX)
    if minutes:     # 纪要格式: neither 文号 nor red line is required (§10.3)
        out.append(Check("§10.3", "纪要标志", "「×××纪要」红色、居中、上边缘距版心上边缘 35 mm",
                         Docx.text(mark).strip(), True))
        out += check_attendance(d, paras)
    elif _is_order(Docx.text(mark)):   # 命令（令）格式: a 令号 under the mark, no red line (§10.2)
        out.append(Check("§10.2", "命令格式发文机关标志", "「×××命令」或「×××令」红色、居中",
                         Docx.text(mark).strip(), True))
    else:
        out.append(Check("§7.2.6", "版头中的红色分隔线", "有", "有" if zone.red_rule else "无",
                         zone.red_rule))
    out += check_main(d, paras)
    record = [b for p in d.paragraphs() if "印发" in Docx.text(p) for b in _borders_near(p)]
    if record:
        black = all((b.get(_w("color")) or "000000").upper() in ("000000", "AUTO") for b in record)
        out.append(Check("§7.4.1", "版记分隔线颜色", "黑色", "黑色" if black else "红色或其他", black))
    return out


def check_attendance(d: Docx, paras) -> list[Check]:
    """纪要 (§10.3): 出席、请假、列席 labels in 3号黑体 with a full-width colon."""
    out = []
    for p in paras:
        text = Docx.text(p).strip()
        label = next((lb for lb in g.ATTENDANCE_LABELS if text.startswith(lb)), None)
        if label is None or len(text) <= len(label) or text[len(label)] not in "：:":
            continue
        face = d.fmt.east_asia(p, d.first_run(p))[0]
        ok = text[len(label)] == "：" and face_kind(face) == "黑体"
        out.append(Check("§10.3", f"{label}人员标注", f"「{label}：」3号黑体、全角冒号",
                         f"{text[:len(label) + 1]} {face or '未设置字体'}", ok))
    return out




def check_signature_kept(d: Docx) -> list[Check]:
    """§7.3.5: the 署名 never stands alone on a page — the paragraph before it (text, 附件说明
    or 联系人) keeps with it. Only for a 署名 in hongtou's style, which marks it."""
    out = []
    for p in d.paragraphs():
        if _attr(p, "w:pPr/w:pStyle", "val") != SIGNATURE:    # hongtou's 署名 style
            continue
        before = p.getprevious()
        if before is None or before.tag != _w("p"):
            continue
        kept = d.fmt.keep_next(before)
        out.append(Check("§7.3.5", "署名不单独成页（前一段与署名同页）", "前一段「与下段同页」",
                         "是" if kept else f"否（{Docx.text(before).strip()[:12]}）", kept))
    return out


def check_main(d: Docx, paras) -> list[Check]:
    """主体 rules any official document shares: title size, 成文日期 form (§7.3)."""
    out = check_signature_kept(d) + check_indent(d)
    titles = [p for p in paras if d.size(p) == 44]
    out.append(Check("§7.3.1", "标题字号", "2号（22 pt）",
                     "有" if titles else "未找到 22 pt 的标题", bool(titles)))
    dates = [Docx.text(p).strip() for p in paras
             if re.fullmatch(r"\s*(\d{4}|[〇○零一二三四五六七八九]{4})年.{1,3}月.{1,3}日\s*", Docx.text(p))]
    for text in dates[:1]:
        ok = bool(re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", text))
        out.append(Check("§7.3.5", "成文日期", "阿拉伯数字、不编虚位，如 2022年2月15日", text, ok))
    return out


def _borders_near(p):
    """Borders of the 印发 paragraph, or of every cell of the table that holds it (the 版记
    lines are that table's cell borders, the first one on the 抄送 cell)."""
    yield from (b for b in p.iter(_w("top"), _w("bottom")) if b.getparent().tag == _w("pBdr"))
    tbl = next((a for a in p.iterancestors(_w("tbl"))), None)
    if tbl is not None:
        yield from (b for b in tbl.iter(_w("top"), _w("bottom"))
                    if b.getparent().tag == _w("tcBorders"))


def check_page_numbers(d: Docx) -> list[Check]:
    out = []
    even_odd = d.settings is not None and d.settings.find("w:evenAndOddHeaders", NS) is not None
    out.append(Check("§7.5", "单双页页码分设（evenAndOddHeaders）", "开启", "开启" if even_odd else "未开启",
                     even_odd))
    sect = next(iter(d.document.iter(_w("sectPr"))), None)
    footers = _footers(d, sect) if sect is not None else {}
    for kind, side, want in (("default", "单页", "right"), ("even", "双页", "left")):
        footer = footers.get(kind)
        if footer is None:
            out.append(Check("§7.5", f"{side}页码", "有页码", "无页脚", False))
            continue
        has_page = _has_page(footer)
        text = "".join(t.text or "" for t in footer.iter(_w("t")))
        jc = next((j.get(_w("val")) for j in footer.iter(_w("jc"))), "left")
        ok = has_page and jc == want and "—" in text
        out.append(Check("§7.5", f"{side}页码", f"「— N —」、{'居右' if want == 'right' else '居左'}空一字",
                         f"{'有' if has_page else '无'}页码域、对齐 {jc}、{'有' if '—' in text else '无'}一字线", ok))
    sects = list(d.document.iter(_w("sectPr")))
    wide = [int(_attr(x, "w:pgSz", "w") or 0) > int(_attr(x, "w:pgSz", "h") or 0) for x in sects]
    if any(wide) and not all(wide):   # landscape pages in a portrait document
        for n, (sect, turned) in enumerate(zip(sects, wide), 1):
            if not turned:
                continue
            footers = _footers(d, sect)
            ok = bool(footers) and all(
                _has_page(f) and any(el.get("vert") in ("vert", "vert270", "eaVert")
                                     for el in f.iter("{*}bodyPr")) for f in footers.values())
            out.append(Check("§7.5", f"第{n}节（横向）页码位置同竖向页",
                             "页码在竖向页的下边缘（横向页左边缘）竖排",
                             "是" if ok else "否（" + ("页脚无竖排文本框页码" if footers else "无页脚") + "）",
                             ok))
    record = _record_section(d)
    if record is not None:
        numbered = [kind for kind, footer in _footers(d, record).items() if _has_page(footer)]
        out.append(Check("§7.5", "版记单独成页时该页不编页码", "版记所在节的页脚无页码",
                         "有页码（" + "、".join(numbered) + "）" if numbered else "无页码",
                         not numbered))
    return out


_PAGE_FIELD = re.compile(r"(^|\s)PAGE(\s|\\|$)")  # PAGE, not NUMPAGES or PAGEREF


def _has_page(footer) -> bool:
    instr = "".join(t.text or "" for t in footer.iter(_w("instrText")))
    simple = [f.get(_w("instr")) or "" for f in footer.iter(_w("fldSimple"))]
    return bool(_PAGE_FIELD.search(instr)) or any(_PAGE_FIELD.search(x) for x in simple)


def _footers(d: Docx, sect) -> dict:
    return {r.get(_w("type")): d.footers[r.get(R_ID)] for r in sect.iter(_w("footerReference"))
            if r.get(R_ID) in d.footers}


def _record_section(d: Docx):
    """The last section's sectPr when that section holds nothing but the 版记 (a text box
    holding 印发, outside of which there is no text): hongtou gives a 版记 that does not fit
    under the text a page and section of its own."""
    body = d.document.find("w:body", NS)
    if body is None or body.find("w:sectPr", NS) is None:
        return None
    tail = []
    for el in reversed([c for c in body if c.tag != _w("sectPr")]):
        if el.find("w:pPr/w:sectPr", NS) is not None:
            break
        tail.append(el)
    outside = "".join(t.text or "" for el in tail for t in el.iter(_w("t"))
                      if not any(a.tag == _w("txbxContent") for a in t.iterancestors()))
    boxed = "".join(t.text or "" for el in tail for t in el.iter(_w("t")))
    if len(tail) == len(list(body)) - 1 or outside.strip() or "印发" not in boxed:
        return None
    return body.find("w:sectPr", NS)


R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _first_page_parts(d: Docx):
    """(header, footer) of page 1 when the first section has a distinct first page."""
    sect = next(iter(d.document.iter(_w("sectPr"))), None)
    if sect is None or sect.find("w:titlePg", NS) is None:
        return None, None
    head = next((d.headers.get(r.get(R_ID)) for r in sect.iter(_w("headerReference"))
                 if r.get(_w("type")) == "first"), None)
    foot = next((d.footers.get(r.get(R_ID)) for r in sect.iter(_w("footerReference"))
                 if r.get(_w("type")) == "first"), None)
    return head, foot


def is_letter(d: Docx) -> bool:
    """信函格式: the red mark is in page 1's own header."""
    head, _ = _first_page_parts(d)
    return head is not None and any(is_red(d.colour(p)) for p in head.iter(_w("p"))
                                    if Docx.text(p).strip())


def check_letter(d: Docx) -> list[Check]:
    """§10.1: mark in the page-1 header, a red double line (thick over thin) under it and
    another (thin over thick) in the page-1 footer, both 170 mm; no page number on page 1."""
    head, foot = _first_page_parts(d)
    out = [Check("§10.1", "信函格式发文机关标志", "红色、在首页页眉", "红色、在首页页眉", True)]
    upper = [b.get(_w("val")) for b in head.iter(_w("bottom")) if is_red(b.get(_w("color")))]
    out.append(Check("§10.1", "首页上方红色双线", "上粗下细", upper[0] if upper else "无",
                     bool(upper) and upper[0].startswith("thickThin")))
    lower = [b.get(_w("val")) for b in (foot.iter(_w("top")) if foot is not None else [])
             if is_red(b.get(_w("color")))]
    out.append(Check("§10.1", "首页下方红色双线", "上细下粗", lower[0] if lower else "无",
                     bool(lower) and lower[0].startswith("thickThin")))
    numbered = foot is not None and "PAGE" in "".join(t.text or "" for t in foot.iter(_w("instrText")))
    out.append(Check("§10.1", "首页不显示页码", "无页码", "有页码" if numbered else "无页码", not numbered))
    return out


def check_xml(path: Path) -> list[Check]:
    d = Docx(path)
    if is_letter(d):
        head = check_letter(d) + check_main(d, [p for p in d.paragraphs() if Docx.text(p).strip()])
    else:
        head = check_head(d)
    return check_page(d) + check_fonts(d) + head + check_page_numbers(d)


# -- rendered checks -----------------------------------------------------------------------


NO_PYMUPDF = ("--render 需要 PyMuPDF 测量排版后的页面，当前未安装；请运行 "
              "python -m pip install \".[render]\"（或 python -m pip install pymupdf）后再用 --render")


def need_pymupdf() -> None:
    """--render measures the PDF with PyMuPDF (the `render` extra): a Chinese message naming
    the install command when it is missing, before LibreOffice is started."""
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        raise RuntimeError(NO_PYMUPDF) from None


def to_pdf(paths: list[Path], outdir: Path) -> dict[Path, Path]:
    """Convert with LibreOffice in one call; returns docx → pdf for those that converted."""
    from ..pdf import convert, find_soffice

    if find_soffice() is None:
        raise RuntimeError("未找到 LibreOffice（soffice），无法进行版面实测；请安装后再用 --render")
    return convert(paths, outdir, timeout=300).pdfs


def _red_rules(page) -> list:
    """Red rules as printed: stroked lines, thin filled rectangles, pictures of a line."""
    found = []
    for dr in page.get_drawings():
        colour = dr.get("color") or dr.get("fill")
        if colour and colour[0] > 0.7 and colour[1] < 0.3 and colour[2] < 0.3 \
                and dr["rect"].width > 100 and dr["rect"].height < 8:
            found.append(dr["rect"])
    for info in page.get_image_info():
        import pymupdf

        rect = pymupdf.Rect(info["bbox"])
        if rect.width > 100 and rect.height < 8:
            pix = page.get_pixmap(clip=rect, dpi=72)
            if pix.width and pix.height:
                r, gr, b = pix.pixel(pix.width // 2, pix.height // 2)[:3]
                if r > 180 and gr < 80 and b < 80:
                    found.append(rect)
    return found


def _page_number_dash(page, i: int):
    """(x of the number, top of the dash's ink) for page i's 「— i —」 under the block."""
    for b in page.get_text("rawdict")["blocks"]:
        for ln in b.get("lines", []):
            chars = [c for s in ln["spans"] for c in s["chars"]]
            text = "".join(c["c"] for c in chars)
            if ln["bbox"][1] < page.rect.height - 35 / MM_PER_PT or not re.fullmatch(
                    rf"[\s\-—–－]*{i}[\s\-—–－]*", text):
                continue
            digits = [c for c in chars if c["c"].isdigit()]
            x = (digits[0]["bbox"][0] + digits[-1]["bbox"][2]) / 2
            dash = next((c for c in chars if c["c"] in "—–－-"), None)
            top = None
            if dash is not None:
                from .pages import ink
                import pymupdf

                found = ink(page, pymupdf.Rect(dash["bbox"]))
                top = found[0] if found else None
            return x, top
    return None


ORDER_MARK_TOP_IN_BLOCK = 20  # mm: a 命令（令）mark's top edge under the block top (§10.2)
ORDER_SUFFIX = "令"           # its mark: the organ's full name + 命令 or 令 (§10.2)


def _is_order(mark: str) -> bool:
    return re.sub(r"\s+", "", mark).endswith(ORDER_SUFFIX)


def check_rendered(pdf: Path, d: Docx | None = None) -> list[Check]:
    import pymupdf

    out = []
    doc = pymupdf.open(pdf)
    page = doc[0]
    spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
             for s in line["spans"] if s["text"].strip()]
    red = [s for s in spans if is_red(f"{s['color']:06X}")]
    top = min(s["bbox"][1] for s in red) * MM_PER_PT if red else None
    letter = top is not None and top < g.MARGIN_TOP / 12700 * MM_PER_PT  # above the block: 信函
    if letter:
        out += _letter_rendered(page, red, top)
    elif red:
        if _is_order("".join(s["text"] for s in red if s["bbox"][1] * MM_PER_PT < top + 5)):
            edge = g.MARGIN_TOP / 12700 * MM_PER_PT + ORDER_MARK_TOP_IN_BLOCK
            out.append(Check("§10.2", "命令格式发文机关标志上边缘距页面上边",
                             f"{edge:.0f} mm ± 2（版心下 {ORDER_MARK_TOP_IN_BLOCK} mm）",
                             f"{top:.1f} mm", _within(top, edge, 2)))
        else:
            out.append(Check("§7.2.4", "发文机关标志上边缘距页面上边", "72 mm ± 2（版心下 35 mm）",
                             f"{top:.1f} mm", _within(top, 72, 2)))
        lines = _red_rules(page)
        number = next((ln for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])
                       if re.search(r"〔\s*\d{4}\s*〕", "".join(s["text"] for s in ln["spans"]))),
                      None)
        if lines:
            ln = max(lines, key=lambda rect: rect.width)
            length = ln.width * MM_PER_PT
            out.append(Check("§7.2.6", "红色分隔线长度", "156 mm ± 1", f"{length:.1f} mm",
                             _within(length, 156, 1)))
            if number:
                gap = (ln.y0 - number["bbox"][3]) * MM_PER_PT
                out.append(Check("§7.2.6", "红色分隔线在发文字号下", "4 mm ± 1", f"{gap:.1f} mm",
                                 _within(gap, 4, 1)))
    last = doc[-1]
    printed = [ln for b in last.get_text("dict")["blocks"] for ln in b.get("lines", [])
               if "印发" in "".join(s["text"] for s in ln["spans"])]
    if printed and last.rect.height > last.rect.width:
        under = printed[-1]["bbox"][3] - 2      # the 版记's last rule: the first one under 印发
        rules = [dr["rect"] for dr in last.get_drawings()
                 if (dr.get("color") or dr.get("fill")) and max(dr.get("color") or dr["fill"]) < 0.2
                 and dr["rect"].width * MM_PER_PT > 150 and dr["rect"].y0 >= under]
        bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700 * MM_PER_PT
        if rules:
            y = min(rules, key=lambda r: r.y0).y1 * MM_PER_PT
            out.append(Check("§7.4.1", "版记末条分隔线位于末页版心下边缘", f"{bottom:.0f} mm ± 1",
                             f"{y:.1f} mm", _within(y, bottom, 1)))
        else:
            out.append(Check("§7.4.1", "版记分隔线", "黑色、与版心等宽", "未找到", False))
    portrait_doc = any(pg.rect.height > pg.rect.width for pg in doc)
    for i, pg in enumerate(doc, 1):
        h = pg.rect.height
        if portrait_doc and pg.rect.width > pg.rect.height:
            out.append(_turned_number(pg, i))
            continue
        num = _page_number_dash(pg, i)
        if letter and i == 1:
            out.append(Check("§10.1", "信函首页页码", "无", "有" if num else "无", not num))
            continue
        if _record_only(pg):
            out.append(Check("§7.5", f"第{i}页（仅有版记）页码", "不编页码",
                             "有页码" if num else "无页码", not num))
            continue
        if not num:
            out.append(Check("§7.5", f"第{i}页页码", f"— {i} —", "未找到", False))
            continue
        x, dash = num
        side = _number_side(x, pg.rect.width)
        side_ok = side == ("右" if i % 2 else "左")
        block_bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700 if pg.rect.height > pg.rect.width \
            else None
        gap = (dash - block_bottom) * MM_PER_PT if block_bottom and dash else None
        gap_ok = gap is None or _within(gap, 7, 1.5)
        out.append(Check("§7.5", f"第{i}页页码", f"{'右' if i % 2 else '左'}侧、一字线版心下 7 mm ± 1.5",
                         (f"{side}侧" if side != "居中" else side)
                         + (f"、一字线版心下 {gap:.1f} mm" if gap is not None else ""), side_ok and gap_ok))
    if d is not None:
        from .pages import check_pages

        out += check_pages(d, doc, Check)
    return out


def _number_side(x: float, width: float) -> str:
    """右, 左 or 居中: where a page number whose centre is at x stands (居中 within 1 字 of
    the page's middle, where many tools put it; §7.5 wants it at the right or left)."""
    if abs(x - width / 2) < g.ZI / 12700:
        return "居中"
    return "右" if x > width / 2 else "左"


def _turned_number(page, i: int) -> Check:
    """A landscape page of a portrait document (§7.5): its number on the left edge — the
    portrait bottom — set vertically, 7 mm from the block, at the portrait right (landscape
    bottom) on odd pages, the portrait left (landscape top) on even ones."""
    block_left = g.MARGIN_BOTTOM / 12700           # the portrait bottom margin, turned
    lines = [ln for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])
             if ln["bbox"][2] < block_left
             and re.fullmatch(rf"\D*\b{i}\b\D*", "".join(s["text"] for s in ln["spans"]).strip())]
    rule = f"第{i}页（横向）页码"
    expected = f"左边缘竖排、{'下' if i % 2 else '上'}侧（即竖向页的{'右' if i % 2 else '左'}侧）、版心外 7 mm ± 1.5"
    if not lines:
        return Check("§7.5", rule, expected, "未找到", False)
    ln = lines[0]
    x0, y0, x1, y1 = ln["bbox"]
    vertical = abs(ln["dir"][0]) < 0.1
    lower = (y0 + y1) / 2 > page.rect.height / 2
    gap = (block_left - x1) * MM_PER_PT
    ok = vertical and lower == bool(i % 2) and _within(gap, 7, 1.5)
    return Check("§7.5", rule, expected,
                 f"{'竖排' if vertical else '横排'}、{'下' if lower else '上'}侧、版心外 {gap:.1f} mm", ok)


def _record_only(page) -> bool:
    """A portrait page whose only text inside the block is the 版记: everything stands at
    or under the black line over the 抄送 (or 印发) line in the lower half of the block."""
    if page.rect.height < page.rect.width:
        return False
    block_top = g.MARGIN_TOP / 12700
    block_bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700
    lines = [(ln["bbox"][1], "".join(s["text"] for s in ln["spans"]))
             for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])]
    lines = [(y, t) for y, t in lines if t.strip() and y < block_bottom]
    lower = (block_top + block_bottom) / 2
    marks = [y for y, t in lines if y > lower and ("抄送" in t or "印发" in t)]
    if not marks:
        return False
    rules = [dr["rect"].y0 for dr in page.get_drawings()
             if dr.get("color") and max(dr["color"]) < 0.2 and dr["rect"].width * MM_PER_PT > 150
             and dr["rect"].y0 <= min(marks)]
    top = max(rules, default=min(marks)) - 2
    return all(y >= top for y, _ in lines)


def _letter_rendered(page, red, top: float) -> list[Check]:
    """信函 page 1 as printed: mark position and the two red double lines (§10.1)."""
    import pymupdf

    from .pages import ink

    box = pymupdf.Rect(min(s["bbox"][0] for s in red), min(s["bbox"][1] for s in red),
                       max(s["bbox"][2] for s in red), max(s["bbox"][3] for s in red))
    inked = ink(page, box, dpi=300)         # the mark's ink, not its em box (§10.1)
    bottom = (inked[1] if inked else box.y1) * MM_PER_PT
    out = [Check("§10.1", "信函发文机关标志上边缘距页面上边", "30 mm ± 2", f"{top:.1f} mm",
                 _within(top, 30, 2))]
    lines = [dr for dr in page.get_drawings() if dr.get("color") and dr["color"][0] > 0.7
             and dr["color"][1] < 0.2 and dr["rect"].width * MM_PER_PT > 150]
    upper = [dr for dr in lines if dr["rect"].y0 < page.rect.height / 2]
    lower = [dr for dr in lines if dr not in upper]
    if upper:
        ln = min(upper, key=lambda dr: dr["rect"].y0)
        gap = ln["rect"].y0 * MM_PER_PT - ln.get("width", 0) / 2 * MM_PER_PT - bottom
        out.append(Check("§10.1", "上方红色双线在标志下", "4 mm ± 1", f"{gap:.1f} mm", _within(gap, 4, 1)))
        length = ln["rect"].width * MM_PER_PT
        out.append(Check("§10.1", "上方红色双线长度", "170 mm ± 1", f"{length:.1f} mm",
                         _within(length, 170, 1)))
    else:
        out.append(Check("§10.1", "上方红色双线", "有", "无", False))
    if lower:
        ln = max(lower, key=lambda dr: dr["rect"].y1)
        above = (page.rect.height - ln["rect"].y1 - ln.get("width", 0) / 2) * MM_PER_PT
        out.append(Check("§10.1", "下方红色双线距页面下边", "20 mm ± 1.5", f"{above:.1f} mm",
                         _within(above, 20, 1.5)))
    else:
        out.append(Check("§10.1", "下方红色双线", "有", "无", False))
    return out


def verify(paths: list[Path], render: bool = False) -> dict[Path, list[Check]]:
    if render:
        need_pymupdf()
    results = {p: check_xml(p) for p in paths}
    if render:
        with tempfile.TemporaryDirectory() as tmp:
            pdfs = to_pdf(paths, Path(tmp))
            for p in paths:
                if p in pdfs:
                    results[p] += check_rendered(pdfs[p], Docx(p))
                else:
                    results[p].append(Check("渲染", "LibreOffice 转换", "成功", "失败", False))
    return results
