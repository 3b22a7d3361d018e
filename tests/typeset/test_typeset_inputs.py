"""typeset from Markdown and from Word, header facts from a key/value block or options, and
every input it cannot use refused in Chinese with exit code 2."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from hongtou.cli import main
from hongtou.layout import gbt9704 as g
from hongtou.layout import styles as st

from tests.verify.known import known_line, xfail

BLOCK_TWIPS = g.twips(g.BLOCK_WIDTH)


def typeset(*args) -> object:
    return CliRunner().invoke(main, ["typeset", *map(str, args)])


def styled(docx_xml, path: Path) -> list[tuple[str, str]]:
    root = docx_xml(path)
    out = []
    for p in root.iter(docx_xml.w("p")):
        style = p.find("w:pPr/w:pStyle", docx_xml.ns)
        out.append((style.get(docx_xml.w("val")) if style is not None else "",
                    "".join(t.text or "" for t in p.iter(docx_xml.w("t")))))
    return out


MARKDOWN = """\
---
发文机关：某某市总工会
文号：某工发[2022]12号
签发人：王明
抄送：市委办公室, 市政府办公室
---

# 关于做好2022年职工疗休养工作的通知

各县区总工会,市直各单位:

为做好今年的疗休养工作,现将有关事项通知如下.

## 一、总体要求

**坚持**自愿参加,量力而行.

### （一）对象

每人每年1次,费用1,500元以内.

| 批次 | 时间 | 地点 |
|---|---|---|
| 第一批 | 5月 | 黄山 |
| 第二批 | 9月 | 九华山 |

附件:1. 疗休养人员名单
2. 报名表

某某市总工会

