"""`typeset`: any text laid out as a GB/T 9704 document, from the zones every document uses.

The order is the standard's (§7): 版头 (red, optional), 标题, 主送, 正文 with its headings,
附件说明, 署名 and 成文日期, 附注, then the pages that follow (attachments, or the document a
notice issues), and the 版记 on the last page. Tables keep their cells but are re-laid as
the notice's tables are: as wide as the block, `w:gridCol` widths (WPS lays tables out from
them), the header row repeated on every page, rows not split.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout.ooxml import W_NS, Block, Column, para, ppr, rpr, run, table
from ..layout.package import Section, document_xml, package
from ..read.document import Document
from ..read.draft import Grid
from ..read.outline import Para, Part
from ..rules.dates import format_date
from .common import head_of, record_of


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
    out.append(body(shape.items))   # its last paragraph keeps with the 署名 (package)
    out.append(zones.attachment_note(shape.attachments))
    out.append(signature(m.organ, m, sealed))
    out.append(zones.note(m.note))
    out.extend(part_pages(shape.parts))
    if (m.date or m.print_date) and (red or m.cc or m.printer):
        out.append(record_of(m))
    stamp = (m.date.isoformat() if m.date else "2000-01-01")
    return package(document_xml("".join(out), Section()), title=m.title, stamp=stamp)


def signature(organ: str, m, sealed: bool = False) -> Block:
    """署名 and 成文日期 (§7.3.5); a date alone keeps the 署名's 2-字 right indent."""
    if m.date is None:
        return Block("")
    if organ:
        return zones.signature(organ, format_date(m.date), sealed=sealed)
    return Block(para(run(format_date(m.date)),
                      ppr(st.DATE, right=g.SIGNATURE_RIGHT_INDENT, before=g.LINE_PITCH)))


def body(items: list[Para | Grid]) -> Block:
    """Paragraphs at their heading levels, tables between them."""
    out, run_of = [], []
    for it in items:
        if isinstance(it, Para):
            run_of.append((it.level, it.text))
            continue
        out.append(zones.body(run_of))
        run_of = []
        out.append(grid(it))
    out.append(zones.body(run_of))
    return Block("".join(out))


def part_pages(parts: list[Part]) -> list[Block]:
    attachments = [p for p in parts if p.attachment]
    out = []
    for i, p in enumerate(parts):
        if p.attachment:
            number = p.number or (attachments.index(p) + 1 if len(attachments) > 1 else None)
            out.append(zones.attachment_page(number, p.title, body(p.items)))
        else:
            head = zones.title(p.title, gap_lines=0) if p.title else ""
            out.append(zones.new_page(head + body(p.items)))
    return out


# -- tables --------------------------------------------------------------------------------

MIN_COLUMN = g.Mm(12)


def grid(it: Grid) -> str:
    if it.element is not None:
        return relay_table(it.element)
    return rows_table(it.rows)


def rows_table(rows: list[list[str]]) -> str:
    """A Markdown table: the first row is the header; widths follow the longest cell."""
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    weights = [max(max(len(r[c]) for r in rows), 2) for c in range(n)]
    widths = _fit(weights)
    columns = [Column(rows[0][c], w, align="left" if weights[c] > 8 else "center")
               for c, w in enumerate(widths)]
    return table(columns, rows[1:], header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)


def _fit(weights: list[float]) -> list[g.Length]:
    """Column widths in proportion to `weights`, none under MIN_COLUMN, adding up to the
    block width exactly (in twips, the unit Word stores)."""
    total = sum(weights) or 1
    block = g.twips(g.BLOCK_WIDTH)
    least = g.twips(MIN_COLUMN)
    tw = [max(least, int(block * w / total)) for w in weights]
    over = sum(tw) - block
    widest = max(range(len(tw)), key=tw.__getitem__)
    tw[widest] -= over
    return [g.Length(t * 635) for t in tw]


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def relay_table(tbl) -> str:
    """A table from a Word file, re-laid: its cells' text and merges kept; width, grid,
    borders, header row and cell text style as the standard's tables."""
    tbl = copy.deepcopy(tbl)
    _drop_foreign(tbl)
    cols = [int(c.get(_w("w")) or 0) for c in tbl.iterfind(f"{_w('tblGrid')}/{_w('gridCol')}")]
    rows = tbl.findall(_w("tr"))
    if not cols:
        n = max((sum(_span(tc) for tc in tr.findall(_w("tc"))) for tr in rows), default=1)
        cols = [1] * n
    widths = [g.twips(w) for w in _fit([max(c, 1) for c in cols])]
    for old in tbl.findall(_w("tblPr")) + tbl.findall(_w("tblGrid")):
        tbl.remove(old)
    # the table properties and grid of a table of ours with these widths
    ours = table([Column("", g.Length(w * 635)) for w in widths], [],
                 header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
    head = etree.fromstring(ours.replace("<w:tbl>", f'<w:tbl xmlns:w="{W_NS}">', 1))
    tbl.insert(0, head.find(_w("tblGrid")))
    tbl.insert(0, head.find(_w("tblPr")))
    for r, tr in enumerate(rows):
        _relay_row(tr, widths, header=r == 0)
    return etree.tostring(tbl, encoding="unicode").replace(f' xmlns:w="{W_NS}"', "")


def _span(tc) -> int:
    span = tc.find(f"{_w('tcPr')}/{_w('gridSpan')}")
    return int(span.get(_w("val"))) if span is not None else 1


def _relay_row(tr, widths: list[int], header: bool) -> None:
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
        for p in tc.findall(_w("p")):
            _restyle(p, st.TABLE_HEAD if header else st.TABLE_TEXT)


def _first_after(el, names: tuple[str, ...]) -> int:
    i = 0
    for child in el:
        if etree.QName(child).localname in names:
            i += 1
        else:
            break
    return i


def _restyle(p, style: str) -> None:
    """The cell paragraph's text in `style`; the alignment typed in Word is kept."""
    text = "".join(t.text or "" for t in p.iter(_w("t")))
    jc = p.find(f"{_w('pPr')}/{_w('jc')}")
    align = jc.get(_w("val")) if jc is not None else None
    new = etree.fromstring(f'<w:root xmlns:w="{W_NS}">'
                           + para(run(text) if text else "", ppr(style, align=align))
                           + "</w:root>")[0]
    p.getparent().replace(p, new)


def _drop_foreign(tbl) -> None:
    """Attributes and elements of other namespaces (w14 ids, revision marks' mc content)
    would need declarations the new document does not have: they go."""
    for el in list(tbl.iter()):
        if not isinstance(el.tag, str):
            continue
        if not el.tag.startswith(f"{{{W_NS}}}"):
            parent = el.getparent()
            if parent is not None:
                parent.remove(el)
            continue
        for attr in list(el.attrib):
            if not attr.startswith(f"{{{W_NS}}}"):
                del el.attrib[attr]
