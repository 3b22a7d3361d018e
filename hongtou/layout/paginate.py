"""Where the text of a document ends on its page, predicted without a word processor.

§7.5: no page number on a page that holds only the 版记. The 版记 is a text box standing on
the bottom of the last page's block (`zones.record_zone`); when it does not fit under the
text, Word, WPS and LibreOffice all carry it to a new page — and number that page, because
nothing in WordprocessingML says "drop the footer if this paragraph lands alone". What all
three do agree on is a hard section break and a section's own footers. So we predict the
page break ourselves and, when the 版记 would stand alone, give it its own section whose
footers carry no PAGE field (`place_record`).

Prediction is possible because our pages are a grid: 3号 text on an exact 28.95 pt line, 28
characters of 15.75 pt to the 442 pt line, tables with fixed column widths and rows that do
not split. The model reads document.xml and styles.xml: paragraph spacing, exact or grid line
heights, indents, borders, page breaks, section breaks, keep-with-next, table rows (exact
heights, wrapped cell text, repeated header rows). It errs on one side only: a CJK character
is exactly one em plus the run's spacing, a digit half an em, but a Latin letter is counted
at its widest and every change from Latin or digits back to CJK gets the gap LibreOffice puts
there (it ignores w:autoSpaceDE/DN); so the text it predicts is never shorter than the text
printed. A 版记 predicted not to fit is given its own page even when it would just have fitted:
that costs a page, while one running onto a numbered page breaks §7.5.

The same model decides the 署名's page (`signature_split`, applied by
`package.mend_signature_page`): practice never lets the 署名 stand on a page without 正文,
and a keep-with-next on the last paragraph is laid out differently by each word processor
(LibreOffice moves the whole paragraph, Word its last line). So when the 附件说明, 署名 and
date would not fit under the text, the paragraph is condensed a little if that takes its
last line back (§7.3.5.1), or else split before its last line, which starts the next page.
When a table ends the text, its last row goes over instead, under its header repeated
(`signature_rows`): a row is 正文 on the 署名's page, the repeated header is not.
"""

from __future__ import annotations

import bisect
import copy
import functools
import itertools
import math
import operator
import re
import unicodedata
from dataclasses import dataclass, field

from lxml import etree

from ..rules.titles import LATIN_GAP
from . import gbt9704 as g
from .namespaces import W, W_NS

NS = {"w": W_NS}
PT_PER_TWIP = 1 / 20

# A closing mark never starts a line, an opening mark never ends one. Commas and stops may
# hang past the line end (Word's overflowPunct, LibreOffice's hanging punctuation); closing
# brackets and quotes, in LibreOffice, may not.
_CLOSES = set("，。、；：！？）》」』”’〕】,.;:!?)")
_HANGS = set("，。、；：！？．,.;:!?")
_OPENS = set("（《「『“‘〔【(")
AUTO_LINE = 1.35        # a single-spaced line, in font sizes (CJK faces run 1.2–1.34)
ROUNDING = 2.0          # pt: what any word processor may round away on a page
EDGE = 0.5              # pt: a line with Latin or digits, measured at its longest, ends this
                        # much short of its edge


def _on(el) -> bool:
    return el is not None and el.get(W + "val") not in ("0", "false", "off")


class Styles:
    """styles.xml, resolved the way Word does: direct formatting, the style and the styles
    it is based on, then docDefaults."""

    def __init__(self, xml: bytes | str | None):
        # what a paragraph's or run's properties resolve to, worked out once per distinct
        # pPr (rPr) for every document sharing these styles (`Paginator._para_props`)
        self.para_cache: dict[bytes, tuple] = {}
        self.run_cache: dict[tuple[bytes, bytes], tuple[float, float, float]] = {}
        self.measured: dict[tuple[bytes, float, float, bool], Para] = {}   # `Paginator.measure`
        self.by_id: dict[str, etree._Element] = {}
        self.default = None
        self.ppr_default = self.rpr_default = None
        if not xml:
            return
        root = etree.fromstring(xml.encode() if isinstance(xml, str) else xml)
        for s in root.iter(W + "style"):
            self.by_id[s.get(W + "styleId")] = s
            if s.get(W + "type") == "paragraph" and s.get(W + "default") == "1":
                self.default = s.get(W + "styleId")
        self.ppr_default = root.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.rpr_default = root.find("w:docDefaults/w:rPrDefault/w:rPr", NS)

    def _styles(self, sid: str | None) -> list:
        out, seen = [], set()
        sid = sid or self.default
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            out.append(self.by_id[sid])
            based = self.by_id[sid].find("w:basedOn", NS)
            sid = based.get(W + "val") if based is not None else None
        return out

    def chains(self, ppr, rpr=None) -> tuple[list, list]:
        """(pPr chain, rPr chain) for a paragraph's pPr (and a run's rPr)."""
        sid = ppr.find("w:pStyle", NS).get(W + "val") \
            if ppr is not None and ppr.find("w:pStyle", NS) is not None else None
        styles = self._styles(sid)
        pchain = [ppr, *(s.find("w:pPr", NS) for s in styles), self.ppr_default]
        rchain = [rpr, *(s.find("w:rPr", NS) for s in styles), self.rpr_default]
        return [p for p in pchain if p is not None], [r for r in rchain if r is not None]


