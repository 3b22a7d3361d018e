"""Hostile content, swept through every output. A campaign whose every free-text cell carries
markup, quotes, control characters, template syntax or formula-like text, and whose
departments are named like paths and devices, is built; then every file written is opened:
each XML part of each .docx and .xlsx must parse, the text must come out literally (nothing
evaluated, nothing lost but the control characters), Excel must hold formula-like text as
text, and every file name must be safe on Windows and Linux."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from hongtou.cli import main
from hongtou.write import MAX_NAME

from tests.helpers import make_workbook, minimal_sheets

ROOT = Path(__file__).resolve().parent.parent
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

MARKUP = "<w:p>粗体</w:p> & “引号” 'single' \"double\" ]]> <![CDATA[x]]> &amp; &#x41;"
TEMPLATE = "{{ ''.__class__.__mro__ }}{% for x in range(3) %}执行{% endfor %}{%tr %}{{r x }}"
CONTROL = "前\x01中\x0b后\x1f尾"
CONTROL_SHOWN = "前中后尾"
CONTROL_MARK = "CTRLMARK"   # openpyxl refuses to write CONTROL: put in the XML afterwards
CONTROL_XML = "前_x0001_中_x000B_后_x001F_尾"  # how Excel stores it
FORMULAS = ("=1+1", "+8613800000000", "-5天", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"点此\")")
DEPARTMENTS = ("办公室/党建办", "..\\x", "CON", "很长的部门名称" * 16, "con")
WINDOWS_FORBIDDEN = set('<>:"/\\|?*') | {chr(i) for i in range(32)}
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
            *(f"LPT{i}" for i in range(1, 10))}


def hostile_sheets() -> dict[str, list[list]]:
    sheets = minimal_sheets()
    meta = sheets["发文信息"]
    meta.append(["活动名称", f"“大讨论”活动{MARKUP}"])
    meta.append(["附注", CONTROL_MARK])
    meta.append(["抄送机关", f"省总工会，{MARKUP}"])
    sheets["领导小组"][1][2] = f"市总工会党组书记{MARKUP}"
    sheets["阶段安排"][1][4] = TEMPLATE
    sheets["阶段安排"][2][5] = FORMULAS[0]
    sheets["工作安排"][1][1] = f"召开动员大会{MARKUP}"
    sheets["工作安排"][1][6] = FORMULAS[4]
    for n, dept in enumerate(DEPARTMENTS, 1):
        sheets["人员"].append([f"成员{n}", dept, "科员", FORMULAS[1]])
    issues = sheets["问题清单"][:1]
    texts = [MARKUP, TEMPLATE, CONTROL_MARK, *FORMULAS]
    for n, dept in enumerate(DEPARTMENTS, 1):
        issues.append([n, FORMULAS[n % len(FORMULAS)], texts[n % len(texts)],
                       texts[(n + 1) % len(texts)], "李华", dept, f"成员{n}",
                       date(2022, 3, 1), "整改中", texts[(n + 2) % len(texts)], None,
                       FORMULAS[(n + 1) % len(FORMULAS)]])
    sheets["问题清单"] = issues
    return sheets


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = base / "活动"
    book = make_workbook(data / "活动.xlsx", hostile_sheets(), text_only=True)
    with zipfile.ZipFile(book) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    marked = [n for n, blob in parts.items() if CONTROL_MARK.encode() in blob]
    assert marked
    for name in marked:
        parts[name] = parts[name].replace(CONTROL_MARK.encode(), CONTROL_XML.encode())
    with zipfile.ZipFile(book, "w") as z:
        for name, blob in parts.items():
            z.writestr(name, blob)
    (data / "方案正文.txt").write_text(
        f"一、总体要求\n{MARKUP}\n{{% for x in range(3) %}}循环{{% endfor %}}\n{CONTROL}\n"
        "二、阶段安排\n{{ 阶段安排 }}\n三、组织领导\n{{ 领导小组 }}\n", encoding="utf-8")
    out = base / "out"
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)
        result = CliRunner().invoke(main, ["build", str(data), "-o", str(out),
                                           "--today", "2022-04-20"])
    assert result.exit_code == 0, result.output
    return out


def files(out: Path, suffix: str) -> list[Path]:
    return sorted(p for p in out.rglob(f"*{suffix}") if p.is_file())


def docx_text(path: Path) -> str:
    """Every w:t of the body, headers and footers, in order (paragraphs joined by nothing)."""
    with zipfile.ZipFile(path) as z:
        parts = [n for n in z.namelist() if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        return "".join("".join(etree.fromstring(z.read(n)).itertext()) for n in parts)


def it_writes_every_document(built):
    assert len(files(built, ".docx")) == 4 + len(DEPARTMENTS)   # 4 + a 督办 per department
    assert len(files(built, ".xlsx")) == 1 + len(DEPARTMENTS)


def it_writes_well_formed_xml_in_every_part_of_every_file(built):
    for path in files(built, ".docx") + files(built, ".xlsx"):
        with zipfile.ZipFile(path) as z:
            assert z.testzip() is None
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(z.read(name))   # raises on broken XML


def it_prints_markup_and_quotes_literally_and_evaluates_no_template_syntax(built):
    notice = docx_text(built / "通知.docx")
    assert MARKUP in notice                      # 活动名称, 抄送, 领导小组, the body
    assert "{% for x in range(3) %}循环{% endfor %}" in notice
    assert TEMPLATE in notice                    # the 阶段安排 table's 主要任务
    assert "<class" not in notice and "循环循环" not in notice
    ledger = docx_text(built / "整改台账.docx")
    for text in (MARKUP, TEMPLATE, *FORMULAS):
        assert text in ledger
    for path in files(built / "督办", ".docx"):
        assert "<class" not in docx_text(path)


def it_drops_control_characters_and_keeps_the_rest(built):
    for path in files(built, ".docx"):
        text = docx_text(path)
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", text), path.name
    assert CONTROL_SHOWN in docx_text(built / "整改台账.docx")
    assert CONTROL_SHOWN in docx_text(built / "通知.docx")   # 附注 and the body


def it_keeps_formula_like_text_as_text_in_every_workbook(built):
    seen = 0
    for path in files(built, ".xlsx"):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str) and cell.value in FORMULAS:
                        assert cell.data_type == "s", (path.name, ws.title, cell.coordinate)
                        seen += 1
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.startswith("xl/worksheets/"):
                    formulas = re.findall(rb"<f[ >](.*?)</f>", z.read(name))
                    assert not any(b"1+1" in f or b"HYPERLINK" in f or b"SUM(A1" in f
                                   for f in formulas), (path.name, name)
    assert seen >= 2 * len(DEPARTMENTS)     # in the ledger and in the 分发 workbooks


def it_keeps_control_characters_out_of_the_workbooks(built):
    for path in files(built, ".xlsx"):
        for ws in openpyxl.load_workbook(path).worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    if isinstance(v, str):
                        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", v), path.name


def it_names_every_file_safely_and_uniquely(built):
    for folder in ("督办", "分发"):
        stems = [p.stem for p in files(built / folder, "")]
        assert len(stems) == len(DEPARTMENTS)
        assert len({s.lower() for s in stems}) == len(stems)          # CON and con apart
        for stem in stems:
            assert not set(stem) & WINDOWS_FORBIDDEN, stem
            assert stem.split(".")[0].upper() not in RESERVED, stem
            assert stem == stem.strip(" .") and len(stem) <= MAX_NAME + 3, stem
    for path in built.rglob("*"):
        assert built in path.resolve().parents           # nothing written outside `out`


def it_names_the_department_in_its_reminder_exactly_as_typed(built):
    texts = {docx_text(p) for p in files(built / "督办", ".docx")}
    for dept in DEPARTMENTS:
        assert any(f"{dept}：" in t for t in texts), dept


def it_passes_the_layout_checks_with_hostile_text(built):
    from hongtou.verify import check_xml

    for path in files(built, ".docx"):
        failed = [c.line() for c in check_xml(path) if not c.ok]
        assert failed == [], path.name
