"""Column widths from the content, and cell text that breaks only where a reader would.

A table's text is of two kinds. *Word* columns (序号, 阶段, 时间, 责任部门, 责任人, 状态 …)
hold short items: a status, a name, a date, a department. Each is a string of unbreakable
tokens — 「已完成」, 「张　华」, 「11月10日」, 「国土空间规划科」 — and a renderer left to
itself breaks them anywhere between two CJK characters (已完/成, 杨/帆, 11月10/日). *Text*
columns (问题描述, 整改措施, 工作任务 …) hold sentences that may break between any two
characters, as 正文 does.

So the widths are chosen here, not declared:

1. every column at least as wide as its header and its longest token, a text column at
   least `TEXT_FLOOR` characters;
2. then the width that makes the table shortest (`_shorten`): a row is as tall as its
   tallest cell, so the width goes, a step at a time, to the column that takes the most
   lines off the rows for it — the long 主要任务, not the short 成果形式 beside it, and a
   word column only where its cell is what makes a row tall;
3. what no row gains from: text columns up to `TEXT_COMFORT` characters (cutting words at
   their seams, see 4, if need be), then up to `TEXT_EASY`, then word columns up to the
   width that holds each of their cells' lines unbroken (the cheapest first), then the rest
   of the block to the text columns, in proportion to how much text they hold;
4. a word cell that still needs more than one line is broken by us, at natural points only
   (after 、，；, before 至 or an opening bracket, between 起 and 长期坚持) — each piece a
   paragraph, so no renderer breaks it again; a token too wide for the page is split where
   a compound name has its seams (before 办公室, 委员会 …) — the last resort, only when the
   page cannot hold the table otherwise;
5. a text cell whose last line would hold one character alone, or that would break inside
   a figure (11月10/日, 60./0%), gets its letter spacing nudged by a fraction of a point
   until it does not — measured with and without hanging punctuation, and a point short of
   the edge, since renderers differ there; when no nudge cures it in every way, we break
   its lines ourselves (`break_lines`). Tables of more than `NUDGE_ROWS` rows are not
   nudged (seconds for a province's ledger).

Widths are measured with the paginator's own text model (`paginate._width`, `_wrap`): a CJK
character one em, digits half an em, Latin letters at their Times widths, LibreOffice's gap
where CJK meets Latin or digits — at its longest, so what fits here fits when printed.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_right
from dataclasses import dataclass
from math import ceil, inf

from . import gbt9704 as g
from .paginate import _CLOSES, _EVEN, _HANGS, _OPENS, EDGE, _lines_even, _width, _wrap

SIZE = g.TABLE_CELL_SIZE / 12700                     # pt, every cell's text (表头 and 表格文字)
PADDING = 2 * g.twips(g.TABLE_CELL_MARGIN) / 20      # pt, left + right cell margin
SLACK = 1.0            # pt per column kept free: what a renderer may round away
TEXT_FLOOR = 6         # characters: a text column never narrower …
TEXT_COMFORT = 8       # … cut words at their seams rather than have it narrower than this
TEXT_EASY = 12         # … and give it this much before word columns grow past their tokens
# Where Times New Roman and Liberation Serif are both missing, LibreOffice sets Latin letters
# and digits in DejaVu Serif: digits 0.636 em where the model counts 0.5, letters up to
# 0.17 em wider than Times (measured: 「3月31日」 54.0 pt at 小四, modelled 49.9). A width
# that must hold in any renderer adds this per ASCII letter or digit.
STANDIN = 0.17         # em
JITTER = 1.0           # pt: a line the model fills to its edge may not fit in print
                       # (a nudged 12-character line of 135.0 pt in 135.2 did not)
NUDGE_ROWS = 2000      # tables longer than this (the full ledger of a province: a register
                       # searched, not read page by page) are not nudged: it would cost
                       # seconds (20,000 rows: 2.6 s)
SHORT_ROWS = 300       # rows weighed when the widths are chosen for the table's height: a
                       # sample of a longer table (the 20,000-row ledger) stands for it
SHORT_STEP = SIZE      # pt: the least a text column is widened by at a time
NUDGES = (-0.25, -0.5, 0.25, -0.75, 0.5, -1.0, 0.75, -1.25, 1.0)   # pt of letter spacing

# Natural break points inside a word cell: after an enumeration comma or a stop, before 至
# (2月15日至3月1日), before an opening bracket, between 起 and 长期坚持, after a space.
_BREAKS = re.compile(r"(?<=[、，；,;/ ])|(?=至)|(?=[（(〔])|(?<=起)(?=长期)")
# The seams of a compound name, used only when a whole token cannot have its own line.
_SEAMS = re.compile(r"(?=办公室|委员会|领导小组|服务中心|管理局|管理处|研究室|研究所|工作部|阶段)"
                    r"|(?<!服务)(?=中心)|(?<=^[省市县区]委)|(?<=^[省市县区]政府)"
                    r"|(?<=[月\u4e00-\u9fff])(?=\d)"
                    r"|(?<=^.[乡镇县区市])|(?<=^..[乡镇县区市])|(?<=^...[乡镇县区市])")
# Figures in running text that must not be split: dates (2022年11月10日), 60.0%, 5天,
# 3个月. A count may end a line before its measure word (15/个工作日) as any two words may.
_FIGURE = re.compile(r"(?:\d+(?:\.\d+)?(?:个月|[年月日天号%％])?)+")
_FOUR = re.compile(r"[\u4e00-\u9fff]{4}")                     # 问题类别: 问题/类别
_WIDE = re.compile(r"[^\u2e80-\u9fff\uff00-\uffef“”‘’…—·]")   # any character not one em wide


@dataclass(frozen=True)
class Spec:
    """What the allocation needs to know of a column: its header, whether it holds running
    text, and a width fixed by the caller (None: from the content)."""

    title: str
    text: bool = False
    width: float | None = None      # pt, cell margins included


@functools.lru_cache(maxsize=1 << 14)   # a thousand letters' names, dates, statuses repeat
def text_width(text: str, size: float = SIZE, spacing: float = 0.0) -> float:
    """A line's width in pt as the paginator measures it at its longest (gaps where CJK meets
    Latin or digits, and `EDGE` kept free when Latin or digits are on it)."""
    if not text:
        return 0.0
    if _WIDE.search(text) is None:                     # all one em: the common case
        return len(text) * (size + spacing)
    total, prev, latin = 0.0, "", 0
    for ch in text:
        total += _width(ch, prev, size, True) + spacing
        if ch.isascii() and ch.isalnum():
            latin += 1
        prev = ch
    return total + (EDGE + latin * STANDIN * size if latin else 0.0)


def tokens(text: str) -> list[str]:
    """The unbreakable pieces of a word cell's paragraph (see `_BREAKS`)."""
    return [t for t in _BREAKS.split(text) if t]


