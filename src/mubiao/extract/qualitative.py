"""Targets without a number: 一般公共预算收入保持稳定增长, 居民人均可支配收入与GDP同步增长,
全面完成市下达的节能降耗、生态环保等目标任务, 确保零就业家庭动态清零.

Two shapes are read.  *Subject + aim*: a short noun phrase followed by an aim from a closed list;
the aim's meaning sets the measure — a direction (增长, 提升, 同步) is ``growth``, a state or a task
(稳中提质, 平稳向好, 动态清零, 完成…任务) is ``level``.  *Task*: 完成(市)下达的 X、Y 等目标任务, one claim
per named task.  Lists split on 、 and 和; a one-character item borrows the rest of its neighbour
(大气、水环境质量改善 → 大气环境质量改善, 水环境质量改善).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mubiao.extract.indicator import borrow_suffix
from mubiao.patterns import Anchored
from mubiao.reference.lexicon import aims
from mubiao.statement import Measure

__all__ = [
    "NOT_SUBJECT",
    "VERBISH",
    "QualitativeClaim",
    "ends_with_aim",
    "find_qualitative",
    "list_aims",
    "takes_subjects",
]

_GROWTH_AIMS = "|".join(aims.GROWTH_AIMS)
_LEVEL_AIMS = "|".join(aims.LEVEL_AIMS)
_SUBJECT_AIM = re.compile(rf"^(?P<subj>[^，,。；;：:]{{2,24}}?)(?P<aim>{_GROWTH_AIMS}|{_LEVEL_AIMS})$")
_TASK = re.compile(
    r"(?:全面|圆满|超额|确保|坚决)?完成(?:(?:国家|省|市|区|县|上级)?下达(?:的)?)?(?P<list>(?:(?!下达)[^，,。；;]){2,40}?)等?(?P<head>目标任务|约束性指标|任务)"
)
_SUBJ_LEAD = re.compile(
    r"^(?:[-•·\s]|确保|力争|争取|努力|推动|推进|促进|实现|保持|全区|全市|全年|今年|并|且)+"
)
VERBISH = Anchored(re.compile("^(?:" + "|".join(aims.EFFORT_OPENERS) + ")"))
# a subject is a noun phrase: no digits, no aims of its own, no verbs of effort
NOT_SUBJECT = re.compile(r"\d|持续|不断|稳步|进一步|全力|以赴|拉高|标杆|的基础")
_SUBJ_MEASURE = re.compile(r"(?:增速|增幅|增长率|增长)$")
_SPLIT = re.compile(r"、|和|及|以及")
_NOT_A_TASK_LIST = re.compile(r"^了|各项|全年|^年度$")
_GROWTH_AIM = re.compile(_GROWTH_AIMS)


@dataclass(init=False)
class QualitativeClaim:
    indicator: str
    measure: Measure
    start: int  # offsets relative to the clause given
    end: int

    # written out, not made by @dataclass: mypyc compiles this one, a generated __init__ stays interpreted
    def __init__(self, indicator: str, measure: Measure, start: int, end: int) -> None:
        self.indicator = indicator
        self.measure = measure
        self.start = start
        self.end = end


def _items(subject: str) -> list[str]:
    return borrow_suffix([s for s in _SPLIT.split(subject) if s])


_ENDS_WITH_AIM = re.compile(rf"(?:{_GROWTH_AIMS}|{_LEVEL_AIMS})$")
# the last characters of the aims (tests/extract/test_scan.py checks them): a pattern that ends in an
# aim is tried at every position of a clause, and a clause that ends otherwise holds none
_AIM_ENDINGS = frozenset("长步向调应升高善增减质好稳定零间内务标")


def ends_with_aim(clause: str) -> bool:
    c = clause.strip()
    return c[-1:] in _AIM_ENDINGS and bool(_ENDS_WITH_AIM.search(c))


def _body(clause: str) -> str:
    return clause.strip().rstrip("。；;！？!?.").rstrip()


def takes_subjects(clause: str) -> bool:
    """Whether :func:`find_qualitative` may give ``clause`` subjects of the clauses before it (its
    ``extra_subjects``): only an aim at its end does, and one of a closed list of last characters."""
    return _body(clause)[-1:] in _AIM_ENDINGS


def find_qualitative(
    clause: str, *, target_context: bool, extra_subjects: list[str] | None = None
) -> list[QualitativeClaim]:
    """The qualitative claims of one clause (a stretch between commas, without any number)."""
    s = _body(clause)
    lead = len(clause) - len(clause.lstrip())
    out: list[QualitativeClaim] = []
    # _TASK opens with an optional word, so the engine tries it at every position; it needs 完成
    t = _TASK.search(s) if "完成" in s else None
    if t and not _NOT_A_TASK_LIST.search(t.group("list")):
        head = t.group("head")
        for it in _items(t.group("list")):
            name = it if it.endswith(("任务", "指标")) else it + head
            out.append(QualitativeClaim(name, "level", lead + t.start(), lead + t.end()))
        return out
    if not target_context or s[-1:] not in _AIM_ENDINGS:
        return out
    m = _SUBJECT_AIM.match(_SUBJ_LEAD.sub("", s))
    if not m:
        return out
    subj = m.group("subj")
    aim = m.group("aim")
    if VERBISH.match(subj) or NOT_SUBJECT.search(subj):
        return out
    subj = _SUBJ_MEASURE.sub("", subj)
    measure: Measure = "growth" if _GROWTH_AIM.fullmatch(aim) else "level"
    subjects = [*list(extra_subjects or []), subj]
    for sj in subjects:
        for it in _items(sj):
            out.append(QualitativeClaim(it, measure, lead, lead + len(s)))
    return out


_LIST_AIM = re.compile("(?:" + "|".join(aims.LIST_AIMS) + ")")
_LIST_DIRECTION = re.compile(r"增长|增速|增幅|同步|提升|提高|高于|快于|改善|只增不减")
_SHARED_TAIL = re.compile(r"(?:增速|增幅|增长率|指标|占比|比重)$")


def list_aims(clause: str) -> list[QualitativeClaim]:
    """The aims of one clause of a main-target list that holds no number:
    固定资产投资、社会消费品零售总额增速高于全省平均 → 固定资产投资增速, 社会消费品零售总额增速;
    能源、水资源、碳排放等指标达到国家要求 → 能源指标, 水资源指标, 碳排放指标."""
    s = clause.strip().rstrip("。；;！？!?.").rstrip()
    lead = len(clause) - len(clause.lstrip())
    body = _SUBJ_LEAD.sub("", s)
    offset = lead + len(s) - len(body)
    aim = _LIST_AIM.search(body, 2)
    if aim is None:
        return []
    subject = body[: aim.start()].strip()
    if not subject or len(subject) > 30 or VERBISH.match(subject) or NOT_SUBJECT.search(subject):
        return []
    tail = ""
    if subject.endswith("等指标"):
        subject, tail = subject[: -len("等指标")], "指标"
    elif m := _SHARED_TAIL.search(subject):
        tail = m.group()
    items = [it.strip("等") for it in _items(subject) if it.strip("等")]
    if len(items) > 1 and tail:
        items = [it if it.endswith(tail) else it + tail for it in items]
    elif tail == "指标":
        items = [it + tail for it in items]
    measure: Measure = "growth" if _LIST_DIRECTION.search(body) else "level"
    return [QualitativeClaim(it, measure, offset, lead + len(s)) for it in items if len(it) >= 2]
