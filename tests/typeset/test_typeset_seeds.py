"""typeset on the real documents in shared/seeds: each comes out with its headings at the
right levels (styles 一级标题 … in document.xml), its title, 主送, 落款 and attachments in
place, and passes `verify --render`.

The expected headings are read off the seed texts by hand (not computed by hongtou).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from hongtou.cli import main

from tests.verify.known import known_line, xfail
from hongtou.layout import styles as st

# copies of ../shared/seeds, so the tests run wherever the project is checked out
SEEDS = Path(__file__).resolve().parent / "seeds"
SEED_000, SEED_001, SEED_003 = (SEEDS / f"{n}.txt" for n in (
    "000_1243bb546d3a4ef9", "001_bb75817134de4f21", "003_2018d2e8104e872e"))

LEVEL_STYLES = {st.H1: 1, st.H2: 2, st.H3: 3, st.H4: 4}

EXPECTED = {
    "000": {
        1: ["一、活动内容", "二、阶段安排", "三、工作要求"],
        2: ["（一）加强组织领导。", "（二）撰写体会文章。", "（三）做到统筹兼顾。"],
        3: [], 4: [],
    },
    "001": {
        1: ["一、指导思想和基本原则", "二、目标要求和需要解决的突出问题", "三、总体安排和方法步骤",
            "四、组织领导"],
        2: ["（一）目标要求", "（二）需要解决的突出问题：", "（一）成立机构，落实责任。",
            "（二）精心组织，扎实工作。", "（三）加强宣传，营造氛围。"],
        # 1、 in the source becomes 1. (§7.3.3); 4 + 3 + 4 under 一/二, 4 + 4 + 3 under 三
        3: ["1.坚持解放思想。", "2.突出实践特色。", "3.贯彻群众路线。", "4.正面教育为主。",
            "1.思想上要有新境界。", "2.工作上要有新作为。", "3.自身上要有新风貌。",
            "1.坚持发展第一要务，", "2.坚持以职工为本，", "3.坚持全面协调可持续发展，",
            "4.坚持改革创新精神，", "1.搞好思想发动。", "2.组织学习培训。", "3.开展调查研究。",
            "4.围绕集中民智、科学决策，", "1.聚焦提炼问题。", "2.开好班子专题民主生活会和党员组织生活会。",
            "3.研究撰写领导班子分析报告。", "4.组织群众评议。", "1.制定整改方案。",
            "2.解决突出问题。", "3.完善体制机制。"],
        4: [],
    },
    "003": {
        1: ["一、指导思想", "二、目标任务", "三、工作措施", "四、组织保障"],
        2: ["（一）着力解决站位不高、标准低下的问题。", "（二）着力解决状态萎靡、懒散拖拉的问题。",
            "（三）着力解决不担当不作为、消极应付的问题。", "（四）着力解决不落实假落实、人浮于事的问题。",
            "（五）着力解决推诿扯皮、甩锅甩手的问题。", "（六）着力解决创新能力弱、专业能力差的问题。",
            "（一）开展作风建设大讨论活动，加强政治建设", "（二）开展作风建设大反思活动，认真全面查摆问题",
            "（三）开展作风建设大提升活动，全面提升工作标准", "（一）强化组织领导。",
            "（二）加强调度统筹。", "（三）注重活动实效。"],
        3: ["1.开展党史学习教育。", "2.开展“三个一”党员教育活动。", "3.开展一次作风大讨论活动。",
            "1.开展基层调研。", "2.开展谈心谈话。", "3.认真查摆问题。", "1.强化责任意识。",
            "2.抓实重点工作。", "3.锤炼干部作风。"],
        4: [],
    },
}


@pytest.fixture(scope="module")
def typeset_seeds(tmp_path_factory) -> dict[str, Path]:
    """Each seed typeset by the command, into one folder; → {"000": docx path, …}."""
    out = tmp_path_factory.mktemp("seeds")
    made = {}
    for seed in (SEED_000, SEED_001, SEED_003):
        target = out / f"{seed.name[:3]}.docx"
        result = CliRunner().invoke(main, ["typeset", str(seed), "-o", str(target)])
        assert result.exit_code == 0, result.output
        made[seed.name[:3]] = target
    return made


def paragraphs(docx_xml, path: Path) -> list[tuple[str, str]]:
    """(style id, text) of every body paragraph, the 版记's text box included, in order."""
    root = docx_xml(path)
    ns = docx_xml.ns
    out = []
    for p in root.iter(docx_xml.w("p")):
        style = p.find("w:pPr/w:pStyle", ns)
        text = "".join(t.text or "" for t in p.iter(docx_xml.w("t")))
        out.append((style.get(docx_xml.w("val")) if style is not None else "", text))
    return out


