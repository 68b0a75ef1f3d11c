"""Invented names built from combinatorial parts: places, units, projects, indicators.

Every name is made up from generic parts; none refers to a real report.
"""

from __future__ import annotations

import random

PLACE_HEADS = ("青", "云", "丰", "安", "清", "临", "永", "宁", "平", "兴", "石", "溪", "桐", "枫", "梅", "岚")
PLACE_TAILS = ("川", "阳", "源", "陵", "山", "水", "林", "岗", "湖", "塘", "浦", "坪", "洲", "峰")
PLACE_LEVELS = ("县", "市", "区")
AGENCIES = (
    "农业农村局", "教育局", "统计局", "自然资源局", "文化旅游广电局", "卫生健康局",
    "人力资源和社会保障局", "水利局", "林业局", "市场监督管理局", "司法局", "交通运输局",
    "住房和城乡建设局", "人大常委会办公室", "政协办公室", "档案馆", "科学技术局", "民政局",
    "应急管理局", "商务局", "生态环境局", "退役军人事务局", "医疗保障局", "机关事务服务中心",
)
PROJECT_TOPICS = (
    "农村人居环境整治", "基层培训", "信息化建设", "档案数字化", "安全生产检查", "公共文化服务",
    "专项督查", "法律援助", "防汛抗旱", "市场抽检", "林业有害生物防治", "困难群众救助",
    "统计调查", "代表履职服务", "政务公开", "机关运行保障", "普法宣传", "应急演练",
)
PROJECT_TAILS = ("专项经费", "工作经费", "项目", "补助资金")

#: (二级指标, 三级指标 name, unit, low, high) of quantity indicators.
QUANTITY = (
    ("数量指标", "开展培训", "次", 2, 30),
    ("数量指标", "组织检查", "次", 5, 80),
    ("数量指标", "服务对象人数", "人", 100, 5000),
    ("数量指标", "印发宣传资料", "份", 500, 20000),
    ("数量指标", "召开工作会议", "次", 2, 20),
    ("数量指标", "完成调研课题", "个", 1, 12),
)
QUALITY = ("任务完成率", "资金拨付准确率", "检查覆盖率", "档案归档率", "问题整改率")
TIMELINESS = ("资金拨付及时率", "工作按期完成率")
BENEFITS = (
    ("社会效益指标", "群众办事便利程度", "明显提升"),
    ("社会效益指标", "社会治理水平", "有效提高"),
    ("可持续影响指标", "长效机制建设", "持续完善"),
    ("经济效益指标", "带动相关产业发展", "显著改善"),
)
COSTS = ("办公经费控制", "会议费控制", "培训费控制", "公务接待费控制")

PROBLEMS = (
    "预算执行进度不均衡，部分项目资金集中在下半年支出。",
    "绩效目标设置不够细化，部分指标难以量化考核。",
    "项目前期论证不充分，导致预算调整较多。",
    "绩效自评工作人员业务水平有待提高。",
    "部分项目资金结转结余较多，资金使用效益有待提升。",
    "固定资产管理不够规范，账实核对不够及时。",
)
MEASURES = (
    "加强预算执行管理，按月通报执行进度，确保资金及时支出。",
    "科学设置绩效指标，细化量化年度目标，提高指标的可考核性。",
    "强化项目前期论证，提高预算编制的准确性和前瞻性。",
    "加强财务和绩效管理人员培训，提升业务能力。",
    "加强结转结余资金管理，及时盘活存量资金。",
    "完善资产管理制度，定期开展资产清查。",
)


def department(rng: random.Random) -> str:
    """An invented unit name such as “青川县农业农村局”."""
    place = rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS) + rng.choice(PLACE_LEVELS)
    return place + rng.choice(AGENCIES)


def projects(rng: random.Random, count: int) -> list[str]:
    """`count` distinct project names."""
    topics = rng.sample(PROJECT_TOPICS, count)
    return [topic + rng.choice(PROJECT_TAILS) for topic in topics]
