"""End to end in a real browser: Debian's chromium driven by Playwright, against the server
listening on 127.0.0.1 with LibreOffice kept warm.

Skipped without Playwright or chromium, except under HONGTOU_REQUIRE_BROWSER=1 (CI), where they
must run. With HONGTOU_SCREENSHOTS=<folder> the pages are saved there as PNG (the README's
pictures come from `HONGTOU_SCREENSHOTS=docs/images`).
"""

from __future__ import annotations

import io
import os
import shutil
import threading
import zipfile
from pathlib import Path

import openpyxl
import pytest

pytest.importorskip("flask")

from hongtou.model import Light  # noqa: E402
from hongtou.read import read_campaign  # noqa: E402
from hongtou.read.tables import MAX_FILE_BYTES  # noqa: E402
from hongtou.rules.status import assess  # noqa: E402
from hongtou.serve.app import Workbench, listen  # noqa: E402
from hongtou.serve.converter import Converter  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CHROMIUM = ("/usr/lib/chromium/chromium", "chromium", "chromium-browser", "google-chrome")
WAIT = 240_000   # ms: a build and its previews on a busy two-core machine


def _unavailable(reason: str) -> None:
    if os.environ.get("HONGTOU_REQUIRE_BROWSER") == "1":
        pytest.fail(f"HONGTOU_REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


def _chromium() -> str:
    given = os.environ.get("HONGTOU_CHROMIUM")
    for name in ((given,) if given else CHROMIUM):
        path = name if os.path.isfile(name) else shutil.which(name)
        if path:
            return path
    _unavailable("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    from tests.helpers import need_render
    need_render()
    executable = _chromium()
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The workbench serving a project folder that holds a copy of data/ (opened at start)."""
    tmp = tmp_path_factory.mktemp("live")
    shutil.copytree(DATA, tmp / "project" / "data")
    bench = Workbench(tmp / "project" / "data", tmp / "project" / "output", [ROOT / "templates"],
                      Converter(tmp / "lo"), scratch=tmp / "scratch")
    bench.converter.start()
    server, url = listen(bench)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield bench, url
    server.shutdown()
    bench.close()


@pytest.fixture
def page(browser, live):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900},
                                  locale="zh-CN")
    p = context.new_page()
    p.set_default_timeout(60_000)
    yield p
    context.close()


def _shot(page, name: str) -> None:
    folder = os.environ.get("HONGTOU_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"))


def _drop(page, selector: str, *files: Path) -> None:
    """Drop `files` on the element as a file manager does (a drop event carrying them)."""
    import base64

    page.evaluate("""([selector, files]) => {
        const dt = new DataTransfer();
        for (const [name, b64] of files) {
            const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], name));
        }
        const target = document.querySelector(selector);
        target.dispatchEvent(new DragEvent("dragover", {dataTransfer: dt, bubbles: true}));
        target.dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true}));
    }""", [selector, [[f.name, base64.b64encode(f.read_bytes()).decode()] for f in files]])


def _base(url: str) -> str:
    return url.split("/?token=")[0]


def it_drops_the_example_builds_previews_and_downloads_the_zip(page, live, tmp_path):
    bench, url = live
    page.goto(url)
    with page.expect_navigation():
        _drop(page, "#upload-form", DATA / "活动.xlsx", DATA / "方案正文.txt")
    page.wait_for_selector("#issues")
    assert bench.data.parent == bench.scratch / "campaigns"
    assert sorted(p.name for p in bench.data.iterdir()) == ["方案正文.txt", "活动.xlsx"]
    c = read_campaign(DATA)
    a = assess(c, c.meta.as_of)
    assert page.inner_text("#issues") == "36"
    assert [page.inner_text(f"#{n}") for n in ("red", "yellow", "green")] == \
        [str(a.count(x)) for x in (Light.RED, Light.YELLOW, Light.GREEN)]
    _shot(page, "serve-campaign")

    page.click("nav >> text=生成")
    page.click("#build")
    page.wait_for_selector("#state.ok", timeout=WAIT)
    notice = page.locator(".file", has=page.locator("h3 a", has_text="通知.docx"))
    first = notice.locator("img.page").first
    first.wait_for()
    assert notice.locator("img.page").count() >= 3
    page.wait_for_function("img => img.complete && img.naturalWidth > 500", arg=first.element_handle())
    assert page.locator("#files .file").count() == len(bench.job.files)
    _shot(page, "serve-build")

    with page.expect_download() as d:
        page.click("#download-all")
    saved = tmp_path / "all.zip"
    d.value.save_as(saved)
    z = zipfile.ZipFile(saved)
    assert sorted(z.namelist()) == sorted(bench.job.files)
    assert z.read("通知.docx") == (bench.out / "通知.docx").read_bytes()
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(z.read("整改台账.docx"))).namelist()


def it_shows_the_fault_of_a_broken_workbook_on_the_grid(page, live, tmp_path):
    _, url = live
    wb = openpyxl.load_workbook(DATA / "活动.xlsx")
    ws = wb["问题清单"]
    header = next(r for r in range(1, 10) if any(c.value == "整改时限" for c in ws[r]))
    col = next(c.column for c in ws[header] if c.value == "整改时限")
    ws.cell(header + 4, col).value = "3月32日"
    broken = tmp_path / "坏表.xlsx"
    wb.save(broken)
    page.goto(url)
    page.set_input_files("#workbook", str(broken))
    page.click("#upload")
    page.wait_for_selector("#problem-count")
    assert page.inner_text("#problem-count") == "1"
    page.click("nav >> text=检查")
    cell = page.locator("td.fault")
    assert cell.count() == 1 and cell.inner_text() == "3月32日"
    row = page.locator("#problem-0")
    assert f"第{header + 4}行" in row.inner_text() and "整改时限" in row.inner_text()
    _shot(page, "serve-check")
    row.click()                                           # scrolls the grid to the cell
    page.wait_for_function("() => document.querySelector('td.fault').getBoundingClientRect().top < innerHeight")


def it_refuses_without_token_outside_paths_and_oversized_uploads(browser, live, page, tmp_path):
    _, url = live
    stranger = browser.new_page()
    r = stranger.goto(_base(url) + "/")
    assert r.status == 403 and "禁止访问" in stranger.inner_text("body")
    stranger.close()

    page.goto(url)
    r = page.goto(_base(url) + "/download/..%2F..%2Fproject%2Fdata%2F活动.xlsx")
    assert r.status == 400 and "不在允许的文件夹内" in page.inner_text("body")

    big = tmp_path / "大表.xlsx"
    with big.open("wb") as f:
        f.truncate(MAX_FILE_BYTES + 2 * 1024 * 1024)
    page.goto(url)
    page.set_input_files("#workbook", str(big))
    with page.expect_response(lambda r: r.url.endswith("/upload")) as resp:
        page.click("#upload")
    assert resp.value.status == 413
    assert "太大" in page.inner_text("body")


def it_typesets_pasted_text_and_verifies_a_dropped_docx(page, live):
    bench, url = live
    page.goto(url)
    page.click("nav >> text=排版")
    page.fill("#text", "发文机关标志：某某局文件\n发文字号：某发〔2022〕3号\n---\n"
                       "关于做好安全检查工作的通知\n\n各科室：\n一、检查范围\n全局各科室。\n"
                       "二、检查时间\n3月底前完成。\n\n某某局\n2022年3月1日\n")
    page.click("#typeset")
    first = page.locator("#typeset-result img.page").first
    first.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 500", arg=first.element_handle())
    _shot(page, "serve-typeset")
    with page.expect_download() as d:
        page.click("#typeset-result a.button")
    assert d.value.suggested_filename.endswith("（排版）.docx")

    page.click("nav >> text=检查公文")
    page.set_input_files("#docx", str(_any_notice(bench)))
    page.click("#verify")
    page.wait_for_selector("#verify-result")
    assert page.inner_text("#failed") == "0"
    assert int(page.inner_text("#passed")) > 10
    assert page.locator("#verify-result img.page").count() >= 1
    _shot(page, "serve-verify")


def _any_notice(bench) -> Path:
    """通知.docx of the build the first test made, or a fresh one."""
    made = bench.out / "通知.docx"
    if not made.is_file():
        from hongtou.build import build
        build(DATA, bench.out, None, template_dirs=[ROOT / "templates"])
    return made


def it_merges_a_returned_workbook_after_confirmation(page, live, tmp_path):
    from tests.merge.merge_samples import Return, split

    bench, url = live
    page.goto(url)
    page.click('button[name="path"][value="data"]')       # the campaign folder beside
    page.wait_for_selector("#issues")
    returns = split(bench.data, tmp_path / "分发")
    department, path = next(iter(returns.items()))
    with Return(path) as r:
        r.set(r.ids()[0], "进展情况", "已全部整改到位")
    page.click("nav >> text=回收")
    page.set_input_files("#returned", str(path))
    page.click("#merge-preview")
    page.wait_for_selector("#merge-result")
    assert page.inner_text("#change-count") == "1"
    assert "已全部整改到位" in page.inner_text("#changes")
    page.click("#merge-confirm")
    page.wait_for_selector("#merged")
    kept = list((bench.data / "历史").glob("*.xlsx"))      # the old master, kept as merge does
    assert len(kept) == 1 and kept[0].name in page.inner_text("#merged")
    _shot(page, "serve-merge")
    page.click("#merge-continue")                        # the next round from the new master
    page.wait_for_selector("#issues")
    assert page.inner_text("#issues") == "36"
