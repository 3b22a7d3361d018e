"""GB/T 9704 self-check of any .docx — ours or one typed by hand.

Each rule yields a `Check` (clause, what is expected, what was measured, pass/fail). The XML
checks read what Word will lay out — the formatting text actually has (`effective`), the 版头
found by position and red rules however drawn (`drawn`); `render=True` also converts with
LibreOffice (one call for all files) and measures the printed pages: mark position, red line,
page numbers on ink, the 版记, and the page rules of `pages` (signature page, blank pages,
stranded headings, broken table words, 印发日期, title breaks). `--render` needs PyMuPDF (the
`render` extra).
"""


from __future__ import annotations

import tempfile
from pathlib import Path

from .base import Check, Docx
from .effective import face_kind, is_red
from .rendered import check_rendered, need_pymupdf, to_pdf
from .xmlrules import _body, _is_record, check_xml, header_zone, is_letter

__all__ = ["Check", "Docx", "check_rendered", "check_xml", "face_kind", "header_zone",
           "is_letter", "is_red", "need_pymupdf", "to_pdf", "verify", "_body", "_is_record"]


def verify(paths: list[Path], render: bool = False) -> dict[Path, list[Check]]:
    if render:
        need_pymupdf()
    results, parsed = {}, {}
    for p in paths:
        d = Docx(p)
        results[p] = check_xml(p, d)
        if render:
            parsed[p] = d          # the page rules read the same document: parsed once
    if render:
        with tempfile.TemporaryDirectory() as tmp:
            pdfs = to_pdf(paths, Path(tmp))
            for p in paths:
                if p in pdfs:
                    results[p] += check_rendered(pdfs[p], parsed[p])
                else:
                    results[p].append(Check("渲染", "LibreOffice 转换", "成功", "失败", False))
    return results
