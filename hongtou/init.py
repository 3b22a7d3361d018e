"""`init`: a new campaign folder the secretary fills in — 活动.xlsx and 方案正文.txt.

The workbook has every sheet with the headers exactly as the reader's canonical names
(read/headers.py), one grey italic example row per list sheet taken from the bundled example
(its 序号 reads 示例, and 方案正文.txt holds prompts 「（在此写明…）」: `check` and `build` name
each until it is replaced, so an untouched sample never becomes a 通知), drop-downs where a column
takes a fixed word, a comment on each header saying what goes there and in which forms, and
frozen header rows. No formulas: the reader takes cells as typed.

发文信息 is key/value: the reader takes the first filled cell right of a key as its value, so
an explanation beside an empty value would be read as the value. The explanations therefore
sit in a comment on each key, in the prompt Excel/WPS shows when the value cell is selected,
and in a 填写说明 block below the keys (lines that do not start with a bare key).

The bytes are fixed (workbook times and zip entry times), so two inits give identical files.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from hongtou.excel.common import BODY_FONT, GB2312, HEADER_FILL, STATUS_CHOICES, row_height
from hongtou.excel.style import openpyxl_bytes
from hongtou.model import Member
from hongtou.read.headers import META_KEYS, META_SHEET, SHEETS
from hongtou.read.sheets import SAMPLE_MARK
from hongtou.rules.status import HINT as STATUS_HINT
from hongtou.write import WriteError, atomic_write, why

WORKBOOK_NAME = "活动.xlsx"
BODY_NAME = "方案正文.txt"
STAMP = date(2022, 2, 15)     # workbook created/modified: fixed, so the bytes are
VALIDATED_ROWS = 500          # drop-downs cover the header's next rows up to this one
EXAMPLE_COLOUR = "808080"     # grey: the example is there to be typed over
AUTHOR = "hongtou"

# -- what the comments say -----------------------------------------------------------------

DATE_FORMS = "可写 2022-03-31、2022.3.31、2022/3/31、2022年3月31日、3月31日、3月底、3月下旬、年底前"
DEADLINE_FORMS = DATE_FORMS + "；还可写 长期坚持（不算超期）或 立行立改（以成文日期为限）"
NAME_FORMS = "两字姓名可加全角空格对齐，如 张　华（生成时自动处理）；多人用顿号分隔"
ROLE_CHOICES = "、".join(Member.ROLES)
STATUS_WORDS = "、".join(STATUS_CHOICES)

NOTES: dict[str, dict[str, str]] = {
    "领导小组": {
        "序号": "可不填，只作排列参考。",
        "职务": f"从下拉列表选择：{ROLE_CHOICES}。同一职务有多人时，可只在第一人处填写，下面几行留空。",
        "姓名": "如 陈立新；两字姓名可加全角空格对齐，如 张　华（生成时自动处理）。",
        "单位及职务": "如 市总工会党组书记、常务副主席。名单中显示在姓名之后。",
    },
    "人员": {
        "序号": "可不填，只作排列参考。",
        "姓名": "本单位参加活动的人员。工作安排和问题清单里的责任人都要在本表中。"
                "两字姓名可加全角空格，如 张　华。",
        "部门": "所在部门，如 办公室。要与工作安排、问题清单里的责任部门写法一致。",
        "职务": "如 主任。可不填。",
        "联系电话": "如 0564-3371010 或手机号。可不填。",
    },
    "阶段安排": {
        "序号": "可不填，只作排列参考。",
        "阶段": "如 第一阶段。工作安排里的「阶段」要与这里一致。",
        "名称": "如 学习讨论阶段。可不填。",
        "开始日期": DATE_FORMS + "。年份不写时按成文日期的年份。",
        "结束日期": DEADLINE_FORMS + "。",
        "主要任务": "本阶段的主要工作，多项用分号隔开。",
        "成果形式": "如 学习记录、研讨发言材料。可不填。",
    },
    "工作安排": {
        "序号": "可不填，只作排列参考。",
        "阶段": "填写阶段安排表中的阶段，如 第一阶段（或阶段名称）。可不填。",
        "工作任务": "具体要做的事。",
        "责任部门": "如 办公室；多个部门用顿号分隔。",
        "责任人": "要在人员表中，且属于责任部门。" + NAME_FORMS + "。",
        "开始日期": DATE_FORMS + "。可不填。",
        "完成时限": DEADLINE_FORMS + "。",
        "成果要求": "如 会议记录、印发方案。可不填。",
        "状态": f"从下拉列表选择：{STATUS_WORDS}。{STATUS_HINT}。不填视为未启动。",
    },
    "问题清单": {
        "序号": "问题的编号，如 1、2、3。各部门交回分发表后按它合并，填好后请不要再改。",
        "问题类别": "如 状态怎么提、作风建设方面。可不填；统计表按它分类汇总。",
        "问题描述": "查摆出的具体问题。",
        "整改措施": "针对问题的具体措施。",
        "责任领导": "要在人员表或领导小组中。" + NAME_FORMS + "。可不填。",
        "责任部门": "如 办公室；督办通知和分发表按它分到各部门。",
        "责任人": "要在人员表中，且属于责任部门。" + NAME_FORMS + "。",
        "整改时限": DEADLINE_FORMS + "。",
        "整改状态": f"从下拉列表选择：{STATUS_WORDS}。{STATUS_HINT}。不填视为未启动。",
        "进展情况": "目前的整改进展。可不填。",
        "完成日期": "已完成的填写具体日期，如 2022-03-28、2022.3.28 或 3月28日。",
        "备注": "可不填。",
    },
}

META_NOTES: dict[str, str] = {
    "发文机关": "发文机关全称，用于落款，如 中共六安市总工会党组。",
    "发文机关标志": "红头上的机关标志，如 中共六安市总工会党组文件。不填时为「发文机关＋文件」。",
    "发文字号": "如 六工党〔2022〕7号，方括号也可（六工党[2022]7号），生成时统一为六角括号。",
    "签发人": "上行文才填，如 陈立新；下行文留空。",
    "联合发文机关": "联合行文时才填：与主办机关一起署名的其他机关，用顿号分隔，如 六安市总工会；"
              "连同主办机关最多 4 个。红头上主办机关在前，其余依次向下，「文件」居右。",
    "份号": "涉密公文才填，如 000001；一般留空。",
    "密级": "涉密公文才填，如 秘密、机密；一般留空。",
    "保密期限": "与密级一起填，如 1年；一般留空。",
    "紧急程度": "如 特急、加急；一般留空。",
    "活动名称": "如 “‘五问’六安——奋勇争先大讨论”活动。不填时用方案标题。正文中可写 {{ 活动名称 }} 引用。",
    "方案标题": "方案本身的标题，如 关于市总工会开展……活动工作方案。",
    "标题": "通知的标题。不填时为 关于印发《方案标题》的通知。",
    "主送机关": "如 市总各部室、职工服务中心（末尾不用加冒号）。",
    "成文日期": "如 2022年2月15日 或 2022-02-15、2022.2.15。",
    "附注": "如 （此件公开发布）。一般留空。",
    "抄送机关": "多个机关用逗号或顿号分隔，如 省总工会，市委办公室。可不填。",
    "印发机关": "版记中的印发机关，如 六安市总工会办公室。不填时为发文机关。",
    "印发日期": "如 2022年2月15日 或 2022-02-15。不填时为成文日期。",
    "预警天数": "离整改时限几天内标黄，默认 7。",
    "反馈时限": "督办通知要求几个工作日内反馈，默认 3。",
    "统计截至": "台账按哪一天统计红黄绿，如 2022-04-20；不填时按生成当天。",
    "通报字号": "进展通报自己的发文字号，如 六工党〔2022〕15号（不能与发文字号相同）；不填时通报不印字号。",
    "通报机关": "进展通报以哪个机关的名义发出：红头、字号和落款都用它，如 中共六安市总工会党组。"
              "不填时为发文机关（红头为发文机关标志）；填其他机关时红头为「通报机关＋文件」。",
    "加盖印章": "填「是」时落款按加盖印章排（成文日期右空四字，署名以成文日期居中，上方留出印章位置）；"
              "不填或填「否」时按不加盖印章排。",
    "印章图片": "电子印章，透明背景的 PNG 图片，写文件名（与活动表格放在同一文件夹），如 印章.png；"
              "联合行文时按发文机关顺序写多个，用顿号分隔。填写后落款按加盖印章排，并把印章压在署名和成文日期上。",
}

# -- the example: one row per list sheet, from the bundled campaign (consistent across sheets:
# the 责任人 is in 人员 and in the 责任部门, the 责任领导 is in 领导小组, the 阶段 is listed) --

META_EXAMPLE: dict[str, object] = {
    "发文机关": "中共六安市总工会党组",
    "发文机关标志": "中共六安市总工会党组文件",
    "发文字号": "六工党〔2022〕7号",
    "活动名称": "“‘五问’六安——奋勇争先大讨论”活动",
    "方案标题": "关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案",
    "主送机关": "市总各部室、职工服务中心",
    "成文日期": "2022年2月15日",
    "抄送机关": "省总工会，市委办公室，市委组织部，市直机关工委",
    "印发机关": "六安市总工会办公室",
    "印发日期": datetime(2022, 2, 15),
    "预警天数": 7,
    "反馈时限": 3,
    "统计截至": datetime(2022, 4, 20),
    "通报字号": "六工党〔2022〕15号",
}

EXAMPLES: dict[str, dict[str, object]] = {
    "领导小组": {"序号": SAMPLE_MARK, "职务": "组长", "姓名": "陈立新",
                 "单位及职务": "市总工会党组书记、常务副主席"},
    "人员": {"序号": SAMPLE_MARK, "姓名": "张　华", "部门": "办公室", "职务": "主任",
             "联系电话": "0564-3371010"},
    "阶段安排": {"序号": SAMPLE_MARK, "阶段": "第一阶段", "名称": "学习讨论阶段", "开始日期": "2月中旬",
                 "结束日期": "3月下旬",
                 "主要任务": "召开动员部署会；集中学习有关重要论述和文章；结合工作实际开展专题研讨",
                 "成果形式": "学习记录、研讨发言材料、体会文章"},
    "工作安排": {"序号": SAMPLE_MARK, "阶段": "第一阶段",
                 "工作任务": "召开“大讨论”活动动员部署会，印发活动工作方案",
                 "责任部门": "办公室", "责任人": "张　华", "开始日期": datetime(2022, 2, 15),
                 "完成时限": datetime(2022, 2, 18), "成果要求": "会议记录、印发方案",
                 "状态": "已完成"},
    "问题清单": {"序号": SAMPLE_MARK, "问题类别": "状态怎么提",
                 "问题描述": "公文办理存在“中转站”思想，来文批转后不跟踪、不督办，个别事项办理超期",
                 "整改措施": "建立公文办理督办台账，实行办结销号，每周一通报超期未办结事项",
                 "责任领导": "陈立新", "责任部门": "办公室", "责任人": "张　华",
                 "整改时限": datetime(2022, 3, 31), "整改状态": "整改中",
                 "进展情况": "已建立督办台账，正在完善通报制度"},
}

# Excel width units (a "0" of the default font); a Chinese character is about two.
WIDTHS: dict[str, float] = {
    "序号": 6, "职务": 14, "姓名": 10, "单位及职务": 36, "部门": 16, "联系电话": 16,
    "阶段": 11, "名称": 16, "开始日期": 13, "结束日期": 13, "主要任务": 44, "成果形式": 28,
    "工作任务": 44, "责任部门": 14, "责任人": 10, "完成时限": 13, "成果要求": 28, "状态": 10,
    "问题类别": 12, "问题描述": 40, "整改措施": 40, "责任领导": 10, "整改时限": 13,
    "整改状态": 10, "进展情况": 30, "完成日期": 13, "备注": 16,
}
META_WIDTHS = (16, 70)
SAMPLE_NOTE = f"灰色的示例行序号写着「{SAMPLE_MARK}」：改成本次活动的内容后请把它改成数字，或删除示例行，否则检查不通过。"
DATE_NUMBER_FORMAT = "yyyy-mm-dd"  # as the comments suggest typing it

# -- 方案正文 --------------------------------------------------------------------------------

BODY_LINES = (
    "（在此写明开展本次活动的依据和目的，如：为深入贯彻……精神，根据……要求，"
    "结合本单位工作实际，制定本方案。）",
    "",
    "一、指导思想",
    "（在此写明本次活动的指导思想，如：以……为指导，深入贯彻……，坚持……，"
    "着力推动……。）",
    "",
    "二、目标任务",
    "（在此写明通过开展{{ 活动名称 }}要达到的目标和主要任务。目标要明确具体，"
    "任务要可检查、可考核。）",
    "",
    "三、阶段安排",
    "本次活动分……个阶段进行，各阶段时间安排和主要任务如下：",
    "{{ 阶段安排 }}",
    "",
    "四、工作要求",
    "（一）提高思想认识。（在此写明开展本次活动的重要意义，要求各部门把活动摆上重要位置。）",
    "（二）压实工作责任。（在此写明各部门主要负责人的责任和工作分工，确保各项任务落到实处。）",
    "（三）抓好问题整改。（在此写明查摆问题、建立整改台账、实行销号管理和督办的要求。）",
    "（四）注重统筹兼顾。（在此写明活动与日常工作相结合的要求，做到两不误、两促进。）",
    "",
    "五、组织领导",
    "{{ 领导小组 }}",
    "（在此写明对组织领导的其他要求，如：各部门主要负责同志要亲自抓、负总责，"
    "确保活动取得实效。）",
)


# -- the files -----------------------------------------------------------------------------


def make_campaign_files() -> dict[str, bytes]:
    """The files of a new campaign folder: file name → bytes (always the same bytes)."""
    return {WORKBOOK_NAME: openpyxl_bytes(_workbook(), STAMP), BODY_NAME: body_bytes()}


def body_bytes() -> bytes:
    """方案正文.txt: UTF-8 with a BOM and CRLF line ends, as Notepad on Windows opens it right."""
    return ("\r\n".join(BODY_LINES) + "\r\n").encode("utf-8-sig")


class FolderNotEmpty(Exception):
    """The target exists and holds something (or is a file): nothing was written."""


def init_campaign(folder: Path) -> list[Path]:
    """Create `folder` (parents too) with a new campaign's files; return the files written.

    Raises FolderNotEmpty when `folder` exists and is not an empty folder, and
    hongtou.write.WriteError when a file cannot be written.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise FolderNotEmpty(f"「{folder}」是一个文件，不是文件夹。请换一个新文件夹名")
    if folder.is_dir() and any(folder.iterdir()):
        raise FolderNotEmpty(f"文件夹「{folder}」不是空的，为免覆盖已有文件，请换一个新文件夹名")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(why(folder, exc, "换一个新文件夹名")) from exc
    written = []
    for name, data in make_campaign_files().items():
        path = folder / name
        atomic_write(path, data)
        written.append(path)
    return written


