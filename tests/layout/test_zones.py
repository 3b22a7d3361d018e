"""layout/zones.py and the text box it shares with package (ooxml.text_box) on their own: the
XML the 版记 and a text box are made of, and a document of zones valid against the ECMA-376
schemas (tests/ooxml-xsd)."""

from __future__ import annotations

from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout import styles as st
from hongtou.layout.namespaces import W, W_NS
from hongtou.layout.ooxml import para, text_box
from hongtou.layout.package import Section, document_xml, package
from hongtou.layout import zones
from tests.docs.schema import docx_errors

WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
NSMAP = (f'xmlns:w="{W_NS}" xmlns:r="r"'
         ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
         ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
         ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')


def parsed(xml: str):
    return etree.fromstring(f"<w:body {NSMAP}>{xml}</w:body>")


class DescribeTextBox:
    def it_places_the_box_by_offset_or_by_alignment(self):
        root = parsed(text_box(para(""), 100, 200, h=("page", 12.7), v=("margin", "bottom"),
                               doc_id=7, name="盒", layer=5))
        anchor = next(root.iter(f"{WP}anchor"))
        assert anchor.find(f"{WP}positionH").get("relativeFrom") == "page"
        assert anchor.find(f"{WP}positionH/{WP}posOffset").text == "12"
        assert anchor.find(f"{WP}positionV/{WP}align").text == "bottom"
        assert (anchor.get("relativeHeight"), anchor.get("allowOverlap")) == ("5", "1")
        assert anchor.find(f"{WP}extent").attrib == {"cx": "100", "cy": "200"}
        assert anchor.find(f"{WP}docPr").attrib == {"id": "7", "name": "盒"}

    def it_holds_the_content_and_sets_it_vertically_when_asked(self):
        root = parsed(text_box(para("") + para(""), 1, 1, h=("page", 0), v=("page", 0),
                               doc_id=1, name="x", layer=1, overlap=False, vertical=True))
        assert next(root.iter(f"{WP}anchor")).get("allowOverlap") == "0"
        assert len(next(root.iter(f"{W}txbxContent"))) == 2
        assert next(root.iter(f"{WPS}bodyPr")).get("vert") == "vert"


class DescribeRecordZone:
    def record(self, cc=("各区总工会", "市委办公厅"), printer="某某市总工会办公室"):
        return parsed(zones.record_zone(list(cc), printer, "2022年4月20日"))

    def it_sits_on_the_foot_of_the_block_as_tall_as_its_rows(self):
        root = self.record()
        anchor = next(root.iter(f"{WP}anchor"))
        assert anchor.find(f"{WP}positionV/{WP}align").text == "bottom"
        assert anchor.find(f"{WP}docPr").get("name") == "版记"
        rows = [int(h.get(f"{W}val")) for h in root.iter(f"{W}trHeight")]
        assert int(anchor.find(f"{WP}extent").get("cy")) == sum(rows) * 635
        assert int(anchor.find(f"{WP}extent").get("cx")) == int(g.BLOCK_WIDTH)

    def it_draws_the_outer_lines_thicker_than_the_one_between(self):
        root = self.record()
        tops = [b.find(f"{W}top").get(f"{W}sz") for b in root.iter(f"{W}tcBorders")]
        bottoms = [b.find(f"{W}bottom").get(f"{W}sz") for b in root.iter(f"{W}tcBorders")]
        outer = str(g.eighth_points(g.RECORD_LINE_OUTER))
        inner = str(g.eighth_points(g.RECORD_LINE_INNER))
        assert (tops, bottoms) == ([outer, inner], [inner, outer])

    def it_writes_the_cc_and_the_printing_line(self):
        texts = ["".join(t.text for t in p.iter(f"{W}t"))
                 for p in self.record().iter(f"{W}tc")]
        assert texts == ["抄送：各区总工会，市委办公厅。", "某某市总工会办公室2022年4月20日印发"]

    def it_has_only_the_printing_row_without_cc(self):
        assert len(list(self.record(cc=()).iter(f"{W}tr"))) == 1


class DescribeADocumentOfZones:
    def it_is_valid_against_the_schemas(self):
        head = zones.Head(marks=("某某市总工会文件",), number="某工〔2022〕7号")
        body = (zones.header_zone(head) + zones.title("关于开展专项整治的通知")
                + zones.addressee("各区总工会：") + zones.body_text("正文。")
                + zones.attachment_note(["工作方案"]) + zones.signature("某某市总工会", "2022年4月20日")
                + zones.note("此件公开发布") + zones.record_zone(["各区总工会"], "某某市总工会办公室",
                                                             "2022年4月20日")
                + zones.table_title("表1") + zones.caption("图1"))
        assert docx_errors(package(document_xml(body, Section()), title="测试")) == []

    def it_styles_the_title_and_the_addressee(self):
        root = parsed(zones.title("关于开展专项整治的通知") + zones.addressee("各区总工会："))
        styles = {p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") for p in root.iter(f"{W}p")}
        assert {st.TITLE, st.ADDRESSEE} <= styles
