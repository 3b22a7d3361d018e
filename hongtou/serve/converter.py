"""Page previews: LibreOffice kept warm while the server runs, and PDF pages as PNG.

A cold `soffice --convert-to` spends seconds starting before it converts in milliseconds. So the
server starts LibreOffice ahead of need: idle instances (headless, `--accept` so they stay up),
each on a profile of its own. A `--convert-to` call with the same profile is handed to that
running instance, which converts at once — and then quits, so a new one is started in the
background for the next call. When none is ready (the first seconds, or right after two calls)
the files go to a plain `--convert-to` run on another profile that is kept between runs, which
at least skips building a fresh profile. One conversion runs at a time.

Files are copied under ASCII names first (as `hongtou.pdf.convert` does), so names with spaces
or Chinese never reach the command line. Nothing here raises when LibreOffice is missing or
fails: the files without a PDF are simply left out, and `note` says why.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import threading
import time
from pathlib import Path

from .library import find_soffice, no_window, timeout_for

PREVIEW_DPI = 72     # an A4 page is 595 × 842 pixels: readable on screen, quick to draw
READY_WAIT = 20.0    # seconds a new idle instance may take to come up before it is given work


class _Idle:
    """One idle LibreOffice: its profile, its `--accept` pipe and its process."""

    def __init__(self, converter: "Converter", profile: str):
        self.converter = converter
        self.profile = profile
        self.pipe = f"hongtou_serve_{os.getpid()}_{id(converter)}_{profile}"
        self.proc: subprocess.Popen | None = None
        self.started = 0.0

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def start(self) -> None:
        if self.alive():
            return
        c = self.converter
        self.proc = subprocess.Popen(
            [c.soffice, c.profile(self.profile), "--headless", "--norestore", "--nologo",
             "--nodefault", f"--accept=pipe,name={self.pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=hasattr(os, "killpg"), **no_window())
        self.started = time.monotonic()

    def ready(self) -> bool:
        """Up and accepting: its `--accept` pipe exists (where pipes are files), or it has had
        READY_WAIT seconds (elsewhere)."""
        if not self.alive():
            return False
        if hasattr(os, "getuid"):   # LibreOffice's pipes are sockets in /tmp (else /var/tmp)
            name = f"OSL_PIPE_{os.getuid()}_{self.pipe}"
            return any((Path(d) / name).exists() for d in ("/tmp", "/var/tmp"))
        return time.monotonic() - self.started > READY_WAIT

    def convert(self, files: list[Path], outdir: Path) -> None:
        """Hand `files` to this instance; it converts them and quits."""
        proc = self.proc
        try:
            if self.converter.run(self.profile, files, outdir):
                proc.wait(timeout_for(len(files)))
                return
        except (subprocess.TimeoutExpired, OSError):
            pass
        self.stop()

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        # its own process group: the launcher and the soffice.bin it started, together
        stop = (lambda sig: os.killpg(proc.pid, sig)) if hasattr(os, "killpg") else \
            (lambda sig: proc.terminate() if sig == signal.SIGTERM else proc.kill())
        try:
            stop(signal.SIGTERM)
            proc.wait(10)
        except subprocess.TimeoutExpired:
            stop(getattr(signal, "SIGKILL", signal.SIGTERM))
        except OSError:
            pass


class Converter:
    """`idle` instances are kept ready (two: 通知 goes to one, the other outputs to the next
    while the first restarts); none with `idle=0`, every call then a cold start."""

    def __init__(self, root: Path, idle: int = 2):
        self.root = root
        self.soffice = find_soffice()
        self.note = "" if self.soffice else "未找到 LibreOffice，无法显示页面预览（文件已生成，可下载后用 Word/WPS 查看）"
        self._lock = threading.Lock()
        self._slots = [_Idle(self, f"idle{i}") for i in range(1, int(idle) + 1)] \
            if self.soffice else []
        self._closed = False
        self._runs = 0
        root.mkdir(parents=True, exist_ok=True)

    def profile(self, name: str) -> str:
        return f"-env:UserInstallation={(self.root / name).resolve().as_uri()}"

    def command(self, profile: str, files: list[Path], outdir: Path) -> list[str]:
        return [self.soffice, self.profile(profile), "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]

    # -- the idle instances ------------------------------------------------------------------

    def start(self) -> None:
        """Start the idle instances (in the background; returns at once)."""
        if self._slots and not self._closed:
            threading.Thread(target=self._prime, daemon=True).start()

    def _prime(self) -> None:
        with self._lock:
            self._restart()

    def _restart(self) -> None:
        if not self._closed:
            for slot in self._slots:
                slot.start()

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Block until every idle instance accepts work (for benchmarks and tests)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._slots and all(s.ready() for s in self._slots):
                return True
            if not self._slots:
                return False
            time.sleep(0.1)
        return False

    def close(self) -> None:
        self._closed = True
        with self._lock:         # not while a conversion is handing work to one
            for slot in self._slots:
                slot.stop()

    # -- converting ----------------------------------------------------------------------------

    def to_pdf(self, files: list[Path]) -> dict[Path, Path]:
        """PDFs of `files` (in a fresh folder under the converter's root): source → PDF."""
        if not files or not self.soffice:
            return {}
        with self._lock:
            self._runs += 1
            work = self.root / f"run{self._runs}"
            work.mkdir()
            copies = {f: work / f"{i:05d}{f.suffix.lower()}" for i, f in enumerate(files)}
            for f, c in copies.items():
                shutil.copyfile(f, c)
            slot = next((s for s in self._slots if s.ready()), None)
            if slot is not None:
                slot.convert(list(copies.values()), work)
            missing = [c for c in copies.values() if not _done(c)]
            if missing:   # no idle instance was ready, or it failed: a cold start
                self.run("direct", missing, work)
            self._restart()
        return {f: c.with_suffix(".pdf") for f, c in copies.items() if _done(c)}

    def run(self, profile: str, files: list[Path], outdir: Path) -> bool:
        """One `--convert-to` call on `profile`; False when it timed out or did not start."""
        try:
            subprocess.run(self.command(profile, files, outdir), capture_output=True,
                           timeout=timeout_for(len(files)), check=False, **no_window())
        except (subprocess.TimeoutExpired, OSError):
            return False
        return True


def _done(copy: Path) -> bool:
    pdf = copy.with_suffix(".pdf")
    return pdf.is_file() and pdf.stat().st_size > 0


def page_pngs(pdf: Path, folder: Path, dpi: int = PREVIEW_DPI) -> list[Path]:
    """Every page of `pdf` as `folder/1.png`, `2.png` …"""
    import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    out = []
    with pymupdf.open(pdf) as doc:
        for i, page in enumerate(doc, 1):
            target = folder / f"{i}.png"
            page.get_pixmap(dpi=dpi).save(target)
            out.append(target)
    return out
