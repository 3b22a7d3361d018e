"""Notices swept across the page boundary, laid out by LibreOffice and read as a reviewer
reads printed pages (issue 12): body lengths that put the 附件说明, 署名 and 成文日期 just
under, on and over the foot of page 1 (and of page 2), with 0–4 attachments; headings that
fall on the last lines of a page; a 方案 after a page exactly full.

Each document is put together from the zones and packaged as `build` packages it
(`layout.package.package`: the 署名 keep and `complete`), and all of them are converted to
PDF in ONE soffice call. Body text is set from the characters of `FILLER`, which nothing else
on the page uses, so "this page holds 正文" is a question about characters.

Rules checked on every page of every document:
- the page with the 署名 carries at least one line of 正文 (a 附件说明 does not count);
- page 1 does not end after the 主送 (it holds 正文 too);
- no page holds nothing but its page number;
- no heading is the last line of a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.docs.pdfpage import MM
from tests.docs.test_docs_cases import Rendered
from tests.helpers import need_render, render_unavailable
from tests.rules.test_rules_titles import TITLES

LEAD = "中共六安市总工会党组"
DATE = "2022年2月15日"
FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
BODY_CHARS = set(FILLER)
PAGE_NUMBER = re.compile(r"^\u2014\s*\d+\s*\u2014$")
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.|（\d+）)")
ATTACHMENTS = ["领导小组成员名单", "阶段安排表", "问题整改台账及责任分工明细表", "联络员名单"]


def filler(lines: int, start: int = 0, first_indent: bool = True) -> str:
    """A paragraph of pure CJK that sets in exactly `lines` lines (26 characters after the
    2-字 indent, 28 on the others), ending with a stop."""
    n = (26 if first_indent else 28) + 28 * (lines - 1) - 3
    return "".join(FILLER[(start + i) % len(FILLER)] for i in range(n)) + "。"


@dataclass
class Spec:
    """One swept notice."""

    body: list[tuple[int, str]]          # (level, text) of the 正文
    attachments: int = 0
    title: str = "关于印发《工作方案》的通知"
    plan: list[tuple[int, str]] = field(default_factory=list)   # a 随文方案 after the 署名
    record: bool = True
    printer: str = "六安市总工会办公室"
    organs: tuple[str, ...] = (LEAD,)    # who signs: a joint issue's organs, lead first
    sealed: bool = False
    seal: bool = False                   # a seal image for every organ
    signers: tuple[str, ...] = ()
    table: int = 0                       # rows of a table after the 正文
    contact: bool = False                # a 督办's 「联系人：…」 line over the 署名


CONTACT = "联系人：杨帆，联系电话：0564-3371015"


def body_lines(total: int) -> list[tuple[int, str]]:
    """`total` lines of 正文 in paragraphs of at most three lines."""
    out, k = [], 0
    while total > 0:
        n = min(3, total)
        out.append((0, filler(n, k)))
        total -= n
        k += 1
    return out


def make(spec: Spec) -> bytes:
    from hongtou.layout import zones
    from hongtou.layout.package import Section, document_xml, package

    head = zones.Head(marks=tuple(o + "文件" for o in spec.organs), number="六工党〔2022〕7号",
                      signers=spec.signers)
    rids = tuple(f"rIdSeal{i + 1}" for i in range(len(spec.organs))) if spec.seal else ()
    plan = (zones.title("工作方案", gap_lines=0, new_page=True) + zones.body(spec.plan)
            if spec.plan else "")
    from hongtou.layout import gbt9704 as g
    from hongtou.layout import styles as st
    from hongtou.layout.ooxml import TableColumn, para, ppr, run
    from hongtou.layout.ooxml import table as grid

    table = ""
    if spec.table:
        rows = [[str(i + 1), f"{FILLER[i]}{FILLER[i + 5]}组", f"{FILLER[i + 10]}{FILLER[i + 15]}"]
                for i in range(spec.table)]
        table = grid([TableColumn("序号"), TableColumn("单位"), TableColumn("联系人")], rows,
                     header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
    if spec.contact:   # as the 督办 writes it (docs.reminder)
        table += para(run(CONTACT), ppr(st.BODY, before=g.LINE_PITCH, keep_next=True))
    body = (zones.header_zone(head) + zones.title(spec.title) + zones.addressee("市总各部室")
            + zones.body(spec.body) + table
            + zones.attachment_note(ATTACHMENTS[:spec.attachments])
            + zones.signature(spec.organs, DATE, sealed=spec.sealed, seals=rids) + plan
            + (zones.record_zone(["市委办公室"], spec.printer, DATE) if spec.record else ""))
    return package(document_xml(body, Section()), media={r: seal_png() for r in rids})


SPECS: dict[str, Spec] = {}
# page 1 holds about 8 lines of 正文 under a one-line title: sweep the total across it, the
# group being 4 lines (署名 and date) plus 2 + n lines of 附件说明
# (with a 方案 after it: when the date is on page 1's last line, the 方案 must not leave a
# blank numbered page 2)
PLAN = [(0, filler(2, 3))]
for n_att in (0, 1, 2, 4):
    for total in range(2, 11):
        SPECS[f"p1-a{n_att}-l{total:02d}"] = Spec(body_lines(total), n_att, plan=PLAN)
# the same across the foot of page 2
for n_att in (0, 2):
    for total in range(26, 33):
        SPECS[f"p2-a{n_att}-l{total:02d}"] = Spec(body_lines(total), n_att)
# a one-line last paragraph, and a heading run on into its text just before the 署名
SPECS["short-last"] = Spec(body_lines(5) + [(0, filler(1, 5))], 1)
SPECS["run-on"] = Spec([(1, "一、加强节前检查。" + filler(2, 3)[9:]), (0, filler(2, 1))])
RUN_ON = "一、加强节前检查。"
for k in range(2, 6):   # … and one just before a one-line paragraph that goes over
    SPECS[f"run-on-{k}"] = Spec(body_lines(k) + [(1, RUN_ON + filler(3, 3)[9:]),
                                                 (0, filler(1, 5))])
# titles of 1–6 lines over a two-line body, with and without a 附件说明
for n, text in enumerate(TITLES, 1):
    for n_att in (0, 2):
        SPECS[f"title{n}-a{n_att}"] = Spec(body_lines(2), n_att, title=text)
# joint issues of 2–4 organs, unsealed and sealed (with seal images), and one sealed organ
JOINT = (LEAD, "六安市总工会", "六安市妇女联合会", "共青团六安市委员会")
for n in range(2, 5):
    SPECS[f"joint{n}"] = Spec(body_lines(4), 1, organs=JOINT[:n])
    SPECS[f"joint{n}-sealed"] = Spec(body_lines(4), 1, organs=JOINT[:n], sealed=True, seal=True)
SPECS["sealed"] = Spec(body_lines(4), 1, sealed=True, seal=True)
SPECS["sealed-bare"] = Spec(body_lines(4), 0, sealed=True)
SPECS["sealed-short"] = Spec(body_lines(4), 1, organs=("六安市总工会",), sealed=True, seal=True)
for total in (5, 6, 7, 8):    # the sealed 署名 needs more room: across page 1's foot
    SPECS[f"sealed-l{total}"] = Spec(body_lines(total), 1, sealed=True, seal=True)
# several 签发人
for n in range(2, 5):
    SPECS[f"signers{n}"] = Spec(body_lines(3), signers=("张三", "李四", "王五", "赵六")[:n])
# the last paragraph's last line holds two or three characters: condensing the paragraph a
# little (§7.3.5.1: adjust character spacing) takes it back, and the 署名 stays on page 1
for extra in (2, 3):
    SPECS[f"condense-e{extra}"] = Spec(
        body_lines(2) + [(0, filler(3, 3)[:26 + 28 + extra - 1] + "。")], 1)
# a 督办's 联系人 line over the 署名 is no more 正文 than a 附件说明: across page 1's foot, after
# 正文 and after a table of 2–4 rows, the 署名's page still carries 正文 (a 督办 whose table
# filled page 1 put only 联系人, 署名 and date on page 2)
for total in range(3, 10):
    SPECS[f"contact-l{total}"] = Spec(body_lines(total), contact=True, record=False)
for rows in (2, 3, 4):
    for total in (2, 3, 4, 5):
        SPECS[f"contact-t{rows}-l{total}"] = Spec(body_lines(total), table=rows, contact=True,
                                                  record=False)
# a 印发机关 too long for one line beside the 印发日期
LONG_PRINTER = "中共六安市总工会党组、六安市总工会、六安市妇女联合会、共青团六安市委员会办公室"
SPECS["long-printer"] = Spec(body_lines(3), printer=LONG_PRINTER)
# a heading on each of the last lines of a 方案 page: one-line paragraphs before it
for before in range(16, 22):
    SPECS[f"heading-{before}"] = Spec(
        body_lines(2), 0, plan=[(0, filler(1, i)) for i in range(before)]
        + [(2, "（一）目标要求"), (0, filler(3, 7))], record=False)


def typeset_text(total: int) -> str:
    """A red-header notice as text for `typeset`: `total` lines of 正文, two attachments."""
    body = "\n".join(t for _, t in body_lines(total))
    return ("发文机关标志：中共六安市总工会党组文件\n发文字号：六工党〔2022〕7号\n---\n"
            "关于印发《工作方案》的通知\n\n市总各部室：\n" + body + "\n\n"
            "附件：1. 领导小组成员名单\n2. 阶段安排表\n\n" + f"{LEAD}\n{DATE}\n")


# typeset notices across page 1's foot (`typeset` packages through the same mends)
TYPESET = {f"typeset-l{total:02d}": typeset_text(total) for total in range(4, 10)}


def table_markdown(total: int, rows: int, attachments: bool) -> str:
    """A Markdown draft as `typeset` gets it: `total` lines of 正文, then a table of `rows`
    rows under its header (its cells in FILLER's characters: a row is 正文, the repeated
    header is not), then (the 附件说明,) the organ and the date."""
    body = "\n\n".join(t for _, t in body_lines(total))
    table = "| 序号 | 单位 | 联系人 |\n|---|---|---|\n" + "".join(
        f"| {i + 1} | {FILLER[i]}{FILLER[i + 5]}组 | {FILLER[i + 10]}{FILLER[i + 15]} |\n"
        for i in range(rows))
    note = "附件：1. 领导小组成员名单\n2. 阶段安排表\n\n" if attachments else ""
    return ("---\n发文机关：中共六安市总工会党组\n文号：六工党〔2022〕7号\n---\n\n"
            "# 关于印发《工作方案》的通知\n\n市总各部室：\n\n" + body + "\n\n" + table + "\n"
            + note + f"{LEAD}\n\n{DATE}\n")


# a table of 1–6 rows ends the body, with and without a 附件说明, the 署名 group under,
# on and over page 1's foot: its last row goes over with them, under its header repeated
# (`package.split_table`), or the whole table when it has one row
TABLED = {f"table-r{rows}-a{att}-l{total}": table_markdown(total, rows, bool(att))
          for rows in range(1, 7) for att in (0, 2) for total in (2, 4, 6)}
# a heading over a one-row table that moves whole goes with it, not left at page 1's foot
TABLED |= {f"table-heading-l{total}": table_markdown(total, 1, True).replace(
    "\n\n| 序号", "\n\n## 三、联络名单\n\n| 序号") for total in (2, 3, 4)}


def typeset_docx(folder: Path, name: str, text: str, sealed: bool = False,
                 suffix: str = ".txt") -> Path:
    from hongtou.docs.typeset import render
    from hongtou.read.document import read_document

    src = folder / f"{name}{suffix}"
    src.write_text(text, encoding="utf-8")
    path = folder / f"{name}.docx"
    path.write_bytes(render(read_document(src, {}), sealed=sealed))
    return path


@pytest.fixture(scope="module")
def swept(tmp_path_factory):
    need_render()
    from tests.conftest import convert_to_pdf

    base = tmp_path_factory.mktemp("sweep")
    docx = {}
    for name, spec in SPECS.items():
        path = base / f"{name}.docx"
        path.write_bytes(make(spec))
        docx[name] = path
    for name, text in TYPESET.items():
        docx[name] = typeset_docx(base, name, text)
    for name, text in TABLED.items():
        docx[name] = typeset_docx(base, name, text, suffix=".md")
    docx["table-header-only"] = header_only(docx["table-r3-a2-l4"], base / "table-header-only.docx")
    docx["typeset-sealed"] = typeset_docx(base, "typeset-sealed", typeset_text(5), sealed=True)
    pdfs = convert_to_pdf(list(docx.values()), base / "pdf", base / "lo-profile")
    out = Rendered(docx, pdfs, {}, {})
    yield out
    for d in out._open.values():
        d.close()


# -- reading the pages ---------------------------------------------------------------------


def text_lines(page) -> list[tuple[float, str, float]]:
    """The page's lines of text inside the block and above the 版记: (baseline mm, text,
    right edge mm), top to bottom; the page number left out."""
    rows: list[list] = []
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            for s in line["spans"]:
                if not s["text"].strip():
                    continue
                base = s["origin"][1] / MM
                row = next((r for r in rows if abs(r[0] - base) < 1.0), None)
                if row is None:
                    rows.append([base, [(s["bbox"][0], s["text"])], s["bbox"][2] / MM])
                else:
                    row[1].append((s["bbox"][0], s["text"]))
                    row[2] = max(row[2], s["bbox"][2] / MM)
    out = []
    for base, parts, right in sorted(rows):
        text = re.sub(r"\s", "", "".join(t for _, t in sorted(parts)))
        if PAGE_NUMBER.match(text):
            continue
        out.append((base, text, right))
    return out


def signature_page(doc) -> int:
    for page in doc:
        if any(t == DATE for _, t, _ in text_lines(page)):
            return page.number
    raise AssertionError("no 成文日期")


def signature_block(lines, organs) -> tuple[int, int]:
    """(index of the first 署名 line, index of the date) on the 署名's page: the lines above
    the date that spell the organs, in order."""
    end = next(i for i, (_, t, _) in enumerate(lines) if t == DATE)
    want, k = "".join(organs), end

    def spelt(k: int) -> str:
        return "".join(t for _, t, _ in lines[k:end])
    while k > 0 and spelt(k) != want and want.endswith(spelt(k - 1)):
        k -= 1
    assert "".join(t for _, t, _ in lines[k:end]) == want, (lines[k:end], want)
    return k, end


def has_body(lines) -> bool:
    return any(BODY_CHARS & set(t) and not t.startswith("附件") for _, t, _ in lines)


# -- the rules -----------------------------------------------------------------------------


ALL = sorted([*SPECS, *TYPESET, *TABLED, "typeset-sealed"])


@pytest.mark.parametrize("name", ALL)
def test_the_signature_page_carries_text(swept, name):
    doc = swept.doc(name)
    k = signature_page(doc)
    lines = text_lines(doc[k])
    sign, _ = signature_block(lines, SPECS[name].organs if name in SPECS else (LEAD,))
    above = lines[:sign]
    # the 附件说明 does not count, and uses none of FILLER's characters
    assert has_body(above), f"{name}: page {k + 1} holds the 署名 without 正文: {lines}"


@pytest.mark.parametrize("name", ALL)
def test_page_one_holds_text_and_no_page_is_blank(swept, name):
    doc = swept.doc(name)
    assert has_body(text_lines(doc[0])), f"{name}: page 1 ends after the 主送"
    for page in doc:
        words = "".join(page.get_text().split())
        assert not PAGE_NUMBER.match(words) and words, \
            f"{name}: page {page.number + 1} holds no text ({words!r})"


@pytest.mark.parametrize("name", ALL)
def test_no_heading_ends_a_page(swept, name):
    doc = swept.doc(name)
    for page in doc[:-1]:
        lines = text_lines(page)
        last = lines[-1][1] if lines else ""
        assert not (HEADING.match(last) and not BODY_CHARS & set(last)), \
            f"{name}: page {page.number + 1} ends with the heading {last!r}"


def test_a_run_on_heading_does_not_pull_text_off_page_one(swept):
    """「一、加强节前检查。」 followed by its text in the same paragraph is text: the heading
    style's keep-with-next must not chain it to the paragraph kept with the 署名 — the
    short notice stays on one page."""
    assert len(swept.doc("run-on")) == 1


@pytest.mark.parametrize("k", range(2, 6))
def test_a_run_on_heading_is_not_chained_to_the_signature(swept, k):
    """The one-line paragraph before the 署名 goes over with it; the paragraph of text that
    opens with a run-on heading stays where it is (the heading style's keep-with-next used
    to take it along, ending page 1 lines early)."""
    doc = swept.doc(f"run-on-{k}")
    assert RUN_ON in "".join(t for _, t, _ in text_lines(doc[0]))


def test_the_split_paragraph_carries_its_last_line_over(swept, docx_xml):
    """p1-a2-l06: 6 lines of 正文 leave no room for the 2-item 附件说明 and the 署名: the
    last paragraph is split before its last line, which opens page 2 flush left, the part
    on page 1 spread to the edge."""
    from hongtou.layout.package import _PPR_ORDER  # noqa: F401  (the order set_ppr keeps)

    root = docx_xml(swept.docx["p1-a2-l06"])
    w = docx_xml.w
    paras = [p for p in root.iter(w("p")) if p.find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None]
    tail = paras[0]
    assert tail.find(f"{w('pPr')}/{w('ind')}").get(w("firstLine")) == "0"
    head = tail.getprevious()
    assert head.find(f"{w('pPr')}/{w('jc')}").get(w("val")) == "distribute"
    doc = swept.doc("p1-a2-l06")
    first = text_lines(doc[0])
    second = text_lines(doc[1])
    assert has_body(first) and has_body(second[:1])
    assert second[0][2] < (28 + 156) and "。" in second[0][1]


PRINT_DATE_END = 28 + 156 - 16 / MM     # 1 字 inside the block's right edge (§7.4.3), mm


def print_date_lines(doc):
    """The 版记's 印发 line: (the 印发日期's left and right edge and baseline, in mm; the
    印发机关's spans). The date is what stands right of the block's middle on that line."""
    page = doc[-1]
    spans = [s for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])
             for s in ln["spans"] if s["text"].strip() and abs(s["size"] - 14) < 0.5]
    base = next(s for s in spans if s["text"].strip().endswith("印发"))["origin"][1]
    date = [s for s in spans if abs(s["origin"][1] - base) < 1 and s["bbox"][0] / MM > 106]
    cc = max(s["origin"][1] for s in spans if s["text"].startswith("抄送"))
    printer = [s for s in spans if s not in date and cc < s["origin"][1] <= base + 1]
    edges = (min(s["bbox"][0] for s in date) / MM, max(s["bbox"][2] for s in date) / MM,
             base / MM)
    return edges, printer


@pytest.mark.parametrize("name", ["p1-a0-l03", "p2-a2-l30", "long-printer"])
def test_the_print_date_ends_one_zi_inside_the_block(swept, name):
    """§7.4.3: the 印发日期 ends 1 字 from the block's right edge, 178.4 mm from the page's
    left (it ended 11.2 mm inside: the tab stop was counted from the indent)."""
    (_, right, _), _ = print_date_lines(swept.doc(name))
    assert abs(right - PRINT_DATE_END) < 0.8, right


def test_a_long_printer_wraps_clear_of_the_date(swept):
    (left, _, base), printer = print_date_lines(swept.doc("long-printer"))
    assert len({round(s["origin"][1]) for s in printer}) >= 2          # it wraps
    assert all(s["bbox"][2] / MM < left - 5 for s in printer)         # never into the date
    assert abs(max(s["origin"][1] for s in printer) / MM - base) < 0.5  # level, last line
    text = "".join(s["text"] for s in sorted(printer, key=lambda s: (s["origin"][1], s["bbox"][0])))
    assert text.replace(" ", "") == LONG_PRINTER


def title_lines(page) -> list[str]:
    """The 2号 lines of the page's first title, top to bottom."""
    rows: dict[float, list] = {}
    for b in page.get_text("dict")["blocks"]:
        for ln in b.get("lines", []):
            for sp in ln["spans"]:
                if sp["text"].strip() and abs(sp["size"] - 22) < 0.5:
                    key = next((k for k in rows if abs(k - sp["origin"][1]) < 3), sp["origin"][1])
                    rows.setdefault(key, []).append((sp["bbox"][0], sp["text"]))
    return [re.sub(r"\s", "", "".join(t for _, t in sorted(v))) for _, v in sorted(rows.items())]


