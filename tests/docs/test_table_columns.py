"""Table columns sized from their content (issue 12 item 4): no word broken inside a table
cell, no cell whose last line is one character alone.

Unit tests of the allocation (`hongtou.layout.columns`); the built documents' XML (every
word-column paragraph fits its cell, measured with the paginator's text model); and the
rendered pages: the example and two made campaigns — long department and phase names,
two- and three-character names, figures in the text — built, converted with LibreOffice in
one call, every table cell's printed lines read with pymupdf and compared with the points
where the cell's text may break.
"""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as hs
from lxml import etree

from hongtou.layout import columns as C
from hongtou.layout import gbt9704 as g
from tests.conftest import DATA, ROOT, TODAY, convert_to_pdf
from tests.helpers import ISSUE_HEADER, TASK_HEADER, make_workbook, minimal_sheets, need_render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANDSCAPE = g.twips(g.LANDSCAPE_BLOCK_WIDTH) / 20
PORTRAIT = g.twips(g.BLOCK_WIDTH) / 20
TEXT_HEADS = {"问题描述", "整改措施", "工作任务", "成果要求", "主要任务", "成果形式", "工作内容"}


# -- the allocation ------------------------------------------------------------------------


class DescribeTokens:
    def it_breaks_word_cells_only_at_natural_points(self):
        assert C.tokens("2月15日至2月18日") == ["2月15日", "至2月18日"]
        assert C.tokens("4月11日起长期坚持") == ["4月11日起", "长期坚持"]
        assert C.tokens("张\u3000华、马晓东") == ["张\u3000华、", "马晓东"]
        assert C.tokens("已完成") == ["已完成"]

    def it_cuts_compound_names_at_their_seams(self):
        assert C.seams("市委全面深化改革委员会办公室") == ["市委", "全面深化改革", "委员会", "办公室"]
        assert C.seams("问题类别") == ["问题", "类别"]
        assert C.seams("学习讨论阶段") == ["学习讨论", "阶段"]
        assert C.seams("已完成") == ["已完成"]

    def it_measures_with_the_paginators_model(self):
        from hongtou.layout.paginate import _width

        assert C.text_width("已完成") == 3 * C.SIZE
        # digits half an em, the CJK–digit gap, and the stand-in face's allowance
        expected = sum(_width(ch, prev, C.SIZE) for ch, prev in zip("11月10日", " 11月10"))
        assert C.text_width("11月10日") > expected


