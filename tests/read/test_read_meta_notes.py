"""发文信息 with a 说明 column: notes never become values (an empty 内容 stays empty)."""

from hongtou.read import read_campaign
from tests.helpers import make_workbook, minimal_sheets


def it_reads_only_the_content_column(tmp_path):
    sheets = minimal_sheets()
    rows = sheets["发文信息"]
    start = 1 if rows and rows[0] and rows[0][0] in ("项目", "名称") else 0
    meta = [["项目", "内容", "说明"]] + [[*r[:2], f"说明：{r[0]}怎么填"] for r in rows[start:]]
    meta.append(["签发人", "", "上行文才填"])
    meta.append(["附注", "", "如（此件公开发布）"])
    sheets["发文信息"] = meta
    make_workbook(tmp_path / "活动.xlsx", sheets)
    c = read_campaign(tmp_path)
    assert c.meta.signer == "" and c.meta.note == ""
    assert "说明" not in c.meta.organ and "说明" not in c.meta.addressee
