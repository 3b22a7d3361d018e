"""进展通报.docx of the example build: the figures, the department table with its 合计, the
overdue list, the completion-rate chart, the red header, and the pages as LibreOffice lays
them out.

Expected figures are counted here from the model (example_campaign) by the ledger's rule,
independently of hongtou.rules.status.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from hongtou.layout import gbt9704 as g
from hongtou.docs.chart import Bar, bar_chart
from hongtou.layout.ooxml import TableColumn
from hongtou.model import Status, WhenKind
from hongtou.verify import check_xml

from tests.helpers import need_render
from tests.verify.known import known, xfail

TODAY = date(2022, 4, 20)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W_NS}
W = f"{{{W_NS}}}"
DEPT_HEAD = ["责任部门", "问题总数", "已完成", "整改中", "未启动", "长期坚持", "已超期", "完成率"]
OVERDUE_HEAD = ["序号", "责任部门", "问题描述", "整改时限", "超期天数"]
CHART_HEAD = ["责任部门", "完成情况", "完成率"]


# -- counting by hand ----------------------------------------------------------------------


def days_late(issue, meta, today=TODAY) -> int | None:
    """Days past the deadline of an unfinished issue (None when it is not late)."""
    if issue.status in (Status.DONE, Status.CLOSED, Status.ONGOING) \
            or issue.deadline.kind is WhenKind.ONGOING:
        return None
    due = meta.date if issue.deadline.kind is WhenKind.IMMEDIATE else issue.deadline.last
    late = (today - due).days
    return late if late > 0 else None


def due_soon(issue, meta, today=TODAY) -> bool:
    if issue.status in (Status.DONE, Status.CLOSED, Status.ONGOING) \
            or issue.deadline.kind is WhenKind.ONGOING:
        return False
    due = meta.date if issue.deadline.kind is WhenKind.IMMEDIATE else issue.deadline.last
    return 0 <= (due - today).days <= meta.warn_days


def pct(part: int, whole: int) -> str:
    return f"{part / whole * 100:.1f}%"


def expected_rows(c) -> list[list[str]]:
    order: list[str] = []
    for i in c.issues:
        if i.department not in order:
            order.append(i.department)

    def row(name, items):
        n = len(items)
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in items)
        return [name, str(n), str(done),
                str(sum(i.status is Status.IN_PROGRESS for i in items)),
                str(sum(i.status is Status.NOT_STARTED for i in items)),
                str(sum(i.status is Status.ONGOING for i in items)),
                str(sum(days_late(i, c.meta) is not None for i in items)), pct(done, n)]

    return ([row(d, [i for i in c.issues if i.department == d]) for d in order]
            + [row("合计", c.issues)])


# -- reading the document ------------------------------------------------------------------


def text(el) -> str:
    return "".join(el.xpath(".//w:t/text()", namespaces=NS))


def body_texts(root) -> list[str]:
    """Text of every top-level paragraph (not inside tables or the 版记's text box)."""
    return [text(p) for p in root.xpath("/w:document/w:body/w:p", namespaces=NS)]


def table_rows(tbl) -> list[list[str]]:
    return [[text(tc) for tc in tr.xpath("w:tc", namespaces=NS)]
            for tr in tbl.xpath("w:tr", namespaces=NS)]


def table_with_head(root, head: list[str]):
    found = [t for t in root.xpath("/w:document/w:body/w:tbl", namespaces=NS)
             if table_rows(t)[0] == head]
    assert len(found) == 1, f"one table headed {head}, found {len(found)}"
    return found[0]


@pytest.fixture(scope="module")
def report_path(example_out) -> Path:
    return example_out / "进展通报.docx"


@pytest.fixture(scope="module")
def root(report_path, docx_xml):
    return docx_xml(report_path)


# -- content -------------------------------------------------------------------------------


class DescribeProgressReport:
    def it_states_the_overall_figures_counted_from_the_model(self, root, example_campaign):
        c = example_campaign
        n = len(c.issues)
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in c.issues)
        red = sum(days_late(i, c.meta) is not None for i in c.issues)
        soon = sum(due_soon(i, c.meta) for i in c.issues)
        assert (n, done, red, soon, c.meta.warn_days) == (36, 12, 6, 5, 7)
        sentence = (f"截至4月20日，共查摆问题{n}个，已完成{done}个，完成率{pct(done, n)}；"
                    f"其中已超期未完成{red}个，{c.meta.warn_days}日内到期{soon}个。")
        assert sentence == ("截至4月20日，共查摆问题36个，已完成12个，完成率33.3%；"
                            "其中已超期未完成6个，7日内到期5个。")
        assert sentence in body_texts(root)

    def it_titles_and_addresses_it_as_a_tongbao(self, root, example_campaign):
        m = example_campaign.meta
        texts = body_texts(root)
        title = root.xpath("//w:p[w:pPr/w:pStyle/@w:val='GwTitle']", namespaces=NS)
        assert [text(p) for p in title] == [f"关于{m.campaign}问题整改进展情况的通报"]
        assert f"{m.addressee.rstrip('：:')}：" in texts

    def it_has_the_four_sections_in_order(self, root):
        texts = body_texts(root)
        heads = ["一、总体进展", "二、各部门进展", "三、超期事项", "四、下一步工作要求"]
        positions = [texts.index(h) for h in heads]
        assert positions == sorted(positions)
        h1 = root.xpath("//w:p[w:pPr/w:pStyle/@w:val='GwH1']", namespaces=NS)
        assert [text(p) for p in h1] == heads
        assert texts[positions[-1] + 1].startswith("各责任部门要")

    def it_tabulates_each_department_and_the_total(self, root, example_campaign):
        rows = table_rows(table_with_head(root, DEPT_HEAD))
        assert rows[1:] == expected_rows(example_campaign)
        assert rows[-1] == ["合计", "36", "12", "15", "6", "3", "6", "33.3%"]

    def it_lists_exactly_the_overdue_items(self, root, example_campaign):
        c = example_campaign
        late = [(i, days_late(i, c.meta)) for i in c.issues]
        want = [[str(n), i.department, i.description, i.deadline.text, f"{d}天"]
                for n, (i, d) in enumerate([x for x in late if x[1] is not None], 1)]
        rows = table_rows(table_with_head(root, OVERDUE_HEAD))
        assert rows[1:] == want
        assert len(want) == 6

    def it_draws_a_bar_per_department_as_long_as_its_rate(self, root, example_campaign):
        tbl = table_with_head(root, CHART_HEAD)
        grid = [int(c.get(W + "w")) for c in tbl.xpath("w:tblGrid/w:gridCol", namespaces=NS)]
        assert len(grid) == 102 and sum(grid) == g.twips(g.BLOCK_WIDTH)
        axis = sum(grid[1:-1])
        bars = {}
        for tr in tbl.xpath("w:tr", namespaces=NS)[1:]:
            cells = tr.xpath("w:tc", namespaces=NS)
            if len(cells) < 3 or not text(cells[0]):
                continue
            fills = [(int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or 1),
                      int(tc.xpath("string(w:tcPr/w:tcW/@w:w)", namespaces=NS)),
                      tc.xpath("string(w:tcPr/w:shd/@w:fill)", namespaces=NS))
                     for tc in cells[1:-1]]
            assert sum(span for span, _, _ in fills) == 100
            assert sum(w for _, w, _ in fills) == axis
            bars[text(cells[0])] = (fills, text(cells[-1]))
        want = {r[0]: r for r in expected_rows(example_campaign)[:-1]}
        assert list(bars) == list(want)
        for dept, (fills, value) in bars.items():
            total, done = int(want[dept][1]), int(want[dept][2])
            assert value == pct(done, total)
            shaded = sum(w for _, w, fill in fills if fill == "808080")
            assert abs(shaded / axis - done / total) <= 0.01, dept
            if done == 0:
                assert shaded == 0

    def it_signs_dates_and_records_it_on_the_assessment_day(self, root, example_campaign):
        """Signed by the organ whose mark and 字号 it carries (通报机关, by default the
        发文机关: it carried the 党组's mark and 字号 but was signed by the 办公室)."""
        m = example_campaign.meta
        texts = body_texts(root)
        assert m.report_organ == m.organ
        i = texts.index(m.organ)
        assert texts[i + 1] == "2022年4月20日"
        assert m.printer not in texts[i - 3:i + 2]
        record = text(root.xpath("//w:txbxContent", namespaces=NS)[0])
        assert record.endswith(f"{m.printer}2022年4月20日印发")

    def it_carries_the_notices_mark_and_its_own_wenhao_not_the_plans(self, root,
                                                                     example_campaign):
        m = example_campaign.meta
        texts = [t for t in body_texts(root) if t]
        assert texts[0] == m.mark
        assert texts[1] == m.report_number == "六工党〔2022〕15号"   # 通报字号, normalised
        assert m.number and m.number not in "".join(texts)

    def it_leaves_the_wenhao_line_out_when_there_is_no_tongbao_zihao(self, example_campaign):
        import io
        import zipfile
        from dataclasses import replace

        from lxml import etree

        from hongtou.docs import report
        from hongtou.docs.template import TemplateSet
        from hongtou.rules.status import assess

        c = example_campaign
        c = replace(c, meta=replace(c.meta, report_number=""))
        blob = report.render(c, assess(c, TODAY), TemplateSet([]))
        root = etree.fromstring(zipfile.ZipFile(io.BytesIO(blob)).read("word/document.xml"))
        texts = [t for t in body_texts(root) if t]
        assert texts[0] == c.meta.mark
        assert "〔" not in "".join(texts[:3])

    def it_passes_the_red_header_checks(self, report_path):
        failed = [c.line() for c in check_xml(report_path) if not c.ok]
        assert failed == []
        clauses = {c.clause for c in check_xml(report_path)}
        assert {"§7.2.4", "§7.2.6", "§7.3.1", "§7.4.1", "§7.5"} <= clauses


