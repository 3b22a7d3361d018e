"""Time hongtou's build, stage by stage, against a naive docxtpl build of the same outputs.

    python bench/run.py                                  # 1k, 5k, 20k, 100k issues
    python bench/run.py --sizes 1000,20000 --no-reference
    python bench/run.py --profile 20000                  # cProfile one build → bench/results/

For every size the campaign comes from `bench/generate.py` (cached under bench/.cache/),
with departments = issues/20 and persons = issues/4, at most 1,000 and 5,000 — so the 20k
size is exactly the issue's 20,000 / 1,000 / 5,000, and 100k keeps 1,000 / 5,000.

Each measurement runs in a fresh interpreter, so peak RSS (`VmHWM`) belongs to that size
and that path alone:

* fast: `hongtou.build.build(data, out)` as `pipeline.py build` calls it, helper process
  included (hongtou/parallel.py: for a large campaign 督办 and 分发 are rendered in a second
  process while this one renders the ledgers). Stages come from `Outputs.stages`, each timed
  in the process that ran it (older revisions: by wrapping the functions `build` calls);
  "other" is what is left of the main process's time (finding templates, waiting for the
  helper, the summary). The CPU total adds the helper's CPU (`RUSAGE_CHILDREN`). After the
  timed build, the same process measures the marginal cost of one reminder, the split of
  整改台账.docx into context and template render, and the floor: deflating the same parts
  at the same level (each distinct part once) and writing the same bytes.
* reference: the same read and assess, then every Word document made the way a docxtpl
  user would: `DocxTemplate(templates/X.docx).render(context, autoescape=True)` with the
  template file loaded anew for each document, from the same `hongtou.docs.<module>.context(...)`
  dicts; and the workbooks with plain openpyxl (`hongtou.excel.reference`), written by
  openpyxl's own writer; the same write code. All in one process.

The two output folders are then compared: the paragraph texts of every document.xml and
the cell values of every sheet of every .xlsx (formulas as their text) must be equal. The
bundled example is timed as a user runs it, `python pipeline.py build data -o <tmp> -q`,
wall clock including interpreter start, best of 5.

Results: a Markdown table on stdout and in bench/results/latest.md (raw numbers in
latest.json).
"""

from __future__ import annotations

import argparse
import io
import hashlib
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

RESULTS = HERE / "results"
OUT = HERE / ".cache" / "out"
SNAPSHOTS = HERE / ".cache" / "src"
SRC = ROOT         # the tree whose hongtou is measured (a snapshot, see `snapshot`)
TEMPLATES = SRC / "templates"


def use_source(src: Path) -> None:
    global SRC, TEMPLATES
    SRC, TEMPLATES = src, src / "templates"
    sys.path.insert(0, str(src))


def snapshot(rev: str | None) -> tuple[Path, str]:
    """A frozen copy of the code to measure, so edits made while the benchmark runs cannot
    mix two versions into one table: `git archive REV` (read-only), or with no REV a copy of
    the working tree. Returns the folder and a description."""
    SNAPSHOTS.mkdir(parents=True, exist_ok=True)
    dest = Path(tempfile.mkdtemp(prefix="src-", dir=SNAPSHOTS))
    paths = ["hongtou", "templates", "pipeline.py", "data"]
    if rev:
        commit = subprocess.run(["git", "rev-parse", "--short", rev], cwd=ROOT, check=True,
                                capture_output=True, text=True).stdout.strip()
        archive = subprocess.run(["git", "archive", "--format=tar", commit, *paths], cwd=ROOT,
                                 check=True, capture_output=True).stdout
        import tarfile
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        return dest, f"commit {commit}"
    for p in paths:
        src = ROOT / p
        if src.is_dir():
            shutil.copytree(src, dest / p, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(src, dest / p)
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT,
                          capture_output=True, text=True).stdout.strip()
    return dest, f"working tree (HEAD {head} plus uncommitted changes)"
