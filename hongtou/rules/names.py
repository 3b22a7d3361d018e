"""Personal names in lists: offices pad two-character names with U+3000 so that a column of
names lines up with the three-character ones (`张　华` above `李明华`)."""

from __future__ import annotations

import re
from functools import lru_cache

from hongtou.rules.text import squash

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]{2}")
# Not whitespace: a padded name (`张　华`) must stay one name.
_SEPARATORS = re.compile(r"[、，,；;/／\r\n]+")


def clean_name(s: str) -> str:
    """`张　华` → `张华`: every space removed, including U+3000 and pasted zero-width ones."""
    return squash(s)


@lru_cache(maxsize=8192)  # the same few thousand names fill every ledger row
def pad_name(name: str) -> str:
    """`张华` (or `张 华`) → `张　华`; any other name comes back as it was given."""
    clean = clean_name(name)
    if _HAN.fullmatch(clean):
        return f"{clean[0]}\u3000{clean[1]}"
    return name


def split_names(s: str) -> list[str]:
    """`张三、李四,王五` → ['张三', '李四', '王五']; also splits on ；/ and line breaks."""
    return [name for part in _SEPARATORS.split(s) if (name := clean_name(part))]


_CJK_GAP = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def clean_org(s: str) -> str:
    """A department as one name: `办 公 室`, `办公室 ` and `办　公　室` → `办公室` (no space
    beside a Chinese character; between Latin words one space, `IT 部` → `IT部`). Grouping, the
    责任人 check, file names and every row of the outputs use this form; `squash` of it is the
    matching key."""
    return _CJK_GAP.sub("", unify_spaces(s))


def unify_spaces(s: str) -> str:
    """Zero-width characters dropped, every run of whitespace (U+3000 too) one space, stripped."""
    return " ".join(s.translate(_ZERO_WIDTH).split())


_ZERO_WIDTH = {cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}


# A 领导小组 list typed line by line (typeset lays it as the notice's 附件1; the reader never
# joins its lines as a sentence a page break cut):
ROSTER_GAP = r"[ \t\u3000]"
# 「组　长：」「副组长：」「成员：」「办公室主任：」 … at the start of a line
ROSTER_ROLE = re.compile(
    rf"^((?:常务)?副?组{ROSTER_GAP}*长|[成组]{ROSTER_GAP}*员|办公室(?:副?主任|成员)"
    rf"|副?主{ROSTER_GAP}*任|联{ROSTER_GAP}*络{ROSTER_GAP}*员){ROSTER_GAP}*[：:]{ROSTER_GAP}*(\S.*)$")
# 「张　华　区市容环卫事业服务中心副主任」「胡承章 …」: a name, a gap, the post
ROSTER_MEMBER = re.compile(rf"^([\u4e00-\u9fff]{ROSTER_GAP}+[\u4e00-\u9fff]|[\u4e00-\u9fff]{{2,4}})"
                           rf"{ROSTER_GAP}+(\S.*)$")
