"""The formatting text actually has, as Word resolves it.

A run's property comes from the first of: the run's own rPr, its character style (and the
styles that one is based on), the paragraph's style chain (or the default paragraph style),
the document defaults. A paragraph's from its own pPr, then its style chain, then the
defaults. East Asian faces named by theme (w:eastAsiaTheme) are looked up in the theme part.
Faces are compared by kind (仿宋, 小标宋, 黑体, 楷体), whatever name the writer used.
"""

from __future__ import annotations

import re

from ..layout.ooxml import W_NS

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
NS = {"w": W_NS, "a": A}


def _w(name: str) -> str:
    """A WordprocessingML tag in Clark notation: `{…/main}name`."""
    return f"{{{W_NS}}}{name}"


# The names Word, WPS, LibreOffice, macOS and the 方正 foundry use for each face GB/T 9704 names.
FACES = {
    "仿宋": ("仿宋", "仿宋_GB2312", "仿宋GB2312", "仿宋体", "FangSong", "FangSong_GB2312",
             "STFangsong", "华文仿宋", "方正仿宋_GBK", "方正仿宋简体", "方正仿宋_GB2312",
             "FZFangSong-Z02S", "FZFangSong-Z02", "Noto Serif CJK SC FangSong"),
    "小标宋": ("方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "小标宋", "小标宋体",
              "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", "华文中宋", "STZhongsong"),
    "黑体": ("黑体", "SimHei", "方正黑体_GBK", "方正黑体简体", "STHeiti", "华文黑体", "Heiti SC"),
    "楷体": ("楷体", "楷体_GB2312", "楷体GB2312", "KaiTi", "KaiTi_GB2312", "STKaiti", "华文楷体",
             "方正楷体_GBK", "方正楷体简体", "Kaiti SC"),
}
_KIND = {re.sub(r"[\s_\-]", "", n).lower(): kind for kind, names in FACES.items() for n in names}


def face_kind(face: str | None) -> str | None:
    """仿宋 / 小标宋 / 黑体 / 楷体 for any of its names, else None."""
    if not face:
        return None
    key = re.sub(r"[\s_\-]", "", face).lower()
    return _KIND.get(key) or next(
        (kind for kind in FACES if kind in face and not (kind == "小标宋" and "仿宋" in face)), None)


def is_red(colour: str | None) -> bool:
    """A red the eye calls red: FF0000, China red E60012, C00000 … (hex), or VML's 'red'."""
    if not colour:
        return False
    c = colour.strip().lstrip("#").upper()
    if c in ("RED", "F00"):
        return True
    if not re.fullmatch(r"[0-9A-F]{6}", c):
        return False
    r, g, b = (int(c[i:i + 2], 16) for i in (0, 2, 4))
    return r >= 0xB0 and g <= 0x50 and b <= 0x50


