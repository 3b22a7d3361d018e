"""layout/paginate.py predicts where text ends on its page, and layout/package.place_record
gives the 版记 a page and section of its own when it would not fit under the text.

Rendered checks of the same (LibreOffice) are in test_docs_cases.py (record_page, fill17–20);
these are the model's rules, on XML built from the zones, without a word processor."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from hongtou.layout import gbt9704 as g
from hongtou.layout import zones
from hongtou.layout.package import Section, document_xml, package, place_record
from hongtou.layout.paginate import _width, _wrap, record_alone, Styles, NS, W
from hongtou.layout.styles import styles_xml

CJK = 16 - 0.25          # a 3号 character condensed by 0.25 pt
LINE = 442.2             # the block's width in points
INDENT = 32.0            # 2 字


def widths(text: str, long: bool = True) -> list[tuple[str, float]]:
    out: list[tuple[str, float]] = []
    for ch in text:
        out.append((ch, _width(ch, out[-1][0] if out else "", 16, long) - 0.25))
    return out


class DescribeLineBreaking:
    def it_sets_28_characters_a_line_and_26_after_the_indent(self):
        assert len(_wrap(widths("字" * 28), LINE, 0)) == 1
        assert len(_wrap(widths("字" * 29), LINE, 0)) == 2
        assert len(_wrap(widths("字" * 26), LINE, INDENT)) == 1
        assert len(_wrap(widths("字" * 27), LINE, INDENT)) == 2

    def it_hangs_one_stop_after_an_ideograph(self):
        assert len(_wrap(widths("字" * 28 + "。"), LINE, 0)) == 1
        # two marks: the character before them goes down with them (LibreOffice)
        assert _wrap(widths("字" * 28 + "。”"), LINE, 0) == pytest.approx([27 * CJK, 3 * CJK])
        # measured at its shortest, every closing mark may hang
        assert len(_wrap(widths("字" * 28 + "。”", long=False), LINE, 0, long=False)) == 1

    def it_never_ends_a_line_with_an_opening_mark(self):
        lines = _wrap(widths("字" * 27 + "《方案》"), LINE, 0)
        assert lines[0] == pytest.approx(27 * CJK)

    def it_moves_a_latin_word_whole(self):
        text = "字" * 27 + "APP"
        lines = _wrap(widths(text), LINE, 0)
        assert len(lines) == 2 and lines[0] == pytest.approx(27 * CJK)

    def it_counts_libreoffice_gap_between_cjk_and_digits_only_at_its_longest(self):
        long = sum(w for _, w in widths("第3号"))
        short = sum(w for _, w in widths("第3号", long=False))
        assert long - short == pytest.approx(2 * g.SIZE_3 / 12700 * 0.22)
        assert short == pytest.approx(2 * CJK + 8 - 0.25)


def body_of(blocks: str):
    root = etree.fromstring(document_xml(blocks, Section()).encode("utf-8"))
    body = root.find("w:body", NS)
    anchor = next(i for i, el in enumerate(body) if el.find(f".//{W}txbxContent") is not None)
    return body, anchor


def page(lines: int) -> str:
    """`lines` one-line body paragraphs starting a page: the page's text."""
    return zones.new_page("".join(zones.body_text("字" * 20) for _ in range(lines)))


RECORD = zones.record_zone(["市委办公室"], "中共六安市总工会党组", "2022年2月15日")   # 48 pt
STYLES = Styles(styles_xml())


