"""Writing results: atomic files, safe names, nothing the user owns overwritten, the report.

Every file is written to a temporary file in its own folder and renamed over the target, so a
crash never leaves half a document; a build's files are swapped in all together or not at all
(`write_outputs`), so a failure leaves the previous output folder as it was. Before replacing a file, we check it is still the one we
wrote last time (a manifest of hashes in the output folder): a file the secretary edited or
put there is moved to `_备份/` first, never overwritten.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .manifest import MANIFEST, read_manifest

BACKUP_DIR = "_备份"

_FORBIDDEN = re.compile(r'[\x00-\x1f<>:"/\\|?*\u200b-\u200f\u202a-\u202e]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 80  # characters of a file name stem: Windows paths stay well under 260


class WriteError(Exception):
    """A file could not be written; the message says what to do (in Chinese)."""


def safe_name(name: str) -> str:
    """A file-name stem that is valid on Windows and Linux: forbidden characters become _,
    no leading/trailing dots or spaces, no reserved device names, at most MAX_NAME chars."""
    stem = _FORBIDDEN.sub("_", name).strip(" .")
    stem = re.sub(r"_+", "_", stem) or "_"
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    if len(stem) > MAX_NAME:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
        stem = stem[: MAX_NAME - 9] + "_" + digest
    return stem


def unique_names(names: list[str]) -> dict[str, str]:
    """name → safe stem, unique case-insensitively (Windows folders are)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for name in names:
        stem = base = safe_name(name)
        n = 2
        while stem.lower() in taken:
            stem = f"{base}_{n}"
            n += 1
        taken.add(stem.lower())
        out[name] = stem
    return out


def atomic_write(path: Path, data: bytes) -> None:
    """Write one file: to a temporary file beside it, then renamed over it."""
    tmp = None
    try:
        tmp = _stage(path, data)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            _discard(tmp)
        raise WriteError(why(path, exc)) from exc


def why(path: Path, exc: OSError) -> str:
    """What went wrong writing `path`, and what to do, in the user's words."""
    if isinstance(exc, PermissionError):
        if path.exists():
            return f"无法写入 {path}：文件可能正在 Word/WPS/Excel 中打开，请先关闭该文件后重试"
        return f"无法写入 {path}：没有写入这个文件夹的权限，请换一个输出文件夹（-o）"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"无法写入 {path}：磁盘空间不足，请清理磁盘或换一个输出文件夹（-o）后重试"
    return f"无法写入 {path}：{exc.strerror or exc}（请检查磁盘空间和文件夹权限）"


def _stage(path: Path, data: bytes) -> str:
    """Write `data` to a new temporary file in `path`'s folder; → its name. Raises OSError
    (the temporary file removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".~", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except OSError:
        _discard(tmp)
        raise
    return tmp


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except OSError:
        pass


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class Report:
    """What a run wrote. Owns the summary printed at the end (like black's Report)."""

    out: Path
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    backed_up: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # extra summary lines (counts)

    @property
    def return_code(self) -> int:
        return 0

    def __str__(self) -> str:
        n = len(self.written) + len(self.unchanged)
        text = f"完成：{n} 个文件在 {self.out}"
        if self.unchanged:
            text += f"（其中 {len(self.unchanged)} 个与上次相同）"
        parts = [text, *self.lines]
        for b in self.backed_up:
            parts.append(f"注意：{b} 曾被修改或不是本工具生成的，已移到 {BACKUP_DIR}/ 保存，未被覆盖")
        return "\n".join(parts)


def write_outputs(out: Path, files: dict[str, bytes], inputs: list[Path] = ()) -> Report:
    """Write `files` (relative path → bytes) under `out`, all or nothing. A target that is an
    input file is refused; a target the user changed since our last run is moved to _备份.

    First every new file is written beside its target under a temporary name; only when all
    of them are on disk are they renamed into place, and if a rename fails (a file open in
    Word on Windows, a full disk) the ones already renamed are put back. Either way a failed
    run leaves the folder as it found it and raises WriteError."""
    out = out.resolve()
    protected = {p.resolve() for p in inputs}
    folders: dict[Path, Path] = {}  # each folder resolved once, not each of 2,000 files
    for rel in files:
        target = out / rel
        folder = folders.get(target.parent)
        if folder is None:
            folder = folders[target.parent] = target.parent.resolve()
        if folder / target.name in protected:  # os.replace never follows a link in the name
            raise WriteError(f"输出文件 {out / rel} 就是输入文件，已停止以免覆盖。请换一个输出文件夹（-o）")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(why(out, exc)) from exc
    manifest = read_manifest(out)
    report = Report(out)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    todo: list[tuple[str, Path, bytes, bool]] = []   # rel, target, bytes, back it up first
    for rel, data in files.items():
        target = out / rel
        digest = _digest(data)
        manifest_entry = manifest.get(rel)
        manifest[rel] = digest
        if target.exists():
            current = _digest(target.read_bytes())
            if current == digest:
                report.unchanged.append(rel)
                continue
            todo.append((rel, target, data, manifest_entry != current))
        else:
            todo.append((rel, target, data, False))
    _swap_in(out, stamp, todo, report)
    atomic_write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1,
                                            sort_keys=True).encode("utf-8"))
    return report


def _swap_in(out: Path, stamp: str, todo: list[tuple[str, Path, bytes, bool]],
             report: Report) -> None:
    staged: list[str] = []
    moved: list[tuple[Path, Path | None]] = []       # target, where its old version went
    target = out
    try:
        for rel, target, data, _ in todo:
            staged.append(_stage(target, data))
        for (rel, target, _, back_up), tmp in zip(todo, staged):
            old = None
            if target.exists():
                if back_up:
                    old = out / BACKUP_DIR / stamp / rel
                    old.parent.mkdir(parents=True, exist_ok=True)
                else:
                    old = Path(str(tmp) + ".old")
                os.replace(target, old)
            moved.append((target, old))
            os.replace(tmp, target)
    except OSError as exc:
        for done, old in reversed(moved):
            try:
                if old is not None:
                    os.replace(old, done)
                elif done.exists():
                    os.unlink(done)
            except OSError:
                pass
        for tmp in staged:
            _discard(tmp)
        _prune(out / BACKUP_DIR / stamp)
        raise WriteError(why(target, exc) + "。输出文件夹中原有的文件都未改动") from exc
    for (rel, _, _, back_up), (_, old) in zip(todo, moved):
        if back_up:
            report.backed_up.append(rel)
        elif old is not None:
            _discard(str(old))
        report.written.append(rel)


def _prune(folder: Path) -> None:
    """Remove `folder` and its parents up to _备份 when empty (a backup that was undone)."""
    for path in (folder, *folder.parents):
        if path.name == "" or not path.is_dir() or any(path.iterdir()):
            return
        path.rmdir()
        if path.name == BACKUP_DIR:
            return