2022年3月1日
"""


def it_typesets_markdown_with_a_front_matter(tmp_path, docx_xml):
    src = tmp_path / "通知.md"
    src.write_text(MARKDOWN, encoding="utf-8")
    result = typeset(src, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    out = tmp_path / "通知（排版）.docx"
    assert report["out"] == str(out.resolve()) and report["red"] is True
    assert report["headings"] == {"1": 1, "2": 1, "3": 0, "4": 0}
    paras = styled(docx_xml, out)
    by_style: dict[str, list[str]] = {}
    for style, text in paras:
        by_style.setdefault(style, []).append(text)
    assert by_style[st.MARK] == ["某某市总工会文件"]               # 发文机关 + 文件
    assert "".join(by_style[st.NUMBER]) == "某工发〔2022〕12号签发人：王明"
    assert by_style[st.ADDRESSEE] == ["各县区总工会，市直各单位："]
    assert by_style[st.H1] == ["一、总体要求"] and by_style[st.H2] == ["（一）对象"]
    body = [t for s, t in paras if s == st.BODY]
    assert body[:3] == ["为做好今年的疗休养工作，现将有关事项通知如下。", "坚持自愿参加，量力而行。",
                        "每人每年1次，费用1,500元以内。"]
    # numbers before a tab to the hanging indent; line 2 lines up under 附件：(§7.3.4)
    assert by_style[st.ATTACH_NOTE] == ["附件：1.疗休养人员名单", "\u3000" * 3 + "2.报名表"]
    assert by_style[st.SIGNATURE] == ["某某市总工会"] and by_style[st.DATE] == ["2022年3月1日"]
    record = [t for s, t in paras if s == st.RECORD]               # the 版记
    assert record == ["抄送：市委办公室，市政府办公室。", "某某市总工会2022年3月1日印发"]
    # the pipe table: a table of the standard's kind, header row repeated; its last row
    # starts page 2 with the 附件说明 and 署名, under the header again (the 署名's page
    # holds 正文: `package.split_table`)
    root = docx_xml(out)
    tables = [t for t in root.iter(docx_xml.w("tbl"))
              if t.find(".//w:tblHeader", docx_xml.ns) is not None]
    rows = []
    for tbl in tables:
        cols = [int(c.get(docx_xml.w("w"))) for c in tbl.iterfind("w:tblGrid/w:gridCol", docx_xml.ns)]
        assert len(cols) == 3 and sum(cols) == BLOCK_TWIPS
        rows.append([["".join(t.text for t in tc.iter(docx_xml.w("t")))
                      for tc in tr.iterfind("w:tc", docx_xml.ns)]
                     for tr in tbl.iterfind("w:tr", docx_xml.ns)])
    assert rows == [[["批次", "时间", "地点"], ["第一批", "5月", "黄山"]],
                    [["批次", "时间", "地点"], ["第二批", "9月", "九华山"]]]
    gap = tables[0].getnext()
    assert gap.tag == docx_xml.w("p") and gap.find("w:pPr/w:pageBreakBefore", docx_xml.ns) is not None
    assert gap.getnext() is tables[1]


def _word_file(path: Path) -> Path:
    d = docx.Document()
    d.add_paragraph("关于开展安全生产检查的通知", style="Title")
    d.add_paragraph("各科室:")
    d.add_paragraph("一、检查内容")
    d.add_paragraph("(一)消防设施。检查灭火器是否在有效期内.")
    table = d.add_table(rows=3, cols=3)
    table.style = None
    for r, row in enumerate([["科室", "负责人", "备注"], ["办公室", "张三", ""],
                             ["合计", "", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(2, 0).merge(table.cell(2, 2)).text = "共 1 个科室"
    d.add_paragraph("二、工作要求")
    d.add_paragraph("某某局办公室")
    d.add_paragraph("2022年5月6日")
    d.save(path)
    return path


def it_keeps_the_text_and_tables_of_a_word_file_in_the_standard_layout(tmp_path, docx_xml):
    src = _word_file(tmp_path / "检查 通知.docx")
    out = tmp_path / "排好.docx"
    result = typeset(src, "-o", out, "--plain")
    assert result.exit_code == 0, result.output
    paras = styled(docx_xml, out)
    assert (st.TITLE, "关于开展安全生产检查的通知") in paras
    assert (st.ADDRESSEE, "各科室：") in paras
    assert [t for s, t in paras if s == st.H1] == ["一、检查内容", "二、工作要求"]
    assert [t for s, t in paras if s == st.H2] == ["（一）消防设施。检查灭火器是否在有效期内。"]
    assert [t for s, t in paras if s in (st.SIGNATURE, st.DATE)] == ["某某局办公室", "2022年5月6日"]
    assert not any(s == st.MARK for s, _ in paras)                # --plain: no red header
    root = docx_xml(out)
    ns = docx_xml.ns
    (tbl,) = root.iter(docx_xml.w("tbl"))
    cols = [int(c.get(docx_xml.w("w"))) for c in tbl.iterfind("w:tblGrid/w:gridCol", ns)]
    assert len(cols) == 3 and sum(cols) == BLOCK_TWIPS             # as wide as the block
    rows = tbl.findall("w:tr", ns)
    assert rows[0].find("w:trPr/w:tblHeader", ns) is not None     # repeated on every page
    assert all(r.find("w:trPr/w:cantSplit", ns) is not None for r in rows)
    head_styles = {p.get(docx_xml.w("val")) for p in rows[0].iterfind(".//w:pStyle", ns)}
    assert head_styles == {st.TABLE_HEAD}
    last = rows[2].findall("w:tc", ns)
    assert len(last) == 1 and last[0].find("w:tcPr/w:gridSpan", ns).get(docx_xml.w("val")) == "3"
    assert int(last[0].find("w:tcPr/w:tcW", ns).get(docx_xml.w("w"))) == BLOCK_TWIPS
    texts = ["".join(t.text for t in tc.iter(docx_xml.w("t"))) for tc in tbl.iter(docx_xml.w("tc"))]
    assert texts == ["科室", "负责人", "备注", "办公室", "张三", "", "共 1 个科室"]
    # the new file opens in python-docx, and LibreOffice lays it out to the standard
    assert docx.Document(str(out)).tables[0].cell(1, 1).text == "张三"


@pytest.fixture(scope="module")
def inputs_verified(tmp_path_factory):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    tmp_path = tmp_path_factory.mktemp("inputs")
    md = tmp_path / "通知.md"
    md.write_text(MARKDOWN, encoding="utf-8")
    word = _word_file(tmp_path / "检查.docx")
    assert typeset(md).exit_code == 0 and typeset(word).exit_code == 0
    made = [tmp_path / "通知（排版）.docx", tmp_path / "检查（排版）.docx"]
    return CliRunner().invoke(main, ["verify", "--render", *map(str, made)])


def it_passes_verify_for_markdown_and_word_input(inputs_verified):
    result = inputs_verified
    bad = [ln for ln in result.output.splitlines() if "[不符]" in ln and not known_line(ln)]
    assert result.exit_code in (0, 1) and not bad, result.output
    assert "§7.2.6 红色分隔线长度" in result.output


def it_passes_the_page_rules_of_issue_12_for_markdown_and_word_input(inputs_verified):
    assert inputs_verified.exit_code == 0 and "[不符]" not in inputs_verified.output, \
        inputs_verified.output


def it_takes_header_facts_from_options_over_the_file(tmp_path, docx_xml):
    src = tmp_path / "a.txt"
    src.write_text("发文机关标志：甲局文件\n---\n关于某事的通知\n内容。\n甲局\n2022-03-01\n",
                   encoding="gbk")
    result = typeset(src, "--mark", "乙局文件", "--number", "乙发(2022)第03号",
                     "--secret", "机密", "--urgency", "特急", "--date", "2022年4月1日")
    assert result.exit_code == 0, result.output
    paras = styled(docx_xml, tmp_path / "a（排版）.docx")
    by_style: dict[str, list[str]] = {}
    for style, text in paras:
        by_style.setdefault(style, []).append(text)
    assert by_style[st.MARK] == ["乙局文件"]
    assert by_style[st.NUMBER] == ["乙发〔2022〕3号"]
    assert by_style[st.HEAD] == ["机密", "特急"]
    assert by_style[st.DATE] == ["2022年4月1日"]                   # the option beats the text
    assert "已排版：" in result.stdout and "（红头）" in result.stdout


def it_puts_the_output_in_a_folder_with_chinese_and_spaces(tmp_path):
    folder = tmp_path / "我的 文件" / "排版 结果"
    folder.mkdir(parents=True)
    src = tmp_path / "我的 文件" / "工作 方案.txt"
    src.write_text("工作方案\n一、目标\n做好工作。\n", encoding="utf-8")
    result = typeset(src, "-o", folder)
    assert result.exit_code == 0, result.output
    made = folder / "工作 方案（排版）.docx"
    assert docx.Document(str(made)).paragraphs[0].text == "工作方案"


# -- what it refuses ---------------------------------------------------------------------------

BAD = [
    ("x.pdf", b"%PDF-1.4", "x.pdf：不能排版这种文件。请给出 .txt、.md 或 .docx 文件（.doc、.wps 请先另存为 .docx）"),
    ("x.txt", b"", "x.txt：文件中没有文字。请确认选对了文件"),
    ("x.txt", b"\x00\x01\x02PNG\x00\x00", "x.txt：无法识别文件的文字编码。请用记事本打开，另存为时把编码选为 UTF-8"),
    ("x.docx", b"PK\x03\x04 broken", "x.docx：无法打开这个 Word 文档。请用 Word/WPS 打开后另存为 .docx，或把正文另存为 .txt"),
    ("x.txt", "签发日期：2022-01-01\n---\n标题\n".encode(),
     "x.txt 第1行「签发日期」：不认识这个项目。可用的项目：发文机关、发文机关标志、发文字号、签发人、份号、"
     "密级、保密期限、紧急程度、标题、主送机关、成文日期、附注、抄送机关、印发机关、印发日期"),
    ("x.txt", "文号：2022年7号\n---\n标题\n".encode(),
     "x.txt 第1行「发文字号」：年份应当用六角括号〔〕括入（填写的是「2022年7号」）。"
     "应写成 机关代字〔年份〕序号号，如 六工党〔2022〕7号"),
    ("x.txt", "标题\n正文。\n甲局\n2022年2月30日\n".encode(),
     "x.txt 第4行「成文日期」：不是有效日期：2月没有30日（填写的是「2022年2月30日」）。"
     "写成 2022年3月1日 或 2022-03-01"),
]


@pytest.mark.parametrize(("name", "data", "message"), BAD)
def it_refuses_what_it_cannot_typeset_in_chinese(tmp_path, name, data, message):
    src = tmp_path / name
    src.write_bytes(data)
    result = typeset(src)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[1:] == [f"  - {message}"]
    assert result.stdout == ""
    assert [p.name for p in tmp_path.iterdir()] == [name]          # nothing written


def it_refuses_a_missing_file_and_a_red_header_without_a_mark(tmp_path):
    result = typeset(tmp_path / "无.txt")
    assert result.exit_code == 2 and "找不到这个文件" in result.stderr
    src = tmp_path / "a.txt"
    src.write_text("标题\n正文。\n", encoding="utf-8")
    result = typeset(src, "--red")
    assert result.exit_code == 2 and "排红头需要发文机关标志" in result.stderr
    result = typeset(src, "-o", src.with_suffix(".docx"), "--json", "--date", "明天")
    assert result.exit_code == 2
    (problem,) = json.loads(result.stdout)["problems"]
    assert problem.startswith("命令行「成文日期」：无法识别为日期")


def it_never_writes_over_its_input(tmp_path):
    src = _word_file(tmp_path / "a.docx")
    before = src.read_bytes()
    result = typeset(src, "-o", src)
    assert result.exit_code == 2 and "就是输入文件" in result.stderr
    assert src.read_bytes() == before


def it_says_what_it_could_not_find(tmp_path, docx_xml):
    src = tmp_path / "a.txt"
    src.write_text("关于某事的意见\n（征求意见稿）\n为做好工作，现提出如下意见。\n", encoding="utf-8")
    result = typeset(src, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["title"] == "关于某事的意见" and report["date"] is None
    assert report["warnings"] == ["没有找到成文日期（单独一行的 2022年3月1日），落款未排",
                                  "正文中没有按 一、（一）1.（1）编号的标题"]
    texts = [t for _, t in styled(docx_xml, tmp_path / "a（排版）.docx") if t]
    assert texts == ["关于某事的意见", "（征求意见稿）", "为做好工作，现提出如下意见。"]


def it_keeps_the_last_sentence_with_the_signature(tmp_path, docx_xml):
    """§7.3.5: with no 附件说明, the text's last paragraph carries w:keepNext, so the 署名 never
    opens a page alone (with one, the 附件说明 does)."""
    src = tmp_path / "函.txt"
    src.write_text("关于开展检查的通知\n\n各单位：\n\n请于3月底前报送材料。\n特此通知。\n\n"
                   "某某市总工会\n2022年3月1日\n", encoding="utf-8")
    assert typeset(src).exit_code == 0
    root = docx_xml(tmp_path / "函（排版）.docx")
    paras = list(root.iter(docx_xml.w("p")))
    sign = next(i for i, p in enumerate(paras)
                if (s := p.find("w:pPr/w:pStyle", docx_xml.ns)) is not None
                and s.get(docx_xml.w("val")) == st.SIGNATURE)
    before = paras[sign - 1]
    assert "".join(t.text for t in before.iter(docx_xml.w("t"))) == "特此通知。"
    assert before.find("w:pPr/w:keepNext", docx_xml.ns) is not None
    # only that one: the body's other paragraphs flow freely
    assert paras[sign - 2].find("w:pPr/w:keepNext", docx_xml.ns) is None


def it_recognises_a_leading_group_list_typed_line_by_line():
    from hongtou.docs.typeset import roster
    from hongtou.model.document import Para

    items = [Para("一、组织领导", 1), Para("组  长：王建国　局长"), Para("副组长：李  明 副局长"),
             Para("张　华 办公室主任"), Para("成　员：各科室负责人"),
             Para("领导小组办公室设在办公室。")]
    assert roster(items, 0) == ([], 0)              # a heading starts no list
    lines, n = roster(items, 1)
    assert n == 4
    assert lines == [("组\u3000长：", "王建国\u3000局长"), ("副组长：", "李\u3000明\u3000副局长"),
                     ("", "张\u3000华\u3000办公室主任"), ("成\u3000员：", "各科室负责人")]
    # one role line alone is a sentence like any other
    assert roster([Para("组长：王建国"), Para("领导小组办公室设在办公室。")], 0) == ([], 0)


def it_leaves_names_in_a_row_as_typed(tmp_path, docx_xml):
    """「成员：李四　王五　赵六」 is three names, not 李四 and the post 「王五　赵六」: padding the
    first made it read 「李　四　王五」 (李, then 四王五). A name before its post is still padded
    (two names alone, 「钱七　孙八」, cannot be told from a name and its post: padded)."""
    from hongtou.docs.typeset import render
    from hongtou.read.document import read_document

    src = tmp_path / "通知.txt"
    src.write_text("发文机关标志：中共六安市总工会党组文件\n发文字号：六工党〔2022〕7号\n---\n"
                   "关于成立领导小组的通知\n\n市总各部室：\n经研究，成立领导小组，组成人员如下：\n"
                   "组长：张三 局长\n成员：李四　王五　赵六\n钱七 孙八 吴十\n周九 办公室主任\n\n"
                   "中共六安市总工会党组\n2022年2月15日\n", encoding="utf-8")
    path = tmp_path / "通知.docx"
    path.write_bytes(render(read_document(src, {})))
    texts = ["".join(t.text or "" for t in p.iter(docx_xml.w("t")))
             for p in docx_xml(path).iter(docx_xml.w("p"))]
    start = texts.index("组长：张\u3000三\u3000局长")       # laid as a roster
    assert texts[start + 1:start + 4] == ["成员：李四　王五　赵六", "\u3000\u3000\u3000钱七 孙八 吴十",
                                          "\u3000\u3000\u3000周\u3000九\u3000办公室主任"]


def it_hangs_a_wrapped_roster_line_under_the_names(tmp_path):
    """A member's post too long for its line wraps under the names, not under the label or a
    fraction of a point beside the names (the indent counts the body's letter spacing)."""
    from tests.conftest import convert_to_pdf
    from tests.helpers import need_render

    need_render()
    import pymupdf

    from hongtou.docs.typeset import render
    from hongtou.read.document import read_document

    post = "区市容环卫事业服务中心党组书记、主任、机关党委书记、工会主席、妇委会主任"
    src = tmp_path / "名单.txt"
    src.write_text(f"领导小组名单\n\n组长：姚文涛 {post}\n\n成员：张 华 区市容环卫事业服务中心副主任\n\n"
                   "胡承章 区市容环卫事业服务中心党组成员\n", encoding="utf-8")
    path = tmp_path / "名单.docx"
    path.write_bytes(render(read_document(src, {}), red=False))
    pdf = convert_to_pdf([path], tmp_path, tmp_path / "lo-profile")["名单"]
    with pymupdf.open(pdf) as doc:
        chars = [(c["c"], c["bbox"]) for b in doc[0].get_text("rawdict")["blocks"]
                 for line in b.get("lines", []) for s in line["spans"] for c in s["chars"]]
    name_x = next(box[0] for ch, box in chars if ch == "姚")
    lines: dict[int, list] = {}
    for ch, box in chars:
        lines.setdefault(round(box[1]), []).append((box[0], ch))
    first = next(y for y, row in lines.items() if any(ch == "姚" for _, ch in row))
    wrapped = sorted(lines[next(y for y in sorted(lines) if y > first)])   # the line under it
    assert wrapped[0][0] == pytest.approx(name_x, abs=0.2), (wrapped[:3], name_x)
