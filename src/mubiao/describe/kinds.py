"""What kind of document a text is, and what its title is.

A work report scraped with its page's chrome is still a work report: the title line and the
report's own formulas (各位代表, 我代表…政府向大会报告工作) decide, not words of a photo caption
(``新疆日报记者…摄``) or a site's navigation.
"""

from __future__ import annotations

import re

from mubiao.describe.head import Head
from mubiao.document import DocType

__all__ = ["doc_type", "title"]

_BULLETIN = re.compile(r"统计公报|国民经济和社会发展统计")
# a plan's own title ends in its name: …第十四个五年规划和2035年远景目标纲要, “十四五”规划(草案)
_PLAN = re.compile(
    r"(?:规划纲要|远景目标纲要|五年规划|十[一二三四五六七八九]五[”\"]?(?:发展)?规划)(?:[(（][^)）]{0,8}[)）])?\**$"
)
_REPORT = re.compile(r"政府工作报告")
_REPORT_FORMULA = re.compile(
    r"我代表[^，,。]{0,24}?(?:政府|国务院|公署)[^。]{0,12}?(?:报告|作报告)|向大会报告"
)
_NEWS = re.compile(r"本报讯|记者|新华社[^。]{0,8}电|通讯员")
_CHAPTER = re.compile(r"第[一二三四五六七八九十]+章")
_TITLE_WORDS = re.compile(r"政府工作报告|统计公报|公报|纲要|规划|工作报告|报告")
# lines of page chrome or of the speech itself, never a title
_NOT_TITLE = re.compile(
    r"^(?:各位代表|同志们|下载|打印|关闭|字号|分享|来源|发布时间|发布日期|浏览次数|当前位置|首页|您的位置|【|\[|目录|"
    r"——|—|[(（]?\d{4}年\d{1,2}月\d{1,2}日|[〇○一二三四五六七八九]{4}年|在.{0,30}会议上)"
)
# a session line or a speaker's line anywhere in it
_NOT_TITLE_ANYWHERE = re.compile(
    r"人民代表大会|会议上|(?:省长|市长|州长|盟长|主席|县长|区长|总理)\s*[\u4e00-\u9fff·]{1,8}$"
)


def doc_type(head: Head, text: str) -> DocType:
    """The document's type, from its title lines first and its formulas after."""
    titles = [head.front.get("title", ""), *head.lines[:6]]
    top = " ".join(titles)
    if _BULLETIN.search(top):
        return "statistical_bulletin"
    dispatch = "本报讯" in head.flat[:800]
    if _REPORT_FORMULA.search(head.flat[:3000]) and not dispatch:
        return "work_report"
    if any(_PLAN.search(t.strip()) for t in titles) and not _REPORT.search(top):
        return "five_year_plan"
    if dispatch or _NEWS.search("".join(head.lines[:3])):
        return "session_news"
    if _REPORT.search(top):
        return "work_report"
    if _CHAPTER.search(head.flat) and "指标" in text and re.search(r"十[一二三四五六七八九]五", text[:5000]):
        return "five_year_plan"
    if _NEWS.search(head.flat[:400]) or re.search(r"闭幕|开幕|召开", head.flat[:400]):
        return "session_news"
    if "各位代表" in head.flat[:1500]:
        return "work_report"
    return "other"


def _clean(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip(" *#>-—|").strip()[:120]


def title(head: Head) -> str | None:
    """The document's own title: the front matter's if it names the document, else its title line."""
    front = _clean(head.front.get("title", ""))
    if front and _TITLE_WORDS.search(front):
        return front
    for line in head.lines[:15]:
        if len(line) <= 80 and _TITLE_WORDS.search(line) and not _NOT_TITLE.match(line):
            return _clean(line)
    for line in head.lines[:15]:
        if (
            4 <= len(line) <= 60
            and not _NOT_TITLE.match(line)
            and not _NOT_TITLE_ANYWHERE.search(line)
            and not re.search(r"[。；;，,]$", line)
        ):
            return _clean(line)
    return front or None
