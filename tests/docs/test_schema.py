"""Every part of every Word document (and workbook) hongtou writes validates against the ECMA-376
transitional schemas (tests/ooxml-xsd, see tests/docs/schema.py), and its drawing ids are
unique: Word may drop what is out of the schema's order (settings.xml had
w:evenAndOddHeaders before w:defaultTabStop, so every page number could print on the right),
and two drawings sharing an id (both turned footers had 9002) make it "repair" the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.docs.schema import docx_errors

ROOT = Path(__file__).resolve().parent.parent.parent


def example_docs(out: Path) -> list[Path]:
    return sorted([*out.rglob("*.docx"), *out.rglob("*.xlsx")])


def test_every_example_document_is_valid(example_out):
    docs = example_docs(example_out)
    names = {p.name for p in docs}
    assert {"通知.docx", "日程安排表.docx", "整改台账.docx", "进展通报.docx", "整改台账.xlsx"} <= names
    assert any(p.parent.name == "督办" for p in docs) and any(p.parent.name == "分发" for p in docs)
    bad = {p.name: docx_errors(p) for p in docs}
    assert not any(bad.values()), {k: v[:3] for k, v in bad.items() if v}


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.docx")),
                         ids=lambda p: p.stem)
def test_every_template_is_valid(template):
    assert docx_errors(template) == []


def test_what_the_page_mends_write_is_valid():
    """A split last paragraph (the 署名's page holding 正文), a 版记 on its own section, a
    joint mark, several 签发人."""
    from hongtou.layout import zones
    from hongtou.layout.package import Section, document_xml, package
    from tests.docs.test_pages_sweep import SPECS, make

    bad = {name: docx_errors(make(spec)) for name, spec in SPECS.items()}
    assert not any(bad.values()), {k: v[:3] for k, v in bad.items() if v}
    head = zones.Head(marks=("中共六安市总工会党组文件", "六安市总工会文件"), number="六工党〔2022〕7号",
                      signers=("张三", "李四", "王五"))
    body = (zones.header_zone(head) + zones.title("关于开展工作的请示")
            + zones.body([(0, "正文。")]) + zones.signature("中共六安市总工会党组", "2022年2月15日"))
    assert docx_errors(package(document_xml(body, Section()))) == []


@pytest.mark.parametrize("name", ["table-r3-a2-l4", "table-r1-a2-l4"])
def test_a_table_carried_over_to_the_signature_is_valid(tmp_path, name):
    """The table cut before its last row (a second table under the header, after a
    one-point paragraph breaking the page), and one moved whole."""
    from tests.docs.test_pages_sweep import TABLED, typeset_docx

    path = typeset_docx(tmp_path, name, TABLED[name], suffix=".md")
    assert b"pageBreakBefore" in zipfile.ZipFile(path).read("word/document.xml")
    assert docx_errors(path.read_bytes()) == []


def rewrite(docx: bytes, part: str, change) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(docx))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, change(data) if name == part else data)
    return buf.getvalue()


def test_the_check_catches_the_faults_it_is_for():
    """The settings in the old order, and the old shared drawing id, are caught; so is a
    pPr child out of order in the body."""
    from hongtou.docs.skeletons import NOTICE, builtin_template

    good = builtin_template(NOTICE)
    assert docx_errors(good) == []
    old = rewrite(good, "word/settings.xml", lambda d: d.replace(
        b'<w:defaultTabStop w:val="420"/><w:evenAndOddHeaders/>',
        b'<w:evenAndOddHeaders/><w:defaultTabStop w:val="420"/>'))
    assert any("settings.xml" in e and "defaultTabStop" in e for e in docx_errors(old))
    shared = rewrite(good, "word/footer6.xml", lambda d: d.replace(b'id="9003"', b'id="9002"'))
    assert any("drawing id 9002" in e for e in docx_errors(shared))
    swapped = rewrite(good, "word/document.xml", lambda d: d.replace(
        b'<w:pStyle w:val="GwTitle"/>', b'<w:jc w:val="center"/><w:pStyle w:val="GwTitle"/>', 1))
    assert any("document.xml" in e for e in docx_errors(swapped))


def test_typeset_documents_are_valid(tmp_path):
    from click.testing import CliRunner

    from hongtou.cli import main

    seeds = sorted((ROOT / "tests" / "typeset" / "seeds").glob("*.txt"))
    assert seeds
    for seed in seeds:
        target = tmp_path / f"{seed.stem}.docx"
        result = CliRunner().invoke(main, ["typeset", str(seed), "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert docx_errors(target) == [], seed.name