_STYLES: dict[bytes | str, Styles] = {}


def styles_of(xml: bytes | str | None) -> Styles:
    """The resolved styles of a styles.xml, made once per distinct part: the documents of
    one template (a thousand reminders) share them and what they resolve to."""
    if xml is None:
        return Styles(None)
    found = _STYLES.get(xml)
    if found is None:
        if len(_STYLES) > 16:
            _STYLES.clear()
        found = _STYLES[xml] = Styles(xml)
    return found


def _first(chain, path: str, attr: str = "val") -> str | None:
    for el in chain:
        found = el.find(path, NS)
        if found is not None and found.get(W + attr) is not None:
            return found.get(W + attr)
    return None


def _flag(chain, path: str) -> bool:
    for el in chain:
        found = el.find(path, NS)
        if found is not None:
            return _on(found)
    return False


def _twips(value: str | None) -> float:
    return int(value) * PT_PER_TWIP if value not in (None, "") else 0.0


@dataclass
class Page:
    """Where the flow stands: `used` points of a block `height` high, on page `number`."""

    height: float
    grid: float = 0.0
    used: float = 0.0
    number: int = 1
    keep: list[float] = field(default_factory=list)   # heights of paragraphs kept with the next
    soft: bool = False      # this page began where the last one ran full

    def new(self, soft: bool = False) -> None:
        self.number += 1
        self.used = 0.0
        self.keep = []
        self.soft = soft

    def fits(self, h: float) -> bool:
        return self.used + h <= self.height + 0.01


MODES = (True, False)   # the text measured at its longest, then at its shortest


@dataclass
class Para:
    """A paragraph measured for a given width: line heights (one list per way of measuring,
    in `MODES` order), spacing, keeps."""

    lines: tuple[list[float], ...]
    before: float
    after: float
    keep_next: bool
    keep_lines: bool
    break_before: bool
    breaks_after: int      # hard page breaks after the text (w:br type="page")
    only_break: bool = False  # a paragraph holding nothing but a page break
    starts: tuple[int, ...] = ()   # where each line starts among the paragraph's characters,
                                   # the text measured at its longest (`split_at`)
    # its height with its spacing, each way of measuring (as a table's cell adds it up)
    heights: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.heights = tuple(self.before + sum(lines) + self.after for lines in self.lines)