@pytest.mark.parametrize("n", range(1, 7))
def test_titles_print_as_broken_between_words(swept, n):
    """§7.3.1: the title prints in the lines hongtou chose (no word processor rewraps them,
    no line breaks inside a word): 1–6 lines, each centred."""
    from hongtou.rules.titles import wrap_title

    expected = wrap_title(TITLES[n - 1], 442.2 / 22)
    assert len(expected) == n
    page = swept.doc(f"title{n}-a0")[0]
    assert title_lines(page) == expected


# -- 署名 of joint and sealed issues, 签发人 --------------------------------------------------

SEALED_DATE_END = 28 + 156 - 4 * 16 / MM     # 成文日期右空四字 (§7.3.5.1), mm
UNSEALED_NAME_END = 28 + 156 - 2 * 16 / MM   # 署名右空二字 (§7.3.5.2)
PITCH = 28.95 / MM


def seal_png(size: int = 120) -> bytes:
    """A red ring on a transparent ground, as a PNG (RGBA), made without an image library."""
    import struct
    import zlib

    rows = []
    c = (size - 1) / 2
    for y in range(size):
        row = bytearray([0])
        for x in range(size):
            r = ((x - c) ** 2 + (y - c) ** 2) ** 0.5
            row += bytes((230, 0, 0, 255)) if size * 0.40 <= r <= size * 0.48 else bytes(4)
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"".join(rows))) + chunk(b"IEND", b""))


