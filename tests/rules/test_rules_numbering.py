"""Chinese numbers and the four heading levels of GB/T 9704-2012 7.3.3."""

from __future__ import annotations

import pytest

from hongtou.rules import RuleError
from hongtou.rules.numbering import cn_number, detect_heading, heading_prefix


@pytest.mark.parametrize(
    ("n", "text"),
    [(0, "零"), (1, "一"), (2, "二"), (10, "十"), (11, "十一"), (12, "十二"), (20, "二十"),
     (21, "二十一"), (99, "九十九"), (100, "一百"), (110, "一百一十")],
)
def test_cn_number(n, text):
    assert cn_number(n) == text


@pytest.mark.parametrize("n", [-1, True, 1.0, "1", 10**16])
def test_cn_number_refuses(n):
    with pytest.raises(RuleError):
        cn_number(n)


@pytest.mark.parametrize(
    ("level", "n", "prefix"),
    [(1, 1, "一、"), (1, 10, "十、"), (1, 12, "十二、"), (2, 3, "（三）"), (3, 1, "1."),
     (3, 12, "12."), (4, 2, "（2）")],
)
def test_heading_prefix(level, n, prefix):
    assert heading_prefix(level, n) == prefix


@pytest.mark.parametrize("level", [0, 5])
def test_heading_prefix_refuses_other_levels(level):
    with pytest.raises(RuleError) as caught:
        heading_prefix(level, 1)
    assert caught.value.reason == "标题层级应为1至4"


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("一、指导思想", (1, "一、", "指导思想")),
        ("十二、其他", (1, "十二、", "其他")),
        ("\u3000\u3000二、 工作目标", (1, "二、", "工作目标")),
        ("（一）学习动员", (2, "（一）", "学习动员")),
        ("(三)查摆问题", (2, "（三）", "查摆问题")),
        ("1.加强领导", (3, "1.", "加强领导")),
        ("1．加强领导", (3, "1.", "加强领导")),
        ("2、强化督导", (3, "2.", "强化督导")),
        ("１２．总结", (3, "12.", "总结")),
        ("（1）召开会议", (4, "（1）", "召开会议")),
        ("(2)撰写材料", (4, "（2）", "撰写材料")),
        ("一、", (1, "一、", "")),
        ("第一阶段：学习动员", (0, "", "第一阶段：学习动员")),
        ("一是提高认识", (0, "", "一是提高认识")),
        ("2022年3月起", (0, "", "2022年3月起")),
        ("1.5倍", (0, "", "1.5倍")),
        ("2022.3.31前完成", (0, "", "2022.3.31前完成")),
        ("为深入贯彻落实", (0, "", "为深入贯彻落实")),
        ("", (0, "", "")),
    ],
)
def test_detect_heading(text, result):
    assert detect_heading(text) == result


def it_says_every_number_as_cn2an_does():
    import cn2an   # an install requirement: missing, this must fail, not skip
    for n in [*range(10000), 10**4, 100010, 120000, 10**8 + 1, 10**16 - 1]:
        assert cn_number(n) == cn2an.an2cn(n), n