class Paginator:
    """Flows a document down its pages twice at once: with the text measured at its longest
    and at its shortest (`MODES`), each way on its own `Page`; every paragraph is read once."""

    def __init__(self, styles: Styles, page_height: float, grid: float = 0.0):
        self.styles = styles
        self.pages = [Page(page_height, grid) for _ in MODES]
        self._para_cache = styles.para_cache
        self._run_cache = styles.run_cache

    @property
    def grid(self) -> float:
        return self.pages[0].grid

    def _para_props(self, ppr, key: bytes) -> tuple:
        """What a paragraph's properties and styles say of its layout, worked out once per
        distinct pPr (a long table's cells share a handful): left, right and first-line
        indents, spacing before and after, line rule and line, no-snap, border height,
        keepNext, keepLines, pageBreakBefore, and the style's own font size. `key`: the
        pPr serialised."""
        props = self._para_cache.get(key)
        if props is None:
            pchain, rchain = self.styles.chains(ppr)
            ind = lambda a: _twips(_first(pchain, "w:ind", a))  # noqa: E731
            border = 0.0
            for edge in ("top", "bottom"):
                b = next((c.find(f"w:pBdr/w:{edge}", NS) for c in pchain
                          if c.find(f"w:pBdr/w:{edge}", NS) is not None), None)
                if b is not None and b.get(W + "val") not in ("nil", "none"):
                    border += int(b.get(W + "space") or 0) + int(b.get(W + "sz") or 0) / 8
            props = self._para_cache[key] = (
                ind("left") or ind("start"), ind("right") or ind("end"),
                ind("firstLine") - ind("hanging"),
                _twips(_first(pchain, "w:spacing", "before")),
                _twips(_first(pchain, "w:spacing", "after")),
                _first(pchain, "w:spacing", "lineRule") or "auto",
                _first(pchain, "w:spacing", "line"),
                _first(pchain, "w:snapToGrid") in ("0", "false"), border,
                _flag(pchain, "w:keepNext"), _flag(pchain, "w:keepLines"),
                _flag(pchain, "w:pageBreakBefore"), int(_first(rchain, "w:sz") or 20) / 2)
        return props

    def _run_props(self, ppr, ppr_key: bytes, rpr) -> tuple[float, float, float]:
        """(size, letter spacing, horizontal scale) of a run, once per distinct pPr and rPr."""
        key = (ppr_key, etree.tostring(rpr) if rpr is not None else b"")
        props = self._run_cache.get(key)
        if props is None:
            _, rc = self.styles.chains(ppr, rpr)
            props = self._run_cache[key] = (int(_first(rc, "w:sz") or 20) / 2,
                                            _twips(_first(rc, "w:spacing")),
                                            int(_first(rc, "w:w") or 100) / 100)
        return props

    def measure(self, p, width: float, condense: int = 0, xml: bytes | None = None,
                cell: bool = False) -> Para:
        """The paragraph measured; the same paragraph (the same XML) at the same width is
        measured once for every document sharing these styles (the fixed wording of a
        thousand reminders, their repeated cells). With `condense`, as `condensed(p,
        condense)` would be, without making it. `xml`: the paragraph serialised, if at
        hand. `cell`: it stands in a table cell, where LibreOffice lets no mark hang past
        the edge (a cell's 「…成效少。」 ends 「少。」 on a line of its own: a row a line taller
        than a hanging 。 would make it)."""
        key = (etree.tostring(p) if xml is None else xml, width, self.grid)
        if condense:
            key += (condense,)
        if cell:
            key += ("cell",)
        cache = self.styles.measured
        found = cache.get(key)
        if found is None:
            if len(cache) > 1 << 14:
                cache.clear()
            found = cache[key] = self._measure(p, width, condense, cell)
        return found

    def _measure(self, p, width: float, condense: int = 0, cell: bool = False) -> Para:
        ppr = _child(p, _PPR)
        ppr_key = etree.tostring(ppr) if ppr is not None else b""
        (left, right, first, before, after, rule, line, no_snap, border, keep_next,
         keep_lines, break_before, style_size) = self._para_props(ppr, ppr_key)
        snap = self.grid and not no_snap
        boxed = next(p.iter(W + "txbxContent"), None) is not None
        runs = [(r, self._run_props(ppr, ppr_key, _child(r, _RPR))) for r in p.iter(W + "r")
                if not (boxed and any(a.tag == W + "txbxContent" for a in r.iterancestors()))]
        if condense:    # each run's spacing as `condensed` writes it, in whole twips
            runs = [(r, (size, (round(spacing * 20) - condense) * PT_PER_TWIP, scale))
                    for r, (size, spacing, scale) in runs]
        sizes = [props[0] for _, props in runs]
        height = self._line_height(rule, line, max(sizes, default=style_size), snap)
        even = _even_text(runs)
        if even is not None:    # every character one em: wrapped without measuring each
            text, (size, spacing, scale) = even
            e = _width(text[0], "", size, True) * scale + spacing if text else 0.0
            ways, starts = [], ()
            for long in MODES:
                counts: list[int] = []
                lines = [height] * _lines_even(text, e, width - left - right, first, long,
                                               counts, not (cell and long))
                if border:
                    lines[-1] += border
                ways.append(lines)
                if long:
                    starts = tuple(itertools.accumulate(counts[:-1], initial=0))
            return Para(tuple(ways), before, after, keep_next, keep_lines, break_before, 0,
                        starts=starts)
        chars: list[tuple[str, float]] = []   # (character, width at its longest); "\n" a break
        short: list[tuple[str, float]] = []   # the same at its shortest
        breaks_after = 0
        for r, (size, spacing, scale) in runs:
            for child in r:
                if child.tag == W + "t":
                    for ch in child.text or "":
                        prev = chars[-1][0] if chars else ""
                        if not chars and ch in "“‘":
                            # LibreOffice sets a paragraph's opening quote in the Latin face
                            w = v = size * _TIMES_QUOTE * scale + spacing
                        else:
                            w = _width(ch, prev, size, True) * scale + spacing
                            v = _width(ch, prev, size, False) * scale + spacing
                        chars.append((ch, w))
                        short.append((ch, v))
                elif child.tag == W + "tab":
                    chars.append(("\t", size))
                    short.append(("\t", size))
                elif child.tag == W + "br":
                    if child.get(W + "type") == "page":
                        breaks_after += 1
                    else:
                        chars.append(("\n", 0.0))
                        short.append(("\n", 0.0))
        ways, starts = [], []
        for long, text in zip(MODES, (chars, short)):
            counts: list[int] = []
            lines = [height] * len(_wrap(text, width - left - right, first, long,
                                         not (cell and long), counts=counts))
            if lines and border:
                lines[-1] += border
            ways.append(lines)
            if long:
                starts = [0]
                for n in counts[:-1]:
                    starts.append(starts[-1] + n)
        return Para(tuple(ways), before, after, keep_next, keep_lines, break_before, breaks_after,
                    only_break=breaks_after > 0 and not any(c != "\n" for c, _ in chars),
                    starts=tuple(starts))

    def _line_height(self, rule: str, line: str | None, size: float, snap) -> float:
        """A line's height: exact, or the font's natural line (times `line`/240 when the rule
        is auto, at least `line` when atLeast), snapped up to the grid when `snap`."""
        if rule == "exact" and line:
            return _twips(line)
        natural = size * AUTO_LINE * (int(line) / 240 if line and rule == "auto" else 1)
        if rule == "atLeast" and line:
            natural = max(natural, _twips(line))
        return math.ceil(natural / self.grid - 0.01) * self.grid if snap else natural

    # -- flowing ---------------------------------------------------------------------------

    def paragraph(self, p, width: float) -> None:
        m = self.measure(p, width)
        for pg, lines in zip(self.pages, m.lines):
            self._place(pg, m, lines)

    @staticmethod
    def _place(pg: Page, m: Para, lines: list[float]) -> int:
        """Flow the paragraph on; → how many of its lines are on the page it ends on."""
        if m.only_break:
            # Word (since 2013) and LibreOffice leave it on the page it ends: the next
            # paragraph starts the new page at its top
            pg.new()
            return 0
        first = m.before + (lines[0] if lines else 0)
        whole = m.before + sum(lines) + m.after
        if m.break_before and pg.used > 0:
            pg.new()
        elif pg.used > 0 and not pg.fits(whole if m.keep_lines else first):
            kept = sum(pg.keep)
            pg.new(soft=True)
            if kept and kept + whole <= pg.height:
                pg.used = kept    # the paragraphs kept with this one move with it
        # space before is dropped at the top of a page the text ran onto (Word, LibreOffice)
        pg.used += 0 if pg.used == 0 and pg.soft else m.before
        here = 0
        for h in lines:
            if pg.used > 0 and not pg.fits(h):
                pg.new(soft=True)
                here = 0
            pg.used += h
            here += 1
        pg.used += m.after
        pg.keep = pg.keep + [whole] if m.keep_next else []
        for _ in range(m.breaks_after):
            pg.new()
            pg.used = lines[-1] if lines else 0.0   # the rest of the paragraph
            here = 1
        return here

    def table(self, tbl, width: float) -> None:
        margins = tbl.find("w:tblPr/w:tblCellMar", NS)
        cell_lr = (_twips(_attr(margins, "w:left", "w")) + _twips(_attr(margins, "w:right", "w"))
                   if margins is not None else 10.8)
        cell_tb = (_twips(_attr(margins, "w:top", "w")) + _twips(_attr(margins, "w:bottom", "w"))
                   if margins is not None else 0.0)
        rows = tbl.findall("w:tr", NS)
        heads = header_rows(tbl)
        rule = max((int(b.get(W + "sz") or 0) / 8 for b in tbl.iterfind("w:tblPr/w:tblBorders/*", NS)
                    if b.get(W + "val") not in ("nil", "none")), default=0.0)
        header = [0.0] * len(MODES)  # the repeated header rows open every page it runs onto
        for i, tr in enumerate(rows):
            keep = all((ppr := _child(p, _PPR)) is not None
                       and ppr.find(_KEEP_NEXT) is not None for p in tr.iter(_P))
            for k, (pg, h) in enumerate(zip(self.pages, self._row(tr, cell_lr, cell_tb))):
                h += rule
                if pg.used > 0 and not pg.fits(h):
                    kept = sum(pg.keep)
                    # the rows kept with this one move with it, under the repeated header —
                    # unless the header is one of them (kept with the first rows): not twice
                    with_header = len(pg.keep) >= i
                    pg.new(soft=True)
                    moved = kept + h <= pg.height
                    pg.used = (kept if moved else 0) + (0 if moved and with_header else header[k])
                pg.used += h
                if i < heads:
                    header[k] += h
                pg.keep = pg.keep + [h] if keep else []

    def _row(self, tr, cell_lr: float, cell_tb: float) -> list[float]:
        """The row's height, each way of measuring."""
        exact = tr.find(_TR_HEIGHT)
        tallest = [0.0] * len(MODES)
        measure = self.measure
        for tc in tr.iterchildren(_TC):
            tcpr = _child(tc, _TCPR)
            tcw = _child(tcpr, _TCW) if tcpr is not None else None
            w = _twips(tcw.get(_W_W) if tcw is not None else None) - cell_lr
            h = None
            for p in tc.iterchildren(_P):
                heights = measure(p, w, cell=True).heights
                h = [x + y for x, y in zip(h, heights)] if h else [0.0 + y for y in heights]
            tallest = [max(t, x + cell_tb) for t, x in zip(tallest, h or (0.0,) * len(MODES))]
        if exact is not None:
            value = _twips(exact.get(W + "val"))
            if exact.get(W + "hRule") == "exact":
                return [value] * len(MODES)
            tallest = [max(t, value) for t in tallest]
        return tallest

    def flow(self, elements) -> None:
        for el in elements:
            if el.tag == W + "p":
                self.paragraph(el, self.width)
            elif el.tag == W + "tbl":
                self.table(el, self.width)
            elif el.tag == W + "sdt":
                self.flow(el.findall("w:sdtContent/*", NS))

    width = 0.0