@pytest.mark.parametrize("n", range(2, 5))
def test_every_organ_of_a_joint_issue_signs_lead_first(swept, n):
    """§7.3.5: with 联合发文机关 every organ signs, the lead first (only the lead signed)."""
    for name in (f"joint{n}", f"joint{n}-sealed"):
        doc = swept.doc(name)
        lines = text_lines(doc[signature_page(doc)])
        first, end = signature_block(lines, JOINT[:n])
        if name.endswith("sealed"):       # two to a row, the last row's last over the date
            assert end - first == (n + 1) // 2
        else:                             # one a line, each 2 字 in from the right
            assert end - first == n
            assert max(r for _, _, r in lines[first:end]) == pytest.approx(UNSEALED_NAME_END, abs=1)


def word_date(page, base: float) -> tuple[float, float]:
    """(left, right) in mm of the 成文日期 printed on the line at `base`, as Word sets it — what
    the 署名 and the seal are centred on (§7.3.5.1). Right-aligned, it ends where it printed;
    its width comes from the standard's faces: 3号 (16 pt) with the body's letter spacing, CJK
    one em, digits half an em (Times New Roman), no gap where CJK meets digits (the documents
    turn w:autoSpaceDE/DN off). LibreOffice 7.4 ignores that setting and prints the date
    5.7 mm wider (five gaps of 0.2 em), all of it left of the date's end; that is the only
    difference once its Latin face has Times New Roman's metrics, checked here on the digits
    (without Liberation Serif it falls back to DejaVu, digits 0.636 em, and cannot show Word's
    layout)."""
    from hongtou.layout import gbt9704 as g

    size = 16.0
    chars = sorted((c for b in page.get_text("rawdict")["blocks"] for ln in b.get("lines", [])
                    for s in ln["spans"] for c in s["chars"]
                    if c["c"].strip() and abs(c["origin"][1] / MM - base) < 1),
                   key=lambda c: c["origin"][0])
    assert "".join(c["c"] for c in chars) == DATE
    digits = [(c["bbox"][2] - c["bbox"][0]) / size for c in chars if c["c"].isdigit()]
    if any(abs(d - 0.5) > 0.01 for d in digits):
        render_unavailable(f"digits print {max(digits):.3f} em wide, not Times New Roman's 0.5 "
                           "(install fonts-liberation)")
    right = chars[-1]["bbox"][2] / MM
    width = (sum(size * (0.5 if ch.isascii() else 1.0) for ch in DATE)
             + (len(DATE) - 1) * g.CHAR_SPACING_3.pt) / MM
    return right - width, right


