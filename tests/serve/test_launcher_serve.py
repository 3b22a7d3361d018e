"""打开工作台.bat: the double-click launcher of the workbench (it cannot run here; these hold
what makes it work on Windows, as tests/test_launcher.py does for 生成文书.bat)."""

from pathlib import Path

BAT = Path(__file__).resolve().parents[2] / "打开工作台.bat"


def it_is_a_crlf_batch_file_in_utf8_run_from_its_folder():
    data = BAT.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 5
    lines = data.decode("utf-8").splitlines()
    commands = [ln for ln in lines if ln and not ln.lower().startswith(("rem", "@echo"))]
    assert commands[:2] == ["chcp 65001 >nul", 'cd /d "%~dp0"']


def it_starts_the_workbench_like_the_readme_and_pauses():
    text = BAT.read_bytes().decode("utf-8")
    assert "python pipeline.py serve data -o output" in text
    assert 'python pipeline.py serve "%~1" -o "%~dp1输出"' in text
    readme = (BAT.parent / "README.md").read_text(encoding="utf-8")
    assert "python pipeline.py serve" in readme and "打开工作台.bat" in readme
    assert text.rstrip().endswith("pause")
