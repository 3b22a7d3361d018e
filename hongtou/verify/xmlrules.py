"""The rules read from the document's XML: page setup, faces and sizes as Word resolves them
(`effective`), indents, the 版头 found by position, red rules however drawn (`drawn`), the
主体, page numbers, 信函 and 纪要 formats. `check_xml(path)` runs them all."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..layout import gbt9704 as g
from ..layout.styles import SIGNATURE
from .base import Check, Docx, _is_order, _mm, _within
from .drawn import red_rule_at
from .effective import NS, _w, face_kind, is_red, majority


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


def check_xml(path: Path, d: Docx | None = None) -> list[Check]:
    """The XML rules of the .docx at path (`d`: that file already parsed)."""
    d = d if d is not None else Docx(path)
    if is_letter(d):
        head = check_letter(d) + check_main(d, [p for p in d.paragraphs() if Docx.text(p).strip()])
    else:
        head = check_head(d)
    return check_page(d) + check_fonts(d) + head + check_page_numbers(d)