def date_and_signer(doc):
    lines = text_lines(doc[signature_page(doc)])
    end = next(i for i, (_, t, _) in enumerate(lines) if t == DATE)
    return lines, end


def line_spans(page, base: float):
    return [s for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])
            for s in ln["spans"] if s["text"].strip() and abs(s["origin"][1] / MM - base) < 1]


@pytest.mark.parametrize("name", ["sealed", "sealed-bare", "sealed-short", "joint2-sealed",
                                  "joint3-sealed", "joint4-sealed", "sealed-l7", "typeset-sealed"])
def test_the_sealed_layout_puts_the_date_four_zi_in_and_the_organ_over_it(swept, name):
    """§7.3.5.1: 成文日期右空四字; the (last) 署名 centred on the date as Word sets it, within
    0.25 mm (a joint row's 署名, centred on a tab at the date's centre reckoned without the
    letter spacing, sat 0.35 mm off; before Liberation Serif the check allowed 3.6 mm)."""
    doc = swept.doc(name)
    page = doc[signature_page(doc)]
    lines, end = date_and_signer(doc)
    left, right = word_date(page, lines[end][0])
    assert right == pytest.approx(SEALED_DATE_END, abs=0.5)
    organ = [s for s in line_spans(page, lines[end - 1][0]) if s["bbox"][0] / MM > left - 20]
    o_left = min(s["bbox"][0] for s in organ) / MM
    o_right = max(s["bbox"][2] for s in organ) / MM
    assert (o_left + o_right) / 2 == pytest.approx((left + right) / 2, abs=0.25)


