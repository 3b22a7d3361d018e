"""Every number of GB/T 9704-2012 that hongtou uses, once, named, with its clause.

Units are python-docx `Length`s (EMU ints): write `Mm(37)`, `Pt(16)`, never a bare number.
See ../../shared/gbt9704.md (the project's analysis of the standard) for where each comes from
and for the rendering traps measured in LibreOffice.
"""

from __future__ import annotations

from docx.shared import Emu, Length, Mm, Pt

# -- type sizes (号) -----------------------------------------------------------------------
SIZE_CHUHAO = Pt(42)      # 初号
SIZE_XIAOCHU = Pt(36)     # 小初
SIZE_1 = Pt(26)           # 一号
SIZE_2 = Pt(22)           # 二号: 标题, 附件标题 (§7.3.1, §8)
SIZE_XIAO2 = Pt(18)       # 小二
SIZE_3 = Pt(16)           # 三号: default size of every element (§5.2.4)
SIZE_XIAO3 = Pt(15)       # 小三
SIZE_4 = Pt(14)           # 四号: 版记, 页码 (§7.4, §7.5)
SIZE_XIAO4 = Pt(12)       # 小四: table cells in wide ledgers (practice)
SIZE_5 = Pt(10.5)         # 五号

# -- fonts (§5.2.4 and practice; Word reads a CJK font from w:eastAsia) -------------------
FONT_FANGSONG = "仿宋_GB2312"   # 正文 and default
FONT_KAITI = "楷体_GB2312"      # （一） headings, 签发人 name
FONT_HEITI = "黑体"             # 一、 headings, 密级, 紧急程度, 附件 label
FONT_XBS = "方正小标宋简体"      # 发文机关标志, 标题 (小标宋体 recommended)
FONT_SONG = "宋体"              # 页码 (half-width 宋体 numerals, §7.5)
FONT_LATIN = "Times New Roman"  # Arabic numerals and Latin text (practice)
# Substitutes named in fontTable.xml, for machines without the GB2312 faces.
FONT_ALT = {
    FONT_FANGSONG: "仿宋",
    FONT_KAITI: "楷体",
    FONT_XBS: "宋体",
}

# -- colours -------------------------------------------------------------------------------
RED = "FF0000"    # 发文机关标志 and the separator line (§7.2.3, §7.2.6)
BLACK = "000000"  # 版记 lines are black, not red (§7.4.1)

# -- page (§5.2) ---------------------------------------------------------------------------
PAGE_WIDTH = Mm(210)                  # A4 (§5.1)
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)                   # 天头 37 mm ± 1 (§5.2.1)
MARGIN_LEFT = Mm(28)                  # 订口 28 mm ± 1 (§5.2.1)
BLOCK_WIDTH = Mm(156)                 # 版心 156 × 225 mm (§5.2.2)
BLOCK_HEIGHT = Mm(225)
MARGIN_RIGHT = Emu(PAGE_WIDTH - MARGIN_LEFT - BLOCK_WIDTH)     # 26 mm
MARGIN_BOTTOM = Emu(PAGE_HEIGHT - MARGIN_TOP - BLOCK_HEIGHT)   # 35 mm

LINES_PER_PAGE = 22                   # 22 lines × 28 characters (§5.2.3)
CHARS_PER_LINE = 28
# 225 mm / 22 = 28.99 pt; Word's exact 29 pt fits only 21 lines, 28.95 pt keeps 22 (analysis).
LINE_PITCH = Pt(28.95)
# One 字 = the width of a 三号 character (§3 terms). Indents are whole 字.
ZI = SIZE_3
# 28 × 16 pt = 448 pt > 442.2 pt of block: condense 3号 text by 0.25 pt so 28 fit (analysis,
# "Traps"): 15.75 pt × 28 = 441 pt. Word/WPS honour w:spacing; LibreOffice too.
CHAR_SPACING_3 = Pt(-0.25)

