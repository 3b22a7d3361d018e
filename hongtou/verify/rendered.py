"""The rules measured on the printed pages: the .docx converted by LibreOffice (one call for
all files), the PDF read with PyMuPDF (the `render` extra) — mark position, red line, page
numbers on ink, the 版记, 信函 lines, and the page rules of `pages`."""

from __future__ import annotations

import re
from pathlib import Path

from ..layout import gbt9704 as g
from .base import MM_PER_PT, Check, Docx, _is_order, _within
from .effective import is_red


NO_PYMUPDF = ("--render 需要 PyMuPDF 测量排版后的页面，当前未安装；请运行 "
              "python -m pip install \".[render]\"（或 python -m pip install pymupdf）后再用 --render")


def need_pymupdf() -> None:
    """--render measures the PDF with PyMuPDF (the `render` extra): a Chinese message naming
    the install command when it is missing, before LibreOffice is started."""
    try:
        import pymupdf  # noqa: F401
    except ImportError:
        raise RuntimeError(NO_PYMUPDF) from None


def to_pdf(paths: list[Path], outdir: Path) -> dict[Path, Path]:
    """Convert with LibreOffice in one call; returns docx → pdf for those that converted."""
    from ..pdf import convert, find_soffice

    if find_soffice() is None:
        raise RuntimeError("未找到 LibreOffice（soffice），无法进行版面实测；请安装后再用 --render")
    return convert(paths, outdir, timeout=300).pdfs


def _red_rules(page) -> list:
    """Red rules as printed: stroked lines, thin filled rectangles, pictures of a line."""
    found = []
    for dr in page.get_drawings():
        colour = dr.get("color") or dr.get("fill")
        if colour and colour[0] > 0.7 and colour[1] < 0.3 and colour[2] < 0.3 \
                and dr["rect"].width > 100 and dr["rect"].height < 8:
            found.append(dr["rect"])
    for info in page.get_image_info():
        import pymupdf

        rect = pymupdf.Rect(info["bbox"])
        if rect.width > 100 and rect.height < 8:
            pix = page.get_pixmap(clip=rect, dpi=72)
            if pix.width and pix.height:
                r, gr, b = pix.pixel(pix.width // 2, pix.height // 2)[:3]
                if r > 180 and gr < 80 and b < 80:
                    found.append(rect)
    return found


def _text_lines(page) -> list[tuple[dict, str]]:
    """(line, its text) for every text line of the page, in PyMuPDF's order."""
    return [(ln, "".join(s["text"] for s in ln["spans"]))
            for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])]


def _page_number_dash(page, i: int):
    """(x of the number, top of the dash's ink) for page i's 「— i —」 under the block."""
    for b in page.get_text("rawdict")["blocks"]:
        for ln in b.get("lines", []):
            chars = [c for s in ln["spans"] for c in s["chars"]]
            text = "".join(c["c"] for c in chars)
            if ln["bbox"][1] < page.rect.height - 35 / MM_PER_PT or not re.fullmatch(
                    rf"[\s\-—–－]*{i}[\s\-—–－]*", text):
                continue
            digits = [c for c in chars if c["c"].isdigit()]
            x = (digits[0]["bbox"][0] + digits[-1]["bbox"][2]) / 2
            dash = next((c for c in chars if c["c"] in "—–－-"), None)
            top = None
            if dash is not None:
                from .pages import ink
                import pymupdf

                found = ink(page, pymupdf.Rect(dash["bbox"]))
                top = found[0] if found else None
            return x, top
    return None


ORDER_MARK_TOP_IN_BLOCK = 20  # mm: a 命令（令）mark's top edge under the block top (§10.2)


