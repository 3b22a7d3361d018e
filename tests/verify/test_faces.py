"""Face names by kind and red by eye (hongtou/verify/effective.py)."""

from __future__ import annotations

import pytest

from hongtou.verify.effective import face_kind, is_red


@pytest.mark.parametrize("face, kind", [
    ("仿宋", "仿宋"), ("仿宋_GB2312", "仿宋"), ("FangSong", "仿宋"), ("FangSong_GB2312", "仿宋"),
    ("STFangsong", "仿宋"), ("华文仿宋", "仿宋"), ("方正仿宋_GBK", "仿宋"), ("方正仿宋简体", "仿宋"),
    ("Adobe 仿宋 Std", "仿宋"),
    ("方正小标宋简体", "小标宋"), ("方正小标宋_GBK", "小标宋"), ("方正小标宋简", "小标宋"),
    ("FZXiaoBiaoSong-B05S", "小标宋"), ("小标宋", "小标宋"),
    ("黑体", "黑体"), ("SimHei", "黑体"), ("方正黑体_GBK", "黑体"),
    ("楷体", "楷体"), ("楷体_GB2312", "楷体"), ("KaiTi", "楷体"), ("STKaiti", "楷体"),
    ("方正楷体_GBK", "楷体"),
    ("宋体", None), ("SimSun", None), ("Times New Roman", None), ("", None), (None, None),
])
def test_face_kind(face, kind):
    assert face_kind(face) == kind


@pytest.mark.parametrize("colour, red", [
    ("FF0000", True), ("E60012", True), ("C00000", True), ("#ff0000", True), ("red", True),
    ("000000", False), ("auto", False), ("FFC000", False), ("7F7F7F", False), (None, False),
])
def test_is_red(colour, red):
    assert is_red(colour) is red
