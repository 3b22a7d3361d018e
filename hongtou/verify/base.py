"""What every verify rule works on and gives: the .docx as read (`Docx`) and one rule's
result (`Check`), with the unit conversions and the one fact both the XML and the rendered
rules ask (is this a 命令 mark)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .effective import Formatting, _in_box as _boxed, _w

MM_PER_TWIP = 25.4 / 1440
MM_PER_PT = 25.4 / 72


@dataclass(frozen=True)
class Check:
    clause: str
    rule: str
    expected: str
    measured: str
    ok: bool

    def line(self) -> str:
        mark = "通过" if self.ok else "不符"
        return f"[{mark}] {self.clause} {self.rule}：应为 {self.expected}，实测 {self.measured}"


def _mm(twips: str | int | None) -> float:
    return int(twips or 0) * MM_PER_TWIP


def _within(value: float, target: float, tol: float) -> bool:
    return abs(value - target) <= tol


class Docx:
    """The parts of a .docx that the rules read."""

    def __init__(self, path: Path):
        try:
            self._load(path)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise ValueError(f"{path} 不是有效的 Word 文档（{exc}）") from exc

    def _load(self, path: Path) -> None:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            self.document = etree.fromstring(zf.read("word/document.xml"))
            self.styles = etree.fromstring(zf.read("word/styles.xml")) \
                if "word/styles.xml" in names else None
            self.settings = etree.fromstring(zf.read("word/settings.xml")) \
                if "word/settings.xml" in names else None
            rels = etree.fromstring(zf.read("word/_rels/document.xml.rels"))
            self.footers, self.headers, self.media = {}, {}, {}
            theme = None
            for rel in rels:
                kind = rel.get("Type", "").rsplit("/", 1)[-1]
                name = "word/" + (rel.get("Target") or "").lstrip("/").removeprefix("word/")
                if name not in names:
                    continue
                if kind in ("footer", "header"):
                    part = etree.fromstring(zf.read(name))
                    (self.footers if kind == "footer" else self.headers)[rel.get("Id")] = part
                elif kind == "theme":
                    theme = etree.fromstring(zf.read(name))
                elif kind == "image":
                    self.media[rel.get("Id")] = zf.read(name)
        self.fmt = Formatting(self.styles, theme)

    def image_colour(self, rid: str | None) -> str | None:
        """The colour at the middle of an embedded picture (a picture of a line), when
        PyMuPDF is there to decode it."""
        try:
            import pymupdf
            pix = pymupdf.Pixmap(self.media[rid])
        except Exception:      # no PyMuPDF, no such picture, or a format it cannot read
            return None
        r, gr, b = pix.pixel(pix.width // 2, pix.height // 2)[:3]
        return f"{r:02X}{gr:02X}{b:02X}"

    def first_run(self, p):
        return next((r for r, _ in self.fmt.runs(p)), None)

    def colour(self, p) -> str:
        """The colour a paragraph's text prints in (its first run's, as resolved)."""
        return self.fmt.colour(p, self.first_run(p))

    def size(self, p) -> int | None:
        return self.fmt.size(p, self.first_run(p))

    def paragraphs(self):
        return self.document.iter(_w("p"))

    @staticmethod
    def text(p) -> str:
        """The paragraph's own text (not that of a text box anchored in it)."""
        return "".join(t.text or "" for t in p.iter(_w("t")) if not _boxed(t, p))


ORDER_SUFFIX = "令"           # its mark: the organ's full name + 命令 or 令 (§10.2)


def _is_order(mark: str) -> bool:
    return re.sub(r"\s+", "", mark).endswith(ORDER_SUFFIX)
