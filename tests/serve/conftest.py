"""Fixtures: a workbench on a copy of the example campaign (see workbench.py)."""

from __future__ import annotations

import pytest

flask = pytest.importorskip("flask")

from tests.serve.workbench import Bench  # noqa: E402


@pytest.fixture
def wb(tmp_path):
    b = Bench(tmp_path)
    yield b
    b.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example built on the page with the PDF switch on, every preview drawn (needs
    LibreOffice)."""
    from tests.helpers import need_render

    need_render()
    b = Bench(tmp_path_factory.mktemp("built"))
    b.job = b.build(pdf=True)
    yield b
    b.close()
