"""PDF copies through LibreOffice, and opening the output folder for the user.

All files of a run go to LibreOffice in ONE call (it starts in seconds and converts in
milliseconds), with a private profile in a temporary folder: a LibreOffice the user has open,
or another run at the same time, would otherwise take the conversion over and silently drop
it. Files are copied under plain ASCII names first, so `督办/办公室.docx` and `分发/办公室.xlsx`
cannot clash in the one output folder and no path with spaces or Chinese reaches the command
line. Nothing here raises when LibreOffice is missing or fails: the caller gets a note to
print, and the .docx/.xlsx are there either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

CONVERTIBLE = (".docx", ".xlsx")
# Where the Windows and macOS installers put LibreOffice (it is not on PATH there).
_KNOWN_PLACES = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
NOT_INSTALLED = ("未找到 LibreOffice，没有生成 PDF（Word/Excel 文件已生成）。"
                 "需要 PDF 请安装 LibreOffice（https://zh-cn.libreoffice.org/），"
                 "或在 Word/WPS 中「另存为 PDF」")


def find_soffice() -> str | None:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((p for p in _KNOWN_PLACES if os.path.isfile(p)), None)


def timeout_for(n: int) -> int:
    """Seconds to wait for `n` files: start-up plus a generous second or two a file."""
    return 120 + 2 * n


@dataclass
class Conversion:
    pdfs: dict[Path, Path] = field(default_factory=dict)   # source → PDF in the work folder
    note: str = ""                                          # why some or all are missing


def convert(files: list[Path], workdir: Path, timeout: int | None = None) -> Conversion:
    """Convert `files` to PDF in `workdir` with one LibreOffice call."""
    result = Conversion()
    if not files:
        return result
    soffice = find_soffice()
    if soffice is None:
        result.note = NOT_INSTALLED
        return result
    copies = {f: workdir / f"{i:05d}{f.suffix.lower()}" for i, f in enumerate(files)}
    for f, c in copies.items():
        shutil.copyfile(f, c)
    profile = Path(tempfile.mkdtemp(prefix="hongtou-lo-"))
    cmd = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(workdir), *map(str, copies.values())]
    try:
        subprocess.run(cmd, capture_output=True, timeout=timeout or timeout_for(len(files)),
                       check=False, **_no_window())
    except subprocess.TimeoutExpired:
        result.note = "LibreOffice 转换 PDF 超时，部分 PDF 未生成（Word/Excel 文件已生成）"
    except OSError as exc:
        result.note = f"无法运行 LibreOffice（{exc.strerror or exc}），没有生成 PDF"
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for f, c in copies.items():
        pdf = c.with_suffix(".pdf")
        if pdf.is_file() and pdf.stat().st_size:
            result.pdfs[f] = pdf
    missing = len(files) - len(result.pdfs)
    if missing and not result.note:
        result.note = f"LibreOffice 未能转换 {missing} 个文件，这些文件没有 PDF"
    return result


def _no_window() -> dict:
    """On Windows, no console window flashes up for LibreOffice."""
    if sys.platform == "win32":
        return {"creationflags": getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {}


def pdf_names(rels: list[str]) -> dict[str, str]:
    """Output-relative file → its PDF's name next to it: 通知.docx → 通知.pdf. When a .docx
    and an .xlsx share a name (整改台账), the workbook's PDF is 整改台账（表格）.pdf."""
    taken = {r.rsplit(".", 1)[0].lower() for r in rels if r.lower().endswith(".docx")}
    out = {}
    for rel in rels:
        stem, suffix = rel.rsplit(".", 1)
        if suffix.lower() == "xlsx" and stem.lower() in taken:
            stem += "（表格）"
        out[rel] = f"{stem}.pdf"
    return out


def open_folder(folder: Path) -> str:
    """Show `folder` in the file manager; '' when done, else a note (never raises)."""
    try:
        if sys.platform == "win32":
            os.startfile(str(folder))  # type: ignore[attr-defined]  (Windows only)
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(folder)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
        else:
            subprocess.Popen(["xdg-open", str(folder)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    except OSError:
        return f"无法自动打开文件夹，请手动打开：{folder}"
    return ""
