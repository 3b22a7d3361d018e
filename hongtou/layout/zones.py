"""The zones of a red-header document (§7): 版头, 主体 elements, 版记, attachment pages.

Each function takes plain text and returns an OOXML block. The `docs/` modules call these and
never write XML; the numbers come from `gbt9704`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from docx.shared import Length

from ..rules.names import pad_name
from ..rules.titles import ems, wrap_title
from . import gbt9704 as g
from . import styles as st
from .ooxml import Block, Border, para, ppr, rpr, run, text_box, text_para


def text_width(text: str, size: Length) -> float:
    """Width in EMU of `text` set at `size` (see rules.titles.ems)."""
    return ems(text) * size


def label_width(label: str) -> float:
    """Width in EMU of a 3号 label such as 「附件：」 or 「出席：」 (or a 署名, a 成文日期) with
    the body's letter spacing: the hanging indent that lines wrapped lines up after it."""
    return text_width(label, g.SIZE_3) + len(label) * g.CHAR_SPACING_3


# -- 版头 (§7.2) ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Head:
    """The facts of the header zone. `marks` holds one organ mark, or 2–4 for a joint issue."""

    marks: tuple[str, ...]
    number: str = ""
    copy_no: str = ""
    secret: str = ""          # 机密★1年 as it should print
    urgency: str = ""
    signers: tuple[str, ...] = ()


def _mark_fit(ems: float, room: Length = g.BLOCK_WIDTH) -> tuple[Length, int]:
    """Size and horizontal scale (%) for a mark `ems` wide: 小初 when it fits `room` (the
    block), else condensed (§7.2.4: size not fixed, must fit 156 mm); narrower than 60 % is
    unreadable, so the size shrinks instead."""
    size = g.MARK_SIZE
    width = ems * size
    scale = 100
    if width > room:
        scale = math.floor(room / width * 100)
        if scale < g.MARK_MIN_SCALE:
            size = max(g.MARK_MIN_SIZE, Length(int(room / ems / g.MARK_MIN_SCALE * 100)))
            scale = min(100, math.floor(room / (ems * size) * 100))
    return size, scale


def _mark_props(size: Length, scale: int) -> str:
    return rpr(font=g.FONT_XBS, size=size, color=g.RED, spacing=Length(0), scale=scale)


def _mark_run(mark: str) -> tuple[str, Length]:
    """The issuing-organ mark as a run — red, 小标宋, condensed to fit — and its size."""
    size, scale = _mark_fit(ems(mark))
    return run(mark, _mark_props(size, scale)), size


def _mark_para(mark: str, before: Length) -> str:
    content, size = _mark_run(mark)
    # exact, one em: the em box top is the mark's top edge (measured)
    return para(content, ppr(st.MARK, before=before, line=size, after=Length(0)))


JOINT_SUFFIX = "文件"


