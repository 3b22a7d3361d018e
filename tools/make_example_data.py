"""Write data/活动.xlsx, the example campaign that `pipeline.py build` uses by default.

The campaign is the real one in seed 000: 中共六安市总工会党组 issued 六工党[2022]7号 on
2022年2月15日 to run the "‘五问’六安——奋勇争先大讨论" 活动 in the 市总工会 机关. Header facts,
phases and tasks follow that document; the people, phone numbers and the 问题清单 are invented
(the phone numbers are fake).

The workbook imitates one a 办公室文秘 keeps by hand: a merged title row above each list's
header, a 序号 column, a 填表人 note under the 问题清单, two-character names sometimes padded
with a full-width space (张　华), and dates partly real Excel dates, partly typed as text
(2022.3.31, 3月底, 4月上旬, 年底前, 长期坚持, 立行立改). No formulas.

All content is plain data below; edit it there and rerun:

    python tools/make_example_data.py            # writes data/活动.xlsx
    python tools/make_example_data.py other.xlsx

The output is byte-for-byte reproducible (fixed document-property and zip timestamps).
"""

from __future__ import annotations

import io
import os
import re
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

YEAR = 2022
AS_OF = date(2022, 4, 20)  # 统计截至: every status below is as it stood on this day


def d(month: int, day: int) -> date:
    """A real Excel date in the campaign year."""
    return date(YEAR, month, day)


# -- 发文信息 (key | value) -------------------------------------------------------------------
# Empty values are left blank on purpose: a 下行文 has no 签发人; 标题 empty means the tool
# derives 关于印发《方案标题》的通知.

DOC_INFO = [
    ("发文机关", "中共六安市总工会党组"),
    ("发文机关标志", "中共六安市总工会党组文件"),
    ("发文字号", "六工党[2022]7号"),  # typed with square brackets, as in the seed
    ("签发人", None),
    ("份号", None),
    ("密级", None),
    ("保密期限", None),
    ("紧急程度", None),
    ("活动名称", "“‘五问’六安——奋勇争先大讨论”活动"),
    ("方案标题", "关于市总工会开展“‘五问’六安——奋勇争先大讨论”活动工作方案"),
    ("标题", None),
    ("主送机关", "市总各部室、职工服务中心"),
    ("成文日期", "2022年2月15日"),  # typed as text
    ("附注", None),
    ("抄送机关", "省总工会，市委办公室，市委组织部，市直机关工委"),
    ("印发机关", "六安市总工会办公室"),
    ("印发日期", d(2, 15)),  # a real date
    ("预警天数", 7),
    ("反馈时限", 3),
    ("统计截至", AS_OF),
    ("通报字号", "六工党〔2022〕15号"),  # the 进展通报 is a document of its own
]

# -- 人员: (姓名, 部门, 职务, 联系电话) ---------------------------------------------------------

PEOPLE = [
    ("陈立新", "领导班子", "党组书记、常务副主席", "0564-3371001"),
    ("刘建国", "领导班子", "党组成员、副主席", "0564-3371002"),
    ("周敏", "领导班子", "党组成员、副主席", "0564-3371003"),
    ("何家宝", "领导班子", "党组成员、副主席", "0564-3371005"),
    ("吴海燕", "领导班子", "党组成员、经费审查委员会主任", "0564-3371006"),
    ("张华", "办公室", "主任", "0564-3371010"),
    ("李强", "办公室", "副主任", "0564-3371011"),
    ("王芳", "办公室", "科员", "13856421087"),
    ("孙丽", "办公室", "科员", "0564-3371012"),
    ("王志刚", "组织部", "部长", "0564-3371020"),
    ("郑洁", "组织部", "副部长", "0564-3371021"),
    ("蒋文斌", "组织部", "科员", "13805643512"),
    ("李静", "宣传教育部", "部长", "0564-3371030"),
    ("冯雪", "宣传教育部", "副部长", "0564-3371031"),
    ("韩磊", "宣传教育部", "科员", "15955048236"),
    ("赵明辉", "权益保障部", "部长", "0564-3371040"),
    ("朱琳", "权益保障部", "副部长", "0564-3371041"),
    ("秦浩", "权益保障部", "科员", "13966247758"),
    ("钱进", "经济工作部", "部长", "0564-3371050"),
    ("沈涛", "经济工作部", "副部长", "0564-3371051"),
    ("黄丽萍", "财务部", "部长", "0564-3371060"),
    ("曹敏", "财务部", "会计", "0564-3371061"),
    ("许红", "女职工部", "部长", "0564-3371070"),
    ("邓佳佳", "女职工部", "科员", "18256437790"),
    ("马晓东", "法律工作部", "部长", "0564-3371080"),
    ("彭亮", "法律工作部", "科员", "0564-3371081"),
    ("胡德胜", "职工服务中心", "主任", "0564-3371090"),
    ("程飞", "职工服务中心", "副主任", "0564-3371091"),
    ("袁晓梅", "职工服务中心", "工作人员", "13705646629"),
    ("杨帆", "机关党委", "专职副书记", "0564-3371015"),
    ("林小雨", "机关党委", "干事", "15256418843"),
]

