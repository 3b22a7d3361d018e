"""Red-header notices written the way other GB/T 9704 tools write them — python-docx with
direct formatting, with styles, the red rule as a paragraph border, a table border, a VML or
DrawingML line or a picture of a line, the mark in a text box, the 版记 as bordered paragraphs
or a table — and the same documents with one fault planted.

    path = notice(tmp_path / "x.docx", "vml", fault="body-songti")

Every measure is GB/T 9704's (A4, 37/28 mm margins, 3号仿宋 at 28.95 pt exact, 2号小标宋 title,
red 小标宋 mark 35 mm under the block top, red rule 4 mm under the 文号).
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DECL = (f'xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
        'xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

# (fangsong, xiaobiaosong, heiti) as each writer names them
FACES = {
    "direct": ("仿宋_GB2312", "方正小标宋简体", "黑体"),
    "styles": ("仿宋", "方正小标宋_GBK", "黑体"),
    "table-rule": ("FangSong", "华文中宋", "SimHei"),
    "vml": ("STFangsong", "方正小标宋简体", "黑体"),
    "drawingml": ("方正仿宋_GBK", "小标宋", "方正黑体_GBK"),
    "picture": ("仿宋", "方正小标宋简体", "黑体"),
    "textbox": ("仿宋_GB2312", "方正小标宋简体", "黑体"),
}
VARIANTS = tuple(FACES)
FOOTER = 25.4        # mm: the page number's dash inks 7 mm under the block
# where each writer's red rule lands 4 mm under the 文号 (LibreOffice's placement, measured)
RULE_VML_TOP = "95.7pt"
RULE_DML_OFFSET = 1215600
RULE_PICTURE_LINE = 12
RULE_TABLE_AFTER = 8
RECORD_TAB = 8525    # twips from the margin: the 印发日期 ends 1 字 inside the block
RECORD_CELL_TAB = 8525
# pt of blank space above the 版记 that bring its last rule to the block's foot on page 2 (as a
# secretary adds blank lines; measured with LibreOffice and the Noto CJK faces)
RECORD_SPACE = {"direct": 414, "styles": 327, "table-rule": 414, "vml": 416,
                "drawingml": 416, "picture": 329, "textbox": 414}

MARK = "长沙市委宣传部文件"
NUMBER = "长宣发〔2022〕3号"
TITLE = "关于做好2022年度全市宣传思想文化工作的通知"
ADDRESSEE = "各区县（市）委宣传部，市直各宣传文化单位："
BODY = (
    "为深入贯彻落实全国宣传部长会议精神，根据《关于加强宣传文化阵地管理的意见》"
    "（长宣字〔2017〕1号）要求，现就做好2022年度全市宣传思想文化工作通知如下。",
    "各单位要高度重视，结合实际制定具体实施方案，明确责任分工，细化工作措施，"
    "确保各项任务落到实处。",
    "一、加强组织领导",
    "各单位主要负责同志要亲自抓、负总责，分管负责同志要具体抓、抓具体，形成一级抓一级、"
    "层层抓落实的工作格局。",
    "二、强化督促检查",
    "市委宣传部将适时对各单位工作开展情况进行督促检查，检查结果纳入年度考核。",
)
SIGNATURE = "中共长沙市委宣传部"
DATE = "2022年3月1日"
COPY = "抄送：市委办公厅，市政府办公厅。"
PRINTER, PRINTED = "长沙市委宣传部办公室", "2022年3月1日印发"

FAULTS = {
    # fault → the (clause, rule) it must fail
    "body-songti": ("§5.2.4", "正文字体（w:eastAsia）"),
    "body-14pt": ("§5.2.4", "正文字号"),
    "body-1.5-lines": ("§5.2.3", "正文行距（每页 22 行）"),
    "body-theme-font": ("字体", "不使用主题字体（w:eastAsiaTheme 会覆盖仿宋等中文字体）"),
    "mark-black": ("§7.2.4", "发文机关标志颜色"),
    "mark-left": ("§7.2.4", "发文机关标志居中"),
    "number-brackets": ("§7.2.5", "发文字号"),
    "no-red-rule": ("§7.2.6", "版头中的红色分隔线"),
    "title-16pt": ("§7.3.1", "标题字号"),
    "date-chinese": ("§7.3.5", "成文日期"),
    "record-red": ("§7.4.1", "版记分隔线颜色"),
    "top-25mm": ("§5.2.1", "第1节天头（上白边）"),
    "body-no-indent": ("§7.3.3", "正文每段左空二字"),
}
# faults only the printed pages show: fault → (variant, with a 版记?, the rules that must fail)
PAGE = ("§7.5", "第{}页页码")
PAGE_FAULTS = {
    "attachments-alone": ("direct", False, {("§7.3.5", "署名页有正文")}),
    "date-alone": ("direct", False, {("§7.3.5", "署名页有正文"), ("§7.3.5", "成文日期不单独成页")}),
    "blank-page": ("direct", False, {("§7.5", "无空白页（只有页码的页）")}),
    "heading-unkept": ("styles", False, {("§7.3.3", "标题不在页面最后一行")}),
    "record-tab-from-indent": ("direct", True, {("§7.4.3", "印发日期右空一字")}),
    "record-hidden": ("direct", True, {("§7.4", "版记排在末页")}),
    "title-broken-word": ("direct", False, {("§7.3.1", "标题回行词意完整")}),
    "footer-low": ("direct", False, {("§7.5", "第1页页码"), ("§7.5", "第2页页码")}),
    # page numbers centred, as many tools set them (measured 居中, not 右侧)
    "number-centred": ("direct", False, {("§7.5", "第1页页码"), ("§7.5", "第2页页码"),
                                         ("§7.5", "单页页码"), ("§7.5", "双页页码")}),
}
LONG_TITLE = "关于做好2022年度全市宣传思想文化工作意识形态工作责任制落实情况自查自纠的通知"
ATTACHMENTS = ("附件：1.2022年度全市宣传思想文化工作要点", "　　　2.意识形态工作责任制落实情况自查表")

# what else a fault changes arithmetically
ALSO = {
    "top-25mm": {("§5.2.2", "第1节版心")},
    "body-theme-font": {("§5.2.4", "正文字体（w:eastAsia）")},
}


PPR = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
       "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
       "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
       "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId "
       "cnfStyle rPr sectPr pPrChange").split()
TBLPR = ("tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize tblW jc "
         "tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar tblLook").split()


def put(parent, xml: str, order=PPR):
    """Insert the element `xml` into pPr / tblPr where the schema's order puts it."""
    el = parse_xml(xml)
    name = el.tag.rsplit("}", 1)[1]
    later = order[order.index(name) + 1:]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    for child in parent:
        if child.tag.rsplit("}", 1)[1] in later:
            child.addprevious(el)
            return el
    parent.append(el)
    return el