def seams(token: str) -> list[str]:
    """A token cut at its compound seams (see `_SEAMS`); a four-character word with none
    in two (问题/类别, 长期/坚持); else the token itself."""
    parts = [t for t in _SEAMS.split(token) if t] or [token]
    if len(parts) == 1 and _FOUR.fullmatch(token):
        return [token[:2], token[2:]]
    return parts


# a thousand letters' cells repeat their names, dates and statuses: each is cut and measured once
@functools.lru_cache(maxsize=1 << 14)
def _tokens(text: str) -> tuple[str, ...]:
    return tuple(tokens(text))


@functools.lru_cache(maxsize=1 << 14)
def _seam_width(token: str) -> float:
    """The widest piece of `token` cut at its seams."""
    return max(text_width(s) for s in seams(token))


class _Column:
    """One column's measurements, each distinct cell text measured once."""

    def __init__(self, spec: Spec, values):
        self.spec = spec
        heads = [p for p in spec.title.split("\n") if p]
        head = max(map(text_width, heads), default=0.0)
        self.least = head            # every token (and the header) on one line
        self.seamed = max(map(_seam_width, heads), default=0.0)
        body = 0.0                   # the body's longest token
        self.natural = head          # every paragraph on one line
        self.mass = 0.0              # how much text it holds (text columns)
        paras: dict[str, int] = {}     # each distinct paragraph, how many cells hold it
        for v in values:
            for p in (v.split("\n") if "\n" in v else (v,)):
                paras[p] = paras.get(p, 0) + 1
        self.counts: list[tuple[float, int]] = []  # (width, cells) of the wider paragraphs
        if spec.text:
            # sentences: their length in characters is measure enough for how wide they
            # would like to be; only their figures must fit whole
            self.natural = max(head, max((len(p) for p in paras), default=0) * SIZE)
            self.mass = sum(map(len, values)) * SIZE / max(len(values), 1)
            for f in set(_FIGURE.findall("\n".join(paras))):
                if len(f) > 1:
                    self.least = max(self.least, text_width(f))
            floor = min(self.natural, TEXT_FLOOR * SIZE)
            self.least = self.seamed = self.split_head = max(self.least, floor)
            return
        for p in paras:
            w = _digits_width(p)
            if w is not None:        # 序号: one token, no seams
                self.natural = max(self.natural, w)
                self.least = max(self.least, w)
                self.seamed = max(self.seamed, w)
                body = max(body, w)
                continue
            w = text_width(p)
            self.natural = max(self.natural, w)
            if w <= self.seamed:
                continue
            self.counts.append((w, paras[p]))
            for t in _tokens(p):
                tw = text_width(t)
                self.least = max(self.least, tw)
                body = max(body, tw)
                if tw > self.seamed:
                    self.seamed = max(self.seamed, _seam_width(t))
        # the header in two lines (问题/类别), the body's tokens whole
        self.split_head = min(self.least, max(body, self.seamed))


    def broken(self, width: float) -> int:
        """How many cells would need more than one line per paragraph at `width`."""
        return sum(n for w, n in self.counts if w > width + 0.01)