@pytest.mark.parametrize("name", ["sealed", "joint2-sealed", "joint4-sealed", "sealed-l7"])
def test_the_seal_image_presses_over_the_signature_and_date(swept, name):
    """The seal image, 42 mm across, centred on its 署名; the last one over the date as well
    (within 0.25 mm of the date's centre as Word sets it: 0.37 mm off when the centre was
    reckoned without the letter spacing), its top within one line of the 正文 (or 附件说明)
    above it (§7.3.5.1)."""
    import pymupdf

    doc = swept.doc(name)
    page = doc[signature_page(doc)]
    lines, end = date_and_signer(doc)
    boxes = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()]
    organs = SPECS[name].organs
    assert len(boxes) == len(organs)
    last = max(boxes, key=lambda b: (b.y0, b.x0))
    assert (last.x1 - last.x0) / MM == pytest.approx(42, abs=1)
    left, right = word_date(page, lines[end][0])
    assert (last.x0 + last.x1) / 2 / MM == pytest.approx((left + right) / 2, abs=0.25)
    assert last.y0 / MM < lines[end - 1][0] - 4 and last.y1 / MM > lines[end][0]   # over both
    first, _ = signature_block(lines, organs)
    top = min(b.y0 for b in boxes) / MM
    above = lines[first - 1][0]        # the baseline of the text above the 署名
    assert 0 < top - above <= PITCH + 1, (top, above)
    rows = sorted({round(b.y0) for b in boxes})
    for b in boxes:                    # seals in line, never touching
        for o in boxes:
            if o is not b and abs(o.y0 - b.y0) < 1:
                assert abs(o.x0 - b.x0) > o.x1 - o.x0
    assert len(rows) == (len(organs) + 1) // 2
    assert all(b.y1 < record_top(page) - 3 for b in boxes)   # clear of the 版记


