"""The 进展通报's tables across page breaks, on rendered pages (issue 12, pages a 文秘 signs
off): the example campaign with more or fewer 责任部门 (3–16 rows in the department table and
bars in the chart) and a longer 主送机关 (0–9 more lines), so that the department table, the
chart and the overdue list each start at every height of a page, all converted to PDF in ONE
soffice call.

Rules checked for each of the three tables in every document:
- the sentence, caption or heading that introduces a table is never the last thing on a page
  whose table starts on the next one;
- a table starts under its header with at least two lines of rows (two one-line rows, or one
  of two lines: `gbt9704.TABLE_HOLD_LINES`) or all of them — never a header alone, nor over a
  single one-line row, at a page foot;
- a table a page break splits carries at least two lines of rows onto its last page (no
  合计, no last bar alone under the repeated header);
- no page foot is left blank where the introduction, the header and those two lines would
  have fitted (before: the chart, kept whole, left up to 117 mm blank; the department
  table's sentence stood alone at the foot of page 1 of the example);
- the 版记 takes a page of its own only when it must.
"""

from __future__ import annotations

import copy
import re
from datetime import date

import pytest

from hongtou.layout import gbt9704 as g
from tests.conftest import DATA, convert_to_pdf
from tests.docs.pdfpage import MM
from tests.helpers import need_render

TODAY = date(2022, 4, 20)
BLOCK_BOTTOM = 37 + 225          # mm: the block's foot (top margin 37 mm, block 225 mm)
LINES = 2                        # lines of rows under a header at a page foot, and on the last page
ROW_PITCH = 20 / MM + 0.1        # mm a line of a ruled table's row takes (20 pt, and its rule)
# mm: what the text boxes pymupdf reports leave out of the lines' full height (the space under
# the last line above the foot, the space over the first line of a page), less than a line
MEASURE = 6.0
FILL = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
NAMES = ["办公室", "权益保障部", "经济工作部", "组织部", "职工服务中心", "机关党委", "法律工作部",
         "宣传教育部", "女职工部", "财务部", "网络工作部", "基层工作部", "技术协作中心", "研究室",
         "保障中心", "信息中心"]
HEADING = re.compile(r"^[一二三四五六七八九十]+、")
# table → (its introduction, a word of its header, whether its rows are ruled)
TABLES = {"部门统计表": ("各责任部门整改进展情况如下", "问题总数", True),
          "完成率图": ("各部门整改完成率", "完成情况", False),
          "超期事项": ("三、超期事项", "问题描述", True)}
SWEEP = ["example"] + [f"d{d:02d}-x{x}" for d in (5, 8, 10, 13, 16) for x in (0, 2, 4, 7, 8, 9)]


def campaign(name: str):
    """The example campaign (`example`), or it with `d` departments sharing its issues and
    `x` more lines of 主送机关 (`dD-xX`)."""
    from hongtou.read import read_campaign

    if name == "example":
        return read_campaign(DATA)
    depts, extra = (int(v) for v in re.fullmatch(r"d(\d+)-x(\d)", name).groups())
    c = copy.deepcopy(read_campaign(DATA))
    if extra:
        c.meta.addressee = c.meta.addressee.rstrip("：:") + "、" + (FILL * 20)[:extra * 28 - 1]
    for n, issue in enumerate(c.issues):
        issue.department = NAMES[n % depts]
    return c


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """{name: [page lines]} and the open PDFs of the swept 通报s."""
    need_render()
    import pymupdf

    from hongtou.docs import report
    from hongtou.docs.template import TemplateSet
    from hongtou.rules.status import assess

    base = tmp_path_factory.mktemp("report-pages")
    files = []
    for name in SWEEP:
        c = campaign(name)
        path = base / f"{name}.docx"
        path.write_bytes(report.render(c, assess(c, TODAY), TemplateSet([])))
        files.append(path)
    pdfs = convert_to_pdf(files, base / "pdf", base / "lo-profile")
    docs = {name: pymupdf.open(pdfs[name]) for name in SWEEP}
    yield docs
    for d in docs.values():
        d.close()