def _digits_width(text: str) -> float | None:
    """The width of a string of ASCII digits (序号), without measuring it character by
    character; None for any other text."""
    if text.isascii() and text.isdigit():
        return len(text) * SIZE * (0.5 + STANDIN) + EDGE
    return None


def natural_width(title: str, values: list[str]) -> float:
    """The width (pt, cell margins included) of a word column whose every line stands
    unbroken."""
    return _Column(Spec(title), values).natural + PADDING + SLACK


def allocate(specs: list[Spec], rows: list[list[str]], total: float) -> list[float]:
    """Widths in pt, cell margins included, adding up to `total` (see the module docstring).
    `rows`: the body's cell texts, column by column as in `specs`."""
    return _allocate(specs, [[r[i] for r in rows] for i in range(len(specs))], total)[0]


def _allocate(specs: list[Spec], texts: list[list[str]],
              total: float) -> tuple[list[float], list[_Column]]:
    """`allocate` of the cell texts given column by column; the columns' measures too."""
    cols = [_Column(s, t) for s, t in zip(specs, texts)]
    extra = PADDING + SLACK
    width = [s.width if s.width is not None else c.least + extra for s, c in zip(specs, cols)]
    free = [i for i, s in enumerate(specs) if s.width is None]
    text = [i for i in free if specs[i].text]
    words = [i for i in free if not specs[i].text]
    comfort = {i: max(width[i], min(cols[i].natural, TEXT_COMFORT * SIZE) + extra) for i in text}
    want = sum(comfort[i] - width[i] for i in text)
    # the page cannot hold every token whole, or the text would be squeezed: put headers in
    # two lines, then cut compound names at their seams, the column that gains most first
    for level in ("split_head", "seamed"):
        # fewest cells broken first, then the most room gained
        for i in sorted(words, key=lambda i: (cols[i].broken(getattr(cols[i], level)),
                                              getattr(cols[i], level) + extra - width[i])):
            if total - sum(width) >= want:
                break
            width[i] = min(width[i], getattr(cols[i], level) + extra)
    if sum(width) > total:
        # nothing natural is left: shrink in proportion (words will break)
        over = sum(width) - total
        room = sum(width[i] for i in free) or 1.0
        return [w - over * w / room if i in free else w for i, w in enumerate(width)], cols
    spare = total - sum(width)

    def grow(i: int, to: float) -> None:
        nonlocal spare
        add = max(0.0, min(to - width[i], spare))
        width[i] += add
        spare -= add

    spare = _shorten(specs, cols, texts, width, spare)
    for i in text:
        grow(i, comfort[i])
    for i in text:
        grow(i, max(width[i], min(cols[i].natural, TEXT_EASY * SIZE) + extra))
    for i in sorted(words, key=lambda i: cols[i].natural - width[i]):
        if cols[i].natural + extra - width[i] <= spare:
            grow(i, cols[i].natural + extra)
    if not any(cols[i].natural + extra > width[i] for i in text):
        # the text is all on its lines: what is left spares word cells a line, as many
        # cells as it can
        for i in sorted(words, key=lambda i: -cols[i].broken(width[i] - extra)):
            fits = [w for w, _ in cols[i].counts if width[i] < w + extra <= width[i] + spare]
            if fits:
                grow(i, max(fits) + extra)
    receivers = [i for i in text if cols[i].natural + extra > width[i]] or text or words or free
    weight = {i: (cols[i].mass if specs[i].text else width[i]) or 1.0 for i in receivers}
    share = sum(weight.values())
    for i in receivers:
        width[i] += spare * weight[i] / share
    return width, cols


