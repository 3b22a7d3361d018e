"""Chinese numbering of body headings, GB/T 9704-2012 7.3.3: 一、 （一） 1. （1）."""

from __future__ import annotations

import re
from functools import lru_cache

from hongtou.rules import RuleError

_FORMS = {1: "{}、", 2: "（{}）", 3: "{}.", 4: "（{}）"}
_CN = "零一二三四五六七八九十百"
# Level 3 must not take `1.5倍` or `2022.3.31` for a heading, hence the digit look-ahead.
_HEADINGS = (
    (1, re.compile(rf"([{_CN}]+)、")),
    (2, re.compile(rf"[（(]([{_CN}]+)[）)]")),
    (3, re.compile(r"(\d{1,2})[.．、](?!\d)")),
    (4, re.compile(r"[（(](\d{1,2})[）)]")),
)


_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))


@lru_cache(maxsize=256, typed=True)
def cn_number(n: int) -> str:
    """1 → 一, 10 → 十 (not 一十), 12 → 十二, 21 → 二十一, 101 → 一百零一, 110 → 一百一十."""
    if isinstance(n, bool) or not isinstance(n, int) or not 0 <= n < 10**16:  # cn2an's range
        raise RuleError("序号应为非负整数")
    if n >= 10000:  # never a heading number; cn2an (0.2 s to import) knows 万 and 亿
        import cn2an
        return cn2an.an2cn(n)
    if n < 20:
        return _DIGITS[n] if n < 10 else "十" + (_DIGITS[n - 10] if n > 10 else "")
    out, zero = [], False
    for value, unit in _UNITS:
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)  # a 零 only between two digits said
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


def heading_prefix(level: int, n: int) -> str:
    """The n-th heading's number at `level` 1–4: `一、` `（一）` `1.` `（1）`."""
    form = _FORMS.get(level)
    if form is None:
        raise RuleError("标题层级应为1至4", "正文标题依次为 一、 （一） 1. （1）")
    return form.format(cn_number(n) if level <= 2 else n)


def detect_heading(text: str) -> tuple[int, str, str]:
    """(level, prefix, rest) of a plain-text paragraph; (0, "", text) when not a heading.

    `prefix` is the typed number in the standard's punctuation (`(一)` → `（一）`, `1．` and
    `1、` → `1.`), ready to print; `rest` is the text after it without leading spaces.
    `第一阶段` and `一是…` are not headings: level 1 needs its 、.
    """
    body = text.lstrip(" \t\u3000")
    for level, pattern in _HEADINGS:
        m = pattern.match(body)
        if m:
            prefix = _FORMS[level].format(m[1] if level <= 2 else int(m[1]))
            return level, prefix, body[m.end():].lstrip(" \t\u3000")
    return 0, "", text
