"""Writing results: atomic files, safe names, nothing the user owns overwritten, the report.

Every file is written to a temporary file in its own folder and renamed over the target, so a
crash never leaves half a document; a build's files are swapped in all together or not at all
(`write_outputs`), so a failure leaves the previous output folder as it was. Before replacing a file, we check it is still the one we
wrote last time (a manifest of hashes in the output folder): a file the secretary edited or
put there is moved to `_备份/` first, never overwritten. Files an earlier build wrote that
this one does not (a 督办 letter for a department no longer late, last run's PDFs) are
removed when unchanged, moved to `_备份/` when someone edited them, and listed. Files are
created with the permissions the umask gives (not mkstemp's 0600), and temporary files a killed
run left behind are removed by the next.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable
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


def replace_keeping(path: Path, data: bytes, keep: Path) -> None:
    """Put `data` in place of `path`, its old bytes first kept, unchanged, at `keep` (a merge
    replacing the campaign's master keeps the one it replaces in 历史/)."""
    atomic_write(keep, path.read_bytes())
    atomic_write(path, data)


ELSEWHERE = "换一个输出文件夹（-o）"


def why(path: Path, exc: OSError, elsewhere: str = ELSEWHERE) -> str:
    """What went wrong writing `path`, and what to do, in the user's words (`elsewhere`:
    where else the user may write)."""
    if isinstance(exc, IsADirectoryError) or (isinstance(exc, PermissionError) and path.is_dir()):
        # (Windows says "permission denied" where Linux says "is a directory")
        return (f"无法写入 {path}：那里已有一个同名的文件夹「{path.name}」。"
                f"请把这个文件夹移走或改名后重试，或{elsewhere}")
    blocker = _file_in_the_way(path)
    if blocker is not None:
        return (f"无法写入 {path}：「{blocker}」是一个文件，不是文件夹。"
                f"请把这个文件移走或改名后重试，或{elsewhere}")
    if exc.errno == errno.EROFS:
        return (f"无法写入 {path}：这个位置是只读的（光盘、写保护的 U 盘或只读的共享文件夹），"
                f"请{elsewhere}")
    if isinstance(exc, PermissionError):
        if path.exists() and not path.is_dir():
            return f"无法写入 {path}：文件可能正在 Word/WPS/Excel 中打开，请先关闭该文件后重试"
        return f"无法写入 {path}：没有写入这个文件夹的权限，请{elsewhere}"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return f"无法写入 {path}：磁盘空间不足，请清理磁盘或{elsewhere}后重试"
    if exc.errno == errno.ENAMETOOLONG:
        return f"无法写入 {path}：路径太长，请{elsewhere}（层级浅一些、名字短一些）"
    code = errno.errorcode.get(exc.errno or 0, "")
    return (f"无法写入 {path}：系统报告写入出错{f'（{code}）' if code else ''}。"
            f"请确认磁盘或网络共享仍然连接、有空间和写入权限后重试，或{elsewhere}")


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of `path` when it is a file (where a folder must be)."""
    for parent in (path, *path.parents):
        try:
            if parent.exists():
                return parent if not parent.is_dir() and parent != path else None
        except OSError:
            return None
    return None


def _stage(path: Path, data: bytes) -> str:
    """Write `data` to a new temporary file in `path`'s folder; → its name. Raises OSError
    (the temporary file removed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            mode = _file_mode()
            if mode is not None:
                os.fchmod(fh.fileno(), mode)   # mkstemp makes 0600: colleagues could not open it
            fh.write(data)
    except OSError:
        _discard(tmp)
        raise
    return tmp


def _file_mode() -> int | None:
    """0666 less the umask, as open() would create a file; None where there are no modes."""
    if not hasattr(os, "fchmod"):
        return None
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask

# A temporary file's name says which process wrote it: `.~ht1234_k2j4x8a1.tmp`.
_TMP_PREFIX = f".~ht{os.getpid()}_"
_TMP_NAME = re.compile(r"\.~ht(\d+)_[a-z0-9_]{8}\.tmp(?:\.old)?")


def remove_leftovers(folder: Path) -> list[str]:
    """Remove the temporary files a killed run of hongtou left in `folder` and its subfolders
    (only ours: named by `_TMP_NAME`, written by a process that no longer runs). → their names."""
    gone = []
    try:
        candidates = [p for p in folder.rglob(".~ht*") if BACKUP_DIR not in p.parts]
    except OSError:
        return gone
    for p in candidates:
        m = _TMP_NAME.fullmatch(p.name)
        if m is None or _running(int(m[1])):
            continue
        try:
            p.unlink()
            gone.append(p.relative_to(folder).as_posix())
        except OSError:
            pass
    return gone


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFO
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True   # someone else's process: alive
    return True


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
    removed: list[str] = field(default_factory=list)      # earlier outputs not made again
    stale_backed_up: list[str] = field(default_factory=list)  # … and edited: moved to _备份
    not_cleaned: list[str] = field(default_factory=list)  # … that could not be moved
    lines: list[str] = field(default_factory=list)  # extra summary lines (counts)
    stamp: str = ""                                 # the _备份/<stamp>/ of this run

    @property
    def return_code(self) -> int:
        return 0

    def __str__(self) -> str:
        n = len(self.written) + len(self.unchanged)
        text = f"完成：{n} 个文件在 {self.out}"
        if self.unchanged:
            text += f"（其中 {len(self.unchanged)} 个与上次相同）"
        parts = [text, *self.lines, *self.cleanup_lines()]
        for b in self.backed_up:
            parts.append(f"注意：{b} 曾被修改或不是本工具生成的，已移到 {BACKUP_DIR}/ 保存，未被覆盖")
        return "\n".join(parts)

    def cleanup_lines(self) -> list[str]:
        """What became of the files an earlier run made and this one did not."""
        lines = []
        if self.removed:
            lines.append(f"已删除上次生成、这次不再生成的 {len(self.removed)} 个文件："
                         + _listed(self.removed))
        if self.stale_backed_up:
            lines.append(f"注意：上次生成、这次不再生成的 {len(self.stale_backed_up)} 个文件曾被修改，"
                         f"已移到 {BACKUP_DIR}/{self.stamp}/ 保存：" + _listed(self.stale_backed_up))
        if self.not_cleaned:
            lines.append(f"注意：上次生成、这次不再生成的 {len(self.not_cleaned)} 个文件已过时，"
                         "但无法移走（可能正在打开），请手动删除：" + _listed(self.not_cleaned))
        return lines


def _listed(rels: list[str], most: int = 10) -> str:
    shown = "、".join(rels[:most])
    return shown + (f" 等 {len(rels)} 个" if len(rels) > most else "")


def write_outputs(out: Path, files: dict[str, bytes], inputs: list[Path] = (),
                  replaces: Callable[[str], bool] | None = None) -> Report:
    """Write `files` (relative path → bytes) under `out`, all or nothing. A target that is an
    input file is refused; a target the user changed since our last run is moved to _备份.

    First every new file is written beside its target under a temporary name; only when all
    of them are on disk are they renamed into place, and if a rename fails (a file open in
    Word on Windows, a full disk) the ones already renamed are put back. Either way a failed
    run leaves the folder as it found it and raises WriteError.

    `replaces(rel)` says which files of earlier runs (listed in the manifest) this write
    supersedes: those it does not write again are removed if unchanged, else moved to
    _备份/<time>/ (None: earlier files are left alone)."""
    out = out.resolve()
    protected = {p.resolve() for p in inputs}
    folders: dict[Path, Path] = {}  # each folder resolved once, not each of 2,000 files
    for rel in files:
        target = out / rel
        folder = folders.get(target.parent)
        if folder is None:
            folder = folders[target.parent] = target.parent.resolve()
        if folder / target.name in protected:  # os.replace never follows a link in the name
            raise WriteError(f"输出文件 {out / rel} 就是输入文件，已停止以免覆盖。请{ELSEWHERE}")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        if out.exists() and not out.is_dir():
            raise WriteError(f"输出文件夹 {out} 是一个已有的文件，不是文件夹。请{ELSEWHERE}"
                             ) from exc
        raise WriteError(why(out, exc)) from exc
    _check_targets(out, files)
    remove_leftovers(out)
    manifest = read_manifest(out)
    before = dict(manifest)
    report = Report(out, stamp=time.strftime("%Y%m%d-%H%M%S"))
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
    _swap_in(out, report.stamp, todo, report)
    if replaces is not None:
        _retire(out, [rel for rel in before if rel not in files and replaces(rel)],
                before, manifest, report)
    if manifest != before or todo:
        atomic_write(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1,
                                                sort_keys=True).encode("utf-8"))
    return report


def _check_targets(out: Path, files: dict[str, bytes]) -> None:
    """Refuse, before anything is written, a folder where a file goes (`督办/办公室.docx/`)
    and a file where a folder goes (`分发` a file)."""
    seen: set[Path] = set()
    for rel in files:
        target = out / rel
        if target.is_dir():
            raise WriteError(why(target, IsADirectoryError(errno.EISDIR, "")))
        parent = target.parent
        if parent in seen:
            continue
        seen.add(parent)
        if _file_in_the_way(target) is not None:
            raise WriteError(why(target, NotADirectoryError(errno.ENOTDIR, "")))


def _retire(out: Path, stale: list[str], before: dict[str, str], manifest: dict[str, str],
            report: Report) -> None:
    """Files an earlier run wrote that this one did not: removed when they are as we wrote
    them, moved to _备份/<stamp>/ when edited; their folders go when left empty."""
    for rel in sorted(stale):
        path = out / rel
        try:
            if not path.is_file():
                manifest.pop(rel, None)
                continue
            if _digest(path.read_bytes()) == before[rel]:
                path.unlink()
                report.removed.append(rel)
            else:
                kept = out / BACKUP_DIR / report.stamp / rel
                kept.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, kept)
                report.stale_backed_up.append(rel)
            manifest.pop(rel, None)
        except OSError:
            report.not_cleaned.append(rel)
            continue
        for folder in path.parents:
            if folder == out or not folder.is_dir() or any(folder.iterdir()):
                break
            try:
                folder.rmdir()
            except OSError:
                break


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
