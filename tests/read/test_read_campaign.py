"""read_campaign on good workbooks: the model it builds, whatever the layout the office used."""

from datetime import date

import pytest

from hongtou.model import (
    DocumentMeta, InputError, Issue, Member, Person, Phase, Status, Task, When, WhenKind,
)
from hongtou.read import read_campaign
from tests.helpers import ISSUE_HEADER, make_workbook, minimal_sheets


def day(y, m, d, text):
    return When(WhenKind.DATE, date(y, m, d), date(y, m, d), text)


ONGOING = When(WhenKind.ONGOING, None, None, "长期坚持")


class DescribeMinimalWorkbook:
    def it_reads_the_meta_with_its_defaults(self, tmp_path):
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", minimal_sheets(), body=None))
        title = "关于市总工会开展“奋勇争先大讨论”活动工作方案"
        assert c.meta == DocumentMeta(
            organ="中共六安市总工会党组", mark="中共六安市总工会党组文件",
            number="六工党〔2022〕7号", campaign=title, plan_title=title,
            title=f"关于印发《{title}》的通知", addressee="市总各部室、职工服务中心",
            date=date(2022, 2, 15), printer="中共六安市总工会党组",
            report_organ="中共六安市总工会党组",
            print_date=date(2022, 2, 15), warn_days=7, feedback_days=3,
        )
        assert c.source == str(tmp_path / "台账.xlsx")
        assert c.body == []

    def it_reads_members_and_persons_with_clean_names(self, tmp_path):
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", minimal_sheets()))
        assert c.members == [
            Member("组长", "王明", "市总工会党组书记、主席", 2),
            Member("副组长", "李华", "市总工会党组成员、副主席", 3),
            Member("成员", "张三", "市总工会办公室主任", 4),
        ]
        assert c.persons[0] == Person("王明", "党组", "书记", "13800000001", 2)
        assert c.persons[3] == Person("赵六", "组织部", "部长", "0564-3333333", 5)

    def it_reads_phases_and_tasks(self, tmp_path):
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", minimal_sheets()))
        assert c.phases[2] == Phase(
            3, "第三阶段", "常态化推进阶段",
            When(WhenKind.PERIOD, date(2022, 4, 1), date(2022, 4, 10), "4月上旬"), ONGOING,
            "建立长效机制", "制度文件", 4)
        assert c.tasks[0] == Task("第一阶段", "召开动员大会", "办公室", "张三",
                                  day(2022, 2, 16, "2月16日"), day(2022, 2, 28, "2月28日"),
                                  "会议纪要", Status.DONE, 2)

    def it_reads_issues_keyed_by_their_seq(self, tmp_path):
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", minimal_sheets()))
        assert c.issues == [
            Issue("Q001", 1, "作风建设", "学习不够深入", "制定学习计划", "李华", "办公室", "张三",
                  day(2022, 3, 31, "3月31日"), Status.IN_PROGRESS, "已制定计划", None, "", 2),
            Issue("Q002", 2, "工作落实", "督办机制不健全", "建立督办台账", "王明", "组织部", "赵六",
                  ONGOING, Status.ONGOING, "", None, "每月通报", 3),
        ]


