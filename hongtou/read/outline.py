"""What each line of a text is, in an official document's order (GB/T 9704 §7).

    中共六安市总工会党组文件            ← 发文机关标志 (a line ending 文件, before the title)
    六工党[2022]7号                     ← 发文字号
    关于印发《……》的通知               ← 标题 (Markdown `#`, Word's Title style, or the first line)
    市总各部室、职工服务中心：          ← 主送 (the line after the title, ending with ：)
    现将……                              ← 正文; headings by their numbering 一、 （一） 1. （1）
    附件：1. ……                         ← 附件说明 (just before the 署名/date)
    中共六安市总工会党组                ← 署名 (the short line right above the date)
    2022年2月15日                       ← 成文日期 (a line that is only a date)
    （此件公开发布）                    ← 附注
    附件1 / 附件：                      ← an attachment page: its title is the next line
    关于……方案                          ← or a document that follows (the plan a notice issues)

Nothing here reads files (see `draft`) or writes XML (see `hongtou.docs.typeset`).
"""

from __future__ import annotations

import re
from datetime import date

from hongtou.model import InputError, Problem, WhenKind
from hongtou.model.document import Grid, Outline, Para, Part
from hongtou.read.draft import Line, Source
from hongtou.rules import RuleError
from hongtou.rules.dates import parse_when
from hongtou.rules.numbering import detect_heading
from hongtou.rules.punct import full_width

# A line that is nothing but a date: 2022年3月1日, 2022-03-01, 二〇二二年三月一日, 二00九年….
_DATE_LINE = re.compile(
    r"[（(]?\s*(?:[\d〇○零OＯ一二三四五六七八九]{4}\s*年\s*[\d〇○零一二三四五六七八九十]{1,3}\s*月"
    r"\s*[\d〇○零一二三四五六七八九十]{1,3}\s*日|\d{4}\s*[-/.．]\s*\d{1,2}\s*[-/.．]\s*\d{1,2})"
    r"\s*[）)]?")
_ZEROS = str.maketrans({"○": "〇", "O": "〇", "Ｏ": "〇"})
_NUMBER_LINE = re.compile(r"\S{1,12}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*第?\s*\d+\s*号")
_SECRET = re.compile(r"^(绝密|机密|秘密)(★.*)?$")
_URGENCY = re.compile(r"^(特急|加急|特提|平急)$")
_COPY_NO = re.compile(r"^\d{1,6}$")
_SIGNER = re.compile(r"^签发人[：:]\s*(.+)$")
_ATTACH_NOTE = re.compile(r"^附\s*件\s*[：:]\s*(.+)$")
_ATTACH_LABEL = re.compile(r"^附\s*件\s*(\d{0,2})\s*[：:]?\s*$")
_ATTACH_LABEL_TITLE = re.compile(r"^附\s*件\s*(\d{1,2})\s*[：:]\s*(.+)$")
# 1. 名称 / 1、名称 / 1．名称, with or without a space; a digit may follow only as a year
# (1.2022年度…), so 1.5倍 is not an item
_NUMBERED = re.compile(r"^(\d{1,2})\s*[.．、]\s*(?:(?=\d{4}\s*年)|(?!\d))(.+)$")
_NOTE = re.compile(r"^[（(][^（）()]{2,60}[）)]$")
_SENTENCE = re.compile(r"[。，；！？,;!?]")
DATE_HINT = "写成 2022年3月1日 或 2022-03-01"
MAX_TITLE = 80           # characters: a longer first "line" is a paragraph, not a title
MAX_SHORT = 30           # a 署名, a 主送 line, the pieces of a title are at most this long


def outline(source: Source) -> Outline:
    """The document's parts. Raises InputError when a date line is not a real date."""
    problems: list[Problem] = []
    items = list(source.items)
    out = Outline()
    i = _head(items, out)
    i = _title(items, i, out)
    if out.title and i < len(items) and _is_line(items[i]) and _NOTE.fullmatch(items[i].text):
        out.subtitle = full_width(items[i].text.replace(" ", ""))
        i += 1
    if i < len(items) and _is_line(items[i]) and _is_addressee(items[i].text):
        out.addressee = full_width(items[i].text).rstrip("：:")
        i += 1
    end = _date_index(items, i)
    body_end = end if end is not None else len(items)
    if end is not None:
        out.date = _date(source.name, items[end], problems)
        body_end = _signature(items, i, end, out)
    body_end = _attachment_note(items, i, body_end, out)
    out.items = _paras(items[i:body_end])
    if end is not None:
        rest = end + 1
        if rest < len(items) and _is_line(items[rest]) and _NOTE.fullmatch(items[rest].text):
            out.note = full_width(items[rest].text)
            rest += 1
        out.parts = _parts(items[rest:])
    if problems:
        raise InputError(problems)
    return out


