"""The .docx package around a body: section setup, page-number footers, settings, zip.

Every document hongtou writes is assembled here, so page size, margins, footers and fonts are
the same in all of them. The zip is deterministic (fixed timestamps, fixed part order): the same
input gives the same bytes, so a filed copy can be compared.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass

from lxml import etree

from ..zippack import zip_parts
from . import gbt9704 as g
from .namespaces import R_NS, W, XMLNS_R, XMLNS_W
from .ooxml import esc, field_run, keep_signature_with_text, para, ppr, rpr, run, text_box
from .paginate import (RECORD_NAME, condensed, header_rows, record_alone, signature_rows,
                       signature_split, styles_of)
from .styles import (ATTACH_NOTE, DATE, HEADING_STYLES, PAGE_NUMBER, SIGNATURE, TABLE_TITLE,
                     styles_xml)
from .zones import letter_lower_line, letter_mark

# DrawingML, for the 版记's anchored text box
DRAWING = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
           ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
           ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
           ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
           ' mc:Ignorable="wps"')
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Relationship ids of the footers, fixed so templates can refer to them.
FOOTER_ODD = "rIdFooterOdd"
FOOTER_EVEN = "rIdFooterEven"
FOOTER_BLANK = "rIdFooterBlank"
LETTER_HEAD = "rIdHeaderLetter"    # 信函: the mark and upper double line, page 1 only
LETTER_FOOT = "rIdFooterLetter"    # 信函: the lower double line, no page number on page 1
TURNED_ODD = "rIdFooterTurnedOdd"  # landscape pages in a portrait document: the number
TURNED_EVEN = "rIdFooterTurnedEven"  # on the portrait bottom edge (§7.5)


@dataclass(frozen=True)
class Section:
    """One section's page setup. `landscape` turns the page and the text block with it, so
    the block stays 156 × 225 mm on the rotated sheet."""

    landscape: bool = False
    letter: bool = False      # 信函格式 (§10.1): page 1 carries its own header and footer
    new_page: bool = True
    # a landscape section inside a portrait document: the page number stays on the portrait
    # bottom edge, turned (§7.5; gbt9704.TURNED_NUMBER_*)
    turned_numbers: bool = False

    def xml(self) -> str:
        if self.landscape:
            w, h = g.PAGE_HEIGHT, g.PAGE_WIDTH
            # the portrait page turned a quarter counter-clockwise: 订口 at the top, the
            # portrait bottom (35 mm) on the left, its top (天头, 37 mm) on the right
            top, bottom, left, right = g.MARGIN_LEFT, g.MARGIN_RIGHT, g.MARGIN_BOTTOM, g.MARGIN_TOP
            orient = ' w:orient="landscape"'
        else:
            w, h = g.PAGE_WIDTH, g.PAGE_HEIGHT
            top, bottom, left, right = g.MARGIN_TOP, g.MARGIN_BOTTOM, g.MARGIN_LEFT, g.MARGIN_RIGHT
            orient = ""
        footer = g.FOOTER_EDGE if not self.landscape else g.LANDSCAPE_FOOTER
        odd, even = (TURNED_ODD, TURNED_EVEN) if self.turned_numbers else (FOOTER_ODD, FOOTER_EVEN)
        refs = (f'<w:footerReference w:type="default" r:id="{odd}"/>'
                f'<w:footerReference w:type="even" r:id="{even}"/>')
        header = 851
        if self.letter:
            refs = (f'<w:headerReference w:type="first" r:id="{LETTER_HEAD}"/>' + refs
                    + f'<w:footerReference w:type="first" r:id="{LETTER_FOOT}"/>')
            header = g.twips(g.LETTER_MARK_TOP)
        kind = "" if self.new_page else '<w:type w:val="continuous"/>'
        return (f"<w:sectPr>{refs}{kind}"
                f'<w:pgSz w:w="{g.twips(w)}" w:h="{g.twips(h)}"{orient}/>'
                f'<w:pgMar w:top="{g.twips(top)}" w:right="{g.twips(right)}"'
                f' w:bottom="{g.twips(bottom)}" w:left="{g.twips(left)}" w:header="{header}"'
                f' w:footer="{g.twips(footer)}" w:gutter="0"/>'
                + ("<w:titlePg/>" if self.letter else "")
                + f'<w:docGrid w:type="lines" w:linePitch="{g.twips(g.LINE_PITCH)}"/>'
                "</w:sectPr>")

    def break_para(self) -> str:
        """A paragraph that ends the section *before* it with this section's setup."""
        return para("", f"<w:pPr>{self.xml()}</w:pPr>")


