"""docs/bad_inputs.md is exactly what make_table.py makes from the catalogue."""

from tests.bad import make_table


def test_the_committed_table_matches_the_catalogue():
    assert make_table.DOC.read_text(encoding="utf-8") == make_table.render(), \
        "docs/bad_inputs.md is out of date: run python tests/bad/make_table.py"
