"""Reading rendered pages (pymupdf) for the rendering tests: units and text spans in mm."""

MM = 72 / 25.4                   # points per millimetre
RED = 0xFF0000


def spans(page):
    """Every non-blank text span: dict with text, size, color, bbox and baseline in mm."""
    out = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for s in line["spans"]:
                if s["text"].strip():
                    x0, y0, x1, y1 = (v / MM for v in s["bbox"])
                    out.append({"text": s["text"], "size": s["size"], "color": s["color"],
                                "x0": x0, "y0": y0, "x1": x1, "y1": y1,
                                "base": s["origin"][1] / MM})
    return out
