"""The workbench over HTTP (Flask's test client): the token, the pages, the refusals."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import openpyxl

from hongtou.model import Light
from hongtou.read import read_campaign
from hongtou.read.tables import MAX_FILE_BYTES
from hongtou.rules.status import assess

from tests.serve.workbench import DATA, Bench


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


# -- the token ------------------------------------------------------------------------------


def it_refuses_every_request_without_the_token(tmp_path):
    b = Bench(tmp_path)
    fresh = b.app.test_client()
    for url in ("/", "/check", "/build", "/api/build", "/download-all.zip", "/static/app.js",
                "/merge", f"/?token={b.token}x"):
        assert fresh.get(url).status_code == 403, url
    assert fresh.post("/build", data={"token": "nope"}).status_code == 403
    b.close()


def it_trades_the_token_in_the_address_for_a_cookie(tmp_path):
    b = Bench(tmp_path)
    fresh = b.app.test_client()
    r = fresh.get(f"/check?token={b.token}")
    assert r.status_code == 302 and r.headers["Location"] == "/check"
    cookie = r.headers["Set-Cookie"]
    assert b.token in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert fresh.get("/check").status_code == 200
    b.close()


def it_wants_the_token_in_every_post_not_only_the_cookie(wb):
    # a form another site makes the browser send carries the cookie but not the token
    assert wb.client.post("/build", data={}).status_code == 403
    assert wb.client.post("/open", data={"path": "data"}).status_code == 403
    assert wb.client.post("/build", headers={"X-Hongtou-Token": wb.token}).status_code == 302


def it_answers_only_to_the_loopback_host(wb):
    """A page on another name that resolves to 127.0.0.1 (DNS rebinding) gets nothing."""
    url = f"/?token={wb.token}"
    assert wb.client.get(url, headers={"Host": "evil.example"}).status_code == 403
    wb.app.config["PORT"] = 8765
    r = wb.client.get(url, headers={"Host": "127.0.0.1:8765"})
    assert r.status_code == 302
    # a cookie of its own port: two workbenches open at once do not log each other out
    assert r.headers["Set-Cookie"].startswith("hongtou_token_8765=")
    assert wb.client.get(url, headers={"Host": "127.0.0.1:9999"}).status_code == 403


# -- 活动 and 检查 -----------------------------------------------------------------------------


def it_shows_the_campaign_with_its_issues_and_lights(wb):
    page = _text(wb.client.get("/"))
    c = read_campaign(DATA)
    a = assess(c, c.meta.as_of)
    assert '问题清单 <b id="issues">36</b> 项' in page
    for light, name in ((Light.RED, "red"), (Light.YELLOW, "yellow"), (Light.GREEN, "green")):
        assert f'<b id="{name}">{a.count(light)}</b>' in page
    assert sum(a.count(x) for x in Light) == 36
    assert "六工党〔2022〕7号" in page


def _broken_copy(tmp_path: Path) -> Path:
    """The example workbook with an impossible 整改时限 in 问题清单, row 6 as Excel shows it."""
    wb = openpyxl.load_workbook(DATA / "活动.xlsx")
    ws = wb["问题清单"]
    header = next(r for r in range(1, 10)
                  if any(c.value == "整改时限" for c in ws[r]))
    col = next(c.column for c in ws[header] if c.value == "整改时限")
    ws.cell(header + 2, col).value = "2022-02-30"
    path = tmp_path / "坏表.xlsx"
    wb.save(path)
    return path, header + 2, col


def it_marks_the_faulty_cell_on_the_grid(wb, tmp_path):
    path, row, col = _broken_copy(tmp_path)
    r = wb.post("/upload", {"workbook": (path.open("rb"), "坏表.xlsx")})
    assert r.status_code == 302
    assert "表格有" in _text(wb.client.get("/"))
    html = wb.client.get("/check").get_data(as_text=True)
    assert "发现 1 处问题" in html
    faults = re.findall(r'<td class="fault" id="cell-(\d+)"[^>]*>([^<]*)</td>', html)
    assert faults == [("0", "2022-02-30")]
    # it is in the row and column the reader named
    grid = html[html.index('<table class="grid" data-sheet="问题清单"'):]
    row_html = re.search(rf"<tr>\s*<th\s*>{row}</th>(.*?)</tr>", grid, re.S).group(1)
    cells = re.findall(r"<td[^>]*>([^<]*)</td>", row_html)
    assert cells[col - 1] == "2022-02-30"
    problem = re.search(r'<tr id="problem-0".*?</tr>', html, re.S).group(0)
    assert "问题清单" in problem and f"<td>{row}</td>" in problem and "整改时限" in problem
    # a dropped copy is re-checked by dropping the corrected file here again
    r = wb.post("/upload", {"workbook": ((DATA / "活动.xlsx").open("rb"), "坏表.xlsx"),
                            "next": "check"})
    assert r.headers["Location"] == "/check"
    assert "检查通过" in wb.client.get("/check").get_data(as_text=True)


def it_marks_a_fault_on_the_key_value_sheet_beside_its_key(wb, tmp_path):
    book = openpyxl.load_workbook(DATA / "活动.xlsx")
    ws = book["发文信息"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value == "成文日期")
    ws.cell(row, 2).value = "2022年13月1日"
    book.save(tmp_path / "坏日期.xlsx")
    wb.post("/upload", {"workbook": ((tmp_path / "坏日期.xlsx").open("rb"), "坏日期.xlsx")})
    html = wb.client.get("/check").get_data(as_text=True)
    faults = re.findall(r'<td class="fault" id="cell-(\d+)"[^>]*>([^<]*)</td>', html)
    assert ("0", "2022年13月1日") in faults


def it_keeps_an_uploaded_file_in_its_own_folder_whatever_its_name(wb):
    workbook = (DATA / "活动.xlsx").read_bytes()
    r = wb.post("/upload", {"workbook": (io.BytesIO(workbook), "../../../逃逸.xlsx")})
    assert r.status_code == 302
    saved = wb.bench.data
    assert saved.is_relative_to(wb.bench.scratch / "campaigns")
    assert [p.name for p in saved.iterdir()] == ["逃逸.xlsx"]
    assert not (wb.bench.scratch.parent / "逃逸.xlsx").exists()
    assert '<b id="issues">36</b>' in wb.client.get("/").get_data(as_text=True)


def it_offers_the_campaign_folders_but_not_the_output(built):
    page = built.client.get("/").get_data(as_text=True)
    offered = re.findall(r'<button name="path" value="([^"]+)"', page)
    assert offered == ["data"]


def it_refuses_a_workbook_over_the_readers_limit(wb):
    big = io.BytesIO(b"PK\x03\x04" + b"\0" * (MAX_FILE_BYTES + 2 * 1024 * 1024))
    r = wb.post("/upload", {"workbook": (big, "大表.xlsx")})
    assert r.status_code == 413
    assert "太大" in r.get_data(as_text=True)
    assert wb.bench.data.name == "data"     # the campaign did not change


def it_refuses_a_zip_bomb(wb):
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"\0" * (8 * 1024 * 1024))
    bomb.seek(0)
    r = wb.post("/upload", {"workbook": (bomb, "炸弹.xlsx")})
    assert r.status_code == 400 and "压缩比异常" in r.get_data(as_text=True)
    assert not list((wb.bench.scratch / "campaigns").rglob("*.xlsx"))


def it_refuses_paths_outside_its_folders(wb):
    for path in ("../..", "../../etc", "/etc", "data/../../.."):
        r = wb.post("/open", {"path": path})
        assert r.status_code == 400, path
        assert "不在允许的文件夹内" in r.get_data(as_text=True)
    assert wb.bench.data.name == "data"
    assert wb.post("/open", {"path": "data"}).status_code == 302
    for url in ("/download/..%2F..%2Fdata%2F活动.xlsx", "/download/../../data/活动.xlsx",
                "/download/%2Fetc%2Fpasswd"):
        r = wb.client.get(url, follow_redirects=True)
        assert r.status_code in (400, 404), url
        assert b"PK" not in r.data[:2] and b"root:" not in r.data


def it_refuses_a_file_of_the_wrong_kind(wb):
    r = wb.post("/upload", {"workbook": (io.BytesIO(b"hello"), "说明.exe")})
    assert r.status_code == 400 and "不能使用这种文件" in r.get_data(as_text=True)


# -- 生成 -----------------------------------------------------------------------------------


def it_builds_with_previews_and_zips_every_output(built):
    job = built.job
    assert job["state"] == "完成", job
    names = [f["name"] for f in job["files"]]
    assert {"通知.docx", "日程安排表.docx", "整改台账.docx", "整改台账.xlsx"} <= set(names)
    assert any(n.startswith("分发/") for n in names) and any(n.startswith("督办/") for n in names)
    notice = next(f for f in job["files"] if f["name"] == "通知.docx")
    assert notice["pages"] >= 3 and len(notice["preview"]) == notice["pages"]
    png = built.client.get(notice["preview"][0])
    assert png.status_code == 200 and png.data[:8] == b"\x89PNG\r\n\x1a\n"
    import pymupdf
    pix = pymupdf.Pixmap(png.data)
    assert abs(pix.width - 595) <= 1 and abs(pix.height - 842) <= 1     # A4 at 72 dpi
    assert all(f["pages"] >= 1 for f in job["files"]), [f["name"] for f in job["files"] if not f["pages"]]
    # the PDF switch: a PDF beside every output, named as build --pdf names them
    assert {"通知.pdf", "整改台账.pdf", "整改台账（表格）.pdf"} <= set(job["pdfs"])
    assert len(job["pdfs"]) == len(names)
    out = built.bench.out
    with pymupdf.open(out / "通知.pdf") as pdf:
        assert pdf.page_count == notice["pages"]
    z = zipfile.ZipFile(io.BytesIO(built.client.get("/download-all.zip").data))
    assert sorted(z.namelist()) == sorted(names + job["pdfs"])
    for name in names + job["pdfs"]:
        assert z.read(name) == (out / name).read_bytes(), name
    one = built.client.get("/download/" + notice["download"].split("/download/", 1)[1])
    assert one.data == (out / "通知.docx").read_bytes()


def it_builds_on_the_day_given_as_build_today_does(wb):
    """A new round is judged on its own day: 2022-02-16, before any deadline, has no late
    department, so no 督办; a day that is not a date is refused in Chinese."""
    r = wb.post("/build", {"today": "2月16日"})
    assert r.status_code == 400 and "不是日期" in r.get_data(as_text=True)
    job = wb.build(today="2022-02-16")
    assert job["state"] == "完成", job
    assert any("统计截至 2022-02-16" in line for line in job["summary"]), job["summary"]
    assert not any(f["name"].startswith("督办/") for f in job["files"])


def it_shows_a_failed_build_with_the_problems(wb, tmp_path):
    path, row, _ = _broken_copy(tmp_path)
    wb.post("/upload", {"workbook": (path.open("rb"), "坏表.xlsx")})
    job = wb.build()
    assert job["state"] == "失败" and job["files"] == []
    assert any(f"第{row}行" in p and "整改时限" in p for p in job["problems"])
    assert not wb.bench.out.exists()


def it_says_so_when_the_build_breaks_unexpectedly(wb, monkeypatch):
    def broken(*args, **kw):
        raise RuntimeError("模板引擎出错")

    monkeypatch.setattr("hongtou.serve.library.build", broken)
    job = wb.build(timeout=60)          # was: 生成中 for ever
    assert job["state"] == "失败"
    assert job["problems"] == ["生成时出错（请把这句话告诉维护人员）：RuntimeError: 模板引擎出错"]


def it_answers_a_fault_of_its_own_in_chinese(wb, monkeypatch):
    def broken(*args, **kw):
        raise KeyError("发文信息")

    monkeypatch.setattr("hongtou.serve.library.check", broken)
    r = wb.client.get("/")
    assert r.status_code == 500
    assert "出错了（请把这句话告诉维护人员）：KeyError" in r.get_data(as_text=True)


# -- 回收 -----------------------------------------------------------------------------------


def it_merges_returned_workbooks_after_confirmation(built, tmp_path):
    from tests.merge.merge_samples import Return

    returned = tmp_path / "办公室.xlsx"
    source = next(f for f in built.job["files"] if f["name"].startswith("分发/"))["name"]
    with Return(built.bench.out / source, save_as=returned) as r:
        key = r.ids()[0]
        r.set(key, "进展情况", "已于4月完成整改")
    page = _text(built.post("/merge", {"returned": [(returned.open("rb"), returned.name)]}))
    assert 'id="change-count">1</b>' in page and "已于4月完成整改" in page
    merge_id = re.search(r'action="/merge/(\d+)/confirm"', page).group(1)
    data = built.bench.data
    master = data / "活动.xlsx"
    before = master.read_bytes()
    assert not (data / "历史").exists()                            # nothing written yet
    try:
        page = _text(built.post(f"/merge/{merge_id}/confirm"))
        # as `merge` does: the merged master replaces the campaign's, the old one kept in 历史/
        assert "已更新总表" in page and "原总表已存入" in page
        (kept,) = (data / "历史").glob("*.xlsx")
        assert kept.read_bytes() == before and kept.name in page
        ws = openpyxl.load_workbook(master)["问题清单"]
        assert any(c.value == "已于4月完成整改" for row in ws.iter_rows() for c in row)
        download = built.client.get(f"/merge/{merge_id}/download")
        assert download.data == master.read_bytes()
        # the next round is built from the same folder, on the new master
        assert built.post(f"/merge/{merge_id}/continue").status_code == 302
        assert built.bench.data == data
        assert '<b id="issues">36</b>' in built.client.get("/").get_data(as_text=True)
        assert any(i.progress == "已于4月完成整改" for i in read_campaign(data).issues)
    finally:
        master.write_bytes(before)
        shutil.rmtree(data / "历史", ignore_errors=True)


def it_shows_what_merge_says_beside_the_changes(built, tmp_path):
    """The notes `merge` prints (here: the hidden 下发内容 sheet of a return was deleted, so the
    return is compared with the master instead) and the departments that returned nothing
    are on the 回收 page too, not only on the command line."""
    from tests.merge.merge_samples import Return

    returned = tmp_path / "办公室.xlsx"
    source = next(f for f in built.job["files"] if f["name"] == "分发/办公室.xlsx")["name"]
    with Return(built.bench.out / source, save_as=returned) as r:
        r.set(r.ids()[0], "进展情况", "已于4月完成整改")
    wb = openpyxl.load_workbook(returned)
    wb.remove(wb["下发内容"])
    wb.save(returned)
    page = _text(built.post("/merge", {"returned": [(returned.open("rb"), returned.name)]}))
    notes = re.search(r'<ul class="problems" id="merge-notes">(.*?)</ul>', page, re.S)
    assert notes and "隐藏的工作表「下发内容」无法使用（找不到这张工作表）" in notes.group(1)
    silent = re.search(r'<p id="silent">未交回的部门（(\d+) 个）：(.*?)</p>', page)
    departments = {p.stem for p in (built.bench.out / "分发").glob("*.xlsx")} - {"办公室"}
    assert silent and int(silent.group(1)) == len(departments)
    assert set(silent.group(2).split("、")) == departments


# -- 排版 and 检查公文 -------------------------------------------------------------------------


TEXT = """发文机关标志：某某局文件
发文字号：某发〔2022〕3号
---
关于做好安全检查工作的通知

