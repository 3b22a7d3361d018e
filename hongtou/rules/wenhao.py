"""发文字号 (document number) in the form GB/T 9704-2012 7.2.4 prescribes: `六工党〔2022〕7号`.

The year is written in full inside 六角括号 〔〕; the serial number has no 第 and no leading
zeros (1, not 01) and ends in 号. Offices type [ ] ( ) 【 】 for the brackets, so those are mended.
"""

from __future__ import annotations

import re

from hongtou.rules import RuleError
from hongtou.rules.dates import MAX_YEAR, MIN_YEAR
from hongtou.rules.text import squash

# A joint issue (§7.2.4 联合行文): 2–4 organs share one mark and one 发文字号 (practice: more
# do not fit the header). Here, not in layout/gbt9704.py, so the reader that refuses a fifth
# organ does not load the layout (and python-docx) to know it.
JOINT_MAX_ORGANS = 4

HINT = "应写成 机关代字〔年份〕序号号，如 六工党〔2022〕7号"

# `squash` has already made ［ ］ ｛ ｝ half width; （ ） stay as Chinese punctuation.
_OPEN = "〔[(（【〖{<"
_CLOSE = "〕])）】〗}>"
_BRACKETS = str.maketrans(_OPEN + _CLOSE, "〔" * len(_OPEN) + "〕" * len(_CLOSE))
_SHAPE = re.compile(r"([^〔〕]*)〔([^〔〕]*)〕第?([^〔〕]*?)号?")


def normalize_wenhao(s: object) -> str:
    """`六工党[2022]07号`, `六工党(2022)第7号`, `六工党【2022】7 号` → `六工党〔2022〕7号`."""
    if s is None:
        return ""
    if not isinstance(s, str):
        raise RuleError("不是规范的发文字号", HINT)
    text = squash(s).translate(_BRACKETS)
    if not text:
        return ""
    m = _SHAPE.fullmatch(text)
    if m is None:
        raise RuleError("不是规范的发文字号" if "〔" in text else "年份应当用六角括号〔〕括入", HINT)
    organ, year, number = m.groups()
    if not organ:
        raise RuleError("缺少发文机关代字", HINT)
    if not (year.isascii() and year.isdigit()):
        raise RuleError("年份应当用阿拉伯数字", HINT)
    if len(year) != 4:
        raise RuleError("年份应当写全称（4位数字）", HINT)
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise RuleError(f"年份不在{MIN_YEAR}年至{MAX_YEAR}年之间", HINT)
    if not number:
        raise RuleError("缺少发文顺序号", HINT)
    if not (number.isascii() and number.isdigit()):
        raise RuleError("发文顺序号应当用阿拉伯数字", HINT)
    if int(number) == 0:
        raise RuleError("发文顺序号不能为0", HINT)
    return f"{organ}〔{year}〕{int(number)}号"
