"""The Word styles of every hongtou document, named as an office names them.

A user who opens a document in Word or WPS sees 公文标题, 一级标题 … in the style gallery and
keeps the formatting when they type. `Normal` is the body (Chinese Word shows it as 正文), so
text pasted in takes 仿宋 3号 with the 2-字 indent. Fonts are set through w:eastAsia on every
style; no theme fonts (w:eastAsiaTheme would override the face named here).
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.shared import Length

from . import gbt9704 as g
from .namespaces import XMLNS_W
from .ooxml import esc, ppr, rpr, rpr_items


@dataclass(frozen=True)
class Style:
    sid: str             # styleId, ASCII (Word keeps it stable across languages)
    name: str            # the name people see
    font: str = g.FONT_FANGSONG
    size: Length = g.SIZE_3
    bold: bool = False
    color: str | None = None
    align: str | None = None
    first_line: Length | None = None
    left: Length | None = None
    right: Length | None = None
    line: Length | None = g.LINE_PITCH
    spacing: Length | None = g.CHAR_SPACING_3
    keep_next: bool = False
    snap: bool = True    # snap lines to the 22-line grid; off where a style has its own pitch
    kind: str = "paragraph"
    based_on: str = "Normal"


BODY = "Normal"
TITLE = "GwTitle"
H1, H2, H3, H4 = "GwH1", "GwH2", "GwH3", "GwH4"
HEAD = "GwHead"
MARK = "GwMark"
NUMBER = "GwNumber"
ADDRESSEE = "GwAddressee"
ATTACH_NOTE = "GwAttachNote"
SIGNATURE = "GwSignature"
DATE = "GwDate"
NOTE = "GwNote"
ATTACH_LABEL = "GwAttachLabel"
RECORD = "GwRecord"
TABLE_TITLE = "GwTableTitle"
TABLE_HEAD = "GwTableHead"
TABLE_TEXT = "GwTableText"
PAGE_NUMBER = "GwPageNumber"
PLAIN = "GwPlain"
ATTENDANCE = "GwAttendance"

HEADING_STYLES = {1: H1, 2: H2, 3: H3, 4: H4}

STYLES: tuple[Style, ...] = (
    Style(BODY, "Normal", align="both", first_line=g.BODY_INDENT, based_on=""),
    Style(PLAIN, "无缩进", align="both", first_line=Length(0)),
    Style(TITLE, "公文标题", font=g.FONT_XBS, size=g.SIZE_2, align="center",
          first_line=Length(0), spacing=None, snap=False),
    Style(H1, "一级标题", font=g.FONT_HEITI, keep_next=True),
    # every heading level keeps with the line after it: never the last line of a page
    Style(H2, "二级标题", font=g.FONT_KAITI, keep_next=True),
    Style(H3, "三级标题", keep_next=True),
    Style(H4, "四级标题", keep_next=True),
    Style(HEAD, "版头", align="left", first_line=Length(0)),
    Style(MARK, "发文机关标志", font=g.FONT_XBS, size=g.MARK_SIZE, color=g.RED,
          align="center", first_line=Length(0), line=None, spacing=None, snap=False),
    Style(NUMBER, "发文字号", align="center", first_line=Length(0)),
    Style(ADDRESSEE, "主送机关", align="both", first_line=Length(0)),
    Style(ATTACH_NOTE, "附件说明", align="left", first_line=Length(0)),
    Style(SIGNATURE, "署名", align="right", first_line=Length(0), right=g.SIGNATURE_RIGHT_INDENT),
    Style(DATE, "成文日期", align="right", first_line=Length(0)),
    Style(NOTE, "附注", align="both"),
    Style(ATTENDANCE, "出席人员", align="both", first_line=Length(0)),
    Style(ATTACH_LABEL, "附件标识", font=g.FONT_HEITI, align="left", first_line=Length(0)),
    Style(RECORD, "版记", size=g.SIZE_4, align="left", first_line=Length(0),
          left=g.RECORD_INDENT, right=g.RECORD_INDENT, spacing=None, snap=False),
    Style(TABLE_TITLE, "表格标题", font=g.FONT_XBS, size=g.SIZE_2, align="center",
          first_line=Length(0), spacing=None, snap=False),
    Style(TABLE_HEAD, "表头", font=g.FONT_HEITI, size=g.TABLE_CELL_SIZE, align="center",
          first_line=Length(0), line=g.TABLE_LINE_PITCH, spacing=None, snap=False),
    Style(TABLE_TEXT, "表格文字", size=g.TABLE_CELL_SIZE, align="left",
          first_line=Length(0), line=g.TABLE_LINE_PITCH, spacing=None, snap=False),
    Style(PAGE_NUMBER, "页码", font=g.FONT_SONG, size=g.PAGE_NUMBER_SIZE, first_line=Length(0),
          line=None, spacing=None, snap=False),
)


def _style_xml(s: Style) -> str:
    default = ' w:default="1"' if s.sid == BODY else ""
    based = f'<w:basedOn w:val="{s.based_on}"/>' if s.based_on else ""
    p = ppr(align=s.align, first_line=s.first_line, left=s.left, right=s.right,
            line=s.line, keep_next=s.keep_next, snap=None if s.snap else False,
            widow=False if s.sid == BODY else None,  # 22 lines a page (analysis, "Traps")
            after=Length(0) if s.sid == BODY else None,
            before=Length(0) if s.sid == BODY else None)
    # Styles other than the body restate spacing 0 when they must not be condensed.
    spacing = s.spacing if s.spacing is not None else (Length(0) if s.sid != BODY else None)
    r = rpr(font=s.font, size=s.size, bold=s.bold, color=s.color, spacing=spacing)
    return (f'<w:style w:type="{s.kind}"{default} w:styleId="{s.sid}">'
            f'<w:name w:val="{esc(s.name)}"/>{based}<w:qFormat/>{p}{r}</w:style>')


def styles_xml() -> str:
    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
    defaults = (
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f"{rpr_items(font=g.FONT_FANGSONG, size=g.SIZE_3)}"
        '<w:kern w:val="2"/>' + lang +
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
        # no extra gap between CJK and Latin or digits in Word and WPS: a line then holds
        # what the 28-character grid says. LibreOffice 7.4 ignores the setting and adds its
        # gap; layout/paginate.py allows for it.
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        "</w:pPr></w:pPrDefault></w:docDefaults>")
    table_normal = (
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/>'
        '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>'
        '<w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/>'
        "</w:tblCellMar></w:tblPr></w:style>")
    body = "".join(_style_xml(s) for s in STYLES)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"<w:styles {XMLNS_W}>"
            f"{defaults}{body}{table_normal}</w:styles>")
