"""发文信息: the sheet of facts for the red header, the 版记 and the rules (预警天数, 反馈时限),
read as key/value rows (or one row across) → `DocumentMeta`, every fault located."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from hongtou.model import DocumentMeta, Problem, WhenKind
from hongtou.read.headers import HEADER_SCAN_ROWS, META_KEYS, META_LOOKUP, header_key
from hongtou.read.sheets import cell_text, split_list, too_long, whole
from hongtou.read.tables import MAX_CELL_CHARS, Table, cell_fault
from hongtou.rules import RuleError
from hongtou.rules.dates import format_date, parse_when
from hongtou.rules.text import squash, unify
from hongtou.rules.wenhao import JOINT_MAX_ORGANS, normalize_wenhao

MAX_DAYS = 365  # 预警天数, 反馈时限: more is a typo (and would make the working-day count crawl)
_DAYS = re.compile(r"(\d+)(?:个)?(?:工作日|天|日)?")
def read_meta(table: Table, problems: list[Problem],
              folder: Path | None = None) -> tuple[DocumentMeta | None, int | None]:
    """发文信息 as key/value rows; unknown keys (and a header row such as 项目/内容) are ignored.
    `folder`: where the campaign's files are (a 印章图片 is named relative to it).

    Returns the meta (None if any of it is wrong) and the campaign year (the 成文日期's year,
    when that much could be read), which completes dates such as `3月底` in the other sheets.
    """
    sheet = table.name
    required = "、".join(c.name for c in META_KEYS if c.required)
    across = _meta_across(table)
    if across is not None:
        row, keys = across
        problems.append(Problem(sheet, row, None, None, f"一行中有多个项目名：{'、'.join(keys)}",
                                "发文信息请竖着填写：每行第一列写项目名（如 发文机关），第二列写内容"))
        return None, None
    found = _meta_values(table, problems)
    if not found:
        problems.append(Problem(sheet, None, None, None, "工作表中没有任何发文信息",
                                f"请每行第一列写项目名、第二列写内容，至少填写：{required}"))
        return None, None
    n_before = len(problems)

    def problem(key: str, reason: str, hint: str = "", value: object = None) -> None:
        row = found[key][0] if key in found else None
        text = None if value is None else cell_text(value)
        problems.append(Problem(sheet, row, key, text, reason, hint))

    def text(key: str) -> str:
        return cell_text(found[key][1]) if key in found else ""  # cell_text(None) == ""

    for column in META_KEYS:
        if column.required and not text(column.name):
            if column.name in found and found[column.name][1] is None:
                continue
            if column.name in found:
                problem(column.name, "未填写")
            else:
                problem(column.name, "缺少这一项",
                        f"请在第一列写「{column.name}」，第二列写内容")

    def day(key: str, year: int | None) -> date | None:
        if not text(key):
            return None
        value = found[key][1]
        try:
            when = parse_when(whole(value), year)
        except RuleError as err:
            problem(key, err.reason, err.hint, value)
            return None
        if when.kind is not WhenKind.DATE:
            problem(key, "应填写具体日期", "如 2022年2月15日", value)
            return None
        return when.first

    def days(key: str, default: int) -> int:
        raw = text(key)
        if not raw:
            return default
        compact = unify(raw).replace(" ", "")
        if compact.startswith("-") and _DAYS.fullmatch(compact[1:]):
            problem(key, "天数不能是负数", f"请填写0至{MAX_DAYS}之间的整数，如 {default}",
                    found[key][1])
            return default
        m = _DAYS.fullmatch(compact)
        if m is None:
            problem(key, "应填写天数", f"如 {default}", found[key][1])
            return default
        if int(m[1]) > MAX_DAYS:
            problem(key, f"天数太大（最多 {MAX_DAYS} 天）", f"请填写0至{MAX_DAYS}之间的整数，如 {default}",
                    found[key][1])
            return default
        return int(m[1])

    def wenhao(key: str) -> str:
        if not text(key):
            return ""
        try:
            return normalize_wenhao(text(key))
        except RuleError as err:
            problem(key, err.reason, err.hint, found[key][1])
            return ""

    def yes_no(key: str) -> bool:
        raw = unify(text(key)).replace(" ", "").lower()
        if raw in YES:
            return True
        if raw not in NO:
            problem(key, "应填写「是」或「否」", "填「是」时落款按加盖印章排；不盖章留空或填「否」",
                    found[key][1])
        return False

    def seal_images(names: list[str], organs: int) -> list[bytes]:
        """The seal PNGs, read and checked; a located problem for each one that is not."""
        if len(names) > organs:
            problem("印章图片", f"印章图片比发文机关多：{len(names)}个图片，{organs}个机关",
                    "按发文机关顺序，每个机关一个印章图片", found["印章图片"][1])
            return []
        out = []
        for name in names:
            path = (folder or Path(".")) / name
            try:
                data = path.read_bytes()
            except OSError:
                problem("印章图片", f"找不到印章图片「{name}」",
                        "请把透明背景的 PNG 图片放在活动表格所在的文件夹，并写对文件名",
                        found["印章图片"][1])
                continue
            fault = png_fault(data)
            if fault:
                problem("印章图片", f"「{name}」{fault}",
                        "请提供透明背景的 PNG 图片（如用 Photoshop、WPS 图片导出为 PNG）",
                        found["印章图片"][1])
                continue
            out.append(data)
        return out

    number, report_number = wenhao("发文字号"), wenhao("通报字号")
    if number and number == report_number:
        problem("通报字号", "与发文字号相同", "进展通报是另一份公文，要用自己的字号，如 "
                + _next_number(number), found["通报字号"][1])
    issued = day("成文日期", None)
    year = issued.year if issued else None
    print_date = day("印发日期", year)
    as_of = day("统计截至", year)
    for key, when in (("印发日期", print_date), ("统计截至", as_of)):
        if issued is not None and when is not None and when < issued:
            problem(key, f"早于成文日期{format_date(issued)}",
                    f"{key}应在成文日期当天或之后，请核对（年份是否写错）", found[key][1])
    warn_days, feedback_days = days("预警天数", 7), days("反馈时限", 3)
    organ, plan_title = text("发文机关"), text("方案标题")
    mark = text("发文机关标志") or f"{organ}文件"
    # the lead organ may be listed again among the joint ones: it is already first
    joint = [j for j in split_list(text("联合发文机关"))
             if j not in (organ, mark, mark.removesuffix("文件"))]
    if len(joint) + 1 > JOINT_MAX_ORGANS:
        problem("联合发文机关", f"联合发文机关太多：连同主办机关共{len(joint) + 1}个",
                f"红头上最多排{JOINT_MAX_ORGANS}个机关（主办机关＋{JOINT_MAX_ORGANS - 1}个联合发文机关）；"
                "机关更多时请只列主要的几个，或改用各机关分别发文", found["联合发文机关"][1])
    sealed = yes_no("加盖印章")
    seals = seal_images(split_list(text("印章图片")), len(joint) + 1)
    if len(problems) > n_before or issued is None:
        return None, year

    return DocumentMeta(
        organ=organ,
        mark=mark,
        number=number,
        campaign=text("活动名称") or plan_title,
        plan_title=plan_title,
        title=text("标题") or f"关于印发《{plan_title}》的通知",
        addressee=text("主送机关").rstrip("：:").strip(),
        date=issued,
        signer=text("签发人"),
        copy_no=text("份号"),
        secret=text("密级"),
        secret_term=text("保密期限"),
        urgency=text("紧急程度"),
        note=text("附注"),
        cc=split_list(text("抄送机关")),
        printer=text("印发机关") or organ,
        print_date=print_date or issued,
        warn_days=warn_days,
        feedback_days=feedback_days,
        as_of=as_of,
        report_number=report_number,
        joint_marks=joint,
        report_organ=text("通报机关") or organ,
        sealed=bool(sealed or seals),
        seals=seals,
    ), year


YES = {"是", "盖", "盖章", "加盖", "加盖印章", "y", "yes", "true", "1", "√", "✓"}
NO = {"", "否", "不", "不盖", "不盖章", "n", "no", "false", "0", "×"}
_PNG = b"\x89PNG\r\n\x1a\n"


def png_fault(data: bytes) -> str:
    """What keeps `data` from being a seal image — not a PNG, unreadable, no transparency —
    or "" when it will do."""
    import struct
    import zlib

    if not data.startswith(_PNG) or data[12:16] != b"IHDR" or len(data) < 33:
        return "不是 PNG 图片"
    width, height, _, colour = struct.unpack(">IIBB", data[16:26])
    if not width or not height or zlib.crc32(data[12:29]) != struct.unpack(">I", data[29:33])[0]:
        return "已损坏，无法读取"
    if colour not in (4, 6) and b"tRNS" not in data:
        return "不是透明背景的（没有透明通道），盖在文字上会遮住署名和日期"
    return ""


def _next_number(number: str) -> str:
    """六工党〔2022〕7号 → 六工党〔2022〕8号: an example of a different 字号."""
    m = re.search(r"(\d+)号$", number)
    return number[:m.start()] + f"{int(m[1]) + 1}号" if m else number


def _meta_values(table: Table, problems: list[Problem]) -> dict[str, tuple[int, object]]:
    """Canonical key → (Excel row, value cell). The key is the first filled cell of a row
    (after a 序号, if any); the value is the first filled cell to its right."""
    found: dict[str, tuple[int, object]] = {}
    content = _meta_content_column(table)
    for r, row in enumerate(table.rows):
        key_at = _meta_key(row)
        if key_at is None:
            continue
        c, column = key_at
        value, vc = "", None
        if content is not None and content > c:
            # a 项目 | 内容 | 说明 sheet: only 内容 holds values, an empty one stays empty
            if content < len(row):
                value, vc = row[content], content
        else:
            for j in range(c + 1, len(row)):
                if row[j] != "" or (table.errors and (r, j) in table.errors):
                    value, vc = row[j], j
                    break
        if vc is not None:
            err = table.error_at(r, vc)
            if err:
                shown, reason, hint = cell_fault(err)
                problems.append(Problem(table.name, r + 1, column.name, shown, reason, hint))
                value = None  # reported: not "未填写" as well
            elif isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                problems.append(too_long(table.name, r + 1, column.name, value))
                value = None
        if column.name in found:
            problems.append(Problem(table.name, r + 1, column.name, cell_text(value),
                                    f"重复填写（第{found[column.name][0]}行已填写）",
                                    "请删除其中一行"))
            continue
        found[column.name] = (r + 1, value)
    return found


_CONTENT_HEADERS = {"内容", "值", "填写内容", "具体内容"}


def _meta_content_column(table: Table) -> int | None:
    """The column headed 内容 (or 值) in a 发文信息 sheet that has a header row, so that a
    further 说明 column is never read as a value."""
    for row in table.rows[:HEADER_SCAN_ROWS]:
        for j, cell in enumerate(row):
            if isinstance(cell, str) and squash(cell) in _CONTENT_HEADERS:
                return j
    return None


def _meta_across(table: Table) -> tuple[int, list[str]] | None:
    """The first row naming several 发文信息 keys (发文机关 | 发文字号 | …: written across as a
    table, or two key/value pairs side by side) with the keys as typed. Only the first key of
    a row is read, so the others would be lost. None when the sheet is key/value as it should be."""
    for r, row in enumerate(table.rows):
        keys = [str(cell).strip() for cell in row
                if isinstance(cell, str) and header_key(cell) in META_LOOKUP]
        if len(keys) >= 2:
            return r + 1, keys
    return None


def _meta_key(row: list):
    for c, cell in enumerate(row):
        if cell == "":
            continue
        if isinstance(cell, (int, float)):  # a 序号 column before the key
            continue
        column = META_LOOKUP.get(header_key(cell))
        return None if column is None else (c, column)
    return None


# -- 领导小组 · 人员 · 阶段安排 · 工作安排 · 问题清单 ------------------------------------------------