def joint_mark(marks: tuple[str, ...], before: Length) -> str:
    """A joint issue's mark (§7.2.4): the organs' names stacked, the lead organ first, each
    justified to the width of the longest (分散对齐), and one "文件" to their right,
    vertically centred on them; the whole centred on the block, its top edge `before` under
    the paragraph above.

    A borderless two-column table: Word, WPS and LibreOffice all centre a cell's content
    vertically (w:vAlign) and spread a paragraph over its cell (w:jc="distribute"); a
    spacer paragraph of exact height puts its top where a one-organ mark's top would be."""
    names = [m.removesuffix(JOINT_SUFFIX) for m in marks]
    suffix = JOINT_SUFFIX if any(m.endswith(JOINT_SUFFIX) for m in marks) else ""
    widest = max(ems(n) for n in names)
    gap = g.JOINT_MARK_GAP_EMS if suffix else 0
    size, scale = _mark_fit(widest + gap + ems(suffix),
                            Length(g.BLOCK_WIDTH - (2 if suffix else 1) * g.JOINT_MARK_SLACK))
    em = size * scale / 100
    names_w = g.twips(Length(int(widest * em + g.JOINT_MARK_SLACK)))
    suffix_w = g.twips(Length(int((gap + ems(suffix)) * em + g.JOINT_MARK_SLACK))) if suffix else 0
    props = _mark_props(size, scale)
    leading = Length(int(size * g.JOINT_MARK_LEADING))
    cells = [
        (names_w, "".join(
            para(run(n, props), ppr(st.MARK, align="distribute", line=size, before=Length(0),
                                    after=leading if i < len(names) - 1 else Length(0)))
            for i, n in enumerate(names)))]
    if suffix:
        cells.append((suffix_w, para(run(suffix, props),
                                     ppr(st.MARK, align="right", line=size, before=Length(0),
                                         after=Length(0)))))
    nil = "".join(f'<w:{e} w:val="nil"/>'
                  for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    zero = "".join(f'<w:{e} w:w="0" w:type="dxa"/>' for e in ("top", "left", "bottom", "right"))
    spacer = para("", ppr(st.PLAIN, line=before, before=Length(0), after=Length(0), snap=False)) \
        if before > 0 else ""
    return (spacer + f'<w:tbl><w:tblPr><w:tblW w:w="{sum(w for w, _ in cells)}" w:type="dxa"/>'
            f'<w:jc w:val="center"/><w:tblBorders>{nil}</w:tblBorders>'
            f'<w:tblLayout w:type="fixed"/><w:tblCellMar>{zero}</w:tblCellMar></w:tblPr>'
            "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w, _ in cells)
            + "</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + "".join(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/>'
                      f"</w:tcPr>{content}</w:tc>" for w, content in cells)
            + "</w:tr></w:tbl>")


def header_zone(head: Head) -> Block:
    """份号, 密级, 紧急程度 on lines 1–3 flush left; the mark with its top 35 mm into the
    block; the 发文字号 two lines under it; the red line 4 mm under the 文号."""
    out = []
    lines_used = 0
    if head.copy_no:
        out.append(text_para(head.copy_no, st.HEAD))
        lines_used += 1
    for text in (head.secret, head.urgency):
        if text:
            out.append(text_para(text, st.HEAD, run_props=rpr(font=g.FONT_HEITI)))
            lines_used += 1
    before = Length(max(0, int(g.MARK_TOP_IN_BLOCK - lines_used * g.LINE_PITCH)))
    if len(head.marks) > 1:
        out.append(joint_mark(head.marks, before))
    else:
        out.extend(_mark_para(mark, before) for mark in head.marks)
    red = Border(g.RED_LINE_WIDTH, g.RED,
                 space_pt=round((g.RED_LINE_GAP - g.TEXT_BOTTOM_IN_LINE) / 12700))
    gap = Length(g.NUMBER_GAP_LINES * g.LINE_PITCH)
    if head.signers:
        out.extend(_signer_lines(head, gap, red))
    elif head.number:
        out.append(para(run(head.number), ppr(st.NUMBER, before=gap, bottom=red)))
    else:  # no 文号: the red line goes 4 mm under the mark itself
        out.append(para("", ppr(st.NUMBER, line=Length(g.Pt(1)), bottom=red, snap=False)))
    return Block("".join(out))


SIGNER_LABEL = "签发人："


