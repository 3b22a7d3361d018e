"""Wrapping a long document title (§7.3.1): between words, never inside one, in the fewest
lines, laid out as a 梯形 or 菱形.

A title is broken where a reader would pause. Every gap between two characters is given a
cost: nothing around punctuation and book-title marks or before 的…; little between the
words of a small lexicon of the words official titles are made of (关于, 开展, 专项整治,
实施方案 …, found by longest match); much inside a run of characters the lexicon does not
know (a name, most likely); more inside a word it knows; and never inside a short quoted
name, between digits, after an opening mark or before a closing one. Among the ways to set
the title in the fewest lines that fit, the one with the cheapest breaks wins, then the one
whose lines rise and fall once at most (a 梯形, either way up, or a 菱形), then the most even.
No dictionary is loaded, so this costs a millisecond.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata

# ems: the gap LibreOffice puts between Latin or digits and CJK (measured 0.20–0.216). A
# measured figure of the text, not a layout number: here, where titles and paginate take it.
LATIN_GAP = 0.22

# a break may fall before these …
_BEFORE = re.compile(r"(?=[《“‘（(【])|(?<![目有])(?=的..)")
# … and after these
_AFTER = re.compile(r"(?<=[》”’）)】、，,：:；;—])|(?<=^关于)")

# Words official titles are made of: a break between two of them is a break between words.
LEXICON = frozenset("""
关于 印发 转发 开展 做好 加强 进一步 推进 推动 深入 深化 全面 扎实 持续 切实 认真 坚持 落实 贯彻
实施 方案 实施方案 工作方案 意见 实施意见 指导意见 办法 细则 规定 通知 通报 决定 报告 请示 批复
工作 活动 建设 问题 整改 专项 行动 专项行动 整治 专项整治 治理 检查 督查 督导 督办 考核 评估 评议
管理 服务 干部 作风 作风建设 纪律 教育 学习 培训 宣传 安全 生产 安全生产 工会 职工 系统 全市 全省
全区 全县 全国 工会组织 各级工会 市委 市政府 总工会 党组 党委 委员会 办公室 领导 小组 领导小组 成员 名单 安排 计划
要点 总结 情况 结果 年度 季度 转作风 提效能 优服务 大讨论 奋勇争先 争先 讨论 高质量 发展 高质量发展
营商环境 环境 优化 提升 能力 质量 效率 效能 机制 制度 体系 改革 创新 基层 组织 党建 党史 主题 主题教育
学习教育 集中 开展好 巩固 拓展 成果 经验 典型 先进 表彰 评选 推荐 申报 报送 征集 调研 调查 统计
信息 数据 平台 网络 数字 乡村 振兴 乡村振兴 城市 社区 农村 企业 单位 部门 机关 直属 各级 各类
文明 创建 服务型 学习型 创新型 劳动 竞赛 劳动竞赛 技能 岗位 建功 立业 维权 帮扶 困难 慰问 节日 春节
元旦 五一 国庆 防汛 防疫 疫情 防控 常态化 长效 监督 执纪 问责 廉政 廉洁 清廉 警示 谈心 谈话 民主
生活会 组织生活会 会议 纪要 精神 重要 讲话 部署 要求 任务 目标 责任 分工 清单 台账 明细 明细表 进展
完成 推进会 座谈会 动员会 动员 部署会 从严治党 全面从严治党 主体责任 党风廉政 党风廉政建设
工作要点 责任清单 实施细则 暨 和 与 及 的 对 在 为 以
""".split())
_LONGEST = max(len(w) for w in LEXICON)

FREE, WORD, UNKNOWN, INSIDE = 0.0, 1.0, 6.0, 40.0   # the cost of breaking at a gap
QUOTED = 2.0     # added inside a long quoted or book-titled name
NEVER = math.inf


def ems(text: str) -> float:
    """Width in ems: CJK, full-width and East Asian ambiguous characters (“ ” ‘ ’ — …, set in
    the CJK face) one, others (digits, Latin) half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text)


# a quoted or book-titled name this short is one word (“干部作风建设年”, 《条例》): never broken
SHORT_NAME = 12
_SHORT_QUOTED = re.compile(r"“[^“”]{1,%d}”|‘[^‘’]{1,%d}’|《[^《》]{1,%d}》" % ((SHORT_NAME,) * 3))
_QUOTED = re.compile(r"“[^“”]*”|《[^《》]*》")
_OPENING, _CLOSING = "《“‘（(【", "》”’）)】、，。：；—,.:;!?！？"


def _words(text: str) -> list[tuple[int, int, bool]]:
    """The text cut into (start, end, known) pieces by longest match against `LEXICON`;
    unknown characters are one-character pieces."""
    out, i = [], 0
    while i < len(text):
        for n in range(min(_LONGEST, len(text) - i), 1, -1):
            if text[i:i + n] in LEXICON:
                out.append((i, i + n, True))
                i += n
                break
        else:
            out.append((i, i + 1, text[i] in LEXICON))
            i += 1
    return out


