"""The supervision bulletin (督查通报) of a region, as DOCX or HTML.

    >>> content, media_type, name = build_bulletin(ledger, region="天宁区", fmt="docx")  # doctest: +SKIP

Read through the supervision facade (the tasks, their lights as of a day, the reports due) and
the ledger (the targets at risk with their gap and required pace), in five parts:

一、总体情况      the tasks and units, the lights counted, the reports overdue;
二、各单位推进情况  per unit and target: the goal (or the unit's share), the latest approved figure,
                 the light and its rule;
三、逾期未报情况  the reports not given by their due date, the longest overdue first;
四、需重点关注的目标 the ledger's targets at risk or missed (gap, required pace, responsible units)
                 and the task targets behind schedule (red);
五、单位排名      units ranked by the mean score of their lights (green 100, yellow 60, red 20,
                 grey 0), ties broken by fewer overdue reports.

The HTML is one self-contained page, every text escaped, as the evaluation reports are.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from mubiao.errors import UsageError
from mubiao.ledger import COLOUR_LABELS, BoardRow, DueItem, Ledger, LedgerRow, Principal, covers_year
from mubiao.present.reports.wording import fmt_number, gap_text, pace_text

__all__ = ["Bulletin", "RankedUnit", "build_bulletin", "bulletin_model", "render_docx", "render_html"]

FORMATS = ("docx", "html")
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "html": "text/html; charset=utf-8",
}
#: what a light is worth in the ranking
SCORES = {"green": 100, "yellow": 60, "red": 20, "grey": 0}
#: light colours as cell fills
FILLS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE", "grey": "D9D9D9", "none": "FFFFFF"}

UNIT_HEADERS = ("单位", "任务", "指标", "目标", "最新进度", "序时进度", "灯")
OVERDUE_HEADERS = ("单位", "任务", "指标", "期次", "应报日期", "逾期天数")
RISK_HEADERS = ("指标", "目标", "实际", "缺口", "所需增速", "责任单位")
RANK_HEADERS = ("名次", "单位", "绿灯", "黄灯", "红灯", "灰灯", "逾期", "得分")


@dataclass(frozen=True)
class RankedUnit:
    rank: int
    unit: str
    counts: dict[str, int]
    overdue: int
    score: float | None


@dataclass(frozen=True)
class Bulletin:
    region: str
    as_of: date
    title: str
    board: tuple[BoardRow, ...]
    overdue: tuple[DueItem, ...]
    risks: tuple[tuple[LedgerRow, str], ...]
    behind: tuple[BoardRow, ...]
    ranking: tuple[RankedUnit, ...]

    @property
    def counts(self) -> Counter[str]:
        return Counter(r.target.light.colour for r in self.board)


def _goal(r: BoardRow) -> str:
    t = r.target
    if t.goal is None:
        return "定性"
    unit = "%" if t.measure == "growth" else t.unit or ""
    share = "（分解）" if t.share is not None else ""
    return f"{fmt_number(t.goal)}{unit}{share}"


def _latest(r: BoardRow) -> str:
    t = r.target
    if t.period is None or t.light.actual is None:
        return "—"
    unit = "%" if t.measure == "growth" else t.unit or ""
    return f"{t.period}：{fmt_number(t.light.actual)}{unit}"


def _rank(board: Sequence[BoardRow], overdue: Sequence[DueItem]) -> tuple[RankedUnit, ...]:
    units = sorted({r.unit for r in board})
    late = Counter(d.unit for d in overdue)
    scored = []
    for unit in units:
        colours: Counter[str] = Counter(r.target.light.colour for r in board if r.unit == unit)
        lit = [SCORES[c] for c in colours.elements() if c in SCORES]
        score = sum(lit) / len(lit) if lit else None
        scored.append((unit, dict(colours), late[unit], score))
    scored.sort(key=lambda u: (-(u[3] if u[3] is not None else -1), u[2], u[0]))
    return tuple(RankedUnit(i, u, c, o, s) for i, (u, c, o, s) in enumerate(scored, start=1))


def bulletin_model(
    ledger: Ledger, *, region: str, as_of: date | None = None, actor: Principal | None = None
) -> Bulletin:
    """The bulletin's content (see the module docstring); ``actor`` narrows it to the units one may read."""
    who = actor or Principal.system()
    name = ledger.resolve_region(region)
    day = as_of or date.today()
    board = ledger.supervision.board(who, region=name, as_of=day)
    if not board:
        raise UsageError(f"no supervision tasks in {name} / {name}尚无督查任务")
    tasks = {r.task_id for r in board}
    overdue = tuple(
        sorted(
            (d for d in ledger.reminders.due(day, actor=who) if d.kind == "overdue" and d.task_id in tasks),
            key=lambda d: (d.due, d.unit),
        )
    )
    units = ledger.supervision.responsible_units(name)
    years = {r.year for r in board}
    risks = tuple(
        (row, units.get(row.target_id or -1, "—"))
        for row in ledger.rows(region=name, status="at_risk,missed")
        if any(covers_year(row, y) for y in years)
    )
    behind = tuple(r for r in board if r.target.light.colour == "red")
    title = f"{name}重点目标任务督查通报"
    return Bulletin(name, day, title, tuple(board), overdue, risks, behind, _rank(board, overdue))