# -- the workbook --------------------------------------------------------------------------

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FONT = Font(name=BODY_FONT, size=11, bold=True, charset=GB2312)
_HEADER_FILL = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
_EXAMPLE_FONT = Font(name=BODY_FONT, size=11, italic=True, color=EXAMPLE_COLOUR, charset=GB2312)
_NOTE_FONT = Font(name=BODY_FONT, size=11, charset=GB2312)
_TITLE_FONT = Font(name=BODY_FONT, size=11, bold=True, charset=GB2312)
_WRAP = Alignment(vertical="center", wrap_text=True)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _workbook() -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = AUTHOR
    wb.properties.lastModifiedBy = AUTHOR
    wb.properties.title = "活动信息"
    _meta_sheet(wb.create_sheet(META_SHEET))
    for sheet in SHEETS:
        _list_sheet(wb.create_sheet(sheet), sheet)
    wb.active = 0
    return wb


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    # room for the text: about 12 Chinese characters a line at the default comment font
    comment.width = 240
    comment.height = max(60, 20 * (len(text) // 12 + 2))
    return comment


def _header(ws: Worksheet, col: int, name: str, note: str, width: float) -> None:
    cell = ws.cell(1, col, name)
    cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _HEADER_FILL, _BOX, _CENTER
    cell.comment = _comment(f"{name}：{note}")
    ws.column_dimensions[get_column_letter(col)].width = width


def _example_cell(ws: Worksheet, row: int, col: int, value: object,
                  alignment: Alignment = _WRAP) -> None:
    cell = ws.cell(row, col, value)
    cell.font, cell.alignment = _EXAMPLE_FONT, alignment
    if isinstance(value, (date, datetime)):
        cell.number_format = DATE_NUMBER_FORMAT


def _fit_row(ws: Worksheet, row: int, texts: list[tuple[str, float]]) -> None:
    height = row_height([t for t, _ in texts], list(enumerate(w for _, w in texts)))
    if height is not None:   # sized as the generated workbooks size their rows
        ws.row_dimensions[row].height = height


def _list_sheet(ws: Worksheet, sheet: str) -> None:
    columns = SHEETS[sheet]
    notes, example = NOTES[sheet], EXAMPLES[sheet]
    texts = []
    for col, column in enumerate(columns, 1):
        required = "（必填）" if column.required else ""
        note = notes[column.name] + (SAMPLE_NOTE if column.name == "序号" else "")
        _header(ws, col, column.name, required + note, WIDTHS[column.name])
        value = example.get(column.name)
        if value is not None:
            _example_cell(ws, 2, col, value)
            texts.append((value, WIDTHS[column.name]))
    _fit_row(ws, 2, texts)
    ws.freeze_panes = "A2"
    _print(ws, landscape=len(columns) > 5)
    letters = {column.name: get_column_letter(i) for i, column in enumerate(columns, 1)}
    if sheet == "领导小组":
        _choices(ws, letters["职务"], "职务", Member.ROLES)
    for name in ("状态", "整改状态"):
        if name in letters:
            _choices(ws, letters[name], name, STATUS_CHOICES)


def _choices(ws: Worksheet, letter: str, title: str, words: tuple[str, ...]) -> None:
    """A drop-down of `words` on the column below the header. A warning, not a stop: the
    reader also takes the synonyms offices type (组员, 进行中 …), which Excel would refuse."""
    listed = "、".join(words)
    dv = DataValidation(
        type="list", formula1='"' + ",".join(words) + '"', allow_blank=True,
        showErrorMessage=True, errorStyle="warning", errorTitle=title,
        error=f"建议从下拉列表中选择：{listed}。", showInputMessage=True,
        promptTitle=title, prompt="请从下拉列表中选择")
    dv.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
    ws.add_data_validation(dv)


def _meta_sheet(ws: Worksheet) -> None:
    key_width, value_width = META_WIDTHS
    for col, (name, width) in enumerate((("项目", key_width), ("内容", value_width)), 1):
        note = ("发文信息的项目名，请不要改动；一般留空的项目也请保留这一行。" if name == "项目"
                else "灰色斜体是示例，请改成本次活动的内容。")
        _header(ws, col, name, note, width)
    for row, column in enumerate(META_KEYS, 2):
        note = ("（必填）" if column.required else "") + META_NOTES[column.name]
        key = ws.cell(row, 1, column.name)
        key.font = _TITLE_FONT if column.required else _NOTE_FONT
        key.alignment = _WRAP
        key.comment = _comment(f"{column.name}：{note}")
        value = META_EXAMPLE.get(column.name)
        if value is not None:
            _example_cell(ws, row, 2, value, _LEFT)
            _fit_row(ws, row, [(value, value_width)])
        # the value cell shows the explanation when selected (no list: any value)
        prompt = DataValidation(showInputMessage=True, promptTitle=column.name[:32],
                                prompt=note[:255], allow_blank=True)
        prompt.add(f"B{row}")
        ws.add_data_validation(prompt)
    # 填写说明 below the keys: every line starts with more than a key, so it is not read
    row = len(META_KEYS) + 3
    required = "、".join(c.name for c in META_KEYS if c.required)
    _note_line(ws, row, f"填写说明：灰色斜体是示例，请改成本次活动的内容；粗体项目必须填写（{required}），"
                        "其余可留空。项目名请不要改动。", bold=True)
    for column in META_KEYS:
        row += 1
        _note_line(ws, row, f"{column.name}：{META_NOTES[column.name]}")
    ws.freeze_panes = "A2"
    _print(ws, landscape=False)


def _print(ws: Worksheet, landscape: bool) -> None:
    """A4, one page wide, the header row on every page (a filled-in sheet may be printed)."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if landscape else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


def _note_line(ws: Worksheet, row: int, text: str, bold: bool = False) -> None:
    cell = ws.cell(row, 1, text)
    cell.font = _TITLE_FONT if bold else _NOTE_FONT
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
    _fit_row(ws, row, [(text, sum(META_WIDTHS))])


__all__ = ["make_campaign_files", "init_campaign", "FolderNotEmpty", "body_bytes",
           "WORKBOOK_NAME", "BODY_NAME"]
