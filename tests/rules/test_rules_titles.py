"""Title wrapping (§7.3.1): between words, never inside one, in the fewest lines, as a 梯形
or 菱形. The rendered titles (LibreOffice keeps our lines) are in tests/docs/test_pages_sweep.py."""

import math

import pytest

from hongtou.rules.titles import INSIDE, _layout, break_costs, break_points, ems, wrap_title

WIDTH = 442.2 / 22  # 2号 characters across the 156 mm block

CASES = [
    ("关于加快推进问题整改工作的督办通知", ["关于加快推进问题整改工作的督办通知"]),
    ("关于印发《关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案》的通知",
     ["关于印发《关于市总工会开展", "“‘五问’六安——奋勇争先大讨论”", "活动工作方案》的通知"]),
    ("关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案",
     ["关于市总工会开展“‘五问’六安——", "奋勇争先大讨论”活动工作方案"]),
    ("“‘五问’六安——奋勇争先大讨论”活动领导小组成员名单",
     ["“‘五问’六安——奋勇争先大讨论”", "活动领导小组成员名单"]),
    # a short quoted name is one word: not 建设｜年 although 建设 may end a line elsewhere
    ("保定市总工会关于开展“干部作风建设年”活动实施意见",
     ["保定市总工会关于开展", "“干部作风建设年”活动实施意见"]),
    # issue 12: left unbroken (the word processor then wrapped it inside a word) …
    ("中共六安市总工会党组关于在全市工会系统深入开展“转作风、提效能、优服务”专项整治暨干部作风"
     "建设年活动的实施意见",
     ["中共六安市总工会党组关于在全市工会", "系统深入开展“转作风、提效能、优服务”",
      "专项整治暨干部作风建设年活动的实施意见"]),
    # … broken 专项｜行动, and in 4 lines where 3 do
    ("六安市总工会关于进一步加强和改进新时代产业工人队伍建设改革工作推动全市职工技能提升专项"
     "行动高质量发展的实施意见的通知",
     ["六安市总工会关于进一步加强和改进新时代", "产业工人队伍建设改革工作推动全市职工技能",
      "提升专项行动高质量发展的实施意见的通知"]),
]

# titles of 1–6 lines (the sweep renders them: tests/docs/test_pages_sweep.py)
TITLES = [
    "关于印发《工作方案》的通知",
    "“‘五问’六安——奋勇争先大讨论”活动领导小组成员名单",
    "六安市总工会关于进一步加强和改进新时代产业工人队伍建设改革工作推动全市职工技能提升专项"
    "行动高质量发展的实施意见的通知",
    "中共六安市总工会党组关于印发《六安市总工会2022年度全面从严治党主体责任清单》和《六安市"
    "总工会2022年度党风廉政建设工作要点》的通知",
    "关于转发《安徽省总工会关于在全省工会系统组织开展2022年度“安康杯”竞赛活动暨安全生产月"
    "专项行动的通知》和《安徽省总工会办公室关于做好2022年度职工技能提升专项行动有关工作的"
    "通知》的通知",
    "关于转发《安徽省总工会关于在全省工会系统组织开展“安康杯”竞赛活动暨安全生产月专项行动的"
    "通知》和《安徽省总工会办公室关于做好职工技能提升专项行动有关工作的通知》以及《六安市总工会"
    "关于开展职工劳动技能竞赛活动的实施方案》的通知",
]
LONG = ("关于转发《安徽省总工会关于在全省工会系统组织开展2022年度“安康杯”竞赛活动暨安全生产月"
        "专项行动的通知》和《安徽省总工会办公室关于做好2022年度职工技能提升专项行动有关工作的"
        "通知》的通知")


@pytest.mark.parametrize("text, lines", CASES)
def it_wraps_titles_as_an_office_would(text, lines):
    assert wrap_title(text, WIDTH) == lines


def shape_ok(sizes: list[float]) -> bool:
    """A 梯形 (each line no longer, or no shorter, than the one above) or a 菱形 (rising
    to its widest, then falling): it never rises after it has fallen (lines one character
    apart count as alike)."""
    fallen = False
    for a, b in zip(sizes, sizes[1:]):
        if b < a - 1:
            fallen = True
        elif b > a + 1 and fallen:
            return False
    return True


def it_sets_the_sweep_titles_in_one_to_six_lines():
    assert [len(wrap_title(t, WIDTH)) for t in TITLES] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize("text", [t for t, _ in CASES] + TITLES)
def it_keeps_every_line_inside_the_block_in_the_fewest_lines_and_in_shape(text):
    lines = wrap_title(text, WIDTH)
    assert "".join(lines) == text
    assert all(ems(line) <= WIDTH for line in lines)
    fewer = _layout(text, break_costs(text), len(lines) - 1, WIDTH) if len(lines) > 1 else None
    assert fewer is None or fewer[0] >= INSIDE      # fewer lines would break inside a word
    assert shape_ok([ems(s) for s in lines])


def it_never_breaks_a_word_it_knows_nor_a_number():
    """专项｜行动 was a break of the old rules; 2022｜年度 never; and 5 lines, not 7."""
    lines = wrap_title(LONG, WIDTH)
    assert len(lines) == 5
    for a, b in zip(lines, lines[1:]):
        assert not a[-1].isdigit(), (a, b)
        assert a[-2:] + b[:2] != "专项行动", (a, b)
    assert break_costs("专项行动")[2] >= INSIDE


def it_never_ends_a_line_on_an_opening_mark_or_starts_one_on_a_closing_mark():
    text = CASES[1][0]
    for p in break_points(text):
        assert text[p - 1] not in "《“‘（" and text[p] not in "》”’）、，。"
    costs = break_costs(text)
    assert all(costs[p] == math.inf for p in range(1, len(text))
               if text[p - 1] in "《“‘（" or text[p] in "》”’）、，。")


def it_counts_curly_quotes_full_width_and_digits_half():
    assert ems("“2022”") == 4.0


def it_leaves_a_title_it_cannot_break_to_the_word_processor():
    text = "1" * 60
    assert wrap_title(text, WIDTH) == [text]