各科室：
一、检查范围
全局各科室。
二、检查时间
3月底前完成。

某某局
2022年3月1日
"""


def it_typesets_pasted_text_with_a_preview(wb):
    need_render()
    r = wb.post("/typeset", {"text": TEXT})
    assert r.status_code == 302
    page = wb.client.get(r.headers["Location"]).get_data(as_text=True)
    assert re.search(r'<img class="page" src="/doc/\d+/1.png"', page)
    doc_id = re.search(r"/doc/(\d+)/download", page).group(1)
    docx = wb.client.get(f"/doc/{doc_id}/download").data
    xml = zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml").decode()
    assert "关于做好安全检查工作的通知" in xml and "某发〔2022〕3号" in xml
    assert wb.client.get(f"/doc/{doc_id}/1.png").data[:4] == b"\x89PNG"


def it_verifies_a_dropped_docx_with_rules_and_pages(built):
    notice = built.bench.out / "通知.docx"
    r = built.post("/verify", {"docx": (notice.open("rb"), "通知.docx")})
    page = _text(built.client.get(r.headers["Location"]))
    assert re.search(r'<span id="failed">0</span> 条不符', page), page[:3000]
    assert int(re.search(r'<span id="passed">(\d+)</span>', page).group(1)) > 10
    assert "§7.2.1" in page or "§" in page
    assert re.search(r'<img class="page" src="/doc/\d+/1.png"', page)


def it_refuses_a_non_docx_for_verify(wb):
    r = wb.post("/verify", {"docx": (io.BytesIO(b"x"), "a.doc")})
    assert r.status_code == 400


def need_render():
    from tests.helpers import need_render as need
    need()


def it_shows_a_hint_when_a_document_has_no_page_preview(wb, tmp_path):
    """排版 and 检查公文 for a document LibreOffice drew no page of: the page says so (its
    macro once lacked the page's context and answered 500)."""
    from hongtou.serve.app import Doc

    docx = tmp_path / "x.docx"
    docx.write_bytes(b"")
    wb.bench.docs[5] = Doc(5, "x.docx", docx, pages=0)
    for page in ("/typeset?doc=5", "/verify?doc=5"):
        r = wb.client.get(page)
        assert r.status_code == 200, (page, r.get_data(as_text=True)[:300])
        text = r.get_data(as_text=True)
        assert "未能生成页面预览" in text or (wb.bench.converter.note or "") in text