class DescribeAllocate:
    def rows(self):
        return [["1", "第一阶段\n学习讨论阶段", "2月15日至2月18日", "召开动员部署会，印发活动工作方案" * 2,
                 "国土空间规划科", "杨\u3000帆、马晓东", "会议记录", "已完成"],
                ["12", "第三阶段\n常态化推进阶段", "4月11日起长期坚持", "建立长效机制", "机关党委",
                 "林小雨", "制度文件", "整改中"]]

    def specs(self):
        return [C.Spec(t, t in TEXT_HEADS) for t in
                ("序号", "阶段", "时间", "工作任务", "责任部门", "责任人", "成果要求", "状态")]

    def it_gives_every_column_its_longest_token_and_fills_the_block(self):
        widths = C.allocate(self.specs(), self.rows(), LANDSCAPE)
        assert sum(widths) == pytest.approx(LANDSCAPE)
        for k, spec in enumerate(self.specs()):
            words = [spec.title] + [t for r in self.rows() for p in r[k].split("\n")
                                    for t in C.tokens(p)]
            if not spec.text:
                assert widths[k] - C.PADDING >= max(map(C.text_width, words)), spec.title
        # the rest goes to the running text; a short one is kept on one line
        assert widths[3] > max(widths[:3] + widths[4:])
        assert widths[6] - C.PADDING >= C.text_width("会议记录")

    def it_cuts_at_seams_only_when_the_page_cannot_hold_the_tokens(self):
        specs = [C.Spec("责任部门"), C.Spec("问题描述", True)]
        rows = [["市委全面深化改革委员会办公室", "问题" * 40]]
        roomy = C.allocate(specs, rows, PORTRAIT)
        assert roomy[0] - C.PADDING >= C.text_width(rows[0][0])
        tight = C.allocate(specs, rows, 180.0)
        assert tight[0] - C.PADDING < C.text_width(rows[0][0])
        assert tight[0] - C.PADDING >= C.text_width("全面深化改革")
        widths, _, out = C.fit(specs, rows, 180.0)
        assert out[0][0].split("\n") == ["市委", "全面深化改革", "委员会办公室"]

    def it_gives_the_width_to_the_text_that_makes_the_rows_tall(self):
        """The 通知's 附件2: 主要任务 (70–80 characters a row) beside 成果形式 (16–25): the
        width goes to 主要任务, which makes every row tall, not half of it to 成果形式 (the
        old sharing gave 9.5 and 8.8 characters: rows of 9 lines, the table over two pages)."""
        specs = [C.Spec("阶段"), C.Spec("名称"), C.Spec("时间"), C.Spec("主要任务", True),
                 C.Spec("成果形式", True)]
        rows = [["第一阶段", "学习讨论阶段", "2月中旬至3月下旬", "召开动员部署会；" + "集中学习重要论述" * 9,
                 "学习记录、研讨发言材料、体会文章"],
                ["第三阶段", "常态化推进阶段", "4月上旬起长期坚持", "建立完善工作评价机制" * 7,
                 "工作评价办法、典型案例、年度盘点总结"]]
        widths = C.allocate(specs, rows, PORTRAIT)
        assert sum(widths) == pytest.approx(PORTRAIT)
        assert widths[3] > 1.6 * widths[4]
        assert widths[4] - C.PADDING >= C.TEXT_FLOOR * C.SIZE
        # the word columns keep every token whole
        assert widths[1] - C.PADDING >= C.text_width("常态化推进阶段")

    def it_lets_a_word_column_grow_only_where_it_makes_a_row_tall(self):
        specs = [C.Spec("时间"), C.Spec("工作任务", True)]
        tall = [["2月15日至2月18日", "召开动员部署会" * 12]]
        short = [["2月15日至2月18日", "召开动员部署会"]]
        # a row the task makes six lines tall: 时间 in two lines costs nothing
        assert C.allocate(specs, tall, PORTRAIT)[0] - C.PADDING < C.text_width("2月15日至2月18日")
        # a one-line task: 时间 on one line saves the row a line
        assert C.allocate(specs, short, PORTRAIT)[0] - C.PADDING >= C.text_width("2月15日至2月18日")

    @settings(max_examples=150, deadline=None)
    @given(rows=hs.lists(hs.tuples(
        hs.sampled_from(["办公室", "国土空间规划科", "市委全面深化改革委员会办公室", "组织部"]),
        hs.text(alphabet="整改落实问题，。、“”", min_size=0, max_size=90),
        hs.sampled_from(["张\u3000华", "马晓东", "杨帆、马晓东", ""]),
        hs.sampled_from(["3月31日", "2月15日至2月18日", "4月11日起长期坚持", "立行立改"])),
        min_size=1, max_size=6))
    def it_takes_the_shortcut_only_where_the_widths_come_out_the_same(self, rows):
        """`_settled` skips the weighing where it would give every point to the one text
        column: the widths with the shortcut and without it are the same."""
        specs = [C.Spec("责任部门"), C.Spec("问题描述", True), C.Spec("责任人"), C.Spec("整改时限")]
        rows = [list(r) for r in rows]
        fast = C.allocate(specs, rows, PORTRAIT)
        with pytest.MonkeyPatch.context() as m:
            m.setattr(C, "_settled", lambda *args: False)
            # the same to a hundredth of a point (written in twips; the sums may differ in
            # their last bit as the points are added in another order)
            assert C.allocate(specs, rows, PORTRAIT) == pytest.approx(fast, abs=0.01)

    def it_never_leaves_one_character_alone_in_a_text_cell(self):
        text = "每季度开展一次职工思想动态调研，形成分析报告报党组"
        width = 6 * C.SIZE + 1
        spacing = C.nudge(text, width)
        assert spacing != 0.0          # as it stands, 组 would stand alone
        lines = C.break_lines(text, width).split("\n")
        assert "".join(lines) == text and len(lines[-1]) > 1
        assert all(C.text_width(x) <= width for x in lines)


