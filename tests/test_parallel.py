"""Both cores: the per-department outputs rendered in a helper process are the same bytes as
rendered in one process; a template fault raised there stops the build as it would here; a
helper that breaks leaves the work to this process."""

from __future__ import annotations

import shutil
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from pathlib import Path

import pytest

from hongtou import build as build_mod
from hongtou import parallel
from hongtou.docs.template import TemplateFault

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
TODAY = date(2022, 4, 20)


@pytest.fixture
def always_parallel(monkeypatch):
    """A helper for any input and any number of issues (the example is far below both)."""
    monkeypatch.setattr(parallel, "MIN_INPUT_BYTES", 0)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    monkeypatch.setattr(build_mod, "MIN_ISSUES", 0)


def build(out: Path, data: Path = DATA):
    return build_mod.build(data, out, TODAY, template_dirs=[ROOT / "templates"])


def it_writes_the_same_bytes_with_a_helper_process(tmp_path, always_parallel):
    parallel_out, _ = build(tmp_path / "p")
    assert "waiting for the helper" in parallel_out.stages   # it did run in the helper
    assert {"督办", "分发"} <= set(parallel_out.stages)
    serial = build_mod.render_all(parallel_out.campaign, TODAY,
                                  build_mod.TemplateSet([DATA / "templates", ROOT / "templates"]))
    assert list(parallel_out.files) == list(serial.files)
    assert parallel_out.files == serial.files
    assert parallel_out.templates == serial.templates
    assert sorted(p.relative_to(tmp_path / "p").as_posix() for p in (tmp_path / "p").rglob("*.*")
                  if p.name != ".hongtou.json") == sorted(serial.files)


def it_stops_with_the_templates_name_when_it_fails_in_the_helper(tmp_path, always_parallel):
    data = tmp_path / "活动"
    shutil.copytree(DATA, data)
    (data / "templates").mkdir(exist_ok=True)
    from test_templates import edited_template
    (data / "templates" / "督办通知.docx").write_bytes(
        edited_template("督办通知", "{{ 反馈日期 }}", "{{ 反馈日子 }}"))
    with pytest.raises(TemplateFault) as caught:
        build(tmp_path / "out", data)
    assert "反馈日子" in caught.value.problem.message()
    assert "督办通知.docx" in caught.value.problem.message()
    assert type(caught.value.__cause__).__name__ == "_RemoteTraceback"  # raised in the helper
    assert not (tmp_path / "out").exists()   # nothing written


def it_renders_here_when_the_helper_breaks():
    broken: Future = Future()
    broken.set_exception(BrokenProcessPool("worker died"))
    job = parallel.Job(lambda x: x * 2, (21,), broken)
    assert job.result() == 42


def it_renders_here_without_a_helper():
    helper = parallel.Helper.none()
    assert not helper.running
    assert helper.submit(sorted, [3, 1, 2]).result() == [1, 2, 3]


def it_starts_no_helper_for_a_small_campaign():
    assert not parallel.Helper.for_input(DATA, "hongtou.build").running
