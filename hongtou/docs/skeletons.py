"""The built-in templates, generated from code so their layout numbers come from `layout/`.

`templates/make_templates.py` writes these same bytes to `templates/*.docx` for users to copy
and edit; a test checks the committed files match. Fixed wording lives here (and so in the
template a user edits), facts come in through the tags.
"""

from __future__ import annotations

from ..layout import styles as st
from ..layout import zones
from ..layout.ooxml import esc, para, ppr, run, text_para
from ..layout.package import Section, document_xml, package

NOTICE = "通知"
SCHEDULE = "日程安排表"
LEDGER = "整改台账"
REMINDER = "督办通知"
REPORT = "进展通报"
MINUTES = "会议纪要"

TEMPLATE_NAMES = (NOTICE, SCHEDULE, LEDGER, REMINDER, REPORT, MINUTES)


def slot(name: str) -> str:
    """A paragraph holding only `{{p name }}`: docxtpl replaces the whole paragraph."""
    return f'<w:p><w:r><w:t xml:space="preserve">{{{{p {esc(name)} }}}}</w:t></w:r></w:p>'


def _notice() -> tuple[str, Section]:
    body = "".join([
        slot("版头"),
        zones.title("{{r 标题 }}"),
        zones.addressee("{{ 主送机关 }}"),
        # kept with the 署名 when no 附件说明 comes between (template.render does it)
        zones.body_text("现将《{{ 方案标题 }}》印发给你们，请认真贯彻执行。"),
        slot("附件说明"),
        slot("落款"),
        slot("附注"),
        slot("方案"),
        slot("附件"),
        slot("版记"),
    ])
    return body, Section()


def _schedule() -> tuple[str, Section]:
    body = "".join([
        zones.table_title("{{ 表题 }}"),
        para(run("{{ 说明 }}"), ppr(st.PLAIN, align="center")),
        slot("日程表"),
        para(run("{{ 制表 }}"), ppr(st.PLAIN, align="right")),
    ])
    return body, Section(landscape=True)


def _ledger() -> tuple[str, Section]:
    body = "".join([
        zones.table_title("{{ 表题 }}"),
        para(run("（统计截至{{ 统计截至 }}）"), ppr(st.PLAIN, align="center")),
        text_para("{{ 概况 }}", st.BODY),
        slot("台账表"),
    ])
    return body, Section(landscape=True)


def _reminder() -> tuple[str, Section]:
    """督办通知 in 信函格式 (§10.1): the sender's mark and double lines are in page 1's own
    header and footer (see `LETTER_MARKS`), so the body starts with the title."""
    body = "".join([
        zones.title("{{r 标题 }}", gap_lines=1),
        zones.addressee("{{ 主送 }}"),
        zones.body_text("根据{{ 活动名称 }}整改工作安排，截至{{ 统计截至 }}，你单位负责的"
                        "{{ 事项总数 }}项整改事项中，{{ 超期情况 }}（详见下表）。"),
        zones.body_text("请高度重视，逐项对照整改措施抓紧推进，于{{ 反馈日期 }}前将整改进展"
                        "情况书面反馈{{ 反馈单位 }}。已完成的事项请一并提供佐证材料。"),
        slot("督办表"),
        slot("联系人"),
        slot("落款"),
    ])
    return body, Section(letter=True)


def _report() -> tuple[str, Section]:
    """进展通报: a red-header 通报 in four parts. The opening, the headings, the sentences
    around the figures and the requirements of part 四 are fixed wording a user may edit."""
    body = "".join([
        slot("版头"),
        zones.title("{{r 标题 }}"),
        zones.addressee("{{ 主送机关 }}"),
        zones.body_text("现将{{ 活动名称 }}问题整改进展情况通报如下。"),
        zones.body([(1, "一、总体进展")]),
        zones.body_text("截至{{ 统计截至 }}，共查摆问题{{ 问题总数 }}个，已完成{{ 已完成数 }}个，"
                        "完成率{{ 完成率 }}；其中{{ 超期情况 }}。"),
        slot("较上期"),
        zones.body([(1, "二、各部门进展")]),
        zones.body_text("各责任部门整改进展情况如下（已完成含已销号）：", keep_next=True),
        slot("部门统计表"),
        zones.caption("各部门整改完成率"),
        slot("完成率图"),
        zones.body([(1, "三、超期事项")]),
        slot("超期事项"),
        zones.body([(1, "四、下一步工作要求")]),
        zones.body_text("各责任部门要对照问题清单逐项抓好整改落实：已超期的事项要查明原因、"
                        "限期办结；即将到期的事项要倒排工期、确保按时完成；已完成的事项要巩固"
                        "成果、防止反弹。领导小组办公室将跟踪督办，定期通报进展情况。",
                        keep_next=True),
        slot("落款"),
        slot("版记"),
    ])
    return body, Section()


def _minutes() -> tuple[str, Section]:
    """会议纪要 in 纪要格式 (§10.3), for a user to fill in: no build writes it. Context:
    纪要标志 (zones.minutes_mark), 标题 (zones.title_run), 正文 (zones.body), 出席
    (zones.attendance: 出席、请假、列席), 版记 (zones.record_zone)."""
    body = "".join([
        slot("纪要标志"),
        zones.title("{{r 标题 }}"),
        slot("正文"),
        slot("出席"),
        slot("版记"),
    ])
    return body, Section()


# templates in 信函格式, and the tag that fills in their page-1 mark
LETTER_MARKS = {REMINDER: "{{ 发信机关 }}"}

_BUILDERS = {NOTICE: _notice, SCHEDULE: _schedule, LEDGER: _ledger, REMINDER: _reminder,
             REPORT: _report, MINUTES: _minutes}


def builtin_template(name: str) -> bytes:
    body, section = _BUILDERS[name]()
    return package(document_xml(body, section), title=name, letter_mark=LETTER_MARKS.get(name))
