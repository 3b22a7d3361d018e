"""write.py: file names that are safe everywhere, atomic writes, nothing the user owns lost."""

from __future__ import annotations

import errno
import json
import os
import tempfile
import re
from pathlib import Path

import pytest

from hongtou.write import (
    BACKUP_DIR, MANIFEST, MAX_NAME, Report, WriteError, atomic_write, safe_name, unique_names,
    write_outputs,
)

WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(i) for i in range(32)}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".~")
                  or p.suffix == ".tmp")


class DescribeSafeName:
    @pytest.mark.parametrize("name, expected", [
        ("办公室/党建办", "办公室_党建办"),
        ("..\\x", "_x"),
        ("../../etc/passwd", "_.._etc_passwd"),   # one harmless name, no path
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("a:b*c?", "a_b_c_"),
        ("  财务部. ", "财务部"),
        ("", "_"),
        ("...", "_"),
        ("职工服务中心", "职工服务中心"),
    ])
    def it_makes_a_name_valid_on_windows_and_linux(self, name, expected):
        assert safe_name(name) == expected

    @pytest.mark.parametrize("name", ["办公室/党建办", "..\\x", "a:b*c?", "AUX", "a\tb\n"])
    def it_leaves_no_forbidden_character_or_path_part(self, name):
        stem = safe_name(name)
        assert not set(stem) & WINDOWS_FORBIDDEN
        assert stem not in ("", ".", "..") and not stem.endswith((".", " "))
        assert Path(stem).name == stem

    def it_shortens_a_long_name_stably(self):
        long = ("关于市总工会机关各部室整改" * 12)[:147] + "办公室"   # 150 characters
        assert len(long) == 150
        stem = safe_name(long)
        assert len(stem) <= MAX_NAME == 80
        assert stem == safe_name(long)                    # the same every run
        assert stem.startswith(long[:40])
        other = long[:-1] + "部"                            # same start, other name
        assert safe_name(other) != stem and len(safe_name(other)) <= 80
        assert re.fullmatch(r".+_[0-9a-f]{8}", stem)

    def it_keeps_a_name_of_exactly_80_characters(self):
        name = "部" * 80
        assert safe_name(name) == name


class DescribeUniqueNames:
    def it_tells_names_apart_that_windows_would_not(self):
        names = ["Office", "office", "OFFICE", "办公室/党建办", "办公室_党建办", "组织部"]
        stems = unique_names(names)
        assert stems == {"Office": "Office", "office": "office_2", "OFFICE": "OFFICE_3",
                         "办公室/党建办": "办公室_党建办", "办公室_党建办": "办公室_党建办_2",
                         "组织部": "组织部"}
        assert len({s.lower() for s in stems.values()}) == len(names)

    def it_gives_the_same_stems_for_the_same_names(self):
        names = ["A", "a", "b/c", "b_c"]
        assert unique_names(names) == unique_names(list(names))


class DescribeAtomicWrite:
    def it_writes_the_bytes_and_nothing_else(self, tmp_path):
        target = tmp_path / "sub" / "通知.docx"
        atomic_write(target, b"content")
        assert target.read_bytes() == b"content"
        assert leftovers(target.parent) == []

    def it_asks_to_close_the_file_when_it_is_locked(self, tmp_path, monkeypatch):
        target = tmp_path / "通知.docx"
        target.write_bytes(b"old")

        def locked(src, dst):
            raise PermissionError(errno.EACCES, "Permission denied", str(dst))

        monkeypatch.setattr(os, "replace", locked)
        with pytest.raises(WriteError) as info:
            atomic_write(target, b"new")
        monkeypatch.undo()
        assert str(info.value) == (f"无法写入 {target}：文件可能正在 Word/WPS/Excel 中打开，"
                                   "请先关闭该文件后重试")
        assert target.read_bytes() == b"old"
        assert leftovers(tmp_path) == []

    def it_says_what_to_check_when_the_disk_is_full(self, tmp_path, monkeypatch):
        target = tmp_path / "通知.docx"

        def full(src, dst):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "replace", full)
        with pytest.raises(WriteError) as info:
            atomic_write(target, b"new")
        monkeypatch.undo()
        assert str(info.value) == (f"无法写入 {target}：磁盘空间不足，请清理磁盘或换一个输出文件夹"
                                   "（-o）后重试")
        assert not target.exists()
        assert leftovers(tmp_path) == []