def _signer_lines(head: Head, gap: Length, red: Border) -> list[str]:
    """签发人 of an upward document (§7.2.5): one 「签发人：」 (3号仿宋), the names after it
    in order (3号楷体), two to a line, the block 1 字 in from the right; the 发文字号 moves
    left, 1 字 in, onto the last line, and the red line goes under it. No indents, so the
    red line spans the block (§7.2.6); tab stops (counted from the margin) place the rest."""
    # two-character names padded to three, so the names of two lines line up
    names = [pad_name(n) for n in head.signers] if len(head.signers) > 1 else list(head.signers)
    label_w = label_width(SIGNER_LABEL)
    name_w = max(label_width(n) for n in names)
    per_line = 2 if len(names) > 1 else 1
    block_w = label_w + per_line * name_w + (per_line - 1) * g.ZI
    x = Length(int(g.BLOCK_WIDTH - g.SIGNER_RIGHT_INDENT - block_w))
    stops = [Length(int(x + label_w + j * (name_w + g.ZI))) for j in range(per_line)]
    lines = [names[i:i + per_line] for i in range(0, len(names), per_line)]
    out = []
    for i, pair in enumerate(lines):
        last = i == len(lines) - 1
        # the first name follows the label directly (a tab stop where the label ends
        # might be passed over); later lines tab to where it starts
        content = run("\t") + (run(SIGNER_LABEL) if i == 0 else run("\t"))
        content += run("\t").join(run(n, rpr(font=g.FONT_KAITI)) for n in pair)
        tabs = [x, *stops]
        if last and head.number:
            content = run("\t") + run(head.number) + content
            tabs = [g.ZI, *tabs]
        props = ppr(st.NUMBER, align="left", left=Length(0), right=Length(0),
                    before=gap if i == 0 else None, bottom=red if last else None,
                    tabs=[("left", t) for t in tabs])
        out.append(para(content, props))
    return out


def minutes_mark(mark: str, number: str = "") -> Block:
    """纪要格式 (§10.3): the mark "×××纪要" red, 小标宋, centred, its top edge 35 mm under the
    block's top, as an organ's mark (§7.2.4); no 发文字号 and no red line are required.
    `number` (a 期号 such as 第3期) prints centred two lines under it when given."""
    mark = mark if mark.endswith(g.MINUTES_SUFFIX) else mark + g.MINUTES_SUFFIX
    out = _mark_para(mark, g.MARK_TOP_IN_BLOCK)
    if number:
        out += para(run(number), ppr(st.NUMBER, before=Length(g.NUMBER_GAP_LINES * g.LINE_PITCH)))
    return Block(out)


def attendance(rows: list[tuple[str, str]]) -> Block:
    """出席、请假、列席 lines of a 纪要 (§10.3): one blank line under the text (or the 附件说明),
    indent 2 字, the label in 3号黑体 with a full-width colon, the names in 仿宋 after it,
    wrapped lines aligned with the first name. Rows with no names are left out."""
    out = []
    for label, names in rows:
        if not names.strip():
            continue
        head = label.rstrip("：:") + "："
        hang = Length(int(label_width(head)))
        props = ppr(st.ATTENDANCE, left=Length(g.BODY_INDENT + hang), hanging=hang,
                    before=g.LINE_PITCH if not out else None)
        out.append(para(run(head, rpr(font=g.ATTENDANCE_FONT)) + run(names.strip()), props))
    return Block("".join(out))


def _letter_line_indent() -> Length:
    """Negative indent on each side that stretches a paragraph border to 170 mm."""
    return Length(-int((g.LETTER_LINE_LENGTH - g.BLOCK_WIDTH) / 2))


def letter_mark(mark: str) -> str:
    """信函 page-1 header content: the mark (red, 小标宋, one-em exact line so its top is the
    header's top, 30 mm from the page top) with a thick-over-thin red double line 4 mm under
    its ink, 170 mm long (§10.1)."""
    content, size = _mark_run(mark)
    # the border's gap counts from the foot of the mark's line, which lies under its ink
    gap = g.LETTER_LINE_GAP - size * g.LETTER_MARK_INK_FOOT
    line = Border(g.LETTER_LINE_WIDTH, g.RED, space_pt=round(gap / 12700), style="thickThinSmallGap")
    indent = _letter_line_indent()
    return para(content, ppr(st.MARK, line=size, before=Length(0), after=Length(0),
                             left=indent, right=indent, bottom=line))


def letter_lower_line() -> str:
    """信函 page-1 footer content: a thin-over-thick red double line, 170 mm long, drawn
    as the top border of a one-point paragraph that sits 20 mm above the page bottom."""
    line = Border(g.LETTER_LINE_WIDTH, g.RED, style="thickThinSmallGap")  # as a top border: thin over thick
    indent = _letter_line_indent()
    return para("", ppr(st.PLAIN, line=Length(g.Pt(1)), snap=False, before=Length(0),
                        after=Length(0), left=indent, right=indent, top=line))


