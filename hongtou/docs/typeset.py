"""`typeset`: any text laid out as a GB/T 9704 document, from the zones every document uses.

The order is the standard's (§7): 版头 (red, optional), 标题, 主送, 正文 with its headings,
附件说明, 署名 and 成文日期, 附注, then the pages that follow (attachments, or the document a
notice issues), and the 版记 on the last page. Tables keep their cells but are re-laid as
the notice's tables are: as wide as the block, `w:gridCol` widths (WPS lays tables out from
them), the header row repeated on every page, rows not split.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout.namespaces import W, XMLNS_W
from ..layout.ooxml import Block, TableColumn, fit_columns, para, ppr, rpr, run, table
from ..layout.package import Section, document_xml, package
from ..model.document import Document, Grid, Para, Part, Picture
from ..rules.dates import format_date
from ..rules.names import ROSTER_GAP, ROSTER_MEMBER, ROSTER_ROLE, pad_name
from ..zippack import zip_parts
from .common import head_of, record_of, roster_paras, spread


def render(doc: Document, red: bool | None = None, sealed: bool = False) -> bytes:
    """The .docx. `red` None: a red header when the document has a 发文机关标志 or 文号.
    `sealed`: the 署名 laid out for a seal (§7.3.5.1)."""
    m, shape = doc.meta, doc.outline
    red = doc.has_mark if red is None else red
    out = []
    if red:
        out.append(zones.header_zone(head_of(m)))
    if m.title:
        out.append(zones.title(m.title, gap_lines=g.TITLE_GAP_LINES if red else 0))
    if shape.subtitle:   # （2009年2月25日）, （征求意见稿）: centred 楷体 under the title
        out.append(para(run(shape.subtitle, rpr(font=g.FONT_KAITI)),
                        ppr(st.PLAIN, align="center", after=g.LINE_PITCH)))
    if m.addressee:
        out.append(zones.addressee(m.addressee))
    pictures: list[Picture] = []
    out.append(body(shape.items, pictures))   # its last paragraph keeps with the 署名 (package)
    out.append(zones.attachment_note(shape.attachments))
    out.append(signature(m.organ, m, sealed))
    out.append(zones.note(m.note))
    out.extend(part_pages(shape.parts, pictures))
    if (m.date or m.print_date) and (red or m.cc or m.printer):
        out.append(record_of(m))
    stamp = (m.date.isoformat() if m.date else "2000-01-01")
    made = package(document_xml("".join(out), Section()), title=m.title, stamp=stamp)
    return with_pictures(made, pictures)


def signature(organ: str, m, sealed: bool = False) -> Block:
    """署名 and 成文日期 (§7.3.5); a date alone keeps the 署名's 2-字 right indent."""
    if m.date is None:
        return Block("")
    if organ:
        return zones.signature(organ, format_date(m.date), sealed=sealed)
    return Block(para(run(format_date(m.date)),
                      ppr(st.DATE, right=g.SIGNATURE_RIGHT_INDENT, before=g.LINE_PITCH)))


def body(items: list[Para | Grid], pictures: list[Picture]) -> Block:
    """Paragraphs at their heading levels, tables and pictures between them; a 领导小组 list
    typed line by line laid as the notice's own (`roster`)."""
    out, run_of = [], []
    k = 0
    while k < len(items):
        it = items[k]
        lines, n = roster(items, k)
        if lines:
            out.append(outlined(zones.body(run_of)))
            run_of = []
            out.append(roster_paras(lines))
            k += n
            continue
        k += 1
        if isinstance(it, Para):
            run_of.append((it.level, it.text))
            continue
        out.append(outlined(zones.body(run_of)))
        run_of = []
        out.append(picture(it, pictures) if isinstance(it, Picture) else grid(it))
    out.append(outlined(zones.body(run_of)))
    return Block("".join(out))