# -- reading the pages ---------------------------------------------------------------------


def lines(page) -> list[tuple[float, float, str]]:
    """(top, bottom, text) in mm of each line of text above the page number."""
    rows: list[list] = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            text = "".join(s["text"] for s in line["spans"]).strip()
            top, bottom = line["bbox"][1] / MM, line["bbox"][3] / MM
            if not text or top > BLOCK_BOTTOM:
                continue
            row = next((r for r in rows if abs(r[0] - top) < 1), None)
            if row:
                row[1], row[2] = max(row[1], bottom), row[2] + " " + text
            else:
                rows.append([top, bottom, text])
    return sorted(tuple(r) for r in rows)


def row_bottoms(page, head_top: float, ruled: bool) -> list[tuple[float, int]]:
    """(bottom in mm, lines of text) of each row under the header whose text starts at
    `head_top`: from the horizontal rules of a ruled table (the first two are its top and the
    header's foot), from the shaded cells of the chart (one track a bar, a line each)."""
    if ruled:
        lengths: dict[float, float] = {}
        for drawing in page.get_drawings():
            for item in drawing["items"]:
                if item[0] == "l" and abs(item[1].y - item[2].y) < 0.5 and item[1].y / MM > head_top - 4:
                    y = next((k for k in lengths if abs(k - item[1].y / MM) <= 1), item[1].y / MM)
                    lengths[y] = lengths.get(y, 0) + abs(item[2].x - item[1].x) / MM
        ys = sorted(y for y, length in lengths.items() if length > 60)
        rules = ys[:1]
        for y in ys[1:]:
            if y - rules[-1] > 25:       # the table has ended (the 版记's rules are far below)
                break
            rules.append(y)
        return [(b, round((b - a) / ROW_PITCH)) for a, b in zip(rules[1:], rules[2:])]
    out: list[float] = []
    for y in sorted(d["rect"].y1 / MM for d in page.get_drawings()
                    if d.get("fill") and d["rect"].y0 / MM > head_top and d["rect"].width / MM > 5):
        if not out or y - out[-1] > 1:
            out.append(y)
    return [(y, 1) for y in out]


class Table:
    """Where one table of a rendered 通报 stands."""

    def __init__(self, doc, key: str):
        intro, head, ruled = TABLES[key]
        self.pages = [lines(p) for p in doc]
        self.intro = next((k, i) for k, ls in enumerate(self.pages)
                          for i, (_, _, t) in enumerate(ls) if intro in t)
        self.heads = [(k, i) for k, ls in enumerate(self.pages)
                      for i, (_, _, t) in enumerate(ls) if head in t]
        self.rows = [row_bottoms(doc[k], self.pages[k][i][0], ruled) for k, i in self.heads]

    def lines(self, part: int) -> int:
        """Lines of rows in the table's `part` (one a page)."""
        return sum(n for _, n in self.rows[part])

    def held(self) -> float | None:
        """The bottom (mm) of the row that brings the first page's rows to `LINES` lines."""
        total = 0
        for bottom, n in self.rows[0]:
            total += n
            if total >= LINES:
                return bottom
        return None

    def chain_start(self) -> int:
        """The index on its page of the first line kept with the table: the introduction,
        and a heading right above it."""
        page, i = self.intro
        while i > 0 and HEADING.match(self.pages[page][i - 1][2]):
            i -= 1
        return i


def tables(pages):
    for name, doc in pages.items():
        for key in TABLES:
            yield f"{name} {key}", Table(doc, key)


# -- the rules -----------------------------------------------------------------------------


def test_no_introduction_ends_a_page_without_its_table(pages):
    bad = [name for name, t in tables(pages) if t.heads[0][0] != t.intro[0]]
    assert bad == []


def test_a_table_starts_with_two_lines_of_rows_under_its_header(pages):
    bad = [(name, t.lines(0)) for name, t in tables(pages)
           if t.lines(0) < min(LINES, sum(map(t.lines, range(len(t.rows)))))]
    assert bad == []