def record_top(page) -> float:
    """The top of the page's highest 4号 (版记) text, in points; far below the page without."""
    return min((sp["bbox"][1] for b in page.get_text("dict")["blocks"] for ln in b.get("lines", [])
                for sp in ln["spans"] if sp["text"].strip() and abs(sp["size"] - 14) < 0.5),
               default=1e9)


@pytest.mark.parametrize("total", (5, 6, 7, 8))
def test_a_seal_never_runs_into_the_record(swept, total):
    import pymupdf

    doc = swept.doc(f"sealed-l{total}")
    for page in doc:
        boxes = [pymupdf.Rect(i["bbox"]) for i in page.get_image_info()]
        assert all(b.y1 < record_top(page) - 3 for b in boxes), page.number


@pytest.mark.parametrize("n", range(2, 5))
def test_several_signers_share_one_label(swept, n):
    """§7.2.6: one 「签发人：」, two names a line, the 文号 on the last line (a label each)."""
    lines = text_lines(swept.doc(f"signers{n}")[0])
    text = "".join(t for _, t, _ in lines)
    assert text.count("签发人") == 1
    rows = [t for _, t, _ in lines if any(x in t for x in ("张", "李", "王", "赵"))
            and "六安" not in t]
    assert len(rows) == (n + 1) // 2
    assert "〔2022〕7号" in rows[-1]


