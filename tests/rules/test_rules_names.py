"""Name padding and splitting."""

from __future__ import annotations

import pytest

from hongtou.rules.names import clean_name, pad_name, split_names


@pytest.mark.parametrize(
    ("name", "padded"),
    [
        ("张华", "张\u3000华"),
        ("张\u3000华", "张\u3000华"),
        (" 张 华 ", "张\u3000华"),
        ("李明华", "李明华"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("张", "张"),
        ("", ""),
        ("Li", "Li"),
        ("阿依·买买提", "阿依·买买提"),
    ],
)
def test_pad_name(name, padded):
    assert pad_name(name) == padded


@pytest.mark.parametrize(
    ("typed", "clean"),
    [("张\u3000华", "张华"), (" 张 华 ", "张华"), ("李明华\n", "李明华"), ("王\u200b五", "王五")],
)
def test_clean_name(typed, clean):
    assert clean_name(typed) == clean


@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("张三、李四,王五", ["张三", "李四", "王五"]),
        ("张三，李四；王五;赵六/钱七", ["张三", "李四", "王五", "赵六", "钱七"]),
        ("张\u3000华、李明华", ["张华", "李明华"]),
        ("张三\n李四", ["张三", "李四"]),
        ("张三、、 李四、", ["张三", "李四"]),
        ("", []),
    ],
)
def test_split_names(typed, names):
    assert split_names(typed) == names