# -- 领导小组: (职务, 姓名, 单位及职务); names padded as on an official list -----------------

LEADING_GROUP = [
    ("组长", "陈立新", "市总工会党组书记、常务副主席"),
    ("副组长", "刘建国", "市总工会党组成员、副主席"),
    ("副组长", "周　敏", "市总工会党组成员、副主席"),
    ("副组长", "何家宝", "市总工会党组成员、副主席"),
    ("副组长", "吴海燕", "市总工会党组成员、经费审查委员会主任"),
    ("成员", "张　华", "市总工会办公室主任"),
    ("成员", "王志刚", "市总工会组织部部长"),
    ("成员", "李　静", "市总工会宣传教育部部长"),
    ("成员", "赵明辉", "市总工会权益保障部部长"),
    ("成员", "钱　进", "市总工会经济工作部部长"),
    ("成员", "马晓东", "市总工会法律工作部部长"),
    ("办公室主任", "杨　帆", "市总工会机关党委专职副书记"),
    ("办公室成员", "郑　洁", "市总工会组织部副部长"),
    ("办公室成员", "林小雨", "市总工会机关党委干事"),
    ("办公室成员", "王　芳", "市总工会办公室科员"),
]

# -- 阶段安排: (阶段, 名称, 开始日期, 结束日期, 主要任务, 成果形式) -----------------------------
# Dates typed as words so the official wording (2月中旬至3月下旬) is kept.

PHASES = [
    ("第一阶段", "学习讨论阶段", "2月中旬", "3月下旬",
     "召开动员部署会；集中学习习近平总书记关于加强干部队伍能力建设重要论述和市委推出的6篇文章；"
     "结合工会工作实际开展专题研讨；领导班子成员带头交流、带头撰写文章",
     "学习记录、研讨发言材料、体会文章"),
    ("第二阶段", "体悟践行阶段", "3月下旬", "4月上旬",
     "对照五个“有没有”开展自我评价，对标五个“能不能”明确改进方向和措施；查摆问题建立整改台账；"
     "制定岗位目标清单、创先争优计划，实行工作项目化推进、闭环式管理",
     "自我评价材料、问题清单、岗位目标清单、创先争优计划"),
    ("第三阶段", "常态化推进阶段", "4月上旬", "长期坚持",
     "建立完善工作评价机制和双向激励机制；与干部能力建设、作风建设、日常监督和考核考评相结合；"
     "选树正面典型、宣传反面案例；年底盘点总结、评先评优",
     "工作评价办法、典型案例、年度盘点总结"),
]

# -- 工作安排: (阶段, 工作任务, 责任部门, 责任人, 开始日期, 完成时限, 成果要求, 状态) -----------

