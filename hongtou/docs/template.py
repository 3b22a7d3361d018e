"""Word templates: found (user's first, built-in second), prepared once, rendered many times.

A template is an ordinary .docx a user may open and edit in Word: its styles, page setup,
footers and fixed wording are theirs to change. Tags are docxtpl's (`{{ 标题 }}`, and
`{{p 版头 }}` for a block that replaces its whole paragraph). We reuse docxtpl's own tag
preprocessing (`patch_xml`) but compile the result once with a *sandboxed*, *strict* Jinja
environment: a misspelt `{{ 签发人 }}` stops the build with the template's name instead of
printing a blank, and `{{ ''.__class__ }}` cannot reach Python internals. Rendering a prepared
template is one Jinja call plus a zip, so a thousand reminders cost a thousand renders, not a
thousand template loads; the parts a render does not change (styles, settings, footers,
relationships) are deflated once, when the template is prepared.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import jinja2
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from ..layout.ooxml import Block, strip_illegal
from ..layout.package import COMPLETE_MARKS, DRAWING, add_media, complete, keep_signature
from ..zippack import Packed, pack, zip_packed, zip_parts
from ..model import Problem
from .skeletons import builtin_template



def _finalize(value: object) -> object:
    # Blocks are ready XML; everything else is text from a cell and loses forbidden chars.
    if isinstance(value, Block) or not isinstance(value, str):
        return value
    return strip_illegal(value)


def make_env() -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True,
                                finalize=_finalize, keep_trailing_newline=True)


class TemplateFault(Exception):
    """A template that cannot be used; carries a located Problem for the report."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message())
        self.problem = problem

    def __reduce__(self):  # raised in the helper process, re-raised in the main one
        return (TemplateFault, (self.problem,))


_PATCHER = DocxTemplate.__new__(DocxTemplate)  # only its pure text methods are used
_LARGE = 1 << 16
_TOKEN = "\ue000hongtou-block-{}\ue000"   # private-use characters: never in a template
_TOKENS = re.compile("\ue000hongtou-block-(\\d+)\ue000")
_RENDERED_PARTS = re.compile(r"word/(document|header\d*|footer\d*)\.xml$")


MEDIA = "_media"   # context key: images to add to the package ({relationship id: PNG})


@dataclass
class Template:
    """A prepared template. `origin` says where it came from, for the build report."""

    name: str
    origin: str
    parts: dict[str, bytes]
    compiled: dict[str, jinja2.Template | str]  # str: a tag that does not parse, near text
    packed: dict[str, Packed]                   # the parts rendering leaves as they are

    @classmethod
    def load(cls, name: str, data: bytes, origin: str) -> "Template":
        env = make_env()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                parts = {i.filename: zf.read(i) for i in zf.infolist()}
        except (zipfile.BadZipFile, OSError) as exc:
            raise TemplateFault(Problem(origin, None, None, None, "模板不是有效的 Word 文档",
                                        "请用 Word 另存为 .docx，或删除该文件以使用内置模板")) from exc
        compiled = {}
        for part, blob in parts.items():
            if not _RENDERED_PARTS.match(part):
                continue
            xml = blob.decode("utf-8")
            if "{{" not in xml and "{%" not in xml:
                continue
            src = _PATCHER.patch_xml(xml)
            try:
                compiled[part] = env.from_string(src)
            except jinja2.TemplateSyntaxError:
                # reported when rendering, where the names the template may use are known
                compiled[part] = _near(src, env)
        # what rendering does not change is deflated once, not once per document
        packed = {part: pack(part, blob) for part, blob in parts.items()
                  if part not in compiled}
        return cls(name, origin, parts, compiled, packed)

    def render(self, context: dict) -> bytes:
        rendered: dict[str, list[str]] = {}
        names = "可用的名称：" + "、".join(k for k in context if not k.startswith("_"))
        # Large blocks (a ledger's 20,000-row table) go in after Jinja has run: Jinja would
        # copy them several times over (markup, output, encoding) for nothing.
        large = [k for k, v in context.items() if isinstance(v, Block) and len(v) > _LARGE]
        blocks = [context[k] for k in large]
        if large:
            context = {**context, **{k: Block(_TOKEN.format(i)) for i, k in enumerate(large)}}
        for part, tpl in self.compiled.items():
            if isinstance(tpl, str):
                raise TemplateFault(Problem(
                    self.origin, None, None, tpl or None,
                    "模板标签写法有误：{{ }} 里应当只有一个名称，且 {{ }}、{% %} 要成对",
                    names))
            try:
                xml = tpl.render(context)
            except jinja2.UndefinedError as exc:
                raise TemplateFault(Problem(
                    self.origin, None, None, None,
                    f"模板用到了不存在的名称：{_undefined_name(exc)}", names)) from exc
            except jinja2.exceptions.SecurityError as exc:
                raise TemplateFault(Problem(self.origin, None, None, None,
                                            "模板试图访问不允许的内容，已拒绝", str(exc))) from exc
            except jinja2.TemplateError as exc:
                raise TemplateFault(Problem(self.origin, None, None, None,
                                            f"模板无法生成：{exc}")) from exc
            pieces = _TOKENS.split(xml)  # text, block number, text, …
            for i in range(1, len(pieces), 2):
                pieces[i] = blocks[int(pieces[i])]
            pieces = _declare_namespaces(pieces)
            if part == "word/document.xml":
                pieces = keep_signature(pieces)
            rendered[part] = pieces
        media = context.get(MEDIA)
        if media:   # a seal image: parts and relationships added, the whole zipped anew
            whole = {part: "".join(rendered[part]) if part in rendered else self.parts[part]
                     for part in self.parts}
            return zip_parts(complete(add_media(whole, media)))
        return self._zip(rendered)

    def _zip(self, rendered: dict[str, list[str]]) -> bytes:
        """The archive: the unchanged parts as deflated once, the rendered ones deflated now.
        A document whose 版记 or landscape pages need more (`package.complete`: the 版记's own
        page, the turned footers) is completed first; nothing else is joined or parsed."""
        doc = rendered.get("word/document.xml", ())
        if any(mark in piece for piece in doc for mark in COMPLETE_MARKS):
            whole = {part: "".join(rendered[part]) if part in rendered else self.parts[part]
                     for part in self.parts}
            done = complete(whole)
            if done is not whole:   # what it left as the template had it stays deflated
                return zip_packed(self.packed[part] if data is self.parts.get(part)
                                  else pack(part, data) for part, data in done.items())
        out = {**self.packed, **{part: pack(part, pieces) for part, pieces in rendered.items()}}
        return zip_packed(out[part] for part in self.parts)


