"""Page previews: LibreOffice kept warm while the server runs, and PDF pages as PNG.

A cold `soffice --convert-to` spends seconds starting before it converts in milliseconds. So the
server starts LibreOffice ahead of need: an idle instance (headless, `--accept` so it stays up)
on a profile of its own. A `--convert-to` call with the same profile is handed to that running
instance, which converts at once — and then quits, so a new idle instance is started in the
background for the next call. When none is ready (the first seconds, or right after a call)
the files go to a plain `--convert-to` run on a second profile that is kept between runs, which
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


class Converter:
    def __init__(self, root: Path, idle: bool = True):
        self.root = root
        self.soffice = find_soffice()
        self.note = "" if self.soffice else "未找到 LibreOffice，无法显示页面预览（文件已生成，可下载后用 Word/WPS 查看）"
        self._lock = threading.Lock()
        self._idle: subprocess.Popen | None = None
        self._idle_started = 0.0
        self._pipe = f"hongtou_serve_{os.getpid()}_{id(self)}"
        self._use_idle = idle
        self._closed = False
        self._runs = 0
        root.mkdir(parents=True, exist_ok=True)

    # -- the idle instance -------------------------------------------------------------------

    def _profile(self, name: str) -> str:
        return f"-env:UserInstallation={(self.root / name).resolve().as_uri()}"

    def start(self) -> None:
        """Start the idle instance (in the background; returns at once)."""
        if self.soffice and self._use_idle and not self._closed:
            threading.Thread(target=self._prime, daemon=True).start()

    def _prime(self) -> None:
        with self._lock:
            self._start_idle()

    def _start_idle(self) -> None:
        if self._closed or (self._idle is not None and self._idle.poll() is None):
            return
        self._idle = subprocess.Popen(
            [self.soffice, self._profile("idle"), "--headless", "--norestore", "--nologo",
             "--nodefault", f"--accept=pipe,name={self._pipe};urp;"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=hasattr(os, "killpg"), **no_window())
        self._idle_started = time.monotonic()

    def _idle_ready(self) -> bool:
        """Whether the idle instance is up and accepting: its `--accept` pipe exists (where
        pipes are files), or it has had READY_WAIT seconds (elsewhere)."""
        if self._idle is None or self._idle.poll() is not None:
            return False
        if hasattr(os, "getuid"):   # LibreOffice's pipes are sockets in /tmp (else /var/tmp)
            name = f"OSL_PIPE_{os.getuid()}_{self._pipe}"
            return any((Path(d) / name).exists() for d in ("/tmp", "/var/tmp"))
        return time.monotonic() - self._idle_started > READY_WAIT

    def wait_ready(self, timeout: float = 60.0) -> bool:
        """Block until the idle instance accepts work (for benchmarks and tests)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self._idle_ready():
                return True
            if not self.soffice or not self._use_idle:
                return False
            time.sleep(0.1)
        return False

    def close(self) -> None:
        self._closed = True
        with self._lock:         # not while a conversion is handing work to it
            idle, self._idle = self._idle, None
        if idle is None or idle.poll() is not None:
            return
        # its own process group: the launcher and the soffice.bin it started, together
        stop = (lambda sig: os.killpg(idle.pid, sig)) if hasattr(os, "killpg") else \
            (lambda sig: idle.terminate() if sig == signal.SIGTERM else idle.kill())
        try:
            stop(signal.SIGTERM)
            idle.wait(10)
        except subprocess.TimeoutExpired:
            stop(getattr(signal, "SIGKILL", signal.SIGTERM))
        except OSError:
            pass

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
            if self._idle_ready():
                self._run_on_idle(list(copies.values()), work)
            else:
                self._run("direct", list(copies.values()), work)
            missing = [c for c in copies.values() if not _done(c)]
            if missing:   # the idle instance failed: once more, on its own
                self._run("direct", missing, work)
            if self._use_idle:
                self._start_idle()
        return {f: c.with_suffix(".pdf") for f, c in copies.items() if _done(c)}

    def _command(self, profile: str, files: list[Path], outdir: Path) -> list[str]:
        return [self.soffice, self._profile(profile), "--headless", "--norestore",
                "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]

    def _run_on_idle(self, files: list[Path], outdir: Path) -> None:
        idle, self._idle = self._idle, None
        try:
            subprocess.run(self._command("idle", files, outdir), capture_output=True,
                           timeout=timeout_for(len(files)), check=False, **no_window())
            idle.wait(timeout_for(len(files)))   # it quits when the conversion is done
        except (subprocess.TimeoutExpired, OSError):
            idle.kill()
            idle.wait()

    def _run(self, profile: str, files: list[Path], outdir: Path) -> None:
        try:
            subprocess.run(self._command(profile, files, outdir), capture_output=True,
                           timeout=timeout_for(len(files)), check=False, **no_window())
        except (subprocess.TimeoutExpired, OSError):
            pass


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