_P, _PPR, _TC, _TCPR, _TCW = (W + "p", W + "pPr", W + "tc", W + "tcPr", W + "tcW")
_KEEP_NEXT, _W_W = W + "keepNext", W + "w"
_RPR, _T, _TAB, _BR = W + "rPr", W + "t", W + "tab", W + "br"
_TR_HEIGHT, _TBL_HEADER = f"{W}trPr/{W}trHeight", f"{W}trPr/{W}tblHeader"
_SECT = f"{_PPR}/{W}sectPr"


def _child(el, tag: str):
    """`el.find(tag)` for a child `tag`, at once when it is the first child (as the schema
    puts pPr, rPr and tcPr)."""
    if len(el) and el[0].tag == tag:
        return el[0]
    return el.find(tag)


def _attr(el, path: str, attr: str) -> str | None:
    found = el.find(path, NS) if el is not None else None
    return found.get(W + attr) if found is not None else None


# Times New Roman's advance widths in 1/1000 em (Liberation Serif, LibreOffice's stand-in,
# has the same metrics), A–Z then a–z.
_TIMES = dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", map(int, (
    "722 667 667 722 611 556 722 722 333 389 722 611 889 722 722 556 722 667 556 611 722 722 "
    "944 722 722 611 444 500 444 500 444 333 500 500 278 278 500 278 778 500 500 500 500 333 "
    "389 278 500 500 722 500 500 444").split())))
