"""Word templates: the committed ones are what the code generates; a campaign's own template
is used before them; a bad tag stops the build with the template's name; the sandbox holds."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from hongtou.cli import main
from hongtou.docs.skeletons import TEMPLATE_NAMES, builtin_template

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
NOTICE_NAMES = ("版头、标题、主送机关、方案标题、发文机关、成文日期、活动名称、附件说明、落款、附注、"
                "方案、附件、版记")


def document_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as zf:
        xml = zf.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml))


def edited_template(name: str, old: str, new: str) -> bytes:
    """The built-in template with one piece of wording replaced, as a user would in Word."""
    src = zipfile.ZipFile(io.BytesIO(builtin_template(name)))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "word/document.xml":
                xml = data.decode("utf-8")
                assert xml.count(old) == 1
                data = xml.replace(old, new).encode("utf-8")
            dst.writestr(info, data)
    return buf.getvalue()


@pytest.fixture(autouse=True)
def project_dir(monkeypatch):
    """The CLI looks for the project's templates under the working directory it started in."""
    monkeypatch.setattr("hongtou.cli.options.PROJECT_DIR", ROOT)


@pytest.fixture
def campaign(tmp_path) -> Path:
    """A copy of data/ to put a templates/ folder in."""
    folder = tmp_path / "活动"
    shutil.copytree(DATA, folder)
    return folder


def with_template(folder: Path, name: str, old: str, new: str) -> Path:
    path = folder / "templates" / f"{name}.docx"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(edited_template(name, old, new))
    return path


def build(folder: Path, out: Path):
    return CliRunner().invoke(main, ["build", str(folder), "-o", str(out),
                                     "--today", "2022-04-20"])


class DescribeCommittedTemplates:
    @pytest.mark.parametrize("name", TEMPLATE_NAMES)
    def it_matches_what_the_code_generates(self, name):
        committed = ROOT / "templates" / f"{name}.docx"
        assert committed.read_bytes() == builtin_template(name), \
            f"templates/{name}.docx is stale: run python templates/make_templates.py"


class DescribeUserTemplate:
    def it_is_used_before_the_built_in_one(self, campaign, tmp_path):
        tpl = with_template(campaign, "通知", "请认真贯彻执行", "请结合实际认真贯彻落实")
        out = tmp_path / "out"
        result = build(campaign, out)
        assert result.exit_code == 0, result.output
        assert f"模板 通知：{tpl}" in result.output
        text = document_text(out / "通知.docx")
        assert "印发给你们，请结合实际认真贯彻落实。" in text
        assert "请认真贯彻执行" not in text
        # the other documents still come from the project's templates
        assert f"模板 整改台账：{ROOT / 'templates' / '整改台账.docx'}" in result.output


class DescribeBadTemplate:
    def it_names_the_template_and_the_names_it_may_use_for_an_unknown_tag(self, campaign,
                                                                          tmp_path):
        tpl = with_template(campaign, "通知", "请认真贯彻执行", "请认真贯彻执行{{ 不存在 }}")
        out = tmp_path / "out"
        result = build(campaign, out)
        assert result.exit_code == 2
        assert result.stderr == (
            "输入有 1 处问题，未生成任何文件：\n"
            f"  - {tpl}：模板用到了不存在的名称：不存在。可用的名称：{NOTICE_NAMES}\n")
        assert not out.exists()

    def it_names_the_template_and_the_names_it_may_use_for_a_misspelt_tag(self, campaign,
                                                                         tmp_path):
        tpl = with_template(campaign, "通知", "请认真贯彻执行", "请认真贯彻执行{{ 签发 人 }}")
        out = tmp_path / "out"
        result = build(campaign, out)
        assert result.exit_code == 2
        assert not out.exists()
        assert result.stderr.startswith(
            "输入有 1 处问题，未生成任何文件：\n"
            f"  - {tpl}：模板标签写法有误：{{{{ }}}} 里应当只有一个名称，且 {{{{ }}}}、{{% %}} 要成对"
            "（填写的是「")
        assert result.stderr.endswith(f"」）。可用的名称：{NOTICE_NAMES}\n")
        assert "expected token" not in result.stderr      # Jinja's English stays out

    def it_quotes_only_the_paragraph_with_the_misspelt_tag(self, campaign, tmp_path):
        with_template(campaign, "通知", "请认真贯彻执行", "请认真贯彻执行{{ 签发 人 }}")
        result = build(campaign, tmp_path / "out")
        assert result.exit_code == 2
        quoted = re.search(r"（填写的是「(.*?)」）", result.stderr).group(1)
        assert quoted == "现将《{{ 方案标题 }}》印发给你们，请认真贯彻执行{{ 签发 人 }}。"

    def it_refuses_to_reach_python_internals(self, campaign, tmp_path):
        tpl = with_template(campaign, "通知", "请认真贯彻执行",
                            "请认真贯彻执行{{ ''.__class__.__mro__ }}")
        out = tmp_path / "out"
        result = build(campaign, out)
        assert result.exit_code == 2
        assert f"  - {tpl}：模板试图访问不允许的内容，已拒绝" in result.stderr
        assert "不允许" in result.stderr
        assert "<class" not in result.output + result.stderr
        assert not out.exists()

    def it_names_a_template_that_is_not_a_word_file(self, campaign, tmp_path):
        path = campaign / "templates" / "整改台账.docx"
        path.parent.mkdir()
        path.write_bytes(b"not a zip")
        out = tmp_path / "out"
        result = build(campaign, out)
        assert result.exit_code == 2
        assert result.stderr == (
            "输入有 1 处问题，未生成任何文件：\n"
            f"  - {path}：模板不是有效的 Word 文档。请用 Word 另存为 .docx，或删除该文件以使用内置模板\n")
        assert not out.exists()