class DescribeWriteOutputs:
    FILES = {"通知.docx": b"notice", "督办/办公室.docx": b"reminder"}

    def it_writes_the_files_and_a_manifest(self, tmp_path):
        out = tmp_path / "out"
        report = write_outputs(out, self.FILES)
        assert (out / "通知.docx").read_bytes() == b"notice"
        assert (out / "督办" / "办公室.docx").read_bytes() == b"reminder"
        manifest = json.loads((out / MANIFEST).read_text("utf-8"))
        assert set(manifest) == set(self.FILES)
        assert report.written == list(self.FILES) and report.unchanged == []
        assert str(report) == f"完成：2 个文件在 {out.resolve()}"
        assert report.return_code == 0

    def it_counts_unchanged_files(self, tmp_path):
        out = tmp_path / "out"
        write_outputs(out, self.FILES)
        report = write_outputs(out, self.FILES)
        assert report.written == [] and report.unchanged == list(self.FILES)
        assert str(report) == f"完成：2 个文件在 {out.resolve()}（其中 2 个与上次相同）"

    def it_replaces_its_own_files_without_a_backup(self, tmp_path):
        out = tmp_path / "out"
        write_outputs(out, self.FILES)
        report = write_outputs(out, {**self.FILES, "通知.docx": b"notice v2"})
        assert (out / "通知.docx").read_bytes() == b"notice v2"
        assert report.backed_up == [] and not (out / BACKUP_DIR).exists()

    def it_backs_up_a_file_it_did_not_write(self, tmp_path):
        out = tmp_path / "out"
        out.mkdir()
        (out / "通知.docx").write_bytes(b"typed by the secretary")
        report = write_outputs(out, self.FILES)
        (stamp,) = (out / BACKUP_DIR).iterdir()
        assert (stamp / "通知.docx").read_bytes() == b"typed by the secretary"
        assert (out / "通知.docx").read_bytes() == b"notice"
        assert report.backed_up == ["通知.docx"]
        assert str(report).splitlines()[-1] == (
            "注意：通知.docx 曾被修改或不是本工具生成的，已移到 _备份/ 保存，未被覆盖")

    def it_refuses_to_write_over_an_input_before_writing_anything(self, tmp_path):
        out = tmp_path / "out"
        out.mkdir()
        source = out / "督办" / "办公室.docx"
        source.parent.mkdir()
        source.write_bytes(b"input")
        with pytest.raises(WriteError) as info:
            write_outputs(out, self.FILES, inputs=[source])
        assert str(info.value) == (f"输出文件 {source.resolve()} 就是输入文件，已停止以免覆盖。"
                                   "请换一个输出文件夹（-o）")
        assert source.read_bytes() == b"input"
        assert not (out / "通知.docx").exists() and not (out / MANIFEST).exists()

    def it_removes_the_old_copies_once_the_new_files_are_in(self, tmp_path):
        out = tmp_path / "out"
        write_outputs(out, self.FILES)
        write_outputs(out, {k: v + b" v2" for k, v in self.FILES.items()})
        assert leftovers(out) == [] and leftovers(out / "督办") == []

    def it_reports_lines_added_by_the_build(self, tmp_path):
        report = Report(tmp_path, written=["a"], lines=["整改台账：共 1 项"])
        assert str(report) == f"完成：1 个文件在 {tmp_path}\n整改台账：共 1 项"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`, hidden ones and the manifest included."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


class DescribeAllOrNothing:
    """A failure while writing leaves the output folder exactly as it was: the previous
    outputs, the manifest and the secretary's own edits, with no temporary files left over."""

    OLD = {"通知.docx": b"notice", "整改台账.xlsx": b"ledger", "督办/办公室.docx": b"reminder",
           "督办/财务部.docx": b"reminder 2"}
    NEW = {"通知.docx": b"notice v2", "整改台账.xlsx": b"ledger v2",
           "督办/办公室.docx": b"reminder v2", "督办/财务部.docx": b"reminder 2 v2",
           "分发/办公室.xlsx": b"split"}

    @pytest.fixture
    def out(self, tmp_path):
        out = tmp_path / "out"
        write_outputs(out, self.OLD)
        (out / "整改台账.xlsx").write_bytes(b"ledger, edited by the secretary")
        return out

    def failed_write(self, out, monkeypatch) -> str:
        """Write NEW into `out` expecting a WriteError (the monkeypatches then undone);
        → its message."""
        with pytest.raises(WriteError) as info:
            write_outputs(out, self.NEW)
        monkeypatch.undo()
        return str(info.value)

    def fail_on_call(self, monkeypatch, name, n, exc, first=None):
        """Make os.<name> raise `exc` on its n-th call (1-based) from now on, after calling
        `first(*args)` (to release what the real call would have taken over)."""
        real = getattr(os, name)
        calls = []

        def flaky(*args, **kwargs):
            calls.append(args)
            if len(calls) == n:
                if first is not None:
                    first(*args)
                raise exc
            return real(*args, **kwargs)

        monkeypatch.setattr(os, name, flaky)
        return calls

    @pytest.mark.parametrize("n", [1, 2, 3, 5, 8])
    def it_puts_everything_back_when_a_rename_fails_midway(self, out, monkeypatch, n):
        before = snapshot(out)
        self.fail_on_call(monkeypatch, "replace", n,
                          OSError(errno.EIO, "Input/output error"))
        assert self.failed_write(out, monkeypatch).endswith(
            "系统报告写入出错（EIO）。请确认磁盘或网络共享仍然连接、有空间和写入权限后重试，"
            "或换一个输出文件夹（-o）。输出文件夹中原有的文件都未改动")
        assert snapshot(out) == before

    def it_asks_to_close_a_file_that_is_open_and_changes_nothing(self, out, monkeypatch):
        before = snapshot(out)
        locked = out / "督办" / "财务部.docx"
        real = os.replace

        def replace(src, dst):
            if Path(src) == locked:   # Windows refuses to move a file Word holds open
                raise PermissionError(errno.EACCES, "Permission denied", str(src))
            return real(src, dst)

        monkeypatch.setattr(os, "replace", replace)
        assert self.failed_write(out, monkeypatch) == (f"无法写入 {locked}：文件可能正在 Word/WPS/Excel 中打开，"
                                   "请先关闭该文件后重试。输出文件夹中原有的文件都未改动")
        assert snapshot(out) == before

    def it_says_the_disk_is_full_and_changes_nothing(self, out, monkeypatch):
        before = snapshot(out)
        self.fail_on_call(monkeypatch, "fdopen", 4, OSError(errno.ENOSPC, "No space left on device"),
                          first=lambda fd, *_: os.close(fd))
        assert "磁盘空间不足，请清理磁盘或换一个输出文件夹（-o）后重试。输出文件夹中原有的文件都未改动" \
            in self.failed_write(out, monkeypatch)
        assert snapshot(out) == before

    def it_says_when_the_folder_cannot_be_written(self, tmp_path, monkeypatch):
        out = tmp_path / "out"

        def mkstemp(*args, **kwargs):
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
        assert self.failed_write(out, monkeypatch) == (f"无法写入 {out.resolve() / '通知.docx'}：没有写入这个文件夹的权限，"
                                   "请换一个输出文件夹（-o）。输出文件夹中原有的文件都未改动")
        assert [p for p in out.rglob("*") if p.is_file()] == []

    def it_still_backs_up_the_secretarys_edit_when_all_goes_well(self, out):
        write_outputs(out, self.NEW)
        (stamp,) = (out / BACKUP_DIR).iterdir()
        assert (stamp / "整改台账.xlsx").read_bytes() == b"ledger, edited by the secretary"
        assert {k: v for k, v in snapshot(out).items()
                if not k.startswith(BACKUP_DIR) and k != MANIFEST} == self.NEW


# -- issue 14.3: what an earlier build wrote and this one does not ---------------------------


def _campaign(tmp_path: Path) -> Path:
    from tests.helpers import make_workbook, minimal_sheets

    return make_workbook(tmp_path / "活动" / "活动.xlsx", minimal_sheets()).parent


def _cli(*args: str):
    from click.testing import CliRunner

    from hongtou.cli import main

    return CliRunner().invoke(main, list(args))


def _files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


@pytest.fixture
def project(monkeypatch):
    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", Path(__file__).resolve().parent.parent)


@pytest.fixture
def fake_pdf(monkeypatch):
    """LibreOffice stood in for: a PDF whose bytes name the file it was made from."""
    from hongtou.pdf import Conversion

    def convert(files, workdir, timeout=None):
        result = Conversion()
        for i, f in enumerate(files):
            pdf = workdir / f"{i:05d}.pdf"
            pdf.write_bytes(b"%PDF-1.4 " + f.read_bytes()[-64:])
            result.pdfs[f] = pdf
        return result
    monkeypatch.setattr("hongtou.cli.output.convert", convert)


class DescribeStaleOutputs:
    def it_leaves_exactly_what_a_fresh_build_of_the_later_day_leaves(self, tmp_path, project):
        data, out, fresh = _campaign(tmp_path), tmp_path / "out", tmp_path / "fresh"
        assert _cli("build", str(data), "-o", str(out), "--today", "2022-04-20").exit_code == 0
        assert (out / "督办" / "办公室.docx").is_file()          # Q001 is late on 4月20日
        second = _cli("build", str(data), "-o", str(out), "--today", "2022-02-16")
        assert second.exit_code == 0, second.output
        assert _cli("build", str(data), "-o", str(fresh), "--today", "2022-02-16").exit_code == 0
        assert _files(out) == _files(fresh)                  # no 督办 letter dated 4月20日 is left
        assert not (out / "督办").exists()                    # nor its empty folder
        assert "已删除上次生成、这次不再生成的 1 个文件：督办/办公室.docx" in second.stdout
        assert "督办/办公室.docx" not in json.loads((out / MANIFEST).read_text("utf-8"))

    def it_moves_an_edited_stale_file_to_the_backup(self, tmp_path, project):
        data, out = _campaign(tmp_path), tmp_path / "out"
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        letter = out / "督办" / "办公室.docx"
        letter.write_bytes(letter.read_bytes() + b"edited")
        second = _cli("build", str(data), "-o", str(out), "--today", "2022-02-16")
        assert second.exit_code == 0
        [kept] = (out / BACKUP_DIR).glob("*/督办/办公室.docx")
        assert kept.read_bytes().endswith(b"edited") and not letter.exists()
        assert f"曾被修改，已移到 {BACKUP_DIR}/{kept.parents[1].name}/ 保存：督办/办公室.docx" \
            in second.stdout

    def it_leaves_files_it_did_not_write_alone(self, tmp_path, project):
        data, out = _campaign(tmp_path), tmp_path / "out"
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        (out / "督办" / "我的笔记.txt").write_text("mine", "utf-8")
        _cli("build", str(data), "-o", str(out), "--today", "2022-02-16")
        assert (out / "督办" / "我的笔记.txt").read_text("utf-8") == "mine"
        assert not (out / "督办" / "办公室.docx").exists()

    def it_removes_the_pdfs_of_an_earlier_run_built_without_pdf(self, tmp_path, project, fake_pdf):
        data, out = _campaign(tmp_path), tmp_path / "out"
        first = _cli("build", str(data), "-o", str(out), "--today", "2022-04-20", "--pdf")
        assert first.exit_code == 0, first.output
        pdfs = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
        assert "督办/办公室.pdf" in pdfs and "通知.pdf" in pdfs
        second = _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        assert second.exit_code == 0
        assert list(out.rglob("*.pdf")) == []
        assert f"已删除上次生成、这次不再生成的 {len(pdfs)} 个文件：" in second.stdout

    def it_keeps_the_pdfs_it_makes_again_and_drops_the_others(self, tmp_path, project, fake_pdf):
        data, out = _campaign(tmp_path), tmp_path / "out"
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20", "--pdf")
        second = _cli("build", str(data), "-o", str(out), "--today", "2022-02-16", "--pdf")
        assert second.exit_code == 0, second.output
        assert (out / "通知.pdf").is_file() and not (out / "督办").exists()
        assert "督办/办公室.pdf" in second.stdout and "通知.pdf" not in \
            [line for line in second.stdout.splitlines() if line.startswith("已删除")][0]

    def it_clears_only_the_packets_a_department_build_writes(self, tmp_path, project):
        data, out = _campaign(tmp_path), tmp_path / "out"
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        full = _files(out)
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20", "-d", "办公室")
        assert (out / "办公室" / "督办通知（办公室）.docx").is_file()
        second = _cli("build", str(data), "-o", str(out), "--today", "2022-02-16", "-d", "办公室")
        assert second.exit_code == 0
        assert not (out / "办公室" / "督办通知（办公室）.docx").exists()
        assert {k: v for k, v in _files(out).items() if not k.startswith("办公室/")} == full


# -- issue 15.10–11: read-only folders, the umask ---------------------------------------------


class DescribeFolderRights:
    def it_does_not_touch_the_folder_when_nothing_changed(self, tmp_path, project, monkeypatch):
        data, out = _campaign(tmp_path), tmp_path / "out"
        _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")

        def read_only(*args, **kwargs):
            raise OSError(errno.EROFS, "Read-only file system")
        monkeypatch.setattr(tempfile, "mkstemp", read_only)
        again = _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        assert again.exit_code == 0, again.output
        assert "完成：8 个文件在 " in again.stdout and "（其中 8 个与上次相同）" in again.stdout

    def it_says_in_chinese_that_the_folder_is_read_only(self, tmp_path, project, monkeypatch):
        data, out = _campaign(tmp_path), tmp_path / "out"
        out.mkdir()

        def read_only(*args, **kwargs):
            raise OSError(errno.EROFS, "Read-only file system")
        monkeypatch.setattr(tempfile, "mkstemp", read_only)
        result = _cli("build", str(data), "-o", str(out), "--today", "2022-04-20")
        assert result.exit_code == 2
        assert "这个位置是只读的（光盘、写保护的 U 盘或只读的共享文件夹），请换一个输出文件夹（-o）" \
            in result.stderr
        assert "Read-only" not in result.stderr

    @pytest.mark.skipif(not hasattr(os, "fchmod"), reason="no file modes on this system")
    @pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
    def it_creates_files_as_the_umask_says(self, tmp_path, umask, mode):
        old = os.umask(umask)
        try:
            report = write_outputs(tmp_path / "out", {"a.docx": b"1", "督办/b.docx": b"2"})
            atomic_write(tmp_path / "c.xlsx", b"3")
        finally:
            os.umask(old)
        assert report.written == ["a.docx", "督办/b.docx"]
        for path in (tmp_path / "out" / "a.docx", tmp_path / "out" / "督办" / "b.docx",
                     tmp_path / "out" / MANIFEST, tmp_path / "c.xlsx"):
            assert path.stat().st_mode & 0o777 == mode, path