class Formatting:
    """Resolves run and paragraph properties of one document."""

    def __init__(self, styles, theme=None):
        self.styles = {}
        self.default_para = self.default_char = None
        self.rpr_default = self.ppr_default = None
        if styles is not None:
            for s in styles.iter(_w("style")):
                self.styles[s.get(_w("styleId"))] = s
                if s.get(_w("default")) == "1":
                    if s.get(_w("type")) == "paragraph":
                        self.default_para = s
                    elif s.get(_w("type")) == "character":
                        self.default_char = s
            self.rpr_default = styles.find("w:docDefaults/w:rPrDefault/w:rPr", NS)
            self.ppr_default = styles.find("w:docDefaults/w:pPrDefault/w:pPr", NS)
        self.theme_fonts = _theme_fonts(theme)
        self._levels: dict = {}   # (style, "w:rPr" | "w:pPr") → that property of it and its bases

    # -- chains ---------------------------------------------------------------------------

    def _chain(self, style):
        seen = set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            yield style
            based = style.find("w:basedOn", NS)
            style = self.styles.get(based.get(_w("val"))) if based is not None else None

    def _style_levels(self, style, path: str) -> list:
        """path (w:rPr or w:pPr) of style and of each style it is based on: resolved once per
        style, not once per run."""
        key = (style, path)
        levels = self._levels.get(key)
        if levels is None:
            levels = self._levels[key] = [s.find(path, NS) for s in self._chain(style)]
        return levels

    def para_style(self, p):
        sid = p.find("w:pPr/w:pStyle", NS)
        if sid is not None and sid.get(_w("val")) in self.styles:
            return self.styles[sid.get(_w("val"))]
        return self.default_para

    def _rpr_levels(self, p, r):
        """rPr elements from the most to the least specific."""
        if r is not None:
            yield r.find("w:rPr", NS)
            rs = r.find("w:rPr/w:rStyle", NS)
            char = self.styles.get(rs.get(_w("val"))) if rs is not None else self.default_char
            yield from self._style_levels(char, "w:rPr")
        yield from self._style_levels(self.para_style(p), "w:rPr")
        yield self.rpr_default

    def _ppr_levels(self, p):
        yield p.find("w:pPr", NS)
        yield from self._style_levels(self.para_style(p), "w:pPr")
        yield self.ppr_default

    def _first(self, levels, path: str, attr: str | None = "val"):
        for rpr in levels:
            el = rpr.find(path, NS) if rpr is not None else None
            if el is not None and (attr is None or el.get(_w(attr)) is not None):
                return el
        return None

    # -- run properties ---------------------------------------------------------------------

    def east_asia(self, p, r=None) -> tuple[str | None, bool]:
        """(face, from the theme?) the run's Chinese text prints in."""
        for rpr in self._rpr_levels(p, r):
            fonts = rpr.find("w:rFonts", NS) if rpr is not None else None
            if fonts is None:
                continue
            theme = fonts.get(_w("eastAsiaTheme"))
            if theme:
                return self.theme_fonts.get(theme.startswith("major") and "major" or "minor"), True
            if fonts.get(_w("eastAsia")):
                return fonts.get(_w("eastAsia")), False
        return None, False

    def size(self, p, r=None) -> int | None:
        """Half-points; Word's default 10 pt when nothing says."""
        el = self._first(self._rpr_levels(p, r), "w:sz")
        return int(float(el.get(_w("val")))) if el is not None else 20

    def colour(self, p, r=None) -> str:
        el = self._first(self._rpr_levels(p, r), "w:color")
        return (el.get(_w("val")) if el is not None else "auto").upper()

    # -- paragraph properties ---------------------------------------------------------------

    def spacing(self, p) -> tuple[str | None, str | None]:
        """(w:line, w:lineRule) the paragraph is set in."""
        el = self._first(self._ppr_levels(p), "w:spacing", "line")
        if el is None:
            return None, None
        return el.get(_w("line")), el.get(_w("lineRule")) or "auto"

    def jc(self, p) -> str | None:
        el = self._first(self._ppr_levels(p), "w:jc")
        return el.get(_w("val")) if el is not None else None

    def first_indent(self, p, size_pt: float) -> float:
        """Where the first line starts, in points from the block's left edge: the left indent
        plus the first-line indent (minus a hanging one), each from the most specific w:ind
        that gives it, a *Chars attribute over the twips one (ECMA-376 17.3.1.12)."""
        return self._ind(p, size_pt, (("leftChars", 1), ("startChars", 1), ("left", 1),
                                      ("start", 1))) \
            + self._ind(p, size_pt, (("hangingChars", -1), ("firstLineChars", 1),
                                     ("hanging", -1), ("firstLine", 1)))

    def _ind(self, p, size_pt: float, attrs) -> float:
        for ppr in self._ppr_levels(p):
            ind = ppr.find("w:ind", NS) if ppr is not None else None
            for attr, sign in attrs if ind is not None else ():
                value = ind.get(_w(attr))
                if value is not None:
                    per = size_pt / 100 if attr.endswith("Chars") else 1 / 20
                    return sign * float(value) * per
        return 0.0

    def keep_next(self, p) -> bool:
        el = self._first(self._ppr_levels(p), "w:keepNext", None)
        return el is not None and el.get(_w("val")) not in ("0", "false", "off")

    # -- by characters ----------------------------------------------------------------------

    def runs(self, p):
        """(run, its text) for the runs directly in paragraph p (hyperlinks and fields too),
        not those inside a text box anchored in it."""
        for r in p.iter(_w("r")):
            if _in_box(r, p):
                continue
            text = "".join(t.text or "" for t in r.iter(_w("t")) if not _in_box(t, p))
            if text.strip():
                yield r, text


def _in_box(el, p) -> bool:
    for a in el.iterancestors():
        if a is p:
            return False
        if a.tag == _w("txbxContent"):
            return True
    return False


def _theme_fonts(theme) -> dict[str, str]:
    """minor / major → the East Asian typeface the theme gives (its ea, else its Hans font)."""
    out = {}
    if theme is None:
        return out
    for kind in ("minor", "major"):
        font = theme.find(f".//a:{kind}Font", NS)
        if font is None:
            continue
        ea = font.find("a:ea", NS)
        face = ea.get("typeface") if ea is not None else ""
        if not face:
            hans = font.find("a:font[@script='Hans']", NS)
            face = hans.get("typeface") if hans is not None else ""
        if face:
            out[kind] = face
    return out


def majority(counts: dict) -> tuple[object, int, int]:
    """(the value with most weight, its weight, total weight)."""
    total = sum(counts.values())
    if not counts:
        return None, 0, 0
    value = max(counts, key=counts.get)
    return value, counts[value], total