# -- 主体 (§7.3) ---------------------------------------------------------------------------


def title_run(text: str) -> Block:
    """The title as one run, broken between words into a trapezoid (§7.3.1); a template
    places it with `{{r 标题 }}`. Text holding a template tag is left whole."""
    if "{{" in text or "{%" in text:
        return Block(run(text))
    return Block(run("\n".join(wrap_title(text, g.BLOCK_WIDTH / g.SIZE_2))))


def title(text: str, gap_lines: int = g.TITLE_GAP_LINES, new_page: bool = False) -> Block:
    """标题, 2号小标宋, centred, `gap_lines` blank lines above (two under the red line);
    `new_page`: it starts a page (the 随文方案)."""
    before = Length(gap_lines * g.LINE_PITCH) if gap_lines else None
    return Block(para(title_run(text), ppr(st.TITLE, before=before, after=g.LINE_PITCH,
                                           page_break_before=new_page)))


def addressee(text: str) -> Block:
    """主送机关, flush left, closing with a full-width colon (§7.3.2)."""
    text = text.rstrip("：:") + "："
    return Block(text_para(text, st.ADDRESSEE))


def body(paragraphs: list[tuple[int, str]]) -> Block:
    """正文. Each item is (level, text). Level 1 一、 黑体, 2 （一） 楷体,
    3 1. and 4 （1） 仿宋. A heading that runs on into its paragraph (（一）加强组织领导。
    领导班子…) sets only the heading sentence in the heading face (§7.3.3)."""
    out = []
    for level, text in paragraphs:
        if level == 0:
            out.append(text_para(text, st.BODY))
            continue
        style = st.HEADING_STYLES[level]
        head, tail = _split_run_on(text)
        face = {1: g.FONT_HEITI, 2: g.FONT_KAITI}.get(level)
        content = run(head, rpr(font=face) if face else "")
        props = ppr(style)
        if tail:
            content += run(tail, rpr(font=g.FONT_FANGSONG))
            # a heading that runs on into its text is a paragraph of text: the style's
            # keep-with-next would chain it, whole, to the paragraph after it
            props = props.removesuffix("</w:pPr>") + '<w:keepNext w:val="0"/></w:pPr>'
        out.append(para(content, props))
    return Block("".join(out))


def _split_run_on(text: str) -> tuple[str, str]:
    """Heading sentence and the text that follows on the same line, split after the first
    。 or ？ or ！ when text follows it."""
    for i, ch in enumerate(text):
        if ch in "。？！" and i + 1 < len(text):
            return text[: i + 1], text[i + 1:]
    return text, ""


def body_text(text: str, keep_next: bool = False) -> Block:
    """One 正文 paragraph; `keep_next` holds it on the page of what follows — the last
    paragraph before the 署名, so the 署名 never stands alone on a page (§7.3.5)."""
    return Block(text_para(text, st.BODY, ppr(st.BODY, keep_next=True) if keep_next else ""))


def attachment_note(names: list[str]) -> Block:
    """附件说明 (§7.3.4): one blank line under the text, indent 2 字, `附件：1. 名称`;
    wrapped lines align with the first character of the name; no punctuation after names."""
    if not names:
        return Block("")
    out = []
    label = "附件："
    numbered = len(names) > 1
    # The name starts at the hanging indent, reached by a tab after the number: the digits
    # print in Times New Roman, whose widths we do not know exactly, and a tab lands on the
    # indent whatever they measure, so wrapped lines align with the name's first character.
    hang = Length(int(label_width(label) + (g.ZI * 1.5 if numbered else 0)))
    for i, name in enumerate(names, 1):
        lead = (label if i == 1 else "\u3000" * 3) + (f"{i}.\t" if numbered else "")
        # kept together and with the 署名, so the 署名 never stands alone on a page (§7.3.5);
        # the text before is not tied to them (`keep_signature_with_text`), or a long chain
        # from the text to the date would leave the first page half empty
        props = ppr(st.ATTACH_NOTE, left=Length(g.BODY_INDENT + hang), hanging=hang,
                    before=g.LINE_PITCH if i == 1 else None, keep_next=True, keep_lines=True,
                    left_tab=Length(g.BODY_INDENT + hang) if numbered else None)
        out.append(para(run(lead + name.rstrip("。；;，,")), props))
    return Block("".join(out))


