"""A synthetic campaign of any size, for benchmarking hongtou.

    python bench/generate.py --issues 20000 --departments 1000 --persons 5000 --seed 0
    python bench/generate.py --issues 1000 --out /tmp/campaign

Writes a campaign folder like `data/`: 活动.xlsx with all six sheets (发文信息 copied from the
bundled example, the others made up) and 方案正文.txt copied from `data/`. The same
parameters always give the same workbook contents. Folders are cached under
`bench/.cache/<parameters>/` (git-ignored); `--out` copies the cached folder there.

The data are meant to look like a real province-wide campaign: titles rows above the
headers, 序号 columns, two-character names sometimes padded with a full-width space,
deadlines written in every form the reader accepts (date cells, 2022.4.15, 2022/5/31,
2022年6月30日, 5月31日, 6月底, 5月下旬, 年底前, 长期坚持, 立行立改, bare Excel serials),
statuses in their synonyms (整改中/进行中/正在整改, 已完成/已整改 …), and a trailing
填表人 note under the 问题清单. Every row is valid input: `check` passes.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "data"
CACHE = Path(__file__).resolve().parent / ".cache"
GENERATOR_VERSION = 1  # bump when the output changes, so cached folders are rebuilt

AS_OF = date(2022, 4, 20)   # 统计截至 of the example 发文信息
ISSUED = date(2022, 2, 15)  # 成文日期 of the example: unfinished items may not be due before
YEAR = 2022

PLACES = [
    "市直", "金安区", "裕安区", "叶集区", "霍邱县", "舒城县", "金寨县", "霍山县", "经开区",
    "高新区", "城南镇", "城北乡", "孙岗镇", "三十铺镇", "椿树镇", "木厂镇", "马头镇", "东河口镇",
    "施桥镇", "毛坦厂镇", "张母桥镇", "翁墩乡", "横塘岗乡", "中店乡", "东桥镇", "淠东乡",
    "双河镇", "三流乡", "先生店乡", "江家店镇",
]
BUREAUS = [
    "办公室", "组织部", "宣传部", "统战部", "政法委", "发展改革委", "教育体育局", "科技局",
    "经济和信息化局", "公安局", "民政局", "司法局", "财政局", "人力资源和社会保障局",
    "自然资源和规划局", "生态环境分局", "住房和城乡建设局", "交通运输局", "水利局",
    "农业农村局", "商务局", "文化和旅游局", "卫生健康委", "退役军人事务局", "应急管理局",
    "审计局", "市场监督管理局", "统计局", "医疗保障局", "城市管理局", "信访局",
    "数据资源管理局", "林业局", "总工会", "团委", "妇联",
]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
                "于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹"
                "薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉建国红文斌飞宇浩"
             "凯俊峰波宁亮林晨欣怡梅琳雪婷雨晓东海燕志新立帆洁进德胜佳")
TITLES = ["局长", "副局长", "主任", "副主任", "科长", "副科长", "科员", "办事员", "干事", "工作人员"]
CATEGORIES = ["状态怎么提", "标杆怎么立", "劲头怎么鼓", "本领怎么强", "作风怎么实", "制度怎么建"]

# Fragments of the prose such lists are written in; a sentence is a few of them joined.
PROBLEM_WORDS = [
    "学习贯彻不够深入", "理论联系实际不紧", "存在“中转站”思想", "来文批转后不跟踪", "个别事项办理超期",
    "服务群众“推绕拖”", "办理时限超过规定", "满足于完成规定动作", "缺少创新举措", "工作推进缓慢",
    "责任落实不到位", "督查检查走过场", "发现问题跟踪整改不够", "会议多、会议长", "文件照搬照抄上级",
    "台账资料多、实际成效少", "窗口服务“门好进、脸好看、事难办”", "群众多次往返", "主动谋事想事不够",
    "对标先进不够", "标准定位不高", "经费使用效益不高", "预算执行率低于序时进度", "信息化应用能力偏弱",
    "数据更新滞后", "调查研究不深入", "对策建议操作性不强", "风险研判能力不强", "隐患排查“一阵风”",
    "制度执行不严格", "考核评价机制不健全", "干部队伍能力参差不齐", "新媒体阵地建设滞后",
    "重点任务进展不平衡", "跨部门协调主动性不够", "存在“击鼓传花”现象", "基层减负落实不到位",
    "政策宣传解读不及时", "项目审批环节偏多", "营商环境投诉办理不及时",
]
MEASURE_WORDS = [
    "建立督办台账", "实行办结销号", "每周通报超期事项", "精简审核环节", "实行一次性告知",
    "推行限时办结", "压缩办理时限至7个工作日以内", "制定专项行动计划", "按月调度、按月通报",
    "梳理公布服务事项清单", "推行首问负责制", "开展专题培训", "对标先进地市制定提升方案",
    "建立预算执行月通报制度", "明确牵头人和时间节点", "实行专人包案、限期办结", "每季度开展一次专题调研",
    "形成分析报告报党组", "建立动态管理档案", "严格发文审核把关", "控制会议数量和时长",
    "清理规范各类工作台账", "实行问题清单反馈和整改回头看", "落实审批责任", "逐级签字把关",
    "建立风险监测点", "完善考核评价办法", "评价结果与绩效挂钩", "组建工作专班", "加强跟踪问效",
    "建立长效机制", "纳入年度综合考核", "开展“回头看”", "实行清单化推进", "定期开展督查通报",
]
PROGRESS_WORDS = [
    "已建立工作台账", "方案已起草", "正在征求意见", "已召开专题会议研究", "已完成首批任务",
    "培训已完成", "制度已修订", "已走访重点单位", "已录入系统", "待党组会议审定", "已印发实施",
]
REMARKS = ["需提交党组会议研究", "需专项经费支持", "本人对照检查提出", "上级督查反馈", "群众来信反映"]

STATUS_WEIGHTS = [  # (word as typed, weight); done words come with a 完成日期
    ("已完成", 22), ("已整改", 5), ("已销号", 8), ("整改中", 24), ("进行中", 8), ("正在整改", 3),
    (" 整改中 ", 1), ("未启动", 15), ("未开始", 4), ("长期坚持", 8), ("持续整改", 2),
]
DONE = {"已完成", "已整改", "已销号", "完成"}

ISSUE_HEADER = ["序号", "问题类别", "问题描述", "整改措施", "责任领导", "责任部门", "责任人",
                "整改时限", "整改状态", "进展情况", "完成日期", "备注"]


def scaled(issues: int) -> tuple[int, int]:
    """Departments and persons for a run of `issues`: issues/20 and issues/4, at most
    1,000 and 5,000 (so 20,000 issues get exactly the issue's 1,000 / 5,000)."""
    return max(5, min(1000, issues // 20)), max(25, min(5000, issues // 4))


# -- making up rows --------------------------------------------------------------------------


def _sentence(rng: random.Random, words: list[str], low: int = 20, high: int = 60) -> str:
    """Distinct fragments joined with ，into a sentence of low..high characters ending in 。"""
    target = rng.randint(low, high)
    parts: list[str] = []
    length = 0
    for w in rng.sample(words, k=min(len(words), 12)):
        if length >= target:
            break
        if length + len(w) + 1 > high and length >= low:
            continue  # too long to add: try a shorter one
        parts.append(w)
        length += len(w) + 1
    text = "，".join(parts)
    if len(text) > high - 1:
        text = text[:high - 1].rstrip("，、")
    return text + "。"


def _departments(rng: random.Random, m: int) -> list[str]:
    pairs = [p + b for p in PLACES for b in BUREAUS]
    rng.shuffle(pairs)
    out = pairs[:m]
    k = 1
    while len(out) < m:  # more than places × bureaus: numbered offices
        out.append(f"{PLACES[k % len(PLACES)]}第{k}工作组")
        k += 1
    return out


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    while len(out) < n:
        given = "".join(rng.choices(GIVEN, k=2 if rng.random() < 0.65 else 1))
        name = rng.choice(SURNAMES) + given
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _phone(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"0564-33{rng.randint(0, 99999):05d}"
    return f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"


def _padded(rng: random.Random, name: str) -> str:
    """Two-character names as offices type them: often with a full-width space."""
    return name[0] + "\u3000" + name[1] if len(name) == 2 and rng.random() < 0.5 else name


def _md(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _deadline(rng: random.Random, status: str) -> object:
    """A 整改时限 in one of the forms offices write, spread around 统计截至."""
    if status in ("长期坚持", "持续整改") and rng.random() < 0.8:
        return "长期坚持"
    r = rng.random()
    if r < 0.03:
        return "立行立改"
    if r < 0.06:
        return "长期坚持"
    if r < 0.10:
        return "年底前"
    day = AS_OF + timedelta(days=int(rng.triangular(-45, 150, 10)))
    day = max(day, ISSUED + timedelta(days=5))
    if r < 0.45:
        return day  # a date cell
    if r < 0.55:
        return f"{day.year}.{day.month}.{day.day}"
    if r < 0.62:
        return day.isoformat()
    if r < 0.67:
        return f"{day.year}/{day.month}/{day.day}"
    if r < 0.74:
        return f"{day.year}年{day.month}月{day.day}日"
    if r < 0.80:
        return _md(day)
    if r < 0.88:
        return f"{day.month}月底"
    if r < 0.97:
        return f"{day.month}月{rng.choice(['上旬', '中旬', '下旬'])}"
    return (day - date(1899, 12, 30)).days  # a bare Excel serial (format lost)


def _weighted(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([w for w, _ in table], weights=[k for _, k in table])[0]


def _example_rows(sheet: str) -> list[list]:
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(str(EXAMPLE / "活动.xlsx"))
    return [[None if v == "" else v for v in row]
            for row in wb.get_sheet_by_name(sheet).to_python()]


def sheets(issues: int, departments: int, persons: int, seed: int) -> dict[str, list[list]]:
    """The six sheets as rows (row 1 first)."""
    rng = random.Random(seed)
    depts = _departments(rng, departments)
    names = _names(rng, persons)
    # every department gets at least one person, the rest are spread at random
    assign = [depts[i % departments] for i in range(persons)]
    rng.shuffle(assign[departments:])
    people_rows = []
    by_dept: dict[str, list[str]] = {}
    for k, (name, dept) in enumerate(zip(names, assign), 1):
        title = TITLES[min(len(by_dept.get(dept, [])), len(TITLES) - 1)]
        by_dept.setdefault(dept, []).append(name)
        people_rows.append([k, name, dept, title, _phone(rng)])

    # 领导小组: 15 people of the first departments, in the example's roles
    roles = ["组长"] + ["副组长"] * 4 + ["成员"] * 6 + ["办公室主任", "办公室副主任"] + ["办公室成员"] * 2
    leaders = [(by_dept[depts[i % departments]][i // departments % len(by_dept[depts[i % departments]])],
                depts[i % departments]) for i in range(len(roles))]
    seen: set[str] = set()
    members = []
    for role, (name, dept) in zip(roles, leaders):
        if name in seen:
            continue
        seen.add(name)
        members.append([len(members) + 1, role, _padded(rng, name), f"{dept}负责同志"])
    deputies = [row[2] for row in members if row[1] == "副组长"] or [members[0][2]]

    phases = _example_rows("阶段安排")

    # 工作安排
    task_rows = []
    n_tasks = max(15, departments // 10)
    phase_span = [("第一阶段", date(2022, 2, 16), date(2022, 3, 31)),
                  ("第二阶段", date(2022, 3, 21), date(2022, 4, 30)),
                  ("第三阶段", date(2022, 4, 11), date(2022, 12, 31))]
    for k in range(1, n_tasks + 1):
        label, lo, hi = phase_span[(k - 1) * 3 // n_tasks]
        dept = rng.choice(depts)
        start = lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days - 10)))
        due = min(hi, start + timedelta(days=rng.randint(5, 60)))
        status = "已完成" if due < AS_OF - timedelta(days=10) else rng.choice(["进行中", "未开始", "已完成"])
        due_cell: object = due if rng.random() < 0.6 else f"{due.year}.{due.month}.{due.day}"
        if label == "第三阶段" and rng.random() < 0.2:
            due_cell, status = "长期坚持", "进行中"
        task_rows.append([k, label, _sentence(rng, MEASURE_WORDS, 15, 40).rstrip("。"), dept,
                          _padded(rng, rng.choice(by_dept[dept])), start, due_cell,
                          _sentence(rng, PROGRESS_WORDS, 6, 16).rstrip("。"), status])

    # 问题清单
    weights = [rng.uniform(0.5, 1.5) for _ in depts]
    issue_rows = []
    for k in range(1, issues + 1):
        dept = rng.choices(depts, weights=weights)[0]
        status = _weighted(rng, STATUS_WEIGHTS)
        deadline = _deadline(rng, status)
        staff = by_dept[dept]
        owner = _padded(rng, rng.choice(staff))
        if len(staff) > 1 and rng.random() < 0.05:
            owner = "、".join(rng.sample(staff, 2))
        done = status.strip() in DONE
        progress = _sentence(rng, PROGRESS_WORDS, 6, 30) if done or rng.random() < 0.5 else None
        done_on = AS_OF - timedelta(days=rng.randint(1, 50)) if done else None
        remark = rng.choice(REMARKS) if rng.random() < 0.08 else None
        issue_rows.append([k, rng.choice(CATEGORIES), _sentence(rng, PROBLEM_WORDS),
                           _sentence(rng, MEASURE_WORDS), rng.choice(deputies), dept, owner,
                           deadline, status, progress, done_on, remark])

    return {
        "发文信息": _example_rows("发文信息"),
        "领导小组": [["领导小组名单"], ["序号", "职务", "姓名", "单位及职务"], *members],
        "人员": [["干部职工名单"], ["序号", "姓名", "部门", "职务", "联系电话"], *people_rows],
        "阶段安排": phases,
        "工作安排": [["工作安排"], ["序号", "阶段", "工作任务", "责任部门", "责任人", "开始日期",
                                 "完成时限", "成果要求", "状态"], *task_rows],
        "问题清单": [["问题清单"], ISSUE_HEADER, *issue_rows, [],
                 ["填表人：王\u3000芳    审核人：李\u3000强    填表日期：2022年4月20日"]],
    }


def write_workbook(path: Path, data: dict[str, list[list]]) -> None:
    """openpyxl in write_only mode: rows are streamed, no cell objects kept."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    wb = Workbook(write_only=True)
    for name, rows in data.items():
        ws = wb.create_sheet(name)
        for row in rows:
            out = []
            for v in row:
                if isinstance(v, date):  # shown as a date, as in a user's file
                    c = WriteOnlyCell(ws, value=v)
                    c.number_format = "yyyy-mm-dd"
                    out.append(c)
                else:
                    out.append(v)
            ws.append(out)
    wb.save(path)


# -- the cache -------------------------------------------------------------------------------


def key(issues: int, departments: int, persons: int, seed: int) -> str:
    return f"i{issues}-d{departments}-p{persons}-s{seed}-v{GENERATOR_VERSION}"


def ensure(issues: int, departments: int, persons: int, seed: int = 0) -> Path:
    """The cached campaign folder for these parameters, generated on first use."""
    folder = CACHE / key(issues, departments, persons, seed)
    if (folder / ".params.json").is_file():
        return folder
    CACHE.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".gen-", dir=CACHE))
    try:
        write_workbook(tmp / "活动.xlsx", sheets(issues, departments, persons, seed))
        shutil.copyfile(EXAMPLE / "方案正文.txt", tmp / "方案正文.txt")
        (tmp / ".params.json").write_text(json.dumps(
            {"issues": issues, "departments": departments, "persons": persons, "seed": seed,
             "version": GENERATOR_VERSION}), encoding="utf-8")
        if folder.exists():
            shutil.rmtree(folder)
        os.replace(tmp, folder)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
    return folder


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--issues", type=int, default=20000, help="问题清单 rows (default 20000)")
    ap.add_argument("--departments", type=int, default=1000, help="责任部门 (default 1000)")
    ap.add_argument("--persons", type=int, default=5000, help="人员 rows (default 5000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="copy the campaign folder here (default: only the "
                                            "cache under bench/.cache/)")
    args = ap.parse_args(argv)
    if args.persons < args.departments:
        ap.error("--persons must be at least --departments (every department needs a person)")
    folder = ensure(args.issues, args.departments, args.persons, args.seed)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        for name in ("活动.xlsx", "方案正文.txt"):
            shutil.copyfile(folder / name, args.out / name)
        folder = args.out
    print(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
