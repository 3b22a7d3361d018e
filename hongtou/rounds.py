"""The campaign's earlier rounds: the masters `merge` kept in 历史/ beside the workbook.

Each merge keeps the master it replaces as `历史/<master>（YYYY-MM-DD）.xlsx`, dated by the
round it served (the day its 分发 workbooks were made, `merge.history_path`). Read back
and judged against that day, they give 较上期 for the 进展通报 (what changed since the last
round, per department) and the 完成率 trend on the 统计 sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from .model import Assessment, Campaign, DocumentMeta, InputError, Light
from .rules.status import assess

HISTORY_FOLDER = "历史"


@dataclass(frozen=True)
class Round:
    """One earlier round: its day and its issues' states then, by Issue.key."""

    day: date
    total: int
    done: int
    done_keys: frozenset[str]
    red_keys: frozenset[str]

    @property
    def rate(self) -> float:
        return self.done / self.total if self.total else 0.0


@dataclass(frozen=True)
class Change:
    """较上期 for one department (or 合计): issues newly done, newly overdue, still overdue."""

    department: str
    newly_done: int = 0
    newly_overdue: int = 0
    still_overdue: int = 0


def history_files(source: Path) -> dict[date, Path]:
    """Round day → the master kept for it (the first one of that day: the master the round's
    documents were built from; later ones hold merges of late returns)."""
    folder = source.parent / HISTORY_FOLDER
    if not source.is_file() or not folder.is_dir():
        return {}
    name = re.compile(re.escape(source.stem) + r"（(\d{4})-(\d{2})-(\d{2})）(?:_(\d+))?"
                      + re.escape(source.suffix) + "$")
    found: dict[date, tuple[int, Path]] = {}
    for path in folder.iterdir():
        m = name.fullmatch(path.name)
        if not m or not path.is_file():
            continue
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        n = int(m[4] or 1)
        if day not in found or n < found[day][0]:
            found[day] = (n, path)
    return {day: found[day][1] for day in sorted(found)}


def last_round(source: Path) -> date | None:
    """The day of the latest round whose master is kept beside `source`, if any."""
    return max(history_files(source), default=None)


STALE_DAY = ("统计截至 {as_of} 不晚于上一轮（{last}）：红黄绿和督办按这一天算，进展通报没有「较上期」；"
             "新一轮请写 --today 新的日期，或改「发文信息」的「统计截至」")


def stale_day(source: Path | str | None, day: date | None) -> str | None:
    """Why `day` (the day a round is judged on: --today, or the 统计截至 a build without it
    uses) cannot make a new round: it is not after the last kept round. None when it can.
    merge says it of the master's 统计截至 after keeping a master; build can say it of its day."""
    last = last_round(Path(source)) if source and day else None
    if last is None or day > last:
        return None
    return STALE_DAY.format(as_of=day.isoformat(), last=last.isoformat())


def campaign_id(meta: DocumentMeta) -> str:
    """What tells one campaign's files from another's: its 发文字号 and 活动名称."""
    return f"{meta.number}｜{meta.campaign}"


@lru_cache(maxsize=32)
def _round(path: str, stamp: float, day: date, ours: str) -> Round | None:
    from .read import read_campaign  # the reader imports the whole input layer: only when needed

    try:
        campaign = read_campaign(Path(path))
    except InputError:
        return None  # an earlier master that no longer reads is left out of the comparison
    if campaign_id(campaign.meta) != ours:
        return None  # another campaign's workbook put here by hand
    a = assess(campaign, day)
    return Round(day, len(campaign.issues), sum(i.status.is_done for i in campaign.issues),
                 frozenset(i.key for i in campaign.issues if i.status.is_done),
                 frozenset(k for k, s in a.issue_states.items() if s.light is Light.RED))


def earlier_rounds(c: Campaign, today: date) -> list[Round]:
    """The rounds before `today` whose masters are kept beside `c`'s workbook, oldest first."""
    if not c.source:
        return []
    rounds = []
    for day, path in history_files(Path(c.source)).items():
        if day < today:
            r = _round(str(path), path.stat().st_mtime, day, campaign_id(c.meta))
            if r is not None:
                rounds.append(r)
    return rounds


def changes(c: Campaign, a: Assessment, before: Round) -> list[Change]:
    """Per department (ledger order), then 合计: what changed since round `before`."""
    out: dict[str, list[int]] = {}
    for i in c.issues:
        row = out.setdefault(i.department, [0, 0, 0])
        red = a.issue_states[i.key].light is Light.RED
        row[0] += i.status.is_done and i.key not in before.done_keys
        row[1] += red and i.key not in before.red_keys
        row[2] += red and i.key in before.red_keys
    rows = [Change(d, *v) for d, v in out.items()]
    total = Change("合计", *(sum(getattr(r, f) for r in rows)
                            for f in ("newly_done", "newly_overdue", "still_overdue")))
    return [*rows, total]
