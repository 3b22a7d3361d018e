"""Prepared templates (compiled once, large blocks placed after Jinja, constant parts deflated
once) against the plain docxtpl path a user would write: `DocxTemplate(file).render(context)`
per document. Both documents are opened and their paragraph and table-cell texts, paragraph
styles and cell shading compared, for every built-in template, with a ledger large enough
for its table to take the large-block path."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from hongtou.docs import ledger, notice, reminder, report, schedule
from hongtou.docs.skeletons import LEDGER, NOTICE, REMINDER, REPORT, SCHEDULE, builtin_template
from hongtou.docs.template import _LARGE, Template
from hongtou.read import read_campaign
from hongtou.rules.status import assess
from tests.compare import completed, docx_facts

DATA = Path(__file__).resolve().parent.parent.parent / "data"


@pytest.fixture(scope="module")
def campaign():
    """The example with its issues repeated to 600, some text needing escapes."""
    c = read_campaign(DATA)
    issues = []
    for n in range(600):
        i = c.issues[n % len(c.issues)]
        issues.append(replace(i, key=f"{i.key}-{n}", seq=n + 1,
                              description=i.description + (" a<b & \"c\"" if n % 7 == 0 else "")))
    c.issues = issues
    return c, assess(c, date(2022, 4, 20))


def docxtpl_render(name: str, context: dict) -> bytes:
    """docxtpl's render, then what hongtou does to every rendered document (the 署名's page
    holding text, the 版记's own page: layout.package.complete)."""
    tpl = DocxTemplate(io.BytesIO(builtin_template(name)))
    tpl.render(context, autoescape=True)
    buf = io.BytesIO()
    tpl.save(buf)
    return completed(buf.getvalue())


def contexts(c, a):
    late = reminder.late_items(c, a)
    dept, items = next(iter(late.items()))
    return {NOTICE: notice.context(c), SCHEDULE: schedule.context(c),
            LEDGER: ledger.context(c, a), REPORT: report.context(c, a),
            REMINDER: reminder.context(c, a, dept, items)}


@pytest.mark.parametrize("name", [NOTICE, SCHEDULE, LEDGER, REPORT, REMINDER])
def it_renders_what_docxtpl_renders(campaign, name):
    context = contexts(*campaign)[name]
    tpl = Template.load(name, builtin_template(name), name)
    fast = tpl.render(context)
    assert docx_facts(fast) == docx_facts(docxtpl_render(name, context))
    assert tpl.render(context) == fast   # rendering twice: the same bytes


def it_puts_a_large_block_in_after_jinja(campaign):
    context = contexts(*campaign)[LEDGER]
    assert len(context["台账表"]) > _LARGE
    with zipfile.ZipFile(io.BytesIO(Template.load(LEDGER, builtin_template(LEDGER),
                                                  LEDGER).render(context))) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
        assert zf.testzip() is None
    assert xml.count(context["台账表"]) == 1
    assert "\ue000" not in xml
    assert "a&lt;b &amp; &quot;c&quot;" in xml
