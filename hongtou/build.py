"""The spine: read the campaign, judge it against a day, render every output in memory, then
write them all. Nothing is written until every document has rendered, so a bad row or a
broken template never leaves a half-written output folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from .docs import ledger, notice, reminder, report, schedule
from .docs.skeletons import REMINDER
from .docs.template import TemplateSet
from .excel import department_workbooks, ledger_workbook
from .excel.split import department_workbook, issues_by_department
from .model import Assessment, Campaign, InputError, Light, Problem
from .read import read_campaign
from .rounds import stale_day
from .rules.status import assess
from .rules.text import squash
from .manifest import MANIFEST, read_manifest
from .parallel import MIN_ISSUES, Helper, frozen_heap, timed
from .write import BACKUP_DIR, Report, unique_names, write_outputs

NOTICE_FILE = "通知.docx"
SCHEDULE_FILE = "日程安排表.docx"
LEDGER_DOCX = "整改台账.docx"
LEDGER_XLSX = "整改台账.xlsx"
REPORT_FILE = "进展通报.docx"
REMINDER_DIR = "督办"
SPLIT_DIR = "分发"
DEPARTMENT_OPTION = "--department"


# The stages of render_all, in order: each calls `step` once (a progress bar counts them).
STEPS = (NOTICE_FILE, SCHEDULE_FILE, LEDGER_DOCX, REPORT_FILE, LEDGER_XLSX, REMINDER_DIR,
         SPLIT_DIR)


@dataclass
class Outputs:
    campaign: Campaign
    assessment: Assessment
    files: dict[str, bytes]           # path relative to the output folder → bytes
    templates: dict[str, str]         # template name → where it came from
    # stage → (wall s, CPU s of the process that ran it); 督办 and 分发 may have run in the
    # helper process, at the same time as the ledgers
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)
    # which files of earlier runs in the output folder this run supersedes (see write_outputs)
    replaces: Callable[[str], bool] | None = None


def default_today(c: Campaign) -> date:
    return c.meta.as_of or date.today()


def department_outputs(c: Campaign, a: Assessment, templates: TemplateSet | list[Path]
                       ) -> tuple[dict[str, bytes], dict[str, bytes], dict]:
    """督办 notices and 分发 workbooks, by department; run in the helper process when there
    is one (everything it needs comes in the arguments, templates as their folders)."""
    if not isinstance(templates, TemplateSet):
        templates = TemplateSet(templates)
    stages: dict = {}
    reminders = timed(stages, REMINDER_DIR, reminder.render, c, a, templates)
    splits = timed(stages, SPLIT_DIR, department_workbooks, c, a)
    return reminders, splits, stages


def render_all(c: Campaign, today: date, templates: TemplateSet,
               step: Callable[[str], None] = lambda s: None,
               helper: Helper | None = None) -> Outputs:
    """Every output, in memory. With a running `helper` and a campaign of at least
    `parallel.MIN_ISSUES` issues, the per-department outputs are rendered in the helper
    process meanwhile; the files are the same bytes either way."""
    stages: dict = {}
    a = timed(stages, "assess", assess, c, today)
    job = None
    if helper is not None and helper.running and len(c.issues) >= MIN_ISSUES:
        templates.get(REMINDER)  # checked (and its origin noted) here, before any work
        job = helper.submit(department_outputs, c, a, templates.folders)
    files: dict[str, bytes] = {}
    for name, module in ((NOTICE_FILE, notice), (SCHEDULE_FILE, schedule), (LEDGER_DOCX, ledger),
                         (REPORT_FILE, report)):
        step(name)
        files[name] = timed(stages, name, module.render, c, a, templates)
    step(LEDGER_XLSX)
    files[LEDGER_XLSX] = timed(stages, LEDGER_XLSX, ledger_workbook, c, a)
    if job is not None:
        reminders, splits, more = timed(stages, "waiting for the helper", job.result)
    else:
        reminders, splits, more = department_outputs(c, a, templates)
    stages.update(more)
    step(f"{REMINDER_DIR}/（{len(reminders)} 个部门）")
    names = unique_names(list(reminders))
    for dept, data in reminders.items():
        files[f"{REMINDER_DIR}/{names[dept]}.docx"] = data
    step(f"{SPLIT_DIR}/（{len(splits)} 个部门）")
    names = unique_names(list(splits))
    for dept, data in splits.items():
        files[f"{SPLIT_DIR}/{names[dept]}.xlsx"] = data
    return Outputs(c, a, files, templates.origins(), stages)


def pick_departments(c: Campaign, wanted: list[str]) -> list[str]:
    """The 责任部门 names (as written in 问题清单) that `wanted` names, matched ignoring spaces;
    InputError listing every name that matches none, with the names there are."""
    known: dict[str, str] = {}
    for issue in c.issues:
        known.setdefault(squash(issue.department), issue.department)
    missing = [w for w in wanted if squash(w) not in known]
    if missing:
        names = "、".join(known.values()) or "（问题清单是空的）"
        raise InputError([Problem(DEPARTMENT_OPTION, None, None, w,
                                  "问题清单的责任部门中没有这个部门",
                                  f"可选的部门：{names}") for w in missing])
    return list(dict.fromkeys(known[squash(w)] for w in wanted))


def department_files(name: str) -> tuple[str, str, str]:
    """Where one department's packet goes: its folder, named safely (`name`), holding the
    ledger, the reminder and the 分发 workbook, each with the department in its name so a
    file attached to a message still says whose it is."""
    return (f"{name}/整改台账（{name}）.docx", f"{name}/督办通知（{name}）.docx",
            f"{name}/分发表（{name}）.xlsx")


def render_departments(c: Campaign, today: date, templates: TemplateSet, departments: list[str],
                       step: Callable[[str], None] = lambda s: None) -> Outputs:
    """Each department's packet: its own 整改台账.docx, its 督办通知 when it has red or yellow
    items, and its 分发 workbook. 红黄绿 are judged on the whole campaign, so a department's
    packet says what the full build says of its items."""
    a = assess(c, today)
    files: dict[str, bytes] = {}
    names = unique_names(departments)

    def only(issues):
        return (replace(c, issues=issues),
                replace(a, issue_states={i.key: a.issue_states[i.key] for i in issues}))

    groups = issues_by_department(c)
    for dept in departments:
        dc, da = only(groups[dept])
        ledger_file, reminder_file, split_file = department_files(names[dept])
        step(f"{names[dept]}/")
        files[ledger_file] = ledger.render(dc, da, templates, department=dept)
        late = reminder.render(dc, da, templates)
        if dept in late:
            files[reminder_file] = late[dept]
        files[split_file] = department_workbook(dc, da, dept, groups[dept])
    chosen = set(departments)
    return Outputs(*only([i for i in c.issues if i.department in chosen]), files,
                   templates.origins())


def summary_lines(o: Outputs) -> list[str]:
    a = o.assessment
    total = len(o.campaign.issues)
    done = sum(1 for i in o.campaign.issues if i.status.is_done)
    lines = [
        f"整改台账：共 {total} 项，已完成 {done} 项；"
        f"红 {a.count(Light.RED)} 项（超期），黄 {a.count(Light.YELLOW)} 项"
        f"（{o.campaign.meta.warn_days} 日内到期），绿 {a.count(Light.GREEN)} 项"
        f"（统计截至 {a.today.isoformat()}）",
    ]
    # a round judged on a day not after the last kept master compares nothing: say so
    stale = stale_day(o.campaign.source, a.today)
    return lines + ([f"注意：{stale}"] if stale else [])


def build(data: Path, out: Path, today: date | None = None,
          template_dirs: list[Path] = (),
          step: Callable[[str], None] = lambda s: None,
          departments: list[str] = (), pdf: bool = False) -> tuple[Outputs, Report]:
    """Read `data`, render everything (or, with `departments`, those departments' packets),
    then write under `out`. Raises InputError for bad input (or an unknown department),
    TemplateFault for a bad template, WriteError when a file cannot be written.

    What an earlier run wrote there and this one does not is cleared away (removed, or moved
    to _备份 when edited): after a full build, everything; after a packet build, those
    departments' folders. `pdf`: the PDFs are left for the PDF export that follows."""
    # the helper process starts while the campaign is read, if it is large (not for packets)
    helper = Helper.none() if departments else Helper.for_input(data, __name__)
    try:
        stages: dict = {}
        # the 通知 prints the 方案: a full build needs its 方案正文 (a packet does not)
        c = timed(stages, "read", read_campaign, data, not departments)
        templates = TemplateSet([data / "templates" if data.is_dir()
                                 else data.parent / "templates", *template_dirs])
        when = today or default_today(c)
        with frozen_heap():
            if departments:
                outputs = render_departments(c, when, templates,
                                             pick_departments(c, list(departments)), step)
            else:
                outputs = render_all(c, when, templates, step, helper)
    finally:
        helper.close()
    # -- now that every document has rendered, write them --
    outputs.replaces = superseded(outputs.files if departments else None)
    report = timed(stages, "write", write_outputs, out, outputs.files, _input_files(data, out),
                   _not_pdfs(outputs.replaces) if pdf else outputs.replaces)
    report.lines.extend(summary_lines(outputs))
    outputs.stages = {**stages, **outputs.stages}
    return outputs, report


def superseded(packets: dict[str, bytes] | None) -> Callable[[str], bool]:
    """Which earlier outputs a build replaces: all, or (`packets`) only what lies in the
    department folders it writes."""
    if packets is None:
        return lambda rel: True
    folders = {rel.split("/", 1)[0] for rel in packets}
    return lambda rel: rel.split("/", 1)[0] in folders


def _not_pdfs(replaces: Callable[[str], bool]) -> Callable[[str], bool]:
    return lambda rel: replaces(rel) and not rel.lower().endswith(".pdf")


def _input_files(data: Path, out: Path) -> list[Path]:
    """The user's files that no output may replace: everything under `data` except what an
    earlier run wrote into `out` (listed in its manifest) and the backups."""
    if data.is_file():
        return [data]
    if not data.is_dir():
        return []
    out = out.resolve()
    ours = {(out / rel).resolve() for rel in read_manifest(out)}
    backups = out / BACKUP_DIR
    return [p for p in data.rglob("*")
            if p.is_file() and p.resolve() not in ours and backups not in p.resolve().parents
            and p.name != MANIFEST]
