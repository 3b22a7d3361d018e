"""Which headers each sheet has, what people call them, and where the header row is.

Offices copy last year's workbook, retitle columns and add title rows above the header, so the
header row is *found*: among the first `HEADER_SCAN_ROWS` rows, the row naming the most known
columns of that sheet wins. Names are compared by `header_key`: spaces, full/half width,
a leading `*` (required marker) and a parenthesised remark (`整改时限（格式：2022-03-31）`) do
not matter.

`SHEETS` is the one table of accepted names. The first name of each column is the canonical
one (DESIGN.md's); the rest are synonyms. Add a synonym here and every reader accepts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hongtou.model import Problem
from hongtou.rules.text import squash

HEADER_SCAN_ROWS = 15


@dataclass(frozen=True)
class InputColumn:
    """One column of a sheet: canonical name, synonyms, and whether the sheet needs it."""

    name: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.synonyms)


def _col(names: str, required: bool = False) -> InputColumn:
    first, *rest = names.split("=")
    return InputColumn(first, tuple(rest), required)


# -- the synonym table: canonical name first, then what offices also write -----------------
# A name may appear once per sheet. `required` columns must be in the header row; the others
# may be left out (their values default to empty). Every sheet may have a 序号 column: rows
# holding only a 序号 are blank template rows; only 问题清单 uses the number (Issue.key).

SHEETS: dict[str, tuple[InputColumn, ...]] = {
    "领导小组": (
        _col("序号=编号"),
        _col("职务=小组职务=组内职务=领导小组职务=担任职务", required=True),
        _col("姓名=名字", required=True),
        _col("单位及职务=职务及单位=单位职务=单位和职务=工作单位及职务=现任职务=所在单位及职务"),
    ),
    "人员": (
        _col("序号=编号"),
        _col("姓名=名字=人员", required=True),
        _col("部门=所在部门=科室=处室=单位=所在单位=部门名称", required=True),
        _col("职务=岗位=职位"),
        _col("联系电话=电话=手机=手机号=手机号码=联系方式=办公电话"),
    ),
    "阶段安排": (
        _col("序号=编号"),
        _col("阶段=阶段序号=步骤", required=True),
        _col("名称=阶段名称"),
        _col("开始日期=开始时间=起始日期=起始时间", required=True),
        _col("结束日期=结束时间=截止日期=截止时间", required=True),
        _col("主要任务=工作内容=主要内容=工作任务"),
        _col("成果形式=工作成果=成果要求"),
    ),
    "工作安排": (
        _col("序号=编号"),
        _col("阶段=所属阶段"),
        _col("工作任务=任务=工作内容=工作事项", required=True),
        _col("责任部门=责任单位=责任科室=牵头部门=牵头单位", required=True),
        _col("责任人=具体责任人=负责人=责任人员"),
        _col("开始日期=开始时间=起始日期"),
        _col("完成时限=完成时间=截止时间=截止日期=时限要求", required=True),
        _col("成果要求=成果形式=工作成果"),
        _col("状态=完成情况=整改状态=进展状态"),
    ),
    "问题清单": (
        _col("序号=编号"),
        _col("问题类别=类别=问题类型=问题分类"),
        _col("问题描述=存在问题=问题表现=具体问题=问题内容=主要问题", required=True),
        _col("整改措施=整改举措=措施", required=True),
        _col("责任领导=分管领导=牵头领导"),
        _col("责任部门=责任单位=责任科室=牵头部门", required=True),
        _col("责任人=具体责任人=负责人=责任人员", required=True),
        _col("整改时限=完成时限=时限要求=整改期限", required=True),
        _col("整改状态=状态=完成情况"),
        _col("进展情况=整改进展=进展"),
        _col("完成日期=完成时间=销号日期"),
        _col("备注"),
    ),
}

# 发文信息 is key/value; the same convention: canonical key first, then synonyms.
META_KEYS: tuple[InputColumn, ...] = (
    _col("发文机关=发文单位=发文机构", required=True),
    _col("发文机关标志=机关标志=版头"),
    _col("发文字号=文号", required=True),
    _col("签发人"),
    _col("联合发文机关=联合发文单位=联合行文机关"),
    _col("份号"),
    _col("密级"),
    _col("保密期限"),
    _col("紧急程度=缓急"),
    _col("活动名称"),
    _col("方案标题=方案名称", required=True),
    _col("标题=通知标题=公文标题"),
    _col("主送机关=主送=主送单位", required=True),
    _col("成文日期=发文日期", required=True),
    _col("附注"),
    _col("抄送机关=抄送=抄送单位"),
    _col("印发机关=印发单位"),
    _col("印发日期"),
    _col("预警天数=预警期"),
    _col("反馈时限=反馈天数=反馈期限"),
    _col("统计截至=统计截止=统计日期=截至日期"),
    _col("通报字号=通报文号"),
    _col("通报机关=通报单位=通报发文机关"),
    _col("加盖印章=盖章=用印"),
    _col("印章图片=电子印章"),
)

META_SHEET = "发文信息"
SHEET_NAMES = (META_SHEET, *SHEETS)

_REMARK = re.compile(r"[（(][^）)]*[）)]")
_MARKERS = "*＊※:："


def header_key(value: object) -> str:
    """What a header cell means: `* 整改时限（必填）：` → `整改时限`."""
    if not isinstance(value, str):
        return ""
    key = _REMARK.sub("", squash(value))
    return key.strip(_MARKERS)


def lookup(columns: tuple[InputColumn, ...]) -> dict[str, InputColumn]:
    """header_key of every accepted name → its column."""
    table: dict[str, InputColumn] = {}
    for column in columns:
        for name in column.names:
            table[header_key(name)] = column
    return table


_LOOKUPS = {sheet: lookup(columns) for sheet, columns in SHEETS.items()}
META_LOOKUP = lookup(META_KEYS)


@dataclass
class Header:
    """The header row of a sheet: its index in `Table.rows` and where each column is."""

    row: int                                              # 0-based; Excel row is row + 1
    index: dict[str, int] = field(default_factory=dict)   # canonical name → column index
    label: dict[str, str] = field(default_factory=dict)   # canonical name → header as typed


def find_header(sheet: str, label: str, rows: list[list], problems: list[Problem]) -> Header | None:
    """Locate the header row of data sheet `sheet` (canonical name) shown to the user as `label`.

    Missing required columns are reported against the header row. Returns None when no row
    names any known column (reported too), or the header when usable even if incomplete.
    """
    known = _LOOKUPS[sheet]
    best: Header | None = None
    for r, cells in enumerate(rows[:HEADER_SCAN_ROWS]):
        header = Header(r)
        for c, cell in enumerate(cells):
            key = header_key(cell)
            column = known.get(key)
            if column is None:
                continue
            # the canonical name beats a synonym; otherwise the leftmost column wins
            taken = header.label.get(column.name)
            if taken is None or (key == column.name and header_key(taken) != column.name):
                header.index[column.name] = c
                header.label[column.name] = " ".join(str(cell).split())
        if best is None or len(header.index) > len(best.index):
            best = header
    if best is None or not best.index:
        expected = "、".join(c.name for c in SHEETS[sheet] if c.name != "序号")
        problems.append(Problem(label, None, None, None, f"前{HEADER_SCAN_ROWS}行中找不到表头行",
                                f"请在数据上方加一行列名：{expected}"))
        return None
    for c, cell in enumerate(rows[best.row]):
        column = known.get(header_key(cell))
        if column is not None and best.index[column.name] != c:
            typed = " ".join(str(cell).split())
            problems.append(Problem(
                label, best.row + 1, typed, None,
                f"与「{best.label[column.name]}」列重复，两列都表示「{column.name}」",
                "请删除其中一列，或把它改成别的列名（不认识的列不会被读取）"))
    for column in SHEETS[sheet]:
        if column.required and column.name not in best.index:
            problems.append(Problem(label, best.row + 1, column.name, None, "表头中缺少这一列",
                                    f"可用的列名：{'、'.join(column.names)}"))
    return best
