"""Rules (lines) however a writer draws them: a paragraph border, a table or cell border, a
DrawingML shape (Word 2010+, WPS), a VML shape (Word 2003–2007, LibreOffice, many
generators), or a picture of a line (a long thin image)."""

from __future__ import annotations

import re

from .effective import NS, _w, is_red

V = "urn:schemas-microsoft-com:vml"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
R_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"
EMU_PER_MM = 36000
LONG_MM = 100          # a rule across the block; shorter shapes are not rules
THIN_MM = 2.5


def _border_colours(el, parent_tags) -> list[str]:
    return [b.get(_w("color")) or "auto" for b in el.iter(_w("top"), _w("bottom"), _w("between"))
            if b.getparent().tag in parent_tags and (b.get(_w("val")) or "nil") not in ("nil", "none")]


def _vml_length_mm(style: str, key: str) -> float | None:
    m = re.search(rf"(?:^|;)\s*{key}\s*:\s*([\d.]+)\s*(pt|mm|cm|in|px)?", style or "")
    if not m:
        return None
    factor = {"pt": 25.4 / 72, "mm": 1, "cm": 10, "in": 25.4, "px": 25.4 / 96, None: 25.4 / 72}
    return float(m.group(1)) * factor[m.group(2)]


def _vml_rules(p) -> list[str]:
    """Colours of VML lines, and of long thin filled VML rectangles, anchored in p."""
    out = []
    for shape in p.iter(f"{{{V}}}line", f"{{{V}}}rect", f"{{{V}}}shape", f"{{{V}}}polyline"):
        stroke = shape.find(f"{{{V}}}stroke")
        colour = shape.get("strokecolor") or (stroke.get("color") if stroke is not None else None)
        stroked = (shape.get("stroked") or "t").lower() not in ("f", "false")
        width = _vml_length_mm(shape.get("style"), "width")
        height = _vml_length_mm(shape.get("style"), "height")
        if shape.tag == f"{{{V}}}line":
            x = [float(v) for v in re.findall(r"-?[\d.]+", (shape.get("from") or "") + ","
                                                 + (shape.get("to") or ""))]
            long = len(x) >= 4 and abs(x[2] - x[0]) * 25.4 / 72 >= LONG_MM
            if long or width is None:
                out.append(colour or "black" if stroked else "none")
            continue
        if width is None or width < LONG_MM:
            continue
        if height is not None and height <= THIN_MM:
            fill = shape.get("fillcolor") if (shape.get("filled") or "t").lower() not in ("f", "false") else None
            out.append(fill or colour or "black")
        elif shape.tag == f"{{{V}}}shape" and (shape.get("path") or "").count("l") == 1 and stroked:
            out.append(colour or "black")
    return out


def _dml_colour(el) -> str | None:
    clr = el.find(f"{{{A}}}solidFill/{{{A}}}srgbClr") if el is not None else None
    if clr is not None:
        return clr.get("val")
    sch = el.find(f"{{{A}}}solidFill/{{{A}}}prstClr") if el is not None else None
    return sch.get("val") if sch is not None else None


def _dml_rules(p, image_colour=None) -> list[str]:
    """Colours of DrawingML lines / thin rectangles / pictures of a line anchored in p."""
    out = []
    for drawing in p.iter(_w("drawing")):
        extent = next(drawing.iter(f"{{{WP}}}extent"), None)
        cx = int(extent.get("cx", 0)) / EMU_PER_MM if extent is not None else 0
        cy = int(extent.get("cy", 0)) / EMU_PER_MM if extent is not None else 0
        if cx < LONG_MM or cy > THIN_MM:
            continue
        for sppr in drawing.iter("{*}spPr"):
            if sppr.getparent().tag == f"{{{PIC}}}pic":
                continue
            line = _dml_colour(sppr.find(f"{{{A}}}ln"))
            fill = _dml_colour(sppr)
            out.append(line or fill or "black")
        for blip in drawing.iter(f"{{{A}}}blip"):
            out.append((image_colour(blip.get(R_EMBED)) if image_colour else None) or "picture")
    return out


def rules_in(p, image_colour=None) -> list[tuple[str, str]]:
    """(kind, colour) of every rule paragraph p draws or anchors."""
    out = [("段落边框", c) for c in _border_colours(p, (_w("pBdr"),))]
    out += [("VML 图形", c) for c in _vml_rules(p)]
    out += [("DrawingML 图形", c) for c in _dml_rules(p, image_colour)]
    return out


def table_rules(tbl) -> list[tuple[str, str]]:
    return [("表格边框", c) for c in _border_colours(tbl, (_w("tcBorders"), _w("tblBorders")))]


def red_rule_at(paragraphs, image_colour=None) -> int | None:
    """Index in `paragraphs` of the first one that draws a red rule, or lies in a table with
    a red border."""
    seen_tables = {}
    for i, p in enumerate(paragraphs):
        rules = rules_in(p, image_colour)
        tbl = next(p.iterancestors(_w("tbl")), None)
        if tbl is not None:
            if id(tbl) not in seen_tables:
                seen_tables[id(tbl)] = table_rules(tbl)
            rules = rules + seen_tables[id(tbl)]
        if any(is_red(c) or c == "picture" for _, c in rules):
            return i
    return None


__all__ = ["rules_in", "table_rules", "red_rule_at", "NS"]
