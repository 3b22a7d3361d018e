"""生成文书.bat: the double-click launcher for Windows users (issue 7).

It cannot run here; these tests hold what makes it work there: CRLF line endings (cmd.exe
misreads LF-only batch files), UTF-8 code page before any Chinese is printed, running from
its own folder, and the same command as README's first line."""

from pathlib import Path

BAT = Path(__file__).resolve().parent.parent / "生成文书.bat"


def it_uses_crlf_line_endings_only():
    data = BAT.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n") > 5


def it_switches_to_utf8_and_to_its_own_folder_first():
    lines = BAT.read_bytes().decode("utf-8").splitlines()
    commands = [ln for ln in lines if ln and not ln.lower().startswith(("rem", "@echo"))]
    assert commands[0] == "chcp 65001 >nul"
    assert commands[1] == 'cd /d "%~dp0"'


def it_builds_the_example_like_the_readme_and_pauses():
    text = BAT.read_bytes().decode("utf-8")
    assert "python pipeline.py build data -o output" in text
    assert 'python pipeline.py build "%~1" -o "%~dp1输出"' in text
    assert text.rstrip().endswith("pause")
