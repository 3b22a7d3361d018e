"""Fuzz the reader: N random workbooks, each the minimal campaign (tests/helpers.py) mutated at
random, written with openpyxl and read with `read_campaign`. Every outcome must be a campaign or
an `InputError` whose problems all name a sheet or file; anything else is a bug, and its
traceback is printed.

    python bench/fuzz_reader.py --n 10000 --seed 0            # exit 1 if any traceback
    python bench/fuzz_reader.py --seed 0 --only 1234 --keep x  # replay one, keep its workbook

Each workbook i is made from random.Random(f"{seed}:{i}"), so one failure replays alone.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: E402

from hongtou.model import InputError  # noqa: E402
from hongtou.read import read_campaign  # noqa: E402
from hongtou.read.headers import META_KEYS, SHEET_NAMES, SHEETS  # noqa: E402
from tests.helpers import make_workbook, minimal_sheets  # noqa: E402

WORDS = [
    "", " ", "　", "\t", "\n", "2022-02-30", "2022-13-01", "下周", "3月底", "3月下旬", "年底前",
    "长期坚持", "立行立改", "2月30日", "0月1日", "3.31", "3.10", "2022.3.31", "20220331",
    "二〇二二年三月三十一日", "3月1日至3月31日", "已完成", "整改中", "未启动", "已销号", "差不多",
    "#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#SPILL!", "=A1", "=1/0", '=VLOOKUP(A1,B:C,2,0)',
    "=TODAY()", "+1", "-", "张三", "张　三", "张三、李华", "孙七", "王明,赵六", "办公室", "组织部",
    "党组、办公室", "第一阶段", "第四阶段", "学习讨论阶段", "序号", "责任人", "负责人", "整改时限",
    "问题描述", "发文机关", "成文日期", "一、思想作风方面", "填表人：张三", "注：", "六工党[2022]7号",
    "六工党2022年7号", "〔2022〕7号", "组长", "秘书长", "-3", "1e308", "NaN", "inf", "0", "00001",
    "１２", "𠀀𠀁", "\u202eRTL", "\u200b", "<b>x</b>", "&amp;", "{{ 活动名称 }}", "x" * 40000,
]
CONTROL = [chr(c) for c in (*range(0, 9), 11, 12, *range(14, 32), 127)]


def _escape(text: str) -> str:
    """openpyxl refuses control characters; Excel writes them as _xHHHH_ (calamine reads the
    character back). Lone surrogates cannot be encoded at all: written the same way."""
    text = ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m[0]):04X}_", text)
    return "".join(f"_x{ord(ch):04X}_" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in text)


def random_value(rng: random.Random):
    kind = rng.randrange(14)
    if kind == 0:
        return None
    if kind <= 3:
        return rng.choice(WORDS)
    if kind == 4:
        return "".join(rng.choice(CONTROL + ["a", "日", " "]) for _ in range(rng.randint(1, 8)))
    if kind == 5:
        return rng.choice([0, -1, 1, 2 ** 31, -(2 ** 62), 10 ** 15, 44711, 60, 61, 2958466,
                           rng.randint(-10 ** 9, 10 ** 9)])
    if kind == 6:
        return rng.choice([0.5, -0.0, 3.1, 3.10, 12.31, 1e-300, 1e300, -1e300, 44711.75,
                           math.pi, rng.uniform(-1e6, 1e6)])
    if kind == 7:
        return rng.choice([True, False])
    if kind == 8:
        return date(rng.randint(1900, 9999), rng.randint(1, 12), rng.randint(1, 28))
    if kind == 9:
        return datetime(rng.randint(1900, 2200), rng.randint(1, 12), rng.randint(1, 28),
                        rng.randint(0, 23), rng.randint(0, 59))
    if kind == 10:
        return timedelta(days=rng.randint(0, 4000), seconds=rng.randint(0, 86399))
    if kind == 11:  # a formula as text: openpyxl writes it as a formula without a value
        return "=" + rng.choice(["A1", "SUM(A1:A3)", 'IF(A1="","",A1)', "1/0", "NOW()",
                                 '"下周"', "B2+30"])
    if kind == 12:
        return "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 20)))
    return "#" + rng.choice(["N/A", "REF!", "NAME?", "NULL!", "NUM!", "GETTING_DATA"])


def mutate(sheets: dict[str, list[list]], rng: random.Random) -> list[str]:
    """Apply 1-8 random edits; return what was done, for the report."""
    done = []
    for _ in range(rng.randint(1, 8)):
        names = list(sheets)
        if not names:
            break
        name = rng.choice(names)
        rows = sheets[name]
        op = rng.randrange(12)
        if op <= 4 or not rows:  # one cell, anywhere near the data
            r = rng.randrange(len(rows) + 3)
            c = rng.randrange(16)
            while len(rows) <= r:
                rows.append([])
            while len(rows[r]) <= c:
                rows[r].append(None)
            value = random_value(rng)
            rows[r][c] = _escape(value) if isinstance(value, str) else value
            done.append(f"{name}[{r}][{c}] = {value!r:.60}")
        elif op == 5:
            at = rng.randrange(len(rows) + 1)
            rows[at:at] = [[] for _ in range(rng.randint(1, 3))]
            done.append(f"{name}: empty rows at {at}")
        elif op == 6:
            header = rows[0]
            rng.shuffle(header)
            done.append(f"{name}: shuffled header {header}")
        elif op == 7:
            at = rng.randrange(len(rows))
            del rows[at]
            done.append(f"{name}: deleted row {at}")
        elif op == 8:
            c = rng.randrange(max(len(r) for r in rows) or 1)
            for row in rows:
                if c < len(row):
                    del row[c]
            done.append(f"{name}: deleted column {c}")
        elif op == 9:
            at = rng.randrange(len(rows))
            rows.insert(at, list(rows[at]))
            done.append(f"{name}: duplicated row {at}")
        elif op == 10:  # a header cell renamed to another known name (maybe a duplicate)
            known = [c.name for c in META_KEYS] if name == "发文信息" else \
                [n for c in SHEETS.get(name, ()) for n in c.names]
            if known and rows[0]:
                c = rng.randrange(len(rows[0]))
                rows[0][c] = rng.choice(known)
                done.append(f"{name}: header[{c}] = {rows[0][c]}")
        elif rng.random() < 0.5:
            del sheets[name]
            done.append(f"dropped sheet {name}")
        else:
            new = rng.choice([name + " ", "Sheet1", name[:2], f" {name}"])
            if new not in sheets:
                sheets[new] = sheets.pop(name)
                done.append(f"renamed sheet {name} → {new!r}")
    return done


def one(args: tuple[int, int, str | None]) -> tuple[int, str, str]:
    """Make and read workbook i: (i, outcome, detail). outcome: ok / input_error / crash."""
    seed, i, keep = args
    rng = random.Random(f"{seed}:{i}")
    sheets = minimal_sheets()
    done = mutate(sheets, rng)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "活动.xlsx"
        try:
            make_workbook(path, sheets)
        except Exception as exc:  # a value openpyxl itself cannot write: not the reader's
            return i, "unwritable", f"{type(exc).__name__}: {exc}"
        if keep:
            shutil.copy(path, Path(keep) / f"fuzz-{seed}-{i}.xlsx")
        try:
            read_campaign(path)
            return i, "ok", ""
        except InputError as exc:
            bad = [p for p in exc.problems
                   if not p.sheet or not isinstance(p.message(), str)]
            if not exc.problems or bad:
                return i, "crash", f"InputError without located problems: {bad or exc.problems}"
            unknown = [p for p in exc.problems
                       if p.sheet not in SHEET_NAMES and p.sheet not in (path.name,)
                       and not any(p.sheet == n or p.sheet == n.strip() for n in sheets)]
            if unknown:
                return i, "crash", f"problem naming no sheet: {unknown}"
            return i, "input_error", ""
        except Exception:
            return i, "crash", "edits:\n  " + "\n  ".join(done) + "\n" + traceback.format_exc()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10000, help="how many workbooks")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--only", type=int, help="replay workbook number ONLY alone")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--keep", help="copy each workbook into this folder")
    a = parser.parse_args(argv)
    if a.keep:
        Path(a.keep).mkdir(parents=True, exist_ok=True)
    indices = [a.only] if a.only is not None else list(range(a.n))
    work = [(a.seed, i, a.keep) for i in indices]
    counts: Counter[str] = Counter()
    start = time.perf_counter()
    if a.jobs > 1:
        with multiprocessing.Pool(a.jobs) as pool:
            results = pool.imap_unordered(one, work, chunksize=20)
            for i, outcome, detail in results:
                counts[outcome] += 1
                if outcome == "crash":
                    print(f"--- workbook {i} (--seed {a.seed} --only {i}) ---\n{detail}")
    else:
        for item in work:
            i, outcome, detail = one(item)
            counts[outcome] += 1
            if outcome == "crash":
                print(f"--- workbook {i} (--seed {a.seed} --only {i}) ---\n{detail}")
    elapsed = time.perf_counter() - start
    print(f"{len(work)} workbooks in {elapsed:.0f} s: read {counts['ok']}, "
          f"InputError {counts['input_error']}, unwritable by openpyxl {counts['unwritable']}, "
          f"other exceptions {counts['crash']}")
    return 1 if counts["crash"] else 0


if __name__ == "__main__":
    sys.exit(main())
