"""What one more 督办 letter costs, on its own and in instructions.

    python bench/reminder_cost.py                       # CPU ms per letter, 20k campaign
    python bench/reminder_cost.py --issues 5000 --repeat 5
    python bench/reminder_cost.py --callgrind 100        # instructions per letter (valgrind)

`bench/run.py` measures the same thing after a whole build ("one more reminder"); this
measures only it, in the working tree's code: the campaign is read once (cached pickled under
bench/.cache/), then each department's letter is made as the build makes it (`reminder.context`
+ the prepared template's `render`: Jinja, the 署名 page mend, zip), its CPU time taken per
letter. The first pass is the one the build pays (text measured for the first time); later
passes find the paragraphs measured already.
The campaign read is kept pickled beside the generated one (for the reader's and model's
code as it is).

On a shared machine CPU times move with the load: `--callgrind N` counts the instructions
of N letters instead (after 20 that warm the caches of the fixed wording), by running this
script under `valgrind --tool=callgrind` twice, with N letters and with none, and taking the
difference — the same on a busy machine as on a quiet one (about 50× slower to run).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

WARM = 20     # letters made before counting instructions (the fixed wording measured once)


def campaign(issues: int):
    """(campaign, assessment, {department: its late items}, shared facts, the template)."""
    from hongtou.build import assess, default_today
    from hongtou.docs import reminder
    from hongtou.docs.skeletons import REMINDER
    from hongtou.docs.template import TemplateSet
    from hongtou.read import read_campaign

    departments, persons = generate.scaled(issues)
    folder = generate.ensure(issues, departments, persons)
    # read once, kept pickled for the reader's and the model's code as they are now
    digest = hashlib.sha1(b"".join(f.read_bytes() for d in ("model", "read")
                                   for f in sorted((ROOT / "hongtou" / d).glob("*.py"))))
    cached = folder / f".campaign-{digest.hexdigest()[:12]}.pickle"
    if cached.is_file():
        c = pickle.loads(cached.read_bytes())
    else:
        c = read_campaign(folder, False)
        cached.write_bytes(pickle.dumps(c))
    a = assess(c, default_today(c))
    tpl = TemplateSet([ROOT / "templates"]).get(REMINDER)
    return c, a, reminder.late_items(c, a), reminder.shared(c, a), tpl


def passes(issues: int, repeat: int) -> list[list[float]]:
    """CPU seconds of each letter, pass after pass."""
    from hongtou.docs import reminder

    c, a, late, common, tpl = campaign(issues)
    out = []
    for _ in range(repeat):
        each = []
        for dept, items in late.items():
            t = time.process_time()
            tpl.render(reminder.context(c, a, dept, items, common))
            each.append(time.process_time() - t)
        out.append(each)
    return out


def letters(issues: int, count: int) -> None:
    """Make WARM letters, then `count` more (what callgrind counts)."""
    from hongtou.docs import reminder

    c, a, late, common, tpl = campaign(issues)
    for dept, items in list(late.items())[:WARM + count]:
        tpl.render(reminder.context(c, a, dept, items, common))


def instructions(issues: int, count: int) -> float:
    """Instructions per letter over `count` letters, by callgrind."""
    campaign(issues)    # generated and read here, not under valgrind
    totals = []
    for n in (0, count):
        with tempfile.TemporaryDirectory() as tmp:
            run = subprocess.run(
                ["valgrind", "--tool=callgrind", f"--callgrind-out-file={tmp}/out",
                 sys.executable, __file__, "--issues", str(issues), "--letters", str(n)],
                capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        found = re.search(r"Collected : (\d+)", run.stderr)
        if not found:
            sys.exit(f"valgrind gave no count:\n{run.stderr[-2000:]}")
        totals.append(int(found.group(1)))
    return (totals[1] - totals[0]) / count


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issues", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3, help="passes over every letter")
    ap.add_argument("--callgrind", type=int, metavar="N",
                    help="count the instructions of N letters instead (needs valgrind)")
    ap.add_argument("--letters", type=int, help=argparse.SUPPRESS)   # under valgrind
    args = ap.parse_args(argv)
    if args.letters is not None:
        letters(args.issues, args.letters)
        return 0
    if args.callgrind:
        per = instructions(args.issues, args.callgrind)
        print(f"{args.issues} issues: {per / 1e6:.2f} M instructions per letter "
              f"({args.callgrind} letters after {WARM})")
        return 0
    for k, each in enumerate(passes(args.issues, args.repeat), 1):
        print(f"pass {k}: {len(each)} letters, median {statistics.median(each) * 1000:.2f} ms,"
              f" mean {statistics.mean(each) * 1000:.2f} ms CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