def signature(organs: str | tuple[str, ...] | list[str], date_text: str, sealed: bool = False,
              seals: tuple[str | None, ...] = ()) -> Block:
    """署名 and 成文日期 (§7.3.5). `organs`: one organ, or the organs of a joint issue, the
    lead organ first — every one signs.

    Unsealed (§7.3.5.2): 署名 right indent 2 字, one organ a line; the date on the next line
    starting 2 字 further right than the (widest) 署名 starts — if the date is longer, the
    date gets the 2-字 right indent and the 署名 are centred over it.

    Sealed (§7.3.5.1): date right indent 4 字, the 署名 centred on it, room above for the
    seal, whose top comes within one line of the text. Joint: the 署名 in order, two to a row
    (`gbt9704.JOINT_SEAL_*`), the last one over the date. `seals`: for each organ, the
    relationship id of its seal image (a transparent PNG), or None; each is placed centred
    on its 署名 (`seal_drawing`)."""
    organs = (organs,) if isinstance(organs, str) else tuple(organs)
    # widths as printed: with the letter spacing (10 characters of −0.25 pt: a seal centred
    # on the date without it sat 0.44 mm left of the date's centre)
    w_date = label_width(date_text)
    seals = tuple(seals) + (None,) * (len(organs) - len(seals))
    if sealed:
        return _sealed_signature(organs, date_text, w_date, seals)
    widest = max(label_width(o) for o in organs)
    org_right = g.SIGNATURE_RIGHT_INDENT
    date_right = Length(int(org_right + widest - w_date - 2 * g.ZI))
    rights = [org_right] * len(organs)
    if date_right < g.SIGNATURE_RIGHT_INDENT:
        date_right = g.SIGNATURE_RIGHT_INDENT
        rights = [Length(max(0, int(date_right + (w_date - label_width(o)) / 2)))
                  for o in organs]
    out = [para(run(o), ppr(st.SIGNATURE, right=r, before=g.LINE_PITCH if i == 0 else None,
                            keep_next=True))
           for i, (o, r) in enumerate(zip(organs, rights))]
    return Block("".join(out) + para(run(date_text), ppr(st.DATE, right=date_right)))


def _sealed_signature(organs: tuple[str, ...], date_text: str, w_date: float,
                      seals: tuple[str | None, ...]) -> Block:
    date_right = g.DATE_RIGHT_INDENT_SEALED
    # the centre of the date, from the block's left: the last 署名 and its seal centre there
    last_x = Length(int(g.BLOCK_WIDTH - date_right - w_date / 2))
    per_row = g.JOINT_SEAL_PER_ROW if len(organs) > 1 else 1
    rows = [organs[i:i + per_row] for i in range(0, len(organs), per_row)]
    out, k = [], 0
    for r, row in enumerate(rows):
        # the row's organs centred on tab stops, the row's last one on the date's centre
        xs = [Length(int(last_x - (len(row) - 1 - j) * g.JOINT_SEAL_SPACING))
              for j in range(len(row))]
        before = Length((g.SEAL_ROOM_LINES if r == 0 else g.JOINT_SEAL_ROW_LINES) * g.LINE_PITCH)
        drawings = "".join(seal_drawing(seals[k + j], xs[j], k + j, before)
                           for j in range(len(row)) if seals[k + j])
        if len(row) == 1:
            w_org = label_width(row[0])
            props = ppr(st.SIGNATURE, right=Length(max(0, int(date_right + (w_date - w_org) / 2))),
                        before=before, keep_next=True)
            content = run(row[0])
        else:
            props = ppr(st.SIGNATURE, align="left", right=Length(0), before=before,
                        keep_next=True, tabs=[("center", x) for x in xs])
            content = "".join(run("\t") + run(o) for o in row)
        out.append(para(drawings + content, props))
        k += len(row)
    # the seal reaches a little below the date: a line kept free under it, so nothing (the
    # 附注, the 版记 at the block's foot) runs under the seal
    return Block("".join(out) + para(run(date_text), ppr(st.DATE, right=date_right,
                                                          after=g.LINE_PITCH)))


