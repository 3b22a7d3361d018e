"""write.py: file names that are safe everywhere, atomic writes, nothing the user owns lost."""

from __future__ import annotations

import errno
import json
import os
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
        assert str(info.value) == (f"无法写入 {target}：No space left on device"
                                   "（请检查磁盘空间和文件夹权限）")
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

    def it_reports_lines_added_by_the_build(self, tmp_path):
        report = Report(tmp_path, written=["a"], lines=["整改台账：共 1 项"])
        assert str(report) == f"完成：1 个文件在 {tmp_path}\n整改台账：共 1 项"
