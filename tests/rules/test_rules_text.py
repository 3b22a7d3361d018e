"""Width and whitespace unification."""

from __future__ import annotations

import pytest

from hongtou.rules.text import squash, unify


@pytest.mark.parametrize(
    ("typed", "unified"),
    [
        ("２０２２年３月３１日", "2022年3月31日"),
        ("ＡＢＣ－１．５／２", "ABC-1.5/2"),
        ("\u3000\u3000张\u3000华  ", "张 华"),
        ("责任 \t\n 部门", "责任 部门"),
        ("整改时限（工作日）：", "整改时限（工作日）："),  # Chinese punctuation kept
        ("一、二，三；四！五？", "一、二，三；四！五？"),
        ("［2022］", "[2022]"),
        ("①⑴", "①⑴"),  # not NFKC: circled numbers stay
        ("发文\u200b机关", "发文机关"),
        ("", ""),
    ],
)
def test_unify(typed, unified):
    assert unify(typed) == unified


@pytest.mark.parametrize(
    ("typed", "squashed"),
    [(" 具体 责任人 ", "具体责任人"), ("发\u3000文\u3000机\u3000关", "发文机关"), ("２０２２ 年", "2022年")],
)
def test_squash(typed, squashed):
    assert squash(typed) == squashed
