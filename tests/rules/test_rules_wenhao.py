"""发文字号 normalising (GB/T 9704-2012 7.2.4)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hongtou.rules import RuleError
from hongtou.rules.wenhao import HINT, normalize_wenhao


@pytest.mark.parametrize(
    ("typed", "normal"),
    [
        ("六工党〔2022〕7号", "六工党〔2022〕7号"),
        ("六工党[2022]07号", "六工党〔2022〕7号"),
        ("六工党(2022)7号", "六工党〔2022〕7号"),
        ("六工党（2022）7号", "六工党〔2022〕7号"),
        ("六工党〔2022〕第7号", "六工党〔2022〕7号"),
        ("六工党【2022】7 号", "六工党〔2022〕7号"),
        ("六工党［２０２２］７号", "六工党〔2022〕7号"),
        (" 六工党 〔2022〕 12号 ", "六工党〔2022〕12号"),
        ("六工党〔2022〕7", "六工党〔2022〕7号"),
        ("皖政办秘〔2022〕105号", "皖政办秘〔2022〕105号"),
        ("", ""),
        ("\u3000", ""),
        (None, ""),
    ],
)
def test_normalize_wenhao(typed, normal):
    assert normalize_wenhao(typed) == normal


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("六工党2022年7号", "年份应当用六角括号〔〕括入"),
        ("六工党7号", "年份应当用六角括号〔〕括入"),
        ("〔2022〕7号", "缺少发文机关代字"),
        ("六工党〔22〕7号", "年份应当写全称（4位数字）"),
        ("六工党〔二〇二二〕7号", "年份应当用阿拉伯数字"),
        ("六工党〔1949〕7号", "年份不在1990年至2100年之间"),
        ("六工党〔2022〕号", "缺少发文顺序号"),
        ("六工党〔2022〕七号", "发文顺序号应当用阿拉伯数字"),
        ("六工党〔2022〕0号", "发文顺序号不能为0"),
        ("六工党〔2022〕〔7〕号", "不是规范的发文字号"),
        (7, "不是规范的发文字号"),
    ],
)
def test_normalize_wenhao_refuses(typed, reason):
    with pytest.raises(RuleError) as caught:
        normalize_wenhao(typed)
    assert (caught.value.reason, caught.value.hint) == (reason, HINT)


@given(st.one_of(
    st.text(),
    st.text(alphabet="六工党〔〕[]()（）【】第号0123456789０７ \u3000", max_size=20),
    st.integers(), st.floats(), st.none(),
))
def test_normalize_wenhao_returns_text_or_raises_rule_error(value):
    try:
        normal = normalize_wenhao(value)
    except RuleError as e:
        assert e.reason
    else:
        assert isinstance(normal, str)
        assert normalize_wenhao(normal) == normal  # the normal form is a fixed point
