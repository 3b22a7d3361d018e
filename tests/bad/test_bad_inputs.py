"""Every case of the catalogue (cases.py) through the command line: `build` and `check` print
exactly the located messages and exit 2, `build` writes nothing, and no input file changes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hongtou.cli import main
from tests.bad.cases import CASES, OUT_CASES, Case, OutCase, workbook

ROOT = Path(__file__).resolve().parents[2]


def fingerprint(root: Path, skip: Path) -> dict[str, str]:
    """sha256 of every file under `root` (outside `skip`), by relative path."""
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*"))
            if p.is_file() and skip not in p.parents}


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = case.make(inputs)
    out = tmp_path / "out"
    before = fingerprint(inputs, out)
    runner = CliRunner()

    built = runner.invoke(main, ["build", str(data), "-o", str(out), "--today", "2022-04-20"])
    checked = runner.invoke(main, ["check", str(data)])

    assert built.exception is None or isinstance(built.exception, SystemExit), built.exc_info
    assert checked.exception is None or isinstance(checked.exception, SystemExit), \
        checked.exc_info
    if case.expected:
        report = (f"输入有 {len(case.expected)} 处问题，未生成任何文件：\n"
                  + "".join(f"  - {line}\n" for line in case.expected))
        assert (built.exit_code, built.stderr) == (2, report)
        assert (checked.exit_code, checked.stderr) == (2, report)
        assert not out.exists()
    else:
        assert (built.exit_code, built.stderr) == (0, ""), built.output
        assert (checked.exit_code, checked.stderr) == (0, ""), checked.output
        assert (out / "通知.docx").is_file()
    assert fingerprint(inputs, out) == before


@pytest.mark.parametrize("case", OUT_CASES, ids=[c.id for c in OUT_CASES])
def test_bad_output_folder(case: OutCase, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 15.8–9: what stands in the output folder's way is named, in Chinese, exit 2,
    no traceback, and the folder is left as it was."""
    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
    data = workbook()(tmp_path / "in")
    out = (tmp_path / "输出").resolve()
    case.prepare(out)
    before = fingerprint(tmp_path, tmp_path / "none")
    built = CliRunner().invoke(main, ["build", str(data), "-o", str(out),
                                      "--today", "2022-04-20"])
    assert built.exception is None or isinstance(built.exception, SystemExit), built.exc_info
    assert (built.exit_code, built.stderr) == (2, case.expected.format(out=out) + "\n")
    assert fingerprint(tmp_path, tmp_path / "none") == before
    leftovers = [p for p in out.rglob("*") if p.name.startswith(".~")] if out.is_dir() else []
    assert leftovers == []
