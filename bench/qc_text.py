"""Synthetic but realistic Chinese text of QC-group achievements, for benchmarks.

Titles follow the two kinds the competition knows (问题解决型: 降低/提高… an indicator of some
equipment or service; 创新型: 研制一种… device), and a write-up walks through the sections of a
QC report (小组简介 … 巩固措施) with varied sentences, numbers and names, so that the text has
the bigram variety of real reports rather than a few repeated phrases. Everything is drawn
from the `random.Random` passed in, so a seed gives the same site every time.
"""

VERBS_DOWN = ["降低", "减少", "缩短", "压降", "控制"]
VERBS_UP = ["提高", "提升", "增加", "改善"]
VERBS_NEW = ["研制", "研发", "设计", "开发"]
SCOPES = ["", "", "", "城区", "农村", "县域", "高铁沿线", "高速公路沿线", "重点场所", "校园", "工业园区", "住宅小区",
          "室内", "山区", "景区", "营业厅", "地市公司", "政企客户", "家庭客户", "枢纽机楼"]
OBJECTS = ["基站", "5G基站", "室分系统", "光缆线路", "家庭宽带", "政企专线", "传输网络", "铁塔", "通信机房", "数据中心",
           "动力环境监控系统", "蓄电池组", "精密空调", "光交接箱", "管道线路", "杆路", "光纤到户", "IPTV业务", "物联网卡",
           "客服热线", "营业厅", "装维工单", "话务网络", "核心网", "无线网络", "微波链路", "分组传送网", "云资源池",
           "智慧家庭终端", "千兆光网", "FTTR组网", "应急通信车", "基站配套电源", "综合接入机房", "OTN设备"]
METRICS_DOWN = ["退服时长", "故障处理时长", "投诉率", "装机时长", "差错率", "能耗", "掉话率", "告警误报率", "维护成本",
                "故障修复历时", "重复投诉率", "返修率", "平均停电时长", "割接中断时长", "电费支出", "回单超时率",
                "隐患整改周期", "巡检漏检率", "误码率", "时延"]
METRICS_UP = ["一次成功率", "接通率", "满意度", "开通及时率", "巡检效率", "资源利用率", "覆盖率", "预约准时率",
              "自动派单率", "故障定位准确率", "节能率", "测试合格率", "首次解决率", "数据准确率"]
DEVICES = ["检测装置", "预警装置", "辅助工具", "智能终端", "巡检机器人", "管理系统", "定位仪", "保护套", "收纳架",
           "测试仪", "清洁工具", "固定支架", "标识牌", "牵引装置", "防水密封套", "温控装置", "熔接辅助夹具",
           "远程监测平台", "数据采集器", "移动作业应用"]
DEVICE_FOR = ["光缆接头盒", "馈线接头", "地下管井有害气体", "蓄电池内阻", "机房温湿度", "杆路倾斜", "光纤端面", "基站天线",
              "空调冷凝水", "电源开关", "光分路器", "入户光缆", "室外机柜", "铁塔螺栓", "配线架跳纤"]
CAUSES = ["作业指导书不完善", "新员工培训不到位", "备品备件储备不足", "测试仪表老化", "巡检周期过长", "告警规则设置不合理",
          "施工工艺不规范", "设备选型不当", "交接流程不清晰", "考核机制不健全", "环境温度过高", "线路标识不清",
          "派单规则不合理", "客户预约信息不准确", "外力破坏频繁", "电源容量不足", "数据核对靠人工", "现场照明不足"]
METHODS = ["头脑风暴", "亲和图", "因果图", "关联图", "系统图", "排列图", "调查表", "直方图", "控制图", "散布图",
           "矩阵图", "PDPC法", "简易图表", "流程图", "对策表", "水平对比"]
DEPARTMENTS = ["网络运行维护部", "工程建设部", "客户服务中心", "政企客户部", "网络优化中心", "综合部", "传输维护中心",
               "无线维护中心", "装维服务中心", "数据中心运营部", "市场经营部", "信息化中心"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华慧建国志红玉兰文斌鹏飞宇晨欣怡浩然子轩佳琪思远"
GROUP_NAMES = ["蓝海", "星火", "启航", "飞翼", "向日葵", "攀登", "先锋", "追梦", "匠心", "汾水", "云帆", "磐石",
               "雄鹰", "萤火虫", "智联", "畅通", "守望", "扬帆", "领航", "晨曦", "卓越", "精工", "铁军", "彩虹"]


def person(rng):
    return rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.6 else "")


def group_name(rng, number):
    return f"{rng.choice(GROUP_NAMES)}{'' if number % 3 else number % 97}QC小组"