def test_a_split_table_carries_two_lines_of_rows_onto_its_last_page(pages):
    split = [(name, t) for name, t in tables(pages) if len(t.heads) > 1]
    assert split, "the sweep should split a table"
    assert [(name, t.lines(-1)) for name, t in split if t.lines(-1) < LINES] == []


def test_no_page_foot_is_left_blank_where_the_table_would_have_started(pages):
    """When the table (with its introduction) starts a page, the foot of the page before had
    less room than the introduction, the header and two lines of rows take."""
    moved, bad = 0, []
    for name, t in tables(pages):
        page, _ = t.intro
        if t.chain_start() or page == 0 or t.held() is None:
            continue
        moved += 1
        free = BLOCK_BOTTOM - t.pages[page - 1][-1][1]
        need = t.held() - t.pages[page][0][0]
        if free >= need + MEASURE:
            bad.append((name, round(free, 1), round(need, 1)))
    assert moved, "the sweep should move a table to a new page"
    assert bad == []


def test_the_record_has_a_page_of_its_own_only_when_it_must(pages):
    """§7.5: the 版记 stands alone (on an unnumbered page) only when it does not fit under the
    text. The page break is predicted (`layout.paginate`): a header kept with its first rows
    was counted twice where the rows moved to the next page, and the example's 通报 got a
    fourth page holding only its 版记."""
    alone, bad = 0, []
    for name, doc in pages.items():
        last = [ln for ln in lines(doc[-1]) if ln[1] < BLOCK_BOTTOM + 1]
        if any("抄送" not in t and "印发" not in t for _, _, t in last):
            continue                 # the 版记 shares its page with text
        alone += 1
        record = last[-1][1] - last[0][0]
        free = BLOCK_BOTTOM - lines(doc[-2])[-1][1]
        if free >= record + MEASURE:
            bad.append((name, round(free, 1), round(record, 1)))
    assert alone < len(pages)
    assert bad == []


# -- what the document says (no rendering) --------------------------------------------------


@pytest.mark.parametrize("n, tall, kept", [
    (1, 1, [0]), (2, 1, [0, 1]), (3, 1, [0, 1, 2]), (4, 1, [0, 1, 3]), (7, 1, [0, 1, 6]),
    (1, 2, [0]), (3, 2, [0]), (7, 2, [0])])
def test_the_header_and_two_lines_of_rows_keep_with_the_next(docx_xml, n, tall, kept):
    """w:keepNext on every paragraph of a kept row (rows counted with the header as 0): the
    header and the first rows until they hold two lines, the last rows likewise; rows of
    `tall` lines."""
    from lxml import etree

    from hongtou.layout.ooxml import TableColumn, table

    xml = table([TableColumn("部门", g.Mm(40)), TableColumn("完成率", g.Mm(20))],
                [[f"部门{i}" + "\n第二行" * (tall - 1), "50.0%"] for i in range(n)],
                header_style="H", cell_style="T", hold=LINES)
    rows = etree.fromstring(f'<w:body xmlns:w="{docx_xml.ns["w"]}">{xml}</w:body>').findall(
        ".//w:tr", docx_xml.ns)
    keeps = [i for i, tr in enumerate(rows)
             if all(p.find("w:pPr/w:keepNext", docx_xml.ns) is not None
                    for p in tr.iterfind(".//w:p", docx_xml.ns))]
    assert keeps == kept
    assert not any(tr.find(".//w:keepNext", docx_xml.ns) is not None
                   for i, tr in enumerate(rows) if i not in kept)


def test_the_department_tables_sentence_keeps_with_it(docx_xml, example_out):
    root = docx_xml(example_out / "进展通报.docx")
    ns = docx_xml.ns
    sentence = next(p for p in root.iterfind(".//w:body/w:p", ns)
                    if "".join(p.itertext()).startswith("各责任部门整改进展情况如下"))
    assert sentence.find("w:pPr/w:keepNext", ns) is not None
    assert sentence.getnext().tag == docx_xml.w("tbl")
