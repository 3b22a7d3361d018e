"""A workbench on a copy of the example campaign, reached through Flask's test client
(shared by the HTTP and browser tests)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from hongtou.serve.app import Workbench, create_app
from hongtou.serve.converter import Converter

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


class Bench:
    """A Workbench, its app and a client that has been let in with the token."""

    def __init__(self, tmp: Path, idle: bool = False):
        shutil.copytree(DATA, tmp / "project" / "data")
        self.bench = Workbench(tmp / "project" / "data", tmp / "project" / "output",
                               [ROOT / "templates"], Converter(tmp / "lo", idle=idle),
                               scratch=tmp / "scratch")
        self.app = create_app(self.bench)
        self.client = self.app.test_client()
        assert self.client.get(f"/?token={self.bench.token}").status_code == 302

    @property
    def token(self) -> str:
        return self.bench.token

    def post(self, url: str, data: dict | None = None, **kw):
        return self.client.post(url, data={"token": self.token, **(data or {})},
                                content_type="multipart/form-data", **kw)

    def build(self, pdf: bool = False, timeout: float = 300, today: str = "") -> dict:
        """Start a build (with the PDF switch on or off, on the day `today` when given) and
        wait for its previews."""
        form = ({"pdf": "1"} if pdf else {}) | ({"today": today} if today else {})
        assert self.post("/build", form).status_code == 302
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.client.get("/api/build").get_json()
            if job["state"] in ("完成", "失败"):
                return job
            time.sleep(0.2)
        raise AssertionError(f"the build did not finish: {job}")

    def close(self) -> None:
        self.bench.converter.close()