def _summary(b: Bulletin) -> list[str]:
    c = b.counts
    n_tasks = len({r.task_id for r in b.board})
    n_units = len({r.unit for r in b.board})
    lights = "，".join(
        f"{COLOUR_LABELS[k]}{c[k]}项" for k in ("green", "yellow", "red", "grey", "none") if c[k]
    )
    out = [
        f"截至{b.as_of.year}年{b.as_of.month}月{b.as_of.day}日，{b.region}共有督查任务{n_tasks}项，涉及责任单位{n_units}个、"
        f"目标{len(b.board)}项。按序时进度，{lights}。"
    ]
    if b.overdue:
        late = "、".join(dict.fromkeys(d.unit for d in b.overdue))
        out.append(f"逾期未报进度{len(b.overdue)}期次，涉及{late}，请相关单位立即报送。")
    else:
        out.append("各单位均按时报送进度。")
    return out


def _unit_rows(b: Bulletin) -> Iterable[tuple[list[str], str]]:
    for r in sorted(b.board, key=lambda r: (r.unit, r.task_id, r.target.id)):
        t = r.target
        yield (
            [r.unit, r.task, t.indicator, _goal(r), _latest(r), t.light.rule, COLOUR_LABELS[t.light.colour]],
            (t.light.colour),
        )


def _overdue_rows(b: Bulletin) -> Iterable[list[str]]:
    for d in b.overdue:
        yield [d.unit, d.task, d.indicator, d.period, d.due.isoformat(), str((b.as_of - d.due).days)]


def _risk_rows(b: Bulletin) -> Iterable[list[str]]:
    for row, units in b.risks:
        target = row.target
        unit = target.get("unit") or ""
        value = target.get("value")
        goal = f"{fmt_number(float(value))}{unit}" if value is not None else "—"
        actual = row.actual or {}
        got = actual.get("value")
        have = f"{fmt_number(float(got))}{actual.get('unit') or ''}" if got is not None else "—"
        yield [row.indicator, goal, have, gap_text(row), pace_text(row), units]


def _rank_rows(b: Bulletin) -> Iterable[list[str]]:
    for u in b.ranking:
        yield [str(u.rank), u.unit, *(str(u.counts.get(k, 0)) for k in ("green", "yellow", "red", "grey")),
               str(u.overdue), "—" if u.score is None else f"{u.score:.0f}"]  # fmt: skip


# --------------------------------------------------------------------------- HTML

_CSS = """
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; margin: 0; background: #f4f4f4; }
main { max-width: 960px; margin: 24px auto; background: #fff; padding: 40px 56px; line-height: 1.7; }
h1 { font-family: "Heiti SC", "SimHei", sans-serif; font-size: 24px; text-align: center; color: #b00; margin: 0; }
.meta { text-align: center; margin: 4px 0 24px; }
h2 { font-family: "Heiti SC", "SimHei", sans-serif; font-size: 19px; margin: 24px 0 8px; }
p { text-indent: 2em; margin: 6px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13.5px; margin: 8px 0 16px; }
th, td { border: 1px solid #777; padding: 4px 6px; vertical-align: top; }
th { background: #D9E2F3; }
td.light { text-align: center; white-space: nowrap; }
""" + "\n".join(f"td.l-{k} {{ background: #{v}; }}" for k, v in FILLS.items())


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _html_table(headers: Sequence[str], rows: Iterable[tuple[list[str], str | None]], cls: str) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = []
    for cells, colour in rows:
        tds = [f"<td>{_e(c)}</td>" for c in cells]
        if colour is not None:
            tds[-1] = f'<td class="light l-{_e(colour)}">{_e(cells[-1])}</td>'
        body.append(f"<tr>{''.join(tds)}</tr>")
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def render_html(b: Bulletin) -> str:
    parts = [f"<h1>{_e(b.title)}</h1>", f'<p class="meta">（截至{_e(b.as_of.isoformat())}）</p>',
             "<h2>一、总体情况</h2>", *(f"<p>{_e(p)}</p>" for p in _summary(b)),
             "<h2>二、各单位推进情况</h2>", _html_table(UNIT_HEADERS, _unit_rows(b), "units"),
             "<h2>三、逾期未报情况</h2>"]  # fmt: skip
    if b.overdue:
        parts.append(_html_table(OVERDUE_HEADERS, ((r, None) for r in _overdue_rows(b)), "overdue"))
    else:
        parts.append("<p>无逾期未报情况。</p>")
    parts.append("<h2>四、需重点关注的目标</h2>")
    if b.risks:
        parts.append(f"<p>台账中存在风险或未完成的目标{len(b.risks)}项，请责任单位加强调度、加快推进：</p>")
        parts.append(_html_table(RISK_HEADERS, ((r, None) for r in _risk_rows(b)), "risks"))
    if b.behind:
        names = "；".join(f"{r.unit}（{r.target.indicator}）" for r in b.behind)
        parts.append(f"<p>低于序时进度（红灯）的任务：{_e(names)}。</p>")
    if not b.risks and not b.behind:
        parts.append("<p>目前没有存在风险的目标。</p>")
    parts += [
        "<h2>五、单位排名</h2>",
        _html_table(RANK_HEADERS, ((r, None) for r in _rank_rows(b)), "ranking"),
    ]
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{_e(b.title)}</title><style>{_CSS}</style></head><body><main>{''.join(parts)}</main></body></html>\n"
    )


