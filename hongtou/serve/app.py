"""The workbench's pages (Flask). State lives in one `Workbench`: the campaign being worked
on, the output folder, the server's own scratch folder (uploads, previews, LibreOffice
profiles), the build in progress and the documents typeset or checked.

Security, for a server on the secretary's own machine: it listens on 127.0.0.1 only (see
`run`); every request must carry the token printed at start (in the URL once, then a cookie),
every POST carries it again in a field or header (so no other site can make the browser act),
the Host header must be the loopback address (no DNS rebinding), uploads are held to the
reader's limits, and a path typed or clicked resolves inside the campaign, output or scratch
folder or is refused.
"""

from __future__ import annotations

import hmac
import io
import itertools
import secrets
import socket
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from flask import (Flask, abort, jsonify, redirect, render_template, request, send_file,
                   url_for)

from . import library as lib
from .converter import Converter, page_pngs
from .grid import grids

COOKIE = "hongtou_token"
HEADER = "X-Hongtou-Token"
MAX_REQUEST = lib.MAX_FILE_BYTES + 1024 * 1024      # one file at the reader's limit, and a form
TABS = (("campaign", "活动"), ("check", "检查"), ("build_page", "生成"), ("merge_page", "回收"),
        ("typeset_page", "排版"), ("verify_page", "检查公文"))


class Refused(Exception):
    """A request for something outside the allowed folders, or an upload over the limits."""


@dataclass
class BuildJob:
    id: int
    pdf: bool
    today: date | None = None             # the day the round is judged on (build --today)
    state: str = "生成中"                 # 生成中 → 预览中 → 完成 | 失败
    steps: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    pages: dict[int, int] = field(default_factory=dict)   # file index → pages drawn
    problems: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    pdfs: list[str] = field(default_factory=list)
    note: str = ""
    started: float = field(default_factory=time.monotonic)
    first_preview: float | None = None    # seconds from the start to 通知 page 1