def landscape(content: str) -> str:
    """`content` (a wide table, say) on landscape pages inside a portrait document: a section
    break before it (the portrait pages so far) and after it (the landscape pages), so the
    text that follows is portrait again. The landscape pages keep their number where
    portrait pages have it, turned (§7.5; `turned_footer_xml`)."""
    return (Section().break_para() + content
            + Section(landscape=True, turned_numbers=True).break_para())


def footer_xml(side: str) -> str:
    """Page number `— N —`, 4号 half-width 宋体 (§7.5): odd pages right, even pages left,
    each indented 1 字. `side` is "odd", "even" or "blank"."""
    if side == "blank":
        return f"{XML_HEAD}<w:ftr {XMLNS_W} {XMLNS_R}>{para('', ppr(PAGE_NUMBER))}</w:ftr>"
    props = rpr(font=g.FONT_SONG, size=g.PAGE_NUMBER_SIZE, latin=g.FONT_SONG)
    dash = g.PAGE_NUMBER_DASH
    body = run(f"{dash} ", props) + field_run("PAGE", props) + run(f" {dash}", props)
    if side == "odd":
        p = ppr(PAGE_NUMBER, align="right", right=g.PAGE_NUMBER_INDENT, after=g.PAGE_NUMBER_LIFT)
    else:
        p = ppr(PAGE_NUMBER, align="left", left=g.PAGE_NUMBER_INDENT, after=g.PAGE_NUMBER_LIFT)
    return f"{XML_HEAD}<w:ftr {XMLNS_W} {XMLNS_R}>{para(body, p)}</w:ftr>"


# Drawing ids (wp:docPr/@id) are unique across the package: the 版记's text box is 9001
# (zones.record_zone), the turned page numbers' boxes these.
TURNED_IDS = {"odd": 9002, "even": 9003}


def turned_footer_xml(side: str) -> str:
    """The footer of a landscape page in a portrait document: `— N —` as on portrait pages
    (4号 宋体), in a text box anchored to the page on its left edge — the portrait bottom —
    set vertically so it reads upright when the sheet is turned back; odd pages at the
    portrait right (the landscape bottom), even at the portrait left, 1 字 in, the number's
    line 7 mm from the block (§7.5)."""
    props = rpr(font=g.FONT_SONG, size=g.PAGE_NUMBER_SIZE, latin=g.FONT_SONG)
    dash = g.PAGE_NUMBER_DASH
    number = run(f"{dash} ", props) + field_run("PAGE", props) + run(f" {dash}", props)
    across, along = g.TURNED_NUMBER_BOX, g.TURNED_NUMBER_LENGTH
    # landscape page: the block's left edge is the portrait bottom margin from the left
    x = g.MARGIN_BOTTOM - g.PAGE_NUMBER_GAP - across
    if side == "odd":   # portrait right = landscape bottom: end 1 字 above the block's bottom
        y, align = g.MARGIN_LEFT + g.BLOCK_WIDTH - g.PAGE_NUMBER_INDENT - along, "right"
    else:               # portrait left = landscape top: start 1 字 below the block's top
        y, align = g.MARGIN_LEFT + g.PAGE_NUMBER_INDENT, "left"
    inner = para(number, ppr(PAGE_NUMBER, align=align, line=g.PAGE_NUMBER_SIZE, snap=False,
                             before=g.Emu(0), after=g.Emu(0)))
    box = text_box(inner, int(across), int(along), h=("page", x), v=("page", y),
                   doc_id=TURNED_IDS[side], name="页码", layer=251660288, vertical=True)
    return f"{XML_HEAD}<w:ftr {XMLNS_W} {XMLNS_R} {DRAWING}>{para(box, ppr(PAGE_NUMBER))}</w:ftr>"


def letter_header_xml(mark: str) -> str:
    """信函 page-1 header (§10.1): the organ's mark, red, centred, its top 30 mm from the page
    top; under it, 4 mm down, a red double line (thick over thin) 170 mm long."""
    return f"{XML_HEAD}<w:hdr {XMLNS_W} {XMLNS_R}>{letter_mark(mark)}</w:hdr>"