def _is_line(it) -> bool:
    return isinstance(it, Line)


# -- 版头 lines typed before the title -----------------------------------------------------


def _head(items: list, out: Outline) -> int:
    """Skip 份号, 密级, 紧急程度, the mark (…文件) and the 文号 typed above the title,
    keeping what they say in `out.detected`."""
    i = 0
    while i < min(len(items), 8) and _is_line(items[i]) and not items[i].md_level \
            and items[i].style_level != -1:
        text = items[i].text.replace(" ", "")
        if _COPY_NO.fullmatch(text) and "份号" not in out.detected:
            out.detected["份号"] = text
        elif _SECRET.match(text) and "密级" not in out.detected:
            out.detected["密级"] = text
        elif _URGENCY.match(text) and "紧急程度" not in out.detected:
            out.detected["紧急程度"] = text
        elif text.endswith("文件") and len(text) <= 40 and "发文机关标志" not in out.detected \
                and not _SENTENCE.search(text):
            out.detected["发文机关标志"] = text
        elif _NUMBER_LINE.fullmatch(text) and "发文字号" not in out.detected:
            out.detected["发文字号"] = text
        elif (m := _SIGNER.match(text)) and "签发人" not in out.detected:
            out.detected["签发人"] = m[1]
        elif m := _head_number_with_signer(text):
            out.detected["发文字号"], out.detected["签发人"] = m
        else:
            break
        i += 1
    return i


def _head_number_with_signer(text: str) -> tuple[str, str] | None:
    """`六工党〔2022〕7号  签发人：王明` on one line (an upward document's 版头)."""
    m = re.fullmatch(r"(.+?号)签发人[：:](.+)", text)
    if m and _NUMBER_LINE.fullmatch(m[1]):
        return m[1], m[2]
    return None


# -- title, 主送 ---------------------------------------------------------------------------


def _title(items: list, i: int, out: Outline) -> int:
    """The Markdown `#` line or Word Title paragraph if there is one near the top, else the
    first line; a title broken over adjacent short lines (保定市总工会 / 关于…意见) is joined."""
    if i >= len(items):
        return i
    for j in range(i, min(len(items), i + 3)):
        it = items[j]
        if _is_line(it) and (it.md_level == 1 or it.style_level == -1):
            out.title = tidy_title(it.text)
            return j + 1
    first = items[i]
    if not _is_line(first) or len(first.text) > MAX_TITLE or _SENTENCE.search(first.text[:-1]) \
            or detect_heading(first.text)[0]:
        return i                         # no title line: the text starts with its body
    title = first.text
    i += 1
    while i < len(items) and _title_goes_on(title, items[i]):
        title += items[i].text
        i += 1
    out.title = tidy_title(title)
    return i


def tidy_title(text: str) -> str:
    """Full-width punctuation, and no space between two Chinese characters (a title is one
    phrase: `大反思 大提升` is a typing slip, not a padded name)."""
    text = full_width(text.strip())
    return re.sub(r"(?<=[\u3400-\u9fff])[ \t\u3000]+(?=[\u3400-\u9fff])", "", text)


def _title_goes_on(title: str, it) -> bool:
    return (_is_line(it) and not it.blank_before and not it.md_level
            and not it.text.startswith(("（", "(")) and len(it.text) <= MAX_SHORT and len(title) + len(it.text) <= MAX_TITLE
            and not _SENTENCE.search(it.text) and "：" not in it.text and ":" not in it.text
            and not detect_heading(it.text)[0] and not _DATE_LINE.fullmatch(it.text))


def _is_addressee(text: str) -> bool:
    return (text.endswith(("：", ":")) and len(text) <= 3 * MAX_SHORT
            and not re.search(r"[。；！？;!?]", text) and not detect_heading(text)[0]
            and not text.startswith(("附件", "附")))


# -- 落款: 署名, 成文日期, 附件说明 ---------------------------------------------------------


