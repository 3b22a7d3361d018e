"""A document to typeset, as plain data: what `hongtou.read.document` produces from a .txt,
.md or .docx draft and `hongtou.docs.typeset` lays out.

Nothing here reads files or writes XML. A `Grid` from a .docx keeps its Word table element
(lxml) for the typesetter to re-lay; a `Picture` keeps the image bytes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from . import DocumentMeta


@dataclass
class Grid:
    """A table: rows of cell texts (from Markdown), or a Word table element (from .docx)."""

    rows: list[list[str]] = field(default_factory=list)
    element: object = None           # lxml w:tbl, re-laid by the typesetter
    number: int = 0


@dataclass
class Picture(Grid):
    """A picture of a .docx draft: laid between the paragraphs, as a table is."""

    data: bytes = b""
    ext: str = "png"                 # the image part's extension: png, jpeg, gif …
    cx: int = 0                      # its size in the draft, EMU
    cy: int = 0


@dataclass
class Para:
    text: str
    level: int = 0        # 0 body, 1–4 heading levels (一、 （一） 1. （1）)


@dataclass
class Part:
    """A page that follows the 落款: an attachment (`number` set or `attachment`) or a
    document issued with this one (a plan after its 印发 notice)."""

    title: str
    items: list[Para | Grid]
    attachment: bool = False
    number: int | None = None


@dataclass
class Outline:
    title: str = ""
    subtitle: str = ""                   # （2009年2月25日）, （征求意见稿）: under the title
    addressee: str = ""
    items: list[Para | Grid] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)   # 附件说明 names
    organ: str = ""                      # 署名
    date: date | None = None             # 成文日期
    note: str = ""                       # 附注
    parts: list[Part] = field(default_factory=list)
    detected: dict[str, str] = field(default_factory=dict)  # head facts found in the text

    def heading_counts(self) -> dict[int, int]:
        counts = {1: 0, 2: 0, 3: 0, 4: 0}
        for items in (self.items, *(p.items for p in self.parts)):
            for it in items:
                if isinstance(it, Para) and it.level:
                    counts[it.level] += 1
        return counts


@dataclass
class Document:
    name: str                 # the file name, for messages
    outline: Outline
    meta: DocumentMeta        # date may be None: a text without 成文日期
    has_mark: bool            # a 发文机关标志 or 文号 was given or found: red header by default
    warnings: list[str]
