"""Sentences to statements: the reader that walks a document and turns its quantities into claims."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mubiao.document import Document
from mubiao.extract import context as ctx
from mubiao.extract.bisection import bisect_right
from mubiao.extract.indicator import clean, split_items, starts_with_verb
from mubiao.extract.nonclaims import (
    COUNTING_VERB,
    POST_STOP,
    drop_ranks,
    names_a_threshold,
    qualifying_figures,
    ranks_a_field,
)
from mubiao.extract.numbers import PRE_MAX, Mention
from mubiao.extract.qualitative import NOT_SUBJECT as _NOT_SUBJECT
from mubiao.extract.qualitative import VERBISH as _VERBISH
from mubiao.extract.qualitative import (
    QualitativeClaim,
    ends_with_aim,
    find_qualitative,
    list_aims,
    takes_subjects,
)
from mubiao.extract.relations import (
    BENEFIT_ACTION,
    BENEFIT_MAX,
    FROM_TAIL,
    attribute_of,
    baseline,
    governed_by_milestone,
    list_continues,
    share_of,
    urban_and_rural,
    with_scale_unit,
)
from mubiao.extract.scan import Events, scan
from mubiao.extract.timeframe import Frame, session_year, sub_annual
from mubiao.patterns import Anchored
from mubiao.reference.lexicon import verbs
from mubiao.statement import Kind, Measure, Qualifier, Statement

__all__ = ["SentenceReader"]


@dataclass(slots=True, init=False)
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

    # written out, not made by @dataclass: mypyc compiles this one, a generated __init__ stays interpreted
    def __init__(
        self,
        kind: Kind,
        indicator: str,
        measure: Measure,
        value: float | None,
        value_max: float | None,
        unit: str | None,
        qualifier: Qualifier,
        start: int,
        end: int,
        year: int | None,
        cumulative: bool = False,
        baseline: bool = False,
    ) -> None:
        self.kind = kind
        self.indicator = indicator
        self.measure = measure
        self.value = value
        self.value_max = value_max
        self.unit = unit
        self.qualifier = qualifier
        self.start = start
        self.end = end
        self.year = year
        self.cumulative = cumulative
        self.baseline = baseline


# a target list of a plan period: 今后五年, “十四五”时期, 到2025年, 年均
_HORIZON = re.compile(r"五年|十[一二三四五六七八九]五|到20\d\d年|年均|远景|第[一二三四五]步|期末")
# a noun after a figure that only restates the figures before it
_RESTATED = re.compile(r"[一两二三四五六七八九十\d]+个|.*(?:台阶|大关)$")


# a sentence whose opening can name a time at all (cheaper than reading its frame)
_TIME_HINTS = ("年", "五", "本届")
# YAML front matter of a scraped page (title:, source:): metadata, not the document's words
_FRONT_MATTER = re.compile(r"\A\s*-{3,}[ \t]*\n.*?\n-{3,}[ \t]*(?:\n|\Z)", re.S)
# the patterns below are tested per figure or per clause: compiled once, not looked up in re's cache
_NOT_SUBJECT_WORDS = re.compile(r"\d|等|[，,、]$")
_LIST_WORDS = frozenset("、和及与")
_YEAR_WRITTEN = re.compile(r"\d{4}年")
_TRAILING_STOPS = re.compile(r"[，,。；;]+$")
_BARE_VERB_END = re.compile(r"(?:提速|中标|投资)$")
_POST_NOUN = re.compile(r"(?:(?![和及与]|完成|实现|达到|同比|增长|带动|发放|累计)[^，,。；;、\d]){1,16}")
_PREDICATES = re.compile("|".join(verbs.PREDICATES))
# the longest predicate and action verb: a search for one that must start near the figure need not
# read further (both patterns are alternations of plain words)
_PREDICATE_MAX = max(map(len, verbs.PREDICATES))
# the counted beneficiaries of 为N名X…: people, households, firms
_BENEFICIARY_UNITS = frozenset(("名", "万名", "人", "万人", "户", "万户", "家", "人次", "万人次"))


def _uncovered(s: str, spans: list[tuple[int, int]]) -> str:
    """``s`` less the characters inside any of ``spans`` (offsets into ``s``, in any order)."""
    if not spans:
        return s
    pieces: list[str] = []
    pos = 0
    for a, b in sorted(spans):
        if a > pos:
            pieces.append(s[pos:a])
        pos = max(pos, b)
    pieces.append(s[pos:])
    return "".join(pieces)


# a batch standing before a count's noun: 推进首批63项…任务
_BATCH = re.compile(r"(?:首批|第[一二三四五六七八九十\d]+批|新一批)$")


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


# how far before its number a mention may start: a qualifier word (numbers._PRE_MAX), 跨越, and a
# minus sign
_QUALIFIER_REACH = max(PRE_MAX, 2) + 1
_RELATIVE = Anchored(re.compile(r"^(?:是|为|相当于)[^，,。；;]{0,12}?的?$"))
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
        self.events: Events = scan(text)
        ev = self.events
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
                    and any(text.find(w, s, s + 16) >= 0 for w in _TIME_HINTS)
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
            texts = [text[ca:cb] for ca, cb in clauses]
            # the subjects a clause leaves pending count only where a later clause may take them (or
            # in a target list, where they hold its aims back): most sentences have none
            taker = -1
            if kind == "target":
                taker = (
                    len(texts)
                    if target_list
                    else max((k for k, c in enumerate(texts) if takes_subjects(c)), default=-1)
                )
            for k, (ca, _cb) in enumerate(clauses):
                clause = texts[k]
                qs = find_qualitative(clause, target_context=kind == "target", extra_subjects=pending)
                if not qs and target_list and not pending:
                    qs = list_aims(clause)
                if qs:
                    out.extend(self._qualitative(kind, q, ca, s, e, damaged) for q in qs)
                    pending = []
                elif k < taker and _bare_subjects(clause):
                    # a bare subject list before the aim it shares (主要污染物减排、单位GDP能耗下降,…完成市下达任务)
                    pending = [*pending, clause.strip()]
                else:
                    pending = []
            return out

        clause_starts = [ca for ca, _ in clauses]

        def clause_of(i: int) -> tuple[int, int]:
            # clauses are in order and apart: only the last one opening at or before i can hold it
            k = bisect_right(clause_starts, i) - 1
            if k >= 0:
                ca, cb = clauses[k]
                if i < cb or (i == cb and ca < cb):
                    return ca, cb
            return clauses[-1]

        skip = qualifying_figures(text, mentions, clause_of)

        last_subject = ""
        #: the indicators named in each clause so far, for a 分别 that refers back to them
        subjects: list[tuple[int, list[str]]] = []
        last_claim: tuple[str | None, str | None, bool] | None = None
        list_verb: str | None = None
        cumulative_clause: tuple[int, int] | None = None
        prev_end: dict[tuple[int, int], int] = {}
        consumed: set[int] = set()
        bases: dict[int, int | bool | None] = {}
        #: who holds the shares of a list of them (民营经济贡献六成以上的进出口总额、近七成的税收总额)
        share_subject = ""

        def baseline_of(k: int) -> int | bool | None:
            if k not in bases:
                bases[k] = baseline(text, mentions, k, s)
            return bases[k]

        for i, m in enumerate(mentions):
            if i in skip or i in consumed:
                continue
            if governed_by_milestone(text, mentions, i, s):
                # 跨越7万亿、8万亿、9万亿: the verb of the first milestone governs the list
                m = dataclasses.replace(m, qualifier="at_least")
            ca, cb = clause_of(m.num_start)
            w_start = prev_end.get((ca, cb), ca)
            window = drop_ranks(text[w_start : m.start])
            prev_end[(ca, cb)] = m.end
            # the window goes on from a list (、和及与 after any spaces)
            continuing_list = window.lstrip()[:1] in _LIST_WORDS
            phrase = clean(window)
            ind = phrase.text
            raw_window = window.strip()

            # count before its noun: 等4个项目列入省重大项目, 全面提速92个市区重大项目
            post = text[m.end : cb]
            if names_a_threshold(m, window, post) or ranks_a_field(post):
                continue
            post_ind, used = None, 0
            if phrase.direction is None and not phrase.net and not m.growth:
                # a change (增速下降11.4%的情况下, 增长6.5%以上的预期目标) is no share
                post_ind, used = share_of(ind or share_subject, window, post, m)
            if post_ind:
                share_subject = ind or share_subject
            else:
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
            elif (attribute := attribute_of(ind, last_subject)) is not None:
                ind = attribute
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
            is_baseline = False
            base_of = baseline_of(i)
            if base_of is not False:
                # 从A提高到B: A is the level the change starts from, a result, of the year stated
                # beside it or of none; B is the sentence's own claim
                claim_kind, year = "actual", base_of if isinstance(base_of, int) else None
                is_baseline = True
            else:
                if i > 0 and baseline_of(i - 1) is not False:
                    # B of 从A提高到B: the year written after 到 (提高到2024年的17.6万元), else the frame's
                    between = text[mentions[i - 1].end : m.start]
                    before = text[s : mentions[i - 1].start] + (
                        between if _YEAR_WRITTEN.search(between) else ""
                    )
                    before = FROM_TAIL.sub("", before)
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
                while j < len(mentions) and list_continues(text, mentions[j - 1].end, mentions[j].start):
                    group.append(mentions[j])
                    group_at.append(j)
                    j += 1
            if ind.endswith("各"):
                ind = ind[:-1]
                tail += "均"
            # 均 shares a figure, 年均 is a rate: a 均 left once every 年均 is taken out
            shared = "分别" in tail or "均" in tail.replace("年均", "")
            items = split_items(ind) if (shared or self._parallel(ind)) else [ind]
            if inherited and len(group) > 1 and len(items) == 1:
                # 完成产业类投资553.1亿元、研发投入133.5亿元，分别增长10.6%、10.3%: the figures of the
                # clause before, each in its turn
                earlier = [c for c in subjects if c[0] < ca]
                if earlier and len(earlier[-1][1]) == len(group):
                    items = list(earlier[-1][1])
            items = urban_and_rural(ind, len(group), items)
            if len(group) > 1 and len(items) == len(group):
                # after 分别 a qualifier covers every value (分别增长5%、6.5%左右 → both about)
                shared_q = next((g.qualifier for g in group if g.qualifier not in ("exact", "range")), None)
                for it, gm, at in zip(items, group, group_at, strict=True):
                    consumed.add(at)
                    if shared_q is not None and gm.qualifier == "exact":
                        gm = dataclasses.replace(gm, qualifier=shared_q)
                    gm = with_scale_unit(gm, it)
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
                                baseline=is_baseline,
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
                sm = with_scale_unit(m, it)
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
                            baseline=is_baseline,
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
        if post[0] in POST_STOP and not post.startswith(("全国", "居民")):  # 9个全国重点实验室 is a count
            return None, 0
        # drop the numbers inside the rest of the clause (中标四个工信部…项目 → 中标工信部…项目)
        end_i = mentions[i].end
        covered: list[tuple[int, int]] = []
        for m2 in mentions[i + 1 :]:
            if m2.num_start - _QUALIFIER_REACH - end_i >= len(post):
                # this figure and every later one start beyond the clause: a sentence of many figures
                # is not walked to its end for each of them
                break
            off = m2.start - end_i
            if 0 <= off < len(post):
                covered.append((off, off + m2.end - m2.start))
        # a figure that starts before this one ends is left in (off < 0), as is any NUL of the text
        rest = _uncovered(post, covered).replace("\x00", "")
        if raw_window.endswith("为") and mentions[i].unit in _BENEFICIARY_UNITS:
            # 为5.01万名农民工追回欠薪6.83亿元: the count is of those the action was for, and the
            # amount after it the action's; the beneficiaries stay in the amount's window
            upto = post
            if i + 1 < len(mentions) and mentions[i + 1].start - mentions[i].end < len(post):
                upto = post[: mentions[i + 1].start - mentions[i].end]
            upto = _TRAILING_STOPS.sub("", upto)
            if (act := BENEFIT_ACTION.search(upto, 1, 12 + BENEFIT_MAX)) is not None and act.start() <= 12:
                return ind + upto[act.start() :] + upto[: act.start()], 0
        # only a predicate within 8 characters counts: the rest of a long clause is not searched
        pm = _PREDICATES.search(rest, 0, 8 + _PREDICATE_MAX)
        if pm and 1 <= pm.start() <= 8:
            noun = rest[: pm.start()]
            pred = rest[pm.start() :]
            pred = pred.removeprefix("成功")
            pred = _TRAILING_STOPS.sub("", pred)
            if not pred:
                return None, 0
            if pred.endswith(noun[-2:]) or pred.endswith(noun):
                return pred, len(noun)
            return pred + noun, len(noun)
        verb = starts_with_verb(ind)
        noun_m = _POST_NOUN.match(post)
        noun = noun_m.group() if noun_m else ""
        names = ind[len(verb) :] if verb else ""
        if (
            verb
            and noun
            and "、" in names
            and all(0 < len(n) <= 16 for n in names.split("、"))
            and not _RESTATED.match(noun)
        ):
            # 形成光伏、风电、光热3条新能源装备制造完整产业链: the names, then their count and noun
            return verb + noun, len(noun)
        bare = (
            len(ind) <= 2
            or raw_window.endswith("等")
            or verb == ind
            or bool(_BARE_VERB_END.search(ind))
            or bool(COUNTING_VERB.search(ind))
            or bool(_BATCH.search(ind))
        )
        if not bare and len(ind) > 1:
            return None, 0
        if not noun:
            return None, 0
        if _RESTATED.match(noun):
            return None, 0  # 迈上4万亿、5万亿两个台阶: the count restates the list
        if raw_window.endswith("等"):
            return (verb or "") + noun, len(noun)
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
        if (found := sub_annual(self.text, max(s, d.start - 24), d.end, indicator)) is not None:
            # 一季度地区生产总值增长5.2%: a figure of part of the year, marked so that it is not
            # taken for the year's
            code, indicator = found
            if d.year is not None:
                extra["period"] = f"{d.year}-{code}"
        # every field by position, in the order of its declaration: Statement's __init__ is
        # generated Python, and matching 16 keywords took most of the call
        return Statement(
            self.doc,
            d.kind,
            indicator,
            d.measure,
            d.value,
            d.unit,
            d.qualifier,
            d.year,
            d.start,  # start
            d.end,  # end
            s,  # text_start
            e,  # text_end
            d.value_max,
            d.cumulative,
            self.meta.region,
            None,  # indicator_id: the ledger's
            None,  # attribute
            damaged,
            # the A of 从A提高到B and the base of a comparison: where a change started
            extra,
        )