STAGES = ["read", "assess", "通知", "日程安排表", "整改台账.docx", "进展通报", "整改台账.xlsx",
          "督办", "分发", "write", "other"]
DOC_STAGES = ["通知", "日程安排表", "整改台账.docx", "进展通报", "督办"]
# Outputs.stages labels (hongtou.build) → the table's
BUILD_STAGES = {"read": "read", "assess": "assess", "通知.docx": "通知", "日程安排表.docx": "日程安排表",
                "整改台账.docx": "整改台账.docx", "进展通报.docx": "进展通报",
                "整改台账.xlsx": "整改台账.xlsx", "督办": "督办", "分发": "分发", "write": "write"}


def _rss_mb() -> float:
    """Peak RSS of this process. VmHWM belongs to this process's own memory map; ru_maxrss
    on Linux also carries the parent's high-water mark across fork+exec, which would make a
    small run inherit the parent's size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# -- child: the fast path --------------------------------------------------------------------


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def child_fast(data: Path, out: Path) -> dict:
    t0 = time.perf_counter()
    import hongtou.build as B
    from hongtou.docs import ledger, notice, reminder, report, schedule
    from hongtou.docs.template import TemplateSet
    from hongtou.docs.skeletons import LEDGER, REMINDER
    imports = time.perf_counter() - t0
    rss_imports = _rss_mb()

    timings: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    counts: dict[str, int] = {}

    def wrap(owner, attr: str, label: str, count=None) -> None:
        original = getattr(owner, attr, None)
        if original is None:
            print(f"warning: {owner.__name__}.{attr} not found; its time is in 'other'",
                  file=sys.stderr)
            return

        def timed(*args, **kwargs):
            start, cpu = time.perf_counter(), time.process_time()
            try:
                result = original(*args, **kwargs)
            finally:
                timings[label] = timings.get(label, 0.0) + time.perf_counter() - start
                cpu_times[label] = cpu_times.get(label, 0.0) + time.process_time() - cpu
            if count:
                counts[label] = count(result)
            return result
        setattr(owner, attr, timed)

    if not hasattr(B, "department_outputs"):  # an older revision: time it from outside
        wrap(B, "read_campaign", "read")
        wrap(B, "assess", "assess")
        wrap(notice, "render", "通知")
        wrap(schedule, "render", "日程安排表")
        wrap(ledger, "render", "整改台账.docx")
        wrap(report, "render", "进展通报")
        wrap(B, "ledger_workbook", "整改台账.xlsx")
        wrap(reminder, "render", "督办", count=len)
        wrap(B, "department_workbooks", "分发", count=len)
        wrap(B, "write_outputs", "write")

    if out.exists():
        shutil.rmtree(out)
    load = os.getloadavg()[0]
    start, cpu, helper_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    outputs, _report = B.build(data, out, None, template_dirs=[TEMPLATES])
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    helper_cpu = _children_cpu() - helper_cpu
    peak = _rss_mb()
    helper_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    load = max(load, os.getloadavg()[0])
    c, a = outputs.campaign, outputs.assessment
    built = getattr(outputs, "stages", {})
    in_helper = "waiting for the helper" in built
    for label, (wall, cpu_s) in built.items():
        if label in BUILD_STAGES:
            timings[BUILD_STAGES[label]] = wall
            cpu_times[BUILD_STAGES[label]] = cpu_s
    if built:
        counts["督办"] = len(reminder.late_items(c, a))
        counts["分发"] = len({i.department for i in c.issues})
    # stages run in the helper overlap the main process's: "other" is what is left of the
    # main process's time (waiting for the helper included)
    main_stages = [k for k in timings if not (in_helper and k in ("督办", "分发"))]
    timings["other"] = total - sum(timings[k] for k in main_stages)
    cpu_times["other"] = total_cpu - sum(cpu_times[k] for k in main_stages)

    extra: dict[str, float] = {}

    # one reminder more: context + render, per department (template already prepared)
    tpl = TemplateSet([TEMPLATES]).get(REMINDER)
    start = time.perf_counter()
    late = reminder.late_items(c, a)
    extra["reminder_late_items_s"] = time.perf_counter() - start
    ctx_t, render_t = [], []
    common = reminder.shared(c, a) if hasattr(reminder, "shared") else None
    for dept, items in late.items():  # CPU time: the machine may be shared
        t1 = time.process_time()
        ctx = (reminder.context(c, a, dept, items, common) if common is not None
               else reminder.context(c, a, dept, items))
        t2 = time.process_time()
        tpl.render(ctx)
        t3 = time.process_time()
        ctx_t.append(t2 - t1)
        render_t.append(t3 - t2)
    if ctx_t:
        both = [x + y for x, y in zip(ctx_t, render_t)]
        extra["reminder_each_median_ms"] = statistics.median(both) * 1000
        extra["reminder_each_mean_ms"] = statistics.mean(both) * 1000
        extra["reminder_context_mean_ms"] = statistics.mean(ctx_t) * 1000
        extra["reminder_render_mean_ms"] = statistics.mean(render_t) * 1000

    # 整改台账.docx: building the table (context) vs one Jinja render + zip
    ltpl = TemplateSet([TEMPLATES]).get(LEDGER)
    t1 = time.process_time()
    ctx = ledger.context(c, a)
    t2 = time.process_time()
    ltpl.render(ctx)
    t3 = time.process_time()
    extra["ledger_docx_context_s"] = t2 - t1
    extra["ledger_docx_render_s"] = t3 - t2

    # The floor: deflating the same parts at the same level (each distinct part once: the
    # parts a thousand files share need deflating only once), the same bytes written.
    files = outputs.files
    parts = {}
    for name, blob in files.items():
        with zipfile.ZipFile(io.BytesIO(blob)) as zf:
            parts[name] = [(i.filename, zf.read(i)) for i in zf.infolist()]
    floor_zip: dict[str, float] = {}
    seen: set[bytes] = set()
    for name, members in parts.items():
        t1 = time.process_time()
        for member, blob in members:
            key = hashlib.sha1(blob).digest()
            if key not in seen:
                seen.add(key)
                deflate = zlib.compressobj(6, zlib.DEFLATED, -15)
                deflate.compress(blob)
                deflate.flush()
                zlib.crc32(blob)
        floor_zip[name] = time.process_time() - t1
    floor_dir = Path(tempfile.mkdtemp(prefix="floor-", dir=OUT))
    t1 = time.perf_counter()
    for i, blob in enumerate(files.values()):
        (floor_dir / f"{i}.bin").write_bytes(blob)
    floor_write = time.perf_counter() - t1
    shutil.rmtree(floor_dir)
    extra["floor_zip_s"] = sum(floor_zip.values())
    extra["floor_write_s"] = floor_write
    extra["floor_ledger_docx_s"] = floor_zip.get(B.LEDGER_DOCX, 0.0)
    extra["floor_ledger_xlsx_s"] = floor_zip.get(B.LEDGER_XLSX, 0.0)
    extra["ledger_docx_xml_mb"] = sum(len(b) for n, b in parts.get(B.LEDGER_DOCX, [])
                                      if n == "word/document.xml") / 1e6
    extra["output_mb"] = sum(len(b) for b in files.values()) / 1e6
    extra["files"] = len(files)

    import hongtou
    return {"path": "fast", "hongtou": hongtou.__file__, "imports_s": imports, "rss_imports_mb": rss_imports,
            "total_s": total, "total_cpu_s": total_cpu + helper_cpu, "main_cpu_s": total_cpu,
            "helper_cpu_s": helper_cpu, "helper_peak_rss_mb": helper_peak if helper_cpu else 0.0,
            "in_helper": in_helper, "load": load, "peak_rss_mb": peak,
            "stages": timings, "cpu": cpu_times, "counts": counts,
            "extra": extra, "issues": len(c.issues), "departments": len({i.department for i in c.issues}),
            "persons": len(c.persons)}


# -- child: the reference path ---------------------------------------------------------------


def child_reference(data: Path, out: Path) -> dict:
    t0 = time.perf_counter()
    from docxtpl import DocxTemplate
    import hongtou.build as B
    from hongtou.docs import ledger, notice, reminder, report, schedule
    from hongtou.docs.skeletons import LEDGER, NOTICE, REMINDER, REPORT, SCHEDULE
    try:  # plain openpyxl, where the fast writer keeps it
        from hongtou.excel.reference import department_workbooks, ledger_workbook
    except ImportError:
        from hongtou.excel import department_workbooks, ledger_workbook
    from hongtou.read import read_campaign
    from hongtou.rules.status import assess
    from hongtou.write import unique_names, write_outputs
    imports = time.perf_counter() - t0
    rss_imports = _rss_mb()

    def docx(name: str, context: dict) -> bytes:
        tpl = DocxTemplate(str(TEMPLATES / f"{name}.docx"))  # loaded anew, as a user would
        tpl.render(context, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        return buf.getvalue()

    timings: dict[str, float] = {}
    cpu_times: dict[str, float] = {}
    counts: dict[str, int] = {}
    if out.exists():
        shutil.rmtree(out)
    load = os.getloadavg()[0]
    start, cpu = time.perf_counter(), time.process_time()

    def stage(label, fn):
        t1, c1 = time.perf_counter(), time.process_time()
        result = fn()
        timings[label] = time.perf_counter() - t1
        cpu_times[label] = time.process_time() - c1
        return result

    c = stage("read", lambda: read_campaign(data))
    today = B.default_today(c)
    a = stage("assess", lambda: assess(c, today))
    files: dict[str, bytes] = {}
    files[B.NOTICE_FILE] = stage("通知", lambda: docx(NOTICE, notice.context(c)))
    files[B.SCHEDULE_FILE] = stage("日程安排表", lambda: docx(SCHEDULE, schedule.context(c)))
    files[B.LEDGER_DOCX] = stage("整改台账.docx", lambda: docx(LEDGER, ledger.context(c, a)))
    files[B.REPORT_FILE] = stage("进展通报", lambda: docx(REPORT, report.context(c, a)))
    files[B.LEDGER_XLSX] = stage("整改台账.xlsx", lambda: ledger_workbook(c, a))
    common = reminder.shared(c, a) if hasattr(reminder, "shared") else None
    extra = (common,) if common is not None else ()
    reminders = stage("督办", lambda: {d: docx(REMINDER, reminder.context(c, a, d, items, *extra))
                                     for d, items in reminder.late_items(c, a).items()})
    names = unique_names(list(reminders))
    for dept, blob in reminders.items():
        files[f"{B.REMINDER_DIR}/{names[dept]}.docx"] = blob
    splits = stage("分发", lambda: department_workbooks(c, a))
    names = unique_names(list(splits))
    for dept, blob in splits.items():
        files[f"{B.SPLIT_DIR}/{names[dept]}.xlsx"] = blob
    counts["督办"], counts["分发"] = len(reminders), len(splits)
    stage("write", lambda: write_outputs(out, files))
    total, total_cpu = time.perf_counter() - start, time.process_time() - cpu
    timings["other"] = total - sum(timings.values())
    cpu_times["other"] = total_cpu - sum(cpu_times.values())
    return {"path": "reference", "imports_s": imports, "rss_imports_mb": rss_imports,
            "total_s": total, "total_cpu_s": total_cpu, "load": max(load, os.getloadavg()[0]),
            "peak_rss_mb": _rss_mb(), "stages": timings, "cpu": cpu_times, "counts": counts}


def child_profile(data: Path, out: Path, dest: Path) -> dict:
    import cProfile
    import pstats
    import hongtou.build as B
    if out.exists():
        shutil.rmtree(out)
    prof = cProfile.Profile()
    start = time.perf_counter()
    prof.enable()
    B.build(data, out, None, template_dirs=[TEMPLATES])
    prof.disable()
    total = time.perf_counter() - start
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(dest, "w", encoding="utf-8") as fh:
        fh.write(f"# cProfile of hongtou.build.build on {data.name} ({total:.1f} s under the "
                 "profiler)\n\n## by own time (tottime)\n")
        pstats.Stats(prof, stream=fh).sort_stats("tottime").print_stats(40)
        fh.write("\n## by cumulative time\n")
        pstats.Stats(prof, stream=fh).sort_stats("cumulative").print_stats(60)
    prof.dump_stats(str(dest.with_suffix(".prof")))
    return {"path": "profile", "total_s": total, "file": str(dest)}


# -- comparing the two outputs ---------------------------------------------------------------


def _paragraph_texts(docx: Path) -> list[str]:
    from lxml import etree
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(docx) as zf:
        root = etree.fromstring(zf.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{ns}t")) for p in root.iter(f"{ns}p")]


def _sheet_values(xlsx: Path) -> dict[str, list]:
    """Every sheet's cell values as openpyxl reads them (formulas as their text)."""
    import openpyxl
    wb = openpyxl.load_workbook(xlsx, read_only=True)
    try:
        return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb.worksheets}
    finally:
        wb.close()