def roster(items: list, start: int) -> tuple[list[tuple[str, str]], int]:
    """A 领导小组 list typed line by line from `items[start]`: 「组长：姚文涛 …」 then more
    roles and the members under them (「胡　涛 …」), as (label, name and post) lines with
    each label spread to the widest and a name before its post padded to align (names in a
    row, 「张三　李四」, stay as typed); and how many items it took. ([], 0) where no such
    list of two lines or more starts."""
    found: list[tuple[str, str]] = []
    for it in items[start:]:
        if not isinstance(it, Para) or it.level:
            break
        text = it.text.strip()
        role = ROSTER_ROLE.match(text)
        member = None if role else ROSTER_MEMBER.match(text)
        if not found and not role or not role and not member:
            break
        label = re.sub(ROSTER_GAP, "", role[1]) if role else ""
        rest = role[2] if role else text
        m = ROSTER_MEMBER.match(rest)
        if m and re.search(ROSTER_GAP, m[2].strip()):
            m = None    # 「张三　李四　王五」: names in a row, not a name and its post: as typed
        found.append((label, f"{pad_name(m[1])}\u3000{m[2].strip()}" if m else rest))
    if len(found) < 2:
        return [], 0
    width = max(len(label) for label, _ in found)
    return [(spread(label, width) + "：" if label else "", text) for label, text in found], \
        len(found)


_LEVEL_OF_STYLE = {style: level for level, style in st.HEADING_STYLES.items()}


def outlined(xml: str) -> str:
    """Each heading paragraph with its outline level (一、 level 1 … （1） level 4), so Word's
    navigation pane and a table of contents see the structure of a long plan."""
    if not xml:
        return xml
    root = etree.fromstring(f"<w:root {XMLNS_W}>{xml}</w:root>")
    for p_pr in root.iter(_w("pPr")):
        style = p_pr.find(_w("pStyle"))
        level = _LEVEL_OF_STYLE.get(style.get(_w("val"))) if style is not None else None
        if not level or p_pr.find(_w("outlineLvl")) is not None:
            continue
        mark = etree.Element(_w("outlineLvl"))
        mark.set(_w("val"), str(level - 1))
        after = [c for c in p_pr if etree.QName(c).localname in _AFTER_OUTLINE]
        if after:
            after[0].addprevious(mark)
        else:
            p_pr.append(mark)
    return "".join(etree.tostring(c, encoding="unicode") for c in root).replace(
        f" {XMLNS_W}", "")


_AFTER_OUTLINE = ("divId", "cnfStyle", "rPr", "sectPr", "pPrChange")


def part_pages(parts: list[Part], pictures: list[Picture]) -> list[Block]:
    attachments = [p for p in parts if p.attachment]
    out = []
    for i, p in enumerate(parts):
        if p.attachment:
            number = p.number or (attachments.index(p) + 1 if len(attachments) > 1 else None)
            out.append(zones.attachment_page(number, p.title, body(p.items, pictures)))
        else:
            head = zones.title(p.title, gap_lines=0) if p.title else ""
            out.append(zones.new_page(head + body(p.items, pictures)))
    return out


# -- pictures ------------------------------------------------------------------------------

PICTURE_MAX_HEIGHT = g.Emu(g.BLOCK_HEIGHT * 2 // 3)   # room for a caption and text on its page
PICTURE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "jpg": "image/jpeg",
                 "gif": "image/gif", "bmp": "image/bmp", "tif": "image/tiff",
                 "tiff": "image/tiff", "emf": "image/x-emf", "wmf": "image/x-wmf"}
PICTURE_ID = 7000         # drawing ids of typeset pictures: unique in the package
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"