TASKS = [
    ("第一阶段", "召开“大讨论”活动动员部署会，印发活动工作方案",
     "办公室", "张　华", d(2, 15), d(2, 18), "会议记录、印发方案", "已完成"),
    ("第一阶段", "党组理论学习中心组集中学习习近平总书记关于加强干部队伍能力建设的重要论述",
     "机关党委", "杨帆", "2月中旬", d(2, 28), "中心组学习记录", "已完成"),
    ("第一阶段", "集中学习《撸起袖子 甩开膀子 奋力奔跑赶超路》等6篇文章和“干部新状态”系列评论",
     "机关党委", "林小雨", d(2, 21), d(3, 10), "学习笔记、签到表", "已完成"),
    ("第一阶段", "学习宣传大别山精神、淝史杭精神和我市忠诚尽职、奋勇争先的先进典型",
     "宣传教育部", "李静", d(2, 21), "2022.3.15", "专题学习1次，微信公众号开设专栏", "已完成"),
    ("第一阶段", "结合“七个专项行动”“统筹推进各类诉求有效解决”中遇到的实际问题开展专题研讨",
     "组织部", "王志刚", d(3, 1), "3月下旬", "研讨发言材料、解决办法清单", "已完成"),
    ("第一阶段", "领导班子成员带头交流、带头撰写文章",
     "办公室", "李　强", d(3, 1), d(3, 25), "班子成员每人体会文章1篇", "已完成"),
    ("第一阶段", "全体工作人员围绕“五问”撰写体会文章（1500字以内，原创）",
     "宣传教育部", "冯雪", d(3, 1), "2022.3.31", "体会文章汇编", "已完成"),
    ("第二阶段", "对照五个“有没有”开展自我评价，对标五个“能不能”明确改进方向和措施",
     "组织部", "郑　洁", "3月下旬", d(4, 8), "个人自我评价表", "已完成"),
    ("第二阶段", "各部室查摆问题，建立问题清单和整改台账",
     "机关党委", "杨　帆", d(3, 25), d(4, 10), "问题清单、整改台账", "已完成"),
    ("第二阶段", "各部室制定岗位目标清单，自我加压、自提标杆",
     "组织部", "王志刚", d(3, 28), "4月上旬", "岗位目标清单", "进行中"),
    ("第二阶段", "干部职工制定创先争优计划，实行工作项目化推进、闭环式管理",
     "机关党委", "林小雨", d(3, 28), d(4, 25), "个人创先争优计划", "进行中"),
    ("第三阶段", "建立完善工作评价机制和双向激励机制，完善奖优惩劣闭环",
     "组织部", "王志刚", d(4, 11), d(6, 30), "工作评价办法", "进行中"),
    ("第三阶段", "选树正面典型、宣传反面案例，为各项工作推进加油鼓劲",
     "宣传教育部", "李　静", d(4, 11), "长期坚持", "典型事迹材料、警示教育案例", "进行中"),
    ("第三阶段", "结合年度综合考核，将活动成效与干部选拔使用、评先评优、年终绩效挂钩",
     "组织部", "郑洁", d(10, 1), "年底前", "考核结果运用情况报告", "未开始"),
    ("第三阶段", "年底盘点总结，在单位内部开展评先评优，评选结果作为个人年度考核结果",
     "办公室", "张华", d(12, 1), d(12, 31), "盘点总结报告、评选结果", "未开始"),
]

# -- 问题清单 ------------------------------------------------------------------------------------
# 责任领导 is the 副组长 in charge of the department (分管领导).

LEADER_OF = {
    "办公室": "刘建国",
    "机关党委": "刘建国",
    "组织部": "周　敏",
    "宣传教育部": "周　敏",
    "女职工部": "周　敏",
    "权益保障部": "何家宝",
    "法律工作部": "何家宝",
    "职工服务中心": "何家宝",
    "经济工作部": "吴海燕",
    "财务部": "吴海燕",
}