def compare(fast: Path, ref: Path) -> dict:
    """Paragraph texts of every .docx, cell values of every .xlsx; what differs."""
    result = {"docx": 0, "xlsx": 0, "mismatches": [], "missing": []}
    for path in sorted(fast.rglob("*")):
        if path.suffix not in (".docx", ".xlsx") or not path.is_file():
            continue
        rel = path.relative_to(fast)
        other = ref / rel
        if not other.is_file():
            result["missing"].append(str(rel))
            continue
        if path.suffix == ".xlsx":
            result["xlsx"] += 1
            a, b = _sheet_values(path), _sheet_values(other)
            if a != b:
                where = next((k for k in a if a[k] != b.get(k)), "sheets")
                result["mismatches"].append(f"{rel}: {where} differs")
            continue
        result["docx"] += 1
        a, b = _paragraph_texts(path), _paragraph_texts(other)
        if a != b:
            where = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
            result["mismatches"].append(
                f"{rel}: paragraph {where} of {len(a)}/{len(b)}: "
                f"{a[where][:40] if where < len(a) else '∅'!r} ≠ "
                f"{b[where][:40] if where < len(b) else '∅'!r}")
    return result


# -- the parent ------------------------------------------------------------------------------


def run_child(mode: str, data: Path, out: Path, timeout: float, extra: list[str] = ()) -> dict:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--data", str(data),
           "--out", str(out), "--src", str(SRC), *extra]
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"path": mode, "error": f"timed out after {timeout:.0f} s"}
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        return {"path": mode, "error": proc.stderr.strip().splitlines()[-1:] or ["failed"]}
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall_s"] = wall
    return result


