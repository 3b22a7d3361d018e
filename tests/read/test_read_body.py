"""方案正文: paragraphs, heading levels and placeholders from .txt, .md and .docx."""

import docx
import pytest

from hongtou.model import BodyPara, InputError
from hongtou.read import PLACEHOLDERS, read_body

PLAN = """为深入学习贯彻……，制定本方案。

一、活动内容
　　（一）学习讨论
1.组织专题学习。
（1）党组中心组学习。
第一阶段为学习讨论阶段。
{{阶段安排}}
  ｛｛ 领导小组 ｝｝
本次{{ 活动名称 }}由{{发文机关}}组织。
"""

EXPECTED = [
    BodyPara("为深入学习贯彻……，制定本方案。", 0, "", 1),
    BodyPara("一、活动内容", 1, "", 3),
    BodyPara("（一）学习讨论", 2, "", 4),
    BodyPara("1.组织专题学习。", 3, "", 5),
    BodyPara("（1）党组中心组学习。", 4, "", 6),
    BodyPara("第一阶段为学习讨论阶段。", 0, "", 7),
    BodyPara("{{阶段安排}}", 0, "阶段安排", 8),
    BodyPara("｛｛ 领导小组 ｝｝", 0, "领导小组", 9),
    BodyPara("本次{{ 活动名称 }}由{{发文机关}}组织。", 0, "", 10),
]


def problems_of(folder):
    with pytest.raises(InputError) as caught:
        read_body(folder)
    return [p.message() for p in caught.value.problems]


class DescribeTextFiles:
    @pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
    def it_reads_text_in_the_encodings_offices_use(self, tmp_path, encoding):
        (tmp_path / "方案正文.txt").write_bytes(PLAN.encode(encoding))
        assert read_body(tmp_path) == EXPECTED

    def it_strips_markdown_markers(self, tmp_path):
        (tmp_path / "方案正文.md").write_text(
            "# 一、活动内容\n\n## （一）**学习**讨论\n- 1.组织专题学习。\n", encoding="utf-8")
        assert read_body(tmp_path) == [
            BodyPara("一、活动内容", 1, "", 1),
            BodyPara("（一）学习讨论", 2, "", 3),
            BodyPara("1.组织专题学习。", 3, "", 4),
        ]

    def it_is_empty_without_a_body_file(self, tmp_path):
        assert read_body(tmp_path) == []

    def it_asks_for_utf8_when_it_cannot_decode(self, tmp_path):
        (tmp_path / "方案正文.txt").write_bytes(b"\x81\x30\xff\xfe\x00\x80")
        assert problems_of(tmp_path) == [
            "方案正文.txt：无法识别文件的文字编码。请用记事本打开，另存为时把编码选为 UTF-8"]

    def it_names_an_unknown_placeholder_and_the_valid_ones(self, tmp_path):
        (tmp_path / "方案正文.txt").write_text("正文\n{{ 日程表 }}\n详见{{附件}}。\n",
                                           encoding="utf-8")
        hint = ("单独成行可用：{{ 阶段安排 }}、{{ 领导小组 }}、{{ 工作安排 }}；"
                "句中还可用发文信息的项目：发文机关、发文机关标志、发文字号、签发人、联合发文机关、份号、密级、"
                "保密期限、紧急程度、活动名称、方案标题、标题、主送机关、成文日期、附注、抄送机关、"
                "印发机关、印发日期、预警天数、反馈时限、统计截至、通报字号、通报机关、加盖印章、印章图片，"
                "写法如 {{ 活动名称 }}")
        assert problems_of(tmp_path) == [
            f"方案正文.txt 第2行：不认识这个占位符（填写的是「{{{{ 日程表 }}}}」）。{hint}",
            f"方案正文.txt 第3行：不认识这个占位符（填写的是「{{{{附件}}}}」）。{hint}",
        ]

    def it_wants_one_body_file(self, tmp_path):
        (tmp_path / "方案正文.txt").write_text("一", encoding="utf-8")
        (tmp_path / "方案正文.md").write_text("一", encoding="utf-8")
        assert problems_of(tmp_path) == [
            "方案正文.md：有多个方案正文文件：方案正文.md、方案正文.txt。请只保留一个"]


class DescribeWordFiles:
    def it_reads_paragraph_texts(self, tmp_path):
        document = docx.Document()
        for text in ["一、活动内容", "", "正文。", "{{ 工作安排 }}"]:
            document.add_paragraph(text)
        document.save(tmp_path / "方案正文.docx")
        assert read_body(tmp_path) == [
            BodyPara("一、活动内容", 1, "", 1),
            BodyPara("正文。", 0, "", 3),
            BodyPara("{{ 工作安排 }}", 0, "工作安排", 4),
        ]

    def it_explains_a_broken_document(self, tmp_path):
        (tmp_path / "方案正文.docx").write_bytes(b"not a zip")
        assert problems_of(tmp_path) == [
            "方案正文.docx：无法打开这个 Word 文档。请用 Word/WPS 打开后另存为 .docx，或把正文另存为 .txt"]


def it_exports_the_placeholder_names():
    assert PLACEHOLDERS == ("阶段安排", "领导小组", "工作安排")


class DescribeOneMarkdownForBodyAndDraft:
    """The 方案正文 and a draft to typeset are read by one stripper: `#标题` is a heading as
    `# 标题` is (the draft reader kept `#标题` as text), and both drop the same marks."""

    LINES = "#一、活动内容\n## （一）*学习*讨论\n- 1.组织`专题`学习，见[通知](http://x)。\n"

    def it_reads_the_plan_text(self, tmp_path):
        (tmp_path / "方案正文.md").write_text(self.LINES, encoding="utf-8")
        assert read_body(tmp_path) == [
            BodyPara("一、活动内容", 1, "", 1),
            BodyPara("（一）学习讨论", 2, "", 2),
            BodyPara("1.组织专题学习，见通知。", 3, "", 3),
        ]

    def it_reads_the_draft(self, tmp_path):
        from hongtou.read.draft import read_source

        (tmp_path / "通知.md").write_text(self.LINES, encoding="utf-8")
        items = read_source(tmp_path / "通知.md").items
        assert [(i.text, i.md_level) for i in items] == [
            ("一、活动内容", 1), ("（一）学习讨论", 2), ("1.组织专题学习，见通知。", 0)]