# -- the documents' XML --------------------------------------------------------------------


def word_column_faults(docx: Path) -> list[str]:
    """Every paragraph of a word column (and every header) that does not fit its cell on
    one line by the paginator's model: the renderer would break it where it likes."""
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    faults = []
    for tbl in root.iter(W + "tbl"):
        rows = tbl.findall(W + "tr")
        if not rows or tbl.find(f"{W}tblPr/{W}tblBorders/{W}top[@{W}val='single']") is None:
            continue                                   # the bar chart has no ruled grid
        heads = ["".join(t.text or "" for t in tc.iter(W + "t"))
                 for tc in rows[0].findall(W + "tc")]
        for tr in rows:
            for head, tc in zip(heads, tr.findall(W + "tc")):
                if head in TEXT_HEADS and tr is not rows[0]:
                    continue
                inner = int(tc.find(f"{W}tcPr/{W}tcW").get(W + "w")) / 20 - C.PADDING
                for p in tc.iter(W + "p"):
                    text = "".join(t.text or "" for t in p.iter(W + "t"))
                    if C.text_width(text) > inner + 0.01:
                        faults.append(f"{docx.name} {head}: {text!r} in {inner:.1f} pt")
    return faults


def test_the_example_word_columns_fit_their_cells(example_out):
    docs = ["日程安排表.docx", "整改台账.docx", "通知.docx", "进展通报.docx"]
    docs += [str(p.relative_to(example_out)) for p in sorted((example_out / "督办").glob("*.docx"))]
    faults = [f for d in docs for f in word_column_faults(example_out / d)]
    assert faults == []


# -- made campaigns ------------------------------------------------------------------------

LONG_DEPT = "市委全面深化改革委员会办公室"
LATE = date(2022, 11, 20)


def campaign_long() -> dict:
    """Long department and phase names, two- and three-character names, figures in text."""
    s = minimal_sheets()
    s["人员"] = [["姓名", "部门", "职务", "联系电话"], ["杨帆", LONG_DEPT, "科长", 1],
                ["周敏", "国土空间规划科", "科长", 7],
                ["马晓东", LONG_DEPT, "主任", 2], ["林小雨", "职工服务中心", "主任", 3],
                ["王明", "党组", "书记", 4], ["李华", "党组", "副主席", 5], ["张三", "办公室", "主任", 6]]
    s["阶段安排"] = [s["阶段安排"][0],
                   ["第一阶段", "集中学习专题研讨阶段", "2月中旬", "3月下旬", "组织学习讨论", "心得体会"],
                   ["第二阶段", "对照检查问题查摆阶段", "3月下旬", "4月上旬", "对照查摆问题", "问题清单"],
                   ["第三阶段", "常态化推进阶段", "4月上旬", "长期坚持", "建立长效机制", "制度文件"]]
    s["工作安排"] = [TASK_HEADER,
                   ["第一阶段", "召开“大讨论”活动动员部署会，印发活动工作方案", LONG_DEPT, "杨帆、马晓东",
                    date(2022, 2, 16), "2月28日", "会议记录、印发方案", "已完成"],
                   ["第二阶段", "对照五个“有没有”开展自我评价，对标五个“能不能”明确改进方向和措施",
                    "国土空间规划科", "周敏", "3月21日", "11月10日", "个人创先争优计划", "整改中"],
                   ["第三阶段", "建立完善工作评价机制和双向激励机制", "职工服务中心", "林小雨",
                    "4月11日", "长期坚持", "工作评价办法", "未启动"]]
    issues = [ISSUE_HEADER]
    texts = ["服务职工“推绕拖”，困难职工帮扶申请平均办理时限超过15个工作日",
             "每季度开展一次职工思想动态调研，形成分析报告报党组",
             "组织财务人员专题培训，编制基层工会经费收支管理指引",
             "年度目标定“触手可及”的标准，全省工会系统综合考核排名居中游"]
    depts = ["国土空间规划科", LONG_DEPT, "职工服务中心", "办公室"]
    owners = ["周敏", "杨帆、马晓东", "林小雨", "张三"]
    statuses = ["整改中", "未启动", "已完成", "长期坚持", "整改中", "已销号"]
    deadlines = [date(2022, 3, 31), date(2022, 11, 10), date(2022, 4, 10), "长期坚持",
                 date(2022, 4, 22), date(2022, 12, 31)]
    for n in range(1, 13):
        issues.append([n, "作风建设" if n % 2 else "状态怎么提", texts[n % 4], texts[(n + 1) % 4],
                       "王明", depts[n % 4], owners[n % 4], deadlines[n % 6], statuses[n % 6],
                       None, None, None])
    s["问题清单"] = issues
    return s


