"""Regenerate README's picture of the notice (docs/images/通知.png): the example built, the
notice converted with LibreOffice and pages 1, 2 (the 署名's page, with the last line of the
text), 3 (the plan) and the last (附件2 and the 版记) set side by side.

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

PAGE_WIDTH_PX = 415     # as the other README pictures
GAP_PX = 12


def main() -> None:
    import pymupdf

    from hongtou.build import build

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build(ROOT / "data", out, date(2022, 4, 20), template_dirs=[ROOT / "templates"])
        subprocess.run(["soffice", "--headless", "--norestore",
                        f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                        "--convert-to", "pdf", "--outdir", tmp, str(out / "通知.docx")],
                       check=True, capture_output=True)
        doc = pymupdf.open(Path(tmp) / "通知.pdf")
        pages = [0, 1, 2, len(doc) - 1]
        zoom = PAGE_WIDTH_PX / doc[0].rect.width
        shots = [doc[i].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)) for i in pages]
        w, h = shots[0].width, shots[0].height
        sheet = pymupdf.Pixmap(pymupdf.csRGB,
                               pymupdf.IRect(0, 0, len(shots) * w + (len(shots) - 1) * GAP_PX, h), 0)
        sheet.clear_with(200)
        for k, shot in enumerate(shots):
            shot.set_origin(k * (w + GAP_PX), 0)
            sheet.copy(shot, shot.irect)
        target = ROOT / "docs" / "images" / "通知.png"
        sheet.save(target)
        print(f"wrote {target.relative_to(ROOT)} (pages {', '.join(str(i + 1) for i in pages)})")


if __name__ == "__main__":
    main()