def time_example(runs: int) -> dict:
    walls = []
    for _ in range(runs):
        tmp = Path(tempfile.mkdtemp(prefix="hongtou-example-"))
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "pipeline.py", "build", "data", "-o",
                               str(tmp / "x"), "-q"], cwd=SRC, capture_output=True)
        walls.append(time.perf_counter() - start)
        shutil.rmtree(tmp)
        if proc.returncode != 0:
            return {"error": proc.stderr.decode(errors="replace")[-300:]}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True)
    bare = time.perf_counter() - start
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import hongtou.cli"], cwd=SRC, check=True)
    imports = time.perf_counter() - start
    return {"best_s": min(walls), "median_s": statistics.median(walls), "runs": walls,
            "python_start_s": bare, "import_cli_s": imports}


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(l for l in Path("/proc/meminfo").read_text().splitlines()
                      if l.startswith("MemTotal")).split()[1])
        mem = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration):
        pass
    os_name = platform.platform()
    try:
        os_name = next(l.split("=", 1)[1].strip('"') for l in
                       Path("/etc/os-release").read_text().splitlines()
                       if l.startswith("PRETTY_NAME=")) + f" (kernel {platform.release()})"
    except (OSError, StopIteration):
        pass
    return {"nproc": os.cpu_count(), "cpu": cpu, "ram": mem, "python": platform.python_version(),
            "os": os_name}