SEAL_NAME = "印章"    # wp:docPr/@name of a seal image
SEAL_ID = 9100        # drawing ids of seals: 9100, 9101 … (unique in the package)


def seal_drawing(rid: str, centre_x: Length, index: int, before: Length) -> str:
    """A seal image (relationship `rid`) 42 mm across, in front of the text, its centre
    `centre_x` from the block's left, its top `SEAL_ROOM_LINES` lines less `SEAL_TOP_GAP`
    above the 署名's line: the 署名's paragraph has `before` of space above it, which for
    the first row is that room, so the seal's top comes within one line of the text above
    (§7.3.5.1)."""
    d = int(g.SEAL_DIAMETER)
    x = int(centre_x - g.SEAL_DIAMETER / 2)
    # from the paragraph's top, where its space before begins (Word and LibreOffice)
    y = int(before - g.SEAL_ROOM_LINES * g.LINE_PITCH + g.SEAL_TOP_GAP)
    return (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{251661312 + index}" behindDoc="0" locked="1" layoutInCell="1"'
        ' allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="margin"><wp:posOffset>{x}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{y}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{d}" cy="{d}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>'
        f'<wp:docPr id="{SEAL_ID + index}" name="{SEAL_NAME}{index + 1}"/><wp:cNvGraphicFramePr>'
        '<a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr><a:graphic>'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:nvPicPr><pic:cNvPr id="{SEAL_ID + index}" name="{SEAL_NAME}{index + 1}.png"/>'
        '<pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{d}" cy="{d}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")


def note(text: str) -> Block:
    """附注 (§7.3.6): indent 2 字, in full-width parentheses, under the date."""
    if not text:
        return Block("")
    text = text.strip()
    if not text.startswith("（"):
        text = f"（{text.strip('()（）')}）"
    return Block(text_para(text, st.NOTE))


_FIRST_PPR = re.compile(r'<w:p(?: [^>]*)?>(?:<w:pPr>(?:<w:pStyle w:val="[^"]*"/>)?'
                        r'(?:<w:keepNext/>)?(?:<w:keepLines/>)?)?')


def new_page(content: str) -> Block:
    """`content` starting a page: pageBreakBefore on its first paragraph. Never a paragraph
    holding only a break — when the page before is exactly full, that paragraph spills
    onto a page of its own, blank but numbered."""
    m = _FIRST_PPR.match(content)
    if m is None:    # a table first: an empty paragraph starts the page for it
        return Block(para("", ppr(st.PLAIN, page_break_before=True)) + content)
    if "<w:pPr>" in m.group(0):
        return Block(content[:m.end()] + "<w:pageBreakBefore/>" + content[m.end():])
    return Block(content[:m.end()] + "<w:pPr><w:pageBreakBefore/></w:pPr>" + content[m.end():])


def attachment_page(number: int | None, name: str, content: str) -> Block:
    """An attachment (§8): new page, 附件N in 3号黑体 on line 1, its title centred on line 3."""
    label = "附件" + (str(number) if number else "")
    head = para(run(label), ppr(st.ATTACH_LABEL, page_break_before=True))
    return Block(head + title(name, gap_lines=1) + content)


# -- 版记 (§7.4) ---------------------------------------------------------------------------


def record_zone(cc: list[str], printer: str, print_date: str) -> Block:
    """抄送 and 印发机关/印发日期 between black lines across the whole block: the first and
    last 0.35 mm, the one between 0.25 mm (§7.4.1), the last line on the bottom edge of the
    last page's text block.

    The lines are a one-column table (table borders render alike in Word, WPS and
    LibreOffice), inside a text box anchored to the bottom of the margin box. LibreOffice 7.4
    ignores both w:framePr and floating-table positioning, but honours a DrawingML anchor.
    Row heights are exact, so the box is exactly as tall as the table and sits on the edge."""
    width = g.twips(g.BLOCK_WIDTH)
    outer, inner = g.eighth_points(g.RECORD_LINE_OUTER), g.eighth_points(g.RECORD_LINE_INNER)
    line = g.RECORD_LINE_PITCH
    usable = g.BLOCK_WIDTH - 2 * g.RECORD_INDENT
    rows = []  # (content, paragraph props, number of lines)
    if cc:
        label = "抄送："
        text = label + "，".join(c.strip() for c in cc if c.strip()) + "。"
        hang = Length(int(text_width(label, g.SIZE_4)))
        n = 1 + max(0, math.ceil((text_width(text, g.SIZE_4) - usable) / (usable - hang)))
        rows.append((run(text), ppr(st.RECORD, left=Length(g.RECORD_INDENT + hang),
                                    hanging=hang, line=line), n))
    date = f"{print_date}印发"
    # a long 印发机关 wraps short of the date (level with its last line), never into it
    # (the date's digits counted an em wide: LibreOffice puts a gap where they meet CJK)
    lines = _wrap_width(printer, usable - len(date) * g.SIZE_4 - g.PRINT_DATE_GAP, g.SIZE_4)
    rows.append((run("\n".join(lines)) + run("\t") + run(date),
                 ppr(st.RECORD, line=line, right_tab=g.PRINT_DATE_END), len(lines)))
    out = [f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
           '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
           '<w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
           '<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr>'
           f'<w:tblGrid><w:gridCol w:w="{width}"/></w:tblGrid>']
    height = 0
    for i, (content, props, n) in enumerate(rows):
        top = outer if i == 0 else inner
        bottom = outer if i == len(rows) - 1 else inner
        row_h = g.twips(line) * n + g.twips(g.RECORD_ROW_PAD)
        height += row_h
        borders = (f'<w:tcBorders><w:top w:val="single" w:sz="{top}" w:space="0" w:color="{g.BLACK}"/>'
                   '<w:left w:val="nil"/>'
                   f'<w:bottom w:val="single" w:sz="{bottom}" w:space="0" w:color="{g.BLACK}"/>'
                   '<w:right w:val="nil"/></w:tcBorders>')
        out.append(f'<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="{row_h}" w:hRule="exact"/>'
                   f'</w:trPr><w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{borders}'
                   f'<w:vAlign w:val="center"/></w:tcPr>{para(content, props)}</w:tc></w:tr>')
    out.append("</w:tbl>")
    tiny = ppr(st.PLAIN, line=Length(g.Pt(1)), snap=False, before=Length(0), after=Length(0))
    out.append(para("", tiny))  # a cell or text box must end with a paragraph
    emu_h = height * 635
    emu_w = int(g.BLOCK_WIDTH)
    box = text_box("".join(out), emu_w, emu_h, h=("margin", 0), v=("margin", "bottom"),
                   doc_id=9001, name="版记", layer=251659264, overlap=False)
    # The anchor paragraph is exactly as tall as the box: it reserves the space at the end of
    # the text, so text never runs under the 版记; when it does not fit, both move on a page.
    reserve = ppr(st.PLAIN, line=Length(emu_h), snap=False, before=Length(0), after=Length(0))
    return Block(para(box, reserve))


def _wrap_width(text: str, room: float, size: Length) -> list[str]:
    """`text` in lines no wider than `room` (EMU) at `size`, broken after 、，, or a space
    where one is on the line, else between characters."""
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > room:
            cut = max(line.rfind(p) for p in "、，, ") + 1
            cut = cut if 0 < cut < len(line) else len(line)
            lines.append(line[:cut].rstrip())
            line = line[cut:].lstrip()
        line += ch
    return lines + [line]


def table_title(text: str) -> Block:
    return Block(text_para(text, st.TABLE_TITLE))


def caption(text: str) -> Block:
    """The caption of a table or chart set in the text: centred 3号黑体, kept with what
    follows so it never ends a page alone."""
    return Block(para(run(text, rpr(font=g.FONT_HEITI)),
                      ppr(st.PLAIN, align="center", keep_next=True)))
