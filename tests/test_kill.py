"""Issue 15.12: `kill -9` of a real build leaves nothing behind for long. Its helper process
ends with it, and the temporary files it was writing are removed by the next run (only
hongtou's own, only those of processes that no longer run).

Each build runs as its own Python process (a script that lowers the thresholds so a small
campaign gets a helper, and stops at the moment to kill); the test finds its processes in
/proc, sends SIGKILL and watches what remains."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from hongtou.write import remove_leftovers
from tests.helpers import make_workbook, minimal_sheets

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                reason="finds processes through /proc (Linux)")

STOP_READING = """
import hongtou.build as build, hongtou.parallel as parallel
parallel.MIN_INPUT_BYTES = 0            # a helper for this small campaign …
parallel.cores = lambda: 2              # … on any machine
def read_campaign(*args, **kwargs):     # stop while the helper is up
    print("READING", flush=True)
    time.sleep(600)
build.read_campaign = read_campaign
"""

STOP_WRITING = """
import hongtou.write as write
real, staged = write._stage, []
def stage(path, data):                  # stop once three files are staged
    staged.append(real(path, data))
    if len(staged) == 3:
        print("STAGED", flush=True)
        time.sleep(600)
    return staged[-1]
write._stage = stage
"""


def start_build(tmp_path: Path, stop: str, data: Path, out: Path) -> subprocess.Popen:
    script = tmp_path / "killed_build.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(ROOT)!r})
        {textwrap.indent(stop, "        ").strip()}
        from hongtou.cli import main
        if __name__ == "__main__":
            main(["build", {str(data)!r}, "-o", {str(out)!r}, "--today", "2022-04-20"])
    """), "utf-8")
    return subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)


def wait_for(proc: subprocess.Popen, word: str) -> None:
    for line in proc.stdout:
        if line.strip() == word:
            return
    pytest.fail(f"the build ended before {word}")


def ppid_and_state(pid: int) -> tuple[int, str] | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return int(fields[1]), fields[0]


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit() and (ps := ppid_and_state(int(entry.name))) \
                    and ps[0] == parent and int(entry.name) not in found:
                found.add(int(entry.name))
                todo.append(int(entry.name))
    return found


def alive(pids: set[int]) -> set[int]:
    return {p for p in pids if (ps := ppid_and_state(p)) is not None and ps[1] != "Z"}


def campaign(tmp_path: Path) -> Path:
    return make_workbook(tmp_path / "活动" / "活动.xlsx", minimal_sheets()).parent


def test_the_helper_process_ends_with_a_killed_build(tmp_path):
    proc = start_build(tmp_path, STOP_READING, campaign(tmp_path), tmp_path / "out")
    try:
        wait_for(proc, "READING")
        deadline = time.monotonic() + 60
        while not (helpers := descendants(proc.pid)) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert helpers, "the build started no helper process"
        time.sleep(1)                       # the helper has imported hongtou and waits for work
        helpers = descendants(proc.pid)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 30
    while alive(helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = alive(helpers)
    for pid in left:                        # do not leave them to the next test
        os.kill(pid, signal.SIGKILL)
    assert left == set(), "helper processes outlived the killed build"


def test_the_next_build_removes_what_a_killed_build_was_writing(tmp_path, monkeypatch):
    data, out = campaign(tmp_path), tmp_path / "out"
    proc = start_build(tmp_path, STOP_WRITING, data, out)
    try:
        wait_for(proc, "STAGED")
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    temporaries = sorted(p.name for p in out.rglob(".~*"))
    assert len(temporaries) == 3 and all(n.startswith(f".~ht{proc.pid}_") for n in temporaries)
    assert not [p for p in out.rglob("*.docx")]        # nothing was swapped in

    from click.testing import CliRunner

    from hongtou.cli import main

    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
    result = CliRunner().invoke(main, ["build", str(data), "-o", str(out), "--today", "2022-04-20"])
    assert result.exit_code == 0, result.output
    assert list(out.rglob(".~*")) == []
    assert (out / "通知.docx").is_file()


def test_only_our_leftovers_of_ended_processes_go(tmp_path):
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait()
    running = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        names = [f".~ht{ended.pid}_abcdefgh.tmp", f".~ht{ended.pid}_abcdefgh.tmp.old",
                 f".~ht{running.pid}_abcdefgh.tmp", f".~ht{os.getpid()}_abcdefgh.tmp",
                 ".~abcdefgh.tmp", "~$通知.docx", ".~lock.通知.docx#", f".~ht{ended.pid}_x.tmp"]
        (tmp_path / "督办").mkdir()
        for name in names:
            (tmp_path / "督办" / name).write_bytes(b"x")
        assert sorted(remove_leftovers(tmp_path)) == sorted(f"督办/{n}" for n in names[:2])
        assert sorted(p.name for p in (tmp_path / "督办").iterdir()) == sorted(names[2:])
    finally:
        running.kill()
        running.wait()
