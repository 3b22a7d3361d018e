"""发文信息's 加盖印章 and 印章图片 (§7.3.5.1), and 通报机关: read, checked, and what `build`
makes of them. A seal image that is missing, not a PNG, corrupt or without transparency is a
located error (sheet, row, key, value) and exit code 2; a good one ends up in the notice,
pressed over the 署名. The rendered layout is measured in test_pages_sweep.py."""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hongtou.cli import main
from tests.docs.test_docs_cases import set_meta
from tests.docs.test_pages_sweep import seal_png
from tests.helpers import make_workbook, minimal_sheets


def campaign(folder: Path, **meta: str) -> Path:
    sheets = minimal_sheets()
    for key, value in meta.items():
        set_meta(sheets, key, value)
    make_workbook(folder / "活动.xlsx", sheets)
    return folder


def build(folder: Path):
    return CliRunner().invoke(main, ["build", str(folder), "-o", str(folder / "out"), "-q"])


def opaque_png() -> bytes:
    """A valid PNG without an alpha channel (colour type 2)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.mark.parametrize("name, data, reason", [
    ("缺失.png", None, "找不到印章图片「缺失.png」"),
    ("印章.png", b"GIF89a not a png", "「印章.png」不是 PNG 图片"),
    ("印章.png", seal_png(8)[:20] + b"\x00" * 20, "「印章.png」已损坏，无法读取"),
    ("印章.png", opaque_png(), "「印章.png」不是透明背景的"),
])
def test_a_bad_seal_image_is_a_located_error(tmp_path, name, data, reason):
    folder = campaign(tmp_path, 印章图片=name)
    if data is not None:
        (folder / name).write_bytes(data)
    result = build(folder)
    assert result.exit_code == 2, result.output
    line = next(ln for ln in result.output.splitlines() if "印章图片" in ln)
    assert "发文信息" in line and "行" in line and reason in line, line
    assert "Traceback" not in result.output


def test_more_seals_than_organs_and_a_bad_yes_no_are_located_errors(tmp_path):
    folder = campaign(tmp_path, 印章图片="甲.png、乙.png", 加盖印章="也许")
    result = build(folder)
    assert result.exit_code == 2
    assert "印章图片比发文机关多" in result.output
    assert "「加盖印章」" in result.output and "应填写「是」或「否」" in result.output


def test_a_seal_image_goes_into_the_notice_over_the_signature(tmp_path, docx_xml):
    folder = campaign(tmp_path, 印章图片="印章.png")
    (folder / "印章.png").write_bytes(seal_png())
    result = build(folder)
    assert result.exit_code == 0, result.output
    docx = folder / "out" / "通知.docx"
    with zipfile.ZipFile(docx) as zf:
        assert zf.read("word/media/rIdSeal1.png") == seal_png()
        assert b'Extension="png"' in zf.read("[Content_Types].xml")
    root = docx_xml(docx)
    w = docx_xml.w
    sign = next(p for p in root.iter(w("p"))
                if p.find(f"{w('pPr')}/{w('pStyle')}") is not None
                and p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "GwSignature")
    assert sign.find(f".//{{http://schemas.openxmlformats.org/drawingml/2006/main}}blip") is not None
    date = sign.getnext()
    ind = date.find(f"{w('pPr')}/{w('ind')}")
    assert int(ind.get(w("right"))) == 1280          # 成文日期右空四字 (4 × 320 twips)
    from tests.docs.schema import docx_errors
    assert docx_errors(docx) == []


def test_the_report_is_issued_signed_and_marked_by_one_organ(tmp_path, docx_xml):
    """通报机关 given: the 通报's mark is 「通报机关＋文件」 and it signs it."""
    folder = campaign(tmp_path, 通报机关="六安市总工会办公室")
    result = build(folder)
    assert result.exit_code == 0, result.output
    texts = ["".join(t.text or "" for t in p.iter(docx_xml.w("t")))
             for p in docx_xml(folder / "out" / "进展通报.docx").iter(docx_xml.w("p"))]
    texts = [t for t in texts if t]
    assert texts[0] == "六安市总工会办公室文件"
    i = texts.index("六安市总工会办公室")
    assert texts[i + 1].endswith("日")
    assert "中共六安市总工会党组" not in texts[:i + 2]


def test_typeset_lays_out_the_signature_for_a_seal(tmp_path, docx_xml):
    from tests.docs.test_pages_sweep import typeset_text

    src = tmp_path / "通知.txt"
    src.write_text(typeset_text(3), encoding="utf-8")
    result = CliRunner().invoke(main, ["typeset", str(src), "--sealed", "-o", str(tmp_path / "o.docx")])
    assert result.exit_code == 0, result.output
    w = docx_xml.w
    dates = [p for p in docx_xml(tmp_path / "o.docx").iter(w("p"))
             if p.find(f"{w('pPr')}/{w('pStyle')}") is not None
             and p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val")) == "GwDate"]
    assert dates[0].find(f"{w('pPr')}/{w('ind')}").get(w("right")) == "1280"   # 右空四字
