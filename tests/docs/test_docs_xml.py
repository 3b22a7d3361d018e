"""The Word documents of the example build, read back as XML: the GB/T 9704 numbers, the
styles, the header zone, the footers, the tables, the plan and the ledgers' contents.

Expected values come from the standard (shared/gbt9704.md) and from the input files
themselves (data/活动.xlsx read with openpyxl, data/方案正文.txt), not from hongtou's code.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import chinese_calendar
import openpyxl
import pytest

from hongtou.model import Light, Status, WhenKind
from hongtou.rules.status import assess

DATA = Path(__file__).resolve().parents[2] / "data"
TODAY = date(2022, 4, 20)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
W = f"{{{W_NS}}}"
PORTRAIT = ("通知", "督办")
LANDSCAPE = ("日程安排表", "整改台账")
KINDS = PORTRAIT + LANDSCAPE

# A4 and the margins of §5.2.1, in twips (1/20 pt)
A4_W, A4_H = 11906, 16838
MARGINS = {"top": 2098, "left": 1587, "right": 1474, "bottom": 1984}   # 37, 28, 26, 35 mm
BLOCK_W, BLOCK_H = 8844, 12756                                         # 156 × 225 mm

# 状态 shading, one light hue per 红黄绿 (legible on a black-and-white printer)
FILL = {Light.RED: "FFC7CE", Light.YELLOW: "FFEB9C", Light.GREEN: "C6EFCE"}


# -- helpers -------------------------------------------------------------------------------


def doc_path(out, kind):
    if kind == "督办":
        return sorted((out / "督办").glob("*.docx"))[0]
    return out / f"{kind}.docx"


def text(el) -> str:
    return "".join(el.xpath(".//w:t/text()", namespaces=NS))


def paras(root):
    return root.xpath("//w:body//w:p", namespaces=NS)


def pstyle(p) -> str:
    return p.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS)


def runs(p):
    return [r for r in p.xpath("w:r", namespaces=NS) if text(r)]


def run_font(r) -> str:
    return r.xpath("string(w:rPr/w:rFonts/@w:eastAsia)", namespaces=NS)


def style_el(styles, sid):
    found = styles.xpath("//w:style[@w:styleId=$sid]", sid=sid, namespaces=NS)
    assert found, f"style {sid} missing"
    return found[0]


def style_prop(styles, sid, path):
    """A property of a style, following w:basedOn (as Word resolves it)."""
    while sid:
        st = style_el(styles, sid)
        value = st.xpath(f"string({path})", namespaces=NS)
        if value:
            return value
        sid = st.xpath("string(w:basedOn/@w:val)", namespaces=NS)
    return ""


def effective(r, p, styles, path):
    """A run property: the run's own, else its paragraph style's."""
    return r.xpath(f"string(w:rPr/{path})", namespaces=NS) or \
        style_prop(styles, pstyle(p) or "Normal", f"w:rPr/{path}")


def find_para(root, predicate):
    hits = [p for p in paras(root) if predicate(p)]
    assert hits, "no such paragraph"
    return hits[0]


def rels(docx_xml, path):
    root = docx_xml(path, "word/_rels/document.xml.rels")
    return {r.get("Id"): r.get("Target") for r in root}


def late(issue, meta, today):
    """红黄绿, counted here from the model by the rule the ledger states (not by hongtou)."""
    if issue.status in (Status.DONE, Status.CLOSED, Status.ONGOING) \
            or issue.deadline.kind is WhenKind.ONGOING:
        return Light.GREEN
    due = meta.date if issue.deadline.kind is WhenKind.IMMEDIATE else issue.deadline.last
    days = (due - today).days
    if days < 0:
        return Light.RED
    return Light.YELLOW if days <= meta.warn_days else Light.GREEN


@pytest.fixture(scope="module")
def sheet_rows():
    wb = openpyxl.load_workbook(DATA / "活动.xlsx", read_only=True)
    rows = {name: [list(r) for r in wb[name].iter_rows(values_only=True)]
            for name in wb.sheetnames}
    wb.close()
    return rows


@pytest.fixture(scope="module")
def meta_cells(sheet_rows):
    return {r[0]: r[1] for r in sheet_rows["发文信息"][1:] if r and r[0]}


@pytest.fixture(scope="module")
def notice(example_out, docx_xml):
    return docx_xml(example_out / "通知.docx")


@pytest.fixture(scope="module")
def notice_styles(example_out, docx_xml):
    return docx_xml(example_out / "通知.docx", "word/styles.xml")


# -- page setup (§5) -----------------------------------------------------------------------


class DescribePageSetup:
    @pytest.mark.parametrize("kind", PORTRAIT)
    def it_sets_a4_portrait_with_the_standard_margins(self, example_out, docx_xml, kind):
        root = docx_xml(doc_path(example_out, kind))
        sections = root.xpath("//w:sectPr", namespaces=NS)
        assert sections
        for sect in sections:
            size = sect.find(W + "pgSz")
            assert (size.get(W + "w"), size.get(W + "h")) == (str(A4_W), str(A4_H))
            assert size.get(W + "orient") in (None, "portrait")
            margin = sect.find(W + "pgMar")
            assert {k: int(margin.get(W + k)) for k in MARGINS} == MARGINS

    @pytest.mark.parametrize("kind", LANDSCAPE)
    def it_turns_the_ledgers_landscape_keeping_the_156_by_225_block(self, example_out,
                                                                     docx_xml, kind):
        root = docx_xml(doc_path(example_out, kind))
        sections = root.xpath("//w:sectPr", namespaces=NS)
        assert sections
        for sect in sections:
            size = sect.find(W + "pgSz")
            assert size.get(W + "orient") == "landscape"
            w, h = int(size.get(W + "w")), int(size.get(W + "h"))
            assert (w, h) == (A4_H, A4_W)
            m = {k: int(sect.find(W + "pgMar").get(W + k)) for k in MARGINS}
            assert abs(w - m["left"] - m["right"] - BLOCK_H) <= 2
            assert abs(h - m["top"] - m["bottom"] - BLOCK_W) <= 2

    @pytest.mark.parametrize("kind", KINDS)
    def it_keeps_the_22_line_grid(self, example_out, docx_xml, kind):
        for sect in docx_xml(doc_path(example_out, kind)).xpath("//w:sectPr", namespaces=NS):
            grid = sect.find(W + "docGrid")
            # 225 mm / 22 lines = 28.95 pt = 579 twips; never a character grid (see analysis)
            assert grid.get(W + "type") == "lines"
            assert grid.get(W + "linePitch") == "579"


# -- fonts and styles ----------------------------------------------------------------------


class DescribeStyles:
    def it_never_names_a_theme_font(self, example_out, docx_xml):
        docs = sorted(example_out.rglob("*.docx"))
        assert len(docs) >= 4
        for path in docs:
            for part in docx_xml.parts(path):
                if part.endswith(".xml"):
                    xml = docx_xml(path, part)
                    assert not xml.xpath("//@*[contains(local-name(), 'Theme')]"), (path, part)

    @pytest.mark.parametrize("kind", KINDS)
    def it_names_the_chinese_face_on_every_font(self, example_out, docx_xml, kind):
        path = doc_path(example_out, kind)
        for part in docx_xml.parts(path):
            if re.fullmatch(r"word/(styles|document|footer\d+)\.xml", part):
                for fonts in docx_xml(path, part).xpath("//w:rFonts", namespaces=NS):
                    assert fonts.get(W + "eastAsia"), (part, fonts.attrib)

    @pytest.mark.parametrize("kind", KINDS)
    def it_gives_every_paragraph_style_its_own_chinese_face(self, example_out, docx_xml, kind):
        styles = docx_xml(doc_path(example_out, kind), "word/styles.xml")
        para_styles = styles.xpath("//w:style[@w:type='paragraph']", namespaces=NS)
        assert len(para_styles) > 10
        for st in para_styles:
            assert st.xpath("string(w:rPr/w:rFonts/@w:eastAsia)", namespaces=NS), \
                st.get(W + "styleId")

    def it_sets_the_body_in_fangsong_sanhao_with_a_two_zi_indent(self, notice_styles):
        normal = style_el(notice_styles, "Normal")
        assert normal.get(W + "default") == "1"
        get = lambda p: normal.xpath(f"string({p})", namespaces=NS)  # noqa: E731
        assert get("w:rPr/w:rFonts/@w:eastAsia") == "仿宋_GB2312"
        assert get("w:rPr/w:sz/@w:val") == "32"            # 三号 16 pt
        assert get("w:pPr/w:ind/@w:firstLine") == "640"    # 2 字 = 32 pt
        assert get("w:pPr/w:spacing/@w:line") == "579"     # 28.95 pt: 22 lines a page
        assert get("w:pPr/w:spacing/@w:lineRule") == "exact"
        assert get("w:pPr/w:widowControl/@w:val") in ("0", "false")

    def it_sets_the_title_in_xiaobiaosong_erhao(self, notice_styles):
        found = notice_styles.xpath("//w:style[w:name/@w:val='公文标题']", namespaces=NS)
        assert len(found) == 1
        sid = found[0].get(W + "styleId")
        assert style_prop(notice_styles, sid, "w:rPr/w:rFonts/@w:eastAsia") == "方正小标宋简体"
        assert style_prop(notice_styles, sid, "w:rPr/w:sz/@w:val") == "44"   # 二号 22 pt
        assert style_prop(notice_styles, sid, "w:pPr/w:jc/@w:val") == "center"


# -- 版头 (§7.2) ---------------------------------------------------------------------------


class DescribeHeaderZone:
    def it_prints_the_mark_red_in_xiaobiaosong(self, notice, notice_styles, meta_cells):
        mark = find_para(notice, lambda p: text(p) == meta_cells["发文机关标志"])
        assert paras(notice).index(mark) == 0
        for r in runs(mark):
            assert effective(r, mark, notice_styles, "w:color/@w:val") == "FF0000"
            assert effective(r, mark, notice_styles, "w:rFonts/@w:eastAsia") == "方正小标宋简体"

    def it_normalises_the_wenhao_and_rules_a_red_line_under_it(self, notice, meta_cells):
        assert meta_cells["发文字号"] == "六工党[2022]7号"   # as the office typed it
        number = find_para(notice, lambda p: text(p) == "六工党〔2022〕7号")
        assert paras(notice).index(number) == 1
        bottom = number.find(f"{W}pPr/{W}pBdr/{W}bottom")
        assert bottom is not None
        assert bottom.get(W + "color") == "FF0000"
        assert bottom.get(W + "val") == "single"
        assert "[" not in "".join(notice.xpath("//w:t/text()", namespaces=NS)[:5])

    def it_ends_the_header_before_the_title(self, notice, example_campaign):
        titles = [p for p in paras(notice) if pstyle(p) == "GwTitle"]
        assert text(titles[0]) == example_campaign.meta.title
        assert paras(notice).index(titles[0]) == 2


# -- 页码 (§7.5) ---------------------------------------------------------------------------


class DescribePageNumbers:
    @pytest.mark.parametrize("kind", KINDS)
    def it_turns_on_separate_odd_and_even_footers(self, example_out, docx_xml, kind):
        settings = docx_xml(doc_path(example_out, kind), "word/settings.xml")
        assert settings.xpath("//w:evenAndOddHeaders", namespaces=NS)

    @pytest.mark.parametrize("kind", KINDS)
    def it_puts_odd_numbers_right_and_even_numbers_left(self, example_out, docx_xml, kind):
        path = doc_path(example_out, kind)
        targets = rels(docx_xml, path)
        # the first section: the text's (a 版记 alone on its last page has a section of its
        # own, with blank footers, §7.5)
        sect = docx_xml(path).xpath("//w:sectPr", namespaces=NS)[0]
        refs = {ref.get(W + "type"): targets[ref.get(f"{{{NS['r']}}}id")]
                for ref in sect.findall(W + "footerReference")}
        assert refs["default"] == "footer1.xml" and refs["even"] == "footer2.xml"
        expected = {"default": ("right", "right"), "even": ("left", "left")}
        for kind_, (align, side) in expected.items():
            footer = docx_xml(path, f"word/{refs[kind_]}")
            (p,) = footer.xpath("//w:p", namespaces=NS)
            assert p.xpath("string(w:pPr/w:jc/@w:val)", namespaces=NS) == align
            assert p.xpath(f"string(w:pPr/w:ind/@w:{side})", namespaces=NS) == "320"  # 1 字
            assert "PAGE" in "".join(p.xpath(".//w:instrText/text()", namespaces=NS))
            pieces = p.xpath(".//w:t/text()", namespaces=NS)
            assert pieces[0] == "\u2014 " and pieces[-1] == " \u2014"
            for r in p.xpath("w:r", namespaces=NS):
                assert r.xpath("string(w:rPr/w:rFonts/@w:eastAsia)", namespaces=NS) == "宋体"
                assert r.xpath("string(w:rPr/w:sz/@w:val)", namespaces=NS) == "28"  # 四号


# -- tables (practice: header repeated, rows whole, widths for WPS) ------------------------


class DescribeTables:
    @pytest.mark.parametrize("kind", KINDS)
    def it_repeats_the_header_keeps_rows_whole_and_gives_grid_widths(self, example_out,
                                                                     docx_xml, kind):
        root = docx_xml(doc_path(example_out, kind))
        sect = root.xpath("//w:body/w:sectPr", namespaces=NS)[0]
        size, mar = sect.find(W + "pgSz"), sect.find(W + "pgMar")
        block = int(size.get(W + "w")) - int(mar.get(W + "left")) - int(mar.get(W + "right"))
        tables = root.xpath("//w:tbl", namespaces=NS)
        data_tables = [t for t in tables if len(t.xpath("w:tblGrid/w:gridCol",
                                                        namespaces=NS)) > 1]
        assert data_tables
        for tbl in tables:
            grid = [int(v) for v in tbl.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
            width = int(tbl.xpath("string(w:tblPr/w:tblW/@w:w)", namespaces=NS))
            assert sum(grid) == width
            assert width <= block
            rows = tbl.xpath("w:tr", namespaces=NS)
            for row in rows:
                assert row.xpath("w:trPr/w:cantSplit", namespaces=NS)
                cells = [int(v) for v in row.xpath("w:tc/w:tcPr/w:tcW/@w:w", namespaces=NS)]
                assert cells == grid
        for tbl in data_tables:
            rows = tbl.xpath("w:tr", namespaces=NS)
            assert rows[0].xpath("w:trPr/w:tblHeader", namespaces=NS)
            assert not any(r.xpath("w:trPr/w:tblHeader", namespaces=NS) for r in rows[1:])


# -- the plan (主体, §7.3) -------------------------------------------------------------------


def plan_lines() -> list[str]:
    return [ln.strip() for ln in (DATA / "方案正文.txt").read_text("utf-8").splitlines()
            if ln.strip()]


H1 = re.compile(r"^[一二三四五六七八九十]+、")
H2 = re.compile(r"^（[一二三四五六七八九十]+）")


class DescribePlan:
    def it_sets_first_level_headings_in_heiti(self, notice, notice_styles):
        heads = [ln for ln in plan_lines() if H1.match(ln)]
        assert "一、活动内容" in heads
        for line in heads:
            p = find_para(notice, lambda p, line=line: text(p) == line)
            assert pstyle(p) == "GwH1"
            for r in runs(p):
                assert effective(r, p, notice_styles, "w:rFonts/@w:eastAsia") == "黑体"

    def it_sets_only_the_heading_sentence_of_a_second_level_heading_in_kaiti(
            self, notice, notice_styles):
        heads = [ln for ln in plan_lines() if H2.match(ln)]
        assert heads[0].startswith("（一）加强组织领导。")
        for line in heads:
            head, tail = line.split("。", 1)
            p = find_para(notice, lambda p, line=line: text(p) == line)
            assert pstyle(p) == "GwH2"
            rs = runs(p)
            assert text(rs[0]) == head + "。"
            assert effective(rs[0], p, notice_styles, "w:rFonts/@w:eastAsia") == "楷体_GB2312"
            assert "".join(text(r) for r in rs[1:]) == tail
            for r in rs[1:]:
                assert effective(r, p, notice_styles, "w:rFonts/@w:eastAsia") == "仿宋_GB2312"

    def it_expands_every_placeholder(self, example_out, docx_xml):
        docs = sorted(example_out.rglob("*.docx"))
        for path in docs:
            for part in docx_xml.parts(path):
                if part.startswith("word/") and part.endswith(".xml"):
                    xml = (docx_xml(path, part).xpath("string(/)") + " "
                           + " ".join(docx_xml(path, part).xpath("//@*")))
                    assert "{{" not in xml and "}}" not in xml, (path, part)
                    assert "{%" not in xml and "{p " not in xml, (path, part)

    def it_writes_the_phases_in_the_plans_words(self, notice, sheet_rows):
        body = [text(p) for p in paras(notice)]
        assert any("2月中旬至3月下旬" in t for t in body)
        phases = sheet_rows["阶段安排"]
        header = phases[0] if "阶段" in phases[0] else phases[1]
        col = {h: i for i, h in enumerate(header)}
        for row in phases[phases.index(header) + 1:]:
            if not row[col["阶段"]]:
                continue
            label, name = row[col["阶段"]], row[col["名称"]]
            assert any(t.startswith(f"{label}为{name}（") for t in body), label

    def it_writes_the_leading_group_where_the_plan_asks(self, notice, example_campaign):
        lines = plan_lines()
        before = lines[lines.index("{{ 领导小组 }}") - 1]
        body = [text(p) for p in paras(notice)]
        prose = body[body.index(before) + 1]
        assert prose.startswith("成立")
        for m in example_campaign.members:
            assert m.name.replace("\u3000", "") in prose

    def it_starts_the_plan_on_a_new_page(self, notice, example_campaign):
        ps = paras(notice)
        plan_title = find_para(notice, lambda p: pstyle(p) == "GwTitle"
                               and text(p) == example_campaign.meta.plan_title)
        i = ps.index(plan_title)
        assert ps[i - 1].xpath(".//w:br[@w:type='page']", namespaces=NS) \
            or plan_title.xpath("w:pPr/w:pageBreakBefore", namespaces=NS)
        date_para = find_para(notice, lambda p: pstyle(p) == "GwDate")
        assert ps.index(date_para) < i


# -- 附件 (§8) and 版记 (§7.4) ---------------------------------------------------------------


class DescribeAttachmentsAndRecord:
    def it_opens_each_attachment_on_its_own_page(self, notice, example_campaign):
        campaign = example_campaign.meta.campaign
        names = [f"{campaign}领导小组成员名单", f"{campaign}阶段安排表"]
        ps = paras(notice)
        for n, name in enumerate(names, 1):
            label = find_para(notice, lambda p, n=n: text(p) == f"附件{n}")
            assert pstyle(label) == "GwAttachLabel"
            assert label.xpath("w:pPr/w:pageBreakBefore", namespaces=NS) \
                or ps[ps.index(label) - 1].xpath(".//w:br[@w:type='page']", namespaces=NS)
            title = ps[ps.index(label) + 1]
            assert (pstyle(title), text(title)) == ("GwTitle", name)
        # the 附件说明 names them alike (§7.3.4)
        # a tab after the number reaches the hanging indent, where wrapped lines align
        notes = ["".join("\t" if el.tag == f"{W}tab" else (el.text or "")
                         for el in p.xpath("w:r/w:t | w:r/w:tab", namespaces=NS))
                 for p in ps if pstyle(p) == "GwAttachNote"]
        assert notes == [f"附件：1.\t{names[0]}", f"\u3000\u3000\u30002.\t{names[1]}"]

    def it_pads_two_character_names_in_the_roster(self, notice, sheet_rows):
        rows = sheet_rows["领导小组"]
        header = next(r for r in rows if "姓名" in r)
        col = {h: i for i, h in enumerate(header)}
        members = [(re.sub(r"\s", "", r[col["姓名"]]), r[col["单位及职务"]])
                   for r in rows[rows.index(header) + 1:] if r[col["姓名"]]]
        assert any(len(n) == 2 for n, _ in members) and any(len(n) == 3 for n, _ in members)
        roster = [text(p) for p in paras(notice) if pstyle(p) == "GwPlain"]
        for name, title in members:
            shown = f"{name[0]}\u3000{name[1]}" if len(name) == 2 else name
            line = f"{shown}\u3000{title}"
            assert any(t.endswith(line) and (t[: -len(line)].endswith("：")
                                             or set(t[: -len(line)]) == {"\u3000"})
                       for t in roster), line

    def it_closes_with_the_record_zone(self, notice, meta_cells):
        cc = "，".join(re.split(r"[，,、]", meta_cells["抄送机关"]))
        texts = [t for t in (text(p) for p in paras(notice)) if t]
        assert texts[-2] == f"抄送：{cc}。"
        assert texts[-1] == f"{meta_cells['印发机关']}2022年2月15日印发"

    def it_signs_and_dates_the_notice(self, notice, meta_cells):
        sig = find_para(notice, lambda p: pstyle(p) == "GwSignature")
        dated = find_para(notice, lambda p: pstyle(p) == "GwDate")
        assert text(sig) == meta_cells["发文机关"]
        assert text(dated) == "2022年2月15日"   # Arabic numerals, no zero padding (§7.3.5)


# -- 整改台账.docx ---------------------------------------------------------------------------


def ledger_table(root):
    for tbl in root.xpath("//w:tbl", namespaces=NS):
        head = [text(c) for c in tbl.xpath("w:tr[1]/w:tc", namespaces=NS)]
        if "问题描述" in head:
            return tbl, head
    raise AssertionError("no ledger table")


class DescribeLedgerDocument:
    def it_has_a_row_per_issue(self, example_out, docx_xml, example_campaign):
        tbl, head = ledger_table(docx_xml(example_out / "整改台账.docx"))
        rows = tbl.xpath("w:tr", namespaces=NS)
        assert len(example_campaign.issues) == 36
        assert len(rows) == 36 + 1
        seqs = [text(r.xpath("w:tc", namespaces=NS)[0]) for r in rows[1:]]
        assert seqs == [str(i.seq) for i in example_campaign.issues]

    def it_shades_each_status_cell_by_its_light(self, example_out, docx_xml,
                                                example_campaign):
        tbl, head = ledger_table(docx_xml(example_out / "整改台账.docx"))
        col = head.index("状态")
        states = assess(example_campaign, TODAY).issue_states
        by_seq = {str(i.seq): i for i in example_campaign.issues}
        seen = set()
        for row in tbl.xpath("w:tr", namespaces=NS)[1:]:
            cells = row.xpath("w:tc", namespaces=NS)
            issue = by_seq[text(cells[0])]
            light = states[issue.key].light
            assert light is late(issue, example_campaign.meta, TODAY), issue.key
            cell = cells[col]
            assert cell.xpath("string(w:tcPr/w:shd/@w:fill)", namespaces=NS) == FILL[light]
            assert text(cell.xpath("w:p", namespaces=NS)[0]) == light.value
            seen.add(light)
        assert seen == set(Light)

    def it_sums_up_above_the_table(self, example_out, docx_xml, example_campaign):
        lights = [late(i, example_campaign.meta, TODAY) for i in example_campaign.issues]
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in example_campaign.issues)
        total = len(lights)
        expected = (f"共查摆问题{total}个，已完成{done}个，完成率{done / total * 100:.1f}%；"
                    f"其中已超期未完成{lights.count(Light.RED)}个，"
                    f"7日内到期{lights.count(Light.YELLOW)}个。")
        root = docx_xml(example_out / "整改台账.docx")
        assert expected in [text(p) for p in paras(root)]
        assert "（统计截至2022年4月20日）" in [text(p) for p in paras(root)]


class DescribeScheduleDocument:
    def it_has_a_row_per_task(self, example_out, docx_xml, example_campaign):
        root = docx_xml(example_out / "日程安排表.docx")
        (tbl,) = root.xpath("//w:tbl", namespaces=NS)
        rows = tbl.xpath("w:tr", namespaces=NS)
        assert len(rows) == len(example_campaign.tasks) + 1
        assert [text(r.xpath("w:tc", namespaces=NS)[3]) for r in rows[1:]] == \
            [t.task for t in example_campaign.tasks]


# -- 督办/ ---------------------------------------------------------------------------------


def third_working_day_after(day: date) -> date:
    n, d = 0, day
    while n < 3:
        d += timedelta(days=1)
        n += chinese_calendar.is_workday(d)
    return d


@pytest.fixture(scope="module")
def late_by_department(example_campaign):
    out: dict[str, list] = {}
    for i in example_campaign.issues:
        if i.status not in (Status.DONE, Status.CLOSED) \
                and late(i, example_campaign.meta, TODAY) in (Light.RED, Light.YELLOW):
            out.setdefault(i.department, []).append(i)
    return out


class DescribeReminders:
    def it_writes_one_per_department_with_late_items_and_none_for_others(
            self, example_out, example_campaign, late_by_department):
        written = {p.stem for p in (example_out / "督办").glob("*.docx")}
        assert written == set(late_by_department)
        others = {i.department for i in example_campaign.issues} - set(late_by_department)
        assert others, "the example should have departments with nothing late"
        assert not written & others

    def it_lists_the_late_items_and_counts_them(self, example_out, docx_xml,
                                                example_campaign, late_by_department):
        for dept, items in late_by_department.items():
            root = docx_xml(example_out / "督办" / f"{dept}.docx")
            texts = [text(p) for p in paras(root)]
            assert f"{dept}：" in texts
            red = sum(late(i, example_campaign.meta, TODAY) is Light.RED for i in items)
            total = sum(i.department == dept for i in example_campaign.issues)
            # a count of none is not said (「已超期未完成0项」)
            counts = "，".join(([f"已超期未完成{red}项"] if red else []) +
                              ([f"7日内到期{len(items) - red}项"] if len(items) > red else []))
            assert any(f"你单位负责的{total}项整改事项中，{counts}（详见下表）。" in t
                       for t in texts), dept
            (tbl,) = root.xpath("//w:tbl", namespaces=NS)
            rows = tbl.xpath("w:tr", namespaces=NS)[1:]
            assert [text(r.xpath("w:tc", namespaces=NS)[1]) for r in rows] == \
                [i.description for i in items]

    def it_names_the_contact_in_a_sentence_without_padding(self, example_out, docx_xml,
                                                           late_by_department):
        """A two-character name is padded (杨　帆) to align in lists, never in a sentence."""
        for dept in late_by_department:
            texts = [text(p) for p in paras(docx_xml(example_out / "督办" / f"{dept}.docx"))]
            assert "联系人：杨帆，联系电话：0564-3371015" in texts, dept

    def it_counts_the_feedback_term_in_working_days(self, example_out, docx_xml,
                                                    late_by_department):
        due = third_working_day_after(TODAY)
        assert due == date(2022, 4, 24)
        assert due.weekday() == 6 and chinese_calendar.is_workday(due)  # a 调休 Sunday
        wording = f"于{due.year}年{due.month}月{due.day}日前将整改进展情况书面反馈"
        for dept in late_by_department:
            root = docx_xml(example_out / "督办" / f"{dept}.docx")
            assert any(wording in text(p) for p in paras(root)), dept

    def it_is_a_letter_with_the_offices_mark_in_page_ones_header(self, example_out, docx_xml,
                                                                 meta_cells):
        """信函格式 (§10.1): page 1 has its own header (the mark, red, over a thick-thin red
        double line) and footer (a thin-thick red double line, no page number)."""
        path = doc_path(example_out, "督办")
        sect = docx_xml(path).find(".//w:sectPr", NS)
        assert sect.find("w:titlePg", NS) is not None
        head = docx_xml(path, "word/header1.xml")
        (mark,) = [p for p in head.iter(f"{W}p") if text(p)]
        assert text(mark) == meta_cells["印发机关"]
        assert mark.xpath("string(.//w:color/@w:val)", namespaces=NS) == "FF0000"
        bottom = mark.find("w:pPr/w:pBdr/w:bottom", NS)
        assert (bottom.get(f"{W}val"), bottom.get(f"{W}color")) == ("thickThinSmallGap", "FF0000")
        foot = docx_xml(path, "word/footer4.xml")
        assert "PAGE" not in "".join(foot.itertext())
        assert foot.find(".//w:pBdr/w:top", NS).get(f"{W}color") == "FF0000"