# --------------------------------------------------------------------------- DOCX


def render_docx(b: Bulletin) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from mubiao.present.reports.docx import add_para, add_row, new_document, new_table, shade

    doc = new_document()
    doc.core_properties.title = b.title
    doc.core_properties.author = "mubiao"
    title = doc.add_heading(b.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    meta = doc.add_paragraph(f"（截至{b.as_of.isoformat()}）")
    meta.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_heading("一、总体情况", level=1)
    for p in _summary(b):
        add_para(doc, p)
    doc.add_heading("二、各单位推进情况", level=1)
    widths: tuple[float, ...] = (2.2, 2.2, 2.2, 1.9, 2.2, 5.0, 1.3)
    table = new_table(doc, UNIT_HEADERS, widths, size=9)
    for cells, colour in _unit_rows(b):
        add_row(table, cells, widths, size=9)
        shade(table.rows[-1].cells[-1], FILLS[colour])
    doc.add_heading("三、逾期未报情况", level=1)
    if b.overdue:
        widths = (3.0, 3.0, 3.0, 2.0, 2.6, 3.4)
        table = new_table(doc, OVERDUE_HEADERS, widths, size=9)
        for cells in _overdue_rows(b):
            add_row(table, cells, widths, size=9)
    else:
        add_para(doc, "无逾期未报情况。")
    doc.add_heading("四、需重点关注的目标", level=1)
    if b.risks:
        add_para(doc, f"台账中存在风险或未完成的目标{len(b.risks)}项，请责任单位加强调度、加快推进：")
        widths = (3.0, 2.4, 2.4, 2.2, 2.6, 4.4)
        table = new_table(doc, RISK_HEADERS, widths, size=9)
        for cells in _risk_rows(b):
            add_row(table, cells, widths, size=9)
    if b.behind:
        add_para(
            doc,
            "低于序时进度（红灯）的任务："
            + "；".join(f"{r.unit}（{r.target.indicator}）" for r in b.behind)
            + "。",
        )
    if not b.risks and not b.behind:
        add_para(doc, "目前没有存在风险的目标。")
    doc.add_heading("五、单位排名", level=1)
    widths = (1.4, 4.2, 1.6, 1.6, 1.6, 1.6, 1.6, 3.4)
    table = new_table(doc, RANK_HEADERS, widths, size=9)
    for cells in _rank_rows(b):
        add_row(table, cells, widths, size=9)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


def build_bulletin(
    ledger: Ledger,
    *,
    region: str,
    fmt: str = "docx",
    as_of: date | None = None,
    actor: Principal | None = None,
) -> tuple[bytes, str, str]:
    """The bulletin as (content, media type, suggested file name)."""
    if fmt not in FORMATS:
        raise UsageError(f"the bulletin format is one of {', '.join(FORMATS)}, not {fmt!r}")
    b = bulletin_model(ledger, region=region, as_of=as_of, actor=actor)
    content = render_docx(b) if fmt == "docx" else render_html(b).encode("utf-8")
    name = _UNSAFE_NAME.sub("_", f"{b.region}_督查通报_{b.as_of.isoformat()}") + f".{fmt}"
    return content, MEDIA_TYPES[fmt], name