def letter_footer_xml() -> str:
    """信函 page-1 footer: a red double line (thin over thick) 170 mm long, 20 mm above the
    page bottom, and no page number (§10.1)."""
    return f"{XML_HEAD}<w:ftr {XMLNS_W} {XMLNS_R}>{letter_lower_line()}</w:ftr>"


def settings_xml() -> str:
    # evenAndOddHeaders: separate odd/even footers (§7.5). doNotCompress keeps CJK
    # punctuation full width, so 28 characters fill a line as the standard counts them.
    # In the schema's order (CT_Settings: defaultTabStop before evenAndOddHeaders), or
    # Word may drop what comes out of place — the even pages' footer with it.
    return (f"{XML_HEAD}<w:settings {XMLNS_W}>"
            '<w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
            '<w:evenAndOddHeaders/>'
            '<w:characterSpacingControl w:val="doNotCompress"/>'
            '<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/>'
            '<w:doNotLeaveBackslashAlone/><w:ulTrailSpace/><w:doNotExpandShiftReturn/>'
            '<w:adjustLineHeightInTable/><w:useFELayout/>'
            '<w:compatSetting w:name="compatibilityMode"'
            ' w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
            '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
            "</w:settings>")


def font_table_xml() -> str:
    faces = [g.FONT_FANGSONG, g.FONT_KAITI, g.FONT_HEITI, g.FONT_XBS, g.FONT_SONG]
    items = []
    for face in faces:
        alt = g.FONT_ALT.get(face)
        alt_xml = f'<w:altName w:val="{esc(alt)}"/>' if alt else ""
        items.append(f'<w:font w:name="{esc(face)}">{alt_xml}<w:charset w:val="86"/>'
                     '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>')
    items.append(f'<w:font w:name="{g.FONT_LATIN}"><w:charset w:val="00"/>'
                 '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>')
    return f"{XML_HEAD}<w:fonts {XMLNS_W}>{''.join(items)}</w:fonts>"


def document_xml(body: str, last_section: Section) -> str:
    """`body` is the sequence of block elements; the final section's setup closes it."""
    return (f"{XML_HEAD}<w:document {XMLNS_W} {XMLNS_R} {DRAWING}><w:body>{body}"
            f"{last_section.xml()}</w:body></w:document>")


CONTENT_TYPES = (
    f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer3.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer5.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/word/footer6.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>")

PACKAGE_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>'
    "</Relationships>")

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
DOCUMENT_RELS = (
    f'{XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rIdStyles" Type="{_REL}styles" Target="styles.xml"/>'
    f'<Relationship Id="rIdSettings" Type="{_REL}settings" Target="settings.xml"/>'
    f'<Relationship Id="rIdFonts" Type="{_REL}fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="{FOOTER_ODD}" Type="{_REL}footer" Target="footer1.xml"/>'
    f'<Relationship Id="{FOOTER_EVEN}" Type="{_REL}footer" Target="footer2.xml"/>'
    f'<Relationship Id="{FOOTER_BLANK}" Type="{_REL}footer" Target="footer3.xml"/>'
    f'<Relationship Id="{TURNED_ODD}" Type="{_REL}footer" Target="footer5.xml"/>'
    f'<Relationship Id="{TURNED_EVEN}" Type="{_REL}footer" Target="footer6.xml"/>'
    "</Relationships>")


LETTER_TYPES = (
    '<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
    '<Override PartName="/word/footer4.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>')
LETTER_RELS = (
    f'<Relationship Id="{LETTER_HEAD}" Type="{_REL}header" Target="header1.xml"/>'
    f'<Relationship Id="{LETTER_FOOT}" Type="{_REL}footer" Target="footer4.xml"/>')


def core_xml(title: str, stamp: str) -> str:
    """`stamp` is an ISO date (the document's own date, not the clock: determinism)."""
    return (f'{XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
            ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{esc(title)}</dc:title><dc:creator>hongtou</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}T00:00:00Z</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}T00:00:00Z</dcterms:modified>'
            "</cp:coreProperties>")


APP_XML = (f'{XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
           "<Application>hongtou</Application></Properties>")

# -- the 版记 alone on its page (§7.5) -------------------------------------------------------

