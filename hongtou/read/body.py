"""The plan's prose: `方案正文.txt`/`.md` (UTF-8 or GBK) or `方案正文.docx` → `BodyPara`s.

Each non-blank line is a paragraph; its heading level comes from its numbering (`一、` `（一）`
`1.` `（1）`), so people write the plan as they always do and the layout follows. A line that
is only `{{ 阶段安排 }}` marks where a table from the sheets goes. `{{ 活动名称 }}` inside a
sentence is kept as typed and filled in later from 发文信息.
"""

from __future__ import annotations

import re
from pathlib import Path

from hongtou.model import BodyPara, InputError, Problem
from hongtou.read.headers import META_KEYS
from hongtou.read.tables import decode_text
from hongtou.rules.numbering import detect_heading
from hongtou.rules.text import squash

BODY_NAME = "方案正文"
BODY_SUFFIXES = (".docx", ".txt", ".md")
# Block placeholders: a line holding only one of these becomes a table from that sheet.
PLACEHOLDERS = ("阶段安排", "领导小组", "工作安排")
# Inline placeholders: the block ones, and any 发文信息 key (canonical name).
INLINE_NAMES = (*PLACEHOLDERS, *(column.name for column in META_KEYS))

PLACEHOLDER_HINT = (
    "单独成行可用：" + "、".join(f"{{{{ {n} }}}}" for n in PLACEHOLDERS)
    + "；句中还可用发文信息的项目：" + "、".join(column.name for column in META_KEYS)
    + "，写法如 {{ 活动名称 }}")

# init's 方案正文.txt holds prompts in brackets; a body still holding one is not finished.
PROMPT = "（在此写明"
_PROMPT = re.compile(re.escape(PROMPT) + r"[^）]*）?")

_PLACEHOLDER = re.compile(r"[{｛]{2}\s*(.*?)\s*[}｝]{2}")
# Markdown, for the 方案正文 and for a draft to typeset alike: `# 标题` and `#标题` are both
# headings (offices type either); **bold**, *emphasis* (not 2*3*4), `code` and [text](link)
# keep their words and lose their marks; a bullet's `- ` goes.
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s*")
_MD_BULLET = re.compile(r"^\s*[-*+]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_MD_INLINE = re.compile(r"(?<![A-Za-z0-9*])\*(?![\s*])([^*\n]+?)(?<![\s*])\*(?![A-Za-z0-9*])"
                        r"|`([^`\n]+)`|\[([^\]\n]+)\]\([^)\s]*\)")


def read_body(folder: Path) -> list[BodyPara]:
    """The plan text in `folder`; [] when there is none. Raises InputError on a bad file."""
    problems: list[Problem] = []
    body = collect_body(Path(folder), problems)
    if problems:
        raise InputError(problems)
    return body


def collect_body(folder: Path, problems: list[Problem], need: bool = False) -> list[BodyPara]:
    """Like `read_body`, but adds problems to `problems` instead of raising. `need`: a
    missing or empty body, or one still holding init's prompts, is a problem too."""
    if not folder.is_dir():
        return []
    files = [p for p in sorted(folder.iterdir())
             if p.is_file() and p.suffix.lower() in BODY_SUFFIXES
             and not p.name.startswith(("~$", ".")) and squash(p.stem) == BODY_NAME]
    if not files:
        if need:
            problems.append(Problem(f"{BODY_NAME}.txt", None, None, None,
                                    f"文件夹「{folder.name or folder}」中没有方案正文",
                                    f"请把方案的正文写在 {BODY_NAME}.txt（或 .docx）中，"
                                    "放在工作簿旁边；init 新建的活动文件夹里有一份可照着填写"))
        return []
    if len(files) > 1:
        names = "、".join(p.name for p in files)
        problems.append(Problem(files[0].name, None, None, None, f"有多个方案正文文件：{names}",
                                "请只保留一个"))
        return []
    path = files[0]
    n_before = len(problems)
    lines = _docx_lines(path, problems) if path.suffix.lower() == ".docx" else \
        text_lines(path, problems, binary_line=True)
    body = _paragraphs(path.name, lines, path.suffix.lower() == ".md", problems)
    if need and not body and len(problems) == n_before:
        problems.append(Problem(path.name, None, None, None, "方案正文是空的",
                                "请写上方案的正文（每段一行，标题按 一、（一）1.（1）编号）"))
    if need:
        for para in body:
            for m in _PROMPT.finditer(para.text):
                problems.append(Problem(path.name, para.line, None, m[0][:24] + "…",
                                        "还是新建活动时的提示文字",
                                        "请改成本次活动的内容，或删除这一段"))
    return body


