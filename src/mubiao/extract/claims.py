"""Sentences to statements: the reader that walks a document and turns its quantities into claims."""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mubiao.document import Document
from mubiao.extract import context as ctx
from mubiao.extract.indicator import clean, split_items, starts_with_verb
from mubiao.extract.numbers import COUNT_UNITS, Mention, parse_chinese_number
from mubiao.extract.qualitative import NOT_SUBJECT as _NOT_SUBJECT
from mubiao.extract.qualitative import VERBISH as _VERBISH
from mubiao.extract.qualitative import (
    QualitativeClaim,
    ends_with_aim,
    find_qualitative,
    list_aims,
)
from mubiao.extract.scan import scan
from mubiao.extract.timeframe import Frame, session_year
from mubiao.reference.lexicon import nonclaims, units, verbs
from mubiao.reference.periods import PLAN_PERIODS
from mubiao.statement import Kind, Measure, Qualifier, Statement

__all__ = ["SentenceReader"]


@dataclass(slots=True)
class Draft:
    """A claim as the rules shape it, before it is tidied and dated into a :class:`Statement`."""

    kind: Kind
    indicator: str
    measure: Measure
    value: float | None
    value_max: float | None
    unit: str | None
    qualifier: Qualifier
    #: where the claim starts (its indicator, or a qualifier word) and ends, in the text
    start: int
    end: int
    year: int | None
    #: a total over a multi-year span (累计…五年)
    cumulative: bool = False
    #: the A of 从A提高到B, or the base of a comparison: where a change started
    baseline: bool = False


# 从A提高到B: what stands before A, and between A and B
_FROM_BEFORE = re.compile(
    r"[从由](?:(?P<year>(?:19|20)\d\d)年(?:末|底)?|“?(?P<plan>十[一二三四五六七八九]五)”?(?:期末|末)?)?的?$"
)
_COMPARED_BEFORE = re.compile(
    r"[较比](?:(?P<year>(?:19|20)\d\d)年(?:末|底)?|“?(?P<plan>十[一二三四五六七八九]五)”?(?:期末|末))的$"
)
_FROM_TAIL = re.compile(r"[从由](?:(?:19|20)\d\d年(?:末|底)?|“?十[一二三四五六七八九]五”?(?:期末|末)?)?的?$")
_TO_BETWEEN = re.compile(
    r"(?:[^，,。；;、\d]{0,6}?)(?:提高|增加|增长|提升|上升|扩大|下降|降低|减少|缩小|缩减|压减|跃升|增|降|升|扩)?(?:到|至)了?"
    r"(?:(?:19|20)\d\d年(?:末|底)?的?)?"
)
# a verb that counts what follows it: 培育建设50个智慧农业样板基地, 突出抓好1530个重点项目
_COUNTING_VERB = re.compile("(?:" + "|".join(verbs.COUNTING_VERBS) + ")$")
# a rank standing in a list of figures (达到5.53万亿元、稳居全国前十强、增长4.8%): never an indicator
_RANK_PHRASE = re.compile(
    "(?:" + "|".join(verbs.RANK_VERBS) + r")(?:全国|全省|全市|全球|世界|中部|西部|东部|[^，,。；;、]{0,6}?)"
    "(?:" + "|".join(nonclaims.RANK_PLACES) + r")[、，,]?"
)
# a target list of a plan period: 今后五年, “十四五”时期, 到2025年, 年均
_HORIZON = re.compile(r"五年|十[一二三四五六七八九]五|到20\d\d年|年均|远景|第[一二三四五]步|期末")
_RANK_BASE = re.compile(r"[^，,。；;\d]{0,12}?中?(?:排名|排位|位列|位居|居第|排第)")
# a noun after a figure that only restates the figures before it
_RESTATED = re.compile(r"[一两二三四五六七八九十\d]+个|.*(?:台阶|大关)$")
# a part of the year a figure may be of: 一季度, 上半年, 前三季度, 1—11月, 前10个月
_SUB_ANNUAL = re.compile(
    r"(?:第)?(?P<q>[一二三四1-4])季度|前(?P<qs>[二两三2-3])(?:个)?季度|(?P<h>上|下)半年"
    r"|(?P<m1>1[0-2]|[1-9])\s*[-—–~至到]\s*(?P<m2>1[0-2]|[1-9])\s*月|前(?P<mn>1[01]|[1-9]|[一二三四五六七八九十]{1,2})个月"
)


