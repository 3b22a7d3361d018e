"""20,000 问题清单 rows read in about a second (the bound here leaves room for slow CI)."""

import time
from datetime import date

from hongtou.read import read_campaign
from tests.helpers import make_workbook, minimal_sheets

ROWS = 20_000


def it_reads_twenty_thousand_issues_quickly(tmp_path):
    sheets = minimal_sheets()
    owners = [("办公室", "张三"), ("组织部", "赵六"), ("党组", "李华")]
    statuses = ["整改中", "已完成", "未启动", "长期坚持"]
    deadlines = ["2022-03-31", "4月底", date(2022, 6, 30), "2022年5月20日", "长期坚持", 44711.0]
    for n in range(3, ROWS + 1):
        department, owner = owners[n % 3]
        sheets["问题清单"].append([
            n, "作风建设", f"问题{n}", f"措施{n}", "王明", department, owner,
            deadlines[n % len(deadlines)], statuses[n % 4], "", None, ""])
    path = make_workbook(tmp_path / "台账.xlsx", sheets)
    start = time.perf_counter()
    campaign = read_campaign(path)
    elapsed = time.perf_counter() - start
    assert len(campaign.issues) == ROWS
    assert campaign.issues[-1].key == f"Q{ROWS}"
    assert elapsed < 3.0, f"{elapsed:.2f}s"