_R_ID = f"{{{R_NS}}}id"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"


def place_record(parts: dict[str, bytes | str]) -> dict[str, bytes | str]:
    """When the 版记 would not fit under the text on the last page (`paginate.record_alone`),
    give it a section of its own: a new page whose footers carry no page number (§7.5: no
    number on a page holding only the 版记). The text's section keeps the document's own
    page setup and footers (its sectPr is copied onto the paragraph before the 版记); the
    版记's section gets blank odd, even and first-page footers. A hard section break is
    laid out alike by Word, WPS and LibreOffice. Anything else is returned unchanged."""
    return _completed(parts, signature=False)


def _place_record(root, parts: dict[str, bytes | str], styles) -> bool:
    """`place_record` on a parsed document.xml (`root`): whether it gave the 版记 a section;
    `parts` (a copy, the caller's) gets the blank footer it refers to."""
    body = root.find(f"{W}body")
    children = list(body)
    idx = next((i for i, el in enumerate(children) if el.tag == f"{W}p" and any(
        d.get("name") == RECORD_NAME for d in el.iter(_DOCPR))), None)
    final = body.find(f"{W}sectPr")
    if idx is None or final is None or _ends_section(children[idx - 1] if idx else None):
        return False
    if not record_alone(body, idx, styles):
        return False
    blank = _blank_footer(parts)
    text_sect = copy.deepcopy(final)
    for ref in final.findall(f"{W}footerReference"):
        final.remove(ref)
    kinds = ("default", "even") + (("first",) if final.find(f"{W}titlePg") is not None else ())
    for i, kind in enumerate(kinds):
        ref = etree.Element(f"{W}footerReference")
        ref.set(f"{W}type", kind)
        ref.set(_R_ID, blank)
        final.insert(len(final.findall(f"{W}headerReference")) + i, ref)
    for kind in final.findall(f"{W}type"):    # the 版记's section starts a new page
        final.remove(kind)
    for numbering in final.findall(f"{W}pgNumType"):
        numbering.attrib.pop(f"{W}start", None)  # and goes on counting
    before = children[idx - 1] if idx else None
    if before is not None and before.tag == f"{W}p":
        ppr_el = before.find(f"{W}pPr")
        if ppr_el is None:
            ppr_el = etree.SubElement(before, f"{W}pPr")
            before.insert(0, ppr_el)
        ppr_el.append(text_sect)
    else:   # a table ends the text: a one-point paragraph carries the section break
        holder = etree.fromstring(
            f'<w:p {XMLNS_W}><w:pPr><w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0"'
            ' w:line="20" w:lineRule="exact"/></w:pPr></w:p>')
        holder.find(f"{W}pPr").append(text_sect)
        body.insert(idx, holder)
    return True


def _ends_section(el) -> bool:
    return el is not None and el.find(f"{W}pPr/{W}sectPr") is not None


def _blank_footer(parts: dict[str, bytes | str]) -> str:
    """The relationship id of a footer without a page number: ours (rIdFooterBlank) when the
    package has it, else one added (a template saved by Word renames relationships)."""
    rels = _text(parts["word/_rels/document.xml.rels"])
    if f'Id="{FOOTER_BLANK}"' in rels:
        return FOOTER_BLANK
    _ensure_footer(parts, "rIdFooterRecord", "footerRecord.xml", footer_xml("blank"))
    return "rIdFooterRecord"


def _text(data: bytes | str) -> str:
    return data.decode("utf-8") if isinstance(data, bytes) else data


def _ensure_footer(parts: dict[str, bytes | str], rid: str, name: str, xml: str) -> None:
    """Add footer part word/`name` under relationship `rid` unless the package has it."""
    rels = _text(parts["word/_rels/document.xml.rels"])
    if f'Id="{rid}"' in rels:
        return
    parts["word/_rels/document.xml.rels"] = rels.replace(
        "</Relationships>", f'<Relationship Id="{rid}" Type="{_REL}footer" Target="{name}"/>'
        "</Relationships>")
    parts["[Content_Types].xml"] = _text(parts["[Content_Types].xml"]).replace(
        "</Types>", f'<Override PartName="/word/{name}" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>')
    parts[f"word/{name}"] = xml