@pytest.mark.parametrize("seed", ["000", "001", "003"])
def it_sets_every_heading_at_its_level(seed, typeset_seeds, docx_xml):
    found = {1: [], 2: [], 3: [], 4: []}
    for style, text in paragraphs(docx_xml, typeset_seeds[seed]):
        if style in LEVEL_STYLES:
            found[LEVEL_STYLES[style]].append(text)
    for level, heads in EXPECTED[seed].items():
        assert len(found[level]) == len(heads), (level, found[level])
        for got, want in zip(found[level], heads):
            assert got.startswith(want), (level, got, want)


def it_sets_only_the_heading_sentence_in_the_heading_face(typeset_seeds, docx_xml):
    root = docx_xml(typeset_seeds["000"])
    ns = docx_xml.ns
    (p,) = [p for p in root.iter(docx_xml.w("p"))
            if "".join(t.text or "" for t in p.iter(docx_xml.w("t"))).startswith("（一）加强组织领导")]
    faces = [(r.find("w:rPr/w:rFonts", ns).get(docx_xml.w("eastAsia")),
              "".join(t.text for t in r.iter(docx_xml.w("t")))) for r in p.iter(docx_xml.w("r"))]
    assert faces[0] == ("楷体_GB2312", "（一）加强组织领导。")
    assert faces[1][0] == "仿宋_GB2312" and faces[1][1].startswith("组织开展机关")


def it_lays_out_a_red_header_notice_and_the_plan_it_issues(typeset_seeds, docx_xml):
    paras = paragraphs(docx_xml, typeset_seeds["000"])
    texts = [t for _, t in paras if t]
    by_style = {}
    for style, text in paras:
        by_style.setdefault(style, []).append(text)
    assert by_style[st.MARK] == ["中共六安市总工会党组文件"]
    assert by_style[st.NUMBER] == ["六工党〔2022〕7号"]           # [2022] mended (§7.2.5)
    title = by_style[st.TITLE][0].replace("\n", "")
    assert title == ("关于印发《关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案》的通知")
    assert by_style[st.ADDRESSEE] == ["市总各部室、职工服务中心："]
    assert by_style[st.SIGNATURE] == ["中共六安市总工会党组"]
    assert by_style[st.DATE] == ["2022年2月15日"]
    # the plan follows on a new page with its own title, then the 版记
    plan_title = by_style[st.TITLE][1]
    assert plan_title.replace("\n", "") == "关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动方案"
    assert texts.index("2022年2月15日") < texts.index(plan_title)
    assert texts[-1] == "中共六安市总工会党组2022年2月15日印发"     # the 版记 (a tab between)
    # a sentence a page break had cut in two is one paragraph again
    assert any("中游心态，缺少追赶跨越的信心决心" in t for t in texts)