@pytest.mark.parametrize("extra", (2, 3))
def test_a_short_last_line_is_taken_back_by_condensing(swept, docx_xml, extra):
    """The standard's own adjustment comes first: a last line of a few characters is taken
    back by condensing its paragraph (at most gbt9704.CONDENSE_MAX more), so the 附件说明,
    署名 and date fit under it on page 1 — no line is carried over."""
    name = f"condense-e{extra}"
    doc = swept.doc(name)
    assert signature_page(doc) == 0
    lines = [t for _, t, _ in text_lines(doc[0])]
    last = SPECS[name].body[-1][1]
    printed = [t for t in lines if BODY_CHARS & set(t)]
    assert "".join(printed[-2:]) == last            # in two lines, not three
    root = docx_xml(swept.docx[name])
    vals = {int(e.get(docx_xml.w("val"))) for e in root.iter(docx_xml.w("spacing"))
            if e.getparent().tag == docx_xml.w("rPr")}
    assert min(vals) >= -5 - 12                     # −0.25 pt of the style, ≤ 0.6 pt more


# -- a table ends the body ------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(TABLED) + sorted(n for n in SPECS if n.startswith("contact")))
def test_a_table_before_the_signature_agrees_with_verify(swept, name):
    """verify --render's page rules on the printed table notice: the 署名's page holds 正文
    (a table row is 正文), no blank page, no heading at a page's foot — what the layout does
    and what verify counts agree."""
    from hongtou.verify import Check, Docx
    from hongtou.verify.pages import check_pages

    failing = [c.line() for c in check_pages(Docx(swept.docx[name]), swept.doc(name), Check)
               if not c.ok]
    assert not failing, f"{name}: {failing}"