def campaign_short() -> dict:
    """Two-character departments and names, 12 phases' worth of tasks, many statuses."""
    s = minimal_sheets()
    s["人员"] = [["姓名", "部门", "职务", "联系电话"], ["王明", "党办", "书记", 1],
                ["李华", "财务", "副主席", 2], ["张三", "党办", "主任", 3], ["赵六", "工会", "部长", 4]]
    s["工作安排"] = [TASK_HEADER] + [
        ["第一阶段" if n < 4 else "第二阶段", f"开展第{n}轮专题学习研讨，形成研讨发言材料", "党办",
         "王明、张三", date(2022, 2, 10 + n), f"3月{10 + n}日", "研讨材料", st]
        for n, st in zip(range(1, 8), ["已完成", "整改中", "未启动", "已完成", "整改中", "未启动", "已完成"])]
    issues = [ISSUE_HEADER]
    for n in range(1, 25):
        issues.append([n, "作风", "会议多、会议长，文件照搬照抄上级" * (1 + n % 3), "控制会议数量和时长",
                       "王明", ["党办", "工会", "财务"][n % 3], ["张三", "赵六", "李华"][n % 3],
                       date(2022, 3 + n % 9, 1 + n), ["整改中", "已完成", "未启动"][n % 3],
                       None, None, None])
    s["问题清单"] = issues
    return s


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, example_out):
    """Every table document of the example and the two made campaigns (and a per-department
    ledger from `build -d`) as PDFs, converted in one soffice call → {name: pdf}."""
    need_render()
    from hongtou.build import build

    base = tmp_path_factory.mktemp("columns")
    outs = {"例": example_out}
    # the long campaign assessed late in the year: its 通报 lists 11月10日 among the overdue
    for name, sheets, today in (("长", campaign_long(), LATE), ("短", campaign_short(), TODAY)):
        folder = make_workbook(base / name / "活动.xlsx", sheets).parent
        outs[name] = base / f"out-{name}"
        build(folder, outs[name], today, template_dirs=[ROOT / "templates"])
        if name == "长":
            build(folder, base / "out-部门", today, template_dirs=[ROOT / "templates"],
                  departments=[LONG_DEPT])
            outs["部门"] = base / "out-部门"
    flat = base / "docs"
    flat.mkdir()
    files = typeset_tables(base / "typeset", flat)
    for tag, out in outs.items():
        found = [p for p in out.rglob("*.docx")
                 if p.parent == out or p.parent.name in ("督办", LONG_DEPT)]
        for p in found:
            if p.parent.name == "督办" and p != sorted(p.parent.glob("*.docx"))[0]:
                continue
            target = flat / f"{tag}-{p.parent.name if p.parent != out else ''}-{p.stem}.docx"
            target.write_bytes(p.read_bytes())
            files.append(target)
    outdir = base / "pdf"
    outdir.mkdir()
    return convert_to_pdf(files, outdir, base / "lo-profile")


