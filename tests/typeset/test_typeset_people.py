"""typeset on drafts as people type them (issue 13): 抄送/印发 lines, 附注 and 联系人 typed
anywhere; every common 附件说明 form; Word drafts whose headings are automatic list numbers
(numbering.xml); headings carrying outline levels; the result passes verify --render."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Pt

from hongtou.cli import main
from hongtou.read.document import read_document

from tests.helpers import need_render
from tests.verify.corpus import png
from tests.verify.known import known_line

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

NOTICE = """关于开展2022年度安全生产大检查的通知

各区县人民政府，市直各单位：
为切实加强安全生产工作，市政府决定在全市范围内开展安全生产大检查，现将有关事项通知如下。
一、检查范围
全市所有生产经营单位。
联系人：张三，联系电话：0731-88888888
二、工作要求
各单位要高度重视，认真组织，确保检查取得实效。
附件：1.2022年度安全生产大检查工作方案
2.安全生产大检查情况统计表
长沙市人民政府
2022年3月1日
（此件公开发布）
抄送：市政府办公室，市安全生产委员会办公室。
长沙市人民政府办公厅　　2022年3月2日印发
"""


def typeset(src: Path, *args) -> Path:
    out = src.with_name(src.stem + "（排版）.docx")
    result = CliRunner().invoke(main, ["typeset", str(src), "-o", str(out), *map(str, args)])
    assert result.exit_code == 0, result.output
    return out


def styled(docx_xml, path: Path) -> list[tuple[str, str]]:
    body = docx_xml(path)
    out = []
    for p in body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        if text.strip():
            out.append((style.get(f"{{{W}}}val") if style is not None else "", text))
    return out


# -- 抄送, 印发, 附注 and 联系人 typed where people type them ------------------------------------


def it_puts_cc_print_and_notes_where_the_standard_does(tmp_path, docx_xml):
    src = tmp_path / "通知.txt"
    src.write_text(NOTICE, encoding="utf-8")
    doc = read_document(src)
    m = doc.meta
    assert m.cc == ["市政府办公室", "市安全生产委员会办公室"]
    assert m.printer == "长沙市人民政府办公厅" and m.print_date.isoformat() == "2022-03-02"
    assert m.note == "（联系人：张三，联系电话：0731-88888888）（此件公开发布）"
    assert [p.text for p in doc.outline.items if "联系人" in p.text or "抄送" in p.text] == []
    assert doc.outline.parts == []                 # the 抄送 line is no new page or title
    result = CliRunner().invoke(main, ["typeset", str(src)])
    assert result.exit_code == 0, result.output
    assert "  附件说明：2 项\n" in result.output
    assert "  附注：（联系人：张三，联系电话：0731-88888888）（此件公开发布）\n" in result.output
    assert "  抄送：市政府办公室、市安全生产委员会办公室\n" in result.output
    paras = styled(docx_xml, typeset(src))
    titles = [t for s, t in paras if s == "GwTitle"]
    assert titles == ["关于开展2022年度安全生产大检查的通知"]
    assert ("GwNote", "（联系人：张三，联系电话：0731-88888888）（此件公开发布）") in paras
    record = [t for s, t in paras if s == "GwRecord"]
    assert any(t.startswith("抄送：市政府办公室，市安全生产委员会办公室") for t in record), record
    assert any("长沙市人民政府办公厅" in t and "2022年3月2日印发" in t for t in record), record


def it_lets_the_key_value_block_win_over_a_typed_cc_line(tmp_path):
    src = tmp_path / "通知.txt"
    src.write_text("抄送机关：省政府办公厅\n---\n" + NOTICE, encoding="utf-8")
    assert read_document(src).meta.cc == ["省政府办公厅"]


# -- 附件说明 in every common form -------------------------------------------------------------

ATTACHMENT_FORMS = {
    "dot-no-space": ("附件：1.2022年度工作方案\n2.2022年度考核表", ["2022年度工作方案", "2022年度考核表"]),
    "dot-space": ("附件：1. 工作方案\n2. 考核表", ["工作方案", "考核表"]),
    "dun": ("附件：1、工作方案\n2、考核表\n3、名单", ["工作方案", "考核表", "名单"]),
    "full-width-dot": ("附件：1．工作方案\n2．考核表", ["工作方案", "考核表"]),
    "one-item": ("附件：2022年度工作方案", ["2022年度工作方案"]),
    "one-numbered": ("附件：1.2022年度工作方案", ["2022年度工作方案"]),
    "wrapped-name": ("附件：1.关于开展安全生产大检查的实施方案（含检查\n内容及评分细则）\n2.考核表",
                     ["关于开展安全生产大检查的实施方案（含检查内容及评分细则）", "考核表"]),
}


@pytest.mark.parametrize("form", ATTACHMENT_FORMS)
def it_reads_every_attachment_note_form(tmp_path, form):
    typed, names = ATTACHMENT_FORMS[form]
    src = tmp_path / "通知.txt"
    src.write_text("关于做好考核工作的通知\n\n各单位：\n现将有关事项通知如下。\n一、总体要求\n"
                   f"坚持实事求是。\n{typed}\n长沙市人民政府\n2022年3月1日\n", encoding="utf-8")
    doc = read_document(src)
    assert doc.outline.attachments == names
    assert [p.text for p in doc.outline.items] == ["现将有关事项通知如下。", "一、总体要求",
                                                   "坚持实事求是。"]
    assert doc.meta.organ == "长沙市人民政府"


def it_does_not_take_a_decimal_for_an_attachment_number(tmp_path):
    src = tmp_path / "通知.txt"
    src.write_text("关于做好考核工作的通知\n\n各单位：\n现将有关事项通知如下。\n"
                   "附件：工作方案\n1.5倍以上的按超标处理。\n长沙市人民政府\n2022年3月1日\n",
                   encoding="utf-8")
    assert read_document(src).outline.attachments == []


# -- Word's automatic numbering -------------------------------------------------------------

LEVELS = (("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3."),
          ("decimal", "（%4）"))


def numbered_draft(path: Path) -> Path:
    """A Word draft as people make one: headings are list levels of numbering.xml (一、
    （一） 1. （1）), one level set through a heading style; a second list instance restarts
    at 三 (w:startOverride); a bulleted list has no number."""
    d = docx.Document()
    numbering = d.part.numbering_part.element
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS))
    numbering.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="7">{lvls}'
                               '</w:abstractNum>'))
    numbering.append(parse_xml(
        f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="8"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum>'))
    for num_id, abstract, override in (("21", "7", ""), ("22", "7", '<w:lvlOverride w:ilvl="0">'
                                       '<w:startOverride w:val="3"/></w:lvlOverride>'),
                                       ("23", "8", "")):
        numbering.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{num_id}"><w:abstractNumId '
                                   f'w:val="{abstract}"/>{override}</w:num>'))
    heading = d.styles["Heading 2"]
    heading.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="1"/><w:numId w:val="21"/></w:numPr>'))

    def add(text: str, num: str | None = None, ilvl: int = 0, style: str | None = None):
        p = d.add_paragraph(text, style=style)
        if num:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num}"/></w:numPr>'))
        for r in p.runs:
            r.font.size = Pt(16)
        return p

    add("关于做好防汛工作的通知")
    add("各区县人民政府：")
    add("为做好今年防汛工作，现通知如下。")
    add("总体要求", "21", 0)
    add("压实责任", style="Heading 2")                   # （一） through the style
    add("各级要落实防汛责任制。")
    add("强化值守", style="Heading 2")                   # （二）
    add("值班人员", "21", 2)                             # 1.
    add("带班领导", "21", 3)                             # （1）
    add("加强检查", "21", 0)                             # 二、 — and the levels under it restart
    add("排查隐患", "21", 1)                             # （一）
    add("台账要求", "21", 2)                             # 1.
    add("重点部位", "23", 0)                             # a bullet: no number
    add("保障措施", "22", 0)                             # a new instance starting at 三、
    add("做好物资储备。")
    add("长沙市人民政府")
    add("2022年5月1日")
    d.save(path)
    return path


def it_keeps_word_list_numbers_and_levels(tmp_path):
    doc = read_document(numbered_draft(tmp_path / "防汛.docx"))
    got = [(p.level, p.text) for p in doc.outline.items]
    assert got == [
        (0, "为做好今年防汛工作，现通知如下。"),
        (1, "一、总体要求"), (2, "（一）压实责任"), (0, "各级要落实防汛责任制。"),
        (2, "（二）强化值守"), (3, "1.值班人员"), (4, "（1）带班领导"),
        (1, "二、加强检查"), (2, "（一）排查隐患"), (3, "1.台账要求"),
        (0, "重点部位"), (1, "三、保障措施"), (0, "做好物资储备。")], got


def it_gives_headings_outline_levels(tmp_path, docx_xml):
    out = typeset(numbered_draft(tmp_path / "防汛.docx"))
    levels = {}
    for p in docx_xml(out).iter(f"{{{W}}}p"):
        lvl = p.find("w:pPr/w:outlineLvl", NS)
        if lvl is not None:
            levels["".join(t.text or "" for t in p.iter(f"{{{W}}}t"))] = int(lvl.get(qn("w:val")))
    assert levels == {"一、总体要求": 0, "（一）压实责任": 1, "（二）强化值守": 1, "1.值班人员": 2,
                      "（1）带班领导": 3, "二、加强检查": 0, "（一）排查隐患": 1, "1.台账要求": 2,
                      "三、保障措施": 0}, levels


# -- what typeset writes from these drafts passes verify --render -----------------------------


def it_passes_verify_render_on_drafts_people_type(tmp_path):
    need_render()
    src = tmp_path / "通知.txt"
    src.write_text(NOTICE, encoding="utf-8")
    made = [typeset(src, "--mark", "长沙市人民政府文件", "--number", "长政发〔2022〕5号"),
            typeset(numbered_draft(tmp_path / "防汛.docx"), "--mark", "长沙市人民政府文件"),
            typeset(pictured_draft(tmp_path / "物资.docx"), "--mark", "长沙市人民政府文件")]
    result = CliRunner().invoke(main, ["verify", "--render", *map(str, made)])
    bad = [ln for ln in result.output.splitlines() if "[不符]" in ln and not known_line(ln)]
    assert result.exit_code in (0, 1) and not bad, result.output
    assert "§7.4 版记排在末页：" in result.output and "署名页有正文" in result.output


# -- pictures and tables of a Word draft ------------------------------------------------------


def pictured_draft(path: Path) -> Path:
    """A Word draft with a picture wider than the block (8 in × 4 in) and a table."""
    import io

    from docx.shared import Inches

    d = docx.Document()
    d.add_paragraph("关于报送防汛物资储备情况的通知")
    d.add_paragraph("各区县人民政府：")
    d.add_paragraph("现将物资储备分布图和统计表印发给你们，请核对。")
    d.add_paragraph().add_run().add_picture(io.BytesIO(png(80, 40, b"\x20\x60\xc0")), width=Inches(8),
                                            height=Inches(4))
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate((("序号", "物资", "数量"), ("1", "编织袋", "5000条"),
                             ("2", "救生衣", "300件"))):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("请于5月10日前反馈。")
    d.add_paragraph("长沙市人民政府")
    d.add_paragraph("2022年5月1日")
    d.save(path)
    return path


def it_keeps_pictures_scaled_into_the_block_and_tables(tmp_path, docx_xml):
    import zipfile

    from hongtou.layout import gbt9704 as g

    out = typeset(pictured_draft(tmp_path / "物资.docx"))
    with zipfile.ZipFile(out) as zf:
        names = zf.namelist()
        assert "word/media/picture1.png" in names
        assert 'Extension="png"' in zf.read("[Content_Types].xml").decode()
        assert 'Target="media/picture1.png"' in zf.read("word/_rels/document.xml.rels").decode()
    body = docx_xml(out)
    extent = body.find(".//{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}extent")
    cx, cy = int(extent.get("cx")), int(extent.get("cy"))
    assert cx == int(g.BLOCK_WIDTH) and abs(cx / cy - 2) < 0.01     # 8 in → 156 mm, 2 : 1 kept
    tables = body.findall(".//w:tbl", NS)
    assert len(tables) == 1
    width = sum(int(c.get(qn("w:w"))) for c in tables[0].findall("w:tblGrid/w:gridCol", NS))
    assert abs(width - g.twips(g.BLOCK_WIDTH)) <= 1
    assert tables[0].find("w:tr/w:trPr/w:tblHeader", NS) is not None


def it_drops_markdown_emphasis_code_and_link_marks(tmp_path):
    src = tmp_path / "方案.md"
    src.write_text("# 关于加强机关作风建设的实施方案\n\n"
                   "通过集中整治，*服务效能*明显提升，**作风**明显好转。\n\n"
                   "详见`任务分工表`和[市委通知](https://example.cn/a.html)，按2*3*4个批次推进。\n",
                   encoding="utf-8")
    texts = [p.text for p in read_document(src).outline.items]
    assert texts == ["通过集中整治，服务效能明显提升，作风明显好转。",
                     "详见任务分工表和市委通知，按2*3*4个批次推进。"]


def toc_draft(path: Path) -> Path:
    """A Word draft with a table of contents typed as a TOC field (its entries hold PAGEREF
    fields of their own), then a 「编制单位：」 line under the title."""
    d = docx.Document()
    d.add_paragraph("关于加强机关作风建设的实施方案")

    def field(instr: str, result: str) -> str:
        return (f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="begin"/></w:r>'
                f'<w:r xmlns:w="{W}"><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>'
                f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="separate"/></w:r>'
                f'<w:r xmlns:w="{W}"><w:t>{result}</w:t></w:r>')

    end = f'<w:r xmlns:w="{W}"><w:fldChar w:fldCharType="end"/></w:r>'
    entries = (("一、总体要求", "1"), ("二、主要任务", "2"))
    for n, (text, page) in enumerate(entries):
        p = d.add_paragraph()
        xml = (field('TOC \\o "1-3" \\h', "") if n == 0 else "") \
            + f'<w:r xmlns:w="{W}"><w:t>{text}</w:t></w:r><w:r xmlns:w="{W}"><w:tab/></w:r>' \
            + field("PAGEREF _Toc1 \\h", page) + end + (end if n == len(entries) - 1 else "")
        for run in parse_xml(f'<w:p xmlns:w="{W}">{xml}</w:p>'):
            p._p.append(run)
    for text in ("编制单位：市政府办公室", "一、总体要求", "坚持从严治党。", "二、主要任务",
                 "加强理论学习。", "六安市人民政府办公室", "2022年5月6日"):
        d.add_paragraph(text)
    d.save(path)
    return path


def it_leaves_out_a_typed_table_of_contents(tmp_path):
    doc = read_document(toc_draft(tmp_path / "方案.docx"))
    assert doc.outline.title == "关于加强机关作风建设的实施方案"
    assert [(p.level, p.text) for p in doc.outline.items] == [
        (0, "编制单位：市政府办公室"), (1, "一、总体要求"), (0, "坚持从严治党。"),
        (1, "二、主要任务"), (0, "加强理论学习。")]


def it_does_not_take_a_label_line_under_the_title_into_the_title(tmp_path):
    src = tmp_path / "方案.txt"
    src.write_text("关于加强机关作风建设的实施方案\n编制单位：市政府办公室\n一、总体要求\n坚持从严治党。\n",
                   encoding="utf-8")
    doc = read_document(src)
    assert doc.outline.title == "关于加强机关作风建设的实施方案"
    assert doc.outline.items[0].text == "编制单位：市政府办公室"
