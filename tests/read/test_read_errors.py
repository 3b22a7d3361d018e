"""Bad workbooks: every problem located and worded exactly, all of them in one run."""

import docx
import pytest

from hongtou.model import InputError
from hongtou.read import read_campaign
from tests.helpers import make_workbook, minimal_sheets

STATUS_HINT = ("可填写：未启动（未开始）、整改中（进行中、正在整改）、已完成（已整改、完成）、"
               "已销号、长期坚持（持续整改）")
DATE_HINT = "可写成 2022-03-31、2022年3月31日、3月31日、3月底、3月下旬、年底前、长期坚持、立行立改 等"
NOT_IN_PERSONS = "请核对姓名，或在人员表中补上此人"
FIX_FORMULA = "请改正公式，或直接填写内容"


def messages(path):
    with pytest.raises(InputError) as caught:
        read_campaign(path)
    return [p.message() for p in caught.value.problems]


def issues_with(tmp_path, row, col, value):
    sheets = minimal_sheets()
    sheets["问题清单"][row][col] = value
    return make_workbook(tmp_path / "台账.xlsx", sheets)


class DescribeCellProblems:
    def it_rejects_an_impossible_date(self, tmp_path):
        assert messages(issues_with(tmp_path, 1, 7, "2022-02-30")) == [
            "问题清单 第2行「整改时限」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。"
            "请核对后改为实际存在的日期"]

    def it_rejects_words_in_a_date_column(self, tmp_path):
        assert messages(issues_with(tmp_path, 2, 7, "下周")) == [
            f"问题清单 第3行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}"]

    def it_rejects_an_unknown_status(self, tmp_path):
        assert messages(issues_with(tmp_path, 1, 8, "差不多了")) == [
            f"问题清单 第2行「整改状态」：不是可识别的状态（填写的是「差不多了」）。{STATUS_HINT}"]

    def it_reports_an_error_cell_once(self, tmp_path):
        assert messages(issues_with(tmp_path, 1, 7, "#N/A")) == [
            f"问题清单 第2行「整改时限」：单元格是错误值 #N/A。{FIX_FORMULA}"]

    def it_reports_error_cells_in_any_used_column(self, tmp_path):
        sheets = minimal_sheets()
        sheets["人员"][2][3] = "#REF!"
        sheets["问题清单"][2][2] = "#DIV/0!"
        sheets["问题清单"][2][13:] = ["#VALUE!"]  # an unused column: not reported
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            f"人员 第3行「联系电话」：单元格是错误值 #REF!。{FIX_FORMULA}",
            f"问题清单 第3行「问题描述」：单元格是错误值 #DIV/0!。{FIX_FORMULA}"]

    def it_requires_the_key_cells(self, tmp_path):
        assert messages(issues_with(tmp_path, 1, 2, "  ")) == ["问题清单 第2行「问题描述」：未填写"]

    def it_rejects_a_duplicate_seq(self, tmp_path):
        assert messages(issues_with(tmp_path, 2, 0, 1)) == [
            "问题清单 第3行「序号」：序号与第2行重复（填写的是「1」）。"
            "请给每个问题一个不同的序号（合并的序号单元格请拆分）"]