def _small_number(s: str) -> int:
    """3 → 3, 三 → 3, 十一 → 11."""
    return int(s) if s.isdigit() else int(parse_chinese_number(s) or 0)


def _sub_annual(text: str, a: int, b: int, indicator: str) -> tuple[str, str] | None:
    """The part of the year named just before a claim, as a code (Q1, H1, Q1-Q3, M01-M11), and the
    indicator without it; None for a claim about a whole year."""
    found = list(_SUB_ANNUAL.finditer(text, a, b))
    m = found[-1] if found else None  # the nearest before the claim
    if m is None or "全年" in text[m.end() : b]:
        return None  # 一季度增长5%，全年增长6%: the year's figure after the quarter's
    if m.group("q"):
        code = f"Q{_small_number(m.group('q'))}"
    elif m.group("qs"):
        code = f"Q1-Q{_small_number(m.group('qs'))}"
    elif m.group("h"):
        code = "H1" if m.group("h") == "上" else "H2"
    elif m.group("m1"):
        code = f"M{int(m.group('m1')):02d}-M{int(m.group('m2')):02d}"
    else:
        code = f"M01-M{_small_number(m.group('mn')):02d}"
    words = m.group()
    if indicator.startswith(words):
        indicator = indicator[len(words) :].lstrip("，,、 ") or indicator
    return code, indicator


# the verbs of a milestone (跨越7万亿、8万亿) govern the list they open
_MILESTONE_VERB = re.compile("|".join(verbs.MILESTONE_VERBS))
# what a bare scale counts: money where the indicator is an amount, people where it counts people
_MONEY_NOUN = re.compile("|".join(units.MONEY_NOUNS))
_AMOUNT_NOUN = re.compile("|".join(units.AMOUNT_NOUNS))
_PEOPLE_NOUN = re.compile("|".join(units.PEOPLE_NOUNS))


def _with_scale_unit(m: Mention, indicator: str) -> Mention:
    """A figure written with a bare scale (5万亿, 71.3万) with the unit its indicator implies."""
    if m.unit not in ("万", "亿", "万亿"):
        return m
    return dataclasses.replace(m, unit=m.unit + _bare_scale_unit(indicator))


def _bare_scale_unit(indicator: str) -> str:
    """元, 人次 or 人, by what the indicator names; nothing when it names none of them."""
    if indicator.endswith("人次"):
        return "人次"
    if _MONEY_NOUN.search(indicator):
        return "元"
    if _PEOPLE_NOUN.search(indicator):
        return "人"
    return "元" if _AMOUNT_NOUN.search(indicator) else ""


