"""The paginator's fast paths give the decisions of its slow ones (layout/paginate.py).

A 督办 letter is flowed down its page to decide the 署名's page (`signature_split`); these
paths make that cheaper and must not change a single decision, so each is checked against
the path it stands in for, on generated text: a paragraph whose characters are all one em
wrapped without measuring each (`_lines_even` against `_wrap`, `_measure` with and without
it), a table cell nudged the same way (`columns.nudge`), a condensed paragraph measured
without making it — and whole letters, packaged with every fast path and with none: the
same bytes."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as hs
from lxml import etree

from hongtou.layout import paginate as pg
from hongtou.layout.paginate import _CLOSES, _EVEN, _OPENS, _lines_even, _wrap
from hongtou.layout.styles import styles_xml

STYLES = pg.Styles(styles_xml())
NSMAP = f'xmlns:w="{pg.W_NS}"'

# one-em characters: ideographs, the marks a line may not start or end with, dashes, dots
EVEN = "字国问题整改局办" + "".join(sorted(_CLOSES | _OPENS)) + "…—·　"
EVEN = "".join(c for c in EVEN if _EVEN.fullmatch(c))
# anything a paragraph may hold: Latin, digits, spaces, half-width marks too
ANY = EVEN + "AWil0123 .,;(%“‘"

settings.register_profile("fast-paths", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow,
                                                 HealthCheck.function_scoped_fixture])
FAST = settings.get_profile("fast-paths")


def it_knows_which_characters_are_one_em_wide():
    """`_EVEN` holds only characters `_width` sets one em wide with no gap beside them:
    east Asian wide, full or ambiguous width, and no ASCII letter or digit."""
    pattern = _EVEN.pattern.strip("[]*")
    ranges = [(ord(pattern[i]), ord(pattern[i + 2])) for i in range(len(pattern) - 2)
              if pattern[i + 1] == "-"]
    singles = [c for c in "“”‘’…—·" if c in pattern]
    assert ranges and len(singles) == 7
    for lo, hi in ranges:
        for code in range(lo, hi + 1):
            ch = chr(code)
            assert _EVEN.fullmatch(ch)
            assert unicodedata.east_asian_width(ch) in "WFA" and not ch.isascii(), hex(code)
    for ch in singles:
        assert unicodedata.east_asian_width(ch) in "WFA"
    for ch in "A0 ,.(\t\n\u303f\u4dc0":
        assert not _EVEN.fullmatch(ch)
    for size in (12.0, 15.75, 16.0):
        assert {pg._width(c, p, size, g) for c in EVEN for p in ("", "字", "，")
                for g in (True, False)} == {size}


@FAST
@given(text=hs.text(alphabet=EVEN, max_size=160),
       e=hs.sampled_from([12.0, 15.75, 16.0, 11.75, 12.25, 10.5, 14.1, 0.7]),
       width=hs.one_of(hs.sampled_from([442.25, 149.05, 36.0, 12.0, 11.9]),
                       hs.floats(1, 460)),
       first=hs.one_of(hs.sampled_from([0.0, 32.0, -16.0]), hs.floats(-40, 60)),
       long=hs.booleans(), hang=hs.booleans())
def it_wraps_even_text_as_wrap_does(text, e, width, first, long, hang, monkeypatch):
    """Lines, what each holds and how wide it is, from the same steps and sums as
    `_wrap`'s — looked up in the running sums (sum() adding one after another, as to
    Python 3.11) and added up character by character (as from 3.12); with marks hanging
    and without (a table cell, as LibreOffice prints it)."""
    slow: list[int] = []
    lines = _wrap([(c, e) for c in text], width, first, long, hang, counts=slow)
    for sequential in (True, False):
        monkeypatch.setattr(pg, "_SEQUENTIAL", sequential and pg._SEQUENTIAL)
        fast: list[int] = []
        widths: list[float] = []
        assert _lines_even(text, e, width, first, long, fast, hang, widths) == len(lines)
        assert (fast, widths) == (slow, lines)


def it_wraps_at_the_marks_as_wrap_does():
    """The cases the rules are about, on a 10-character line: a stop hangs after an
    ideograph (at its longest only), two marks take the character before them down, an
    opening mark never ends a line."""
    for text in ("字" * 10 + "。字", "字" * 10 + "。”字", "字" * 9 + "“字字", "字" * 10 + "）",
                 "字" * 10 + "”。", "“" * 12, "。" * 12):
        for long in (True, False):
            slow: list[int] = []
            fast: list[int] = []
            n = len(_wrap([(c, 12.0) for c in text], 120.0, 0.0, long, counts=slow))
            assert (_lines_even(text, 12.0, 120.0, 0.0, long, fast), fast) == (n, slow)


def paragraph(runs: list[tuple[str, str]], ppr: str = "") -> etree._Element:
    body = "".join(f"<w:r>{rpr}<w:t xml:space=\"preserve\">{esc(t)}"
                   "</w:t></w:r>" for rpr, t in runs)
    return etree.fromstring(f"<w:p {NSMAP}>{ppr}{body}</w:p>")


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;")


PPRS = ["", '<w:pPr><w:pStyle w:val="GwTableText"/></w:pPr>',
        '<w:pPr><w:ind w:firstLine="640"/></w:pPr>',
        '<w:pPr><w:pStyle w:val="GwTableText"/><w:ind w:left="120" w:hanging="240"/></w:pPr>',
        '<w:pPr><w:spacing w:line="360" w:lineRule="auto"/><w:pBdr><w:bottom w:val="single"'
        ' w:sz="8" w:space="1"/></w:pBdr></w:pPr>']
RPRS = ["", '<w:rPr><w:spacing w:val="-5"/></w:rPr>', '<w:rPr><w:sz w:val="24"/></w:rPr>',
        '<w:rPr><w:spacing w:val="10"/><w:w w:val="90"/></w:rPr>']


@FAST
@given(texts=hs.lists(hs.text(alphabet=hs.sampled_from([EVEN, ANY]).flatmap(
           lambda a: hs.sampled_from(a)), max_size=90), min_size=0, max_size=3),
       rprs=hs.lists(hs.sampled_from(RPRS), min_size=3, max_size=3),
       ppr=hs.sampled_from(PPRS),
       width=hs.sampled_from([442.25, 149.05, 60.0, 24.0]),
       grid=hs.sampled_from([0.0, 28.95]))
def it_measures_a_paragraph_as_the_slow_path_does(texts, rprs, ppr, width, grid, monkeypatch):
    """`_measure` with the even path (taken when it applies) and without it (every
    character measured and wrapped) give the same lines, spacing, keeps and line starts."""
    p = paragraph(list(zip(rprs, texts)), ppr)
    fast = pg.Paginator(STYLES, 600.0, grid)._measure(p, width)
    with monkeypatch.context() as m:
        m.setattr(pg, "_even_text", lambda runs: None)
        slow = pg.Paginator(STYLES, 600.0, grid)._measure(p, width)
    assert fast == slow


def it_takes_the_even_path_for_ideographs_and_not_for_digits(monkeypatch):
    """The fast path is taken where it should be (so the comparison above compares it)."""
    taken = []
    real = pg._lines_even
    monkeypatch.setattr(pg, "_lines_even", lambda *a: taken.append(a[0]) or real(*a))
    pager = pg.Paginator(STYLES, 600.0, 0.0)
    pager._measure(paragraph([("", "责任落实不到位，存在“中转站”思想。")]), 149.05)
    pager._measure(paragraph([("", "截至4月20日")]), 149.05)
    pager._measure(paragraph([("", "“中转站”思想")]), 149.05)   # opens with a quote
    assert taken == ["责任落实不到位，存在“中转站”思想。"] * 2


@pytest.fixture(autouse=True)
def _no_cache_between_examples():
    STYLES.measured.clear()
    yield


@FAST
@given(text=hs.text(alphabet=EVEN, min_size=2, max_size=120),
       e=hs.sampled_from([12.0, 11.75, 12.5, 10.75]),
       width=hs.one_of(hs.sampled_from([149.05, 60.0, 36.0]), hs.floats(10, 300)),
       long=hs.booleans(), hang=hs.booleans())
def it_gives_the_lines_and_their_ends_as_wrap_does(text, e, width, long, hang):
    """`columns._wrapped`, counting: the same line widths as `_wrap` and the same ends as
    `columns._ends` finds in them."""
    from hongtou.layout import columns

    chars = [(c, e) for c in text]
    lines = _wrap(chars, width, 0.0, long, hang)
    assert columns._wrapped(text, chars, width, long, hang) == (lines, columns._ends(chars, lines))


@FAST
@given(text=hs.text(alphabet=EVEN, min_size=2, max_size=120),
       width=hs.one_of(hs.sampled_from([149.05, 60.0, 36.0, 100.85]), hs.floats(10, 300)))
def it_nudges_a_cell_as_the_slow_path_does(text, width, monkeypatch):
    """`columns.nudge` (the lone-last-character check of a table's text cells) with lines
    counted and with every character measured and wrapped: the same letter spacing."""
    import re

    from hongtou.layout import columns

    fast = columns.nudge(text, width)
    with monkeypatch.context() as m:
        m.setattr(columns, "_EVEN", re.compile("(?!)"))      # nothing is even: the slow path
        assert columns.nudge(text, width) == fast


@FAST
@given(texts=hs.lists(hs.text(alphabet=hs.sampled_from([EVEN, ANY]).flatmap(
           lambda a: hs.sampled_from(a)), max_size=90), min_size=1, max_size=3),
       rprs=hs.lists(hs.sampled_from(RPRS), min_size=3, max_size=3),
       ppr=hs.sampled_from(PPRS), step=hs.integers(1, 12),
       width=hs.sampled_from([442.25, 441.25, 149.05]))
def it_measures_a_condensed_paragraph_without_making_it(texts, rprs, ppr, step, width):
    """`signature_split` tries the last paragraph condensed 1 … 12 twips a character: the
    measure of it, condensed in passing, is the measure of `condensed`'s copy."""
    p = paragraph(list(zip(rprs, texts)), ppr)
    pager = pg.Paginator(STYLES, 600.0, 28.95)
    assert pager._measure(p, width, condense=step) == pager._measure(
        pg.condensed(p, step, STYLES), width)
    assert pager.measure(p, width, condense=step) == pager.measure(
        pg.condensed(p, step, STYLES), width)


# -- whole letters: the same bytes with every fast path and with none ---------------------

def slow_paths(m) -> None:
    """Every fast path off (`m`: a monkeypatch context): paragraphs measured and wrapped
    character by character, cells nudged the same way, a condensed paragraph measured from
    `condensed`'s copy — the paths as they were before them."""
    import re

    from hongtou.layout import columns

    never = re.compile("(?!)")
    m.setattr(pg, "_even_text", lambda runs: None)
    m.setattr(pg, "_SEQUENTIAL", False)
    m.setattr(columns, "_EVEN", never)
    measure = pg.Paginator.measure

    def by_copy(self, p, width, condense=0, xml=None, cell=False):
        if condense:
            return measure(self, pg.condensed(p, condense, self.styles), width, cell=cell)
        return measure(self, p, width, 0, xml, cell=cell)
    m.setattr(pg.Paginator, "measure", by_copy)


def letter(lines: int, last: str, notes: int, rows: list[tuple[str, str]]) -> str:
    """document.xml of a page of `lines` one-line paragraphs, a table of `rows` (when any)
    or else the paragraph `last`, a 附件说明 of `notes` items and the 署名."""
    from hongtou.layout import styles as st
    from hongtou.layout import zones
    from hongtou.layout.ooxml import TableColumn, table
    from hongtou.layout.package import Section, document_xml

    blocks = "".join(zones.body_text("字" * 20) for _ in range(lines))
    if rows:
        blocks += table([TableColumn("序号"), TableColumn("问题描述", align="left"),
                         TableColumn("状态")],
                        [[str(n), text, state] for n, (text, state) in enumerate(rows, 1)],
                        header_style=st.TABLE_HEAD, cell_style=st.TABLE_TEXT)
    else:
        blocks += zones.body_text(last)
    blocks += zones.attachment_note(["名单", "阶段安排表", "问题清单"][:notes])
    blocks += zones.signature("中共六安市总工会党组", "2022年2月15日")
    return document_xml(blocks, Section())


# mostly text the fast paths take (one em), some they leave (Latin, digits)
TEXT = hs.one_of(hs.text(alphabet=EVEN, min_size=12, max_size=140),
                 hs.text(alphabet=ANY, min_size=12, max_size=140))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(lines=hs.integers(6, 21), last=TEXT, notes=hs.integers(0, 3),
       rows=hs.lists(hs.tuples(TEXT, hs.sampled_from(["超期16天", "今日到期", "剩5天"])),
                     max_size=6))
def it_makes_the_same_letter_with_the_fast_paths_and_without(lines, last, notes, rows,
                                                              monkeypatch):
    """A letter's document.xml packaged — columns fitted and nudged, the 署名's page mended
    (split, condensed, kept or left) — gives the same bytes with the fast paths as with
    every one of them off, measured afresh each way."""
    from hongtou.layout.package import package

    def made() -> bytes:
        pg._STYLES.clear()            # nothing measured before: each way measures it all
        return package(letter(lines, last, notes, rows))

    fast = made()
    with monkeypatch.context() as m:
        slow_paths(m)
        slow = made()
    assert fast == slow