TYPESET_ROWS = [["序号", "责任部门", "责任人", "完成时限", "状态", "工作内容"],
                 ["1", "国土空间规划科", "杨帆、马晓东", "11月10日", "已完成",
                  "对照五个“有没有”开展自我评价，对标五个“能不能”明确改进方向和措施"],
                 ["2", LONG_DEPT, "林小雨", "4月11日起长期坚持", "整改中",
                  "每季度开展一次职工思想动态调研，形成分析报告报党组"]]


def typeset_tables(src: Path, flat: Path) -> list[Path]:
    """`typeset` of a Markdown table and of a Word draft's table, into `flat`."""
    import docx

    from hongtou.docs.typeset import render
    from hongtou.read.document import read_document

    src.mkdir()
    md = src / "表.md"
    md.write_text("# 关于报送整改进展的通知\n\n各部门：\n\n现将整改进展通报如下。\n\n"
                  + "".join("| " + " | ".join(r) + " |\n" + ("|---" * 6 + "|\n" if k == 0 else "")
                            for k, r in enumerate(TYPESET_ROWS))
                  + "\n某某局办公室\n\n2022年5月6日\n", encoding="utf-8")
    d = docx.Document()
    d.add_paragraph("关于报送整改进展的通知")
    d.add_paragraph("各部门：")
    t = d.add_table(rows=3, cols=6)
    for r, row in enumerate(TYPESET_ROWS):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("某某局办公室")
    d.add_paragraph("2022年5月6日")
    d.save(src / "稿.docx")
    out = []
    for path in (md, src / "稿.docx"):
        target = flat / f"排-{path.stem}.docx"
        target.write_bytes(render(read_document(path), red=False))
        out.append(target)
    return out


def known_words() -> set[str]:
    """Words no cell may break inside, from the campaigns' own facts."""
    from hongtou.read import read_campaign

    words = {"序号", "问题类别", "责任领导", "责任部门", "责任人", "整改时限", "整改状态", "状态",
             "阶段", "时间", "名称", "问题总数", "已完成", "整改中", "未启动", "长期坚持", "已超期",
             "完成率", "超期天数", "已销号", "立行立改", "完成时限", "国土空间规划科", LONG_DEPT, "职工服务中心",
             "杨帆", "马晓东", "林小雨", "周敏", "王明", "李华", "张三", "赵六", "学习讨论阶段", "体悟践行阶段",
             "常态化推进阶段", "集中学习专题研讨阶段", "对照检查问题查摆阶段"} | TEXT_HEADS
    c = read_campaign(DATA)
    words |= {i.department for i in c.issues} | {p.name.replace("\u3000", "") for p in c.persons}
    words |= {f"第{n}阶段" for n in "一二三四五"}
    return {w.replace(" ", "").replace("\u3000", "") for w in words if len(w) > 1}


FIGURE = re.compile(r"\d+年\d+月\d+日|\d+月\d+日|\d+天|\d+\.\d+%")


def allowed_cuts(word: str) -> set[int]:
    """Where a word may be cut when the page cannot hold it whole: its seams."""
    cuts, at = set(), 0
    for piece in C.seams(word)[:-1]:
        at += len(piece)
        cuts.add(at)
    return cuts


def cell_faults(cell, words: set[str], text_column: bool) -> list[str]:
    lines = [x for x in cell.lines if x]
    text = "".join(lines)
    faults = []
    if len(lines) > 1 and len(lines[-1]) == 1:
        faults.append(f"one character alone: {lines}")
    ends, at = [], 0
    for x in lines[:-1]:
        at += len(x)
        ends.append(at)
    spans = [(m.start(), m.end(), m.group()) for m in FIGURE.finditer(text)]
    if not text_column:
        for w in words:
            for m in re.finditer(re.escape(w), text):
                spans.append((m.start(), m.end(), w))
    for e in ends:
        for a, b, w in spans:
            if a < e < b and (e - a) not in allowed_cuts(w):
                faults.append(f"{w} broken: {lines}")
    return faults


