"""Wrapping a long document title (§7.3.1): between words, never inside one, into a trapezoid.

A title is broken only where a reader would pause: around punctuation and book-title marks,
after the fixed words that open an official title (关于, 印发, 转发, 开展 …) and before the
words that close it (的通知, 的意见 …). Among the ways to break it into the fewest lines, the
one that forms a trapezoid — every line no longer than the one above — and is most even wins.
No dictionary is loaded, so this costs microseconds.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata

# a break may fall before these …
_BEFORE = re.compile(r"(?=[《“‘（(【])|(?<![目有])(?=的..)")
# … and after these
_AFTER = re.compile(r"(?<=[》”’）)】、，,：:；;—])|(?<=^关于)|(?<=关于印发)|(?<=关于转发)"
                    r"|(?<=印发)|(?<=转发)|(?<=开展)|(?<=做好)|(?<=加强)|(?<=进一步)|(?<=推进)"
                    r"|(?<=活动)|(?<=工作)|(?<=建设)|(?<=问题)|(?<=专项)")


def ems(text: str) -> float:
    """Width in ems: CJK, full-width and East Asian ambiguous characters (“ ” ‘ ’ — …, set in
    the CJK face) one, others (digits, Latin) half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# a quoted or book-titled name this short is one word (“干部作风建设年”, 《条例》): never broken
SHORT_NAME = 12
_SHORT_QUOTED = re.compile(r"“[^“”]{1,%d}”|‘[^‘’]{1,%d}’|《[^《》]{1,%d}》" % ((SHORT_NAME,) * 3))


def break_points(text: str) -> list[int]:
    """Offsets where the title may be broken (never 0 or len)."""
    points = {m.start() for m in _BEFORE.finditer(text)} | {m.end() for m in _AFTER.finditer(text)}
    inside = {p for m in _SHORT_QUOTED.finditer(text) for p in range(m.start() + 1, m.end())}
    # never leave an opening mark at a line end, nor a closing mark or dash at a line start
    return sorted(p for p in points if 0 < p < len(text) and p not in inside
                  and text[p - 1] not in "《“‘（(【" and text[p] not in "》”’）)】、，。：；—")


def wrap_title(text: str, width_ems: float) -> list[str]:
    """The title's lines. One line if it fits; otherwise the fewest lines that break only at
    `break_points`, preferring a trapezoid, then evenness. Falls back to [text] (the word
    processor wraps it) when no break points allow it."""
    if ems(text) <= width_ems:
        return [text]
    points = break_points(text)
    least = math.ceil(ems(text) / width_ems)
    for lines_count in range(least, least + 3):
        best = _best(text, points, lines_count, width_ems)
        if best:
            return best
    return [text]


def _best(text: str, points: list[int], n: int, width: float) -> list[str] | None:
    if n - 1 > len(points):
        return None
    best, best_key = None, None
    for cut in itertools.combinations(points, n - 1):
        bounds = (0, *cut, len(text))
        lines = [text[a:b] for a, b in zip(bounds, bounds[1:])]
        sizes = [ems(s) for s in lines]
        if max(sizes) > width:
            continue
        trapezoid = all(a >= b for a, b in zip(sizes, sizes[1:]))
        key = (not trapezoid, max(sizes) - min(sizes))
        if best_key is None or key < best_key:
            best, best_key = lines, key
    return best
