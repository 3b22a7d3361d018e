"""docs/bad_inputs.md and README's table are exactly what make_table.py makes from the catalogue."""

from tests.bad import make_table


def test_the_committed_table_matches_the_catalogue():
    assert make_table.DOC.read_text(encoding="utf-8") == make_table.render(), \
        "docs/bad_inputs.md is out of date: run python tests/bad/make_table.py"


def test_the_readme_holds_the_same_table():
    readme = make_table.README.read_text(encoding="utf-8")
    assert readme == make_table.render_readme(readme), \
        "README.md's table is out of date: run python tests/bad/make_table.py"
    for case in [*make_table.CASES, *make_table.OUT_CASES]:
        assert f"| `{case.id}` |" in readme