def test_no_word_is_broken_in_any_table_cell(rendered):
    from tests.docs.tablecells import cells

    words = known_words()
    faults, seen = [], 0
    for name, pdf in sorted(rendered.items()):
        found = cells(pdf)
        heads: dict[tuple[int, int], dict[int, str]] = {}
        for cell in found:
            if cell.row == 0:
                heads.setdefault((cell.page, cell.table), {})[cell.col] = cell.text
        for cell in found:
            head = heads.get((cell.page, cell.table), {}).get(cell.col, "")
            text_column = cell.row > 0 and head in TEXT_HEADS
            seen += 1
            faults += [f"{name} p{cell.page} {head}: {f}"
                       for f in cell_faults(cell, words, text_column)]
    assert seen > 1000
    assert faults == [], "\n".join(faults)
    # the faults the issue lists were there to be seen
    texts = {c.text for pdf in rendered.values() for c in cells(pdf)}
    for word in ("已完成", "学习讨论阶段", "序号", "问题类别", "整改状态", "国土空间规划科",
                 "11月10日", "杨帆、马晓东", LONG_DEPT):
        assert any(word in t for t in texts), word
    assert {"排-表", "排-稿"} <= set(rendered)


def test_the_example_phase_table_stands_on_one_page(rendered):
    """The 通知's 附件2 (three phases): with the width given to 主要任务 it fits under its
    title on one page; it used to carry its third row over to the next page."""
    import pymupdf

    with pymupdf.open(rendered["例--通知"]) as doc:
        pages = [page.get_text() for page in doc]
    first = next(i for i, t in enumerate(pages) if "阶段安排表" in t and "附件2" in t.replace(" ", ""))
    for phase in ("第一阶段", "第二阶段", "第三阶段"):
        assert phase in pages[first], f"{phase} is not on the table's first page"


def test_the_bar_charts_labels_fit_their_column(rendered):
    """The 通报's chart (a table without a ruled grid): every department's name on lines
    that fit the label column, cut only at its seams."""
    docx = Path(rendered["长--进展通报"]).parent.parent / "docs" / "长--进展通报.docx"
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    chart = [t for t in root.iter(W + "tbl")
             if t.find(f"{W}tblPr/{W}tblBorders/{W}top[@{W}val='nil']") is not None][0]
    width = int(chart.find(f"{W}tblGrid/{W}gridCol").get(W + "w")) / 20 - C.PADDING
    labels = []
    for tr in chart.findall(W + "tr")[1:]:
        tc = tr.find(W + "tc")
        lines = "".join("\n" if el.tag == W + "br" else el.text or ""
                        for el in tc.iter(W + "t", W + "br")).split("\n")
        if lines != [""]:
            labels.append(lines)
            assert all(C.text_width(x) <= width for x in lines), lines
    long = next(x for x in labels if "".join(x) == LONG_DEPT)
    cuts = {sum(map(len, long[:k])) for k in range(1, len(long))}
    assert cuts <= allowed_cuts(LONG_DEPT)


@pytest.mark.parametrize("lines, fault", [
    (["已完", "成"], "one character alone"), (["第一阶段", "学习讨论阶", "段"], "学习讨论阶段"),
    (["杨", "帆"], "one character alone"), (["问题类", "别"], "问题类别"),
    (["11月10", "日"], "one character alone"), (["国土空间规划", "科"], "国土空间规划科"),
    (["整改状", "态"], "整改状态"), (["超过15个工作", "日"], "one character alone"),
    (["2022年4", "月20日"], "2022年4月20日"), (["学习讨论", "阶段"], None), (["问题", "类别"], None)])
def test_the_check_sees_the_faults_of_the_issue(lines, fault):
    from tests.docs.tablecells import Cell

    faults = cell_faults(Cell(1, 0, 1, 0, lines), known_words(), False)
    assert (fault is None and faults == []) or any(fault in f for f in faults)