def check_rendered(pdf: Path, d: Docx | None = None) -> list[Check]:
    import pymupdf

    out = []
    doc = pymupdf.open(pdf)
    page = doc[0]
    first = _text_lines(page)       # page 1's text, read once for the mark and 发文字号
    spans = [s for ln, _ in first for s in ln["spans"] if s["text"].strip()]
    red = [s for s in spans if is_red(f"{s['color']:06X}")]
    top = min(s["bbox"][1] for s in red) * MM_PER_PT if red else None
    letter = top is not None and top < g.MARGIN_TOP / 12700 * MM_PER_PT  # above the block: 信函
    if letter:
        out += _letter_rendered(page, red, top)
    elif red:
        if _is_order("".join(s["text"] for s in red if s["bbox"][1] * MM_PER_PT < top + 5)):
            edge = g.MARGIN_TOP / 12700 * MM_PER_PT + ORDER_MARK_TOP_IN_BLOCK
            out.append(Check("§10.2", "命令格式发文机关标志上边缘距页面上边",
                             f"{edge:.0f} mm ± 2（版心下 {ORDER_MARK_TOP_IN_BLOCK} mm）",
                             f"{top:.1f} mm", _within(top, edge, 2)))
        else:
            out.append(Check("§7.2.4", "发文机关标志上边缘距页面上边", "72 mm ± 2（版心下 35 mm）",
                             f"{top:.1f} mm", _within(top, 72, 2)))
        lines = _red_rules(page)
        number = next((ln for ln, text in first if re.search(r"〔\s*\d{4}\s*〕", text)), None)
        if lines:
            ln = max(lines, key=lambda rect: rect.width)
            length = ln.width * MM_PER_PT
            out.append(Check("§7.2.6", "红色分隔线长度", "156 mm ± 1", f"{length:.1f} mm",
                             _within(length, 156, 1)))
            if number:
                gap = (ln.y0 - number["bbox"][3]) * MM_PER_PT
                out.append(Check("§7.2.6", "红色分隔线在发文字号下", "4 mm ± 1", f"{gap:.1f} mm",
                                 _within(gap, 4, 1)))
    last = doc[-1]
    printed = [ln for ln, text in _text_lines(last) if "印发" in text]
    if printed and last.rect.height > last.rect.width:
        under = printed[-1]["bbox"][3] - 2      # the 版记's last rule: the first one under 印发
        rules = [dr["rect"] for dr in last.get_drawings()
                 if (dr.get("color") or dr.get("fill")) and max(dr.get("color") or dr["fill"]) < 0.2
                 and dr["rect"].width * MM_PER_PT > 150 and dr["rect"].y0 >= under]
        bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700 * MM_PER_PT
        if rules:
            y = min(rules, key=lambda r: r.y0).y1 * MM_PER_PT
            out.append(Check("§7.4.1", "版记末条分隔线位于末页版心下边缘", f"{bottom:.0f} mm ± 1",
                             f"{y:.1f} mm", _within(y, bottom, 1)))
        else:
            out.append(Check("§7.4.1", "版记分隔线", "黑色、与版心等宽", "未找到", False))
    portrait_doc = any(pg.rect.height > pg.rect.width for pg in doc)
    for i, pg in enumerate(doc, 1):
        h = pg.rect.height
        if portrait_doc and pg.rect.width > pg.rect.height:
            out.append(_turned_number(pg, i))
            continue
        num = _page_number_dash(pg, i)
        if letter and i == 1:
            out.append(Check("§10.1", "信函首页页码", "无", "有" if num else "无", not num))
            continue
        if _record_only(pg):
            out.append(Check("§7.5", f"第{i}页（仅有版记）页码", "不编页码",
                             "有页码" if num else "无页码", not num))
            continue
        if not num:
            out.append(Check("§7.5", f"第{i}页页码", f"— {i} —", "未找到", False))
            continue
        x, dash = num
        side = _number_side(x, pg.rect.width)
        side_ok = side == ("右" if i % 2 else "左")
        block_bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700 if pg.rect.height > pg.rect.width \
            else None
        gap = (dash - block_bottom) * MM_PER_PT if block_bottom and dash else None
        gap_ok = gap is None or _within(gap, 7, 1.5)
        out.append(Check("§7.5", f"第{i}页页码", f"{'右' if i % 2 else '左'}侧、一字线版心下 7 mm ± 1.5",
                         (f"{side}侧" if side != "居中" else side)
                         + (f"、一字线版心下 {gap:.1f} mm" if gap is not None else ""), side_ok and gap_ok))
    if d is not None:
        from .pages import check_pages

        out += check_pages(d, doc, Check)
    return out


def _number_side(x: float, width: float) -> str:
    """右, 左 or 居中: where a page number whose centre is at x stands (居中 within 1 字 of
    the page's middle, where many tools put it; §7.5 wants it at the right or left)."""
    if abs(x - width / 2) < g.ZI / 12700:
        return "居中"
    return "右" if x > width / 2 else "左"


