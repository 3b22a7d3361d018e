"""20,000 问题清单 rows are all read and keyed. How long it takes is measured in
bench/read_speed.py, not asserted here (a wall-time bound fails at random on a busy machine)."""

from datetime import date

from hongtou.read import read_campaign
from tests.helpers import make_workbook, minimal_sheets

ROWS = 20_000


def twenty_thousand_issues(folder) -> object:
    """The minimal campaign with ROWS issues (also used by bench/read_speed.py)."""
    sheets = minimal_sheets()
    owners = [("办公室", "张三"), ("组织部", "赵六"), ("党组", "李华")]
    statuses = ["整改中", "已完成", "未启动", "长期坚持"]
    deadlines = ["2022-03-31", "4月底", date(2022, 6, 30), "2022年5月20日", "长期坚持", 44711.0]
    for n in range(3, ROWS + 1):
        department, owner = owners[n % 3]
        sheets["问题清单"].append([
            n, "作风建设", f"问题{n}", f"措施{n}", "王明", department, owner,
            deadlines[n % len(deadlines)], statuses[n % 4], "", None, ""])
    return make_workbook(folder / "台账.xlsx", sheets)


def it_reads_twenty_thousand_issues(tmp_path):
    campaign = read_campaign(twenty_thousand_issues(tmp_path))
    assert len(campaign.issues) == ROWS
    assert campaign.issues[-1].key == f"Q{ROWS}"
    assert campaign.issues[-1].department == "党组" and campaign.issues[-1].owner == "李华"  # 20000 % 3 == 2