# a sentence whose opening can name a time at all (cheaper than reading its frame)
_TIME_HINT = re.compile(r"年|五|本届")
# YAML front matter of a scraped page (title:, source:): metadata, not the document's words
_FRONT_MATTER = re.compile(r"\A\s*-{3,}[ \t]*\n.*?\n-{3,}[ \t]*(?:\n|\Z)", re.S)
_COUNT = set(COUNT_UNITS) | {f"万{u}" for u in COUNT_UNITS}
_THRESHOLD_UNITS = re.compile("|".join(units.THRESHOLD_UNITS))
_RATE_WORD = re.compile(r"率|占比|比例|比重")
_LIST_GAP = re.compile(r"^\s*(?:、|和|及|与|以及|,|，)?\s*$")
_POST_STOP = set("同占居位增下较比为的是和及与、,，;；。:：(（)）%左以约近超达其并全") | {"\n", "\t", " "}
# the patterns below are tested per figure or per clause: compiled once, not looked up in re's cache
_NOT_SUBJECT_WORDS = re.compile(r"\d|等|[，,、]$")
_GAP_BREAK = re.compile(r"[、,，;；和及与]")
_GAP_CHANGE = re.compile(r"增长|下降|占|同比")
_SHARE_OF = re.compile(r"[^，,。；;、]*占[^，,。；;、]*的?$")
_LIST_CONTINUES = re.compile(r"\s*(?:、|和|及|与)")
_NOT_A_NAME = re.compile(
    r"(?:同比|增长|下降|比|较|占|的|新?(?:台阶|起点|大关|关口|高点)|提高|提升|增加|增至|降至|降低|减少|"
    r"扩大|缩小|跃升|达到|突破|超过)"
)
_NEW_STOCK = re.compile(r"^(?:新增|新认定|新建|累计新增)")
_YEAR_WRITTEN = re.compile(r"\d{4}年")
_EACH = re.compile(r"(?<!年)均")  # 年均 is a rate, not 均
_SUCCESS = re.compile(r"^成功")
_TRAILING_STOPS = re.compile(r"[，,。；;]+$")
_BARE_VERB_END = re.compile(r"(?:提速|中标|投资)$")
_POST_NOUN = re.compile(r"(?:(?![和及与]|完成|实现|达到|同比|增长|带动|发放|累计)[^，,。；;、\d]){1,16}")
_PREDICATES = re.compile("|".join(verbs.PREDICATES))


def _bare_subjects(clause: str) -> bool:
    c = clause.strip()
    return (
        bool(c)
        and len(c) <= 24
        and not ends_with_aim(c)
        and not _NOT_SUBJECT_WORDS.search(c)
        and not _VERBISH.match(c)
        and not any(_VERBISH.match(item) or _NOT_SUBJECT.search(item) for item in c.split("、"))
        and not c.startswith(("、", "和", "及"))
    )


def _tidy(indicator: str) -> str:
    """Trim separators and mojibake debris; drop a quotation mark left without its partner."""
    s = indicator.strip(" 、，,;；:：?？\t")
    if s.count("“") > s.count("”") and s.startswith("“"):
        s = s[1:]
    if s.count("”") > s.count("“"):
        s = s[:-1] if s.endswith("”") else "“" + s
    return s


_RELATIVE = re.compile(r"^(?:是|为|相当于)[^，,。；;]{0,12}?的?$")
_ATTRIBUTE = re.compile(
    r"^(?:涉及|计划|合计|总计)?((?:计划)?总投资(?:额)?|投资额|总金额|总面积|建筑面积|占地面积|总规模|总数|总量|完成投资|实现产值)$"
)
_CUMULATIVE_SPAN = re.compile(r"五年|期间|十[一二三四五六七八九]五|以来|历年|累计.{0,4}年")