# (问题类别, 问题描述, 整改措施, 责任部门, 责任人, 整改时限, 整改状态, 进展情况, 完成日期, 备注)
# As of 2022-04-20: 12 done, 6 overdue (deadline passed, not done), 5 due within 7 days,
# 3 long-term, 10 due later.
ISSUES = [
    # 一问 状态怎么提
    ("状态怎么提",
     "公文办理存在“中转站”思想，来文批转后不跟踪、不督办，个别事项办理超期",
     "建立公文办理督办台账，实行办结销号，每周一通报超期未办结事项",
     "办公室", "张　华", d(3, 31), "已完成",
     "已建立督办台账，每周一通报办理情况", d(3, 28), None),
    ("状态怎么提",
     "服务职工“推绕拖”，困难职工帮扶申请平均办理时限超过15个工作日",
     "精简审核环节，实行一次性告知和限时办结，办理时限压缩至7个工作日以内",
     "权益保障部", "赵明辉", "2022.4.15", "整改中",
     "已修订帮扶工作流程，待党组会议审定", None, "需提交党组会议研究"),
    ("状态怎么提",
     "劳动竞赛满足于“年年搞、老一套”，安于完成规定动作，缺少创新举措",
     "围绕重点项目和主导产业链策划竞赛载体，年内推出2项以上创新性竞赛活动",
     "经济工作部", "钱进", d(6, 30), "整改中",
     "已走访3家重点企业征求意见", None, None),
    ("状态怎么提",
     "新就业形态劳动者入会工作“等靠要”，货车司机、快递员入会推进缓慢",
     "制定新就业形态劳动者集中入会行动计划，按月调度、按月通报进度",
     "组织部", "蒋文斌", "6月底", "进行中",
     "行动计划已起草，正在征求县区工会意见", None, None),
    ("状态怎么提",
     "窗口服务“门好进、脸好看、事难办”，个别事项让职工多次往返",
     "梳理公布服务事项清单，推行首问负责、一次性告知和“最多跑一次”",
     "职工服务中心", "胡德胜", "立行立改", "已整改",
     "服务事项清单已在大厅公示，首问负责制已落实", d(3, 10), None),
    ("状态怎么提",
     "部分党员干部有“躺平”心态，满足于完成交办事项，主动谋事、想事不够",
     "开展“比学赶超”主题党日活动，实行部室工作每月亮晒点评",
     "机关党委", "杨　帆", "长期坚持", "长期坚持",
     "已开展亮晒点评2次", None, None),
    ("状态怎么提",
     "职工法律援助案件办理节奏慢，个别案件进展跟踪、结果反馈不及时",
     "建立援助案件进度台账，每案指定专人跟踪，结案后5个工作日内回访",
     "法律工作部", "彭　亮", d(4, 10), "正在整改",
     "案件台账已建立，回访制度尚未落实", None, None),
    # 二问 标杆怎么立
    ("标杆怎么立",
     "工作标杆定位不高，职工技能竞赛成绩满足于全省中游，未对标长三角先进城市",
     "赴合肥、南京等地学习考察，对标制定职工技能提升三年行动方案",
     "经济工作部", "沈涛", d(5, 31), "未启动",
     None, None, None),
    ("标杆怎么立",
     "职工文化阵地建设标准不高，职工书屋使用率低、借阅量少",
     "对照全国示范职工书屋标准，年内完成10家职工书屋提档升级",
     "宣传教育部", "韩磊", "年底前", "整改中",
     "已确定首批4家升级名单", None, None),
    ("标杆怎么立",
     "女职工关爱行动满足于常规慰问，特色品牌不响、覆盖面不广",
     "打造女职工关爱服务品牌，年内新建“爱心妈咪小屋”20家",
     "女职工部", "许红", d(4, 25), "整改中",
     "已完成选址摸排，建设标准正在审定", None, None),
    ("标杆怎么立",
     "年度目标定“触手可及”的标准，全省工会系统综合考核排名居中游",
     "对标全省前三位，重新修订年度目标任务，细化到部室、落实到个人",
     "组织部", "王志刚", "3月底", "已完成",
     "年度目标任务已修订并经党组会议通过", d(3, 30), None),
    ("标杆怎么立",
     "服务阵地建设对标先进不够，线上服务平台功能单一、职工知晓率低",
     "借鉴先进地市经验升级线上服务平台，新增普惠服务、法律咨询等功能模块",
     "职工服务中心", "程飞", d(6, 30), "未启动",
     None, None, "需信息化专项经费支持"),
    ("标杆怎么立",
     "经费使用效益对标要求不高，部分项目预算执行率低于序时进度",
     "建立预算执行月通报制度，督促项目部室加快执行进度",
     "财务部", "黄丽萍", d(4, 15), "未启动",
     None, None, None),
    # 三问 劲头怎么鼓
    ("劲头怎么鼓",
     "对急难险重任务有畏难情绪，重大活动保障方案“等上级定了再说”",
     "建立重大活动保障预案库，明确牵头人和时间节点，提前谋划、主动对接",
     "办公室", "李强", d(4, 22), "进行中",
     "预案库框架已拟定", None, None),
    ("劲头怎么鼓",
     "协调解决欠薪等职工诉求主动性不够，跨部门问题存在“击鼓传花”现象",
     "建立职工诉求协调联动机制，重点诉求实行专人包案、限期办结",
     "权益保障部", "朱琳", d(3, 31), "已销号",
     "联动机制已建立，包案诉求5件全部办结", d(3, 31), None),
    ("劲头怎么鼓",
     "集体协商要约行动推进被动，“不拨不动”，重点行业工资集体协商覆盖率不高",
     "制定重点行业集体协商推进计划，分行业召开协商推进会",
     "法律工作部", "马晓东", d(5, 31), "整改中",
     "已召开建筑业协商推进会", None, None),
    ("劲头怎么鼓",
     "职工思想动态调研缺乏主动性，对新媒体宣传阵地建设“不想钻、不敢争”",
     "每季度开展一次职工思想动态调研，形成分析报告报党组",
     "宣传教育部", "冯　雪", d(4, 30), "整改中",
     "调研问卷已设计完成", None, None),
    ("劲头怎么鼓",
     "合理化建议、技术创新活动发动不充分，一线职工参与积极性不高",
     "开展“金点子”合理化建议征集活动，对优秀建议给予表彰奖励",
     "经济工作部", "钱　进", d(4, 26), "未启动",
     None, None, None),
    ("劲头怎么鼓",
     "推动女职工权益保护专项集体合同力度不够，碰到企业不配合就打“退堂鼓”",
     "对未签订专项集体合同的规上企业逐一上门督导，实行清单化推进",
     "女职工部", "邓佳佳", "年底前", "整改中",
     "已梳理未签订企业清单", None, None),
    ("劲头怎么鼓",
     "机关青年干部干事创业激情不足，缺少承担急难险重任务的历练",
     "选派青年干部到基层工会、信访接待窗口跟班锻炼",
     "机关党委", "林小雨", d(4, 8), "已完成",
     "首批3名青年干部已到岗锻炼", d(4, 8), None),
    # 四问 本领怎么强
    ("本领怎么强",
     "对新出台的劳动法律法规学习不深不透，解答职工咨询存在“不懂装懂”",
     "每月开展一次法律法规集中学习，编印职工常见法律问题解答手册",
     "法律工作部", "马晓东", d(3, 31), "已完成",
     "已集中学习2次，解答手册已印发", d(3, 25), None),
    ("本领怎么强",
     "对工会经费收缴新政策掌握不准，指导基层工会财务工作能力不足",
     "组织财务人员专题培训，编制基层工会经费收支管理指引",
     "财务部", "曹　敏", d(4, 24), "整改中",
     "培训已完成，指引正在编写", None, None),
    ("本领怎么强",
     "工会干部业务培训针对性不强，基层工会主席履职能力参差不齐",
     "分层分类举办基层工会主席培训班，年内实现新任工会主席培训全覆盖",
     "组织部", "郑洁", "5月底", "未启动",
     None, None, None),
    ("本领怎么强",
     "新媒体运营能力不足，微信公众号更新慢、原创内容少、阅读量低",
     "组建新媒体编辑小组，每周原创推文不少于2篇",
     "宣传教育部", "李静", d(4, 12), "整改中",
     "编辑小组已组建，原创内容尚未达到要求", None, None),
    ("本领怎么强",
     "劳动关系风险研判能力不强，重点企业欠薪隐患排查“一阵风”",
     "建立劳动关系风险监测点，每季度开展一次隐患排查和研判",
     "权益保障部", "秦浩", "长期坚持", "长期坚持",
     "已确定监测企业30家", None, None),
    ("本领怎么强",
     "信息化应用能力偏弱，困难职工档案仍以纸质管理为主，数据更新滞后",
     "将困难职工档案录入全国工会帮扶系统，实行动态管理",
     "职工服务中心", "袁晓梅", "2022年6月30日", "整改中",
     "已录入档案126份", None, None),
    ("本领怎么强",
     "调查研究能力不足，调研报告“只出题、不答题”，对策建议操作性不强",
     "每名班子成员牵头一个调研课题，形成有分析、有对策的调研报告",
     "办公室", "王　芳", d(4, 23), "进行中",
     "课题已分解到人", None, None),
    # 五问 作风怎么实
    ("作风怎么实",
     "发文照搬照抄上级文件，针对性和操作性不强",
     "严格发文审核把关，结合工会工作实际提出具体措施，能不发的文件坚决不发",
     "办公室", "张　华", "立行立改", "已完成",
     "已修订发文审核办法", d(3, 5), None),
    ("作风怎么实",
     "会议多、会议长，讲套话虚话，存在陪会现象",
     "精简会议数量，控制会议时长，无关人员一律不陪会",
     "办公室", "孙丽", "2022.3.31", "已销号",
     "一季度会议数量同比减少三成", d(3, 31), None),
    ("作风怎么实",
     "重留痕轻实效，台账资料多、实际成效少，“留迹不留心”",
     "清理规范各类工作台账，考核以实际成效为主，不以材料多少论英雄",
     "机关党委", "杨帆", d(3, 31), "整改中",
     "台账清理方案已起草", None, None),
    ("作风怎么实",
     "对基层工会督查检查走过场，“只出题、不答题”，发现问题跟踪整改不够",
     "督查检查实行问题清单反馈和整改回头看，帮助基层解决实际问题",
     "组织部", "王志刚", d(4, 30), "已完成",
     "问题反馈和回头看制度已建立", d(4, 18), None),
    ("作风怎么实",
     "经费报销审批“一签了之”，对支出合规性把关不严",
     "落实经费支出审批责任，经办人、审核人、审批人逐级签字把关",
     "财务部", "黄丽萍", d(3, 15), "已整改",
     "已修订经费报销审批办法", d(3, 14), None),
    ("作风怎么实",
     "深入企业一线走访职工不够，没有和职工群众坐在“一条板凳上”",
     "机关干部每月至少深入企业一线走访1次，收集职工诉求建立台账",
     "权益保障部", "赵明辉", "长期坚持", "长期坚持",
     "一季度走访企业42家", None, None),
    ("作风怎么实",
     "劳模服务管理不够精细，对困难劳模帮扶慰问存在“走过场”",
     "建立困难劳模动态档案，实行一人一策精准帮扶",
     "经济工作部", "沈涛", d(4, 10), "已完成",
     "困难劳模档案已建立", d(4, 6), None),
    ("作风怎么实",
     "调研督导深入基层少，对县区女职工工作指导不具体",
     "每季度到县区开展一次女职工工作专题调研督导，形成督导意见",
     "女职工部", "许　红", d(3, 31), "未启动",
     None, None, "本人对照检查提出"),
    ("作风怎么实",
     "部分工作人员服务态度生硬，职工满意度测评得分偏低",
     "开展文明服务专题培训，推行服务评价，评价结果与绩效挂钩",
     "职工服务中心", "程　飞", d(4, 15), "已销号",
     "培训已完成，服务评价器已启用", d(4, 15), None),
]

