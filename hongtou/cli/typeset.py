"""`typeset`: any .txt/.md/.docx laid out as a GB/T 9704 document.

Exit codes as
everywhere: 0 written, 2 the file cannot be read or a fact in it is wrong (every problem
listed, nothing written).
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

import click

from .options import CONTEXT, OPEN_HELP, QUIET_HELP
from .output import Progress, echo_json, export_pdfs, fail, finish
from ..docs.typeset import render
from ..model import InputError
from ..read.document import read_document
from ..write import WriteError, write_outputs

# option → 发文信息 key (the key/value block at the top of the file uses the same keys)
FACT_OPTIONS = (
    ("title", "标题", "标题（默认：文件的第一行，或 Markdown 的 # 行）"),
    ("mark", "发文机关标志", "发文机关标志，如 中共六安市总工会党组文件（给出时默认排红头）"),
    ("organ", "发文机关", "发文机关，用于署名（默认：日期上一行）和版记"),
    ("number", "发文字号", "发文字号，如 六工党〔2022〕7号（[ ] ( ) 会改成〔 〕）"),
    ("signer", "签发人", "签发人（上行文），多人用、分隔"),
    ("copy_no", "份号", "份号，如 000001"),
    ("secret", "密级", "密级，如 机密"),
    ("secret_term", "保密期限", "保密期限，如 1年"),
    ("urgency", "紧急程度", "紧急程度，如 特急"),
    ("to", "主送机关", "主送机关（默认：标题下以：结尾的一行）"),
    ("date", "成文日期", "成文日期，如 2022-03-01（默认：正文后单独一行的日期）"),
    ("note", "附注", "附注，如 此件公开发布"),
    ("cc", "抄送机关", "抄送机关，多个用、分隔"),
    ("printer", "印发机关", "印发机关（版记）"),
    ("print_date", "印发日期", "印发日期（版记，默认：成文日期）"),
)


def _fact_options(f):
    for name, _, help_text in reversed(FACT_OPTIONS):
        f = click.option(f"--{name.replace('_', '-')}", name, default=None, metavar="文字",
                         help=help_text)(f)
    return f


def _fail(messages: list[str], as_json: bool) -> NoReturn:
    fail(messages, f"无法排版，有 {len(messages)} 处问题：", as_json)


def _target(source: Path, out: Path | None) -> Path:
    default = f"{source.stem}（排版）.docx"
    if out is None:
        return source.parent / default
    if out.is_dir() or str(out).endswith(("/", "\\")):
        return out / default
    return out if out.suffix.lower() == ".docx" else out.with_name(out.name + ".docx")


@click.command("typeset", context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="输出的 .docx 文件或文件夹（默认：原文件旁的「原名（排版）.docx」）")
@click.option("--red/--plain", "red", default=None,
              help="排红头（发文机关标志、发文字号、红色分隔线）/ 不排红头（默认：有发文机关标志或发文字号时排红头）")
@click.option("--sealed", is_flag=True,
              help="落款按加盖印章排：成文日期右空四字，署名以成文日期居中，上方留出印章位置")
@_fact_options
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 另存一份 PDF（放在 .docx 旁边）")
@click.option("--open", "open_it", is_flag=True, help=OPEN_HELP)
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出结果（供脚本调用）")
def typeset(file: Path, out: Path | None, red: bool | None, sealed: bool, pdf: bool,
            open_it: bool, quiet: bool, as_json: bool, **facts: str | None) -> None:
    """把任何文字（.txt、.md 或 .docx）排成符合 GB/T 9704-2012 的公文。

    \b
    标题、主送机关、各级标题（一、（一）1.（1））、附件说明、署名和成文日期按位置和编号识别；
    写在任何位置的「抄送：」「××　2022年3月1日印发」排进版记，（此件公开发布）和「联系人：」
    排成附注。中文里的半角标点改为全角（1.5、1,000、网址和英文不改）。.docx 保留文字、
    Word 自动编号、表格和图片，表格按公文表格重排（与版心同宽、每页重复表头），图片缩放到版心内。
    版头信息可用选项给出，也可以写在文件开头、用一行 --- 与正文隔开：

    \b
      发文机关标志：中共六安市总工会党组文件
      发文字号：六工党〔2022〕7号
      ---

    \b
    示例：
      python pipeline.py typeset 通知.txt
      python pipeline.py typeset 方案.docx --plain -o 排好的方案.docx --pdf
      python pipeline.py typeset 通知.md --mark 某某局文件 --number 某发〔2022〕3号
    """
    quiet = quiet or as_json
    options = {key: facts[name] for name, key, _ in FACT_OPTIONS if facts.get(name)}
    try:
        doc = read_document(file, options)
    except InputError as exc:
        _fail([p.message() for p in exc.problems], as_json)
    if red and not doc.meta.mark:
        _fail(["排红头需要发文机关标志：请用 --mark 或 --organ 给出，或在文件开头写"
               "「发文机关标志：……」后加一行 ---"], as_json)
    target = _target(file, out)
    if target.resolve() == file.resolve():
        _fail([f"输出文件 {target} 就是输入文件，已停止以免覆盖。请换一个文件名（-o）"], as_json)
    progress = Progress(1, "排版", quiet, lines=False)
    data = render(doc, red, sealed=sealed)
    try:
        report = write_outputs(target.parent, {target.name: data}, inputs=[file])
    except WriteError as exc:
        progress.close()
        _fail([str(exc)], as_json)
    progress.step(target.name)
    pdfs = export_pdfs(target.parent, [target.name], progress) if pdf else None
    progress.close()
    is_red = doc.has_mark if red is None else red
    counts = doc.outline.heading_counts()
    warnings = list(doc.warnings) + ([pdfs.note] if pdfs and pdfs.note else [])
    warnings += [f"{b} 曾被修改或不是本工具生成的，已移到 _备份/ 保存" for b in report.backed_up]
    if as_json:
        echo_json({
            "ok": True, "out": str(target.resolve()), "title": doc.meta.title, "red": is_red,
            "headings": {str(k): v for k, v in counts.items()},
            "attachments": doc.outline.attachments, "note": doc.meta.note, "cc": doc.meta.cc,
            "date": doc.meta.date.isoformat() if doc.meta.date else None,
            "pdf": [str(target.parent.resolve() / p) for p in pdfs.written] if pdfs else [],
            "warnings": warnings})
    elif not quiet:
        click.echo(f"已排版：{target}（{'红头' if is_red else '无红头'}）")
        click.echo(f"  标题：{doc.meta.title or '（无）'}")
        click.echo("  各级标题：" + "，".join(f"{name} {counts[n]} 个" for n, name in
                                          ((1, "一级"), (2, "二级"), (3, "三级"), (4, "四级"))))
        if doc.outline.attachments:
            click.echo(f"  附件说明：{len(doc.outline.attachments)} 项")
        if doc.meta.note:
            click.echo(f"  附注：{doc.meta.note}")
        if doc.meta.cc:
            click.echo(f"  抄送：{'、'.join(doc.meta.cc)}")
        if pdfs and pdfs.written:
            click.echo(f"  PDF：{target.parent / pdfs.written[0]}")
        for w in warnings:
            click.echo(f"注意：{w}")
    finish(target.parent, open_it, quiet)
