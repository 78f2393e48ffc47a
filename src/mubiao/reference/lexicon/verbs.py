"""Verbs: of change (增长, 下降), of effort and making (建设, 引进), of counting, and predicates after a count."""

from __future__ import annotations

__all__ = [
    "ACTION_VERBS",
    "BENEFIT_VERBS",
    "COUNTING_VERBS",
    "GROWTH_VERBS",
    "MILESTONE_VERBS",
    "NEGATIVE_VERBS",
    "PREDICATES",
    "RANK_VERBS",
    "VERBS_ENDING_IN_JI",
]

#: a verb of change before a rate makes it a growth figure
GROWTH_VERBS: frozenset[str] = frozenset(
    (
        "增长率",
        "增长",
        "增速",
        "增幅",
        "降幅",
        "增加",
        "提高",
        "提升",
        "上升",
        "下降",
        "降低",
        "减少",
        "回落",
        "缩减",
        "下滑",
    )
)
#: a verb of change that makes the figure after it negative (下降2.5%: −2.5%)
NEGATIVE_VERBS: frozenset[str] = frozenset(
    ("下降", "降低", "减少", "回落", "缩减", "下滑", "净减", "缩小", "降", "减量", "降幅")
)
#: verbs that open an indicator phrase and are part of what is counted (新建学校5所, 引进项目12个)
ACTION_VERBS: tuple[str, ...] = (
    "新建扩建", "新建", "扩建", "改建", "建成", "建设", "落户", "引进", "培育", "创建", "创成", "获评", "获批",
    "入选", "实施", "推进", "新增", "净增", "开工", "竣工", "签约", "招引", "打造", "认定", "新认定", "举办",
    "开展", "提速", "组织", "设立", "完成", "实现", "列入", "入库", "中标", "改造", "整治", "提供", "培训",
    "帮扶", "吸纳", "发放", "兑现", "减免", "新开", "建立", "评选", "引育", "招聘", "安置", "救助", "形成",
    "累计完成", "累计新增", "累计引进", "新改扩建", "改扩建", "新改建", "新开工", "新开通",
)  # fmt: skip
#: a verb that counts what follows it (培育建设50个智慧农业样板基地, 突出抓好1530个重点项目)
COUNTING_VERBS: tuple[str, ...] = (
    "建设", "改造", "提升", "培育", "培强", "壮大", "开展", "举办", "抓好", "推动", "推进", "实施", "新建", "建成",
    "打造", "引进", "招引", "组织", "支持", "创建", "形成", "开通", "承办", "落地", "签约", "推出", "设立", "布局",
    "认定", "培训", "帮扶", "走访", "治理", "整治", "新开", "中标", "提速", "扶持", "储备", "谋划", "攻坚", "服务",
    "吸引", "集聚", "引育", "遴选", "发布", "出台", "制定", "修订", "办好", "办理", "完成", "争取", "发放", "投入",
    "安排", "筹集", "下达", "拨付", "兑现", "带动", "撬动", "减免", "减轻", "追回", "核销", "募集", "获得", "吸纳",
)  # fmt: skip
#: what a count's noun is followed by when the claim is the predicate (12家企业被认定为…)
PREDICATES: tuple[str, ...] = (
    "被认定为", "被评为", "被授予", "被列为", "获评", "获批", "获得", "荣获", "创成", "列入", "纳入", "入选", "中标",
    "实现", "全面开工", "开工", "竣工投产", "竣工", "投产", "成功", "落户", "通过", "达标", "建成", "在",
)  # fmt: skip
#: the verb of a milestone governs the list it opens (跨越7万亿、8万亿)
MILESTONE_VERBS: tuple[str, ...] = ("跨越", "突破", "迈上", "迈过", "超过", "超")
#: what is done for people counted before them (为5.01万名农民工追回欠薪), beyond the verbs above
BENEFIT_VERBS: tuple[str, ...] = (
    "追回", "提供", "解决", "资助", "补贴", "救助", "办理", "开展", "落实", "免除", "代缴", "培训", "得到",
)  # fmt: skip
#: verbs that end in 及, which is not then a list's 及 (惠及26个省份, 涉及12个县)
VERBS_ENDING_IN_JI: tuple[str, ...] = ("惠及", "涉及", "普及", "波及", "遍及", "顾及", "危及", "企及", "提及")
#: the verbs of a rank (稳居全国前十): never an indicator
RANK_VERBS: tuple[str, ...] = ("稳居", "位居", "跃居", "居于", "居", "位列", "保持")
