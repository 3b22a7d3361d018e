"""layout/ooxml.py on its own: every property it can write, all at once, lands in the order
the schema (ECMA-376, tests/ooxml-xsd/wml.xsd) declares — whole documents exercise only the
combinations the documents happen to use, and Word drops or refuses what is out of order."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout import styles as st
from hongtou.layout.ooxml import (R_NS, W_NS, Border, TableColumn, esc, para, ppr, rpr, rpr_items,
                                  run, strip_illegal, table)
from hongtou.layout.package import Section, document_xml, package
from tests.docs.schema import docx_errors

EVERY_RPR = dict(font=g.FONT_FANGSONG, size=g.SIZE_3, bold=True, color=g.RED, spacing=g.Pt(1),
                 latin="Times New Roman", scale=90)
EVERY_PPR = dict(style=st.BODY, align="both", first_line=g.Pt(32), left=g.Pt(1), right=g.Pt(1),
                 hanging=g.Pt(2), before=g.Pt(3), after=g.Pt(4), line=g.LINE_PITCH,
                 keep_next=True, keep_lines=True, page_break_before=True,
                 top=Border(g.Pt(1)), bottom=Border(g.Pt(1), g.RED, 2),
                 frame='<w:framePr w:w="100" w:h="100" w:hAnchor="page" w:vAnchor="page"/>',
                 widow=False, snap=False, extra_rpr=rpr_items(font=g.FONT_HEITI, size=g.SIZE_3),
                 right_tab=g.Pt(400), left_tab=g.Pt(20),
                 sect=Section(landscape=True).xml())


def docx_of(body: str) -> bytes:
    return package(document_xml(body, Section()), title="测试")


def children(xml: str) -> list[str]:
    root = etree.fromstring(f'<w:r xmlns:w="{W_NS}" xmlns:r="{R_NS}">{xml}</w:r>')
    return [etree.QName(el).localname for el in root[0]]


class DescribePpr:
    def it_writes_every_option_in_the_schemas_order(self):
        xml = para(run("正文", rpr(**EVERY_RPR)), ppr(**EVERY_PPR))
        assert docx_errors(docx_of(xml)) == []
        assert children(ppr(**EVERY_PPR)) == [
            "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl",
            "pBdr", "tabs", "snapToGrid", "spacing", "ind", "jc", "rPr", "sectPr"]

    def it_writes_nothing_without_options(self):
        assert ppr() == "" and rpr() == ""


class DescribeRpr:
    def it_writes_every_option_in_the_schemas_order(self):
        assert children(rpr(**EVERY_RPR)) == [
            "rFonts", "b", "bCs", "color", "spacing", "w", "sz", "szCs"]


class DescribeTable:
    def it_writes_a_valid_table(self):
        xml = table([TableColumn("甲", g.Mm(30)), TableColumn("乙", g.Mm(40))],
                    [["一", ("二", "FF0000")], ["三", "四"]],
                    header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
        assert docx_errors(docx_of(xml)) == []


class DescribeText:
    def it_escapes_markup_and_drops_what_xml_cannot_hold(self):
        assert esc('a<b>&"c"') == "a&lt;b&gt;&amp;&quot;c&quot;"
        assert strip_illegal("a\x00b\x0bc\tn") == "abc\tn"

    def it_turns_line_breaks_and_tabs_into_their_elements(self):
        with zipfile.ZipFile(io.BytesIO(docx_of(para(run("一\n二\t三"))))) as z:
            document = z.read("word/document.xml").decode()
        assert "<w:t xml:space=\"preserve\">一</w:t><w:br/>" in document
        assert "<w:tab/><w:t xml:space=\"preserve\">三</w:t>" in document
