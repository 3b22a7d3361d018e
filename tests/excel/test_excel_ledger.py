"""整改台账.xlsx: open the produced bytes and read back what a user would see."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from datetime import datetime

import openpyxl
import pytest

from excel_samples import ROWS, TODAY, sample
from hongtou.excel import ledger_workbook

HEADER = ["序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任部门", "责任人", "整改时限",
          "整改状态", "进展情况", "完成日期", "备注", "状态灯", "剩余天数", "ID", "到期日"]
DATE_FORMAT = 'yyyy"年"m"月"d"日"'
FIRST, LAST = 4, 3 + len(ROWS)  # data rows of the 整改台账 sheet


def load(data: bytes, data_only: bool = False) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)


@pytest.fixture(scope="module")
def data():
    return ledger_workbook(*sample())


@pytest.fixture(scope="module")
def wb(data):
    return load(data)


@pytest.fixture(scope="module")
def cached(data):
    """The workbook as a reader that does not recalculate sees it (formulas' stored values)."""
    return load(data, data_only=True)


@pytest.fixture(scope="module")
def ws(wb):
    return wb["整改台账"]


def column(ws, header: str, row: int = 3) -> str:
    return openpyxl.utils.get_column_letter(
        [c.value for c in ws[row]].index(header) + 1)


def rows_as_dicts(ws, first=FIRST, last=LAST):
    return [dict(zip(HEADER, values))
            for values in ws.iter_rows(first, last, 1, len(HEADER), values_only=True)]


class DescribeLedgerSheet:
    def it_has_the_three_sheets_in_order(self, wb):
        assert wb.sheetnames == ["整改台账", "统计", "工作安排"]

    def it_has_a_merged_bold_title_and_the_as_of_line(self, ws):
        title = ws["A1"]
        assert title.value == "作风建设大讨论活动问题整改台账"
        assert (title.font.name, title.font.b, title.font.sz) == ("黑体", True, 16)
        assert "A1:N1" in {str(r) for r in ws.merged_cells.ranges}
        assert ws["A2"].value == "统计截至："
        as_of = ws["C2"]  # the date every 状态灯 and 剩余天数 is computed against
        assert as_of.value == datetime(2022, 4, 20) and as_of.number_format == DATE_FORMAT
        assert not as_of.protection.locked and as_of.fill.fgColor.rgb.endswith("FFF2CC")
        assert {"A2:B2", "D2:N2"} <= {str(r) for r in ws.merged_cells.ranges}

    def it_has_the_header_row(self, ws):
        assert [c.value for c in ws[3]] == HEADER
        head = ws["C3"]
        assert head.font.b and head.fill.fgColor.rgb.endswith("D9D9D9")
        assert head.border.left.style == "thin"

    def it_writes_one_row_per_issue_in_order(self, ws):
        rows = rows_as_dicts(ws)
        assert [r["ID"] for r in rows] == [r[0] for r in ROWS]
        assert [r["序号"] for r in rows] == list(range(1, len(ROWS) + 1))
        assert ws.cell(LAST + 1, 1).value is None

    def it_writes_day_deadlines_as_dates_and_wording_as_text(self, ws):
        rows = {r["ID"]: r for r in rows_as_dicts(ws)}
        deadline = column(ws, "整改时限")
        assert rows["Q1"]["整改时限"] == datetime(2022, 3, 31)
        assert ws[f"{deadline}{FIRST}"].number_format == DATE_FORMAT
        assert rows["Q3"]["整改时限"] == "4月下旬"
        assert rows["Q4"]["整改时限"] == "长期坚持"
        assert rows["Q5"]["整改时限"] == "立行立改"

    def it_writes_completion_dates_as_dates(self, ws):
        rows = {r["ID"]: r for r in rows_as_dicts(ws)}
        assert rows["Q2"]["完成日期"] == datetime(2022, 3, 28)
        assert ws[f"{column(ws, '完成日期')}{FIRST + 1}"].number_format == DATE_FORMAT
        assert rows["Q1"]["完成日期"] is None

    def it_stores_status_light_and_days_left_with_their_formulas(self, ws, cached):
        got = {r["ID"]: (r["整改状态"], r["状态灯"], r["剩余天数"])
               for r in rows_as_dicts(cached["整改台账"])}
        assert got == {key: (status.value, light.value, days)
                       for key, _, _, status, _, light, days, _ in ROWS}
        assert ws[f"M{FIRST}"].value == (
            '=IF(OR(I4="已完成",I4="已销号",I4="长期坚持",P4=""),"绿",'
            'IF(P4<$C$2,"红",IF(P4-$C$2<=10,"黄","绿")))')
        assert ws[f"N{FIRST}"].value == '=IF(OR(I4="已完成",I4="已销号",I4="长期坚持",P4=""),"",P4-$C$2)'
        due = {r["ID"]: r["到期日"] for r in rows_as_dicts(ws)}
        typed = ('IF(H{0}="立行立改",DATE(2022,3,1),IF(H{0}="年底前",DATE(2022,12,31),'
                 'IFERROR(IF(RIGHT(H{0},2)="月底",DATE(2022,VALUE(LEFT(H{0},LEN(H{0})-2))+1,0),'
                 '""),"")))')
        assert due["Q1"] == f"=IF(ISNUMBER(H4),H4,{typed.format(4)})"
        assert due["Q3"] == f'=IF(ISNUMBER(H6),H6,IF(H6="4月下旬",DATE(2022,4,30),{typed.format(6)}))'
        assert ws.column_dimensions["P"].hidden

    def it_hides_the_id_column(self, ws):
        assert ws.column_dimensions["O"].hidden
        assert not ws.column_dimensions["N"].hidden

    def it_makes_the_text_columns_wide_and_wraps_them(self, ws):
        for header in ("问题描述", "整改措施", "进展情况"):
            assert ws.column_dimensions[column(ws, header)].width >= 30
        assert ws.column_dimensions["A"].width < 10
        assert ws[f"C{FIRST}"].alignment.wrap_text

    def it_sets_body_font_and_borders(self, ws):
        cell = ws[f"C{FIRST}"]
        assert (cell.font.name, cell.font.sz, cell.font.b) == ("宋体", 11, False)
        assert cell.border.bottom.style == "thin"
        assert ws[f"K{FIRST}"].border.top.style == "thin"  # empty cells are boxed too

    def it_offers_the_status_drop_down_on_the_data_rows(self, ws):
        (dv,) = ws.data_validations.dataValidation
        assert dv.type == "list"
        assert dv.formula1 == '"未启动,整改中,已完成,已销号,长期坚持"'
        assert str(dv.sqref) == f"I{FIRST}:I{LAST}"
        assert dv.showErrorMessage

    def it_colours_the_lights_by_their_text(self, ws):
        rules = {}
        for cf in ws.conditional_formatting:
            assert str(cf.sqref) == f"M{FIRST}:M{LAST}"
            for rule in cf.rules:
                rules[rule.formula[0]] = rule.dxf.fill.fgColor.rgb[-6:]
        assert rules == {'"红"': "FFC7CE", '"黄"': "FFEB9C", '"绿"': "C6EFCE"}

    def it_freezes_and_filters_below_the_header(self, ws):
        assert ws.freeze_panes == "A4"
        assert ws.auto_filter.ref == f"A3:P{LAST}"

    def it_prints_a4_landscape_one_page_wide_with_the_header_repeated(self, ws):
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.print_title_rows == "$3:$3"
        assert ws.oddFooter.center.text == "第 &P 页 共 &N 页"
        assert ws.page_margins.left < 0.75

    def it_gives_wrapped_rows_room_for_their_lines(self):
        long = "干部职工中存在慵懒散慢拖现象，个别同志工作标准不高，满足于完成任务。" * 4
        ws = load(ledger_workbook(*sample(Q1={"description": long})))["整改台账"]
        assert ws.row_dimensions[FIRST].height >= 5 * 15
        assert ws.row_dimensions[FIRST + 1].height is None or \
            ws.row_dimensions[FIRST + 1].height < 5 * 15


class DescribeCellText:
    def it_keeps_formula_like_text_as_text(self):
        data = ledger_workbook(*sample(Q1={"description": "=1+1", "remark": "-已完成",
                                           "progress": "@张三"}))
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheet = z.read("xl/worksheets/sheet1.xml").decode()
        assert "<f>=" not in sheet and "<f>-" not in sheet and "<f>@" not in sheet
        ws = load(data)["整改台账"]
        cell = ws[f"C{FIRST}"]
        assert (cell.value, cell.data_type) == ("=1+1", "s")
        assert cell.quotePrefix  # stays text when edited in Excel
        assert ws[f"L{FIRST}"].value == "-已完成"
        assert ws[f"J{FIRST}"].value == "@张三"

    def it_strips_control_characters_and_keeps_word_line_breaks(self):
        data = ledger_workbook(*sample(Q1={"description": "整改\x01措施\x1f到位",
                                           "remark": "第一行\x0b第二行"}))
        ws = load(data)["整改台账"]
        assert ws[f"C{FIRST}"].value == "整改措施到位"
        assert ws[f"L{FIRST}"].value == "第一行\n第二行"


def assert_same_stats(got: dict[str, list], want: dict[str, list]) -> None:
    """Counts equal exactly, the completion rate (last) to float precision."""
    assert list(got) == list(want)
    for name in want:
        assert got[name][:-1] == want[name][:-1], name
        assert got[name][-1] == pytest.approx(want[name][-1]), name


class DescribeStatisticsSheet:
    STATS_HEADER = ["问题总数", "已完成", "整改中", "未启动", "长期坚持", "已超期", "临期", "完成率"]

    def recount(self, ws, key: str) -> dict[str, list]:
        """Count the 整改台账 sheet itself: group → the 统计 row it should have."""
        counts: dict[str, Counter] = {}
        for row in rows_as_dicts(ws):
            c = counts.setdefault(row[key], Counter())
            c["问题总数"] += 1
            status = row["整改状态"]
            c["已完成"] += status in ("已完成", "已销号")
            c[status] += status not in ("已完成", "已销号")
            c["已超期"] += row["状态灯"] == "红"
            c["临期"] += row["状态灯"] == "黄" and status not in ("已完成", "已销号")
        return {name: [c[h] for h in self.STATS_HEADER[:-1]] + [c["已完成"] / c["问题总数"]]
                for name, c in counts.items()}

    def table(self, stats, header_row):
        out, row = {}, header_row + 1
        while stats.cell(row, 1).value not in (None, "合计"):
            out[stats.cell(row, 1).value] = [stats.cell(row, c).value for c in range(2, 10)]
            row += 1
        total = [stats.cell(row, c).value for c in range(2, 10)]
        return out, total, row

    def it_counts_per_department_as_the_ledger_sheet_shows(self, cached):
        stats = cached["统计"]
        assert [c.value for c in stats[3]] == ["责任部门", *self.STATS_HEADER]
        got, total, total_row = self.table(stats, 3)
        assert list(got) == ["办公室", "财务科", "业务科"]  # first-appearance order
        assert_same_stats(got, self.recount(cached["整改台账"], "责任部门"))
        assert stats.cell(total_row, 1).value == "合计"
        assert total[:-1] == [sum(v[i] for v in got.values()) for i in range(7)]
        assert total[-1] == pytest.approx(2 / 7)

    def it_counts_per_category_below(self, cached):
        stats = cached["统计"]
        _, _, dept_total = self.table(stats, 3)
        header = dept_total + 2
        assert [c.value for c in stats[header]] == ["问题类别", *self.STATS_HEADER]
        got, total, _ = self.table(stats, header)
        assert_same_stats(got, self.recount(cached["整改台账"], "问题类别"))
        assert total[0] == len(ROWS)

    def it_formats_rates_as_percent(self, wb):
        assert wb["统计"]["I4"].number_format == "0.0%"

    def it_counts_with_formulas_over_the_ledger_sheet(self, wb):
        stats = wb["统计"]
        dept, status, light = ("'整改台账'!$F$4:$F$10", "'整改台账'!$I$4:$I$10",
                               "'整改台账'!$M$4:$M$10")
        assert [stats.cell(4, c).value for c in range(2, 10)] == [
            f"=COUNTIFS({dept},$A4)",
            f'=COUNTIFS({dept},$A4,{status},"已完成")+COUNTIFS({dept},$A4,{status},"已销号")',
            f'=COUNTIFS({dept},$A4,{status},"整改中")',
            f'=COUNTIFS({dept},$A4,{status},"未启动")',
            f'=COUNTIFS({dept},$A4,{status},"长期坚持")',
            f'=COUNTIFS({dept},$A4,{light},"红")',
            f'=COUNTIFS({dept},$A4,{light},"黄",{status},"<>已完成",{status},"<>已销号")',
            "=IF(B4=0,0,C4/B4)"]
        assert stats["B7"].value == "=SUM(B4:B6)" and stats["I7"].value == "=IF(B7=0,0,C7/B7)"
        assert stats["B10"].value == "=COUNTIFS('整改台账'!$B$4:$B$10,$A10)"  # per 问题类别

    def it_stores_each_formula_with_its_value(self, data):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            sheet = z.read("xl/worksheets/sheet2.xml").decode()
        formulas = re.findall(r"<c [^>]*><f>[^<]*</f>(<v>[^<]*</v>)?</c>", sheet)
        assert len(formulas) == 8 * (3 + 1 + 2 + 1) + 1  # and 统计截至 in row 2
        assert all(formulas)

    def it_writes_values_for_a_name_countifs_would_not_match_exactly(self):
        # "业务*科" as a criterion would also match 业务一科; "2022" would match the number
        data = ledger_workbook(*sample(Q6={"department": "业务*科"}, Q7={"category": "2022"}))
        stats, values = load(data)["统计"], load(data, True)["统计"]
        rows = {stats.cell(r, 1).value: r for r in range(4, 20)}
        assert [stats.cell(rows["业务*科"], c).value for c in range(2, 9)] == [1, 0, 1, 0, 0, 0, 0]
        assert [stats.cell(rows["2022"], c).value for c in range(2, 9)] == [1, 0, 0, 1, 0, 1, 0]
        assert stats.cell(rows["办公室"], 2).value.startswith("=COUNTIFS(")
        assert values.cell(rows["办公室"], 2).value == 3
        assert stats.cell(rows["业务*科"] + 1, 2).value.startswith("=SUM(")   # 合计 still sums

    def it_charts_completion_rate_by_department(self, wb):
        stats = wb["统计"]
        (chart,) = stats._charts
        assert chart.type == "bar"
        (series,) = chart.series
        assert series.val.numRef.f == "'统计'!$I$4:$I$6"
        assert series.cat.strRef.f == "'统计'!$A$4:$A$6"
        # a colour of its own: the workbook has no theme for a chart style to take one from
        assert series.spPr.solidFill.srgbClr == "4F81BD"


class DescribeScheduleSheet:
    def it_lists_the_tasks_with_their_lights(self, cached):
        ws = cached["工作安排"]
        assert ws["A2"].value == "统计截至：2022年4月20日"
        assert [c.value for c in ws[3]] == ["阶段", "工作任务", "责任部门", "责任人", "开始日期",
                                          "完成时限", "成果要求", "状态", "状态灯", "到期日"]
        rows = list(ws.iter_rows(4, 6, values_only=True))
        assert rows[0] == ("第一阶段", "召开动员大会", "办公室", "王五", datetime(2022, 3, 1),
                           datetime(2022, 3, 10), "会议纪要", "已完成", "绿",
                           datetime(2022, 3, 10))
        assert rows[1][4:6] == (None, "4月下旬")
        assert rows[2][5] == "长期坚持"
        assert rows[2][8] == "黄"
        assert ws.freeze_panes == "A4"
        assert ws["E4"].number_format == DATE_FORMAT


class DescribeDeterminism:
    def it_gives_the_same_bytes_for_the_same_input(self):
        assert ledger_workbook(*sample()) == ledger_workbook(*sample())

    def it_stamps_the_as_of_day_not_the_clock(self):
        data = ledger_workbook(*sample())
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        props = load(data).properties
        assert props.created == props.modified == datetime(TODAY.year, TODAY.month, TODAY.day)

    def it_does_not_depend_on_hash_randomisation(self, tmp_path):
        import os
        import subprocess
        import sys
        from pathlib import Path

        here = Path(__file__).parent
        code = ("import sys; sys.path[:0] = [%r, %r]\n"
                "from excel_samples import sample\nfrom hongtou.excel import ledger_workbook\n"
                "sys.stdout.buffer.write(ledger_workbook(*sample()))") % (
                    str(here), str(here.parent.parent))
        outputs = {subprocess.run([sys.executable, "-c", code], capture_output=True, check=True,
                                  env={**os.environ, "PYTHONHASHSEED": seed}).stdout
                   for seed in ("1", "2")}
        assert outputs == {ledger_workbook(*sample())}


def it_handles_a_campaign_without_issues_or_tasks():
    campaign, assessment = sample()
    campaign.issues, campaign.tasks = [], []
    assessment.issue_states, assessment.task_states = {}, []
    assessment.departments, assessment.categories = [], []
    wb = load(ledger_workbook(campaign, assessment))
    assert [c.value for c in wb["整改台账"][3]] == HEADER
    assert wb["统计"]["A4"].value == "合计"
    assert not wb["统计"]._charts


def it_works_with_the_real_assessment():
    from hongtou.rules import status
    campaign, _ = sample()
    wb = load(ledger_workbook(campaign, status.assess(campaign, TODAY)))
    lights = [c.value for (c,) in load(ledger_workbook(campaign, status.assess(
        campaign, TODAY)), True)["整改台账"].iter_rows(FIRST, LAST, 13, 13)]
    assert set(lights) <= {"红", "黄", "绿"} and "红" in lights
