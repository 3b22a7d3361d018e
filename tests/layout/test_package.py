"""layout/package.py on its own: the parts around a body — section setup, the footers (the
page number, turned on landscape pages), the settings — as the XML they write, and the
package of them valid against the ECMA-376 schemas (tests/ooxml-xsd)."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout.namespaces import W, W_NS
from hongtou.layout.package import (FOOTER_EVEN, FOOTER_ODD, TURNED_EVEN, TURNED_ODD, Section,
                                    document_xml, footer_xml, landscape, package, settings_xml,
                                    turned_footer_xml)
from hongtou.layout.zones import body_text
from tests.docs.schema import docx_errors

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


def xml(text: str):
    return etree.fromstring(text.encode("utf-8"))


def sect(text: str):
    return etree.fromstring(f'<w:x xmlns:w="{W_NS}" xmlns:r="x">{text}</w:x>')[0]


class DescribeSection:
    def it_sets_the_a4_page_and_the_block_of_the_standard(self):
        s = sect(Section().xml())
        size, margins = s.find(f"{W}pgSz"), s.find(f"{W}pgMar")
        assert (size.get(f"{W}w"), size.get(f"{W}h")) == (str(g.twips(g.PAGE_WIDTH)),
                                                          str(g.twips(g.PAGE_HEIGHT)))
        assert margins.get(f"{W}top") == str(g.twips(g.MARGIN_TOP))
        assert margins.get(f"{W}left") == str(g.twips(g.MARGIN_LEFT))
        refs = {r.get(f"{W}type"): r.get("{x}id") for r in s.findall(f"{W}footerReference")}
        assert refs == {"default": FOOTER_ODD, "even": FOOTER_EVEN}

    def it_turns_the_page_and_the_block_on_a_landscape_section(self):
        s = sect(Section(landscape=True, turned_numbers=True).xml())
        size, margins = s.find(f"{W}pgSz"), s.find(f"{W}pgMar")
        assert size.get(f"{W}orient") == "landscape"
        assert size.get(f"{W}w") == str(g.twips(g.PAGE_HEIGHT))
        # 订口 at the top, the portrait bottom margin on the left
        assert margins.get(f"{W}top") == str(g.twips(g.MARGIN_LEFT))
        assert margins.get(f"{W}left") == str(g.twips(g.MARGIN_BOTTOM))
        refs = [r.get("{x}id") for r in s.findall(f"{W}footerReference")]
        assert refs == [TURNED_ODD, TURNED_EVEN]

    def it_continues_the_page_when_not_new(self):
        assert sect(Section(new_page=False).xml()).find(f"{W}type").get(f"{W}val") == "continuous"


class DescribeLandscape:
    def it_puts_content_between_a_portrait_and_a_landscape_section_break(self):
        out = landscape("<w:p/>")
        root = etree.fromstring(f'<w:body xmlns:w="{W_NS}" xmlns:r="x">{out}</w:body>')
        breaks = [p.find(f"{W}pPr/{W}sectPr") for p in root]
        assert breaks[1] is None
        assert breaks[0].find(f"{W}pgSz").get(f"{W}orient") is None
        assert breaks[2].find(f"{W}pgSz").get(f"{W}orient") == "landscape"


class DescribeFooters:
    def it_sets_the_odd_number_right_and_the_even_left_one_zi_in(self):
        odd, even = xml(footer_xml("odd")), xml(footer_xml("even"))
        assert odd.find(f".//{W}jc").get(f"{W}val") == "right"
        assert odd.find(f".//{W}ind").get(f"{W}right") == str(g.twips(g.PAGE_NUMBER_INDENT))
        assert even.find(f".//{W}jc").get(f"{W}val") == "left"
        assert even.find(f".//{W}ind").get(f"{W}left") == str(g.twips(g.PAGE_NUMBER_INDENT))
        for root in (odd, even):
            assert [i.text.strip() for i in root.iter(f"{W}instrText")] == ["PAGE"]
            texts = "".join(t.text for t in root.iter(f"{W}t"))
            assert texts.count(g.PAGE_NUMBER_DASH) == 2

    def it_writes_no_number_in_the_blank_footer(self):
        assert list(xml(footer_xml("blank")).iter(f"{W}instrText")) == []

    def it_turns_the_landscape_number_in_a_vertical_text_box(self):
        for side, doc_id in (("odd", "9002"), ("even", "9003")):
            root = xml(turned_footer_xml(side))
            anchor = next(root.iter(f"{WP}anchor"))
            assert anchor.find(f"{WP}docPr").get("id") == doc_id
            assert anchor.find(f"{WP}positionH").get("relativeFrom") == "page"
            body = next(el for el in root.iter() if etree.QName(el).localname == "bodyPr")
            assert body.get("vert") == "vert"
            assert [i.text.strip() for i in root.iter(f"{W}instrText")] == ["PAGE"]


class DescribeSettings:
    def it_keeps_even_footers_and_full_width_punctuation_in_schema_order(self):
        names = [etree.QName(el).localname for el in xml(settings_xml())]
        assert names.index("defaultTabStop") < names.index("evenAndOddHeaders")
        assert "characterSpacingControl" in names


class DescribePackage:
    def it_writes_a_docx_every_part_of_which_is_valid(self):
        data = package(document_xml(body_text("正文。") + landscape(body_text("横排。")),
                                    Section()), title="测试", stamp="2022-04-20")
        assert docx_errors(data) == []

    def it_writes_the_same_bytes_for_the_same_document(self):
        doc = document_xml(body_text("正文。"), Section())
        assert package(doc, stamp="2022-04-20") == package(doc, stamp="2022-04-20")

    def it_adds_the_letter_header_and_footer_only_for_a_letter(self):
        doc = document_xml(body_text("正文。"), Section(letter=True))
        with zipfile.ZipFile(io.BytesIO(package(doc, letter_mark="某某机关"))) as zf:
            names = zf.namelist()
            header = zf.read("word/header1.xml").decode()
        assert {"word/header1.xml", "word/footer4.xml"} <= set(names)
        assert "某某机关" in header
        with zipfile.ZipFile(io.BytesIO(package(document_xml("", Section())))) as zf:
            assert "word/header1.xml" not in zf.namelist()


class DescribeContactLine:
    """A letter's 「联系人：…」 over the 署名 is not 正文 (the 署名's page must hold 正文 besides
    it); a 正文 paragraph that merely starts with 联系人 (「联系人民群众…」) is."""

    def it_takes_the_contact_line_and_not_text_that_starts_like_it(self):
        from hongtou.layout.package import _is_contact

        def p(text: str):
            return etree.fromstring(f'<w:p xmlns:w="{W_NS}"><w:r><w:t>{text}</w:t></w:r></w:p>')

        for text in ("联系人：杨帆，联系电话：0564-1234567", "（联系人：杨帆）", "联 系 人：杨帆"):
            assert _is_contact(p(text)), text
        for text in ("联系人民群众是党的优良传统，各部室要认真落实。", "联系人员名单见附件。"):
            assert not _is_contact(p(text)), text

    def it_counts_a_last_paragraph_starting_with_lianxiren_as_text_in_verify(self, tmp_path):
        from hongtou.docs.typeset import render
        from hongtou.read.document import read_document
        from hongtou.rules.names import squash
        from hongtou.verify.base import Docx
        from hongtou.verify.pages import roles

        last = "联系人民群众是党的优良传统，各部室要认真落实。"
        src = tmp_path / "通知.txt"
        src.write_text("发文机关标志：中共六安市总工会党组文件\n发文字号：六工党〔2022〕7号\n---\n"
                       "关于做好有关工作的通知\n\n市总各部室：\n为做好有关工作，现通知如下。\n"
                       f"{last}\n\n中共六安市总工会党组\n2022年2月15日\n", encoding="utf-8")
        path = tmp_path / "通知.docx"
        path.write_bytes(render(read_document(src, {})))
        found = roles(Docx(path))
        assert squash("中共六安市总工会党组") in found.not_body      # the 署名, as before
        assert squash(last) not in found.not_body