# -- 版头 (§7.2) ---------------------------------------------------------------------------
MARK_TOP_IN_BLOCK = Mm(35)            # 发文机关标志 top edge 35 mm below the block top (§7.2.4)
MARK_SIZE = Pt(36)                    # practice: 小初, condensed to fit 156 mm
MARK_MIN_SIZE = Pt(22)                # never shrink the mark below 二号
MARK_MIN_SCALE = 60                   # condensed narrower than 60 % a mark is unreadable
# Joint issue (§7.2.4): names stacked, lead organ first, one "文件" to their right, centred
# on them. The spacing is practice: a fifth of the size between names, half an em before 文件.
JOINT_MARK_LEADING = 0.2              # space between two names, in the mark's size
JOINT_MARK_GAP_EMS = 0.5              # between the names and 文件, in ems
JOINT_MARK_SLACK = Pt(2)              # per column, so a name never wraps on rounding
NUMBER_GAP_LINES = 2                  # 发文字号: two blank lines under the mark (§7.2.5)
RED_LINE_GAP = Mm(4)                  # separator 4 mm under the 发文字号 (§7.2.6)
# A paragraph border is drawn at the bottom of the line box, not under the text: in an exact
# 28.95 pt line the 3号 text box ends this far above it (measured, LibreOffice 7.4).
TEXT_BOTTOM_IN_LINE = Pt(4.9)
RED_LINE_WIDTH = Pt(1.5)              # thickness not fixed; practice 1–1.5 pt
SIGNER_RIGHT_INDENT = ZI              # 签发人 right indent 1 字 (§7.2.5)

# -- 主体 (§7.3) ---------------------------------------------------------------------------
TITLE_GAP_LINES = 2                   # title two blank lines under the red line (§7.3.1)
BODY_INDENT = Length(2 * ZI)          # 正文 first line indent 2 字 (§7.3.3)
SIGNATURE_RIGHT_INDENT = Length(2 * ZI)   # 署名 right indent 2 字, no seal (§7.3.5.2)
# §7.3.5.1: when the page cannot hold the 署名 and date, adjust line and character spacing.
# The last paragraph of text may be condensed this much more per character to take its last
# line back (a full line takes one character more from 0.51 pt: 29 × 15.24 pt ≤ 442.2 pt);
# beyond that its last line goes over with the 署名 instead.
CONDENSE_MAX = Pt(0.6)
DATE_RIGHT_INDENT_SEALED = Length(4 * ZI)  # 成文日期 right indent 4 字 with seal (§7.3.5.1)
# The seal (§7.3.5.1) is pressed, upright and centred, over the 署名 and the date, which sit
# below its centre; its top within one line of the 正文 (or 附件说明). Practice: a round
# seal 42 mm across (the common size of a 党政机关 seal).
SEAL_DIAMETER = Mm(42)
SEAL_ROOM_LINES = 2                   # lines above the 署名 for the seal's upper half
SEAL_TOP_GAP = Mm(3)                  # the seal's top this far under the text: within a line
# Joint sealed issue (§7.3.5.1): the 署名 in issuing order, two to a row, a seal over each,
# seals in line and never touching; the last over its 署名 and the date.
JOINT_SEAL_PER_ROW = 2
JOINT_SEAL_SPACING = Mm(78)           # between the centres of two seals in a row
JOINT_SEAL_ROW_LINES = 4              # lines between two rows of seals (42 mm = 4.1 lines)

# -- 版记 (§7.4) ---------------------------------------------------------------------------
RECORD_LINE_OUTER = Mm(0.35)          # first and last line 0.35 mm (§7.4.1)
RECORD_LINE_INNER = Mm(0.25)          # lines between 0.25 mm
RECORD_INDENT = ZI                    # 抄送, 印发机关 indent 1 字 (§7.4.2, §7.4.3)
# 印发日期 ends 1 字 inside the block's right edge (§7.4.3): 178.4 mm from the page's left.
# A tab stop counts from the text's left edge (the margin, here the cell's), not the indent.
PRINT_DATE_END = Length(BLOCK_WIDTH - RECORD_INDENT)
PRINT_DATE_GAP = Length(2 * ZI)       # at least this between a long 印发机关 and the date
RECORD_LINE_PITCH = Pt(22)            # practice: one 4号 line with air above and below
RECORD_ROW_PAD = Pt(2)                # per row, so the rules never touch the text

