"""Title wrapping (§7.3.1): between words, never inside one, into a trapezoid."""

import pytest

from hongtou.rules.titles import break_points, ems, wrap_title

WIDTH = 442.2 / 22  # 2号 characters across the 156 mm block

CASES = [
    ("关于加快推进问题整改工作的督办通知", ["关于加快推进问题整改工作的督办通知"]),
    ("关于印发《关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案》的通知",
     ["关于印发《关于市总工会开展“‘五问’", "六安——奋勇争先大讨论”", "活动工作方案》的通知"]),
    ("关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案",
     ["关于市总工会开展“‘五问’六安——", "奋勇争先大讨论”活动工作方案"]),
    ("“‘五问’六安——奋勇争先大讨论”活动领导小组成员名单",
     ["“‘五问’六安——奋勇争先大讨论”", "活动领导小组成员名单"]),
    # a short quoted name is one word: not 建设｜年 although 建设 may end a line elsewhere
    ("保定市总工会关于开展“干部作风建设年”活动实施意见",
     ["保定市总工会关于开展“干部作风建设年”", "活动实施意见"]),
]


@pytest.mark.parametrize("text, lines", CASES)
def it_wraps_titles_as_an_office_would(text, lines):
    assert wrap_title(text, WIDTH) == lines


@pytest.mark.parametrize("text, _", CASES)
def it_keeps_every_line_inside_the_block_and_loses_nothing(text, _):
    lines = wrap_title(text, WIDTH)
    assert "".join(lines) == text
    assert all(ems(line) <= WIDTH for line in lines)


def it_prefers_a_trapezoid():
    lines = wrap_title(CASES[1][0], WIDTH)
    sizes = [ems(s) for s in lines]
    assert sizes == sorted(sizes, reverse=True)


def it_never_ends_a_line_on_an_opening_mark_or_starts_one_on_a_closing_mark():
    text = CASES[1][0]
    for p in break_points(text):
        assert text[p - 1] not in "《“‘（" and text[p] not in "》”’）、，。"


def it_counts_curly_quotes_full_width_and_digits_half():
    assert ems("“2022”") == 4.0


def it_leaves_a_title_without_break_points_to_the_word_processor():
    text = "中" * 45
    assert wrap_title(text, WIDTH) == [text]
