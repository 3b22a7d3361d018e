"""`python pipeline.py serve`: the first line is the address with the token; it listens on
127.0.0.1 and nowhere else; the warm converter hands work to its idle LibreOffice."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("flask")

ROOT = Path(__file__).resolve().parents[2]


def _listeners(port: int) -> list[str]:
    """The local addresses of the sockets listening on `port`, read from /proc/net (no packet
    is sent anywhere): '127.0.0.1', '0.0.0.0', or an IPv6 address in hex."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:              # 0A: LISTEN
                found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1])
                             if len(address) == 8 else address)
    return found


@pytest.fixture
def server(tmp_path):
    proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", str(ROOT / "data"),
                             "-o", str(tmp_path / "out"), "--no-open"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield proc, proc.stdout.readline().strip()
    finally:
        proc.terminate()
        proc.wait(30)


def _status(url: str) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    try:
        with opener.open(url, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def it_prints_the_tokened_address_first_and_guards_it(server):
    proc, line = server
    m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([\w-]{20,})", line)
    assert m, line
    port = int(m.group(1))
    assert _status(f"http://127.0.0.1:{port}/") == 403
    assert _status(f"http://127.0.0.1:{port}/?token=wrong") == 403
    assert _status(line) == 200                      # after the redirect to the cookie
    # reachable on the loopback address only: its one listening socket is bound to 127.0.0.1
    if Path("/proc/net/tcp").exists():
        assert _listeners(port) == ["127.0.0.1"]


def _idle_office(server_pid: int) -> list[int]:
    """Processes of the idle LibreOffice the server with this pid started."""
    mark = f"hongtou_serve_{server_pid}_".encode()
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if mark in cmdline.read_bytes():
                found.append(int(cmdline.parent.name))
        except OSError:
            pass
    return found


def it_ends_its_libreoffice_when_terminated(server):
    from tests.helpers import need_render
    need_render()
    if not Path("/proc/self/cmdline").exists():
        pytest.skip("no /proc to look for processes in")
    proc, _ = server
    for _ in range(600):
        if _idle_office(proc.pid):
            break
        time.sleep(0.1)
    assert _idle_office(proc.pid), "the idle LibreOffice did not start"
    proc.terminate()
    assert proc.wait(30) == 0
    assert "工作台已关闭" in proc.stdout.read()
    for _ in range(300):                 # a loaded machine may take a while to end it
        if not _idle_office(proc.pid):
            break
        time.sleep(0.1)
    assert _idle_office(proc.pid) == []


def it_stops_cleanly_when_terminated_right_after_printing_its_address(tmp_path):
    """A SIGTERM that arrives while the second line is still being printed (a loaded machine,
    a window closed at once) ends the server like Ctrl+C, not with click's 「Aborted!」 and exit
    1, which it did 3 times in 6 before the whole serving window was inside the handler."""
    for i in range(5):
        proc = subprocess.Popen([sys.executable, str(ROOT / "pipeline.py"), "serve", "--no-open",
                                 str(ROOT / "data"), "-o", str(tmp_path / f"out{i}")], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        assert proc.stdout.readline().startswith("http://127.0.0.1:")
        proc.terminate()
        assert proc.wait(30) == 0, proc.stderr.read()
        assert "工作台已关闭" in proc.stdout.read()


def it_says_in_chinese_when_the_port_is_taken(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        r = subprocess.run([sys.executable, str(ROOT / "pipeline.py"), "serve", "--no-open",
                            "--port", str(port), "-o", str(tmp_path)], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert f"无法在端口 {port} 启动工作台" in r.stderr and "Traceback" not in r.stderr


def it_converts_through_the_idle_libreoffice(tmp_path):
    from tests.helpers import need_render
    need_render()
    import pymupdf

    from hongtou.build import build
    from hongtou.serve.converter import Converter, page_pngs

    build(ROOT / "data", tmp_path / "out", None, template_dirs=[ROOT / "templates"])
    conv = Converter(tmp_path / "lo")
    conv.start()
    out = tmp_path / "out"
    try:
        assert conv.wait_ready(120)
        first, second = (s.proc for s in conv._slots)
        pdfs = conv.to_pdf([out / "通知.docx"])
        assert first.poll() is not None          # the idle instance did the work and quit
        with pymupdf.open(pdfs[out / "通知.docx"]) as doc:
            assert "中共六安市总工会党组文件" in doc[0].get_text()
        assert conv._slots[0].proc not in (None, first)   # a new one is on its way
        # the next call goes to the other one, still waiting
        more = conv.to_pdf([out / "日程安排表.docx", out / "整改台账.xlsx"])
        assert second.poll() is not None and len(more) == 2
        pngs = page_pngs(more[out / "整改台账.xlsx"], tmp_path / "png")
        assert pngs and pngs[0].read_bytes()[:4] == b"\x89PNG"
        # and a third, on a restarted instance or cold, whichever is ready
        assert len(conv.to_pdf([out / "进展通报.docx"])) == 1
    finally:
        conv.close()


def it_says_what_to_install_when_flask_is_missing():
    r = subprocess.run([sys.executable, "-c",
                        "import sys; sys.modules['flask'] = None\n"
                        "from hongtou.cli import main; main(['serve', '--no-open'])"],
                       cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert r.returncode == 2
    assert 'pip install "hongtou[serve]"' in r.stderr and "Traceback" not in r.stderr
    assert r.stdout == ""
