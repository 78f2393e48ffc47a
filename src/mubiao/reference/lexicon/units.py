"""Units of measure, and the nouns that tell what a figure with a bare scale (5万亿, 71.3万) counts."""

from __future__ import annotations

__all__ = [
    "AMOUNT_NOUNS",
    "COMPOUND_UNITS",
    "COUNT_UNITS",
    "MEASURE_UNITS",
    "MONEY_NOUNS",
    "MONEY_UNITS",
    "PEOPLE_NOUNS",
    "RATE_UNITS",
    "THRESHOLD_UNITS",
]

RATE_UNITS: tuple[str, ...] = ("个百分点", "百分点", "%", "‰")
MONEY_UNITS: tuple[str, ...] = ("元人民币", "美元", "欧元", "港元", "元")
COMPOUND_UNITS: tuple[str, ...] = (
    "微克/立方米", "毫克/立方米", "万元/人", "元/人", "万元/亩", "人/亿元", "千克/万元", "吨/万元",
    "吨标准煤/万元", "个/万人", "张/千人", "人/千人", "个/千人", "件/万人", "平方米/人",
)  # fmt: skip
MEASURE_UNITS: tuple[str, ...] = (
    "百亿亿次/秒", "千克", "P", "平方公里", "平方米", "立方米", "公顷", "亩", "公里", "千米", "吨标准煤",
    "吨", "千瓦时", "千瓦", "标准箱", "标箱", "个工作日", "工作日", "公斤", "斤",
)  # fmt: skip
#: what is counted: people, firms, projects, things, times
COUNT_UNITS: tuple[str, ...] = (
    "人次", "户", "家", "所", "项", "件", "名", "条", "座", "台套", "台", "辆", "套", "只", "张", "间",
    "处", "栋", "幢", "床", "批次", "场", "篇", "部", "艘", "架", "棵", "株", "宗", "笔", "个", "人",
    "次", "倍", "岁", "天",
)  # fmt: skip
#: units of a threshold in a name (10亿元以上重大项目, 5000平方米以上): before a count, not a claim
THRESHOLD_UNITS: tuple[str, ...] = ("元", "亩", "平方米", "吨", "千瓦")

# what a bare scale counts, by the indicator's noun: money, an amount of the economy, or people
MONEY_NOUNS: tuple[str, ...] = (
    "生产总值", "收入", "营收", "产值", "投资", "消费", "额", "资金", "GDP", "税", "贷款", "存款", "销售",
    "利润", "支出", "债",
)  # fmt: skip
AMOUNT_NOUNS: tuple[str, ...] = ("总量", "规模", "经济")
PEOPLE_NOUNS: tuple[str, ...] = (
    "人数", "人才", "人口", "对象", "就业", "劳动力", "游客", "学生", "职工", "农民工", "群众", "人员", "居民",
    "新生", "老年人", "儿童", "工人", "员工", "院士", "专家", "志愿者", "旅居",
)  # fmt: skip
