"""`verify --render` needs PyMuPDF (the `render` extra): without it, a Chinese message that names
the install command and exit 2 — no traceback, and LibreOffice is not started for nothing."""

from __future__ import annotations

import configparser
import sys
from pathlib import Path

import docx
from click.testing import CliRunner

from hongtou.cli import main

ROOT = Path(__file__).resolve().parents[2]


def test_render_without_pymupdf_names_the_install_command(tmp_path, monkeypatch):
    path = tmp_path / "公文.docx"
    docx.Document().save(path)
    monkeypatch.setitem(sys.modules, "pymupdf", None)      # `import pymupdf` raises ImportError
    started = []
    monkeypatch.setattr("hongtou.verify.to_pdf", lambda *a: started.append(a) or {})
    result = CliRunner().invoke(main, ["verify", str(path), "--render"])
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "PyMuPDF" in result.output and 'python -m pip install ".[render]"' in result.output
    assert started == []


def test_without_render_pymupdf_is_not_needed(tmp_path, monkeypatch):
    path = tmp_path / "公文.docx"
    docx.Document().save(path)
    monkeypatch.setitem(sys.modules, "pymupdf", None)
    result = CliRunner().invoke(main, ["verify", str(path)])
    assert result.exit_code == 1, result.output          # the rules ran (a blank document fails)
    assert "PyMuPDF" not in result.output


def test_setup_cfg_declares_the_render_extra():
    cfg = configparser.ConfigParser()
    cfg.read(ROOT / "setup.cfg", encoding="utf-8")
    extra = cfg["options.extras_require"]["render"]
    assert "pymupdf" in extra.lower()
