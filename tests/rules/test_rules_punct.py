"""full_width: half-width punctuation in Chinese text becomes full width, numbers, Latin runs,
URLs and addresses keep theirs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hongtou.rules.punct import full_width

CASES = [
    # -- Chinese context: full width --
    ("要求,结合实际,现提出如下意见.", "要求，结合实际，现提出如下意见。"),
    ("原则:坚持;突出?是!", "原则：坚持；突出？是！"),
    ("(2009年2月25日)", "（2009年2月25日）"),
    ("第一阶段:学习调研(2月下旬至4月下旬)", "第一阶段：学习调研（2月下旬至4月下旬）"),
    ("“三新”(思想上要有新境界)“四多”(多开展)目标", "“三新”（思想上要有新境界）“四多”（多开展）目标"),
    ('开展"大讨论"活动', "开展“大讨论”活动"),
    ("学习'五问'精神", "学习‘五问’精神"),
    ("附件(1)", "附件（1）"),
    ("外(内(中)层)", "外（内（中）层）"),
    ("（一)加强领导", "（一）加强领导"),
    ("等等...", "等等……"),
    ("完成率达到95.", "完成率达到95。"),
    ("Word, 文档", "Word，文档"),
    # -- spaces beside full-width marks go, spaces between characters stay --
    ("兴县” 重大决策", "兴县”重大决策"),
    ("六安—— 奋勇", "六安——奋勇"),
    ("要求 , 结合", "要求，结合"),
    ("张 华 区市容环卫事业服务中心", "张 华 区市容环卫事业服务中心"),
    # -- numbers, Latin, addresses: unchanged --
    ("增长1.5倍,共1,000人,9:30开会", "增长1.5倍，共1,000人，9:30开会"),
    ("2022.3.31前完成", "2022.3.31前完成"),
    ("字体用Times New Roman, Arial等.", "字体用Times New Roman, Arial等。"),
    ("网址 https://www.gov.cn/a,b.html,请查看", "网址 https://www.gov.cn/a,b.html，请查看"),
    ("邮箱 a.b@c.com;电话", "邮箱 a.b@c.com；电话"),
    ("路径C:\\a\\b.txt,已存", "路径C:\\a\\b.txt，已存"),
    ("use (TNR) now", "use (TNR) now"),
    ("Hello, world. (v2)", "Hello, world. (v2)"),
    ("已全部改为全角，。；", "已全部改为全角，。；"),
]


@pytest.mark.parametrize(("typed", "printed"), CASES)
def it_makes_punctuation_full_width_only_in_chinese(typed, printed):
    assert full_width(typed) == printed


@given(st.text(alphabet="abcXYZ012 .,:;()!?'\"-/", max_size=40))
def it_never_touches_text_without_chinese(text):
    assert full_width(text) == text


@given(st.text(alphabet="中文字，。；：（）“”0123456789.,", max_size=40))
def it_is_stable_once_applied(text):
    once = full_width(text)
    assert full_width(once) == once
