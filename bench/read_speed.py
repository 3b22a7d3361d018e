"""How long reading 20,000 问题清单 rows takes (was a wall-time assertion in the test suite).

    python bench/read_speed.py            # prints the best of three; exit 1 above --bound

The campaign is the one tests/read/test_read_many_rows.py reads."""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from hongtou.read import read_campaign  # noqa: E402
from tests.read.test_read_many_rows import ROWS, twenty_thousand_issues  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bound", type=float, default=3.0, help="seconds (default 3.0)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = twenty_thousand_issues(Path(tmp))
        times = []
        for _ in range(3):
            start = time.perf_counter()
            read_campaign(path)
            times.append(time.perf_counter() - start)
    best = min(times)
    print(f"read_campaign, {ROWS} 问题清单 rows: best {best:.2f} s of "
          + ", ".join(f"{t:.2f}" for t in times))
    return 0 if best <= args.bound else 1


if __name__ == "__main__":
    sys.exit(main())