_NS_DECL = re.compile(r'\sxmlns:(\w+)="([^"]+)"')
_ROOT = re.compile(r"<w:(document|ftr|hdr)\b[^>]*>")


def _declare_namespaces(pieces: list[str]) -> list[str]:
    """Blocks may use DrawingML (the 版记's text box); a template saved by another program
    may not declare those prefixes on its root. Add what is missing, or Word and LibreOffice
    refuse the whole file. `pieces` joined are the part; the root is in the first."""
    xml = pieces[0]
    m = _ROOT.search(xml)
    if not m:
        return pieces
    root = m.group(0)
    have = {p for p, _ in _NS_DECL.findall(root)}
    missing = [f' xmlns:{p}="{uri}"' for p, uri in _NS_DECL.findall(" " + DRAWING)
               if p not in have and any(f"<{p}:" in piece for piece in pieces)]
    if not missing:
        return pieces
    return [xml[:m.end() - 1] + "".join(missing) + xml[m.end() - 1:], *pieces[1:]]


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    m = re.search(r"'([^']+)' is undefined", str(exc))
    return m.group(1) if m else str(exc)


def _near(src: str, env: jinja2.Environment) -> str:
    """The text of the paragraph where a tag failed to parse (tags stripped), to quote.
    The source is compiled again with one paragraph (or block tag) a line, so the line
    number Jinja reports points at just that paragraph."""
    lined = re.sub(r"<w:p([ >])", r"\n<w:p\1", src)
    lined = re.sub(r"</w:p>(?=\{\{)", "</w:p>\n", lined)
    try:
        env.from_string(lined)
    except jinja2.TemplateSyntaxError as exc:
        lines = lined.splitlines()
        if exc.lineno and 0 < exc.lineno <= len(lines):
            return re.sub(r"<[^>]+>", "", lines[exc.lineno - 1]).strip()[:60]
    return ""


# -- finding templates ---------------------------------------------------------------------


class TemplateSet:
    """Looks for `NAME.docx` in the given folders in order (the campaign's own `templates/`,
    then the project's), then falls back to the built-in template generated from code.
    Each template is prepared once per run."""

    def __init__(self, folders: list[Path]):
        self.folders = [f for f in folders if f and f.is_dir()]
        self._cache: dict[str, Template] = {}

    def get(self, name: str) -> Template:
        if name not in self._cache:
            self._cache[name] = self._load(name)
        return self._cache[name]

    def origins(self) -> dict[str, str]:
        return {n: t.origin for n, t in self._cache.items()}

    def _load(self, name: str) -> Template:
        for folder in self.folders:
            path = folder / f"{name}.docx"
            if path.is_file():
                return Template.load(name, path.read_bytes(), str(path))
        return Template.load(name, builtin_template(name), f"内置模板 {name}.docx")