@dataclass
class Doc:
    """A document typeset or checked on the page: its files in the scratch folder."""

    id: int
    name: str
    docx: Path
    pages: int = 0
    checks: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Workbench:
    def __init__(self, data: Path, out: Path, template_dirs: list[Path] = (),
                 converter: Converter | None = None, pdf: bool = False,
                 scratch: Path | None = None):
        self.token = secrets.token_urlsafe(24)
        self.data = Path(data).resolve()
        self.label = self.data.name             # what the header calls the campaign
        self.out = Path(out).resolve()
        self.home = self.data.parent if self.data.is_file() else self.data
        self.root = self.home.parent           # folders the secretary may open lie under it
        self.scratch = Path(scratch or tempfile.mkdtemp(prefix="hongtou-serve-")).resolve()
        self.template_dirs = list(template_dirs)
        self.converter = converter or Converter(self.scratch / "lo")
        self.pdf = pdf
        self.job: BuildJob | None = None
        self.docs: dict[int, Doc] = {}
        self.merges: dict[int, dict] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()

    @property
    def uploaded(self) -> bool:
        """Whether the campaign is a dropped copy (fixing the original needs a new drop)."""
        return self.data.is_relative_to(self.scratch)

    def next_id(self) -> int:
        return next(self._ids)

    def inside(self, path: Path, *folders: Path) -> Path:
        """`path` resolved, if it lies in one of `folders`; else Refused."""
        resolved = path.resolve()
        for folder in folders:
            if resolved == folder or resolved.is_relative_to(folder):
                return resolved
        raise Refused("路径不在允许的文件夹内，已拒绝")

    def save_upload(self, storage, folder: Path, name: str | None = None,
                    suffixes: tuple[str, ...] = ()) -> Path:
        """An uploaded file saved in the scratch folder, held to the reader's limits."""
        original = (storage.filename or "").replace("\\", "/").rsplit("/", 1)[-1]
        suffix = Path(original).suffix.lower()
        if not original or (suffixes and suffix not in suffixes):
            raise Refused(f"不能使用这种文件「{original}」：请选择 {'、'.join(suffixes)} 文件")
        folder.mkdir(parents=True, exist_ok=True)
        target = self.inside(folder / lib.safe_name(name or original), self.scratch)
        storage.save(target)
        fault = lib.upload_fault(target)
        if fault:
            target.unlink()
            raise Refused(f"{original}：{fault}")
        return target

    # -- 生成 ----------------------------------------------------------------------------------

    def start_build(self, pdf: bool, today: date | None = None) -> BuildJob:
        with self._lock:
            if self.job is not None and self.job.state in ("生成中", "预览中"):
                return self.job
            self.job = BuildJob(self.next_id(), pdf, today)
        threading.Thread(target=self._run_build, args=(self.job,), daemon=True).start()
        return self.job

    def _run_build(self, job: BuildJob) -> None:
        try:
            built = lib.build(self.data, self.out, self.template_dirs, job.steps.append,
                              job.today)
        except lib.InputError as exc:
            job.problems = [p.message() for p in exc.problems]
            job.state = "失败"
            return
        except lib.WriteError as exc:
            job.problems = [str(exc)]
            job.state = "失败"
            return
        except Exception as exc:  # noqa: BLE001  a fault of ours: said on the page, not hung
            job.problems = [f"生成时出错（请把这句话告诉维护人员）：{type(exc).__name__}: {exc}"]
            job.state = "失败"
            return
        job.summary = built.summary
        job.files = built.files
        job.state = "预览中"
        try:
            pdfs = self._previews(job)
        except Exception as exc:   # noqa: BLE001  the files are written; only the pictures failed
            job.note = f"页面预览失败（文件已生成，可下载查看）：{exc}"
            job.state = "完成"
            return
        missing = len(job.files) - len(pdfs)
        if self.converter.note:
            job.note = self.converter.note
        elif missing:
            job.note = f"有 {missing} 个文件未能生成预览"
        if job.pdf and pdfs:
            try:
                job.pdfs = lib.write_pdfs(self.out, pdfs)
            except lib.WriteError as exc:
                job.note = str(exc)
        job.state = "完成"

    def _previews(self, job: BuildJob) -> dict[str, Path]:
        """PDF and PNG pages of every output, 通知 first and alone (it is looked at first)."""
        first = [r for r in job.files if r == lib.NOTICE_FILE]
        rest = [r for r in job.files if r not in first]
        pdfs: dict[str, Path] = {}
        for batch in (first, rest):
            converted = self.converter.to_pdf([self.out / r for r in batch])
            for rel in batch:
                pdf = converted.get(self.out / rel)
                if pdf is None:
                    continue
                pdfs[rel] = pdf
                index = job.files.index(rel)
                job.pages[index] = len(page_pngs(pdf, self.preview_dir(job, index)))
                if job.first_preview is None:
                    job.first_preview = time.monotonic() - job.started
        return pdfs

    def preview_dir(self, job: BuildJob, index: int) -> Path:
        return self.scratch / "previews" / str(job.id) / str(index)

    # -- 排版 and 检查公文 ---------------------------------------------------------------------

    def doc_dir(self, doc_id: int) -> Path:
        return self.scratch / "docs" / str(doc_id)

    def draw(self, doc: Doc) -> Path | None:
        pdf = self.converter.to_pdf([doc.docx]).get(doc.docx)
        if pdf is not None:
            doc.pages = len(page_pngs(pdf, self.doc_dir(doc.id) / "pages"))
        return pdf

    def close(self) -> None:
        self.converter.close()
        shutil.rmtree(self.scratch, ignore_errors=True)