class DescribeBarChart:
    """Edge cases of the table-drawn bar chart."""

    def spans(self, share: float):
        xml = bar_chart([Bar("部门", share, "")], label=TableColumn("", g.Mm(30)), axis=g.Mm(100),
                        value=TableColumn("", g.Mm(26)), header_style="H", cell_style="T",
                        heads=("a", "b", "c"))
        from lxml import etree
        tbl = etree.fromstring(f'<w:root xmlns:w="{W_NS}">{xml}</w:root>')[0]
        row = [tr for tr in tbl.xpath("w:tr", namespaces=NS)
               if text(tr.xpath("w:tc", namespaces=NS)[0]) == "部门"][0]
        return [(int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or 1),
                 tc.xpath("string(w:tcPr/w:shd/@w:fill)", namespaces=NS))
                for tc in row.xpath("w:tc", namespaces=NS)[1:-1]]

    def it_shows_an_empty_track_for_nothing_done(self):
        assert self.spans(0.0) == [(100, "EDEDED")]

    def it_fills_the_whole_axis_when_all_is_done(self):
        assert self.spans(1.0) == [(100, "808080")]

    def it_never_shows_a_started_bar_empty_or_an_unfinished_one_full(self):
        assert self.spans(0.002) == [(1, "808080"), (99, "EDEDED")]
        assert self.spans(0.998) == [(99, "808080"), (1, "EDEDED")]
        assert self.spans(1 / 3) == [(33, "808080"), (67, "EDEDED")]