_TIMES_QUOTE = 0.444


@functools.lru_cache(maxsize=1 << 16)
def _width(ch: str, before: str, size: float, gaps: bool = True) -> float:
    """A character's advance at `size`; with `gaps`, LibreOffice's gap where CJK meets Latin
    or digits (counted on the second of the two)."""
    wide = unicodedata.east_asian_width(ch) in "WFA"
    gap = 0.0
    if gaps and before and _meets(before, ch):
        gap = LATIN_GAP
    if wide:
        return size * (1.0 + gap)
    return size * (_TIMES.get(ch, 500) / 1000 + gap) if not ch.isspace() else size * 0.25


def _lo(ch: str) -> bool:
    return unicodedata.category(ch) == "Lo"


def _meets(a: str, b: str) -> bool:
    """Whether LibreOffice may put its CJK–Latin gap between `a` and `b`: an ideograph
    beside a digit or letter, or any full-width character beside a letter."""
    def wide(c: str) -> bool:
        return unicodedata.east_asian_width(c) in "WF"
    return ((_lo(a) and _latin(b)) or (_latin(a) and _lo(b))
            or (wide(a) and b.isascii() and b.isalpha())
            or (a.isascii() and a.isalpha() and wide(b)))


def _wrap(chars: list[tuple[str, float]], width: float, first: float,
          long: bool = True, hang: bool = True, *,
          counts: list[int] | None = None) -> list[float]:
    """Break characters into lines `width` wide (the first `first` narrower or wider):
    anywhere between CJK characters, between Latin words, opening marks never last, a
    closing mark never first. Measured at its shortest a line lets every closing mark hang
    past the edge; at its longest, as LibreOffice does, only a comma or stop right after an
    ideograph: otherwise the character before the marks moves down with them. Without
    `hang` no mark hangs (LibreOffice in a left-aligned table cell). Returns the lines'
    widths; `counts`, when given, receives how many characters each line holds (a break "\n"
    counted with the line it ends)."""
    if counts is None:
        counts = []
    if chars and not any(ch == "\n" for ch, _ in chars):   # the common case: one line
        total = sum(w for _, w in chars)
        edge = EDGE if long and any(_latin(c) for c, _ in chars) else -0.01
        if total <= width - first - edge:
            counts.append(len(chars))
            return [total]
    lines: list[float] = []
    line: list[tuple[str, float]] = []
    cur, avail = 0.0, width - first
    latin = 0    # Latin letters and digits on the line
    for ch, w in chars:
        if ch == "\n":
            lines.append(cur)
            counts.append(len(line) + 1)
            cur, line, avail, latin = 0.0, [], width, 0
            continue
        # where Latin or digits are on the line their widths are estimates: keep off the edge
        edge = EDGE if long and latin else -0.01
        if cur + w > avail - edge and line:
            hung = cur > avail - edge
            if ch in _CLOSES and hang and (not long or (
                    ch in _HANGS and not hung and _lo(line[-1][0]))):
                line.append((ch, w))
                cur += w
                latin += _latin(ch)
                continue
            k = len(line)
            if ch in _CLOSES:                # the marks and the character before them
                while k > 1 and line[k - 1][0] in _CLOSES:
                    k -= 1
                k -= 1 if k > 1 else 0
            if _latin(ch) or ch in _CLOSES:  # a Latin word moves whole
                while k > 1 and _latin(line[k - 1][0]):
                    k -= 1
            while k > 1 and line[k - 1][0] in _OPENS:
                k -= 1
            carry, line = line[k:], line[:k]
            lines.append(sum(x for _, x in line))
            counts.append(len(line))
            line = carry
            cur = sum(x for _, x in line)
            latin = sum(_latin(c) for c, _ in line)
            avail = width
        line.append((ch, w))
        cur += w
        latin += _latin(ch)
    lines.append(cur)
    counts.append(len(line))
    return lines