# -- 页码 (§7.5) ---------------------------------------------------------------------------
PAGE_NUMBER_SIZE = SIZE_4             # 4号 半角宋体 Arabic numerals
PAGE_NUMBER_GAP = Mm(7)               # the number line sits 7 mm below the block
PAGE_NUMBER_INDENT = ZI               # odd pages right, even left, indented 1 字
PAGE_NUMBER_DASH = "\u2014"           # 一字线 each side: — 1 —
# Word's footer distance is from the page bottom to the footer's last line's bottom:
# 35 mm − 7 mm − one 4号 line.
FOOTER_DISTANCE = Emu(MARGIN_BOTTOM - PAGE_NUMBER_GAP - PAGE_NUMBER_SIZE)
# Footer distance is per section, but a 信函's page 1 needs its lower double line 20 mm up
# (§10.1): every portrait section uses that smaller edge and the page-number paragraph makes
# up the difference with space after it.
FOOTER_EDGE = Mm(20)
PAGE_NUMBER_LIFT = Emu(FOOTER_DISTANCE - FOOTER_EDGE)
# A landscape page inside a portrait document is printed turned a quarter counter-clockwise
# (the table's head at the 订口 on odd pages, at the 切口 on even ones — practice for A4
# tables set across), so the portrait page's bottom is the landscape page's left edge. Its
# number stays where portrait pages have it (§7.5): in a text box on that edge, set
# vertically (the glyphs' tops toward the landscape right, the portrait top), 7 mm from the
# block, at the portrait right (landscape bottom) on odd pages and left (top) on even ones.
TURNED_NUMBER_BOX = Mm(6.5)           # the box across the line: one 4号 line and air
TURNED_NUMBER_LENGTH = Mm(40)         # along the line: room for — 1234 —
LANDSCAPE_FOOTER = Mm(12)             # footer distance of a landscape page (its bottom margin
                                      # is the portrait 订口 side, 26 mm)

# -- 信函格式 (§10.1) -------------------------------------------------------------------
LETTER_MARK_TOP = Mm(30)              # mark's top edge 30 mm from the page top
LETTER_LINE_LENGTH = Mm(170)          # both red double lines 170 mm, centred on the page
LETTER_LINE_GAP = Mm(4)               # upper double line 4 mm under the mark's ink
LETTER_MARK_INK_FOOT = 0.12           # ems: the mark's ink ends this far above the foot of its
                                      # one-em line (小标宋 and its stand-in; measured 0.119 em
                                      # in LibreOffice at 36 pt), the border's gap starts there
LETTER_LOWER_LINE = FOOTER_EDGE       # lower double line 20 mm above the page bottom
LETTER_LINE_WIDTH = Pt(3)             # the pair: practice ≈ 2.25–3 pt for thick + gap + thin

# -- 纪要格式 (§10.3) -------------------------------------------------------------------
MINUTES_SUFFIX = "纪要"               # the mark is "×××纪要", red, centred, 35 mm (as §7.2.4)
ATTENDANCE_LABELS = ("出席", "请假", "列席")   # one blank line under the text, indent 2 字,
ATTENDANCE_FONT = FONT_HEITI          # the label 3号黑体 with a full-width colon; names 仿宋,
                                      # wrapped lines aligned after the colon

# -- tables (practice, see gbt9704.md "Tables in documents") ------------------------------
TABLE_CELL_SIZE = SIZE_XIAO4
TABLE_LINE_PITCH = Pt(20)
TABLE_CELL_MARGIN = Mm(1.5)
TABLE_HOLD_LINES = 2    # a table a page break splits keeps rows of this many lines under its
                        # header (and the sentence or heading that introduces it) at the page
                        # foot, and as many on the next page: one row of two lines, or two
                        # rows; never a header alone, nor a one-line 合计 (practice)
LANDSCAPE_BLOCK_WIDTH = BLOCK_HEIGHT  # a table set across the page: the block turned (225 mm)


def twips(length: Length) -> int:
    """Word's dxa unit (1/20 pt), rounded: the unit of indents, margins, spacing."""
    return round(length / 635)


def half_points(length: Length) -> int:
    """Word's w:sz unit."""
    return round(length / 6350)


def eighth_points(length: Length) -> int:
    """Word's border w:sz unit."""
    return max(2, round(length / 1587.5))
