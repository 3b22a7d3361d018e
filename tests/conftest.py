"""Fixtures shared by the document, CLI, template and write tests.

The example campaign in data/ is built once per session (`example_out`), and the documents
the rendering tests read are converted to PDF once per session (`example_pdfs`), in one
LibreOffice call with a private profile so parallel runs do not clash.
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import need_render, render_unavailable

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = date(2022, 4, 20)

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"w": W_NS, "r": R_NS}

SOFFICE_TIMEOUT = 180


# -- reading what was produced ---------------------------------------------------------------


class DocxXml:
    """`docx_xml(path, part="word/document.xml")` → the part as an lxml tree. Query it with
    `docx_xml.ns` (`w:` and `r:` prefixes); `docx_xml.w("val")` is the Clark name of a w:
    attribute, for `el.get(...)`."""

    ns = NS

    def __call__(self, docx: Path, part: str = "word/document.xml") -> etree._Element:
        with zipfile.ZipFile(docx) as zf:
            return etree.fromstring(zf.read(part))

    @staticmethod
    def w(name: str) -> str:
        return f"{{{W_NS}}}{name}"

    @staticmethod
    def parts(docx: Path) -> list[str]:
        with zipfile.ZipFile(docx) as zf:
            return zf.namelist()


@pytest.fixture(scope="session")
def docx_xml() -> DocxXml:
    return DocxXml()


# -- the example, built once ---------------------------------------------------------------


@pytest.fixture(scope="session")
def example_out(tmp_path_factory) -> Path:
    """The bundled example built by the library with --today 2022-04-20; the output folder."""
    from hongtou.build import build

    out = tmp_path_factory.mktemp("example") / "out"
    build(DATA, out, TODAY, template_dirs=[ROOT / "templates"])
    return out


@pytest.fixture(scope="session")
def example_campaign():
    """The example campaign as the reader sees it (the model the documents are made from)."""
    from hongtou.read import read_campaign

    return read_campaign(DATA)


# -- rendering with LibreOffice ------------------------------------------------------------


@pytest.fixture(scope="session")
def soffice() -> str:
    """The soffice command, or skip (fail under HONGTOU_REQUIRE_RENDER=1) without it."""
    path = shutil.which("soffice")
    if path is None:
        render_unavailable("soffice (LibreOffice) is not on PATH")
    return path


def convert_to_pdf(files: list[Path], outdir: Path, profile: Path) -> dict[str, Path]:
    """Convert `files` to PDF in ONE soffice call; → {docx stem: pdf path}."""
    stems = [f.stem for f in files]
    assert len(set(stems)) == len(stems), f"PDF names would clash: {stems}"
    cmd = ["soffice", "--headless", "--norestore",
           f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=SOFFICE_TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"LibreOffice took more than {SOFFICE_TIMEOUT} s to convert {stems}")
    pdfs = {f.stem: outdir / f"{f.stem}.pdf" for f in files}
    missing = [s for s, p in pdfs.items() if not p.is_file()]
    if missing:
        pytest.fail(f"LibreOffice did not produce {missing} (exit {proc.returncode}):\n"
                    f"{proc.stdout}\n{proc.stderr}")
    return pdfs


@pytest.fixture(scope="session")
def example_pdfs(example_out, tmp_path_factory) -> dict[str, Path]:
    """The example's documents as PDFs, converted in one soffice call, keyed by the docx stem:
    通知, 日程安排表, 整改台账, 进展通报, "督办" (the first reminder); and the workbooks:
    "台账表" (整改台账.xlsx, every sheet) and "分发" (the first department's 分发 workbook)."""
    need_render()
    base = tmp_path_factory.mktemp("render")
    reminder = sorted((example_out / "督办").glob("*.docx"))[0]
    books = base / "books"          # renamed copies: 整改台账.xlsx would clash with the .docx
    books.mkdir()
    shutil.copy(example_out / "整改台账.xlsx", books / "台账表.xlsx")
    shutil.copy(sorted((example_out / "分发").glob("*.xlsx"))[0], books / "分发.xlsx")
    files = [example_out / "通知.docx", example_out / "日程安排表.docx",
             example_out / "整改台账.docx", example_out / "进展通报.docx", reminder,
             books / "台账表.xlsx", books / "分发.xlsx"]
    outdir = base / "pdf"
    outdir.mkdir()
    pdfs = convert_to_pdf(files, outdir, base / "lo-profile")
    pdfs["督办"] = pdfs.pop(reminder.stem)
    return pdfs
