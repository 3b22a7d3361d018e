"""Dates and periods as offices write them: Excel serials, `2022.3.31`, `3月底`, `长期坚持`.

`parse_when` is called once per date cell (tens of thousands per workbook), so the patterns
are compiled once here and parsed strings are cached.
"""

from __future__ import annotations

import calendar
import math
import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from hongtou.model import When, WhenKind
from hongtou.rules import RuleError
from hongtou.rules.text import unify

MIN_YEAR, MAX_YEAR = 1990, 2100

HINT = "可写成 2022-03-31、2022年3月31日、3月31日、3月底、3月下旬、年底前、长期坚持、立行立改 等"
_CHECK_HINT = "请核对后改为实际存在的日期"
_YEAR_CHECK_HINT = "请核对年份，如 2022-03-31"
_YEAR_HINT = "请写出年份，如 2022年3月31日"

# Excel's 1900 date system counts a 1900-02-29 that never was (serial 60), so from serial 61
# on a serial is the number of days since 1899-12-30. Only MIN_YEAR..MAX_YEAR is accepted,
# which keeps the 1900 quirk out of reach and turns stray numbers (amounts, counts) into errors.
_EXCEL_EPOCH = date(1899, 12, 30)
_MIN_SERIAL = (date(MIN_YEAR, 1, 1) - _EXCEL_EPOCH).days
_MAX_SERIAL = (date(MAX_YEAR, 12, 31) - _EXCEL_EPOCH).days

_WORDS = {
    "长期坚持": WhenKind.ONGOING,
    "持续整改": WhenKind.ONGOING,
    "长期": WhenKind.ONGOING,
    "立行立改": WhenKind.IMMEDIATE,
    "立即整改": WhenKind.IMMEDIATE,
}
_WORD_TEXT = {WhenKind.ONGOING: "长期坚持", WhenKind.IMMEDIATE: "立行立改"}

# Patterns run on the text without spaces, after the 前 suffix is cut off.
_YMD = re.compile(
    r"(\d{4})(?:年(\d{1,2})月(\d{1,2})[日号]?|([-/.－／．])(\d{1,2})\4(\d{1,2})|(\d{2})(\d{2}))"
)
_MD = re.compile(r"(\d{1,2})(?:月(\d{1,2})[日号]?|[-/.－／．](\d{1,2}))")
_MONTH = re.compile(r"(?:(\d{4})年)?(\d{1,2})月(底|末|份|上旬|中旬|下旬)?")
_YM = re.compile(r"(\d{4})[-/.－／．](\d{1,2})")
_YEAR_END = re.compile(r"(?:(\d{4})年年?|年)(?:底|末|内)")
_BEFORE = re.compile(r"(?:之|以)?前$")
_TIME = re.compile(r"[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")  # "2022-03-31 00:00:00" from CSV
_RANGE = re.compile(r"\d.*(?:至|到|~|～|—).*\d")
_NUMBER_MD = re.compile(r"(\d{1,2})\.(\d{1,2})")

_TEN_DAYS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31)}

_CN_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
_CN_RUN = re.compile("[〇零一二两三四五六七八九十]+")


# -- formatting ----------------------------------------------------------------------------