def _turned_number(page, i: int) -> Check:
    """A landscape page of a portrait document (§7.5): its number on the left edge — the
    portrait bottom — set vertically, 7 mm from the block, at the portrait right (landscape
    bottom) on odd pages, the portrait left (landscape top) on even ones."""
    block_left = g.MARGIN_BOTTOM / 12700           # the portrait bottom margin, turned
    lines = [ln for ln, text in _text_lines(page)
             if ln["bbox"][2] < block_left and re.fullmatch(rf"\D*\b{i}\b\D*", text.strip())]
    rule = f"第{i}页（横向）页码"
    expected = f"左边缘竖排、{'下' if i % 2 else '上'}侧（即竖向页的{'右' if i % 2 else '左'}侧）、版心外 7 mm ± 1.5"
    if not lines:
        return Check("§7.5", rule, expected, "未找到", False)
    ln = lines[0]
    x0, y0, x1, y1 = ln["bbox"]
    vertical = abs(ln["dir"][0]) < 0.1
    lower = (y0 + y1) / 2 > page.rect.height / 2
    gap = (block_left - x1) * MM_PER_PT
    ok = vertical and lower == bool(i % 2) and _within(gap, 7, 1.5)
    return Check("§7.5", rule, expected,
                 f"{'竖排' if vertical else '横排'}、{'下' if lower else '上'}侧、版心外 {gap:.1f} mm", ok)


def _record_only(page) -> bool:
    """A portrait page whose only text inside the block is the 版记: everything stands at
    or under the black line over the 抄送 (or 印发) line in the lower half of the block."""
    if page.rect.height < page.rect.width:
        return False
    block_top = g.MARGIN_TOP / 12700
    block_bottom = (g.MARGIN_TOP + g.BLOCK_HEIGHT) / 12700
    lines = [(ln["bbox"][1], text) for ln, text in _text_lines(page)]
    lines = [(y, t) for y, t in lines if t.strip() and y < block_bottom]
    lower = (block_top + block_bottom) / 2
    marks = [y for y, t in lines if y > lower and ("抄送" in t or "印发" in t)]
    if not marks:
        return False
    rules = [dr["rect"].y0 for dr in page.get_drawings()
             if dr.get("color") and max(dr["color"]) < 0.2 and dr["rect"].width * MM_PER_PT > 150
             and dr["rect"].y0 <= min(marks)]
    top = max(rules, default=min(marks)) - 2
    return all(y >= top for y, _ in lines)


def _letter_rendered(page, red, top: float) -> list[Check]:
    """信函 page 1 as printed: mark position and the two red double lines (§10.1)."""
    import pymupdf

    from .pages import ink

    box = pymupdf.Rect(min(s["bbox"][0] for s in red), min(s["bbox"][1] for s in red),
                       max(s["bbox"][2] for s in red), max(s["bbox"][3] for s in red))
    inked = ink(page, box, dpi=300)         # the mark's ink, not its em box (§10.1)
    bottom = (inked[1] if inked else box.y1) * MM_PER_PT
    out = [Check("§10.1", "信函发文机关标志上边缘距页面上边", "30 mm ± 2", f"{top:.1f} mm",
                 _within(top, 30, 2))]
    lines = [dr for dr in page.get_drawings() if dr.get("color") and dr["color"][0] > 0.7
             and dr["color"][1] < 0.2 and dr["rect"].width * MM_PER_PT > 150]
    upper = [dr for dr in lines if dr["rect"].y0 < page.rect.height / 2]
    lower = [dr for dr in lines if dr not in upper]
    if upper:
        ln = min(upper, key=lambda dr: dr["rect"].y0)
        gap = ln["rect"].y0 * MM_PER_PT - ln.get("width", 0) / 2 * MM_PER_PT - bottom
        out.append(Check("§10.1", "上方红色双线在标志下", "4 mm ± 1", f"{gap:.1f} mm", _within(gap, 4, 1)))
        length = ln["rect"].width * MM_PER_PT
        out.append(Check("§10.1", "上方红色双线长度", "170 mm ± 1", f"{length:.1f} mm",
                         _within(length, 170, 1)))
    else:
        out.append(Check("§10.1", "上方红色双线", "有", "无", False))
    if lower:
        ln = max(lower, key=lambda dr: dr["rect"].y1)
        above = (page.rect.height - ln["rect"].y1 - ln.get("width", 0) / 2) * MM_PER_PT
        out.append(Check("§10.1", "下方红色双线距页面下边", "20 mm ± 1.5", f"{above:.1f} mm",
                         _within(above, 20, 1.5)))
    else:
        out.append(Check("§10.1", "下方红色双线", "有", "无", False))
    return out