def title(rng):
    """A title and its topic type."""
    if rng.random() < 0.3:
        device = rng.choice(DEVICE_FOR) + rng.choice(DEVICES)
        one = "一种" if rng.random() < 0.5 else ""
        return f"{rng.choice(VERBS_NEW)}{one}{device}", "创新型"
    scope, subject = rng.choice(SCOPES), rng.choice(OBJECTS)
    if rng.random() < 0.55:
        return f"{rng.choice(VERBS_DOWN)}{scope}{subject}{rng.choice(METRICS_DOWN)}", "问题解决型"
    return f"{rng.choice(VERBS_UP)}{scope}{subject}{rng.choice(METRICS_UP)}", "问题解决型"


def _section(heading, sentences, budget):
    """The heading and as many of the sentences as fit `budget` UTF-8 bytes (at least one)."""
    text = sentences[0]
    for sentence in sentences[1:]:
        if len((text + sentence).encode()) > budget:
            break
        text += sentence
    return f"## {heading}\n\n{text}"


def writeup(rng, subject_title, kind, group, enterprise, year, size):
    """A write-up of about `size` bytes of UTF-8 (Markdown, the sections of a QC report)."""
    n = lambda lo, hi: rng.randint(lo, hi)
    pct = lambda: f"{n(50, 99)}.{n(0, 9)}%"
    members = n(5, 10)
    before, after = n(60, 180), n(15, 55)
    cause = rng.sample(CAUSES, 4)
    method = rng.sample(METHODS, 4)
    dept = rng.choice(DEPARTMENTS)
    leader = person(rng)
    parts = [
        _section("小组简介", [
            f"{group}成立于{year - n(1, 8)}年，隶属{enterprise}{dept}，现有成员{members}人，",
            f"平均年龄{n(28, 45)}岁，其中高级职称{n(1, 3)}人、中级职称{n(2, 5)}人。",
            f"组长{leader}负责活动的组织和协调，本课题为{kind}课题，",
            f"活动时间为{year - 1}年{n(1, 12)}月至{year}年{n(1, 7)}月，累计开展活动{n(12, 30)}次，成员出勤率{pct()}。",
        ], size // 6),
        _section("选题理由", [
            f"上级公司要求“{subject_title}”纳入年度重点工作，",
            f"{year - 1}年下半年本单位该项指标为{before}分钟，明显落后于全省平均水平。",
            f"客户对此反映强烈，月均投诉{n(8, 60)}件，影响了服务口碑和市场份额。",
            f"小组通过{method[0]}梳理现场问题，决定以此为课题开展活动。",
        ], size // 6),
        _section("现状调查", [
            f"小组调取了{year - 1}年{n(1, 6)}月至{n(7, 12)}月的{n(120, 900)}条工单记录，",
            f"按环节分层统计后绘制{method[1]}，发现“{cause[0]}”和“{cause[1]}”两项占问题总数的{pct()}，是症结所在。",
            f"现场跟踪{n(10, 40)}次作业，平均耗时{before}分钟，最长达{before + n(20, 90)}分钟。",
        ], size // 6),
        _section("原因分析与要因确认", [
            f"小组运用{method[2]}从人、机、料、法、环、测六个方面分析，共找出末端原因{n(8, 16)}条，",
            f"逐条制定要因确认计划并到现场测量验证，最终确认“{cause[2]}”“{cause[3]}”等{n(2, 4)}条为要因。",
            f"其中{cause[2]}导致的返工占比{pct()}，与指标的相关系数达到0.{n(70, 95)}。",
        ], size // 6),
        _section("对策实施", [
            f"针对要因，小组按“5W1H”制定对策表，由{person(rng)}、{person(rng)}分别负责。",
            f"对策一：修订作业流程，编制图文并茂的作业指导书{n(2, 6)}份，组织培训{n(3, 12)}场、考试合格率{pct()}；",
            f"对策二：{rng.choice(VERBS_NEW)}{rng.choice(DEVICE_FOR)}{rng.choice(DEVICES)}，在{n(3, 20)}个站点试用；",
            f"对策三：优化{rng.choice(OBJECTS)}巡检和派单规则，系统自动提醒，超时工单当日通报。",
        ], size // 5),
        _section("效果检查与巩固", [
            f"对策实施后，{year}年{n(1, 6)}月至{n(7, 9)}月指标由{before}分钟降至{after}分钟，优于目标值{after + n(2, 10)}分钟，",
            f"客户投诉下降{pct()}，年节约成本约{n(5, 90)}万元。",
            f"小组将新流程纳入{enterprise}管理制度，成果已在{n(3, 15)}个班组推广，并申请专利{n(1, 3)}项。",
            f"下一步，小组将以“{rng.choice(OBJECTS)}{rng.choice(METRICS_DOWN)}”为新课题继续开展活动。",
        ], size // 5),
    ]
    return "\n\n".join(parts) + "\n"
