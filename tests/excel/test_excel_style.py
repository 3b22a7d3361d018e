"""The shared pieces: cell text, widths and wrapped lines, byte-stable saving."""

from __future__ import annotations

import io
import zipfile
from datetime import date

from openpyxl import load_workbook

from hongtou.excel.common import EXCEL_MAX_TEXT, clean_text, text_lines, text_width
from hongtou.excel.style import new_workbook, openpyxl_bytes


class DescribeCleanText:
    def it_leaves_ordinary_text_alone(self):
        assert clean_text("整改措施：1.建立台账\n2.定期调度\t（完成）") == \
            "整改措施：1.建立台账\n2.定期调度\t（完成）"

    def it_removes_what_xml_forbids(self):
        assert clean_text("a\x00b\x08c\x1fd\ufffe") == "abcd"

    def it_turns_word_breaks_into_newlines(self):
        assert clean_text("一\x0b二\x0c三") == "一\n二\n三"

    def it_cuts_text_to_what_a_cell_holds(self):
        text = clean_text("字" * (EXCEL_MAX_TEXT + 10))
        assert len(text) == EXCEL_MAX_TEXT and text.endswith("…")


class DescribeMeasuring:
    def it_counts_chinese_as_two_latin_as_one(self):
        assert text_width("办公室") == text_width("abcdef")
        assert text_width("ab\n办公室") == text_width("办公室")
        assert text_width(date(2022, 1, 1)) == text_width("2022年12月31日")

    def it_counts_wrapped_lines(self):
        assert text_lines("办公室", 10) == 1
        assert text_lines("一\n二\n三", 10) == 3
        assert text_lines("字" * 40, 36) == 3  # about 16 characters a line


class DescribeWorkbookBytes:
    def it_is_stable_and_keeps_content(self):
        def build():
            wb = new_workbook("测试")
            wb.create_sheet("表").append(["甲", 1])
            return openpyxl_bytes(wb, date(2022, 4, 20))

        first = build()
        assert first == build()
        with zipfile.ZipFile(io.BytesIO(first)) as z:
            assert z.testzip() is None
            assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in z.infolist())
        wb = load_workbook(io.BytesIO(first))
        assert [c.value for c in wb["表"][1]] == ["甲", 1]
        assert wb.properties.title == "测试" and wb.properties.creator == "hongtou"