class SentenceReader:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.meta = doc.meta
        self.state = ctx.Context(doc.meta)
        self._skip = sorted(doc.repeats + doc.tables)
        self._skip_starts = [a for a, _ in self._skip]
        self._target_list_from = -1
        self._list_frame: Frame | None = None
        self.default_kind: Kind = "target" if doc.meta.doc_type == "five_year_plan" else "actual"

    # -- iteration ----------------------------------------------------------------------------

    def _skipped(self, a: int, b: int) -> bool:
        k = bisect_right(self._skip_starts, a) - 1
        while k >= 0 and k < len(self._skip):
            s, e = self._skip[k]
            if s > b:
                break
            if s <= a and e >= b - 1:
                return True
            k += 1
            if k < len(self._skip) and self._skip[k][0] >= b:
                break
        return False

    def _lines(self, pos: int = 0) -> Iterator[tuple[int, int]]:
        text = self.text
        n = len(text)
        while pos < n:
            e = text.find("\n", pos)
            if e < 0:
                e = n
            yield pos, e
            pos = e + 1

    def read(self) -> list[Statement]:
        out: list[Statement] = []
        st = self.state
        text = self.text
        # every event of the document in one scan; a sentence reads its own by bisection
        self.events = ev = scan(text)
        # Most sentences hold nothing to extract; their kind matters only when a later sentence
        # without evidence of its own inherits it.  They wait here, unscored, until then.
        pending: list[tuple[int, int, float]] = []
        front = _FRONT_MATTER.match(text)
        for a, b in self._lines(front.end() if front else 0):
            line = text[a:b]
            if not line.strip() or self._skipped(a, b):
                continue
            if ctx.is_heading(line):
                section = st.outline.enter(line, self.meta)
                if section != st.section:
                    st.section = section
                    st.last_kind = None
                    pending.clear()
            st.paragraph = ctx.paragraph_frame(line, self.meta)
            base = ctx.frame_prior(st.paragraph if st.paragraph is not None else st.section)
            # a main-target list runs from its opening words (主要预期目标是：) to the paragraph's end,
            # over every ；
            self._target_list_from = -1
            self._list_frame = None
            if (opening := ev.list_opening(a, b)) is not None:
                self._target_list_from = opening
                if not _HORIZON.search(text, a, b) and (session := session_year(self.meta)) is not None:
                    # a main-target list that names no horizon is the session year's, whatever
                    # plan period the section around it speaks of
                    self._list_frame = Frame("target", session)
            for s, e in ev.sentences(a, b):
                if self._skipped(s, e):
                    continue
                if (
                    s > a
                    and _TIME_HINT.search(text, s, s + 16)
                    and (opener := ctx.paragraph_frame(text[s:e], self.meta))
                ):
                    # a sentence that opens with a time (今年以来, 2025年, 五年来) sets it for the rest
                    # of its paragraph
                    st.paragraph = opener
                    base = ctx.frame_prior(opener)
                if not ev.has_mention(s, e) and not ev.has_aim(s, e):
                    pending.append((s, e, base))
                    continue
                score = base + ctx.sentence_score(text[s:e], self.meta, ev.cues_in(s, e))
                kind: Kind
                if score > 0:
                    kind = "target"
                elif score < 0:
                    kind = "actual"
                else:
                    kind = self._carried(pending) or st.last_kind or self.default_kind
                pending.clear()
                if abs(score) >= 2.0:
                    # only firm evidence carries over: a lone 将 or 全年 decides its own sentence
                    st.last_kind = kind
                out.extend(self._sentence(s, e, kind))
        return out

    def _carried(self, pending: list[tuple[int, int, float]]) -> Kind | None:
        """The kind of the latest waiting sentence that has evidence of its own, if any."""
        for s, e, base in reversed(pending):
            score = base + ctx.sentence_score(self.text[s:e], self.meta, self.events.cues_in(s, e))
            if abs(score) >= 2.0:
                return "target" if score > 0 else "actual"
        return None

    # -- one sentence ---------------------------------------------------------------------------

    def _sentence(self, s: int, e: int, kind: Kind) -> list[Statement]:
        text = self.text
        ev = self.events
        mentions = ev.mentions_in(s, e)
        out: list[Statement] = []
        if not mentions and not ev.has_aim(s, e):
            return out
        clauses = ev.clauses(s, e)
        # one string for every figure: the time scans remember a sentence by it
        sentence = text[s:e]
        damaged = self.doc.is_damaged(s, e)
        target_list = kind == "target" and 0 <= self._target_list_from < e
        if not mentions:
            pending: list[str] = []
            for ca, cb in clauses:
                clause = text[ca:cb]
                qs = find_qualitative(clause, target_context=kind == "target", extra_subjects=pending)
                if not qs and target_list and not pending:
                    qs = list_aims(clause)
                if qs:
                    out.extend(self._qualitative(kind, q, ca, s, e, damaged) for q in qs)
                    pending = []
                elif _bare_subjects(clause):
                    # a bare subject list before the aim it shares (主要污染物减排、单位GDP能耗下降,…完成市下达任务)
                    pending = [*pending, clause.strip()] if kind == "target" else []
                else:
                    pending = []
            return out

        def clause_of(i: int) -> tuple[int, int]:
            for ca, cb in clauses:
                if ca <= i < cb or (i == cb and ca < cb):
                    return ca, cb
            return clauses[-1]

        # thresholds in names (10亿元以上重大项目 10个) and bases of rates (19个断面 … 占比89.5%)
        skip: set[int] = set()
        for i in range(len(mentions) - 1):
            m1, m2 = mentions[i], mentions[i + 1]
            c1 = clause_of(m1.num_start)
            if clause_of(m2.num_start) != c1:
                continue
            gap = text[m1.end : m2.start]
            if _GAP_BREAK.search(gap) or len(gap) > 14:
                continue
            if (
                m2.unit in _COUNT
                and m1.unit
                and _THRESHOLD_UNITS.search(m1.unit)
                and not _GAP_CHANGE.search(gap)
            ) or (m1.unit in _COUNT and m2.is_rate and _RATE_WORD.search(gap)):
                skip.add(i)
        for i in range(len(mentions) - 1):
            m1, m2 = mentions[i], mentions[i + 1]
            gap = text[m1.end : m2.start]
            if m1.unit in _COUNT and m2.is_rate and len(gap) <= 24 and _SHARE_OF.match(gap):
                skip.add(i)  # 14个重点产业产值占农林牧渔业总产值的80%: the 14 only says whose share

        last_subject = ""
        #: the indicators named in each clause so far, for a 分别 that refers back to them
        subjects: list[tuple[int, list[str]]] = []
        last_claim: tuple[str | None, str | None, bool] | None = None
        list_verb: str | None = None
        cumulative_clause: tuple[int, int] | None = None
        prev_end: dict[tuple[int, int], int] = {}
        consumed: set[int] = set()
        bases: dict[int, int | bool | None] = {}

        def baseline_of(k: int) -> int | bool | None:
            if k not in bases:
                bases[k] = self._baseline(mentions, k, s)
            return bases[k]

        for i, m in enumerate(mentions):
            if i in skip or i in consumed:
                continue
            if (
                i > 0
                and m.qualifier == "exact"
                and mentions[i - 1].qualifier == "at_least"
                and _LIST_GAP.match(text[mentions[i - 1].end : m.start])
                and _MILESTONE_VERB.search(
                    text, max(s, mentions[i - 1].start - 2), mentions[i - 1].num_start + 1
                )
            ):
                # 跨越7万亿、8万亿、9万亿: the verb of the first milestone governs the list
                m = dataclasses.replace(m, qualifier="at_least")
            ca, cb = clause_of(m.num_start)
            w_start = prev_end.get((ca, cb), ca)
            window = text[w_start : m.start]
            if "居" in window or "位列" in window or "保持" in window:
                window = _RANK_PHRASE.sub("", window)
            prev_end[(ca, cb)] = m.end
            continuing_list = bool(_LIST_CONTINUES.match(window))
            phrase = clean(window)
            ind = phrase.text
            raw_window = window.strip()

            # count before its noun: 等4个项目列入省重大项目, 全面提速92个市区重大项目
            post = text[m.end : cb]
            if (
                post
                and "\u4e00" <= post[0] <= "\u9fff"
                and post[0] not in _POST_STOP
                and (
                    m.unit == ""
                    or (m.unit and "元" in m.unit and m.qualifier != "about")
                    or (m.unit == "岁" and m.qualifier in ("at_most", "at_least"))
                )
                and not _NOT_A_NAME.match(post)
                and not (m.unit and "元" in m.unit and _COUNTING_VERB.search(window.rstrip()))
            ):
                continue  # 30亿元以上项目再突破, 超500万元村, 3岁以下婴幼儿: a threshold in a name
            if _RANK_BASE.match(post):
                continue  # 在全国168个重点城市排名提升40位: the field of a rank, not a count
            post_ind, used = self._post_indicator(ind, raw_window, post, mentions, i)
            if post_ind:
                ind = post_ind
                prev_end[(ca, cb)] = m.end + used
                consumed_post = True
            else:
                consumed_post = False
                if "等" in ind and not consumed_post:
                    verb = starts_with_verb(ind)
                    after = ind[ind.rfind("等") + 1 :]
                    if after:
                        ind = (verb or "") + after

            inherited = False
            if not ind or ind in ("其中", "分别", "均") or _RELATIVE.match(ind):
                ind = last_subject
                inherited = True
            elif (am := _ATTRIBUTE.match(ind)) and last_subject:
                # 签约项目116个,涉及总投资120亿元: the amount belongs to what was just counted;
                # 新增高新技术企业92家,总数突破500家: the stock of the thing, not of the flow
                base = last_subject
                if am.group(1).startswith("总数"):
                    base = _NEW_STOCK.sub("", base)
                ind = base + am.group(1)
            elif ind.startswith("占") and last_subject:
                ind = last_subject + ind
            if continuing_list and list_verb and not starts_with_verb(ind):
                ind = list_verb + ind
            if not continuing_list:
                list_verb = starts_with_verb(ind) if ind else None
                if list_verb in ("完成", "实现"):
                    list_verb = None
            if not ind:
                continue
            if not post_ind:
                last_subject = ind

            if (
                inherited
                and phrase.direction is None
                and not phrase.net
                and last_claim is not None
                and last_claim[0] == m.unit
                and last_claim[1] is not None
            ):
                # 增长6%以上,力争7%: the second figure is the same kind of figure as the first
                phrase.direction, phrase.negative = last_claim[1], last_claim[2]
            last_claim = (m.unit, phrase.direction, phrase.negative)
            measure, value, value_max = self._measure(m, phrase.direction, phrase.negative, phrase.net)
            cumulative = False
            # 累计 over a multi-year span is a period total; 累计 in a year's review is year-to-date
            if measure == "level" and (
                "累计" in text[ca : m.start] or (continuing_list and cumulative_clause == (ca, cb))
            ):
                cumulative = self.meta.doc_type == "five_year_plan" or bool(
                    _CUMULATIVE_SPAN.search(text[max(0, s - 200) : e])
                )
                cumulative_clause = (ca, cb) if cumulative else None
            before = text[s : m.start]
            claim_kind = kind
            baseline = False
            base_of = baseline_of(i)
            if base_of is not False:
                # 从A提高到B: A is the level the change starts from, a result, of the year stated
                # beside it or of none; B is the sentence's own claim
                claim_kind, year = "actual", base_of if isinstance(base_of, int) else None
                baseline = True
            else:
                if i > 0 and baseline_of(i - 1) is not False:
                    # B of 从A提高到B: the year written after 到 (提高到2024年的17.6万元), else the frame's
                    between = text[mentions[i - 1].end : m.start]
                    before = text[s : mentions[i - 1].start] + (
                        between if _YEAR_WRITTEN.search(between) else ""
                    )
                    before = _FROM_TAIL.sub("", before)
                frames: tuple[Frame | None, ...] = (self.state.paragraph, self.state.section)
                if self._list_frame is not None and self._target_list_from < m.start:
                    frames = (self._list_frame,)
                year = ctx.year_for(kind, before, self.meta, sentence, frames)
            span_start = min(m.start, w_start + (len(window) - len(window.lstrip(" 、，,和及与\t"))))

            # one number shared by several indicators: 答复率、满意率均为100%; 分别下降20%和33%
            tail = raw_window[-6:]
            group = [m]
            group_at = [i]
            if "分别" in tail:
                j = i + 1
                while j < len(mentions) and _LIST_GAP.match(text[mentions[j - 1].end : mentions[j].start]):
                    group.append(mentions[j])
                    group_at.append(j)
                    j += 1
            if ind.endswith("各"):
                ind = ind[:-1]
                tail += "均"
            shared = "分别" in tail or bool(_EACH.search(tail))
            items = split_items(ind) if (shared or self._parallel(ind)) else [ind]
            if inherited and len(group) > 1 and len(items) == 1:
                # 完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%: the figures of the
                # clause before, each in its turn
                earlier = [c for c in subjects if c[0] < ca]
                if earlier and len(earlier[-1][1]) == len(group):
                    items = list(earlier[-1][1])
            if len(group) == 2 and len(items) == 1 and "城乡" in ind:
                # 城乡居民人均可支配收入分别达到6.8万元、3.9万元: urban first, then rural
                items = [ind.replace("城乡", "城镇", 1), ind.replace("城乡", "农村", 1)]
            if len(group) > 1 and len(items) == len(group):
                # after 分别 a qualifier covers every value (分别增长5%、6.5%左右 → both about)
                shared_q = next((g.qualifier for g in group if g.qualifier not in ("exact", "range")), None)
                for it, gm, at in zip(items, group, group_at, strict=True):
                    consumed.add(at)
                    if shared_q is not None and gm.qualifier == "exact":
                        gm = dataclasses.replace(gm, qualifier=shared_q)
                    gm = _with_scale_unit(gm, it)
                    ms, v, vmax = self._measure(gm, phrase.direction, phrase.negative, phrase.net)
                    out.append(
                        self._make(
                            Draft(
                                claim_kind,
                                it,
                                ms,
                                v,
                                vmax,
                                gm.unit or None,
                                gm.qualifier,
                                span_start,
                                gm.end,
                                year,
                                cumulative=cumulative,
                                baseline=baseline,
                            ),
                            s,
                            e,
                            damaged,
                        )
                    )
                prev_end[(ca, cb)] = group[-1].end
                continue
            if not inherited:
                if not subjects or subjects[-1][0] != ca:
                    subjects.append((ca, []))
                subjects[-1][1].extend(items if len(group) == 1 else [ind])
            for it in items if len(group) == 1 else [ind]:
                sm = _with_scale_unit(m, it)
                out.append(
                    self._make(
                        Draft(
                            claim_kind,
                            it,
                            measure,
                            value,
                            value_max,
                            sm.unit or None,
                            m.qualifier,
                            span_start,
                            m.end,
                            year,
                            cumulative=cumulative,
                            baseline=baseline,
                        ),
                        s,
                        e,
                        damaged,
                    )
                )

        # qualitative aims in clauses of this sentence that hold no number
        with_numbers = {clause_of(m.num_start) for m in mentions}
        for ca, cb in clauses:
            if (ca, cb) in with_numbers:
                continue
            qs = find_qualitative(text[ca:cb], target_context=kind == "target")
            if not qs and target_list:
                qs = list_aims(text[ca:cb])
            out.extend(self._qualitative(kind, q, ca, s, e, damaged) for q in qs)
        return out

    def _baseline(self, mentions: list[Mention], i: int, s: int) -> int | bool | None:
        """For the A of 从A提高到B: the year stated beside it (从2020年的A), None if none; False if
        mention ``i`` is not such a baseline."""
        m = mentions[i]
        lead = self.text[max(s, m.start - 14) : m.start]
        if not ("从" in lead or "由" in lead or "较" in lead or "比" in lead):
            return False
        compared = _COMPARED_BEFORE.search(self.text, max(s, m.start - 14), m.start)
        if compared is not None:
            # 较“十三五”末的9323.1亿元: the base of a comparison, a result of the year it names
            return (
                int(compared.group("year"))
                if compared.group("year")
                else PLAN_PERIODS[compared.group("plan")][1]
            )
        if i + 1 >= len(mentions):
            return False
        head = _FROM_BEFORE.search(self.text, max(s, m.start - 14), m.start)
        if head is None or not _TO_BETWEEN.fullmatch(self.text, m.end, mentions[i + 1].start):
            return False
        if head.group("year"):
            return int(head.group("year"))
        if head.group("plan"):
            return PLAN_PERIODS[head.group("plan")][1]
        return None

    def _qualitative(
        self, kind: Kind, q: QualitativeClaim, ca: int, s: int, e: int, damaged: bool
    ) -> Statement:
        start = ca + q.start
        # the year of an aim: what its sentence names up to the aim, else the frame's
        year = ctx.year_for(
            kind, self.text[s:start], self.meta, "", (self.state.paragraph, self.state.section)
        )
        draft = Draft(kind, q.indicator, q.measure, None, None, None, "qualitative", start, ca + q.end, year)
        return self._make(draft, s, e, damaged)

    @staticmethod
    def _parallel(ind: str) -> bool:
        """满意率和基本满意率: items joined by 和/、 that end alike share one number."""
        items = split_items(ind)
        if len(items) < 2:
            return False
        heads = {it[-1] for it in items}
        return len(heads) == 1 and heads <= set("率数额量重例比") and all(len(it) >= 2 for it in items)

    def _post_indicator(
        self, ind: str, raw_window: str, post: str, mentions: list[Mention], i: int
    ) -> tuple[str | None, int]:
        """The indicator when the count stands before its noun, and how much of ``post`` it used."""
        if not post or not ("\u4e00" <= post[0] <= "\u9fff" or post[0] in '“"'):
            return None, 0
        if post[0] in _POST_STOP and not post.startswith("全国"):  # 9个全国重点实验室 is a count
            return None, 0
        # drop the numbers inside the rest of the clause (中标四个工信部…项目 → 中标工信部…项目)
        rest = post
        for m2 in mentions[i + 1 :]:
            off = m2.start - (mentions[i].end)
            if 0 <= off < len(rest):
                rest = rest[:off] + "\x00" * (m2.end - m2.start) + rest[off + (m2.end - m2.start) :]
        rest = rest.replace("\x00", "")
        pm = _PREDICATES.search(rest)
        if pm and 1 <= pm.start() <= 8:
            noun = rest[: pm.start()]
            pred = rest[pm.start() :]
            pred = _SUCCESS.sub("", pred)
            pred = _TRAILING_STOPS.sub("", pred)
            if not pred:
                return None, 0
            if pred.endswith(noun[-2:]) or pred.endswith(noun):
                return pred, len(noun)
            return pred + noun, len(noun)
        bare = (
            len(ind) <= 2
            or raw_window.endswith("等")
            or starts_with_verb(ind) == ind
            or bool(_BARE_VERB_END.search(ind))
            or bool(_COUNTING_VERB.search(ind))
        )
        if not bare and len(ind) > 1:
            return None, 0
        noun_m = _POST_NOUN.match(post)
        if not noun_m:
            return None, 0
        noun = noun_m.group()
        if _RESTATED.match(noun):
            return None, 0  # 迈上4万亿、5万亿两个台阶: the count restates the list
        if raw_window.endswith("等"):
            verb = starts_with_verb(ind) or ""
            return verb + noun, len(noun)
        return ind + noun, len(noun)

    def _measure(
        self, m: Mention, direction: str | None, negative: bool, net: bool
    ) -> tuple[Measure, float, float | None]:
        value, vmax = m.value, m.value_max
        unit = m.unit or ""
        measure: Measure
        if unit.endswith("百分点") or net:
            measure = "delta"
        elif m.growth or (direction and (m.is_rate or unit == "倍")):
            measure = "growth"
        elif direction in ("增加", "减少", "减量") and not m.is_rate:
            measure = "delta"
        else:
            measure = "level"
            negative = False
        if negative and measure in ("growth", "delta"):
            value = -abs(value)
            if vmax is not None:
                value, vmax = -abs(vmax), -abs(m.value)
        return measure, value, vmax

    def _make(self, d: Draft, s: int, e: int, damaged: bool) -> Statement:
        """The statement of a draft claim of the sentence ``[s, e)``."""
        indicator = _tidy(d.indicator)
        extra: dict[str, Any] = {"role": "baseline"} if d.baseline else {}
        if (found := _sub_annual(self.text, max(s, d.start - 24), d.end, indicator)) is not None:
            # 一季度地区生产总值增长5.2%: a figure of part of the year, marked so that it is not
            # taken for the year's
            code, indicator = found
            if d.year is not None:
                extra["period"] = f"{d.year}-{code}"
        return Statement(
            doc=self.doc,
            kind=d.kind,
            indicator=indicator,
            measure=d.measure,
            value=d.value,
            value_max=d.value_max,
            unit=d.unit,
            qualifier=d.qualifier,
            year=d.year,
            start=d.start,
            end=d.end,
            text_start=s,
            text_end=e,
            cumulative=d.cumulative,
            region=self.meta.region,
            damaged=damaged,
            # the A of 从A提高到B and the base of a comparison: where a change started
            extra=extra,
        )
