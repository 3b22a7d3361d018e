"""Pieces several documents share: the header facts, the 落款, the 版记, the roster."""

from __future__ import annotations

from ..layout import gbt9704 as g
from ..layout import styles as st
from ..layout import zones
from ..layout.ooxml import Block, para, ppr, run
from ..model import Campaign, DocumentMeta, Member
from ..rules.dates import format_date
from ..rules.names import pad_name


def head_of(meta: DocumentMeta, number: str | None = None) -> zones.Head:
    secret = meta.secret + (f"★{meta.secret_term}" if meta.secret and meta.secret_term else "")
    return zones.Head(
        marks=(meta.mark, *meta.joint_marks),
        number=meta.number if number is None else number,
        copy_no=meta.copy_no.zfill(6) if meta.copy_no.isdigit() else meta.copy_no,  # §7.2.1
        secret=secret,
        urgency=meta.urgency,
        signers=tuple(s for s in meta.signer.replace("，", "、").split("、") if s)
        if meta.signer else (),
    )


SEAL_RID = "rIdSeal{}"


def signature_of(meta: DocumentMeta, when, organs: list[str] | None = None,
                 seals: list[bytes] | None = None) -> tuple[Block, dict[str, bytes]]:
    """The 落款 of a document `meta` issues — every organ of a joint issue signs, the lead
    first (§7.3.5), laid out for seals when 发文信息 says so — and the seal images it places
    ({relationship id: PNG}, for the template's `_media`)."""
    organs = organs or meta.organs
    seals = meta.seals if seals is None else seals
    rids = tuple(SEAL_RID.format(i + 1) if i < len(seals) else None for i in range(len(organs)))
    media = {SEAL_RID.format(i + 1): data for i, data in enumerate(seals[:len(organs)])}
    return zones.signature(organs, format_date(when), sealed=meta.sealed, seals=rids), media


def record_of(meta: DocumentMeta) -> Block:
    printed = meta.print_date or meta.date
    return zones.record_zone(meta.cc, meta.printer or meta.organ, format_date(printed))


def spread(label: str, width: int) -> str:
    """Distribute a short label over `width` characters with full-width spaces, as Word's
    分散对齐 does: 组长 → 组　　　长 at 5; 副组长 → 副　组　长."""
    if len(label) >= width or len(label) < 2:
        return label
    gaps = len(label) - 1
    spaces = width - len(label)
    out = []
    for i, ch in enumerate(label):
        out.append(ch)
        if i < gaps:
            n = spaces // gaps + (1 if i < spaces % gaps else 0)
            out.append("\u3000" * n)
    return "".join(out)


ROLE_ORDER = {r: i for i, r in enumerate(Member.ROLES)}


def roster_lines(members: list[Member]) -> list[tuple[str, str]]:
    """(label, text) lines of a 领导小组 list: each role's label on its first member only,
    names padded so two-character names align with three-character ones."""
    width = max((len(m.role) for m in members), default=2)
    out = []
    last_role = None
    for m in sorted(members, key=lambda m: ROLE_ORDER.get(m.role, 99)):
        label = spread(m.role, width) + "：" if m.role != last_role else ""
        out.append((label, f"{pad_name(m.name)}\u3000{m.title}".rstrip()))
        last_role = m.role
    return out


def roster_paras(lines: list[tuple[str, str]]) -> str:
    """A 领导小组 list as paragraphs: each role's label once (spread to the widest label), the
    names under one another, a wrapped line aligned after the label."""
    width = max((len(label) for label, _ in lines), default=0)
    # the label as set, letter spacing and all, so a wrapped line starts under the name
    hang = g.Length(int(zones.label_width("\u3000" * width)))
    return "".join(para(run((label or "\u3000" * width) + text),
                        ppr(st.PLAIN, left=hang, hanging=hang)) for label, text in lines)


def roster_prose(c: Campaign) -> str:
    """The 组织领导 paragraph in the seeds' words: 由X任组长，Y、Z任副组长 …"""
    by_role: dict[str, list[Member]] = {}
    for m in c.members:
        by_role.setdefault(m.role, []).append(m)

    def names(role: str, with_title: bool = True) -> str:
        return "、".join((m.title + m.name) if with_title and m.title else m.name
                        for m in by_role.get(role, []))

    parts = []
    if "组长" in by_role:
        parts.append(f"{names('组长')}任组长")
    if "副组长" in by_role:
        parts.append(f"{names('副组长')}任副组长")
    if "成员" in by_role:
        parts.append(f"{names('成员', False)}为成员")
    text = f"成立{c.meta.campaign}领导小组，" + "，".join(parts) + "。" if parts else ""
    office = []
    if "办公室主任" in by_role:
        office.append(f"{names('办公室主任', False)}同志兼任办公室主任")
    if "办公室副主任" in by_role:
        office.append(f"{names('办公室副主任', False)}同志任办公室副主任")
    if "办公室成员" in by_role:
        office.append(f"{names('办公室成员', False)}同志为办公室成员")
    if office:
        text += "领导小组下设办公室，" + "，".join(office) + "，负责活动的组织实施和督导检查工作。"
    return text


def late_counts(red: int, soon: int, warn_days: int, unit: str) -> str:
    """「已超期未完成6个，7日内到期5个」 for the ledger, the 通报 and the 督办 alike: a count of
    none is left out (a 督办 to a department with nothing overdue does not say 「已超期未完成0项」),
    and when both are none, 「无超期和7日内到期的事项」."""
    parts = ([f"已超期未完成{red}{unit}"] if red else []) + \
        ([f"{warn_days}日内到期{soon}{unit}"] if soon else [])
    return "，".join(parts) or f"无超期和{warn_days}日内到期的事项"
