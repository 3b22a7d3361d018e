"""Write docs/bad_inputs.md from the catalogue in tests/bad/cases.py.

    python tests/bad/make_table.py          # rewrite docs/bad_inputs.md
    python tests/bad/make_table.py --check  # exit 1 if the committed file is out of date

test_bad_table.py runs the check, so the table shown to users is always the one tested.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.bad.cases import CASES  # noqa: E402

DOC = ROOT / "docs" / "bad_inputs.md"

INTRO = """\
# 填错了会怎样：你填写的 → hongtou 的提示

本表由 `tests/bad/make_table.py` 根据 `tests/bad/cases.py` 生成，请勿手改；表中每一行都是一个
自动测试（`tests/bad/test_bad_inputs.py`），提示文字与程序实际输出逐字一致。

运行 `build` 或 `check` 时，hongtou 会一次列出输入中的**全部**问题，每条都指明工作表、Excel 中的
行号、列名和填写的内容，并说明应当怎样填写；只要有一处问题，就不生成任何文件（退出码 2），
你的输入文件也绝不会被改动。提示的开头一行是“输入有 N 处问题，未生成任何文件：”，下表只列出
其后的各条。

几点约定：

- **隐藏的行、列和工作表照样读取**：隐藏只是不显示，不是删除；其中填错的内容同样会报告。
- **公式按 Excel 保存时的计算结果读取**；由程序生成、从未在 Excel 中保存过的工作簿，公式没有
  计算结果，会提示“单元格是公式但没有计算结果”（仅 .xlsx 能识别；.xls/.ods 中这样的单元格读作空）。
- **Excel/WPS 的锁文件**（`~$活动.xlsx`、`.~活动.xlsx`）会被忽略。
- **看不见的控制字符**（从别的系统复制来的）会被去掉。
- 工作簿超过 50 MB、解压后超过 500 MB、压缩比异常（zip 炸弹），或某张表的最远单元格使数据区域
  超过 1000 万个单元格时，不解析，直接提示。
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    lines = [INTRO, "| 编号 | 你填写的 | hongtou 的提示 |", "|---|---|---|"]
    for case in CASES:
        said = "<br>".join(_cell(m) for m in case.expected) if case.expected \
            else "（不报错，正常生成）"
        lines.append(f"| `{case.id}` | {_cell(case.typed)} | {said} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if not DOC.is_file() or DOC.read_text(encoding="utf-8") != text:
            print(f"{DOC} 与 tests/bad/cases.py 不一致：请运行 python tests/bad/make_table.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    print(f"已写入 {DOC}（{len(CASES)} 行）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