# -- layout of each sheet -------------------------------------------------------------------
# (header, column width in characters)

ISSUE_COLUMNS = [("序号", 6), ("问题类别", 11), ("问题描述", 40), ("整改措施", 40),
                 ("责任领导", 9), ("责任部门", 12), ("责任人", 8), ("整改时限", 12),
                 ("整改状态", 9), ("进展情况", 30), ("完成日期", 12), ("备注", 16)]
TASK_COLUMNS = [("序号", 6), ("阶段", 10), ("工作任务", 46), ("责任部门", 12), ("责任人", 8),
                ("开始日期", 12), ("完成时限", 12), ("成果要求", 28), ("状态", 8)]
PHASE_COLUMNS = [("序号", 6), ("阶段", 10), ("名称", 14), ("开始日期", 10), ("结束日期", 10),
                 ("主要任务", 60), ("成果形式", 30)]
PEOPLE_COLUMNS = [("序号", 6), ("姓名", 10), ("部门", 14), ("职务", 28), ("联系电话", 15)]
GROUP_COLUMNS = [("序号", 6), ("职务", 12), ("姓名", 10), ("单位及职务", 40)]

TITLE_FONT = Font(name="黑体", size=16)
HEADER_FONT = Font(name="宋体", size=11, bold=True)
BODY_FONT = Font(name="宋体", size=11)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
DATE_FORMAT = "yyyy/m/d"
FIXED_TIME = datetime(2022, 4, 20, 17, 30, 0)  # when the secretary last saved the file