class DescribeSheetProblems:
    def it_names_a_missing_column_and_its_synonyms(self, tmp_path):
        sheets = minimal_sheets()
        for row in sheets["问题清单"]:
            del row[7]
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "问题清单 第1行「整改时限」：表头中缺少这一列。可用的列名：整改时限、完成时限、时限要求、整改期限"]

    def it_names_a_missing_sheet_and_the_sheets_there_are(self, tmp_path):
        sheets = minimal_sheets()
        sheets["Sheet1"] = sheets.pop("阶段安排")
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "阶段安排：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、人员、工作安排、问题清单、"
            "Sheet1；请把对应的工作表改名为「阶段安排」"]

    def it_finds_no_header_in_a_sheet_of_data_only(self, tmp_path):
        sheets = minimal_sheets()
        sheets["人员"] = sheets["人员"][1:]
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "人员：前15行中找不到表头行。请在数据上方加一行列名：姓名、部门、职务、联系电话"]

    def it_checks_the_meta(self, tmp_path):
        sheets = minimal_sheets()
        sheets["发文信息"] = [["发文机关", "市总工会"], ["发文字号", "六工党2022年7号"],
                           ["成文日期", "2月15日"], ["预警天数", "一周"], ["发文机关", "市总"],
                           ["方案标题", ""]]
        # in the order of the sheet's rows (a missing key, on no row, first)
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "发文信息「主送机关」：缺少这一项。请在第一列写「主送机关」，第二列写内容",
            "发文信息 第2行「发文字号」：年份应当用六角括号〔〕括入（填写的是「六工党2022年7号」）。"
            "应写成 机关代字〔年份〕序号号，如 六工党〔2022〕7号",
            "发文信息 第3行「成文日期」：缺少年份（填写的是「2月15日」）。请写出年份，如 2022年3月31日",
            "发文信息 第4行「预警天数」：应填写天数（填写的是「一周」）。如 7",
            "发文信息 第5行「发文机关」：重复填写（第1行已填写）（填写的是「市总」）。请删除其中一行",
            "发文信息 第6行「方案标题」：未填写"]

    def it_wants_a_day_not_a_period_for_the_date(self, tmp_path):
        sheets = minimal_sheets()
        sheets["发文信息"][5][1] = "2022年2月"
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "发文信息 第6行「成文日期」：应填写具体日期（填写的是「2022年2月」）。如 2022年2月15日"]


class DescribeCrossChecks:
    def it_finds_owners_and_leaders_in_persons(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][1][4] = "钱八"
        sheets["问题清单"][1][6] = "张三、孙七"
        sheets["问题清单"][2][6] = "张三"
        # row by row, though the 责任领导 check runs after the 责任人 one
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            f"问题清单 第2行「责任人」：人员表中没有此人（填写的是「孙七」）。{NOT_IN_PERSONS}",
            f"问题清单 第2行「责任领导」：人员表和领导小组中都没有此人（填写的是「钱八」）。{NOT_IN_PERSONS}",
            "问题清单 第3行「责任人」：此人在人员表中属于「办公室」，与责任部门「组织部」不一致"
            "（填写的是「张三」）。请核对责任部门，或人员表中此人的部门"]

    def it_checks_phases_roles_spans_and_deadlines(self, tmp_path):
        sheets = minimal_sheets()
        sheets["工作安排"][2][0] = "第四阶段"
        sheets["领导小组"][3][0] = "秘书长"
        sheets["阶段安排"][2][3] = "3月1日"
        sheets["问题清单"][1][7] = "2022-01-31"
        assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
            "领导小组 第4行「职务」：职务应为组长、副组长、成员、办公室主任、办公室副主任、办公室成员之一"
            "（填写的是「秘书长」）",
            "阶段安排 第3行「结束日期」：早于开始日期「3月下旬」（填写的是「3月1日」）。请核对这两个日期",
            "工作安排 第3行「阶段」：阶段安排表中没有这个阶段（填写的是「第四阶段」）。"
            "应填写阶段安排表中的阶段：第一阶段、第二阶段、第三阶段（或阶段名称）",
            "问题清单 第2行「整改时限」：早于成文日期2022年2月15日，但尚未完成（填写的是「1月31日」）。"
            "请核对日期（年份是否写错）；已完成的请把状态改为已完成"]

    def it_accepts_a_done_item_due_before_the_date(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][1][7:9] = ["2022-01-31", "已销号"]
        assert read_campaign(make_workbook(tmp_path / "台账.xlsx", sheets)).issues[0].key == "Q001"