def picture(it: Picture, pictures: list[Picture]) -> str:
    """A picture of the draft, centred on a line of its own, scaled (never enlarged) to fit
    the block's width and two thirds of its height, its proportions kept."""
    if it.ext not in PICTURE_TYPES:
        return ""
    pictures.append(it)
    n = len(pictures)
    scale = min(1, g.BLOCK_WIDTH / it.cx, PICTURE_MAX_HEIGHT / it.cy)
    cx, cy = int(it.cx * scale), int(it.cy * scale)
    return (f'<w:p><w:pPr><w:pStyle w:val="{st.PLAIN}"/><w:keepNext/>'
            '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            '<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:r><w:drawing>'
            f'<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>'
            f'<wp:docPr id="{PICTURE_ID + n}" name="图片{n}"/><a:graphic><a:graphicData '
            f'uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}"><pic:nvPicPr>'
            f'<pic:cNvPr id="{PICTURE_ID + n}" name="图片{n}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="rIdPicture{n}"/><a:stretch><a:fillRect/></a:stretch>'
            f'</pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
            '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>')


def with_pictures(docx: bytes, pictures: list[Picture]) -> bytes:
    """The package with the pictures' parts, their relationships and content types."""
    if not pictures:
        return docx
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = {name: zf.read(name) for name in zf.namelist()}
    types = parts["[Content_Types].xml"].decode("utf-8")
    for ext in sorted({p.ext for p in pictures}):
        if f'Extension="{ext}"' not in types:
            types = types.replace("<Override ", f'<Default Extension="{ext}" '
                                  f'ContentType="{PICTURE_TYPES[ext]}"/><Override ', 1)
    parts["[Content_Types].xml"] = types
    rels = parts["word/_rels/document.xml.rels"].decode("utf-8").replace(
        "</Relationships>", "".join(
            f'<Relationship Id="rIdPicture{n}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/image" Target="media/picture{n}.{p.ext}"/>'
            for n, p in enumerate(pictures, 1)) + "</Relationships>")
    parts["word/_rels/document.xml.rels"] = rels
    for n, p in enumerate(pictures, 1):
        parts[f"word/media/picture{n}.{p.ext}"] = p.data
    return zip_parts(parts)


# -- tables --------------------------------------------------------------------------------

WORDS = 16     # a column with a longer cell, or a sentence's stops, holds running text
_STOPS = re.compile("[，。；！？]")


def grid(it: Grid) -> str:
    if it.element is not None:
        return relay_table(it.element)
    return rows_table(it.rows)


def rows_table(rows: list[list[str]]) -> str:
    """A Markdown table: the first row is the header; widths from the content
    (`layout.columns`)."""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    columns = [TableColumn(rows[0][c], align="left" if _running([r[c] for r in rows[1:]])
                      else "center") for c in range(n)]
    return table(columns, rows[1:], header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)


def _running(texts: list[str]) -> bool:
    """Whether a column's cells are running text (they may break anywhere) rather than
    words (names, dates, statuses) that must stay whole."""
    return any(_STOPS.search(t) for t in texts) or max(
        (len(p) for t in texts for p in t.split("\n")), default=0) > WORDS


def _w(name: str) -> str:
    return f"{W}{name}"