def _prefix(text: str) -> list[float]:
    """The width in ems of each beginning of `text`, with the gap LibreOffice puts where
    digits or Latin meet CJK (uncounted, it rewraps a line we thought would fit)."""
    prefix = [0.0]
    for i, ch in enumerate(text):
        gap = LATIN_GAP if i and _latin(ch) != _latin(text[i - 1]) else 0.0
        prefix.append(prefix[-1] + ems(ch) + gap)
    return prefix


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def break_costs(text: str) -> list[float]:
    """The cost of breaking before each character (index 0 and len unused: NEVER)."""
    n = len(text)
    cost = [NEVER] + [UNKNOWN] * (n - 1) + [NEVER]
    words = _words(text)
    for (_, b, left), (_, _, right) in zip(words, words[1:]):
        if left and right:          # between two words the lexicon knows
            cost[b] = WORD
    for a, b, known in words:
        for p in range(a + 1, b):
            cost[p] = INSIDE
    for m in _QUOTED.finditer(text):   # a long quoted name: rather not inside it
        for p in range(m.start() + 1, m.end()):
            cost[p] += QUOTED
    for m in _BEFORE.finditer(text):
        cost[m.start()] = FREE
    for m in _AFTER.finditer(text):
        cost[m.end()] = FREE
    for m in _SHORT_QUOTED.finditer(text):
        for p in range(m.start() + 1, m.end()):
            cost[p] = NEVER
    for p in range(1, n):
        a, b = text[p - 1], text[p]
        if a in _OPENING or b in _CLOSING or (a.isascii() and a.isalnum()
                                               and b.isascii() and b.isalnum()):
            cost[p] = NEVER
        elif a.isdigit():       # 2022年, 15个: the number and its measure word stay together
            cost[p] = NEVER
    cost[0] = cost[n] = NEVER
    return cost


def break_points(text: str) -> list[int]:
    """Offsets where the title may be broken at no cost (never 0 or len)."""
    return [p for p, c in enumerate(break_costs(text)) if c == FREE]


def wrap_title(text: str, width_ems: float) -> list[str]:
    """The title's lines: one if it fits; otherwise the fewest lines no wider than
    `width_ems` that break between words (see the module's doc) — one more line rather
    than a break inside a word the lexicon knows. Falls back to [text]
    (the word processor wraps it) when nothing allows it."""
    total = _prefix(text)[-1]
    if total <= width_ems:
        return [text]
    costs = break_costs(text)
    least = math.ceil(total / width_ems)
    found = None
    for lines in (least, least + 1):
        best = _layout(text, costs, lines, width_ems)
        if best is not None:
            worst, cuts = best
            if found is None or worst < found[0]:
                found = best
            if worst < INSIDE or lines > least:
                break
    if found is None:
        return [text]
    bounds = (0, *found[1], len(text))
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


# weights of the score a layout minimises: its breaks' costs, a shape that is neither 梯形
# nor 菱形 (rises after it has fallen), and the squared distance of each line from the mean
BREAK_WEIGHT, SHAPE_WEIGHT = 10.0, 1000.0


def _layout(text: str, costs: list[float], lines: int,
            width: float) -> tuple[float, tuple[int, ...]] | None:
    """The best way to set `text` in exactly `lines` lines: → (the costliest break it makes,
    the break offsets), or None."""
    n = len(text)
    prefix = _prefix(text)
    mean = prefix[-1] / lines
    tol = 1.0   # lines one character apart look alike

    @functools.lru_cache(maxsize=None)
    def go(i: int, k: int, prev: float, falling: bool) -> tuple[float, float, tuple[int, ...]]:
        """(score, costliest break, break offsets) of setting text[i:] in k lines after a
        line `prev` wide (−1: none), the lines so far having begun to fall."""
        best: tuple[float, float, tuple[int, ...]] = (NEVER, NEVER, ())
        for j in ([n] if k == 1 else range(i + 1, n)):
            w = prefix[j] - prefix[i]
            if w > width:
                break
            if k > 1 and costs[j] == NEVER:
                continue
            rise = prev >= 0 and w > prev + tol
            fall = prev >= 0 and w < prev - tol
            score = (SHAPE_WEIGHT if rise and falling else 0.0) + (w - mean) ** 2
            worst, cuts = 0.0, ()
            if k > 1:
                rest, worst, cuts = go(j, k - 1, w, falling or fall)
                if rest == NEVER:
                    continue
                score += rest + BREAK_WEIGHT * costs[j]
                worst, cuts = max(worst, costs[j]), (j, *cuts)
            if score < best[0]:
                best = (score, worst, cuts)
        return best

    score, worst, cuts = go(0, lines, -1.0, False)
    return None if score == NEVER else (worst, cuts)