# Characters `_width` makes exactly one em (east Asian wide, full or ambiguous width) and
# `_meets` never puts a gap beside: no ASCII letter or digit among them.
_EVEN = re.compile("[\u3001-\u303e\u4e00-\u9fff\uff01-\uff60\uffe0-\uffe6“”‘’…—·]*")


def _even_text(runs) -> tuple[str, tuple[float, float, float]] | None:
    """(the text, its runs' size, spacing and scale) of a paragraph's runs — (run, props)
    pairs — when every character of it is `_EVEN`, all its runs are set alike, it has no
    tab or line break and does not open with a quote (set in the Latin face): then every
    character is equally wide, at its longest and shortest, and `_lines_even` wraps it.
    None otherwise."""
    props = runs[0][1] if runs else (0.0, 0.0, 1.0)
    parts = []
    for r, pr in runs:
        if pr != props:
            return None
        for child in r:
            tag = child.tag
            if tag == _T:
                parts.append(child.text or "")
            elif tag == _TAB or tag == _BR:
                return None
    text = "".join(parts)
    if text[:1] in ("“", "‘") or _EVEN.fullmatch(text) is None:
        return None
    return text, props


def _lines_even(text: str, e: float, width: float, first: float, long: bool,
                counts: list[int], hang: bool = True, widths: list[float] | None = None) -> int:
    """How many lines `_wrap` makes of `text` when every character is `e` wide and none is
    an ASCII letter or digit or a line break (`_EVEN`), and what each holds (`counts`) and
    how wide it is (`widths`, when given): the same steps and the same sums, without a list
    of (character, width) pairs."""
    n = len(text)
    if n:
        total = sum(itertools.repeat(e, n))
        if total <= width - first - -0.01:   # one line
            counts.append(n)
            if widths is not None:
                widths.append(total)
            return 1
    limit = width - first - -0.01     # no Latin on a line: it may end 0.01 pt past the edge
    lines = start = used = 0          # lines ended, where this one starts, its characters
    if _SEQUENTIAL and e > 0:
        # a line of j characters is sums[j] wide, whether added up or summed after a carry:
        # where it ends is looked up, and only the characters at its end are looked at
        sums = _sums(e, n + 1)
        most = bisect.bisect_right(sums, limit) - 1    # the characters a line holds
        i = 0
        while i < n:
            if used < most or not used:
                step = min(max(most, 1) - used, n - i)
                used += step
                i += step
                continue
            ch = text[i]
            i += 1
            if hang and _hangs(ch, text[i - 2], long, sums[used] > limit):
                used += 1
                continue
            k = _carried(text, start, used, ch)
            lines += 1
            counts.append(k)
            if widths is not None:
                widths.append(sums[k])
            start += k
            used -= k - 1
            limit = width - -0.01
            most = bisect.bisect_right(sums, limit) - 1
        counts.append(used)
        if widths is not None:
            widths.append(sums[used])
        return lines + 1
    cur = 0.0
    for i, ch in enumerate(text):
        if used and cur + e > limit:
            if hang and _hangs(ch, text[i - 1], long, cur > limit):
                cur += e
                used += 1
                continue
            k = _carried(text, start, used, ch)
            lines += 1
            counts.append(k)
            if widths is not None:
                widths.append(sum(itertools.repeat(e, k)))
            start += k
            used -= k
            cur = sum(itertools.repeat(e, used))
            limit = width - -0.01
        cur += e
        used += 1
    counts.append(used)
    if widths is not None:
        widths.append(cur)
    return lines + 1


def _hangs(ch: str, before: str, long: bool, hung: bool) -> bool:
    """Whether `ch`, past the edge, hangs there (`_wrap`, marks allowed to hang): any closing
    mark measured at its shortest; at its longest a comma or stop right after an ideograph
    on a line not already past the edge."""
    return ch in _CLOSES and (not long or (ch in _HANGS and not hung and _lo(before)))