def header_only(src: Path, dest: Path) -> Path:
    """A broken layout: `src` (its table's last row carried over under the header) with that
    row taken out, so the 署名's page holds the repeated header and no row."""
    import zipfile

    from lxml import etree

    from hongtou.layout.namespaces import W

    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    tail = [t for t in root.iter(f"{W}tbl") if t.find(f".//{W}tblHeader") is not None][-1]
    tail.remove(tail.findall(f"{W}tr")[-1])
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    with zipfile.ZipFile(dest, "w") as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return dest


def test_verify_does_not_take_a_repeated_header_for_text(swept):
    """The repeated header over the 署名 is not 正文: verify reports the page (it counted the
    header's words as text before)."""
    from hongtou.verify import Check, Docx
    from hongtou.verify.pages import check_pages

    doc = swept.doc("table-header-only")
    assert [t for _, t, _ in text_lines(doc[1])][0] == "序号单位联系人"
    checks = {(c.clause, c.rule): c for c in check_pages(Docx(swept.docx["table-header-only"]),
                                                         doc, Check)}
    assert not checks[("§7.3.5", "署名页有正文")].ok


@pytest.mark.parametrize("att", (0, 2))
def test_the_tables_last_row_goes_over_under_its_header(swept, att):
    """A 3-row table ending page 1, the 署名 group under it not fitting: page 2 opens with
    the header repeated and the table's last row, then the (附件说明,) 署名 and date; page 1
    keeps the other rows; no row is lost or doubled."""
    name = f"table-r3-a{att}-l4"
    doc = swept.doc(name)
    assert len(doc) == 2 and signature_page(doc) == 1
    first, second = ([t for _, t, _ in text_lines(page)] for page in doc)
    rows = [f"{i + 1}{FILLER[i]}{FILLER[i + 5]}组{FILLER[i + 10]}{FILLER[i + 15]}" for i in range(3)]
    assert second[:2] == ["序号单位联系人", rows[2]]
    assert [t for t in first if t in rows] == rows[:2]
    assert first.count("序号单位联系人") == 1


@pytest.mark.parametrize("name", ["table-r1-a2-l4", "table-heading-l3"])
def test_a_one_row_table_moves_whole(swept, name):
    """A table of one row under its header is not cut from its header: the whole table
    starts page 2 with the 署名 group (and the heading over it), page 1 keeps its 正文."""
    doc = swept.doc(name)
    assert signature_page(doc) == 1
    first, second = ([t for _, t, _ in text_lines(page)] for page in doc)
    head = ["三、联络名单"] if "heading" in name else []
    assert "序号单位联系人" not in first and second[:len(head) + 1] == [*head, "序号单位联系人"]
    assert has_body(text_lines(doc[0]))
