"""layout/styles.py on its own: the styles part every document carries — valid against the
ECMA-376 schema, every style id the code refers to defined once, and the 正文 style as
§7.3.3 and gbt9704 give it (3号仿宋, the 22-line grid)."""

from __future__ import annotations

from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout import styles as st
from hongtou.layout.namespaces import W
from tests.docs.schema import schema

STYLE_IDS = [st.BODY, st.TITLE, st.HEAD, st.MARK, st.NUMBER, st.ADDRESSEE, st.ATTACH_NOTE,
             st.SIGNATURE, st.DATE, st.NOTE, st.ATTACH_LABEL, st.RECORD, st.TABLE_TITLE,
             st.TABLE_HEAD, st.TABLE_TEXT, st.PAGE_NUMBER, st.PLAIN, st.ATTENDANCE,
             *st.HEADING_STYLES.values()]


def styles():
    return etree.fromstring(st.styles_xml().encode("utf-8"))


def style(root, sid: str):
    return next(s for s in root.iter(f"{W}style") if s.get(f"{W}styleId") == sid)


class DescribeStylesXml:
    def it_is_valid_against_wml_xsd(self):
        xsd = schema("wml.xsd")
        assert xsd.validate(styles()), xsd.error_log

    def it_defines_every_style_the_code_names_once(self):
        ids = [s.get(f"{W}styleId") for s in styles().iter(f"{W}style")]
        assert sorted(set(ids)) == sorted(ids)
        assert set(STYLE_IDS) <= set(ids)

    def it_makes_the_body_the_default_on_the_line_grid(self):
        root = styles()
        defaults = [s.get(f"{W}styleId") for s in root.iter(f"{W}style")
                    if s.get(f"{W}default") == "1" and s.get(f"{W}type") == "paragraph"]
        assert defaults == [st.BODY]
        body = style(root, st.BODY)
        spacing = body.find(f"{W}pPr/{W}spacing")
        assert spacing.get(f"{W}line") == str(g.twips(g.LINE_PITCH))
        assert body.find(f"{W}rPr/{W}sz").get(f"{W}val") == str(round(g.SIZE_3.pt * 2))
        assert body.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == g.FONT_FANGSONG

    def it_keeps_the_headings_with_what_follows(self):
        root = styles()
        for sid in st.HEADING_STYLES.values():
            assert style(root, sid).find(f"{W}pPr/{W}keepNext") is not None

    def it_bases_every_other_paragraph_style_on_the_body(self):
        root = styles()
        for sid in STYLE_IDS:
            if sid != st.BODY:
                assert style(root, sid).find(f"{W}basedOn").get(f"{W}val") == st.BODY
