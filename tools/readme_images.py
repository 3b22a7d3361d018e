"""Regenerate README's pictures of the example's documents (docs/images/*.png): the example
built (统计截至 2022-04-20), each document converted with LibreOffice in one call, and the
pages README shows set side by side at 50 dpi:

- 通知.png — the first page, the 署名's page (with the last line of the text), the plan's
  first page, 附件2 and the 版记's own page (no page number, §7.5);
- 督办通知.png — page 1 of the first 督办 (信函格式);
- 整改台账.png, 日程安排表.png — page 1 of each (landscape);
- 整改台账xlsx.png — the Excel ledger printed: the 台账's first page and the 统计 page.

    python tools/readme_images.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DPI = 50
GAP_PX = 12


def sheet(doc, pages: list[int], target: Path) -> None:
    """`pages` of the open PDF `doc` side by side, on grey, saved as `target`."""
    import pymupdf

    shots = [doc[i].get_pixmap(dpi=DPI) for i in pages]
    width = sum(s.width for s in shots) + GAP_PX * (len(shots) - 1)
    out = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, max(s.height for s in shots)), 0)
    out.clear_with(200)
    x = 0
    for shot in shots:
        shot.set_origin(x, 0)
        out.copy(shot, shot.irect)
        x += shot.width + GAP_PX
    out.save(target)
    print(f"wrote {target.relative_to(ROOT)} (pages {', '.join(str(i + 1) for i in pages)})")


def main() -> None:
    import pymupdf

    from hongtou.build import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(ROOT / "data", out, date(2022, 4, 20), template_dirs=[ROOT / "templates"])
        letter = sorted((out / "督办").glob("*.docx"))[0]
        files = [out / "通知.docx", letter, out / "整改台账.docx", out / "日程安排表.docx",
                 out / "整改台账.xlsx"]
        subprocess.run(["soffice", "--headless", "--norestore",
                        f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", tmp, *map(str, files)],
                       check=True, capture_output=True)
        images = ROOT / "docs" / "images"

        def pdf(path: Path):
            return pymupdf.open(Path(tmp) / f"{path.stem}.pdf")

        with pdf(files[0]) as doc:
            texts = [page.get_text().replace(" ", "") for page in doc]
            signed = next(i for i, t in enumerate(texts) if "2022年2月15日\n" in t and i)
            annex = next(i for i, t in enumerate(texts) if t.startswith("附件2"))
            sheet(doc, [0, signed, signed + 1, annex, len(doc) - 1], images / "通知.png")
        with pdf(letter) as doc:
            sheet(doc, [0], images / "督办通知.png")
        for path in files[2:4]:
            with pdf(path) as doc:
                sheet(doc, [0], images / f"{path.stem}.png")
        with pdf(files[4]) as doc:
            stats = next(i for i, page in enumerate(doc) if "整改情况统计" in page.get_text())
            sheet(doc, [0, stats], images / "整改台账xlsx.png")


if __name__ == "__main__":
    main()