def _carried(text: str, start: int, used: int, ch: str) -> int:
    """How many of the `used` characters of the line starting at `start` stay on it when
    `ch` does not fit (`_wrap` on text without Latin): before a closing mark, the marks and
    the character before them go down with it; an opening mark never ends a line."""
    k = used
    if ch in _CLOSES:
        while k > 1 and text[start + k - 1] in _CLOSES:
            k -= 1
        k -= 1 if k > 1 else 0
    while k > 1 and text[start + k - 1] in _OPENS:
        k -= 1
    return k


# Whether sum() adds floats one after another (CPython to 3.11; from 3.12 it compensates):
# then the width of j equal characters is the same summed or added up, and `_lines_even`
# looks a line's end up in their running sums.
_SEQUENTIAL = sum(itertools.repeat(0.1, 10)) == functools.reduce(
    operator.add, itertools.repeat(0.1, 10), 0.0)
_SUMS: dict[float, list[float]] = {}


def _sums(e: float, n: int) -> list[float]:
    """0, e, e + e, … (at least `n` + 1 of them), each the one before plus e."""
    sums = _SUMS.get(e)
    if sums is None:
        if len(_SUMS) > 64:
            _SUMS.clear()
        sums = _SUMS[e] = [0.0]
    while len(sums) <= n:
        sums.append(sums[-1] + e)
    return sums


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


# -- the 版记 ------------------------------------------------------------------------------

RECORD_NAME = "版记"     # wp:docPr/@name of the 版记's text box (zones.record_zone)


def _section_geometry(sect) -> tuple[float, float, float]:
    """(block height, block width, grid pitch) in points of a sectPr."""
    h = _twips(_attr(sect, "w:pgSz", "h"))
    w = _twips(_attr(sect, "w:pgSz", "w"))
    top, bottom = _twips(_attr(sect, "w:pgMar", "top")), _twips(_attr(sect, "w:pgMar", "bottom"))
    left, right = _twips(_attr(sect, "w:pgMar", "left")), _twips(_attr(sect, "w:pgMar", "right"))
    grid = sect.find("w:docGrid", NS)
    pitch = _twips(grid.get(W + "linePitch")) if grid is not None and grid.get(
        W + "type") in ("lines", "linesAndChars", "snapToChars") else 0.0
    return abs(h - abs(top) - abs(bottom)), w - left - right, pitch


def record_alone(body, anchor_index: int, styles: Styles) -> bool:
    """Whether the 版记 (the paragraph at `anchor_index` among the body's children) would
    not fit under the text before it, or might not: it fits only if it does, on the same
    page, with the text measured at its shortest and at its longest. (Longer text is not
    always worse: a paragraph pushed over the page can leave the 版记 room under its last
    line on a page the printed text never reaches.)"""
    long, short = _record_pages(body, anchor_index, styles)
    return short is None or short != long


def _record_pages(body, anchor_index: int, styles: Styles) -> list[int | None]:
    """The page the 版记 shares with text, or None when it would not fit under it, with the
    text measured each way (`MODES`)."""
    pager, width = flow_to(body, anchor_index, styles)
    record = pager.measure(list(body)[anchor_index], width)
    out = []
    for pg, lines in zip(pager.pages, record.lines):
        fits = pg.used > 0 and pg.used + sum(lines) <= pg.height - ROUNDING
        out.append(pg.number if fits else None)
    return out


def flow_to(body, index: int, styles: Styles) -> tuple[Paginator, float]:
    """A paginator that has flowed the body's children before `index` (section breaks
    honoured), and the text width where it stands."""
    children = list(body)
    breaks = [p.find(_SECT) if p.tag == _P else None for p in children]
    sections = [s for s in breaks if s is not None] + [body.find("w:sectPr", NS)]
    k = 0
    height, width, grid = _section_geometry(sections[0])
    pager = Paginator(styles, height, grid)
    pager.width = width
    for el, sect in zip(children[:index], breaks):
        pager.flow([el])
        if sect is not None:
            k += 1
            height, width, grid = _section_geometry(sections[k])
            for pg in pager.pages:
                if _attr(sections[k], "w:type", "val") != "continuous":
                    pg.new()
                pg.height, pg.grid = height, grid
            pager.width = width
    return pager, width


# -- the page of the 署名 ------------------------------------------------------------------


@dataclass(frozen=True)
class Mend:
    """How the 署名's page is made to hold 正文 (`signature_split`): `condense` the last
    paragraph by `value` twips a character, `split` it before character `value`, or `keep`
    it (one line) whole with the 署名."""

    kind: str
    value: int = 0


