"""verify on documents written the way other tools write them (tests/verify/corpus.py): every
compliant variant passes with nothing reported, every planted fault is caught with its clause
and nothing else is reported."""

from __future__ import annotations

import pytest

from hongtou.verify import check_xml

from tests.verify.corpus import ALSO, FAULTS, NUMBER, VARIANTS, Writer, notice, plain


def failing(checks):
    return {(c.clause, c.rule): c.measured for c in checks if not c.ok}


@pytest.mark.parametrize("variant", VARIANTS)
def test_compliant_variant_passes(tmp_path, variant):
    checks = check_xml(notice(tmp_path / f"{variant}.docx", variant))
    assert failing(checks) == {}, "\n".join(c.line() for c in checks)
    rules = {(c.clause, c.rule): c for c in checks}
    # the 版头's rules ran, on the header's 文号 — not the one quoted in the body
    assert rules[("§7.2.5", "发文字号")].measured == NUMBER
    for key in (("§7.2.4", "发文机关标志颜色"), ("§7.2.6", "版头中的红色分隔线"),
                ("§7.3.1", "标题字号"), ("§7.3.5", "成文日期"), ("§7.4.1", "版记分隔线颜色"),
                ("§7.3.3", "正文每段左空二字")):
        assert key in rules, f"{key} did not run\n" + "\n".join(c.line() for c in checks)


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("fault", FAULTS)
def test_planted_fault_is_caught_alone(tmp_path, variant, fault):
    checks = check_xml(notice(tmp_path / f"{variant}-{fault}.docx", variant, fault))
    bad = failing(checks)
    assert set(bad) == {FAULTS[fault]} | ALSO.get(fault, set()), \
        "\n".join(c.line() for c in checks)


def test_plain_document_has_no_header_rules(tmp_path):
    """A black title and a body that quotes 「（长宣字〔2017〕1号）」: not a red-header document —
    the title is not taken for a mark nor the quoted number for the 文号."""
    checks = check_xml(plain(tmp_path / "plain.docx"))
    assert not [c for c in checks if c.clause.startswith(("§7.2", "§7.4"))], \
        "\n".join(c.line() for c in checks)
    assert failing(checks) == {}


@pytest.mark.parametrize("pitch, ok", [(28, True), (28.95, True), (29, False), (27.5, False)])
def test_line_pitch_is_judged_by_lines_per_page(tmp_path, pitch, ok):
    """§5.2.3 22 lines a page: 28 pt fixed (as many tools set it) gives 22 lines on the
    225 mm block as 28.95 pt does; 29 pt gives 21 and 27.5 pt 23."""
    import docx
    from docx.shared import Pt

    path = notice(tmp_path / "n.docx", "direct")
    d = docx.Document(path)
    for p in d.paragraphs:
        if p.paragraph_format.line_spacing == Pt(28.95):
            p.paragraph_format.line_spacing = Pt(pitch)
    d.save(path)
    line = {(c.clause, c.rule): c for c in check_xml(path)}[("§5.2.3", "正文行距（每页 22 行）")]
    assert line.ok is ok, line.line()


def test_a_title_over_a_table_is_not_judged_as_body_text(tmp_path):
    """A title, then only a table (as a typeset 表格材料 is): the body font and size are what a
    paragraph typed there would get — 仿宋 3号 — not the 22 pt 小标宋 title's."""
    w = Writer("styles", None)
    w.title()
    table = w.doc.add_table(rows=2, cols=2)
    for row, texts in zip(table.rows, (("事项", "责任部门"), ("材料汇总", "办公室"))):
        for cell, text in zip(row.cells, texts):
            cell.paragraphs[0].add_run(text)
    w.footers()
    w.doc.save(tmp_path / "table.docx")
    checks = check_xml(tmp_path / "table.docx")
    assert failing(checks) == {}, "\n".join(c.line() for c in checks)
    assert {c.rule: c.measured for c in checks}["正文字号"] == "16 pt"


@pytest.mark.parametrize("variant", ("direct", "styles"))
def test_two_typed_full_width_spaces_are_the_2_zi_indent(tmp_path, variant):
    checks = check_xml(notice(tmp_path / "typed.docx", variant, "body-typed-spaces"))
    assert failing(checks) == {}, "\n".join(c.line() for c in checks)
    assert {c.rule: c.measured for c in checks}["正文每段左空二字"] == "2 字"
