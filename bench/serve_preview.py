"""The workbench's 生成 → first preview: seconds from pressing 生成 to the PNG of 通知 page 1
arriving in the browser, with LibreOffice kept warm, for a first and a second build; and the
same with one idle instance and with none (every conversion a cold `soffice --convert-to` on
a kept profile) for comparison. Also the time until every output's previews are drawn.

    python bench/serve_preview.py [--runs 3] [DATA]

It drives a real server (127.0.0.1, the token, the cookie) over HTTP as the page's script
does: POST /build, poll /api/build every 50 ms, GET the first PNG.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hongtou.serve.app import HEADER, Workbench, listen  # noqa: E402
from hongtou.serve.converter import Converter  # noqa: E402


def one_build(opener, base: str, token: str) -> tuple[float, float]:
    """(seconds to 通知 page 1 in hand, seconds until every preview is drawn)."""
    start = time.perf_counter()
    req = urllib.request.Request(base + "/build", data=b"", method="POST",
                                 headers={HEADER: token, "Accept": "application/json"})
    opener.open(req).read()
    first = None
    while True:
        job = json.loads(opener.open(base + "/api/build").read())
        if first is None:
            notice = next((f for f in job.get("files", []) if f["name"] == "通知.docx"), None)
            if notice and notice["preview"]:
                png = opener.open(base + notice["preview"][0]).read()
                assert png[:4] == b"\x89PNG"
                first = time.perf_counter() - start
        if job["state"] in ("完成", "失败"):
            assert job["state"] == "完成", job
            return first, time.perf_counter() - start
        time.sleep(0.05)


def measure(data: Path, idle: int, runs: int) -> list[tuple[float, float]]:
    tmp = Path(tempfile.mkdtemp(prefix="hongtou-bench-serve-"))
    shutil.copytree(data, tmp / "data")
    conv = Converter(tmp / "lo", idle=idle)
    bench = Workbench(tmp / "data", tmp / "out", [ROOT / "templates"], conv, scratch=tmp / "s")
    conv.start()
    server, url = listen(bench)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    opener.open(url).read()
    base = url.split("/?")[0]
    results = []
    try:
        if not idle:   # warm the kept profile once, as a server that has converted before
            one_build(opener, base, bench.token)
        for _ in range(runs):
            if idle:
                conv.wait_ready(120)   # the secretary reads the pages before building again
            results.append(one_build(opener, base, bench.token))
    finally:
        server.shutdown()
        bench.close()
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", nargs="?", type=Path, default=ROOT / "data")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    print("| LibreOffice | build | 通知 page 1 (s) | every preview (s) |")
    print("|---|---|---|---|")
    for idle, name in ((2, "two idle instances"), (1, "one idle instance"),
                       (0, "cold start each call")):
        rows = measure(args.data, idle, args.runs)
        for i, (first, done) in enumerate(rows, 1):
            print(f"| {name} | {'1st' if i == 1 else f'{i}th' if i > 3 else '2nd' if i == 2 else '3rd'} "
                  f"| {first:.2f} | {done:.2f} |")
        print(f"| {name} | median | {statistics.median(r[0] for r in rows):.2f} "
              f"| {statistics.median(r[1] for r in rows):.2f} |")


if __name__ == "__main__":
    main()