def _settled(specs: list[Spec], cols: list["_Column"], width: list[float],
             free: list[int]) -> bool:
    """Whether `_shorten` would give every point to the one text column (or to none): every
    word cell on its line already and at most one text column — a 督办's table, most of the
    time (a fifth of a millisecond a letter saved)."""
    extra = PADDING + SLACK
    return sum(specs[i].text for i in free) <= 1 and all(
        cols[i].natural + extra <= width[i] + 0.01 for i in free if not specs[i].text)


def _shorten(specs: list[Spec], cols: list[_Column], texts: list[list[str]],
             width: list[float], spare: float) -> float:
    """Give `spare` pt, a step at a time, to whichever column shortens the table most for
    the width it takes — as a typesetter widens 主要任务, not 成果形式, when 主要任务 makes
    every row nine lines tall, and lets 「2月中旬至3月下旬」 take two lines in a row that tall.
    A row (the header too) is as tall as its tallest cell: a text cell's lines are its
    length over its width (a fraction, so that every step counts), a word cell's the lines
    `lines` breaks it into (its tokens whole, as they were given room for). A text
    column is offered the width at which one of its paragraphs needs a line less, a word
    column the next width at which one of its cells does. Stops when no step shortens a
    row; the rest of `spare` is returned, to be shared out as before. Widths change in
    place."""
    extra = PADDING + SLACK
    free = [i for i, s in enumerate(specs) if s.width is None]
    n = len(texts[0]) if texts else 0
    if n == 0 or not free:
        return spare
    if _settled(specs, cols, width, free):
        return spare
    picked = range(n) if n <= SHORT_ROWS else range(0, n, -(-n // SHORT_ROWS))
    cells = [[specs[i].title, *(texts[i][r] for r in picked)] for i in range(len(specs))]
    distinct = [set(c) for c in cells]
    counted: dict[tuple[str, float], int] = {}
    sized: dict[str, list[float]] = {}
    runs: dict[str, list[float]] = {}

    def count(t: str, inner: float) -> int:
        k = counted.get((t, inner))
        if k is None:
            k = counted[(t, inner)] = lines(t, inner).count("\n") + 1 if t else 1
        return k

    def heights(i: int, w: float) -> list[float]:
        inner = w - extra
        if not specs[i].text:
            return [count(t, inner) for t in cells[i]]
        return [count(cells[i][0], inner),
                *(sum(max(1.0, x / inner) for x in sized[t]) if t else 1.0
                  for t in cells[i][1:])]

    def run_widths(t: str) -> list[float]:
        """Every width a line of `t` can have (runs of its pieces), ascending."""
        got = runs.get(t)
        if got is None:
            pieces = [x for p in t.split("\n") for tok in tokens(p) for x in seams(tok)]
            got = runs[t] = sorted({text_width("".join(pieces[a:b]))
                                    for a in range(len(pieces))
                                    for b in range(a + 1, len(pieces) + 1)})
        return got

    def offer(i: int) -> float | None:
        """The width offered to column i: for text, the narrowest at which one of its
        paragraphs needs a line less (at least `SHORT_STEP` more); for words, the narrowest
        at which one of its cells does."""
        inner, best = width[i] - extra, inf
        if specs[i].text:
            for t in distinct[i]:
                for x in sized.get(t, ()):
                    k = ceil(x / inner - 1e-9)
                    if k > 1:
                        best = min(best, x / (k - 1))
            return max(best, inner + SHORT_STEP) + extra
        for t in distinct[i]:
            k = count(t, inner)
            if k == 1:
                continue
            line = run_widths(t)
            for w in line[bisect_right(line, inner + 0.01):]:
                if w >= best:
                    break
                if count(t, w) < k:
                    best = w
                    break
        return None if best == inf else best + extra

    for i in free:
        if specs[i].text:
            sized.update((t, [text_width(p) for p in t.split("\n")])
                         for t in distinct[i] if t not in sized)
    now = [heights(i, w) for i, w in enumerate(width)]
    offers: dict[int, tuple[float, list[float]] | None] = {}
    while spare > 0.01:
        top = []                          # per row: its tallest cell, which, the next
        for heights_of_row in zip(*now):
            h = max(heights_of_row)
            at = heights_of_row.index(h)
            top.append((h, at, max(heights_of_row[:at] + heights_of_row[at + 1:], default=1.0)))
        tall = sum(t[0] for t in top)
        best = None
        for i in free:
            if i not in offers:
                to = offer(i)
                offers[i] = None if to is None else (to, heights(i, min(to, width[i] + spare)))
            if offers[i] is None:
                continue
            to, new = offers[i]
            if to - width[i] > spare + 0.01:
                if not specs[i].text:
                    continue            # half the way gains a word cell nothing
                to, new = width[i] + spare, heights(i, width[i] + spare)
            after = sum(max(h, second if at == i else first)
                        for h, (first, at, second) in zip(new, top))
            rate = (tall - after) / (to - width[i])
            if tall - after > 1e-6 and (best is None or rate > best[0]):
                best = (rate, i, to, new)
        if best is None:
            break
        _, i, to, new = best
        spare -= to - width[i]
        width[i], now[i] = to, new
        del offers[i]
    return spare


def lines(text: str, width: float) -> str:
    """A word cell's text broken into lines (paragraphs, joined by "\\n") that each fit
    `width` pt of text, at natural points only; a token wider than the line is cut at its
    seams, and only when it has none is it left for the renderer to break."""
    out = []
    for para in text.split("\n"):
        if text_width(para) <= width:
            out.append(para)
            continue
        pieces = []
        for t in tokens(para):
            pieces.extend(seams(t) if text_width(t) > width else (t,))
        line = ""
        for piece in pieces:
            if line and text_width(line + piece) > width:
                out.append(line)
                line = piece
            else:
                line += piece
        out.append(line)
        if len(out) > 1 and len(out[-1]) == 1 and len(out[-2]) > 1:
            # never one character alone: take the one before it down too
            out[-2:] = [out[-2][:-1], out[-2][-1] + out[-1]]
    return "\n".join(out)


def nudge(text: str, width: float, size: float = SIZE) -> float | None:
    """Letter spacing (pt) for a text cell's paragraph laid `width` pt wide: 0 when it
    neither leaves one character alone on its last line nor breaks inside a figure, else
    the smallest of `NUDGES` that cures both, measured the ways the paginator measures
    (at its longest and shortest, `JITTER` short of the edge) and with no mark hanging
    past the edge; None when none does."""
    if len(text) < 2 or text_width(text, size) <= width - 0.01:
        return 0.0
    figures = None
    ways = None
    for spacing in (0.0, *NUDGES):
        even = _even(text, width, size, spacing)
        if even is not None:
            if even:
                return spacing
            continue
        if ways is None:
            figures = _figures(text)
            ways = _ways(text, size)
        if all(_clean(text, spaced, w, long, figures)
               for long, chars in ways
               for spaced in (chars + spacing if chars.__class__ is float
                              else [(c, x + spacing) for c, x in chars],)
               for w in (_edges(width, spacing) if long else (width,))):
            return spacing
    return None


def break_lines(text: str, width: float, size: float = SIZE) -> str:
    """`text` broken by us into lines ("\\n") that fit `width` measured at their longest,
    `JITTER` short of the edge and with no mark hanging, so no renderer breaks them again;
    the last line never one character alone and no figure split — for the paragraph no
    nudge cures."""
    chars = _ways(text, size)[0][1]
    if chars.__class__ is float:       # all one em
        chars = [(c, chars) for c in text]
    figures = _figures(text)
    ends = _ends(chars, _wrap(chars, width - JITTER, 0.0, True, False))[:-1]
    for k, e in enumerate(ends):      # a figure moves to the next line whole
        start = next((a for a, b in figures if a < e < b), None)
        if start is not None and start > (ends[k - 1] if k else 0):
            ends[k] = start
    if ends and len(text) - ends[-1] <= 1:
        e = ends[-1] - 1
        while e > (ends[-2] if len(ends) > 1 else 0) + 1 and (
                text[e] in _CLOSES or text[e - 1] in _OPENS):
            e -= 1
        ends[-1] = e
    cuts = [0, *ends, len(text)]
    return "\n".join(text[a:b] for a, b in zip(cuts, cuts[1:]) if a < b)


def _figures(text: str) -> list[tuple[int, int]]:
    """Where the figures of more than one character stand in `text` (see `_FIGURE`)."""
    return [m.span() for m in _FIGURE.finditer(text) if m.end() - m.start() > 1]


def _ends(chars: list[tuple[str, float]], lines: list[float]) -> list[int]:
    """Where each of the lines (their widths, as `_wrap` gives them) ends among `chars`."""
    ends, at = [], 0
    for w in lines:
        run = 0.0
        while at < len(chars) and run + chars[at][1] <= w + 1e-6:
            run += chars[at][1]
            at += 1
        ends.append(at)
    return ends


def _ways(text: str, size: float) -> list[tuple[bool, list[tuple[str, float]] | float]]:
    """The paragraph's characters with their widths at the longest (with `STANDIN`) and
    the shortest, the second left out when both are the same and no mark hangs differently;
    for a paragraph all one em (`_EVEN`), that em instead of the list."""
    hangs = not any(c in _CLOSES and c not in _HANGS for c in text)
    if _EVEN.fullmatch(text):
        em = _width(text[0], "", size, True) if text else size
        return [(True, em)] if hangs else [(True, em), (False, em)]
    long, short, prev = [], [], ""
    standin = STANDIN * size
    for ch in text:
        w = _width(ch, prev, size, True)
        long.append((ch, w + standin if ch.isascii() and ch.isalnum() else w))
        short.append((ch, _width(ch, prev, size, False)))
        prev = ch
    if long == short and hangs:
        return [(True, long)]
    return [(True, long), (False, short)]


def _edges(width: float, spacing: float) -> tuple[float, ...]:
    """The widths a line of letters `spacing` apart may in practice have to fit: the
    model's, `JITTER` less, and the model's with the last letter's spacing not counted
    (LibreOffice: eight letters 0.5 pt apart fitted in 0.35 pt less than the model's)."""
    return (width, width - JITTER, width + spacing) if spacing else (width, width - JITTER)


def _even(text: str, width: float, size: float, spacing: float) -> bool | None:
    """`_clean` for a paragraph of characters all one em wide where no mark stands at a
    line's end or start: every line then holds the same number of characters, whichever
    way it is measured, and `_wrap` need not be run. None when that is not so."""
    if _WIDE.search(text) is not None:
        return None
    n = len(text)
    clean = True
    for w in _edges(width, spacing):
        k = int((w + 0.01) // (size + spacing))
        if k < 1:
            return None
        for e in range(k, n, k):
            if text[e] in _CLOSES or text[e - 1] in _OPENS:
                return None
        clean = clean and (n <= k or n % k != 1)
    return clean


def _clean(text: str, chars: list[tuple[str, float]], width: float, long: bool,
           figures: list[tuple[int, int]]) -> bool:
    """Whether `chars` wrapped `width` wide end with more than one character on the last
    line and break inside no figure — with marks hanging as the paginator has them, and,
    where one did hang, with none hanging."""
    lines, ends = _wrapped(text, chars, width, long)
    if not _clean_ends(text, ends, figures):
        return False
    if max(lines) > width:       # a mark hung: the same without hanging
        return _clean_ends(text, _wrapped(text, chars, width, long, False)[1], figures)
    return True


def _wrapped(text: str, chars: list[tuple[str, float]] | float, width: float, long: bool,
             hang: bool = True) -> tuple[list[float], list[int]]:
    """`_wrap` of `chars` (the characters of `text` with their widths, or the one width of
    them all), and where each line ends (`_ends`): counted, not measured, when every
    character is one em (`_lines_even`)."""
    if chars.__class__ is float or (chars and _EVEN.fullmatch(text)):
        counts: list[int] = []     # every width the same: an em and the spacing
        lines: list[float] = []
        e = chars if chars.__class__ is float else chars[0][1]
        _lines_even(text, e, width, 0.0, long, counts, hang, lines)
        return lines, list(itertools.accumulate(counts))
    lines = _wrap(chars, width, 0.0, long, hang)
    return lines, _ends(chars, lines)


def _clean_ends(text: str, ends: list[int], figures: list[tuple[int, int]]) -> bool:
    if len(ends) > 1 and len(text) - ends[-2] <= 1:
        return False
    return not any(a < e < b for e in ends[:-1] for a, b in figures)


def fit(specs: list[Spec], rows: list[list],
        total: float) -> tuple[list[float], list[str], list[list]]:
    """Widths (pt, adding up to `total`), the headers and the rows made ready for them:
    a word cell broken at its natural points (`lines`), a text cell given as
    (text, fill, spacing) when its letter spacing needs a nudge (`nudge`). A cell may be a
    string or (text, fill); its form is kept otherwise."""
    columns = [list(c) for c in zip(*rows)] if rows else [[] for _ in specs]
    texts = [[v if v.__class__ is str else _text(v) for v in c] for c in columns]
    # in twips, the unit Word stores, the widest column taking what rounding leaves over:
    # the cells are made ready for the widths as written
    widths, measured = _allocate(specs, texts, total)
    tw = [round(w * 20) for w in widths]
    tw[max(range(len(tw)), key=tw.__getitem__)] += round(total * 20) - sum(tw)
    widths = [t / 20 for t in tw]
    out = list(rows)
    copied: set[int] = set()

    def put(r: int, i: int, value) -> None:       # rows are copied only where they change
        if r not in copied:
            out[r] = list(out[r])
            copied.add(r)
        out[r][i] = value

    titles = []
    for i, (spec, w) in enumerate(zip(specs, widths)):
        inner = w - PADDING
        titles.append(spec.title if text_width_fits(spec.title, inner)
                      else lines(spec.title, inner))
        if spec.text:
            if len(out) > NUDGE_ROWS:
                continue
            for r, (v, t) in enumerate(zip(columns[i], texts[i])):
                if not t:
                    continue
                paras = t.split("\n")
                spacings = [nudge(p, inner) for p in paras]
                fill = v[1] if v.__class__ is tuple else ""
                if len(paras) == 1 and spacings[0]:          # the common case
                    put(r, i, (t, fill, spacings[0]))
                elif len(paras) > 1 and any(x != 0.0 for x in spacings):
                    spacings = [None if x else x for x in spacings]   # one spacing a cell
                if any(x is None for x in spacings):
                    # no nudge cures it: break its lines ourselves
                    put(r, i, ("\n".join(break_lines(p, inner) if x is None else p
                                         for p, x in zip(paras, spacings)), fill))
            continue
        if measured[i].natural <= inner:
            continue                   # every line of the column fits as it is
        done: dict[str, str] = {}
        for r, (v, t) in enumerate(zip(columns[i], texts[i])):
            new = done.get(t)
            if new is None:
                new = done[t] = t if text_width_fits(t, inner) else lines(t, inner)
            if new != t:
                put(r, i, (new, v[1]) if v.__class__ is tuple else new)
    return widths, titles, out


def text_width_fits(text: str, width: float) -> bool:
    """Whether every paragraph of `text` fits `width` pt on one line."""
    return all((_digits_width(p) or text_width(p)) <= width for p in text.split("\n"))


def _text(v) -> str:
    if v.__class__ is tuple:
        v = v[0]
    return "" if v is None else str(v)
