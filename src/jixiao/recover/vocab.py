"""The words that name the columns and rows of the standard forms.

One vocabulary serves the recovery of tables from flattened text (`jixiao.recover`)
and the reading of tables (`jixiao.extract`): a header cell is given a *role*
(``name``, ``target``, ``weight`` …) by the first pattern it matches.
"""

from __future__ import annotations

import re

#: Indicator table: column role → header pattern, tried in this order for each header cell.
INDICATOR_ROLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("level1", re.compile(r"^一级(?:指标)?")),
    ("level2", re.compile(r"^二级(?:指标)?")),
    ("name", re.compile(r"^(?:三级(?:指标)?|指标内容|指标名称|具体指标)")),
    ("coefficient", re.compile(r"得分系数|完成系数|系数")),
    ("deviation", re.compile(r"偏差|未完成原因|原因分析|^原因$")),
    ("operator", re.compile(r"计算符号|指标性质|^符号$")),
    ("method", re.compile(r"类型|解释|评.{0,3}分标准|评价标准|计算方法|计分方法|评分规则|依据|指标说明")),
    ("note", re.compile(r"^(?:备注|说明)$")),
    ("actual", re.compile(r"实际完成|完成值|实际值|实际完成情况|完成情况")),
    ("target", re.compile(r"指标值|目标值|预期值|计划值|年度目标")),
    ("weight", re.compile(r"^(?:分值|权重|标准分|指标分值|指标权重)")),
    ("score", re.compile(r"得分|评分")),
    ("unit", re.compile(r"计量单位|度量单位|^单位$")),
)

#: Header words of an indicator table as they run together in flattened text, longest first.
INDICATOR_HEADER_WORDS: tuple[str, ...] = (
    "偏差原因分析及改进措施", "偏差原因分析", "未完成原因分析", "实际完成指标值", "年度总体目标完成情况",
    "一级指标", "二级指标", "三级指标", "指标名称", "指标内容", "具体指标", "年度指标值", "预期指标值",
    "年初指标值", "调整指标值", "全年完成值", "实际完成值", "实际完成情况", "得分计算方法", "评分标准",
    "评价标准", "指标说明", "计量单位", "度量单位", "指标性质", "计算符号", "得分系数", "指标权重",
    "指标分值", "指标得分", "自评得分", "未完成原因", "偏差原因", "指标值", "目标值", "完成值",
    "标准分", "分值", "权重", "得分", "一级", "二级", "说明", "备注",
)

#: Money block of a 自评表 or 基础数据表: stage and scoring column words.
MONEY_HEADER_WORDS: tuple[str, ...] = (
    "年初预算数", "年初预算", "全年(调整)预算数", "全年（调整）预算数", "全年预算数", "调整后预算数",
    "调整预算数", "调整后预算", "全年执行数", "预算执行数", "实际执行数", "决算数", "执行数",
    "预算执行率", "执行率权重", "执行率得分", "执行率", "分值", "权重", "得分", "原因", "得分计算方法",
    "预算数", "决算数", "上年决算数", "本年预算数", "本年决算数",
)
#: Staffing columns of a 基础数据表 (编制数 / 实际在职人数 / 控制率).
STAFF_HEADER_WORDS: tuple[str, ...] = (
    "核定编制数", "编制数", "编制人数", "实际在职人数", "在职人数", "实有人数", "离退休人数", "控制率",
)
#: A year before a column word (2023年决算数): it says which year the column is.
YEAR_PREFIX = re.compile(r"(?:19|20)\d{2}年度?")
#: The stage columns among them (at least two make a money header).
MONEY_STAGE = re.compile(r"年初预算|全年.{0,4}预算|调整.{0,2}预算|执行数|决算数|预算数")

#: Row labels of a money block: the sources of funds and their total.
FUND_ROW = re.compile(
    r"^(?:其中\s*[:：]?\s*)?(?:年度资金总额|资金总额|年度总金额|总额|合计|总计|(?:本年)?财政拨款|财政资金|"
    r"财政专户管理资金|上年结转(?:资金)?|其他资金|单位资金|自有资金|一般公共预算|政府性基金)")

#: Labels of a cover form or a project form, each followed by its value.
FORM_LABELS: tuple[str, ...] = (
    "部门（单位）名称", "部门(单位)名称", "项目实施单位", "项目名称", "主管部门", "实施单位", "项目负责人",
    "部门联系人", "联系人", "联系电话", "联络电话", "人员编制", "实有人数", "编制人数", "在职人数",
    "离退休人数", "自评总分", "自评得分", "预算编码", "评价方式", "评价机构", "填报单位", "单位名称",
    "部门名称", "职能职责概述", "年度主要工作内容", "项目属性", "项目类型",
)

#: Units of measure written in a column of their own (or run into a name).
MEASURE_UNITS: tuple[str, ...] = (
    "万平方米", "平方米", "平方公里", "万亩", "公顷", "亩", "万元", "亿元", "元", "万人次", "人次", "万人",
    "人", "户", "家", "个", "项", "件", "次", "场", "期", "篇", "份", "台", "套", "辆", "所", "座", "处",
    "株", "棵", "万株", "吨", "万吨", "公里", "千米", "米", "天", "日", "月", "年", "小时", "批", "批次",
    "%", "％", "‰",
)

#: Labels that end a form region (the sections that follow an indicator table).
FORM_END = re.compile(
    r"^(?:评价结论|存在问题|存在的问题|改进措施|项目负责人|财务负责人|填报人|填表人|审核人|联系人|"
    r"自评结论|总体评价|备注|说明[：:])")

#: Level labels of an indicator table (一级 and 二级) as forms name them.
LEVEL1_WORDS = re.compile(
    r"^(?:产出|效益|满意度|决策|过程|项目决策|项目过程|项目产出|项目效益|部门决策|综合管理|履职效能|"
    r"能力建设|投入|管理|绩效)(?:指标)?$")
LEVEL2_END = re.compile(r"(?:数量|质量|时效|成本|效益|影响|满意度|效果|服务对象满意度)指标$")
POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分?\s*[）)]")