class DescribeRecordAlone:
    @pytest.mark.parametrize("lines,alone", [(1, False), (20, False), (21, True), (22, True),
                                             (23, False)])
    def it_predicts_whether_the_record_fits_under_the_text(self, lines, alone):
        # 22 lines of 28.95 pt fill 636.9 of 637.8 pt; the record needs 48 pt: 20 lines leave
        # 58.8 pt, 21 leave 29.9; at 23, one line runs over and the record fits under it
        body, anchor = body_of(page(lines) + RECORD)
        assert record_alone(body, anchor, STYLES) is alone

    def it_counts_wrapped_lines_and_spacing(self):
        two_lines = zones.body_text("字" * 30)               # 26 + 4: two lines
        body, anchor = body_of(page(19) + two_lines + RECORD)
        assert record_alone(body, anchor, STYLES)             # 21 lines
        body, anchor = body_of(page(18) + two_lines + RECORD)
        assert not record_alone(body, anchor, STYLES)         # 20 lines

    def it_counts_table_rows(self):
        from hongtou.layout import styles as st
        from hongtou.layout.ooxml import TableColumn, table
        rows = [["一", "二"]] * 20
        grid = table([TableColumn("甲", g.Mm(78)), TableColumn("乙", g.Mm(78))], rows,
                     header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
        # 21 rows of 20.5 pt = 430.5 pt: with 6 lines (173.7 pt) 604 pt, no room for 48 pt
        body, anchor = body_of(page(6) + grid + zones.body_text("") + RECORD)
        assert record_alone(body, anchor, STYLES)
        body, anchor = body_of(page(4) + grid + RECORD)
        assert not record_alone(body, anchor, STYLES)


def parts_of(docx: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


class DescribePlaceRecord:
    def it_gives_a_lone_record_a_section_with_blank_footers(self):
        parts = parts_of(package(document_xml(page(21) + RECORD, Section())))
        root = etree.fromstring(parts["word/document.xml"])
        body = root.find("w:body", NS)
        breaks = body.findall(f".//{W}pPr/{W}sectPr")
        assert len(breaks) == 1
        holder = breaks[0].getparent().getparent()
        assert holder.getnext().find(f".//{W}txbxContent") is not None   # then the 版记
        assert "".join(holder.itertext())                 # the last text paragraph, no new one
        rid = f"{{{NS['w'].replace('wordprocessingml/2006/main', 'officeDocument/2006/relationships')}}}id"
        text_refs = {r.get(f"{W}type"): r.get(rid) for r in breaks[0].iter(f"{W}footerReference")}
        last = body.find("w:sectPr", NS)
        record_refs = {r.get(f"{W}type"): r.get(rid) for r in last.iter(f"{W}footerReference")}
        assert text_refs == {"default": "rIdFooterOdd", "even": "rIdFooterEven"}
        assert record_refs == {"default": "rIdFooterBlank", "even": "rIdFooterBlank"}
        assert b"PAGE" not in parts["word/footer3.xml"]

    def it_leaves_a_record_that_fits_alone(self):
        docx = package(document_xml(page(20) + RECORD, Section()))
        assert b"<w:sectPr" not in parts_of(docx)["word/document.xml"].split(b"<w:sectPr", 1)[0]
        assert parts_of(docx)["word/document.xml"].count(b"<w:sectPr") == 1

    def it_is_applied_once(self):
        parts = parts_of(package(document_xml(page(21) + RECORD, Section())))
        assert place_record(parts) is parts

    def it_adds_a_blank_footer_to_a_template_saved_elsewhere(self):
        parts = parts_of(package(document_xml(page(5), Section())))   # no 版记 yet
        xml = parts["word/document.xml"].decode("utf-8")
        body = page(21) + RECORD
        start = xml.index("<w:body>") + len("<w:body>")
        parts["word/document.xml"] = (xml[:start] + body + xml[xml.index("<w:sectPr"):]).encode()
        rels = parts["word/_rels/document.xml.rels"].decode()
        parts["word/_rels/document.xml.rels"] = rels.replace(
            '<Relationship Id="rIdFooterBlank" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/footer" Target="footer3.xml"/>', "").encode()
        out = place_record(parts)
        assert "word/footerRecord.xml" in out
        assert 'Id="rIdFooterRecord"' in out["word/_rels/document.xml.rels"]
        assert "footerRecord.xml" in out["[Content_Types].xml"]
        assert b'r:id="rIdFooterRecord"' in out["word/document.xml"]


# -- the 署名's page holds 正文 (layout.paginate.signature_split) -------------------------------

def mend_of(lines_before: int, last: str, notes: int = 2):
    """signature_split's decision for a page of `lines_before` one-line paragraphs, then the
    paragraph `last`, a 附件说明 of `notes` items and the 署名."""
    from hongtou.layout.paginate import signature_split

    names = ["领导小组成员名单", "阶段安排表", "联络员名单", "问题清单"][:notes]
    blocks = (page(lines_before) + zones.body_text(last) + zones.attachment_note(names)
              + zones.signature("中共六安市总工会党组", "2022年2月15日"))
    root = etree.fromstring(document_xml(blocks, Section()).encode("utf-8"))
    body = root.find("w:body", NS)
    kids = list(body)
    start = next(i for i, el in enumerate(kids) if b"GwAttachNote" in etree.tostring(el))
    return signature_split(body, start - 1, range(start, len(kids) - 1), STYLES)


class DescribeSignatureMend:
    # 22 lines a page; the group is 1 + 2 (附件说明) + 1 + 1 (署名) + 1 (date) = 6 lines
    def it_leaves_a_group_that_fits(self):
        assert mend_of(13, "字" * 50) is None           # 13 + 2 + 6 = 21 lines

    def it_splits_before_the_last_line_when_it_does_not(self):
        mend = mend_of(15, "字" * 80)                    # 15 + 3 + 6 = 24: over
        assert mend.kind == "split" and mend.value == 26 + 28   # the third line's first character

    def it_keeps_a_one_line_paragraph_whole(self):
        assert mend_of(16, "字" * 20).kind == "keep"     # 16 + 1 + 6 = 23

    def it_condenses_a_short_last_line_back_first(self):
        # 13 + 3 + 6 = 22 lines, too many by the model's margin (2 pt); 13 + 2 + 6 = 21 fit
        mend = mend_of(13, "字" * (26 + 28 + 1) + "。")
        assert mend.kind == "condense" and 0 < mend.value <= g.twips(g.CONDENSE_MAX)

    def it_keeps_the_carried_line_of_a_run_on_heading_with_the_signature(self):
        """The line carried over keeps with the 署名 even when its paragraph opens with a
        run-on heading (whose own keep-with-next is off)."""
        blocks = (page(15) + zones.body([(1, "一、加强节前检查。" + "字" * 70)])
                  + zones.attachment_note(["名单", "表"])
                  + zones.signature("中共六安市总工会党组", "2022年2月15日"))
        root = etree.fromstring(parts_of(package(document_xml(blocks, Section())))
                                ["word/document.xml"])
        tail = next(p for p in root.iter(f"{W}p")
                    if p.find(f"{W}pPr/{W}pageBreakBefore") is not None
                    and p.find(f"{W}pPr/{W}ind") is not None)
        keep = tail.find(f"{W}pPr/{W}keepNext")
        assert keep is not None and keep.get(f"{W}val") is None
        assert "".join(tail.itertext()) == "字" * (9 + 70 - 26 - 28)


# -- a table ends the text (layout.paginate.signature_rows, package.split_table) -----------

def table_body(lines_before: int, rows: int):
    """A page of `lines_before` one-line paragraphs, a table of `rows` rows under its header
    (20.5 pt each), a 2-item 附件说明 and the 署名: (body, the table's index, the group)."""
    from hongtou.layout import styles as st
    from hongtou.layout.ooxml import TableColumn, table

    grid = table([TableColumn("甲", g.Mm(78)), TableColumn("乙", g.Mm(78))], [["一", "二"]] * rows,
                 header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
    blocks = (page(lines_before) + grid + zones.attachment_note(["名单", "表"])
              + zones.signature("中共六安市总工会党组", "2022年2月15日"))
    root = etree.fromstring(document_xml(blocks, Section()).encode("utf-8"))
    body = root.find("w:body", NS)
    kids = list(body)
    at = next(i for i, el in enumerate(kids) if el.tag == f"{W}tbl")
    return body, at, range(at + 1, len(kids) - 1)


class DescribeTableBeforeTheSignature:
    # 22 lines of 28.95 pt (637.8 pt); the group 6 lines (173.7 pt)
    def it_leaves_a_table_the_group_fits_under(self):
        from hongtou.layout.paginate import signature_rows

        body, at, group = table_body(10, 4)         # 289.5 + 102.5 + 173.7 = 565.7
        assert signature_rows(body, at, group, STYLES) is None

    def it_carries_the_last_row_over_when_the_group_does_not_fit(self):
        from hongtou.layout.paginate import signature_rows

        body, at, group = table_body(14, 4)         # 405.3 + 102.5 + 173.7 = 681.5: over
        assert signature_rows(body, at, group, STYLES) == 1

    def it_moves_a_one_row_table_whole(self):
        from hongtou.layout.paginate import signature_rows

        body, at, group = table_body(17, 1)         # 492.2 + 41 + 173.7 = 706.9: over
        assert signature_rows(body, at, group, STYLES) == 2

    def it_splits_the_table_under_a_repeated_header_after_a_page_break(self):
        from hongtou.layout.package import split_table

        body, at, _ = table_body(14, 4)
        tbl = list(body)[at]
        split_table(tbl, 1)
        gap, tail = tbl.getnext(), tbl.getnext().getnext()
        assert gap.find(f"{W}pPr/{W}pageBreakBefore") is not None and not "".join(gap.itertext())
        assert tail.tag == f"{W}tbl"
        assert len(tbl.findall(f"{W}tr")) == 4 and len(tail.findall(f"{W}tr")) == 2
        assert tail.find(f"{W}tr/{W}trPr/{W}tblHeader") is not None
