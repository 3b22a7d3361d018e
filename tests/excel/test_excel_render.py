"""The workbooks and the 进展通报 as LibreOffice prints them: the example's 整改台账.xlsx (every
sheet), a 分发 workbook and the 通报, converted to PDF (conftest's one soffice call) and read
back with pymupdf. Every figure is counted here from the model, not taken from hongtou."""

from __future__ import annotations

import re

import pytest

from hongtou.model import Status

from tests.docs.test_report import days_late, due_soon, pct
from tests.helpers import need_render

try:
    import pymupdf
except ImportError:     # need_render below skips, or fails under HONGTOU_REQUIRE_RENDER=1
    pymupdf = None


@pytest.fixture(autouse=True)
def _render_tools():
    need_render()

PT_PER_MM = 72 / 25.4


def pages(path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [p.get_text() for p in doc]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def ledger_pages(example_pdfs) -> list[str]:
    return pages(example_pdfs["台账表"])


def stats_rows(c, by: str) -> dict[str, list[str]]:
    """统计 by 责任部门 or 问题类别 (`by`: the Issue attribute), counted by hand:
    问题总数 已完成 整改中 未启动 长期坚持 已超期 临期 完成率; and the 合计 row."""
    out = {}
    groups = {k: [i for i in c.issues if getattr(i, by) == k]
              for k in dict.fromkeys(getattr(i, by) for i in c.issues)}
    for name, items in [*groups.items(), ("合计", c.issues)]:
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in items)
        out[name] = [str(len(items)), str(done),
                     str(sum(i.status is Status.IN_PROGRESS for i in items)),
                     str(sum(i.status is Status.NOT_STARTED for i in items)),
                     str(sum(i.status is Status.ONGOING for i in items)),
                     str(sum(days_late(i, c.meta) is not None for i in items)),
                     str(sum(due_soon(i, c.meta) for i in items)), pct(done, len(items))]
    return out


class DescribeTheLedgerWorkbookPrinted:
    def it_prints_landscape_a4_pages_numbered_n_of_m(self, example_pdfs, ledger_pages):
        with pymupdf.open(example_pdfs["台账表"]) as doc:
            sizes = {(round(p.rect.width / PT_PER_MM), round(p.rect.height / PT_PER_MM))
                     for p in doc}
        assert sizes == {(297, 210)}
        m = len(ledger_pages)
        assert m >= 3   # 台账 (at least one page), 统计, 工作安排
        assert [re.search(r"第 (\d+) 页 共 (\d+) 页", t).groups() for t in ledger_pages] == \
            [(str(n), str(m)) for n in range(1, m + 1)]

    def it_prints_every_issue_in_full(self, ledger_pages, example_campaign):
        text = flat("".join(ledger_pages))
        for i in example_campaign.issues:
            assert flat(i.description) in text, i.seq
            assert flat(i.measures) in text, i.seq

    def it_repeats_the_header_row_on_every_ledger_page(self, ledger_pages):
        ledger = [t for t in ledger_pages if "剩余天数" in t]
        assert len(ledger) >= 2
        for t in ledger:
            assert "序号\n问题类别\n问题描述\n整改措施" in t

    def it_prints_the_statistics_as_counted_by_hand(self, ledger_pages, example_campaign):
        (page,) = [t for t in ledger_pages if "问题整改情况统计" in t]
        lines = page.split("\n")
        by_category = lines.index("问题类别")
        for by, part in (("department", lines[:by_category]), ("category", lines[by_category:])):
            for name, figures in stats_rows(example_campaign, by).items():
                i = part.index(name)
                assert part[i + 1:i + 9] == figures, (by, name)

    def it_prints_the_work_plan_sheet(self, ledger_pages, example_campaign):
        text = flat("".join(ledger_pages))
        assert "活动工作安排" in text
        for t in example_campaign.tasks:
            assert flat(t.department) in text


class DescribeADepartmentWorkbookPrinted:
    def it_prints_that_departments_rows_and_no_others(self, example_pdfs, example_campaign):
        text = flat("".join(pages(example_pdfs["分发"])))
        dept = re.search(r"问题整改台账（(.+?)）", text)[1]
        mine = [i for i in example_campaign.issues if i.department == dept]
        assert mine
        for i in example_campaign.issues:
            assert (flat(i.description) in text) is (i.department == dept), i.seq
        assert "请只填写黄色单元格" in text


class DescribeTheProgressReportPrinted:
    def it_states_the_figures_counted_by_hand(self, example_pdfs, example_campaign):
        c = example_campaign
        text = flat("".join(pages(example_pdfs["进展通报"])))
        done = sum(i.status in (Status.DONE, Status.CLOSED) for i in c.issues)
        red = sum(days_late(i, c.meta) is not None for i in c.issues)
        soon = sum(due_soon(i, c.meta) for i in c.issues)
        assert (f"截至4月20日，共查摆问题{len(c.issues)}个，已完成{done}个，完成率"
                f"{pct(done, len(c.issues))}；其中已超期未完成{red}个，7日内到期{soon}个") in text
        for i in c.issues:
            if days_late(i, c.meta) is not None:
                assert flat(i.description) in text, i.seq