def it_mends_the_half_width_text_of_a_web_page(typeset_seeds, docx_xml):
    paras = paragraphs(docx_xml, typeset_seeds["001"])
    texts = [t for _, t in paras if t]
    assert texts[0].replace("\n", "") == "保定市总工会关于开展“干部作风建设年”活动实施意见"
    assert texts[1] == "（2009年2月25日）"
    assert texts[2].startswith("根据省委、省政府《关于开展“干部作风建设年”活动的意见》和")
    assert "要求，结合我市工会工作实际，" in texts[2]
    body = "".join(texts)
    assert not re.search(r"[\u4e00-\u9fff][,;:?!()]|[,;:?!()][\u4e00-\u9fff]", body)
    assert "第一阶段：学习调研（2月下旬至4月下旬）" in texts
    # 二00九年二月二十五日 in Arabic numerals (§7.3.5)
    assert texts[-2:] == ["保定市总工会", "2009年2月25日"]


def it_finds_the_attachment_note_and_the_attachment_page(typeset_seeds, docx_xml):
    paras = paragraphs(docx_xml, typeset_seeds["003"])
    by_style = {}
    for style, text in paras:
        by_style.setdefault(style, []).append(text)
    assert by_style[st.ATTACH_NOTE] == ["附件：干部作风建设大讨论大反思大提升活动领导小组"]
    assert by_style[st.DATE] == ["2021年3月16日"]
    assert st.SIGNATURE not in by_style              # the seed has no 署名 line
    assert by_style[st.ATTACH_LABEL] == ["附件"]
    titles = [t.replace("\n", "") for t in by_style[st.TITLE]]
    assert titles == ["关于开展干部作风建设大讨论大反思大提升活动的落实方案",
                      "干部作风建设大讨论大反思大提升活动领导小组组成人员名单"]
    texts = [t for _, t in paras]
    assert texts[-1].startswith("领导小组下设办公室")
    # the 领导小组 list typed line by line is laid as the notice's: each label once, the names
    # padded (张 华 → 张　华) and under one another, a wrapped line aligned after the label
    roster = [t for t in texts if "区市容环卫事业服务中心" in t and "领导小组" not in t]
    assert roster == ["组长：姚文涛\u3000区市容环卫事业服务中心党组书记、主任",
                      "成员：张\u3000华\u3000区市容环卫事业服务中心党组成员、副主任",
                      "\u3000\u3000\u3000胡\u3000涛\u3000区市容环卫事业服务中心副主任",
                      "\u3000\u3000\u3000胡承章\u3000区市容环卫事业服务中心党组成员、副主任",
                      "\u3000\u3000\u3000张\u3000涛\u3000区市容环卫事业服务中心党组成员",
                      "\u3000\u3000\u3000马晴晴\u3000区市容环卫事业服务中心副主任",
                      "\u3000\u3000\u3000刘晓银\u3000区市容环卫事业服务中心办公室主任"]
    root = docx_xml(typeset_seeds["003"])
    for p in root.iter(docx_xml.w("p")):
        if "".join(t.text or "" for t in p.iter(docx_xml.w("t"))) in roster:
            ind = p.find("w:pPr/w:ind", docx_xml.ns)
            # 3 字 at the body's letter spacing (3 × 15.75 pt): wrapped lines under the names
            assert ind.get(docx_xml.w("hanging")) == ind.get(docx_xml.w("left")) == "945"
    assert any("把全面从严治党要求融入干部教育培养" in t for t in texts)
    assert not any("**" in t for t in texts)


@pytest.fixture(scope="module")
def seeds_verified(typeset_seeds):
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    files = [str(p) for p in typeset_seeds.values()]
    return files, CliRunner().invoke(main, ["verify", "--render", *files])


def it_passes_verify_render(seeds_verified):
    files, result = seeds_verified
    bad = [ln for ln in result.output.splitlines() if "[不符]" in ln and not known_line(ln)]
    assert result.exit_code in (0, 1) and not bad, result.output
    for path in files:
        assert f"{path}：" in result.output and "条不符" in result.output
    # the rendered checks ran: page numbers of every page were measured
    assert "第1页页码" in result.output


def it_passes_the_page_rules_of_issue_12(seeds_verified):
    _, result = seeds_verified
    assert result.exit_code == 0 and "[不符]" not in result.output, result.output