def issue_rows() -> list[list]:
    rows = []
    for n, (cat, desc, measure, dept, owner, due, status, progress, done, note) in enumerate(
            ISSUES, start=1):
        rows.append([n, cat, desc, measure, LEADER_OF[dept], dept, owner, due, status,
                     progress, done, note])
    return rows


def numbered(rows) -> list[list]:
    return [[n, *row] for n, row in enumerate(rows, start=1)]


def row_height(row, columns) -> float:
    """Points for a row whose wrapped text must show in full.

    Excel keeps a stored row height and LibreOffice/WPS do not always re-fit wrapped rows, so
    the height is set the way a secretary drags it: a CJK character is about two width units.
    """
    lines = 1
    for value, (_, width) in zip(row, columns):
        if isinstance(value, str):
            lines = max(lines, -(-len(value) * 2 // max(width - 2, 1)))
    return 15 * lines + 6


def write_list_sheet(ws, title: str, columns, rows, wide: set[str], note: str | None = None,
                     landscape: bool = False) -> None:
    """A title row merged across the columns, a bold header, bordered data, optional note."""
    ncol = len(columns)
    last = get_column_letter(ncol)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = title
    ws["A1"].font = TITLE_FONT
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 36

    for c, (name, width) in enumerate(columns, start=1):
        cell = ws.cell(row=2, column=c, value=name)
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BOX, CENTER
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.row_dimensions[2].height = 24

    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            cell.font, cell.border = BODY_FONT, BOX
            cell.alignment = LEFT if columns[c - 1][0] in wide else CENTER
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
        ws.row_dimensions[r].height = row_height(row, columns)

    if note:
        r = 3 + len(rows) + 1  # one blank row, then the note, as typed under the table
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=ncol)
        ws.cell(row=r, column=1, value=note).font = BODY_FONT

    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write_doc_info(ws) -> None:
    ws.append(["项目", "内容"])
    for cell in ws[1]:
        cell.font, cell.fill, cell.border, cell.alignment = HEADER_FONT, HEADER_FILL, BOX, CENTER
    for key, value in DOC_INFO:
        ws.append([key, value])
        r = ws.max_row
        for cell in ws[r]:
            cell.font, cell.border = BODY_FONT, BOX
        ws.cell(row=r, column=1).alignment = CENTER
        ws.cell(row=r, column=2).alignment = LEFT
        if isinstance(value, date):
            ws.cell(row=r, column=2).number_format = 'yyyy"年"m"月"d"日"'
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 70
    ws.freeze_panes = "A2"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def build_workbook() -> Workbook:
    wb = Workbook()
    wb.properties.creator = "王芳"
    wb.properties.lastModifiedBy = "王芳"
    wb.properties.created = FIXED_TIME
    ws = wb.active
    ws.title = "发文信息"
    write_doc_info(ws)

    write_list_sheet(wb.create_sheet("领导小组"),
                     "“五问”六安——奋勇争先大讨论活动领导小组名单",
                     GROUP_COLUMNS, numbered(LEADING_GROUP), wide={"单位及职务"})
    write_list_sheet(wb.create_sheet("人员"), "市总工会机关干部职工名单",
                     PEOPLE_COLUMNS, numbered(PEOPLE), wide={"职务"})
    write_list_sheet(wb.create_sheet("阶段安排"), "“五问”六安大讨论活动阶段安排",
                     PHASE_COLUMNS, numbered(PHASES), wide={"主要任务", "成果形式"},
                     landscape=True)
    write_list_sheet(wb.create_sheet("工作安排"), "“五问”六安大讨论活动工作安排",
                     TASK_COLUMNS, numbered(TASKS), wide={"工作任务", "成果要求"},
                     landscape=True)
    write_list_sheet(wb.create_sheet("问题清单"), "“五问”六安大讨论活动问题清单",
                     ISSUE_COLUMNS, issue_rows(),
                     wide={"问题描述", "整改措施", "进展情况", "备注"},
                     note="填表人：王　芳    审核人：李　强    填表日期：2022年4月20日",
                     landscape=True)
    return wb


def reproducible_bytes(wb: Workbook) -> bytes:
    """openpyxl stamps the save time into docProps/core.xml and every zip entry; pin both."""
    raw = io.BytesIO()
    wb.save(raw)
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.encode(),
                              data)
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # mkstemp creates 0600; give the file ordinary permissions
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv: list[str]) -> int:
    default = Path(__file__).resolve().parent.parent / "data" / "活动.xlsx"
    path = Path(argv[1]) if len(argv) > 1 else default
    write_atomically(path, reproducible_bytes(build_workbook()))
    print(f"已生成 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
