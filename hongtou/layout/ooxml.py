"""WordprocessingML written as text: paragraphs, runs, tables, section properties.

Strings, not lxml trees: a 20,000-row ledger is joined in milliseconds, and the result drops
straight into a docxtpl/Jinja template as a block (`{{p 正文 }}`). Every piece of user text
passes through `esc()`, which escapes markup and drops characters XML 1.0 forbids, so a cell
holding `<`, `&` or a stray control character can never break the document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from docx.shared import Length

from . import columns as columns_
from . import gbt9704 as g
from .namespaces import R_NS, W_NS  # noqa: F401  (taken from here by verify, typeset, tests)

_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESC = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def strip_illegal(text: str) -> str:
    """Drop the characters XML 1.0 forbids (control characters a cell may hold)."""
    return _ILLEGAL.sub("", text)


_NEEDS_ESC = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def esc(text: object) -> str:
    """Escape text for an element or attribute; tabs and newlines are kept for the caller."""
    text = str(text)
    if _NEEDS_ESC.search(text) is None:  # most text: one scan, no copy
        return text
    return strip_illegal(text).translate(_ESC)


class Block(str):
    """Ready OOXML. Marked safe for Jinja's autoescape (`__html__`), so a template can place
    it with `{{p name }}` while plain strings in the same template are escaped."""

    def __html__(self) -> str:
        return str(self)


# -- runs ----------------------------------------------------------------------------------


def fonts(east_asia: str, latin: str = g.FONT_LATIN) -> str:
    """rFonts with the CJK face in w:eastAsia (python-docx's font.name sets only ascii).

    Digits and Latin letters (the ascii range) take `latin`; everything above it that Word
    calls hAnsi — among it the curly quotes “ ” ‘ ’ and the dash — takes the CJK face, so
    they print full width in LibreOffice too, which ignores w:hint."""
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{east_asia}" w:eastAsia="{east_asia}"'
            f' w:cs="{latin}" w:hint="eastAsia"/>')


def rpr_items(font: str | None = None, size: Length | None = None, bold: bool = False,
        color: str | None = None, spacing: Length | None = None, latin: str | None = None,
        scale: int = 100) -> str:
    """The items of a w:rPr without the wrapper (for docDefaults, which has its own)."""
    parts = []
    if font:
        parts.append(fonts(font, latin or g.FONT_LATIN))
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing is not None:
        parts.append(f'<w:spacing w:val="{g.twips(spacing)}"/>')
    if scale != 100:
        parts.append(f'<w:w w:val="{scale}"/>')
    if size:
        hp = g.half_points(size)
        parts.append(f'<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>')
    return "".join(parts)


def rpr(font: str | None = None, size: Length | None = None, bold: bool = False,
        color: str | None = None, spacing: Length | None = None, latin: str | None = None,
        scale: int = 100) -> str:
    """Run properties, in the schema's order; empty when there are none."""
    items = rpr_items(font, size, bold, color, spacing, latin, scale)
    return f"<w:rPr>{items}</w:rPr>" if items else ""


def run(text: str, props: str = "") -> str:
    """A run; line breaks in `text` become <w:br/>, tabs <w:tab/>."""
    pieces = []
    for i, line in enumerate(str(text).split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{esc(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def field_run(instr: str, props: str = "", placeholder: str = "1") -> str:
    """A complex field (PAGE, NUMPAGES): Word and LibreOffice both update it when laying out."""
    return (f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{props}<w:t>{placeholder}</w:t></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>')


# -- paragraphs ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Border:
    """A paragraph border edge: `size` is the line thickness, `space` the gap to the text."""

    size: Length
    color: str = g.BLACK
    space_pt: int = 0
    style: str = "single"

    def xml(self, edge: str) -> str:
        return (f'<w:{edge} w:val="{self.style}" w:sz="{g.eighth_points(self.size)}"'
                f' w:space="{self.space_pt}" w:color="{self.color}"/>')


def ppr(style: str | None = None, align: str | None = None,
        first_line: Length | None = None, left: Length | None = None,
        right: Length | None = None, hanging: Length | None = None,
        before: Length | None = None, after: Length | None = None,
        line: Length | None = None, keep_next: bool = False, keep_lines: bool = False,
        page_break_before: bool = False, top: Border | None = None,
        bottom: Border | None = None, frame: str = "", widow: bool | None = None,
        snap: bool | None = None, sect: str = "", extra_rpr: str = "",
        right_tab: Length | None = None, left_tab: Length | None = None,
        tabs: tuple[tuple[str, Length], ...] | list[tuple[str, Length]] = ()) -> str:
    """Paragraph properties in the schema's element order (Word rejects other orders).
    `tabs`: tab stops (kind, position from the block's left edge) after `left_tab` and
    `right_tab`."""
    parts = []
    if style:
        parts.append(f'<w:pStyle w:val="{style}"/>')
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if page_break_before:
        parts.append("<w:pageBreakBefore/>")
    if frame:
        parts.append(frame)
    if widow is not None:
        parts.append(f'<w:widowControl w:val="{int(widow)}"/>')
    if top or bottom:
        parts.append("<w:pBdr>" + (top.xml("top") if top else "")
                     + (bottom.xml("bottom") if bottom else "") + "</w:pBdr>")
    stops = [(kind, pos) for kind, pos in (("left", left_tab), ("right", right_tab))
             if pos is not None] + list(tabs)
    if stops:
        parts.append("<w:tabs>" + "".join(f'<w:tab w:val="{kind}" w:pos="{g.twips(pos)}"/>'
                                          for kind, pos in stops) + "</w:tabs>")
    if snap is not None:
        parts.append(f'<w:snapToGrid w:val="{int(snap)}"/>')
    if before is not None or after is not None or line is not None:
        attrs = ""
        if before is not None:
            attrs += f' w:before="{g.twips(before)}"'
        if after is not None:
            attrs += f' w:after="{g.twips(after)}"'
        if line is not None:
            attrs += f' w:line="{g.twips(line)}" w:lineRule="exact"'
        parts.append(f"<w:spacing{attrs}/>")
    if any(v is not None for v in (first_line, left, right, hanging)):
        attrs = ""
        if left is not None:
            attrs += f' w:left="{g.twips(left)}"'
        if right is not None:
            attrs += f' w:right="{g.twips(right)}"'
        if first_line is not None:
            attrs += f' w:firstLine="{g.twips(first_line)}"'
        if hanging is not None:
            attrs += f' w:hanging="{g.twips(hanging)}"'
        parts.append(f"<w:ind{attrs}/>")
    if align:
        parts.append(f'<w:jc w:val="{align}"/>')
    if extra_rpr:
        parts.append(f"<w:rPr>{extra_rpr}</w:rPr>")
    if sect:
        parts.append(sect)
    return f"<w:pPr>{''.join(parts)}</w:pPr>" if parts else ""


def para(content: str = "", props: str = "") -> str:
    """A paragraph from ready runs (`content`) and properties (`props`)."""
    return f"<w:p>{props}{content}</w:p>"


def keep_last_with_next(xml: str) -> str:
    """`xml` with its last paragraph held on the page of what follows (w:keepNext) — the
    text before a 署名, so the 署名 never stands alone on a page (§7.3.5). A table at the
    end is left as it is (its rows do not split; nothing holds a table to what follows)."""
    start = max(xml.rfind("<w:p>"), xml.rfind("<w:p "))
    if start < 0 or xml.rstrip().endswith("</w:tbl>"):
        return xml
    head_end = xml.index(">", start) + 1
    if xml.startswith("<w:pPr/>", head_end):
        return xml[:head_end] + "<w:pPr><w:keepNext/></w:pPr>" + xml[head_end + 8:]
    if not xml.startswith("<w:pPr>", head_end):
        return xml[:head_end] + "<w:pPr><w:keepNext/></w:pPr>" + xml[head_end:]
    at = head_end + len("<w:pPr>")
    if xml.startswith("<w:keepNext/>", at) or (
            xml.startswith("<w:pStyle ", at)
            and xml.startswith("<w:keepNext/>", xml.index("/>", at) + 2)):
        return xml
    if xml.startswith("<w:pStyle ", at):
        at = xml.index("/>", at) + 2
    off = '<w:keepNext w:val="0"/>'   # a run-on heading's (zones.body): turned on, not doubled
    if xml.startswith(off, at):
        return xml[:at] + "<w:keepNext/>" + xml[at + len(off):]
    return xml[:at] + "<w:keepNext/>" + xml[at:]


def keep_signature_with_text(pieces: list[str], styles: tuple[str, ...]) -> list[str]:
    """`pieces` (joined, a document.xml) with the paragraph before the first 署名 (the first
    paragraph in one of `styles`: the 署名's, or the date's when it stands alone) kept with it
    (§7.3.5): a template whose last sentence is followed by the 署名 in one document and by a
    附件说明 in another needs it only in the first. Pieces are searched, not joined: a 50 MB
    ledger is not copied for this."""
    marks = [f'<w:pStyle w:val="{style}"/>' for style in styles]
    for k, piece in enumerate(pieces):
        at = min((i for i in (piece.find(m) for m in marks) if i >= 0), default=-1)
        if at < 0:
            continue
        start = max(piece.rfind("<w:p>", 0, at), piece.rfind("<w:p ", 0, at))
        if start > 0:
            pieces = list(pieces)
            pieces[k] = keep_last_with_next(piece[:start]) + piece[start:]
        break
    return pieces


def text_para(text: str, style: str, props: str = "", run_props: str = "") -> str:
    """The common case: one styled paragraph of plain text."""
    return para(run(text, run_props) if text else "", props or ppr(style))


def text_box(content: str, width: int, height: int, *, h: tuple[str, int | str],
             v: tuple[str, int | str], doc_id: int, name: str, layer: int,
             overlap: bool = True, vertical: bool = False) -> str:
    """A run holding a DrawingML text box `width` × `height` EMU, in front of the text and
    locked, without border or fill or inner margins, `content` (block elements) inside; `h`
    and `v` place it: (relativeFrom, an offset in EMU or a wp:align value). `doc_id` is its
    wp:docPr id (unique in the package), `layer` its relativeHeight; `vertical` sets the
    text top to bottom. LibreOffice honours such an anchor where it ignores w:framePr."""
    def position(axis: str, where: tuple[str, int | str]) -> str:
        base, at = where
        inner = (f"<wp:align>{at}</wp:align>" if isinstance(at, str)
                 else f"<wp:posOffset>{int(at)}</wp:posOffset>")
        return f'<wp:position{axis} relativeFrom="{base}">{inner}</wp:position{axis}>'
    return (
        '<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        f' relativeHeight="{layer}" behindDoc="0" locked="1" layoutInCell="1"'
        f' allowOverlap="{int(overlap)}"><wp:simplePos x="0" y="0"/>'
        + position("H", h) + position("V", v)
        + f'<wp:extent cx="{width}" cy="{height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{doc_id}" name="{name}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData'
        ' uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp>'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        f'<a:ext cx="{width}" cy="{height}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        '</a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx>'
        f'<wps:bodyPr rot="0" vert="{"vert" if vertical else "horz"}" wrap="square" lIns="0"'
        ' tIns="0" rIns="0" bIns="0" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></w:r>")


# -- tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TableColumn:
    """A table column. `width` None: from the content (`layout.columns`), the columns then
    sharing the table's `total` width. `text`: it holds running text that may wrap anywhere
    (default: a left-aligned column); the others hold words that must not be broken."""

    title: str
    width: Length | None = None
    align: str = "center"   # body cell alignment
    text: bool | None = None


def fit_columns(columns: list[TableColumn], rows: list[list],
                total: Length) -> tuple[list[TableColumn], list[list]]:
    """`columns` with every width set from the content and `rows` made ready for those
    widths (`layout.columns.fit`)."""
    specs = [columns_.Spec(c.title, c.align == "left" if c.text is None else c.text,
                           g.twips(c.width) / 20 if c.width is not None else None)
             for c in columns]
    widths, titles, rows = columns_.fit(specs, rows, g.twips(total) / 20)
    return [TableColumn(title, g.Length(round(w * 20) * 635), c.align, c.text)
            for c, title, w in zip(columns, titles, widths)], rows


def fit_label(column: TableColumn, values: list[str], most: Length) -> TableColumn:
    """`column` as wide as its widest value or title on one line, at most `most`."""
    need = columns_.natural_width(column.title, values)
    return TableColumn(column.title, g.Length(min(g.twips(most), round(need * 20)) * 635),
                  column.align, column.text)


def table(columns: list[TableColumn], rows: list[list[str | tuple[str, str]]], *, header_style: str,
          cell_style: str, border: Length = g.Pt(0.5), layout_fixed: bool = True,
          total: Length = g.BLOCK_WIDTH, hold: int = 0) -> str:
    """A grid table: widths as tblW *and* gridCol (WPS lays tables out from gridCol), the
    header row repeated on every page (w:tblHeader), no row split across pages (w:cantSplit).
    A cell given as (text, "RRGGBB") is shaded with that colour; as (text, fill, spacing) its
    letters are spaced by `spacing` pt. Columns without a width share `total` by their
    content (`fit_columns`).

    `hold` (`rows_kept`): the header and the first rows keep together until they hold `hold`
    lines of text, and so do the last rows (w:keepNext on their paragraphs, which Word, WPS
    and LibreOffice honour row by row): a page break may fall between any two rows but never
    leaves the header with less at a page foot, nor less on the next page under the
    repeated header.
    """
    if any(c.width is None for c in columns):
        columns, rows = fit_columns(columns, rows, total)
    widths = [g.twips(c.width) for c in columns]
    total = sum(widths)
    bsz = g.eighth_points(border)
    edges = "".join(f'<w:{e} w:val="single" w:sz="{bsz}" w:space="0" w:color="000000"/>'
                    for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margin = g.twips(g.TABLE_CELL_MARGIN)
    tbl_pr = (f'<w:tblPr><w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>'
              f"<w:tblBorders>{edges}</w:tblBorders>"
              + ('<w:tblLayout w:type="fixed"/>' if layout_fixed else "")
              + f'<w:tblCellMar><w:left w:w="{margin}" w:type="dxa"/>'
              f'<w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
              '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0"'
              ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>')
    grid = "<w:tblGrid>" + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"
    kept = rows_kept([row_lines(r, widths) for r in rows], hold) if hold else set()
    head_cells = "".join(_cell(c.title, _CellXml(w, header_style, "center", bool(hold)))
                         for c, w in zip(columns, widths))
    out = [f"<w:tbl>{tbl_pr}{grid}",
           f'<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>{head_cells}</w:tr>']
    # a 20,000-row ledger has 200,000 cells: their constant XML is prepared once per column
    body = [_CellXml(w, cell_style, c.align) for w, c in zip(widths, columns)]
    held = [_CellXml(w, cell_style, c.align, True) for w, c in zip(widths, columns)] if hold else []
    for i, row in enumerate(rows):
        cells = "".join([_cell(v, x) for v, x in zip(row, held if i in kept else body)])
        out.append(f"<w:tr><w:trPr><w:cantSplit/></w:trPr>{cells}</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def rows_kept(lines: list[int], hold: int) -> set[int]:
    """Which rows (holding `lines` lines of text each) keep with the next one, so that the
    first rows stay with the header (which keeps with the first row) until they hold `hold`
    lines, and the last rows stay together until they do."""
    kept: set[int] = set()
    if hold <= 0:
        return kept
    total = 0
    for i, n in enumerate(lines[:-1]):
        total += n
        if total >= hold:
            break
        kept.add(i)
    total = 0
    for i in range(len(lines) - 1, 0, -1):
        total += lines[i]
        if total >= hold:
            break
        kept.add(i - 1)
    return kept


def row_lines(row: list, widths: list[int]) -> int:
    """How many lines of text the row's tallest cell holds (`widths` in twips), measured
    as the column widths are (`layout.columns`, at its longest)."""
    most = 1
    for value, w in zip(row, widths):
        text = value[0] if value.__class__ is tuple else value
        inner = w / 20 - columns_.PADDING
        most = max(most, sum(max(1, math.ceil(columns_.text_width(p) / inner))
                             for p in ("" if text is None else str(text)).split("\n")))
    return most


class _CellXml:
    """The fixed parts of one column's cells: width, paragraph style, alignment, and whether
    the row keeps with the next."""

    __slots__ = ("tc", "p", "plain")

    def __init__(self, width: int, style: str, align: str, keep: bool = False):
        self.tc = f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>'
        self.p = (f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{"<w:keepNext/>" if keep else ""}'
                  f'<w:jc w:val="{align}"/></w:pPr>')
        self.plain = f'{self.tc}<w:vAlign w:val="center"/></w:tcPr>{self.p}'  # unshaded


def _cell(value: str | tuple[str, str] | None, x: _CellXml) -> str:
    """A cell: one paragraph per line of `value`; (text, "RRGGBB") is shaded, and
    (text, fill, spacing) has its letters `spacing` pt apart."""
    if value.__class__ is str and "\n" not in value:  # most cells: one line, no shading
        if value:
            return f'{x.plain}<w:r><w:t xml:space="preserve">{esc(value)}</w:t></w:r></w:p></w:tc>'
        return f"{x.plain}</w:p></w:tc>"
    props = ""
    if value.__class__ is tuple:
        text, fill, *spacing = value
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
        if spacing and spacing[0]:
            props = f'<w:rPr><w:spacing w:val="{round(spacing[0] * 20)}"/></w:rPr>'
    else:
        text, shade = value, ""
    text = "" if text is None else str(text)
    if "\n" in text:
        paras = "".join(x.p + (f'<w:r>{props}<w:t xml:space="preserve">{esc(line)}</w:t></w:r>'
                               if line else "") + "</w:p>" for line in text.split("\n"))
    elif text:
        paras = f'{x.p}<w:r>{props}<w:t xml:space="preserve">{esc(text)}</w:t></w:r></w:p>'
    else:
        paras = x.p + "</w:p>"
    return f'{x.tc}{shade}<w:vAlign w:val="center"/></w:tcPr>{paras}</w:tc>'
