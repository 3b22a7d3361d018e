"""excel/sheetxml.py on its own: the cells, sheets, stylesheet and workbook it writes as text,
read back as XML and validated against the ECMA-376 schemas (tests/ooxml-xsd) — whole builds
exercise only the values the example campaign happens to hold."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import pytest
from lxml import etree

from hongtou.excel.common import CENTER, DATE, EDITABLE, HEADER, TEXT, TITLE, SheetColumn
from hongtou.excel.sheetxml import (MAIN_NS, ROW_MARK, Formula, Sheet, cells, emphasised, letter,
                                    quoted, serial, workbook_bytes, xf)
from tests.docs.schema import docx_errors

S = f"{{{MAIN_NS}}}"


def row_cells(xml: str) -> list:
    return list(etree.fromstring(f'<row xmlns="{MAIN_NS}">{xml}</row>'))


class DescribeCells:
    def it_writes_text_inline_numbers_and_dates_as_numbers(self):
        c = row_cells(cells(3, ["正文", 7, 1.5, date(2022, 4, 20), True, None], [xf(TEXT)] * 6))
        assert [x.get("r") for x in c] == ["A3", "B3", "C3", "D3", "E3", "F3"]
        assert c[0].get("t") == "inlineStr" and c[0].findtext(f"{S}is/{S}t") == "正文"
        assert [x.findtext(f"{S}v") for x in c[1:5]] == ["7", "1.5", "44671", "1"]
        assert c[4].get("t") == "b"
        assert list(c[5]) == [] and c[5].get("s") == str(xf(TEXT))

    def it_escapes_text_and_keeps_its_spaces(self):
        c = row_cells(cells(1, ['a<b & "c"', " 前后 "], [xf(TEXT)] * 2))
        assert c[0].findtext(f"{S}is/{S}t") == 'a<b & "c"'
        t = c[1].find(f"{S}is/{S}t")
        assert (t.text, t.get("{http://www.w3.org/XML/1998/namespace}space")) == (" 前后 ",
                                                                                  "preserve")

    def it_stores_text_that_looks_like_a_formula_with_a_quote_prefix(self):
        c = row_cells(cells(1, ["=1+1", "-已完成"], [xf(TEXT)] * 2))
        assert {x.get("s") for x in c} == {str(quoted(xf(TEXT)))}
        assert all(x.find(f"{S}f") is None for x in c)

    def it_writes_a_formula_for_its_row_with_the_cached_value(self):
        c = row_cells(cells(5, [Formula(f"A{ROW_MARK}*2", 4), Formula('IF(1,"是","")', "是")],
                            [xf(CENTER)] * 2))
        assert (c[0].findtext(f"{S}f"), c[0].findtext(f"{S}v")) == ("A5*2", "4")
        assert (c[1].get("t"), c[1].findtext(f"{S}f"), c[1].findtext(f"{S}v")) == (
            "str", 'IF(1,"是","")', "是")

    def it_refuses_a_value_it_cannot_write(self):
        with pytest.raises(TypeError):
            cells(1, [object()], [0])


class DescribeHelpers:
    @pytest.mark.parametrize("col, name", [(1, "A"), (26, "Z"), (27, "AA"), (702, "ZZ"),
                                           (703, "AAA")])
    def it_names_columns_as_excel(self, col, name):
        assert letter(col) == name

    def it_counts_days_from_excels_epoch(self):
        assert serial(date(1900, 3, 1)) == "61"
        assert serial(datetime(2022, 4, 20, 12)) == repr(44671.5)

    def it_gives_the_total_row_its_own_format(self):
        assert len({xf(TEXT), quoted(xf(TEXT)), emphasised(TEXT)}) == 3


def workbook() -> bytes:
    sheet = Sheet("整改台账")
    sheet.title(1, "整改台账", TITLE, 3)
    columns = [SheetColumn("序号", lambda n, _: n, 6, CENTER), SheetColumn("问题", lambda _, t: t, 30),
               SheetColumn("日期", lambda *_: date(2022, 4, 20), 12, DATE, editable=True)]
    last = sheet.table(columns, [(1, "问题一"), (2, "问题二\n第二行")], header_row=3,
                       editable=True)
    sheet.frozen_rows, sheet.filter_ref = 3, f"A3:C{last}"
    return workbook_bytes([sheet], "整改台账", date(2022, 4, 20))


class DescribeWorkbook:
    def it_is_valid_against_the_schemas(self):
        assert docx_errors(workbook()) == []

    def it_writes_the_same_bytes_for_the_same_content(self):
        assert workbook() == workbook()

    def it_merges_the_title_heads_the_table_and_sizes_wrapped_rows(self):
        with zipfile.ZipFile(io.BytesIO(workbook())) as zf:
            root = etree.fromstring(zf.read("xl/worksheets/sheet1.xml"))
        assert [m.get("ref") for m in root.iter(f"{S}mergeCell")] == ["A1:C1"]
        rows = {r.get("r"): r for r in root.iter(f"{S}row")}
        assert {c.get("s") for c in rows["3"]} == {str(xf(HEADER))}
        assert rows["5"].get("customHeight") == "1" and rows["4"].get("ht") is None
        # the column a department fills in: the unlocked yellow variant, the others not
        assert [c.get("s") for c in rows["4"]] == [str(xf(CENTER)), str(xf(TEXT)),
                                                   str(xf(DATE + EDITABLE))]
