"""hongtou.zippack, the one deterministic zip writer: archives zipfile reads back whole, and
every entry it writes — directly, or for a workbook openpyxl saved — carries the zip epoch
and one file mode, so the same parts give the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from hongtou.excel.style import new_workbook, openpyxl_bytes
from hongtou.zippack import WHOLE_MODE, pack, zip_packed, zip_parts

EPOCH = (1980, 1, 1, 0, 0, 0)
MODE = 0o644 << 16


def entries(data: bytes) -> list[tuple[str, tuple, int, int]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return [(i.filename, i.date_time, i.external_attr, i.compress_type) for i in z.infolist()]


class DescribeZipPacked:
    def it_writes_an_archive_zipfile_reads_back(self):
        parts = {"[Content_Types].xml": "<Types/>", "word/文档.xml": "正文" * 1000,
                 "media/x.bin": bytes(range(256))}
        data = zip_packed(pack(n, v) for n, v in parts.items())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.namelist() == list(parts)
            assert z.read("word/文档.xml").decode() == parts["word/文档.xml"]
            assert z.read("media/x.bin") == parts["media/x.bin"]

    def it_packs_pieces_as_the_joined_part(self):
        assert pack("a.xml", ["<a>", "b" * 5000, "</a>"]) == pack("a.xml", "<a>" + "b" * 5000 + "</a>")

    def it_gives_every_entry_the_epoch_and_one_mode(self):
        data = zip_packed([pack("a.xml", "<a/>"), pack("b.xml", "<b/>")])
        assert {(t, a, c) for _, t, a, c in entries(data)} == {(EPOCH, MODE, zipfile.ZIP_DEFLATED)}


class DescribeOpenpyxlBytes:
    def it_zips_through_zippack_with_the_same_epoch_and_mode(self):
        """It wrote its own zipfile entries (0o644, its own epoch constant) before; its
        stability and content are tested in tests/excel/test_excel_style.py."""
        wb = new_workbook("测试")
        wb.create_sheet("表").append(["整改台账", 1])
        data = openpyxl_bytes(wb, date(2022, 4, 20))
        assert {(t, a, c) for _, t, a, c in entries(data)} == {(EPOCH, MODE, zipfile.ZIP_DEFLATED)}


def zipfile_bytes(parts: dict, mode: int) -> bytes:
    """What layout.package.zip_parts wrote with zipfile before it moved here."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = mode << 16
            zf.writestr(info, data.encode("utf-8") if isinstance(data, str) else data,
                        compresslevel=6)
    return buf.getvalue()


class DescribeZipParts:
    PARTS = {"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document>正文" * 300,
             "word/media/印章.png": bytes(range(256)) * 4, "empty.xml": b""}

    def it_writes_the_bytes_zipfile_wrote(self):
        """Documents zipped whole (package.package, typeset, a sealed one) keep their bytes."""
        assert zip_parts(self.PARTS) == zipfile_bytes(self.PARTS, WHOLE_MODE)

    def it_takes_the_mode_of_every_entry(self):
        data = zip_parts(self.PARTS, mode=0o644)
        assert [n for n, *_ in entries(data)] == list(self.PARTS)
        assert {(t, a) for _, t, a, _ in entries(data)} == {(EPOCH, MODE)}