def format_date(d: date) -> str:
    """`2022年2月15日`: GB/T 9704 7.3.5.3, no zero padding."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_md(d: date, year: int | None = None) -> str:
    """`2月15日`, or `2023年1月15日` when `year` is given and `d` falls in another year."""
    if year is not None and d.year != year:
        return format_date(d)
    return f"{d.month}月{d.day}日"


def span_text(start: When | None, end: When) -> str:
    """Wording of a phase or task span: `2月28日至3月30日`, `4月上旬起长期坚持`.

    `start` may be None (a task with only a deadline); then only the end is worded.
    """
    if start is None or start.text == end.text:
        return end.text
    if start.kind is WhenKind.IMMEDIATE and end.kind is WhenKind.ONGOING:
        return "立行立改、长期坚持"
    if end.kind is WhenKind.ONGOING:
        return f"{start.text}起长期坚持"
    return f"{start.text}至{end.text}"


# -- parsing -------------------------------------------------------------------------------


def parse_when(value: object, year: int | None) -> When:
    """A date cell as typed (see CONTRACT.md) → `When`; anything else raises RuleError.

    `year` is the campaign's year: it completes `3月31日` and decides whether the year is
    printed in `When.text`. Without it, forms lacking a year are refused.
    """
    if isinstance(value, str):
        return _parse_text(value, year)
    if isinstance(value, datetime):
        return _on_day(value.date(), year)
    if isinstance(value, date):
        return _on_day(value, year)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _parse_number(value, year)
    if value is None:
        raise RuleError("未填写日期", HINT)
    raise RuleError("无法识别为日期", HINT)


def _on_day(d: date, year: int | None) -> When:
    _check_year(d.year)
    return _day_when(d, year)


def _day_when(d: date, year: int | None) -> When:
    """A single day; `When.text` carries the year unless it is the campaign's (inlined
    `format_md`: this is the hot path)."""
    if d.year == year:
        return When(WhenKind.DATE, d, d, f"{d.month}月{d.day}日")
    return When(WhenKind.DATE, d, d, f"{d.year}年{d.month}月{d.day}日")


def _parse_number(v: int | float, year: int | None) -> When:
    """An Excel serial; or what Excel made of `20220331` or `3.31` typed into a number cell."""
    if not math.isfinite(v) or v <= 0:
        raise RuleError("数字不是有效的日期", HINT)
    if _MIN_SERIAL <= v < _MAX_SERIAL + 1:
        return _on_day(_EXCEL_EPOCH + timedelta(days=int(v)), year)
    if v == int(v) and 10_000_000 <= v < 100_000_000:
        return _parse_text(str(int(v)), year)
    md = _NUMBER_MD.fullmatch(repr(v)) if isinstance(v, float) else None
    if md is None:
        raise RuleError("数字不是有效的日期", HINT)
    # Excel drops the trailing zero of 3.10, so a number cell showing 3.1 may mean either day.
    month, tenth = int(md[1]), md[2]
    if len(tenth) == 1 and 1 <= month <= 12:
        day = int(tenth)
        if day * 10 <= calendar.monthrange(year or 2000, month)[1]:
            raise RuleError(
                f"数字格式无法区分{month}月{day}日与{month}月{day * 10}日",
                f"请写成 {month}月{day}日 或 {month}月{day * 10}日",
            )
    return _parse_text(md[0], year)


@lru_cache(maxsize=4096)
def _parse_text(raw: str, year: int | None) -> When:
    # Fast path: `\d` and int() already read full-width digits, and the patterns accept the
    # full-width separators, so most cells never need `unify`.
    s = "".join(raw.split())
    if not s:
        raise RuleError("未填写日期", HINT)
    when = _match(s, year)
    if when is None:
        s = unify(raw)
        if ":" in s:
            s = _TIME.sub("", s)
        s = s.replace(" ", "")
        when = _match(s, year)
    if when is None and _CN_RUN.search(s):  # 三月底, 二〇二二年三月三十一日
        when = _match(_CN_RUN.sub(_cn_number, s), year)
    if when is None:
        if _RANGE.search(s):
            raise RuleError("一个单元格只能填写一个日期", "起始日期和截止日期请分开填写")
        raise RuleError("无法识别为日期", HINT)
    return when


def _match(s: str, year: int | None) -> When | None:
    kind = _WORDS.get(s)
    if kind is not None:
        return When(kind, None, None, _WORD_TEXT[kind])
    if s[-1] == "前":
        s = _BEFORE.sub("", s) or s
    if m := _YMD.fullmatch(s):
        y, m1, d1, _, m2, d2, m3, d3 = m.groups()
        month, day = (m1, d1) if m1 else (m2, d2) if m2 else (m3, d3)
        return _day_when(_make_date(int(y), int(month), int(day)), year)
    if m := _MD.fullmatch(s):
        month, d1, d2 = m.groups()
        return _day_when(_make_date(_need(year), int(month), int(d1 or d2)), year)
    if m := _MONTH.fullmatch(s):
        return _month(int(m[1]) if m[1] else _need(year), int(m[2]), m[3] or "", year)
    if m := _YM.fullmatch(s):
        return _month(int(m[1]), int(m[2]), "", year)
    if m := _YEAR_END.fullmatch(s):
        y = int(m[1]) if m[1] else _need(year)
        _check_year(y)
        text = "年底前" if y == year else f"{y}年底前"
        return When(WhenKind.PERIOD, date(y, 1, 1), date(y, 12, 31), text)
    return None


def _month(y: int, month: int, part: str, year: int | None) -> When:
    """A whole month, its end (底/末) or one of its ten-day parts (上旬/中旬/下旬)."""
    _make_date(y, month, 1)  # refuses 13月 and years out of range
    last_day = calendar.monthrange(y, month)[1]
    first, last = _TEN_DAYS.get(part, (1, last_day))
    head = f"{month}月" if y == year else f"{y}年{month}月"
    return When(WhenKind.PERIOD, date(y, month, first), date(y, month, min(last, last_day)),
                head + part)


def _need(year: int | None) -> int:
    if year is None:
        raise RuleError("缺少年份", _YEAR_HINT)
    return year


def _check_year(y: int) -> None:
    if not MIN_YEAR <= y <= MAX_YEAR:
        raise RuleError(f"年份不在{MIN_YEAR}年至{MAX_YEAR}年之间", _YEAR_CHECK_HINT)


def _make_date(y: int, month: int, day: int) -> date:
    """The date, or a RuleError that says which part does not exist."""
    _check_year(y)
    try:
        return date(y, month, day)
    except ValueError:
        pass
    if not 1 <= month <= 12:
        raise RuleError(f"不是有效日期：没有{month}月", _CHECK_HINT)
    if day == 0:
        raise RuleError("不是有效日期：没有0日", _CHECK_HINT)
    where = f"{y}年2月" if month == 2 and day == 29 else f"{month}月"
    raise RuleError(f"不是有效日期：{where}没有{day}日", _CHECK_HINT)


def _cn_number(m: re.Match[str]) -> str:
    """`三十一` → `31`, `二〇二二` → `2022`; anything longer stays as it is (and fails later)."""
    run = m[0]
    if "十" not in run:
        return "".join(str(_CN_DIGIT[c]) for c in run)
    head, _, tail = run.partition("十")
    if len(head) > 1 or len(tail) > 1 or tail == "十":
        return run
    return str((_CN_DIGIT[head] if head else 1) * 10 + (_CN_DIGIT[tail] if tail else 0))