def relay_table(tbl) -> str:
    """A table from a Word file, re-laid: its cells' text and merges kept; width, grid,
    borders, header row and cell text style as the standard's tables."""
    tbl = copy.deepcopy(tbl)
    _drop_foreign(tbl)
    rows = tbl.findall(_w("tr"))
    n = max(len(tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}")),
            max((sum(_span(tc) for tc in tr.findall(_w("tc"))) for tr in rows), default=1))
    # the widths from the text of the cells that span one grid column (`layout.columns`)
    texts = [[""] * n for _ in rows]
    for r, tr in enumerate(rows):
        col = 0
        for tc in tr.findall(_w("tc")):
            if _span(tc) == 1 and col < n:
                texts[r][col] = "\n".join("".join(t.text or "" for t in p.iter(_w("t")))
                                          for p in tc.findall(_w("p")))
            col += _span(tc)
    columns, body = fit_columns(
        [TableColumn(texts[0][c] if rows else "",
                text=_running([t[c] for t in texts[1:]])) for c in range(n)],
        texts[1:], g.BLOCK_WIDTH)
    laid = [[c.title for c in columns], *body]
    widths = [g.twips(c.width) for c in columns]
    for old in tbl.findall(_w("tblPr")) + tbl.findall(_w("tblGrid")):
        tbl.remove(old)
    # the table properties and grid of a table of ours with these widths
    ours = table(columns, [], header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
    head = etree.fromstring(ours.replace("<w:tbl>", f"<w:tbl {XMLNS_W}>", 1))
    tbl.insert(0, head.find(_w("tblGrid")))
    tbl.insert(0, head.find(_w("tblPr")))
    for r, tr in enumerate(rows):
        _relay_row(tr, widths, laid[r], header=r == 0)
    return etree.tostring(tbl, encoding="unicode").replace(f" {XMLNS_W}", "")


def _span(tc) -> int:
    span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
    return int(span.get(_w("val"))) if span is not None else 1


def _relay_row(tr, widths: list[int], laid: list, header: bool) -> None:
    """`laid`: the row's cells as `fit_columns` made them ready, by grid column."""
    for old in tr.findall(_w("trPr")):
        tr.remove(old)
    props = etree.SubElement(tr, _w("trPr"))
    tr.insert(_first_after(tr, ("tblPrEx",)), props)
    etree.SubElement(props, _w("cantSplit"))
    if header:
        etree.SubElement(props, _w("tblHeader"))
    col = 0
    for tc in tr.findall(_w("tc")):
        span = _span(tc)
        width = sum(widths[col:col + span]) or widths[-1]
        col += span
        tc_pr = tc.find(_w("tcPr"))
        if tc_pr is None:
            tc_pr = etree.Element(_w("tcPr"))
            tc.insert(0, tc_pr)
        for old in tc_pr.findall(_w("tcW")):
            tc_pr.remove(old)
        tcw = etree.Element(_w("tcW"))
        tcw.set(_w("w"), str(width))
        tcw.set(_w("type"), "dxa")
        tc_pr.insert(0, tcw)
        _restyle(tc, st.TABLE_HEAD if header else st.TABLE_TEXT,
                 laid[col - span] if span == 1 and col - span < len(laid) else None)


def _first_after(el, names: tuple[str, ...]) -> int:
    i = 0
    for child in el:
        if etree.QName(child).localname in names:
            i += 1
        else:
            break
    return i


def _restyle(tc, style: str, laid) -> None:
    """The cell's paragraphs' text in `style`, the alignment typed in Word kept; `laid`:
    the text as `fit_columns` broke it into lines ("\\n"), or (text, fill[, spacing]) for
    running text with its letter spacing (None: the cell spans columns, kept as it is)."""
    paras = tc.findall(_w("p"))
    spacing = 0.0
    if laid is not None:
        if laid.__class__ is tuple:
            laid, spacing = laid[0], (laid[2] if len(laid) > 2 else 0.0)
        texts = laid.split("\n")
    else:
        texts = ["".join(t.text or "" for t in p.iter(_w("t"))) for p in paras]
    jc = paras[0].find(f"{_w('pPr')}/{_w('jc')}") if paras else None
    align = jc.get(_w("val")) if jc is not None else None
    props = rpr(spacing=g.Pt(spacing)) if spacing else ""
    new = etree.fromstring(f"<w:root {XMLNS_W}>" + "".join(
        para(run(text, props) if text else "", ppr(style, align=align)) for text in texts)
        + "</w:root>")
    at = tc.index(paras[0]) if paras else len(tc)
    for p in paras:
        tc.remove(p)
    for k, p in enumerate(new):
        tc.insert(at + k, p)


def _drop_foreign(tbl) -> None:
    """Attributes and elements of other namespaces (w14 ids, revision marks' mc content)
    would need declarations the new document does not have: they go."""
    for el in list(tbl.iter()):
        if not isinstance(el.tag, str):
            continue
        if not el.tag.startswith(W):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            if not attr.startswith(W):
                del el.attrib[attr]
