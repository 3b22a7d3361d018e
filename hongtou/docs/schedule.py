"""日程安排表.docx: phases and their tasks with dates, owners and deliverables (landscape)."""

from __future__ import annotations

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout.columns import text_width
from ..layout.ooxml import Block, TableColumn, esc, table
from ..model import Assessment, Campaign
from ..rules.dates import format_date, span_text
from ..rules.names import pad_name
from ..rules.numbering import cn_number
from .skeletons import SCHEDULE
from .template import TemplateSet

# Widths from the content (`layout.columns`), sharing the landscape block (225 mm wide).
COLUMNS = [
    TableColumn("序号"), TableColumn("阶段"), TableColumn("时间"), TableColumn("工作任务", align="left"),
    TableColumn("责任部门"), TableColumn("责任人"), TableColumn("成果要求", align="left"), TableColumn("状态"),
]


def rows(c: Campaign) -> list[list[str]]:
    phase_names = {}
    for p in c.phases:
        label = p.label or f"第{cn_number(p.order)}阶段"
        for key in (p.label, p.name, label):
            if key:
                phase_names[key] = f"{label}\n{p.name}" if p.name else label
    out = []
    for i, t in enumerate(c.tasks, 1):
        when = span_text(t.start, t.due) if t.start else t.due.text
        owners = "、".join(pad_name(n) for n in t.owner.split("、")) if t.owner else ""
        out.append([str(i), phase_names.get(t.phase, t.phase), when, t.task, t.department,
                    owners, t.output, t.status.value])
    return out


def context(c: Campaign) -> dict:
    m = c.meta
    phases = [f"{p.label or '第' + cn_number(p.order) + '阶段'}{p.name}"
              f"（{span_text(p.start, p.end)}）" for p in c.phases]
    return {
        "表题": f"{m.campaign}日程安排表",
        "说明": phase_lines(phases),
        "日程表": Block(table(COLUMNS, rows(c), header_style=st.TABLE_HEAD,
                             cell_style=st.TABLE_TEXT, total=g.LANDSCAPE_BLOCK_WIDTH)),
        "制表": f"{m.printer or m.organ}　{format_date(m.print_date or m.date)}",
        "活动名称": m.campaign,
    }


def phase_lines(phases: list[str]) -> Block:
    """The phases under the title, 「；」 between them, a new line only between two phases
    (never 「（3月下旬至4月／上旬）」): as many whole phases on a line as the landscape block
    holds at the line's size (a phase longer than a line wraps as it must)."""
    room = g.twips(g.LANDSCAPE_BLOCK_WIDTH) / 20
    size, spacing = g.twips(g.SIZE_3) / 20, g.twips(g.CHAR_SPACING_3) / 20
    lines: list[str] = []
    for i, phase in enumerate(phases):
        piece = phase + ("；" if i < len(phases) - 1 else "")
        if lines and text_width(lines[-1] + piece, size, spacing) <= room:
            lines[-1] += piece
        else:
            lines.append(piece)
    # a line ends a phase, its 「；」 measured with it: the paginator would not hang it after 「）」
    return Block('</w:t><w:br/><w:t xml:space="preserve">'.join(esc(x) for x in lines))


def render(c: Campaign, a: Assessment, templates: TemplateSet) -> bytes:
    return templates.get(SCHEDULE).render(context(c))