class DescribeBadFiles:
    def it_explains_an_empty_file(self, tmp_path):
        (tmp_path / "台账.xlsx").write_bytes(b"")
        assert messages(tmp_path) == [
            "台账.xlsx：文件是空的（0 字节）。文件可能没有保存成功，请找回原文件，或在 Excel/WPS 中重新保存"]

    def it_explains_a_word_document_named_xlsx(self, tmp_path):
        document = docx.Document()
        document.add_paragraph("通知")
        document.save(tmp_path / "台账.xlsx")
        assert messages(tmp_path / "台账.xlsx") == [
            "台账.xlsx：这是 Word 文档（.docx），不是 Excel 工作簿。请确认选的是 Excel 文件"]

    def it_explains_text_named_xlsx(self, tmp_path):
        (tmp_path / "台账.xlsx").write_text("序号,问题描述\n1,x\n", encoding="utf-8")
        assert messages(tmp_path / "台账.xlsx") == [
            "台账.xlsx：文件不是有效的 Excel 工作簿。请用 Excel/WPS 打开后另存为 .xlsx"]

    def it_explains_a_damaged_zip(self, tmp_path):
        good = make_workbook(tmp_path / "好.xlsx", minimal_sheets()).read_bytes()
        (tmp_path / "台账.xlsx").write_bytes(good[: len(good) // 2])
        assert messages(tmp_path / "台账.xlsx") == [
            "台账.xlsx：文件已损坏（可能没有保存完整）。请用 Excel/WPS 打开后另存为 .xlsx"]

    def it_explains_an_encrypted_workbook(self, tmp_path):
        # Excel saves a password-protected .xlsx as an OLE container holding EncryptedPackage
        ole = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
               + "EncryptedPackage".encode("utf-16-le"))
        (tmp_path / "台账.xlsx").write_bytes(ole)
        assert messages(tmp_path / "台账.xlsx") == [
            "台账.xlsx：文件已加密。请在 Excel 中取消密码后另存为 .xlsx"]

    def it_explains_an_html_table_saved_as_xls(self, tmp_path):
        (tmp_path / "台账.xls").write_text("<html><body><table></table></body></html>")
        assert messages(tmp_path / "台账.xls") == [
            "台账.xls：文件其实是网页格式（常见于从网上系统导出的 .xls）。请用 Excel/WPS 打开后另存为 .xlsx"]

    def it_explains_a_missing_path(self, tmp_path):
        assert messages(tmp_path / "没有.xlsx") == ["没有.xlsx：找不到文件或文件夹。请检查路径是否写对"]


def it_reports_every_problem_of_a_workbook_together(tmp_path):
    sheets = minimal_sheets()
    sheets["发文信息"][2][1] = "六工党"
    del sheets["阶段安排"]
    sheets["人员"][1][0] = None
    sheets["问题清单"][1][7] = "2022-02-30"
    sheets["问题清单"][1][8] = "差不多了"
    sheets["问题清单"][2][0] = 1
    sheets["问题清单"][2][7] = "下周"
    sheets["问题清单"][2][6] = "孙七"
    assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
        "发文信息 第3行「发文字号」：年份应当用六角括号〔〕括入（填写的是「六工党」）。"
        "应写成 机关代字〔年份〕序号号，如 六工党〔2022〕7号",
        "人员 第2行「姓名」：未填写",
        "阶段安排：工作簿中没有这张工作表。工作簿中现有：发文信息、领导小组、人员、工作安排、问题清单；"
        "请把对应的工作表改名为「阶段安排」",
        "问题清单 第2行「整改时限」：不是有效日期：2月没有30日（填写的是「2022-02-30」）。请核对后改为实际存在的日期",
        f"问题清单 第2行「整改状态」：不是可识别的状态（填写的是「差不多了」）。{STATUS_HINT}",
        f"问题清单 第3行「整改时限」：无法识别为日期（填写的是「下周」）。{DATE_HINT}",
        "问题清单 第3行「序号」：序号与第2行重复（填写的是「1」）。请给每个问题一个不同的序号（合并的序号单元格请拆分）",
        f"问题清单 第3行「责任人」：人员表中没有此人（填写的是「孙七」）。{NOT_IN_PERSONS}",
    ]


def it_reports_error_cells_in_the_meta_once(tmp_path):
    sheets = minimal_sheets()
    sheets["发文信息"][5][1] = "#N/A"
    sheets["发文信息"].append(["印发日期", "#REF!"])
    assert messages(make_workbook(tmp_path / "台账.xlsx", sheets)) == [
        f"发文信息 第6行「成文日期」：单元格是错误值 #N/A。{FIX_FORMULA}",
        f"发文信息 第7行「印发日期」：单元格是错误值 #REF!。{FIX_FORMULA}"]