def signature_split(body, last_text: int, group: range, styles: Styles) -> Mend | None:
    """Whether the 署名 page would hold no 正文, and how to mend it (§7.3.5.1: practice never
    lets the 署名 stand on a page without text). `last_text` is the index among the body's
    children of the last 正文 paragraph, `group` the indices of what must stay on one page
    after it: the 附件说明, the 署名 and the 成文日期.

    When the group fits under the paragraph's last line, with the text measured at its
    longest and at its shortest, → None: nothing to do. Otherwise, first the standard's
    adjustment: the paragraph condensed by up to `CONDENSE_MAX` a character, if that takes
    its last line back and the group then fits (→ condense); else → split at the character
    (as `Paginator.measure` counts them) where its last line starts, measured at its longest,
    that line going over with the group; → keep when the paragraph has only one line on its
    page, which then moves whole."""
    pager, width = flow_to(body, last_text, styles)
    p = list(body)[last_text]
    need = _group_need(pager, body, group, width)
    start = [copy.copy(pg) for pg in pager.pages]

    xml = etree.tostring(p)

    def placed(condense: int = 0, margin: float = 0.0) -> tuple[bool, int]:
        """(whether the group fits under the paragraph, condensed by `condense` twips a
        character, its lines on its last page measured longest), its lines `margin` short
        of the edge"""
        m = pager.measure(p, width - margin, condense, xml)
        fits, here_long = True, 0
        for k, (pg0, lines) in enumerate(zip(start, m.lines)):
            pg = copy.copy(pg0)
            here = Paginator._place(pg, m, lines)
            here_long = here if k == 0 else here_long
            fits = fits and pg.used + need[k] <= pg.height - ROUNDING
        return fits, here_long

    fits, here_long = placed()
    if fits:
        return None
    for step in range(1, g.twips(g.CONDENSE_MAX) + 1):
        # a condensed line must not end on the edge: renderers round there (LibreOffice set
        # 29 characters of 15.25 pt, 442.25 pt, on two lines of a 442.25 pt block)
        if placed(step, margin=EDGE * 2)[0]:
            return Mend("condense", step)
    m = pager.measure(p, width, xml=xml)
    if here_long < 2 or len(m.starts) < 2 or m.lines[0][-1] + need[0] > start[0].height:
        return Mend("keep")
    return Mend("split", m.starts[-1])


def _group_need(pager: Paginator, body, group: range, width: float) -> list[float]:
    """The height of the 附件说明, 署名 and 成文日期 (the body's children `group`), each way
    of measuring."""
    children = list(body)
    need = [0.0] * len(MODES)
    for i in group:
        part = pager.measure(children[i], width)
        for k, lines in enumerate(part.lines):
            need[k] += part.before + sum(lines) + part.after
    return need


def signature_rows(body, last_table: int, group: range, styles: Styles) -> int | None:
    """`signature_split` for a body that ends with a table (the body's child `last_table`):
    → None when the 附件说明, 署名 and 成文日期 (`group`) fit under it, measured both ways;
    else how many of its last rows start the next page with them — its last row, the
    header rows repeated over it (`package.split_table`), or every row when it has only one
    under its header, the table then moving whole. A table row is 正文 on the 署名's page."""
    pager, width = flow_to(body, last_table, styles)
    need = _group_need(pager, body, group, width)
    tbl = list(body)[last_table]
    pager.table(tbl, width)
    if all(pg.used + n <= pg.height - ROUNDING for pg, n in zip(pager.pages, need)):
        return None
    rows = tbl.findall("w:tr", NS)
    heads = header_rows(tbl)
    return 1 if len(rows) - heads >= 2 else len(rows)


def header_rows(tbl) -> int:
    """How many rows open the table as its header (w:tblHeader, repeated on each page)."""
    rows = tbl.findall("w:tr", NS)
    return next((i for i, tr in enumerate(rows) if tr.find(_TBL_HEADER) is None),
                len(rows))


def condensed(p, step: int, styles: Styles, in_place: bool = False):
    """Paragraph `p` (a copy, unless `in_place`) with every run's letter spacing `step`
    twips tighter than it resolves to (its own, its style's)."""
    out = p if in_place else copy.deepcopy(p)
    resolver = Paginator(styles, 0.0)
    ppr = out.find(_PPR)
    ppr_key = etree.tostring(ppr) if ppr is not None else b""
    for r in out.iter(W + "r"):
        rpr = r.find("w:rPr", NS)
        spacing = resolver._run_props(ppr, ppr_key, rpr)[1]
        if rpr is None:
            rpr = etree.Element(W + "rPr")
            r.insert(0, rpr)
        el = rpr.find("w:spacing", NS)
        if el is None:
            el = etree.Element(W + "spacing")
            rank = _RPR_ORDER.index("spacing")
            at = next((i for i, c in enumerate(rpr) if etree.QName(c).localname in _RPR_ORDER
                       and _RPR_ORDER.index(etree.QName(c).localname) > rank), len(rpr))
            rpr.insert(at, el)
        el.set(W + "val", str(round(spacing * 20) - step))
    return out


# rPr children in the schema's order (CT_RPr), to put w:spacing where it belongs
_RPR_ORDER = ("rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
              "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
              "highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout "
              "specVanish oMath").split()