# What in a document.xml makes `complete` do anything: the 版记's text box, a landscape
# page's turned footers, a 署名. A document without them is left as it is, unparsed.
COMPLETE_MARKS = (f'name="{RECORD_NAME}"', f'"{TURNED_ODD}"', f'"{TURNED_EVEN}"',
                  f'w:val="{SIGNATURE}"', f'w:val="{DATE}"')


def keep_signature(pieces: list[str]) -> list[str]:
    """document.xml (as pieces) with the text before the 署名 kept with it (§7.3.5)."""
    return keep_signature_with_text(pieces, (SIGNATURE, DATE))


# -- the 署名's page holds 正文 (§7.3.5.1) ----------------------------------------------------

# pPr children in the schema's order (CT_PPrBase), to put a new one where it belongs
_PPR_ORDER = [f"{W}{n}" for n in (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange").split()]


def set_ppr(p, name: str, **attrs: str):
    """Set the pPr child `w:name` of paragraph `p` (added in the schema's order) with
    `attrs`; without them, turned on."""
    tag = f"{W}{name}"
    ppr_el = p.find(f"{W}pPr")
    if ppr_el is None:
        ppr_el = etree.Element(f"{W}pPr")
        p.insert(0, ppr_el)
    el = ppr_el.find(tag)
    if el is None:
        el = etree.Element(tag)
        rank = _PPR_ORDER.index(tag)
        at = next((i for i, c in enumerate(ppr_el)
                   if c.tag in _PPR_ORDER and _PPR_ORDER.index(c.tag) > rank), len(ppr_el))
        ppr_el.insert(at, el)
    if not attrs:       # a bare on/off element is on (a run-on heading's val="0" goes)
        el.attrib.clear()
    for k, v in attrs.items():
        el.set(f"{W}{k}", v)
    return el


def _style_of(el) -> str | None:
    if el.tag != f"{W}p":
        return None
    s = el.find(f"{W}pPr/{W}pStyle")
    return s.get(f"{W}val") if s is not None else None


def split_paragraph(p, at: int):
    """Paragraph `p` cut before character `at` (as `Paginator.measure` counts them: each
    character of a w:t, each w:tab and line break): → the part after it, a new paragraph
    with no first-line indent that starts a page; `p` keeps the part before, its last line
    spread to the edge as the line it is in the whole paragraph."""
    tail = copy.deepcopy(p)
    for part, keep_head in ((p, True), (tail, False)):
        pos = 0
        for r in list(part.iter(f"{W}r")):
            for child in list(r):
                if child.tag == f"{W}t":
                    text = child.text or ""
                    cut = min(max(at - pos, 0), len(text))
                    child.text = text[:cut] if keep_head else text[cut:]
                    pos += len(text)
                    if not child.text:
                        r.remove(child)
                elif child.tag == f"{W}tab" or (child.tag == f"{W}br"
                                                 and child.get(f"{W}type") != "page"):
                    if (pos >= at) == keep_head:
                        r.remove(child)
                    pos += 1
    # a full line of CJK is spread to the edge as it would be inside the paragraph; a line
    # with digits or Latin (measured at its longest, it may hold less than it can) is left
    # justified, not spread letter by letter
    last = "".join(t.text or "" for t in p.iter(f"{W}t"))[-g.CHARS_PER_LINE:]
    set_ppr(p, "jc", val="both" if any(c.isascii() and c.isalnum() for c in last)
            else "distribute")
    set_ppr(p, "keepNext", val="0")
    set_ppr(tail, "keepNext")
    set_ppr(tail, "pageBreakBefore")
    ind = set_ppr(tail, "ind", firstLine="0")
    ind.attrib.pop(f"{W}hanging", None)
    ind.attrib.pop(f"{W}firstLineChars", None)
    p.addnext(tail)
    return tail


def split_table(tbl, rows: int) -> None:
    """Table `tbl` with its last `rows` rows starting a new page: a second table of them
    under a copy of the header rows (as Word and LibreOffice repeat them), after a one-point
    paragraph that breaks the page (two tables need a paragraph between them, or Word joins
    them; a break before it, never a break in it, so a full page 1 leaves no blank page).
    When they are all the rows under the header, the whole table moves, with the headings
    kept with it."""
    sep = etree.fromstring(
        f'<w:p {XMLNS_W}><w:pPr><w:pageBreakBefore/><w:snapToGrid w:val="0"/><w:spacing w:before="0"'
        ' w:after="0" w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr></w:pPr></w:p>')
    all_rows = tbl.findall(f"{W}tr")
    heads = header_rows(tbl)
    if rows >= len(all_rows) - heads:
        first = tbl
        while (prev := first.getprevious()) is not None and _kept_heading(prev):
            first = prev                     # a heading (or the table's title) goes with it
        if first is tbl:
            tbl.addprevious(sep)
        else:
            set_ppr(first, "pageBreakBefore")
        return
    tail = copy.deepcopy(tbl)
    for tr in tail.findall(f"{W}tr")[heads:len(all_rows) - rows]:
        tail.remove(tr)
    for tr in all_rows[len(all_rows) - rows:]:
        tbl.remove(tr)
    for merge in tail.findall(f"{W}tr")[heads].iter(f"{W}vMerge"):
        merge.set(f"{W}val", "restart")     # a merged cell's rest opens the new table
    tbl.addnext(sep)
    sep.addnext(tail)


def _kept_heading(p) -> bool:
    """A heading or table title standing alone, kept with what follows by its style (not a
    heading run on into its text, whose keep is turned off on the paragraph)."""
    keep = p.find(f"{W}pPr/{W}keepNext")
    return _style_of(p) in (*HEADING_STYLES.values(), TABLE_TITLE) and (
        keep is None or keep.get(f"{W}val") not in ("0", "false"))


def mend_signature_page(parts: dict[str, bytes | str]) -> dict[str, bytes | str]:
    """The page with the 署名 carries at least one line of 正文 (practice under §7.3.5.1; a
    附件说明 does not count, 「此页无正文」 is never used). When the 附件说明, 署名 and 成文日期
    would not fit under the last 正文 paragraph (`paginate.signature_split`), the paragraph
    is condensed (the standard's adjustment of character spacing) when a little takes its
    last line back, else split before its last line, which starts the next page with them;
    a one-line paragraph is kept with them whole. Word, WPS and LibreOffice then agree: a keep on the
    paragraph alone would move it whole in LibreOffice and leave page 1 after the 主送."""
    return _completed(parts, record=False)


def _mend_signature(root, styles) -> bool:
    """`mend_signature_page` on a parsed document.xml (`root`): whether it changed it."""
    body = root.find(f"{W}body")
    children = list(body)
    first = next((i for i, el in enumerate(children) if _style_of(el) in (SIGNATURE, DATE)), None)
    if first is None:
        return False
    end = first
    while end + 1 < len(children) and _style_of(children[end + 1]) in (SIGNATURE, DATE):
        end += 1
    start = first
    while start > 0 and (_style_of(children[start - 1]) == ATTACH_NOTE or
                         _is_contact(children[start - 1])):
        start -= 1
    last = start - 1
    if last >= 0 and children[last].tag == f"{W}tbl":
        rows = signature_rows(body, last, range(start, end + 1), styles)
        if rows is None:
            return False
        split_table(children[last], rows)
    elif last < 0 or children[last].tag != f"{W}p" or not "".join(
            children[last].itertext()).strip() or children[last].find(f".//{W}sectPr") is not None:
        return False
    else:
        mend = signature_split(body, last, range(start, end + 1), styles)
        if mend is None:
            return False
        if mend.kind == "condense":
            condensed(children[last], mend.value, styles, in_place=True)
        elif mend.kind == "keep":
            set_ppr(children[last], "keepNext")
        else:
            split_paragraph(children[last], mend.value)
    return True


# 「联系人：…」「（联系人：…）」: the colon tells it from 正文 that starts 「联系人民群众…」
CONTACT_RE = re.compile(r"^\s*[（(]?\s*联\s*系\s*人\s*[：:]")


def _is_contact(el) -> bool:
    """「联系人：杨帆，联系电话：…」 over a letter's 署名: no more 正文 than a 附件说明 is, so
    the 署名's page must hold 正文 besides it (a 督办 whose table filled page 1 put only the
    contact line, the 署名 and the date on page 2)."""
    return el.tag == f"{W}p" and bool(CONTACT_RE.match("".join(el.itertext())))


def complete(parts: dict[str, bytes | str]) -> dict[str, bytes | str]:
    """A rendered document's parts made whole: the footers its landscape pages refer to
    (a template saved by another program may have lost them), the 署名's page holding 正文
    (`mend_signature_page`), and the 版记's own page when it would stand alone
    (`place_record`)."""
    doc = _text(parts.get("word/document.xml", ""))
    for rid, name, side in ((TURNED_ODD, "footerTurnedOdd.xml", "odd"),
                            (TURNED_EVEN, "footerTurnedEven.xml", "even")):
        if f'"{rid}"' in doc:
            if f'Id="{rid}"' not in _text(parts["word/_rels/document.xml.rels"]):
                parts = dict(parts)
                _ensure_footer(parts, rid, name, turned_footer_xml(side))
    return _completed(parts)


def _completed(parts: dict[str, bytes | str], signature: bool = True,
               record: bool = True) -> dict[str, bytes | str]:
    """`parts` with the 署名's page mended and the 版记 placed (either alone when the other
    is off): document.xml parsed once and, when either changed it, serialised once; `parts`
    itself when nothing changed."""
    doc = parts.get("word/document.xml")
    if doc is None:
        return parts
    data = doc.encode("utf-8") if isinstance(doc, str) else doc
    signature = signature and (f'w:val="{SIGNATURE}"'.encode() in data
                               or f'w:val="{DATE}"'.encode() in data)
    record = record and f'name="{RECORD_NAME}"'.encode() in data
    if not (signature or record):
        return parts
    root = etree.fromstring(data)
    styles = styles_of(parts.get("word/styles.xml"))
    out = dict(parts)
    changed = signature and _mend_signature(root, styles)
    changed = (record and _place_record(root, out, styles)) or changed
    if not changed:
        return parts
    out["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                              standalone=True)
    return out


def add_media(parts: dict[str, bytes | str], media: dict[str, bytes]) -> dict[str, bytes | str]:
    """`parts` with PNG images added (a seal: zones.seal_drawing), each as word/media/<rid>.png
    under relationship <rid> of the document."""
    if not media:
        return parts
    parts = dict(parts)
    rels = _text(parts["word/_rels/document.xml.rels"])
    types = _text(parts["[Content_Types].xml"])
    for rid, data in media.items():
        if f'Id="{rid}"' in rels:
            continue
        rels = rels.replace("</Relationships>", f'<Relationship Id="{rid}" Type="{_REL}image"'
                            f' Target="media/{rid}.png"/></Relationships>')
        parts[f"word/media/{rid}.png"] = data
    if 'Extension="png"' not in types:
        types = types.replace("<Override ", '<Default Extension="png" ContentType="image/png"/>'
                              "<Override ", 1)
    parts["word/_rels/document.xml.rels"] = rels
    parts["[Content_Types].xml"] = types
    return parts


def package(document: str, title: str = "", stamp: str = "2000-01-01",
            letter_mark: str | None = None, media: dict[str, bytes] | None = None) -> bytes:
    """A complete .docx from a finished document.xml; with `letter_mark`, the 信函 page-1
    header (carrying that mark) and footer are added; `media`: images by relationship id
    (`add_media`)."""
    types, rels, extra = CONTENT_TYPES, DOCUMENT_RELS, {}
    if letter_mark is not None:
        types = types.replace("</Types>", LETTER_TYPES + "</Types>")
        rels = rels.replace("</Relationships>", LETTER_RELS + "</Relationships>")
        extra = {"word/header1.xml": letter_header_xml(letter_mark),
                 "word/footer4.xml": letter_footer_xml()}
    return zip_parts(complete(add_media({
        "[Content_Types].xml": types,
        "_rels/.rels": PACKAGE_RELS,
        "word/document.xml": "".join(keep_signature([document])),
        "word/_rels/document.xml.rels": rels,
        **extra,
        "word/styles.xml": styles_xml(),
        "word/settings.xml": settings_xml(),
        "word/fontTable.xml": font_table_xml(),
        "word/footer1.xml": footer_xml("odd"),
        "word/footer2.xml": footer_xml("even"),
        "word/footer3.xml": footer_xml("blank"),
        "word/footer5.xml": turned_footer_xml("odd"),
        "word/footer6.xml": turned_footer_xml("even"),
        "docProps/core.xml": core_xml(title, stamp),
        "docProps/app.xml": APP_XML,
    }, media or {})))
