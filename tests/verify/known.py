"""Faults of today's generated documents that verify's page rules (issue 12) now report, and
that branch `pages` fixes. Tests that check the build's output passes verify leave these rules
out of that assertion, and each such test has a strict xfail next to it that asserts the rule
passes — it starts passing (and so fails, being strict) when the fix is merged: then delete the
rule here and the xfail there."""

from __future__ import annotations

ISSUE12: dict[tuple[str, str], str] = {}
# every page rule of issue 12 that the build's own documents are held to
PAGE_RULES = [("§7.3.5", "署名页有正文"), ("表格", "表格单元格内词语不断开"),
              ("§7.4.3", "印发日期右空一字"), ("§10.1", "上方红色双线在标志下")]
REASON = "{}: a real fault verify now finds, fixed on branch pages"


def known(check) -> bool:
    """A failing check of a rule in ISSUE12."""
    return not check.ok and (check.clause, check.rule) in ISSUE12


def known_line(line: str) -> bool:
    """A report line `[不符] clause rule：…` of a rule in ISSUE12."""
    return any(line.strip().startswith(f"[不符] {c} {r}：") for c, r in ISSUE12)


def xfail(rule: tuple[str, str]):
    """A strict xfail for a rule in ISSUE12; no mark for the others."""
    import pytest

    if rule not in ISSUE12:
        return ()
    return pytest.mark.xfail(strict=True, reason=REASON.format(ISSUE12[rule]))
