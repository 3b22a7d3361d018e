"""Punctuation as a Chinese document prints it: full width in Chinese context (GB/T 15834).

Text pasted from web pages, PDFs and English keyboards carries half-width `, . ; : ? ! ( ) "`
between Chinese characters. `full_width` turns those into `，。；：？！（）“”`, but only where
the neighbours are Chinese: `1.5`, `1,000`, `9:30`, `Times New Roman, Arial`, a URL or an
e-mail address keep their ASCII punctuation. Spaces beside full-width punctuation go (a
full-width mark carries its own space); spaces between two Chinese characters stay, because
offices pad two-character names with one (`张 华`).
"""

from __future__ import annotations

import re

# Full-width punctuation and symbols a Chinese sentence uses (besides the ideographs).
CHINESE_MARKS = "，。；：？！、“”‘’（）《》〈〉【】〔〕—…·～"
_SPACE_AROUND = re.compile(rf"[ \t]*([{CHINESE_MARKS}])[ \t]*")
# URLs, e-mail addresses and Windows paths: printable ASCII only, so they end where the
# Chinese starts; a final , . ; : ! ? ) belongs to the sentence, not to the address.
_PROTECTED = re.compile(
    r"(?:(?:https?|ftp)://|www\.)[!-~]+"
    r"|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|[A-Za-z]:\\[!-~]*")
_TRAILING = ",.;:!?)'\""
_SIMPLE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_PAIR = re.compile(r"[(（]([^()\n]*)[)）]")
_DOUBLE = re.compile(r'"([^"\n]*)"')
_SINGLE = re.compile(r"'([^'\n]*)'")
_ELLIPSIS = re.compile(r"\.{3,}|…+")


def is_chinese(ch: str | None) -> bool:
    """A CJK ideograph or a full-width Chinese mark."""
    if not ch:
        return False
    o = ord(ch)
    return (0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF or 0x3000 <= o <= 0x303F
            or 0xFF01 <= o <= 0xFF5E or ch in CHINESE_MARKS)


def has_chinese(text: str) -> bool:
    return any(is_chinese(c) for c in text)


def full_width(text: str) -> str:
    """`text` with half-width punctuation made full width where it sits in Chinese."""
    if not has_chinese(text):
        return text
    out = []
    last = 0
    for m in _PROTECTED.finditer(text):
        end = m.start() + len(m[0].rstrip(_TRAILING))
        out.append(_convert(text[last:m.start()]))
        out.append(text[m.start():end])
        last = end
    out.append(_convert(text[last:]))
    return "".join(out)


def _convert(seg: str) -> str:
    """Pairs first, then single marks; again while anything changes, since a mark made
    full width makes its neighbours Chinese context (`"?"` next to `：`)."""
    for _ in range(8):
        new = _convert_once(seg)
        if new == seg:
            break
        seg = new
    return seg


def _convert_once(seg: str) -> str:
    if not seg:
        return seg
    seg = _pairs(seg)
    seg = _ELLIPSIS.sub(lambda m: "……" if _ellipsis_in_chinese(seg, m) else m[0], seg)
    chars = list(seg)
    changed = True
    while changed:       # a run such as ,,” turns full width from the Chinese side in
        changed = False
        for i, ch in enumerate(chars):
            if ch in _SIMPLE and not _keep_ascii(ch, _neighbour(chars, i, -1),
                                                 _neighbour(chars, i, 1), i, chars):
                chars[i] = _SIMPLE[ch]
                changed = True
    return _SPACE_AROUND.sub(r"\1", "".join(chars))


def _neighbour(chars: list[str], i: int, step: int) -> str | None:
    j = i + step
    while 0 <= j < len(chars) and chars[j] in " \t":
        j += step
    return chars[j] if 0 <= j < len(chars) else None


def _keep_ascii(ch: str, before: str | None, after: str | None, i: int,
                chars: list[str]) -> bool:
    latin = (lambda c: c is not None and c.isascii() and c.isalnum())
    if latin(before) and latin(after):
        return True                    # 1.5, 1,000, 9:30, e.g, file.txt, A,B
    if ch == ".":
        # a full stop only after Chinese text (达到95. at the end of a Chinese sentence too)
        if is_chinese(before):
            return False
        return not (before and before.isdigit() and after is None and _chinese_before(chars, i))
    return not (is_chinese(before) or is_chinese(after))


def _chinese_before(chars: list[str], i: int) -> bool:
    """The character before the digits that end just before position i is Chinese."""
    j = i - 1
    while j >= 0 and chars[j].isdigit():
        j -= 1
    return j >= 0 and is_chinese(chars[j])


def _pairs(seg: str) -> str:
    """Brackets and quotes in pairs: `(说明)` → `（说明）`, `"五问"` → `“五问”`."""
    def paren(m: re.Match[str]) -> str:
        start = m.start()
        prev = seg[start - 1] if start else ""
        if "（" in m[0] or "）" in m[0] or has_chinese(m[1]) or is_chinese(prev):
            return f"（{m[1]}）"
        return m[0]

    for _ in range(4):  # nested brackets, innermost first
        new = _PAIR.sub(paren, seg)
        if new == seg:
            break
        seg = new
    seg = _DOUBLE.sub(lambda m: f"“{m[1]}”" if has_chinese(m[1]) or _chinese_next_to(seg, m)
                      else m[0], seg)
    return _SINGLE.sub(lambda m: f"‘{m[1]}’" if has_chinese(m[1]) else m[0], seg)


def _chinese_next_to(seg: str, m: re.Match[str]) -> bool:
    prev = seg[m.start() - 1] if m.start() else ""
    nxt = seg[m.end()] if m.end() < len(seg) else ""
    return is_chinese(prev) or is_chinese(nxt)


def _ellipsis_in_chinese(seg: str, m: re.Match[str]) -> bool:
    prev = seg[m.start() - 1] if m.start() else ""
    return m[0].startswith("…") or is_chinese(prev)