def _date_index(items: list, start: int) -> int | None:
    """The first line after the title that is only a date: the 成文日期."""
    for j in range(start, len(items)):
        it = items[j]
        if _is_line(it) and _DATE_LINE.fullmatch(it.text) and it.text[0] not in "（(":
            return j
    return None


def _date(name: str, line: Line, problems: list[Problem]) -> date | None:
    text = line.text.replace(" ", "").translate(_ZEROS)
    try:
        when = parse_when(text, None)
    except RuleError as err:
        problems.append(Problem(name, line.number, "成文日期", line.text, err.reason, DATE_HINT))
        return None
    if when.kind is not WhenKind.DATE:
        problems.append(Problem(name, line.number, "成文日期", line.text, "应为具体日期",
                                DATE_HINT))
        return None
    return when.first


def _signature(items: list, start: int, end: int, out: Outline) -> int:
    """The 署名: the short line right above the date that is not a sentence, a heading or
    an 附件 line. Returns where the body ends."""
    j = end - 1
    if j >= start and _is_line(items[j]):
        text = items[j].text
        if (len(text) <= MAX_SHORT and not _SENTENCE.search(text) and not detect_heading(text)[0]
                and not _ATTACH_NOTE.match(text) and not text.endswith(("：", ":"))):
            out.organ = text.replace(" ", "")
            return j
    return end


MAX_ATTACHMENT_LINES = 12


def _attachment_note(items: list, start: int, end: int, out: Outline) -> int:
    """附件说明 just above the 落款: `附件：名称`, or `附件：1. 名称` with `2. 名称` lines; a
    name that wrapped onto a line of its own (text copied from a PDF) runs on."""
    for k in range(end - 1, max(start, end - MAX_ATTACHMENT_LINES) - 1, -1):
        if not _is_line(items[k]):
            return end
        m = _ATTACH_NOTE.match(items[k].text.strip())
        if m is None:
            continue
        names = [m[1]]
        for it in items[k + 1:end]:
            text = it.text.strip() if _is_line(it) else ""
            if _NUMBERED.match(text):
                names.append(text)
            elif text and len(text) <= MAX_TITLE and "。" not in text \
                    and not detect_heading(text)[0]:
                names[-1] += text
            else:
                return end
        out.attachments = [_attachment_name(n) for n in names]
        return k
    return end


def _attachment_name(text: str) -> str:
    m = _NUMBERED.match(text.strip())
    name = m[2] if m else text
    return full_width(name.strip()).rstrip("。；;，,")


# -- the body -------------------------------------------------------------------------------


def _paras(items: list) -> list[Para | Grid]:
    out: list[Para | Grid] = []
    for it in items:
        if isinstance(it, Grid):
            out.append(it)
            continue
        level, prefix, rest = detect_heading(it.text)
        if level:
            text = prefix + rest             # the number in the standard's form: 1、 → 1.
        else:                                # `## 工作要求`, Word's 标题 2: no number typed
            level = it.md_level - 1 if it.md_level > 1 else max(it.style_level, 0)
            text = it.text
        out.append(Para(full_width(text), min(level, 4)))
    return out


def _parts(items: list) -> list[Part]:
    """Pages after the 落款: attachments from their 附件 label; otherwise one document
    that follows (its first line is its title)."""
    parts: list[Part] = []
    i = 0
    while i < len(items):
        it = items[i]
        label = _label(it)
        if label is None:
            if parts:
                parts[-1].items.extend(_paras([it]))
                i += 1
                continue
            title = tidy_title(it.text) if _is_line(it) and len(it.text) <= MAX_TITLE \
                and not detect_heading(it.text)[0] else ""
            parts.append(Part(title, [] if title else _paras([it])))
            i += 1
            continue
        number, title = label
        i += 1
        if not title and i < len(items) and _is_line(items[i]) and _label(items[i]) is None:
            title = tidy_title(items[i].text)
            i += 1
        parts.append(Part(title, [], attachment=True, number=number))
    return parts


def _label(it) -> tuple[int | None, str] | None:
    if not _is_line(it):
        return None
    text = it.text.replace(" ", "")
    if m := _ATTACH_LABEL.fullmatch(text):
        return (int(m[1]) if m[1] else None), ""
    if m := _ATTACH_LABEL_TITLE.fullmatch(it.text.strip()):
        return int(m[1]), full_width(m[2].strip())
    return None