def text_lines(path: Path, problems: list[Problem], binary_line: bool = False) -> list[str]:
    """The lines of a text file saved by Notepad, WPS or an editor (UTF-8, GBK or UTF-16);
    [] and a problem when it cannot be read or is not text (a picture renamed .txt).
    `binary_line`: a NUL byte is reported as binary data at its line (not as an encoding)."""
    try:
        data = path.read_bytes()
    except OSError:
        problems.append(Problem(path.name, None, None, None, "无法读取文件",
                                "请关闭正在使用它的程序后再试"))
        return []
    text = decode_text(data)
    if binary_line and text is not None and "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        problems.append(Problem(path.name, line, None, None, "文件中有二进制数据（不是纯文本）",
                                "可能是别的文件改了名，或粘贴时混入了乱码：请用记事本打开，"
                                "删去这一行的乱码后保存；或把正文复制到一个新的记事本文件"))
        return []
    if text is None or "\x00" in text:
        problems.append(Problem(path.name, None, None, None, "无法识别文件的文字编码",
                                "请用记事本打开，另存为时把编码选为 UTF-8"))
        return []
    return text.splitlines()


def _docx_lines(path: Path, problems: list[Problem]) -> list[str]:
    """Paragraph texts of the document body (tables, headers and footers are not read)."""
    try:
        import docx

        return [p.text for p in docx.Document(str(path)).paragraphs]
    except Exception:
        problems.append(Problem(path.name, None, None, None, "无法打开这个 Word 文档",
                                "请用 Word/WPS 打开后另存为 .docx，或把正文另存为 .txt"))
        return []


def strip_markdown(line: str) -> tuple[int, str]:
    """A Markdown line's heading level (0: not a heading) and its words without the marks."""
    m = _MD_HEADING.match(line)
    line = _MD_BULLET.sub("", line[m.end():] if m else line)
    return (len(m[1]) if m else 0), _MD_INLINE.sub(lambda m: m[1] or m[2] or m[3],
                                                   strip_bold(line))


def strip_bold(line: str) -> str:
    """`**bold**` and `__bold__` → their words (pasted from a chat or a web page)."""
    return _BOLD.sub(lambda m: m[1] or m[2], line)


def _paragraphs(name: str, lines: list[str], markdown: bool,
                problems: list[Problem]) -> list[BodyPara]:
    body = []
    valid = {squash(n): n for n in INLINE_NAMES}
    blocks = {squash(n): n for n in PLACEHOLDERS}
    for number, line in enumerate(lines, start=1):
        if markdown:
            line = strip_markdown(line)[1]
        text = line.strip()
        if not text:
            continue
        whole = _PLACEHOLDER.fullmatch(text)
        if whole and squash(whole[1]) in blocks:
            body.append(BodyPara(text, 0, blocks[squash(whole[1])], number))
            continue
        for m in _PLACEHOLDER.finditer(text):
            if squash(m[1]) not in valid:
                problems.append(Problem(name, number, None, m[0], "不认识这个占位符",
                                        PLACEHOLDER_HINT))
        body.append(BodyPara(text, detect_heading(text)[0], "", number))
    return body