def _set_fonts(run, face: str) -> None:
    run.font.name = "Times New Roman"
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), face)


def _exact(paragraph, pt: float = 28.95) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(pt)
    fmt.space_before = fmt.space_after = Pt(0)


class Writer:
    """One document; `styled` writers put fonts in styles, the others on every run."""

    def __init__(self, variant: str, fault: str | None, record: bool = True):
        self.variant, self.fault, self.with_record = variant, fault, record
        self.styled = variant == "styles"
        fang, xbs, hei = FACES[variant]
        if fault == "body-songti":
            fang = "宋体"
        self.fang, self.xbs, self.hei = fang, xbs, hei
        self.doc = docx.Document()
        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin = Mm(25 if fault == "top-25mm" else 37)
        sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(35), Mm(28), Mm(26)
        sec.footer_distance = Mm(20 if fault == "footer-low" else FOOTER)
        self.size = Pt(14 if fault == "body-14pt" else 16)
        if self.styled:
            normal = self.doc.styles["Normal"]
            normal.font.size = self.size
            normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), fang)
            self._spacing(normal)
            title = self.doc.styles.add_style("公文标题", WD_STYLE_TYPE.PARAGRAPH)
            title.base_style = normal
            title.font.size = Pt(16 if fault == "title-16pt" else 22)
            title.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), xbs)
            title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            title.paragraph_format.line_spacing = Pt(35)

    def _spacing(self, target) -> None:
        fmt = target.paragraph_format
        if self.fault == "body-1.5-lines":
            fmt.line_spacing = 1.5
        else:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(28.95)
        fmt.space_before = fmt.space_after = Pt(0)

    def para(self, text: str = "", *, face: str | None = None, size=None, colour=None,
             align=None, indent: bool = False, style: str | None = None):
        p = self.doc.add_paragraph(style=style)
        if not self.styled or face or size or colour:
            self._spacing(p)
        if align is not None:
            p.alignment = align
        if indent and self.fault == "body-typed-spaces":
            text = "\u3000\u3000" + text          # two full-width spaces typed, no indent set
        elif indent and self.fault != "body-no-indent":
            p.paragraph_format.first_line_indent = Pt(32)
        if text:
            run = p.add_run(text)
            if not self.styled or face:
                _set_fonts(run, face or self.fang)
            if not self.styled or size:
                run.font.size = size or self.size
            if colour:
                run.font.color.rgb = RGBColor.from_string(colour)
            if self.fault == "body-theme-font" and face is None:
                run._element.get_or_add_rPr().get_or_add_rFonts().set(
                    qn("w:eastAsiaTheme"), "minorEastAsia")
        return p

    # -- parts --------------------------------------------------------------------------

    def mark(self):
        colour = "000000" if self.fault == "mark-black" else "FF0000"
        align = WD_ALIGN_PARAGRAPH.LEFT if self.fault == "mark-left" else WD_ALIGN_PARAGRAPH.CENTER
        if self.variant == "textbox":
            anchor = self.para()             # holds the mark's place in the flow
            anchor.paragraph_format.space_before = Mm(35)
            anchor.paragraph_format.line_spacing = Pt(36)
            box = (f'<w:r {DECL}><w:pict><v:shape id="mark" o:spt="202" type="#_x0000_t202" '
                   'stroked="f" style="position:absolute;margin-left:0;margin-top:90.4pt;'
                   'width:442pt;height:48pt;mso-position-horizontal:center;'
                   'mso-position-horizontal-relative:margin;mso-position-vertical-relative:margin">'
                   '<v:textbox inset="0,0,0,0">'
                   f'<w:txbxContent><w:p><w:pPr><w:jc w:val="{"left" if align == WD_ALIGN_PARAGRAPH.LEFT else "center"}"/>'
                   '</w:pPr><w:r><w:rPr>'
                   f'<w:rFonts w:eastAsia="{self.xbs}"/><w:color w:val="{colour}"/>'
                   f'<w:sz w:val="72"/></w:rPr><w:t>{MARK}</w:t></w:r></w:p></w:txbxContent>'
                   '</v:textbox></v:shape></w:pict></w:r>')
            anchor._p.append(parse_xml(box))
            return
        p = self.para(MARK, face=self.xbs, size=Pt(36), colour=colour, align=align)
        p.paragraph_format.space_before = Mm(35)
        p.paragraph_format.line_spacing = Pt(36)

    def number(self):
        text = NUMBER.replace("〔", "[").replace("〕", "]") if self.fault == "number-brackets" else NUMBER
        p = self.para(text, align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_before = Pt(57.9)
        if self.fault == "no-red-rule":
            return
        rule = self.variant
        if rule in ("direct", "styles", "textbox"):
            put(p._p.get_or_add_pPr(), (
                f'<w:pBdr {DECL}><w:bottom w:val="single" w:sz="12" w:space="6" '
                'w:color="FF0000"/></w:pBdr>'))
        elif rule == "table-rule":     # the 文号 in a one-cell table with a red bottom border
            self.doc.element.body.remove(p._p)
            tbl = self.doc.add_table(rows=1, cols=1)
            tbl.alignment = 1
            cell = tbl.rows[0].cells[0]
            cell._tc.remove(cell.paragraphs[0]._p)
            cell._tc.append(p._p)
            p.paragraph_format.space_after = Pt(RULE_TABLE_AFTER)
            put(tbl._tbl.tblPr, (
                f'<w:tblBorders {DECL}><w:top w:val="nil"/><w:left w:val="nil"/>'
                '<w:bottom w:val="single" w:sz="12" w:space="0" w:color="E60012"/>'
                '<w:right w:val="nil"/></w:tblBorders>'), TBLPR)
        elif rule == "vml":
            p.add_run()._r.append(parse_xml(
                f'<w:pict {DECL}><v:line id="redline" from="0,{RULE_VML_TOP}" to="442.2pt,{RULE_VML_TOP}" '
                'strokecolor="red" strokeweight="1.5pt" style="position:absolute;'
                'mso-position-horizontal-relative:margin;mso-position-vertical-relative:text;'
                f'margin-top:{RULE_VML_TOP}"/></w:pict>'))
        elif rule == "drawingml":
            p.add_run()._r.append(parse_xml(_dml_line("C00000")))
        elif rule == "picture":        # in a paragraph of its own under the 文号
            line = self.doc.add_paragraph()
            _exact(line, RULE_PICTURE_LINE)
            line.add_run().add_picture(_red_png(), width=Mm(156), height=Mm(0.5))

    def title(self):
        title = LONG_TITLE if self.fault == "title-broken-word" else TITLE
        if self.styled:
            p = self.doc.add_paragraph(title, style="公文标题")
        else:
            p = self.para(title, face=self.xbs, size=Pt(16 if self.fault == "title-16pt" else 22),
                          align=WD_ALIGN_PARAGRAPH.CENTER)
        p.paragraph_format.space_before = Pt(57.9)
        p.paragraph_format.space_after = Pt(28.95)

    def body(self):
        self.para(ADDRESSEE)
        for i, text in enumerate(BODY):
            heading = text[:2] in ("一、", "二、")
            p = self.para(text, face=self.hei if heading else None, indent=True)
            p.paragraph_format.keep_with_next = heading and self.fault != "heading-unkept"
            if i == 1 and self.fault == "blank-page":
                # an empty paragraph that starts a page, then one that starts the next
                self.para().paragraph_format.page_break_before = True
                self._next_page = True
            elif getattr(self, "_next_page", False):
                p.paragraph_format.page_break_before = True
                self._next_page = False
        if self.fault == "attachments-alone":
            for i, text in enumerate(ATTACHMENTS):
                p = self.para(text, indent=True)
                p.paragraph_format.page_break_before = i == 0
                p.paragraph_format.space_before = Pt(28.95 if i == 0 else 0)
        sig = self.para(SIGNATURE, align=WD_ALIGN_PARAGRAPH.RIGHT)
        sig.paragraph_format.space_before = Pt(28.95)
        sig.paragraph_format.right_indent = Pt(64)
        date = "二〇二二年三月一日" if self.fault == "date-chinese" else DATE
        p = self.para(date, align=WD_ALIGN_PARAGRAPH.RIGHT)
        p.paragraph_format.right_indent = Pt(64)
        p.paragraph_format.page_break_before = self.fault == "date-alone"

    def record(self):
        colour = "FF0000" if self.fault == "record-red" else "000000"
        spacer = self.doc.add_paragraph()        # blank space down to the foot of the page
        _exact(spacer, RECORD_SPACE.get(self.variant, 1))
        if self.variant in ("vml", "drawingml", "picture"):     # the 版记 as a table
            tbl = self.doc.add_table(rows=2, cols=1)
            put(tbl._tbl.tblPr, f'<w:tblW {DECL} w:w="8845" w:type="dxa"/>', TBLPR)
            for i, text in enumerate((COPY, f"{PRINTER}\t{PRINTED}")):
                cell = tbl.rows[i].cells[0]
                p = cell.paragraphs[0]
                run = p.add_run(text)
                p.paragraph_format.left_indent = Pt(14)
                _exact(p, 22)
                if i:
                    put(p._p.get_or_add_pPr(), (
                        f'<w:tabs {DECL}><w:tab w:val="right" w:pos="{RECORD_CELL_TAB}"/></w:tabs>'))
                _set_fonts(run, self.fang)
                run.font.size = Pt(14)
                cell._tc.get_or_add_tcPr().append(parse_xml(
                    f'<w:tcBorders {DECL}><w:top w:val="single" w:sz="{8 if i == 0 else 4}" '
                    f'w:color="{colour}"/><w:left w:val="nil"/><w:right w:val="nil"/>'
                    f'<w:bottom w:val="single" w:sz="{4 if i == 0 else 8}" w:color="{colour}"/>'
                    '</w:tcBorders>'))
            _exact(self.doc.add_paragraph(), 1)      # a document ends with a paragraph
            return
        copy = self.para(COPY, size=Pt(14))
        printed = self.para(f"{PRINTER}\t{PRINTED}", size=Pt(14))
        for p, edges in ((copy, ("top",)), (printed, ("top", "bottom"))):
            p.paragraph_format.left_indent = Pt(14)
            _exact(p, 22)
            put(p._p.get_or_add_pPr(), (
                f'<w:pBdr {DECL}>' + "".join(
                    f'<w:{e} w:val="single" w:sz="{8 if e == "bottom" or p is copy else 4}" '
                    f'w:space="1" w:color="{colour}"/>' for e in edges) + '</w:pBdr>'))
        tab = RECORD_TAB - 280 if self.fault == "record-tab-from-indent" else RECORD_TAB
        put(printed._p.get_or_add_pPr(), (
            f'<w:tabs {DECL}><w:tab w:val="right" w:pos="{tab}"/></w:tabs>'))
        if self.fault == "record-hidden":          # hidden text: in the file, not on paper
            for p in (copy, printed):
                for r in p.runs:
                    r.font.hidden = True

    def footers(self):
        self.doc.settings.odd_and_even_pages_header_footer = True
        sec = self.doc.sections[0]
        for footer, align in ((sec.footer, "right"), (sec.even_page_footer, "left")):
            align = "center" if self.fault == "number-centred" else align
            p = footer.paragraphs[0]
            p._p.append(parse_xml(
                f'<w:pPr {DECL}><w:jc w:val="{align}"/><w:ind w:left="280" w:right="280"/></w:pPr>'))
            for xml in ('<w:r {d}><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve">— </w:t></w:r>',
                        '<w:r {d}><w:fldChar w:fldCharType="begin"/></w:r>',
                        '<w:r {d}><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
                        '<w:r {d}><w:fldChar w:fldCharType="end"/></w:r>',
                        '<w:r {d}><w:rPr><w:sz w:val="28"/></w:rPr><w:t xml:space="preserve"> —</w:t></w:r>'):
                p._p.append(parse_xml(xml.format(d=DECL)))

    def write(self, path: Path) -> Path:
        self.mark()
        self.number()
        self.title()
        self.body()
        if self.with_record:
            self.record()
        self.footers()
        self.doc.save(path)
        return path


def _dml_line(colour: str) -> str:
    return (f'<w:drawing {DECL}><wp:anchor distT="0" distB="0" distL="0" distR="0" '
            'simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/>'
            '<wp:positionH relativeFrom="margin"><wp:posOffset>0</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{RULE_DML_OFFSET}</wp:posOffset></wp:positionV>'
            '<wp:extent cx="5616000" cy="0"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            '<wp:wrapNone/><wp:docPr id="7" name="红线"/><wp:cNvGraphicFramePr/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            '<wps:wsp><wps:cNvCnPr/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5616000" cy="0"/></a:xfrm>'
            '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
            f'<a:ln w="19050"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></a:ln></wps:spPr>'
            '<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>')


def png(width: int, height: int, rgb: bytes = b"\xff\x00\x00") -> bytes:
    """A plain-colour PNG of width × height pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + rgb * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def _red_png():
    """A 40×1 pixel red PNG, as a file-like object: a picture of a red line."""
    return io.BytesIO(png(40, 1))


def notice(path: Path, variant: str, fault: str | None = None, record: bool = True) -> Path:
    return Writer(variant, fault, record).write(path)


def page_fault(path: Path, fault: str) -> Path:
    variant, record, _ = PAGE_FAULTS[fault]
    return notice(path, variant, fault, record)


def table_doc(path: Path, narrow: bool) -> Path:
    """A 3号 table of names, statuses and dates: columns wide enough for each word, or
    `narrow` — 794 twips, as issue 12 found — so 已完/成 and 杨/帆 break. Its 序号 11 stands
    alone on a line like a page number, and its 成果要求 column is running text that wraps
    inside 会议/记录 and 印发/方案 as running text may: neither is a broken word."""
    d = docx.Document()
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = Mm(37), Mm(35), Mm(28), Mm(26)
    rows = [("序号", "责任人", "状态", "完成时限", "成果要求"),
            ("1", "杨帆", "已完成", "11月10日", "签到表、会议记录、印发方案"),
            ("2", "马晓东", "整改中", "15个工作日", "形成整改报告，报送办公室"),
            ("11", "李静", "未启动", "6月30日", "专题学习1次"),
            ("3", "王芳", "长期坚持", "2022", "")]   # cells of digits alone are text
    t = d.add_table(rows=len(rows), cols=len(rows[0]))
    t.autofit = False
    widths = (Mm(14),) * 5 if narrow else (Mm(16), Mm(26), Mm(30), Mm(40), Mm(30))
    for col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(width.twips)))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = t.rows[r].cells[c]
            cell.width = widths[c]
            run = cell.paragraphs[0].add_run(text)
            _set_fonts(run, "仿宋_GB2312")
            run.font.size = Pt(16)
    d.save(path)
    return path


def order(path: Path, top_mm: float = 20) -> Path:
    """A 命令（令）(§10.2): the red mark 「…令」 20 mm under the block top (or `top_mm`),
    its 令号 two lines under it, then the body — as kamisky/GB-T-9704-2012-gongwen-format's
    sample order is laid out."""
    w = Writer("direct", None, record=False)
    mark = w.para("长沙市人民政府令", face=w.xbs, size=Pt(36), colour="FF0000",
                  align=WD_ALIGN_PARAGRAPH.CENTER)
    mark.paragraph_format.space_before = Mm(top_mm)
    mark.paragraph_format.line_spacing = Pt(36)
    w.para("第1号", align=WD_ALIGN_PARAGRAPH.CENTER).paragraph_format.space_before = Pt(57.9)
    w.title()
    w.body()
    w.footers()
    w.doc.save(path)
    return path


def plain(path: Path, fault: str | None = None) -> Path:
    """Not a red-header document: a black title, then body text quoting a 文号 (with a page
    fault of PAGE_FAULTS planted, if given)."""
    w = Writer("direct", fault)
    w.title()
    w.body()
    w.footers()
    w.doc.save(path)
    return path