class DescribeOfficeLayouts:
    def it_skips_titles_blank_rows_and_notes_and_keeps_excel_row_numbers(self, tmp_path):
        sheets = minimal_sheets()
        issues = sheets["问题清单"]
        sheets["问题清单"] = [
            [],
            ["整改问题清单"],                          # row 2, merged A2:L2
            ["填报单位：市总工会", None, None, None, None, None, None, None, None, "2022年2月"],
            [],
            ISSUE_HEADER,                              # row 5
            issues[1],                                 # row 6
            [],
            [3],                                       # row 8: 序号 numbered in advance
            issues[2],                                 # row 9
            [None, "注：整改时限请填写具体日期"],
            ["填表人：张三", None, None, None, "审核人：王明"],
        ]
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets,
                                        merges={"问题清单": ["A2:L2"]}))
        assert [(i.key, i.row, i.description) for i in c.issues] == [
            ("Q001", 6, "学习不够深入"), ("Q002", 9, "督办机制不健全")]

    def it_counts_rows_from_a1_when_the_table_starts_lower_right(self, tmp_path):
        sheets = minimal_sheets()
        sheets["人员"] = [[], [], *([None, None, *row] for row in sheets["人员"])]
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [(p.name, p.row) for p in c.persons] == [
            ("王明", 4), ("李华", 5), ("张三", 6), ("赵六", 7)]

    def it_fills_a_department_merged_down_the_rows(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][2][5] = None     # 组织部 → merged with 办公室 above
        sheets["问题清单"][2][6] = "张三"
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets,
                                        merges={"问题清单": ["F2:F3"]}))
        assert [i.department for i in c.issues] == ["办公室", "办公室"]

    def it_accepts_synonym_headers(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][0] = ["编号", "类别", "存在问题", "整改举措", "分管领导", "责任单位",
                                  "具体责任人", "完成时限", "完成情况", "整改进展", "销号日期", "备注"]
        sheets["人员"][0] = ["姓名", "科室", "岗位", "手机"]
        sheets["领导小组"][0] = ["职务", "姓名", "职务及单位"]
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert c.issues[0].deadline == day(2022, 3, 31, "3月31日")
        assert c.issues[0].leader == "李华"
        assert c.persons[2].department == "办公室"
        assert c.members[0].title == "市总工会党组书记、主席"

    def it_matches_full_width_and_spaced_headers_and_sheet_names(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][0] = ["序　号", " 问题类别", "问题\n描述", "*整改措施", "责任领导",
                                  "责任部门（单位）", "责任人", "整改时限(格式:2022-03-31)",
                                  "整改状态", "进展情况", "完成日期", "备注："]
        sheets[" 问题清单 "] = sheets.pop("问题清单")
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [i.key for i in c.issues] == ["Q001", "Q002"]
        assert c.issues[1].remark == "每月通报"

    def it_numbers_issues_in_order_without_a_seq_column(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"] = [row[1:] for row in sheets["问题清单"]]
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [(i.key, i.seq) for i in c.issues] == [("Q001", 1), ("Q002", 2)]

    def it_keeps_a_role_for_the_rows_below_it(self, tmp_path):
        sheets = minimal_sheets()
        sheets["领导小组"].append([None, "赵六", "组织部部长"])
        sheets["领导小组"].append(["组员", "李华", "党组成员"])
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [(m.role, m.name) for m in c.members][-2:] == [("成员", "赵六"), ("成员", "李华")]

    def it_reads_hidden_sheets_by_name(self, tmp_path):
        sheets = {"说明": [["本工作簿用于……"]], **minimal_sheets()}
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets, hidden=("人员",)))
        assert len(c.persons) == 4

    def it_reads_optional_meta_keys(self, tmp_path):
        sheets = minimal_sheets()
        sheets["发文信息"] += [
            ["抄送机关", "市委办公室，市政府办公室、市纪委监委。"],
            ["印发日期", "2022年2月16日"],
            ["预警天数", 5.0],
            ["反馈时限", "5个工作日"],
            ["统计截至", "3月20日"],
            ["活动名称", "“奋勇争先大讨论”活动"],
            ["份号", 1],
            ["不认识的项目", "忽略"],
        ]
        meta = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets)).meta
        assert meta.cc == ["市委办公室", "市政府办公室", "市纪委监委"]
        assert (meta.print_date, meta.as_of) == (date(2022, 2, 16), date(2022, 3, 20))
        assert (meta.warn_days, meta.feedback_days) == (5, 5)
        assert meta.campaign == "“奋勇争先大讨论”活动"
        assert meta.copy_no == "1"

    def it_requires_the_persons_sheet(self, tmp_path):
        """Issue 15.3: without 人员 every 责任人 check was silently skipped."""
        sheets = minimal_sheets()
        del sheets["人员"]
        sheets["问题清单"][1][6] = "不在名单"
        with pytest.raises(InputError) as err:
            read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [p.message() for p in err.value.problems] == [
            "人员：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、阶段安排、工作安排、问题清单；"
            "请把对应的工作表改名为「人员」"]

    def it_skips_rows_numbered_in_advance_in_any_sheet(self, tmp_path):
        sheets = minimal_sheets()
        sheets["人员"] = [["序号", *sheets["人员"][0]],
                        *([n, *row] for n, row in enumerate(sheets["人员"][1:], start=1)),
                        [5], [6], [7]]
        c = read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets))
        assert [p.name for p in c.persons] == ["王明", "李华", "张三", "赵六"]
