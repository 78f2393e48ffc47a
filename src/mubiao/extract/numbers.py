"""Numbers with their units and qualifiers: the quantities a claim can be made of.

A *mention* is a number written in Arabic or Chinese numerals, an optional scale (万, 亿 …), a unit,
and the qualifier words around it (约, 近, 超, 以上, 左右, 以内 …), or a range of two such numbers.
What is not a quantity — years, dates, ordinals, names with digits (5G, PM2.5, “532”), ratios
(1:25.2:73.8), ranks — is filtered out here, before any indicator is looked for.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from mubiao.extract import openers
from mubiao.extract.bisection import bisect_left
from mubiao.patterns import Anchored, Ending
from mubiao.reference.lexicon import nonclaims, numerals, qualifiers, units
from mubiao.statement import Qualifier

__all__ = [
    "COUNT_UNITS",
    "LONG_RUN",
    "LONG_RUN_CHARS",
    "MAX_MENTIONS_PER_SENTENCE",
    "MAX_SIGNIFICANT_DIGITS",
    "PRE_MAX",
    "Mention",
    "find_mentions",
    "overlong_numbers",
    "parse_chinese_number",
]

#: a float holds 15 significant decimal digits exactly; a number written with more (a digit run
#: in a table's garbage, an account number) is refused rather than silently rounded or turned
#: into infinity
MAX_SIGNIFICANT_DIGITS = 15
#: quantities read in one sentence (a line, cut at 。！？；): a real sentence holds a few dozen at
#: most, a pathological one (``(增长5%`` a hundred thousand times) would cost the extractor work
#: that grows with the square of its length; extraction keeps 200 statements of a sentence anyway
MAX_MENTIONS_PER_SENTENCE = 500
# where the extractor's sentences end (claims.py: lines, then 。！？!?；;)
_SENTENCE_END = re.compile(r"[\n。！？!?；;]")

_CN_DIGIT = numerals.DIGITS
_CN_UNIT = numerals.MULTIPLIERS


def parse_chinese_number(s: str) -> float | None:
    """两千 → 2000, 十五 → 15, 三点五 → 3.5, 一百零八 → 108; None if ``s`` is not a numeral."""
    if not s:
        return None
    if "点" in s:
        whole, _, frac = s.partition("点")
        w = parse_chinese_number(whole) if whole else 0.0
        if w is None or not frac or any(c not in _CN_DIGIT for c in frac):
            return None
        return w + float("0." + "".join(str(_CN_DIGIT[c]) for c in frac))
    total = 0
    digit: int | None = None
    for c in s:
        if c in _CN_DIGIT:
            if digit is not None and digit != 0:
                return None  # two digits in a row (三四) is an approximation, not a number
            digit = _CN_DIGIT[c]
        elif c in _CN_UNIT:
            total += (1 if digit is None else digit) * _CN_UNIT[c]
            digit = None
        else:
            return None
    if digit:
        total += digit
    return float(total)


# Units, longest first inside each group.  Scales (万, 亿 …) are kept in the unit as written:
# 1.3万人 → 1.3 万人, 两千万元 → 2000 万元.
COUNT_UNITS = list(units.COUNT_UNITS)
_UNITS = sorted(
    units.RATE_UNITS + units.MONEY_UNITS + units.COMPOUND_UNITS + units.MEASURE_UNITS + units.COUNT_UNITS,
    key=len,
    reverse=True,
)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS).replace("台", "台(?!阶)")  # 台阶 is a step, not machines
_SCALE_RE = "|".join(numerals.SCALES)

# A number starts where a run of digits starts: a match tried from every position inside a run
# that fails as a whole would make a run of n digits cost n² steps (10,000 digits took 11 s).
_ARABIC = r"(?<!\d)(?:\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?)"
_CHINESE = (
    r"(?<![零〇一二两三四五六七八九十百千])[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
)
_NUM = rf"(?:{_ARABIC}|{_CHINESE})"

_MENTION = re.compile(
    # no optional sign in front: a pattern that starts with a character class lets the regex engine
    # skip ahead fast; a minus sign is looked at by hand
    rf"(?P<num>{_NUM})"
    rf"(?:(?P<u1>%|‰)?\s*(?:-|~|～|至|到|—|–)\s*(?P<num2>{_NUM}))?"
    rf"(?P<approx>余|多)?(?:(?P<scale>{_SCALE_RE})?(?P<approx2>余|多)?(?P<unit>{_UNIT_RE})|(?P<bare>万亿|亿|万)(?![年月日]))"
)

_MENTION_GROUPS = ("num", "u1", "num2", "approx", "scale", "approx2", "unit", "bare")
assert tuple(sorted(_MENTION.groupindex, key=_MENTION.groupindex.__getitem__)) == _MENTION_GROUPS

# where a number can start (the look-behinds of _ARABIC and _CHINESE): the first character of a run
# of digits or of Chinese numerals.  One character class opens it, so the engine skips to it fast; the
# look-behind then tells which kind of run it goes on with.
_NUM_OPENERS = re.compile(
    r"[\d零〇一二两三四五六七八九十百千](?:(?<=\d)\d*|[零〇一二两三四五六七八九十百千]*)"
)
# the same for a text whose only decimal digits are ASCII (nearly every one): a class of characters
# alone is a table lookup per character for the engine, where \d is a test of Unicode's categories
_NUM_OPENERS_ASCII = re.compile(
    r"[0-9零〇一二两三四五六七八九十百千](?:(?<=[0-9])[0-9]*|[零〇一二两三四五六七八九十百千]*)"
)

# What may stand right after a run of numerals in a match of _MENTION: the first character of a unit,
# a scale, 余/多, a bare scale, a sign of a range, and what goes on with the number itself (a decimal
# point, a thousands separator, 点); whitespace too (before a range's sign).  A run followed by none
# of these can only match by giving back numerals, so only a run that holds one of these after its
# first character needs the pattern tried (十 of 十万, 千 of 千瓦); most runs (一 of 统一, 十 of 十四五)
# are passed over without it.
_MENTION_NEXT = frozenset(
    [u[0] for u in _UNITS] + [s[0] for s in numerals.SCALES] + list("余多万亿%‰-~～至到—–,.点")
)


def may_open_mention(text: str, run_start: int, run_end: int, end: int) -> bool:
    """False where ``_MENTION.match(text, run_start, end)`` is sure to fail: the run of numerals at
    ``[run_start, run_end)`` is followed by nothing a mention goes on with, and holds nothing it could
    give back to one."""
    if run_end >= end:
        return False  # a unit or a scale must follow
    follower = text[run_end]
    if follower in _MENTION_NEXT or follower.isspace():
        return True
    return any(text[i] in _MENTION_NEXT for i in range(run_start + 1, run_end))


_PRE_Q = {w: q for q, words in qualifiers.BEFORE.items() for w in words}
_PRE_MAX = max(map(len, _PRE_Q))
#: the longest qualifier word before a number: a mention starts at most this far (and a sign) before it
PRE_MAX = _PRE_MAX
# longest first, anchored at the number: 不少于 is at_least although it ends in 少于
_PRE_RE = Ending(re.compile("(?:" + "|".join(sorted(_PRE_Q, key=len, reverse=True)) + ")$"))


def _pre_qualifier(text: str, s: int) -> re.Match[str] | None:
    """The qualifier word ending where a number starts, at ``s``."""
    return _PRE_RE.search(text, max(0, s - _PRE_MAX), s)


_POST = Anchored(re.compile("(" + "|".join(qualifiers.AFTER) + ")"))
_POST_Q = qualifiers.AFTER

# Chinese-numeral counts that are figures of speech, not quantities: 三大攻坚战, 六个方面, 四个走在前
_CN_NOT_COUNT = re.compile("(?:个)?(?:" + "|".join(nonclaims.FIGURES_OF_SPEECH) + ")")
_MILESTONE = re.compile(r"台阶|大关")
_NOT_AFTER_CI = re.compile("(?:" + "|".join(nonclaims.NOT_AFTER_TIMES) + ")")


@dataclass(init=False)
class Mention:
    start: int  # first character of the number (or of a prefix qualifier word)
    num_start: int
    end: int  # after the unit and any postfix qualifier
    value: float
    value_max: float | None
    unit: str | None
    qualifier: Qualifier
    chinese: bool
    negative: bool = False
    #: a change stated without a verb of change (翻一番: growth of 100%)
    growth: bool = False

    # written out, not made by @dataclass: mypyc compiles this one, a generated __init__ stays interpreted
    def __init__(
        self,
        start: int,
        num_start: int,
        end: int,
        value: float,
        value_max: float | None,
        unit: str | None,
        qualifier: Qualifier,
        chinese: bool,
        negative: bool = False,
        growth: bool = False,
    ) -> None:
        self.start = start
        self.num_start = num_start
        self.end = end
        self.value = value
        self.value_max = value_max
        self.unit = unit
        self.qualifier = qualifier
        self.chinese = chinese
        self.negative = negative
        self.growth = growth

    @property
    def is_rate(self) -> bool:
        return self.unit in ("%", "‰")


def _significant_digits(s: str) -> int:
    """Significant digits of an Arabic numeral as written (1,200.50 → 5)."""
    whole, _, frac = s.replace(",", "").partition(".")
    digits = (whole + frac).lstrip("0")
    return len(digits.rstrip("0") if frac else digits)


def _to_float(s: str) -> tuple[float | None, bool]:
    if s[0].isdigit():
        # a numeral holds no more significant digits than characters: only a long one is counted
        if len(s) > MAX_SIGNIFICANT_DIGITS and _significant_digits(s) > MAX_SIGNIFICANT_DIGITS:
            return None, False
        value = float(s.replace(",", ""))
        return (value if math.isfinite(value) else None), False
    return parse_chinese_number(s), True


_DIGIT_RUN = re.compile(r"\d[\d,]*(?:\.\d+)?")
# a run long enough to be too long: most texts hold none, and their runs need not be looked at
#: characters in a run that is long enough to hold too many digits
LONG_RUN_CHARS = MAX_SIGNIFICANT_DIGITS + 1
LONG_RUN = re.compile(rf"[\d,.]{{{LONG_RUN_CHARS}}}")


def overlong_numbers(text: str) -> list[tuple[int, int]]:
    """Spans of ``text`` holding numbers of more significant digits than a float holds exactly:
    the numbers :func:`find_mentions` refuses."""
    if not LONG_RUN.search(text):
        return []
    return [
        m.span()
        for m in _DIGIT_RUN.finditer(text)
        if m.end() - m.start() > MAX_SIGNIFICANT_DIGITS
        and _significant_digits(m.group().strip(",")) > MAX_SIGNIFICANT_DIGITS
    ]


def _quoted(text: str, i: int) -> bool:
    """Whether offset ``i`` sits inside a short quotation (“532”, “1+5+N”, “四个走在前”)."""
    left = text.rfind("“", max(0, i - 10), i)
    if left < 0 or text.rfind("”", left, i) >= 0:
        return False
    right = text.find("”", i, i + 10)
    return right >= 0 and right - left <= 10


def _quote_holds_words(text: str, i: int) -> bool:
    """Whether the quotation around offset ``i`` holds words besides its figure (“两个10亿元”: a name)."""
    left = text.rfind("“", max(0, i - 10), i)
    right = text.find("”", i, i + 10)
    inside = text[left + 1 : right]
    return _HAN.search(_FIGURE_AT_END.sub("", inside)) is not None


_HAN = re.compile(r"[\u4e00-\u9fff]")
# the figure that ends a quotation, with its unit: what is left besides it are the words
_FIGURE_AT_END = re.compile(r"[\d.]+[万亿千百]*[\u4e00-\u9fff/]{0,4}$")


# Quantities written as words: 翻一番 (doubled), 八成 (80%), 万亿元 and 千亿元 (a scale with no numeral).
# Quantities written as words, all found in one scan: 翻一番 (doubled), 八成 (80%), 万亿元 and 千亿元
# (a scale with no numeral), and a number without a unit where it is the value of an index, a score
# or a ratio after 从 or 至 (拥堵指数从1.38降至1.31, 之比从1.68∶1提高到2.5∶1).  The characters that
# may not stand before them are tested by hand: a pattern that opens with a look-behind or an
# optional part makes the engine try it at every position.
_WORDS = re.compile(
    r"(?P<doubled>翻(?:了)?(?:一番|番))"
    r"|(?P<tenths>[二三四五六七八九])成(?=[\u4e00-\u9fff，,。；;、]|$)"
    r"|(?P<scale>万亿|亿)(?P<money>元|美元)(?!级)"
    r"|[从至到为达](?P<n>\d+(?:\.\d+)?)(?:\s*[∶:]\s*1(?![\d.]))?(?=[，,。；;、)）]|$|提|降|增|缩|上|下|扩|左右|以上|以内)"
)
# where a match of _WORDS may start: one class, then what must follow each of its characters (为, 到,
# 万 stand in every sentence; a number, 成 or 元 after them seldom)
_WORD_OPENERS = re.compile(
    r"[翻二三四五六七八九万亿从至到为达]"
    r"(?:(?<=翻)(?=[了一番])|(?<=[二三四五六七八九])(?=成)|(?<=万)(?=亿[元美])|(?<=亿)(?=[元美])"
    r"|(?<=[从至到为达])(?=\d))"
)
#: what a match of _WORD_OPENERS opens, where the text's only decimal digits are ASCII ones: every
#: literal below, at its first character.  A multi-pattern engine finds them all in one pass
#: (mubiao/extract/scan.py), where the pattern tests its look-arounds at every 为, 到, 万 and 一.
WORD_OPENINGS: tuple[str, ...] = (
    *(f"翻{c}" for c in "了一番"),
    *(f"{c}成" for c in "二三四五六七八九"),
    "万亿元",
    "万亿美",
    "亿元",
    "亿美",
    *(f"{c}{d}" for c in "从至到为达" for d in "0123456789"),
)
_NOT_BEFORE_TENTHS = frozenset("建形完达促变组构合养生造收赞落")
# what may stand before a share that opens its clause
_CLAUSE_OPENERS = frozenset("，,。；;：:、\n （(")
_NOT_BEFORE_SCALE = frozenset("0123456789零〇一二两三四五六七八九十百千万亿.")
_WORD_PRE_ABOUT = qualifiers.BEFORE_DOUBLING
_UNITLESS_NAME = re.compile(r"(?:指数|倍差|满意度|系数|得分|评分|之比|比(?![例重率])|比值)[^，,。；;]{0,14}$")


def _word_mentions(text: str, start: int, end: int, openings: list[int] | None = None) -> list[Mention]:
    """翻一番 → growth 100 %; 八成以上 → 80 % at least; 千亿元 → 1000 亿元; 超万亿元 → 1 万亿元.

    ``openings``, where given, are where the literals of :data:`WORD_OPENINGS` start in ``text``
    (sorted): the matches are tried there only."""
    out: list[Mention] = []
    qualifier: Qualifier
    found = (
        openers.finditer(_WORDS, _WORD_OPENERS, text, start, end)
        if openings is None
        else openers.matches_at(_WORDS, text, openings, start, end)
    )
    for m in found:
        a = m.start()
        before = text[a - 1] if a > 0 else ""
        if m.group("doubled"):
            q_start, qualifier = a, "at_least"
            pre = text[max(0, a - 2) : a]
            for w in _WORD_PRE_ABOUT:
                if pre.endswith(w):
                    q_start, qualifier = a - len(w), "about"
                    break
            out.append(Mention(q_start, a, m.end(), 100.0, None, "%", qualifier, True, growth=True))
        elif m.group("tenths"):
            if before in _NOT_BEFORE_TENTHS:
                continue
            value = float(parse_chinese_number(m.group("tenths")) or 0) * 10
            e = m.end()
            q_start, qualifier = _qualify(text, a, e)
            if (
                not _POST.match(text, e)
                and not text.startswith("的", e)
                and e < len(text)
                and "\u4e00" <= text[e] <= "\u9fff"
                and q_start > 0
                and text[q_start - 1] not in _CLAUSE_OPENERS
            ):
                # 七成规上工业企业实施数字化转型 is a share of the noun after it where the share opens its
                # clause; elsewhere 成 before a noun is a word (三五成群, 组成三成员)
                continue
            pm = _POST.match(text, e)
            if pm:
                qualifier, e = _POST_Q[pm.group(1)], pm.end()
            out.append(Mention(q_start, a, e, value, None, "%", qualifier, True))
        elif m.group("scale"):
            n = {"千": 1000.0, "百": 100.0}.get(before)
            if n is not None:
                a -= 1
                before = text[a - 1] if a > 0 else ""
            if before in _NOT_BEFORE_SCALE:
                continue
            unit = m.group("scale") + m.group("money")
            q_start, qualifier = _qualify(text, a, m.end())
            out.append(Mention(q_start, a, m.end(), n or 1.0, None, unit, qualifier, True))
        else:
            n0 = m.start("n")
            if not _UNITLESS_NAME.search(text, max(0, n0 - 16), n0):
                continue
            e = m.end()
            qualifier = "exact"
            pm = _POST.match(text, e)
            if pm and pm.group(1) in ("左右", "以上", "以内"):
                qualifier, e = _POST_Q[pm.group(1)], pm.end()
            out.append(Mention(n0, n0, e, float(m.group("n")), None, "", qualifier, False))
    return out


def _qualify(text: str, s: int, e: int) -> tuple[int, Qualifier]:
    """The qualifier word standing before ``text[s:e]`` (约, 超, 突破 …) and where it starts."""
    pre = _pre_qualifier(text, s)
    if pre:
        return pre.start(), _PRE_Q[pre.group()]
    if text.startswith("跨越", max(0, s - 2)) or text.startswith("迈上", max(0, s - 2)):
        return s - 2, "at_least"
    return s, "exact"


def find_mentions(
    text: str,
    start: int = 0,
    end: int | None = None,
    *,
    ascii_digits: bool = False,
    word_openings: list[int] | None = None,
) -> list[Mention]:
    """Every quantity in ``text[start:end]`` that can carry a claim.

    ``ascii_digits`` says that the text holds no decimal digit but ASCII ones (a caller that knows
    it); the numbers are then found by a cheaper pattern, the same ones.  ``word_openings``, from a
    caller that has found them, are where the literals of :data:`WORD_OPENINGS` start in such a
    text, in order: quantities written as words are looked for there only."""
    end = len(text) if end is None else end
    openers = _NUM_OPENERS_ASCII if ascii_digits else _NUM_OPENERS
    out: list[Mention] = []
    qualifier: Qualifier
    sentence_end = -1
    in_sentence = 0
    pos = start
    for o in openers.finditer(text, start, end):
        # openers.finditer(_MENTION, _NUM_OPENERS, …), less the runs _MENTION cannot match at
        at, run_end = o.span()
        if at < pos:
            continue
        if not may_open_mention(text, at, run_end, end):
            continue
        m = _MENTION.match(text, at, end)
        if m is None:
            continue
        pos = m.end()
        # every group in one call (_MENTION_GROUPS checks their order where the pattern is made)
        num, u1, num2, approx, scale, approx2, unit, bare = m.groups()
        if not num:
            continue
        # the match, and its number (the pattern's first group), start at the opener: ``at``
        if at >= sentence_end:
            found = _SENTENCE_END.search(text, at)
            sentence_end = found.end() if found else len(text)
            in_sentence = 0
        in_sentence += 1
        if in_sentence > MAX_MENTIONS_PER_SENTENCE:
            continue
        scale = scale or bare
        s, e = at, pos
        # a newline stands in for the text's edges: it is in none of the character sets tested below
        before = text[s - 1] if s > 0 else "\n"
        after = text[e] if e < len(text) else "\n"
        value, chinese = _to_float(num)
        if value is None:
            continue
        milestone = False
        if unit is None:
            # a bare scale is a unit of its own (新增就业1.3万), but not a bare numeral
            if scale in ("万", "亿", "万亿") and not chinese and after not in "年月日":
                unit = ""
            elif scale in ("亿", "万亿") and _MILESTONE.match(text, e):
                # 迈上千亿台阶, 突破万亿大关: a milestone in money, the 元 left unsaid
                unit, milestone = "元", True
            else:
                continue
        # what is not a quantity
        if (
            before == "第"
            or (before.isascii() and before.isalpha())
            or (after.isascii() and after.isalpha() and unit != "%")
        ):
            continue
        if before in "+:：" or after in "+:：" or text[e : e + 2].startswith(nonclaims.ORDINAL_AFTER):
            continue
        if chinese:
            if num in ("零", "〇"):
                continue
            if len(num) == 1 and num in "百千" and not milestone:
                continue  # 千家万户, 百家争鸣: idioms, not counts
            if len(num) == 1 and num in "一两二" and not (scale or unit in ("%", "个百分点", "倍")):
                continue  # 一个, 一家, 两个: articles, not counts
            if _CN_NOT_COUNT.match(text, e) or (
                before and "\u4e00" <= before <= "\u9fff" and before in "统唯第同逐万"
            ):
                continue
            if unit == "次" and _NOT_AFTER_CI.match(text, e):
                continue
            if unit == "个" and text.startswith(nonclaims.COUNTED_MILESTONES, e):
                continue
        if unit == "次" and _NOT_AFTER_CI.match(text, e):
            continue
        if text.endswith("连续", 0, s) and text.startswith(nonclaims.STREAK_UNITS, e):
            continue  # 连续16个季度, 连续30个月: a streak, not a quantity
        if unit == "部" and text.startswith("分", e):
            continue  # 三部分: parts, not departments
        if _quoted(text, s) and (
            chinese or not (unit and unit not in ("个", "件", "次", "")) or _quote_holds_words(text, s)
        ):
            continue
        full_unit = (scale or "") + (unit or "")
        if full_unit.endswith("元人民币"):
            full_unit = full_unit[: -len("人民币")]
        if not full_unit:
            continue
        if full_unit == "天" and (before in "今明昨每" or text[e : e + 1] in "然下"):
            continue
        value_max = None
        qualifier = "exact"
        if num2:
            v2, _ = _to_float(num2)
            if v2 is None or v2 <= value or (u1 and u1 != unit):
                continue
            value_max = v2
            qualifier = "range"
        if approx or approx2:
            qualifier = "at_least"
        negative = before in "-−" and not (s >= 2 and text[s - 2].isdigit())
        if negative:
            s -= 1
        q_start = s
        if qualifier == "exact":
            # the longest qualifier word wins: 不少于 is at_least although it ends in 少于
            pre = _pre_qualifier(text, s)
            if pre:
                qualifier = _PRE_Q[pre.group()]
                q_start = pre.start()
            elif before == "过" and s >= 2 and text[s - 2] not in "经通度越超错":
                qualifier, q_start = "at_least", s - 1  # 营业收入过1.2万亿元; not 经过26个单位
        pm = _POST.match(text, e)
        if pm:
            post = _POST_Q[pm.group(1)]
            # 左右 wins over 力争/超; 以上 after 超 or 突破 says the same thing twice
            if qualifier in ("exact", "at_least") or post == "about":
                qualifier = post if qualifier != "range" else qualifier
            e = pm.end()
        out.append(
            Mention(
                q_start,
                s,
                e,
                -value if negative else value,
                value_max,
                full_unit,
                qualifier,
                chinese,
                negative,
            )
        )
    # a word quantity that overlaps a numeral's mention is no second quantity: the mentions that
    # start before the word ends are found by bisection, and the furthest any of them reaches is kept
    # as a running maximum (a search per word through all of them grew with the square)
    starts = [m.num_start for m in out]
    reach: list[int] = []
    furthest = -1
    for mention in out:
        furthest = max(furthest, mention.end)
        reach.append(furthest)
    words = []
    for w in _word_mentions(text, start, end, word_openings if ascii_digits else None):
        k = bisect_left(starts, w.end) - 1
        if k < 0 or reach[k] <= w.num_start:
            words.append(w)
    if words:
        out += words
        out.sort(key=lambda m: m.num_start)
    return out
