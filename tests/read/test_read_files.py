"""Where the sheets come from: a folder with one workbook, one file per sheet (CSV in GBK or
UTF-8), an .ods. `.xls` is read by the same calamine call, but there is no writer for it
here, so no test builds one."""

import csv
import io

import pytest

from hongtou.model import InputError
from hongtou.read import read_campaign
from tests.helpers import make_ods, make_workbook, minimal_sheets


def write_csv(path, rows, encoding):
    text = io.StringIO()
    csv.writer(text).writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(text.getvalue().encode(encoding))


def csv_folder(folder, encoding, sheets=None):
    folder.mkdir(exist_ok=True)
    for name, rows in (sheets or minimal_sheets()).items():
        write_csv(folder / f"{name}.csv", rows, encoding)
    return folder


def messages(path):
    with pytest.raises(InputError) as caught:
        read_campaign(path)
    return [p.message() for p in caught.value.problems]


class DescribeFolder:
    def it_reads_the_one_workbook_ignoring_lock_and_hidden_files(self, tmp_path):
        make_workbook(tmp_path / "台账.xlsx", minimal_sheets())
        (tmp_path / "~$台账.xlsx").write_bytes(b"locked by Excel")
        (tmp_path / ".~台账.xlsx").write_bytes(b"locked by WPS")
        (tmp_path / "说明.docx").write_bytes(b"not read")
        c = read_campaign(tmp_path)
        assert c.source == str(tmp_path / "台账.xlsx")
        assert [i.key for i in c.issues] == ["Q001", "Q002"]

    def it_asks_which_of_several_workbooks(self, tmp_path):
        make_workbook(tmp_path / "台账.xlsx", minimal_sheets())
        make_workbook(tmp_path / "台账（旧）.xlsx", minimal_sheets())
        assert messages(tmp_path) == [
            f"{tmp_path.name}：文件夹中有多个工作簿：台账.xlsx、台账（旧）.xlsx。"
            "请只保留一个工作簿，或在命令中直接指定要用的文件"]

    def it_says_when_there_is_nothing_to_read(self, tmp_path):
        assert messages(tmp_path) == [
            f"{tmp_path.name}：文件夹中没有找到工作簿。"
            "请放入一个 .xlsx/.xls 工作簿，或每张表一个文件（如 发文信息.csv）"]


class DescribePerSheetFiles:
    def it_reads_csv_saved_by_notepad_in_gbk(self, tmp_path):
        sheets = minimal_sheets()
        sheets["问题清单"][1][6] = "张　三"   # U+3000 padding survives GBK
        c = read_campaign(csv_folder(tmp_path, "gbk", sheets))
        assert c.meta.number == "六工党〔2022〕7号"
        assert c.issues[0].owner == "张三"
        assert c.tasks[0].start.text == "2月16日"
        assert c.persons[0].phone == "13800000001"

    def it_reads_csv_saved_by_excel_as_utf8_with_bom(self, tmp_path):
        c = read_campaign(csv_folder(tmp_path, "utf-8-sig"))
        assert c.members[1].name == "李华"

    def it_mixes_csv_and_xlsx_files(self, tmp_path):
        sheets = minimal_sheets()
        csv_folder(tmp_path, "gb18030", {k: v for k, v in sheets.items() if k != "问题清单"})
        make_workbook(tmp_path / "问题清单.xlsx", {"Sheet1": sheets["问题清单"]})
        c = read_campaign(tmp_path)
        assert [i.row for i in c.issues] == [2, 3]

    def it_names_a_missing_sheet_file(self, tmp_path):
        sheets = minimal_sheets()
        del sheets["工作安排"]
        assert messages(csv_folder(tmp_path, "utf-8", sheets)) == [
            "工作安排：文件夹中没有这张表的文件。请添加 工作安排.xlsx 或 工作安排.csv"]

    def it_rejects_a_file_that_is_no_text(self, tmp_path):
        csv_folder(tmp_path, "utf-8")
        (tmp_path / "人员.csv").write_bytes(b"\x81\x30\xff\xfe\x00\x80\x80")
        assert messages(tmp_path) == [
            "人员.csv：无法识别文件的文字编码。请用记事本打开后另存为 UTF-8 编码，或用 Excel 另存为 .xlsx"]

    def it_rejects_the_same_sheet_twice(self, tmp_path):
        csv_folder(tmp_path, "utf-8")
        make_workbook(tmp_path / "人员.xlsx", {"人员": minimal_sheets()["人员"]})
        assert messages(tmp_path) == ["人员：同一张表有多个文件：人员.csv、人员.xlsx。请只保留一个"]


def it_reads_an_ods_workbook(tmp_path):
    sheets = minimal_sheets()
    sheets["问题清单"][:0] = [["整改问题清单"], []]
    c = read_campaign(make_ods(tmp_path / "台账.ods", sheets))
    assert [(i.key, i.row) for i in c.issues] == [("Q001", 4), ("Q002", 5)]
    assert c.meta.date.isoformat() == "2022-02-15"


def it_reads_a_workbook_given_as_a_file_with_the_body_beside_it(tmp_path):
    path = make_workbook(tmp_path / "台账.xlsx", minimal_sheets())
    (tmp_path / "方案正文.txt").write_text("一、活动内容\n", encoding="utf-8")
    assert [p.level for p in read_campaign(path).body] == [1]


def it_reads_unicode_text_saved_by_excel(tmp_path):
    """Excel's "Unicode 文本" is UTF-16 with a BOM and tabs between the cells."""
    csv_folder(tmp_path, "utf-8")
    rows = minimal_sheets()["人员"]
    text = "\r\n".join("\t".join("" if v is None else str(v) for v in row) for row in rows)
    (tmp_path / "人员.csv").write_bytes(text.encode("utf-16"))
    assert [p.department for p in read_campaign(tmp_path).persons] == ["党组", "党组", "办公室", "组织部"]