def create_app(bench: Workbench) -> Flask:
    """The pages. `app.config["PORT"]`, once the server listens, is the only port the Host
    header may name (the test client sends a bare `localhost`)."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST
    app.config["PORT"] = None
    app.extensions["workbench"] = bench

    def same(given: str | None) -> bool:
        return bool(given) and hmac.compare_digest(given.encode(), bench.token.encode())

    @app.before_request
    def guard():
        port = app.config["PORT"]
        cookie = COOKIE if port is None else f"{COOKIE}_{port}"   # cookies ignore the port
        if request.host not in {h if port is None else f"{h}:{port}"
                                for h in ("127.0.0.1", "localhost")}:
            abort(403)
        if same(request.args.get("token")):
            if request.method == "GET":   # the token leaves the address bar for a cookie
                response = redirect(request.path)
                response.set_cookie(cookie, bench.token, httponly=True, samesite="Strict")
                return response
        elif not same(request.cookies.get(cookie)):
            abort(403)
        if request.method not in ("GET", "HEAD") and not (
                same(request.headers.get(HEADER)) or same(request.form.get("token"))):
            abort(403)

    @app.after_request
    def headers(response):
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'")
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.errorhandler(403)
    def forbidden(e):
        return _message("禁止访问：请使用启动时显示的带 token 的地址打开工作台。", 403)

    @app.errorhandler(413)
    def too_large(e):
        return _message(f"上传的文件太大（每次最多 {lib.MAX_FILE_BYTES // (1024 * 1024)} MB），已拒绝。", 413)

    @app.errorhandler(Refused)
    @app.errorhandler(lib.WriteError)
    def refused(e):
        return _message(str(e), 400)

    @app.errorhandler(500)
    def internal(e):
        original = getattr(e, "original_exception", None) or e
        return _message(f"出错了（请把这句话告诉维护人员）：{type(original).__name__}: {original}", 500)

    def _message(text: str, status: int):
        if request.accept_mimetypes.best == "application/json" or request.path.startswith("/api/"):
            return jsonify({"ok": False, "error": text}), status
        return render_template("message.html", text=text, tabs=TABS, bench=bench), status

    @app.context_processor
    def common():
        return {"tabs": TABS, "bench": bench, "token": bench.token, "log_sheet": lib.LOG_SHEET}

    # -- 活动 ------------------------------------------------------------------------------------

    @app.get("/")
    def campaign():
        checked = lib.check(bench.data)
        return render_template("campaign.html", checked=checked, folders=_campaign_folders(bench))

    def _chosen(name: str, missing: str):
        """The file sent in the form field `name`, else Refused(`missing`)."""
        upload = request.files.get(name)
        if upload is None or not upload.filename:
            raise Refused(missing)
        return upload

    @app.post("/upload")
    def upload():
        workbook = _chosen("workbook", "请选择活动工作簿（.xlsx、.xls 或 .ods）")
        folder = bench.scratch / "campaigns" / str(bench.next_id())
        saved = bench.save_upload(workbook, folder, suffixes=lib.WORKBOOK_SUFFIXES)
        body = request.files.get("body")
        if body is not None and body.filename:
            suffix = Path(body.filename).suffix.lower()
            bench.save_upload(body, folder, "方案正文" + suffix, (".txt", ".md", ".docx"))
        bench.data, bench.label = folder, saved.name
        bench.job = None
        return redirect(url_for("check" if request.form.get("next") == "check" else "campaign"))

    @app.post("/open")
    def open_folder():
        chosen = bench.inside(bench.root / request.form.get("path", ""), bench.root)
        if not chosen.exists():
            raise Refused("找不到这个文件夹")
        bench.data, bench.label = chosen, chosen.name
        bench.job = None
        return redirect(url_for("campaign"))

    # -- 检查 ------------------------------------------------------------------------------------

    @app.get("/check")
    def check():
        checked = lib.check(bench.data)
        tables = lib.sheets(bench.data) if checked.problems else {}
        return render_template("check.html", checked=checked,
                               grids=grids(tables, checked.problems))

    # -- 生成 ------------------------------------------------------------------------------------

    @app.get("/build")
    def build_page():
        return render_template("build.html", job=bench.job)

    @app.post("/build")
    def build():
        day = request.form.get("today", "").strip()
        try:
            today = date.fromisoformat(day) if day else None
        except ValueError:
            raise Refused(f"统计截至「{day}」不是日期：请按 2022-04-27 的样子填写，或留空") from None
        bench.start_build(request.form.get("pdf") in ("1", "on", "true"), today)
        if request.accept_mimetypes.best == "application/json":
            return jsonify(_job_json(bench.job))
        return redirect(url_for("build_page"))

    @app.get("/api/build")
    def api_build():
        return jsonify(_job_json(bench.job))

    def _job_json(job: BuildJob | None) -> dict:
        if job is None:
            return {"state": None}
        return {"id": job.id, "state": job.state, "steps": job.steps, "problems": job.problems,
                "summary": job.summary, "note": job.note, "pdfs": job.pdfs,
                "first_preview": job.first_preview,
                "files": [{"name": rel, "index": i, "pages": job.pages.get(i, 0),
                           "download": url_for("download", rel=rel),
                           "preview": [url_for("preview", job_id=job.id, index=i, page=n)
                                       for n in range(1, job.pages.get(i, 0) + 1)]}
                          for i, rel in enumerate(job.files)]}

    def _png(folder: Path, page: int):
        png = folder / f"{page}.png"
        if not png.is_file():
            abort(404)
        return send_file(png, mimetype="image/png")

    @app.get("/preview/<int:job_id>/<int:index>/<int:page>.png")
    def preview(job_id: int, index: int, page: int):
        job = bench.job
        if job is None or job.id != job_id:
            abort(404)
        return _png(bench.preview_dir(job, index), page)

    @app.get("/download/<path:rel>")
    def download(rel: str):
        path = bench.inside(bench.out / rel, bench.out)      # ../ is refused here
        job = bench.job
        if job is None or rel not in (*job.files, *job.pdfs) or not path.is_file():
            abort(404)                                       # only what this build made
        return send_file(path, as_attachment=True, download_name=Path(rel).name)

    @app.get("/download-all.zip")
    def download_all():
        job = bench.job
        if job is None or not job.files:
            abort(404)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for rel in (*job.files, *job.pdfs):
                z.write(bench.inside(bench.out / rel, bench.out), rel)
        buf.seek(0)
        return send_file(buf, mimetype="application/zip", as_attachment=True,
                         download_name="全部文书.zip")

    @app.post("/open-output")
    def open_output():
        note = lib.open_folder(bench.out)
        return jsonify({"ok": not note, "note": note})

    # -- 回收 ------------------------------------------------------------------------------------

    @app.get("/merge")
    def merge_page():
        return render_template("merge.html", merge=None)

    @app.post("/merge")
    def merge():
        files = [f for f in request.files.getlist("returned") if f.filename]
        if not files:
            raise Refused("请选择各部门交回的分发表（.xlsx）")
        merge_id = bench.next_id()
        folder = bench.scratch / "returns" / str(merge_id)
        paths = [bench.save_upload(f, folder, suffixes=lib.RETURN_SUFFIXES) for f in files]
        today = date.today()
        try:
            result = lib.merge(bench.data, paths, today)
        except lib.InputError as exc:
            return render_template("merge.html", merge=None,
                                   problems=[p.message() for p in exc.problems])
        bench.merges[merge_id] = {"result": result, "today": today, "written": None,
                                  "history": None}
        return render_template("merge.html", merge=bench.merges[merge_id], merge_id=merge_id)

    def _merge(merge_id: int, written: bool = False) -> dict:
        """The merge shown as `merge_id` (written already, if `written`), else 404."""
        m = bench.merges.get(merge_id)
        if m is None or (written and m["written"] is None):
            abort(404)
        return m

    @app.post("/merge/<int:merge_id>/confirm")
    def merge_confirm(merge_id: int):
        m = _merge(merge_id)
        if m["written"] is None and m["result"].changes:
            m["written"], m["history"] = lib.write_merged(m["result"], m["today"])
        return render_template("merge.html", merge=m, merge_id=merge_id)

    @app.post("/merge/<int:merge_id>/continue")
    def merge_continue(merge_id: int):
        """The next round: the merged master is the campaign's workbook now (as after `merge`),
        so the campaign is read again and built anew."""
        _merge(merge_id, written=True)
        bench.job = None
        return redirect(url_for("campaign"))

    @app.get("/merge/<int:merge_id>/download")
    def merge_download(merge_id: int):
        m = _merge(merge_id, written=True)
        return send_file(m["written"], as_attachment=True, download_name=m["written"].name)

    # -- 排版 and 检查公文 -----------------------------------------------------------------------

    def _doc(doc_id: int) -> Doc:
        doc = bench.docs.get(doc_id)
        if doc is None:
            abort(404)
        return doc

    def _doc_page(template: str):
        """The 排版 or 检查公文 page, with the document `?doc=` names (if any)."""
        doc = bench.docs.get(request.args.get("doc", type=int) or 0)
        return render_template(template, doc=doc)

    @app.get("/typeset")
    def typeset_page():
        return _doc_page("typeset.html")

    @app.post("/typeset")
    def typeset():
        doc_id = bench.next_id()
        folder = bench.doc_dir(doc_id)
        draft = request.files.get("draft")
        if draft is not None and draft.filename:
            source = bench.save_upload(draft, folder, suffixes=(".txt", ".md", ".docx"))
        else:
            text = request.form.get("text", "").strip()
            if not text:
                raise Refused("请粘贴要排版的文字，或选择一个 .txt/.md/.docx 文件")
            folder.mkdir(parents=True)
            source = folder / "正文.txt"
            source.write_text(text, encoding="utf-8")
        red = {"red": True, "plain": False}.get(request.form.get("head", ""))
        try:
            data, warnings = lib.typeset(source, red)
        except lib.InputError as exc:
            return render_template("typeset.html", doc=None,
                                   problems=[p.message() for p in exc.problems])
        docx = folder / "out" / f"{source.stem}（排版）.docx"
        docx.parent.mkdir(parents=True, exist_ok=True)
        docx.write_bytes(data)
        doc = bench.docs[doc_id] = Doc(doc_id, docx.name, docx, warnings=warnings)
        bench.draw(doc)
        return redirect(url_for("typeset_page", doc=doc_id))

    @app.get("/verify")
    def verify_page():
        return _doc_page("verify.html")

    @app.post("/verify")
    def verify():
        upload = _chosen("docx", "请选择要检查的 Word 公文（.docx）")
        doc_id = bench.next_id()
        docx = bench.save_upload(upload, bench.doc_dir(doc_id), suffixes=(".docx",))
        doc = Doc(doc_id, docx.name, docx)
        try:
            doc.checks = lib.verify_xml(docx)
        except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
            raise Refused(f"无法读取文件：{exc}（请确认是 Word 另存的 .docx）") from exc
        pdf = bench.draw(doc)
        if pdf is not None:
            doc.checks += lib.verify_rendered(pdf)
        bench.docs[doc_id] = doc
        return redirect(url_for("verify_page", doc=doc_id))

    @app.get("/doc/<int:doc_id>/<int:page>.png")
    def doc_page(doc_id: int, page: int):
        _doc(doc_id)
        return _png(bench.doc_dir(doc_id) / "pages", page)

    @app.get("/doc/<int:doc_id>/download")
    def doc_download(doc_id: int):
        doc = _doc(doc_id)
        return send_file(doc.docx, as_attachment=True, download_name=doc.name)

    return app


HOST = "127.0.0.1"     # never another interface: the workbench is for this machine only


def listen(bench: Workbench, port: int = 0):
    """The server for `bench` on 127.0.0.1:`port` (0: a free one), not yet serving, and the
    address to open (with the token). OSError when the port is taken."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.WARNING)   # not a line per page poll
    app = create_app(bench)
    if port:   # werkzeug exits with an English message of its own on a taken port
        with socket.socket() as probe:
            probe.bind((HOST, port))
    server = make_server(HOST, port, app, threaded=True)
    app.config["PORT"] = server.server_port
    return server, f"http://{HOST}:{server.server_port}/?token={bench.token}"


def _campaign_folders(bench: Workbench) -> list[str]:
    """Folders beside the current campaign that hold a workbook (to open with one click)."""
    out = []
    try:
        for d in sorted(bench.root.iterdir()):
            if d.is_dir() and not d.name.startswith(".") and d.resolve() != bench.out and any(
                    f.suffix.lower() in lib.WORKBOOK_SUFFIXES and not f.name.startswith("~$")
                    for f in d.iterdir() if f.is_file()):
                out.append(d.name)
    except OSError:
        pass
    return out[:50]