# -- rendered ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def verified(report_path, tmp_path_factory):
    """`verify([report], render=True)` — its one LibreOffice call — keeping the PDF it made."""
    need_render()
    import hongtou.verify as v

    keep = tmp_path_factory.mktemp("report-pdf")
    real = v.to_pdf
    calls = []

    def to_pdf(paths, outdir):
        calls.append(paths)
        return {p: Path(shutil.copyfile(pdf, keep / f"{p.stem}.pdf"))
                for p, pdf in real(paths, outdir).items()}

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(v, "to_pdf", to_pdf)
        results = v.verify([report_path], render=True)
    assert len(calls) == 1
    return results[report_path], keep / f"{report_path.stem}.pdf"


class DescribeRenderedReport:
    def it_passes_every_check_when_laid_out(self, verified):
        checks, _ = verified
        assert [c.line() for c in checks if not c.ok and not known(c)] == []
        rendered = [c for c in checks if c.clause == "§7.5" and c.rule.startswith("第")]
        assert rendered, "no page was measured"
        assert any(c.rule == "发文机关标志上边缘距页面上边" for c in checks)
        assert any(c.rule == "版记末条分隔线位于末页版心下边缘" for c in checks)

    def it_ends_the_print_date_one_zi_inside_the_block(self, verified):
        checks, _ = verified
        assert [c.line() for c in checks if not c.ok] == []

    def it_shows_the_completion_rate_on_page_one(self, verified):
        import pymupdf

        _, pdf = verified
        with pymupdf.open(pdf) as doc:
            first = doc[0].get_text().replace(" ", "").replace("\n", "")
        assert "完成率" in first
        assert "共查摆问题36个" in first
