"""A second process for the per-department outputs, when the campaign is big enough to pay
for one.

A thousand 督办 notices and a thousand 分发 workbooks are independent of the two ledgers, so
on a machine with two cores one process renders them while the other renders the ledgers.
The helper is a `concurrent.futures` pool of one worker started with *spawn* (the only start
method Windows has, used everywhere so every platform behaves alike). Spawning and importing
hongtou takes a few tenths of a second, so it is started before the campaign is read — when
the input looks large — and its start-up overlaps the reading. A small campaign (the bundled
example) never starts one.

If the worker cannot be started or dies, the outputs are rendered in this process instead:
the result is the same bytes either way, only slower. As with any spawn-based code, a script
that calls `hongtou.build.build` must do so under `if __name__ == "__main__":` (pipeline.py
and `python -m hongtou` do), or the worker would run the script again when it starts.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable

MIN_ISSUES = 3000          # below this, rendering here is faster than handing work over
MIN_INPUT_BYTES = 300_000  # a campaign workbook this large is likely to reach MIN_ISSUES


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows, macOS
        return os.cpu_count() or 1


def _worker_start(warm: str) -> None:
    """In the worker, once: a watch on the parent (killed, it takes its helper with it), no
    cyclic garbage collection (the process lives for one build, and with a whole campaign
    just unpickled every collection would walk it again), and the imports of `warm` (the
    module whose functions it will run) done while the main process is still reading."""
    _exit_with_parent()
    gc.disable()
    importlib.import_module(warm)


def _exit_with_parent() -> None:
    """End this process as soon as its parent is gone (`kill -9` of a build, a closed
    console): a thread waits on the parent's sentinel, which spawn gives every child on
    every platform (a pipe that closes, a process handle that signals)."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()          # returns when the parent has ended
        os._exit(1)

    threading.Thread(target=watch, name="hongtou-parent-watch", daemon=True).start()


def _ready() -> None:
    pass


class Helper:
    """At most one worker process; `submit` runs a function there, `result` collects it,
    falling back to running it here."""

    def __init__(self, pool: ProcessPoolExecutor | None):
        self._pool = pool

    @classmethod
    def none(cls) -> "Helper":
        return cls(None)

    @classmethod
    def for_input(cls, data: Path, warm: str) -> "Helper":
        """A started helper if the input is large and there is a second core to use; it
        imports the module `warm` as it starts."""
        if cores() < 2 or _input_bytes(data) < MIN_INPUT_BYTES:
            return cls.none()
        if multiprocessing.parent_process() is not None:
            return cls.none()  # a worker, or a script re-run by spawn without a main guard
        return cls.start(warm)

    @classmethod
    def start(cls, warm: str) -> "Helper":
        try:
            pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_worker_start, initargs=(warm,))
            pool.submit(_ready)  # starts the worker now
        except (OSError, RuntimeError):  # no processes allowed here: work in this one
            return cls.none()
        return cls(pool)

    @property
    def running(self) -> bool:
        return self._pool is not None

    def submit(self, fn: Callable, *args) -> "Job":
        if self._pool is not None:
            try:
                return Job(fn, args, self._pool.submit(fn, *args))
            except (BrokenProcessPool, RuntimeError, OSError):
                self.close()
        return Job(fn, args, None)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class Job:
    def __init__(self, fn: Callable, args: tuple, future: Future | None):
        self.fn, self.args, self.future = fn, args, future

    def result(self):
        """The function's result from the worker, or computed here if there is no worker
        or it broke. Exceptions the function raised (bad template …) are raised here."""
        if self.future is not None:
            try:
                return self.future.result()
            except BrokenProcessPool:
                pass
        return self.fn(*self.args)


def _input_bytes(data: Path) -> int:
    try:
        if data.is_file():
            return data.stat().st_size
        from .read.tables import WORKBOOK_SUFFIXES

        return max((p.stat().st_size for p in data.iterdir()
                    if p.suffix.lower() in WORKBOOK_SUFFIXES), default=0)
    except OSError:
        return 0


@contextmanager
def frozen_heap():
    """Keep the objects alive now (a 100,000-issue campaign: millions) out of every garbage
    collection until the block ends: each full collection would walk them all again while
    the outputs are rendered (≈15 % of the rendering time at 100k issues)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def timed(stages: dict, label: str, fn: Callable, *args):
    """Run `fn(*args)` and record its wall and CPU seconds under `label`."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    stages[label] = (time.perf_counter() - wall, time.process_time() - cpu)
    return result