def _fmt(x, digits=2) -> str:
    if x is None:
        return "—"
    return f"{x:.{digits}f}"


def _k(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 else str(n)


def _ok(res: dict | None) -> bool:
    return bool(res) and "error" not in res


def _ratio(f, r) -> str:
    return f"{r / f:.1f}" if f and r and f > 0 else ""


def stage_table(sizes: list[int], runs: dict, key: str, total_key: str, title: str) -> list[str]:
    """Rows = stages, per size: fast | reference | reference ÷ fast."""
    lines = [title, "", "| stage | " + " | ".join(
        f"{_k(n)} fast | {_k(n)} ref | ×" for n in sizes) + " |",
        "|---|" + "---:|---:|---:|" * len(sizes)]

    def row(label, getter, digits=2, bold=False, show_ratio=True) -> str:
        cells = [label]
        for n in sizes:
            f, r = runs[n].get("fast"), runs[n].get("reference")
            fv = getter(f) if _ok(f) else None
            rv = getter(r) if _ok(r) else None
            ftext = _fmt(fv, digits) if fv is not None else (f.get("error", "—") if f else "—")
            cells += [f"**{ftext}**" if bold and fv is not None else ftext,
                      _fmt(rv, digits) if rv is not None else
                      (r.get("error", "—") if r else "not run"),
                      _ratio(fv, rv) if show_ratio else ""]
        return "| " + " | ".join(cells) + " |"

    for s in STAGES:
        lines.append(row(s, lambda x, s=s: x[key].get(s), show_ratio=s in DOC_STAGES))
    lines.append(row("**build total**", lambda x: x[total_key], bold=True))
    lines.append(row("Word documents only", lambda x: sum(x[key].get(s, 0) for s in DOC_STAGES)))
    return lines


def table(sizes: list[int], runs: dict, example: dict | None, info: dict) -> str:
    lines = [f"# hongtou benchmark — {time.strftime('%Y-%m-%d %H:%M')}", "",
             f"Machine: {info['cpu']}, {info['nproc']} CPUs, {info['ram']} RAM, "
             f"Python {info['python']}, {info['os']}", "",
             f"Measured: hongtou at {info['source']}.", "",
             "Campaigns: " + "; ".join(
                 f"{_k(n)} = {n} issues / {generate.scaled(n)[0]} departments / "
                 f"{generate.scaled(n)[1]} persons" for n in sizes), ""]
    lines += stage_table(sizes, runs, "stages", "total_s", "## Wall clock (s)")
    lines.append("")
    lines += stage_table(sizes, runs, "cpu", "total_cpu_s",
                         "## CPU time (s) — per stage, of the process that ran it; the total "
                         "adds the helper process's (start-up and unpickling included)")
    lines.append("")
    lines += ["## Memory and load", "", "| | " + " | ".join(
        f"{_k(n)} fast | {_k(n)} ref" for n in sizes) + " |", "|---|" + "---:|---:|" * len(sizes)]
    for label, getter, digits in [
            ("peak RSS (MB)", lambda x: x["peak_rss_mb"], 0),
            ("… of the helper process (MB)", lambda x: x.get("helper_peak_rss_mb"), 0),
            ("CPU of the helper process (s)", lambda x: x.get("helper_cpu_s"), 2),
            ("RSS after imports (MB)", lambda x: x["rss_imports_mb"], 0),
            ("imports (s)", lambda x: x["imports_s"], 2),
            ("child process wall incl. imports (s)", lambda x: x.get("process_wall_s"), 2),
            ("1-min load average during the run", lambda x: x.get("load"), 1)]:
        cells = [label]
        for n in sizes:
            for path in ("fast", "reference"):
                res = runs[n].get(path)
                cells.append(_fmt(getter(res), digits) if _ok(res) and getter(res) is not None
                             else "—")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Counts: " + "; ".join(
        f"{_k(n)}: 督办 {runs[n]['fast']['counts'].get('督办', '?')} reminders, 分发 "
        f"{runs[n]['fast']['counts'].get('分发', '?')} workbooks, "
        f"{runs[n]['fast']['extra']['files']} files, "
        f"{runs[n]['fast']['extra']['output_mb']:.0f} MB"
        for n in sizes if runs[n].get("fast") and "error" not in runs[n]["fast"]))
    lines.append("")

    lines += ["| derived (fast path) | " + " | ".join(_k(n) for n in sizes) + " |",
              "|---|" + "---:|" * len(sizes)]

    def ex(key, digits=2, scale=1.0):
        row = []
        for n in sizes:
            f = runs[n].get("fast")
            v = f["extra"].get(key) if f and "extra" in f else None
            row.append(_fmt(v * scale if v is not None else None, digits))
        return row

    derived = [
        ("one more reminder, median CPU ms (context + render)", ex("reminder_each_median_ms", 1)),
        ("one more reminder, mean CPU ms", ex("reminder_each_mean_ms", 1)),
        ("… of which context (CPU ms)", ex("reminder_context_mean_ms", 1)),
        ("… of which template render + zip (CPU ms)", ex("reminder_render_mean_ms", 1)),
        ("整改台账.docx context (CPU s)", ex("ledger_docx_context_s")),
        ("整改台账.docx render + zip (CPU s)", ex("ledger_docx_render_s")),
        ("整改台账.docx document.xml (MB)", ex("ledger_docx_xml_mb", 1)),
        ("floor: zip every output's parts (CPU s)", ex("floor_zip_s")),
        ("floor: write every output's bytes (wall s)", ex("floor_write_s")),
        ("floor: 整改台账.docx zip (CPU s)", ex("floor_ledger_docx_s", 3)),
        ("floor: 整改台账.xlsx zip (CPU s)", ex("floor_ledger_xlsx_s", 3)),
    ]
    for label, row in derived:
        lines.append(f"| {label} | " + " | ".join(row) + " |")
    row = []
    for n in sizes:
        f = runs[n].get("fast")
        if f and "extra" in f:
            floor = f["extra"]["floor_zip_s"] + f["extra"]["floor_write_s"]
            row.append(f"{f['total_cpu_s'] / floor:.0f}×" if floor else "—")
        else:
            row.append("—")
    lines.append("| build CPU total ÷ floor | " + " | ".join(row) + " |")
    row = []
    for n in sizes:
        cmp_ = runs[n].get("compare")
        if cmp_ is None:
            row.append("not compared")
        else:
            row.append(f"{len(cmp_['mismatches'])} of {cmp_['docx']} docx + {cmp_['xlsx']} xlsx"
                       + (f", {len(cmp_['missing'])} missing" if cmp_["missing"] else ""))
    lines.append("| fast vs reference: files that differ | " + " | ".join(row) + " |")
    lines.append("")
    for n in sizes:
        cmp_ = runs[n].get("compare")
        for m in (cmp_ or {}).get("mismatches", [])[:5]:
            lines.append(f"- {_k(n)} mismatch: {m}")
    if example:
        lines.append("")
        if "error" in example:
            lines.append(f"Bundled example: failed: {example['error']}")
        else:
            lines.append(
                f"Bundled example (`python pipeline.py build data -o <tmp>`), wall clock incl. "
                f"interpreter start: best {example['best_s']:.2f} s, median "
                f"{example['median_s']:.2f} s of {len(example['runs'])} "
                f"(bare `python -c pass` {example['python_start_s']:.2f} s, "
                f"`import hongtou.cli` {example['import_cli_s']:.2f} s).")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,5000,20000,100000",
                    help="issue counts, comma-separated (default 1000,5000,20000,100000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-reference", action="store_true", help="skip the docxtpl reference")
    ap.add_argument("--reference-max", type=int, default=10**9,
                    help="run the reference only up to this many issues")
    ap.add_argument("--example-runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=1200, help="seconds per child process")
    ap.add_argument("--profile", type=int, metavar="ISSUES",
                    help="only cProfile one build of this size into bench/results/")
    ap.add_argument("--rev", default=None,
                    help="measure this git revision (git archive, read-only) instead of a copy "
                         "of the working tree, e.g. --rev HEAD")
    ap.add_argument("--keep-snapshot", action="store_true")
    ap.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--child", choices=["fast", "reference", "profile"], help=argparse.SUPPRESS)
    ap.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--dest", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.child:
        use_source(args.src)
        OUT.mkdir(parents=True, exist_ok=True)
        if args.child == "fast":
            result = child_fast(args.data, args.out)
        elif args.child == "reference":
            result = child_reference(args.data, args.out)
        else:
            result = child_profile(args.data, args.out, args.dest)
        print(json.dumps(result, ensure_ascii=False))
        return 0

    RESULTS.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    src, source = snapshot(args.rev)
    use_source(src)
    try:
        return _parent(args, source)
    finally:
        if not args.keep_snapshot:
            shutil.rmtree(src, ignore_errors=True)


def _parent(args, source: str) -> int:
    if args.profile:
        n = args.profile
        data = generate.ensure(n, *generate.scaled(n), args.seed)
        dest = RESULTS / f"profile-{n}.txt"
        res = run_child("profile", data, OUT / f"{n}-profile", args.timeout,
                        ["--dest", str(dest)])
        print(res)
        return 0 if "error" not in res else 1

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    runs: dict[int, dict] = {}
    for n in sizes:
        m, p = generate.scaled(n)
        print(f"[{_k(n)}] generating {n}/{m}/{p} …", file=sys.stderr, flush=True)
        data = generate.ensure(n, m, p, args.seed)
        runs[n] = {}
        print(f"[{_k(n)}] fast path …", file=sys.stderr, flush=True)
        runs[n]["fast"] = run_child("fast", data, OUT / f"{n}-fast", args.timeout)
        f = runs[n]["fast"]
        print(f"[{_k(n)}]   {f.get('total_s', f.get('error'))}", file=sys.stderr, flush=True)
        if not args.no_reference and n <= args.reference_max:
            print(f"[{_k(n)}] reference …", file=sys.stderr, flush=True)
            runs[n]["reference"] = run_child("reference", data, OUT / f"{n}-ref", args.timeout)
            r = runs[n]["reference"]
            print(f"[{_k(n)}]   {r.get('total_s', r.get('error'))}", file=sys.stderr, flush=True)
            if "error" not in f and "error" not in r:
                runs[n]["compare"] = compare(OUT / f"{n}-fast", OUT / f"{n}-ref")
        for sub in ("fast", "ref"):  # outputs are large; keep only what the next size needs
            shutil.rmtree(OUT / f"{n}-{sub}", ignore_errors=True)
    example = None
    if args.example_runs:
        print("example …", file=sys.stderr, flush=True)
        example = time_example(args.example_runs)
    info = machine()
    info["source"] = source
    text = table(sizes, runs, example, info)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(
        {"machine": info, "sizes": sizes, "runs": {str(k): v for k, v in runs.items()},
         "example": example}, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
