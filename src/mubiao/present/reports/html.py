"""The report as one self-contained HTML page: inline CSS, charts as inline SVG, no script.

The page can be mailed, archived or opened offline: it loads nothing (a Content-Security-Policy
forbids it, so even a passage quoted from a hostile document could not run or fetch anything),
and every text that comes from a document or the ledger is escaped.  Source numbers in the tables
link to the numbered sources at the end.  It prints on A4.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape

from mubiao.ledger import STATUS_COLOURS
from mubiao.present.reports.charts import RenderedChart, render_charts
from mubiao.present.reports.docx import (
    CATEGORY_HEADERS,
    DOCUMENT_HEADERS,
    RISK_HEADERS,
    SOURCE_HEADERS,
    SUMMARY_HEADERS,
)
from mubiao.present.reports.model import STATUS_LABELS, Report, ReportRow

__all__ = ["render_html"]

_NUMERALS = "一二三四五六七八九十"

_CSS = """
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "Songti SC", "SimSun", "Noto Serif CJK SC", serif; color: #111; background: #f4f4f4;
       margin: 0; line-height: 1.7; }
main { max-width: 900px; margin: 24px auto; background: #fff; padding: 40px 56px; box-shadow: 0 1px 4px #bbb; }
h1 { font-family: "Heiti SC", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 24px; text-align: center;
     margin: 0 0 8px; line-height: 1.4; }
.meta { text-align: center; font-family: "Kaiti SC", "KaiTi", serif; margin: 0 0 24px; color: #333; }
h2 { font-family: "Heiti SC", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 20px; margin: 28px 0 10px; }
h3 { font-family: "Kaiti SC", "KaiTi", "Noto Serif CJK SC", serif; font-size: 17px; margin: 20px 0 8px; }
p { text-indent: 2em; margin: 6px 0; }
p.note { text-indent: 0; font-size: 13px; color: #444; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 14px; }
th, td { border: 1px solid #777; padding: 4px 6px; vertical-align: top; }
th { background: #D9E2F3; font-weight: bold; text-align: center; }
td.status { text-align: center; white-space: nowrap; }
td.num { white-space: nowrap; }
table.summary { width: auto; min-width: 50%; }
table.sources, table.risks { font-size: 12.5px; }
table.ledger td:first-child, table.risks td:first-child { min-width: 7em; }
table.risks td:last-child { width: 34%; }
table.risks td.num { white-space: normal; }
.notes { white-space: nowrap; }
table.sources td:first-child { white-space: nowrap; }
a { color: #1f4e9b; text-decoration: none; }
figure { margin: 16px 0; text-align: center; break-inside: avoid; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-family: "Heiti SC", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 14px; }
footer { margin-top: 28px; font-size: 13px; color: #555; border-top: 1px solid #ccc; padding-top: 8px; }
@media print { body { background: #fff; } main { box-shadow: none; margin: 0; padding: 0; max-width: none; } }
"""


def _status_css() -> str:
    return "\n".join(f"td.st-{s} {{ background: #{c}; }}" for s, c in STATUS_COLOURS.items())


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _table(headers: Sequence[str], rows: Iterable[str], cls: str = "") -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    klass = f' class="{cls}"' if cls else ""
    return f"<table{klass}><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _notes(numbers: Sequence[int]) -> str:
    if not numbers:
        return ""
    links = ", ".join(f'<a href="#src-{n}">{n}</a>' for n in numbers)
    return f'<span class="notes">[{links}]</span>'


def _status_cell(status: str) -> str:
    return f'<td class="status st-{_e(status)}">{_e(STATUS_LABELS.get(status, status))}</td>'


def _row(r: ReportRow) -> str:
    cells = [f"<td>{_e(r.indicator)}</td>"]
    cells += [f'<td class="num">{_e(v)}</td>' for v in (r.target, r.actual, r.gap, r.pace)]
    cells += [_status_cell(r.status), f"<td>{_notes(r.notes)}</td>"]
    return f"<tr>{''.join(cells)}</tr>"


def _risk_row(r: ReportRow) -> str:
    cells = [f"<td>{_e(r.indicator)}</td>"]
    cells += [f'<td class="num">{_e(v)}</td>' for v in (r.target, r.actual, r.gap, r.pace)]
    cells += [_status_cell(r.status), f"<td>{_e(r.reason_with_units)}{_notes(r.notes)}</td>"]
    return f"<tr>{''.join(cells)}</tr>"


def _figure(chart: RenderedChart | None) -> str:
    if chart is None:
        return ""
    svg = chart.data.decode("utf-8")
    # the XML declaration and DOCTYPE belong to a file, not to markup inside a page
    svg = svg[svg.index("<svg") :]
    return f'<figure role="img" aria-label="{_e(chart.caption)}">{svg}<figcaption>{_e(chart.caption)}</figcaption></figure>'


def render_html(report: Report) -> str:
    """The report as an HTML document (a str)."""
    charts = render_charts(report, "svg")
    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(report.title)}</title>",
        f"<style>{_CSS}{_status_css()}</style></head><body><main>",
        f"<h1>{_e(report.title)}</h1>",
    ]
    data = f"数据截至{report.data_year}年" if report.data_year else "尚无实际数据"
    out.append(f'<p class="meta">（{_e(report.period_label)}　{data}　{report.date_label}）</p>')

    out.append("<h2>一、总体情况</h2>")
    out += [f"<p>{_e(p)}</p>" for p in report.overview()]
    summary_rows = []
    for status, n in report.counts.items():
        share = f"{n / report.total:.0%}" if report.total else "—"
        summary_rows.append(f"<tr>{_status_cell(status)}<td>{n}</td><td>{share}</td></tr>")
    summary_rows.append(
        f"<tr><td>合计</td><td>{report.total}</td><td>{'100%' if report.total else '—'}</td></tr>"
    )
    out.append(_table(SUMMARY_HEADERS, summary_rows, "summary"))
    out += [_figure(charts.get(k)) for k in ("status", "compare", "progress")]
    out += [f'<p class="note">{_e(p)}</p>' for p in report.method_note()]

    out.append("<h2>二、分领域评估</h2>")
    for k, section in enumerate(report.categories):
        out.append(f"<h3>（{_NUMERALS[k] if k < len(_NUMERALS) else k + 1}）{_e(section.title)}</h3>")
        parts = "、".join(f"{STATUS_LABELS.get(s, s)}{n}项" for s, n in section.counts.items() if n)
        out.append(f"<p>{_e(section.title)}领域纳入评估的目标{len(section.rows)}项，其中{_e(parts)}。</p>")
        out.append(_table(CATEGORY_HEADERS, (_row(r) for r in section.rows), "ledger"))
    out.append(_figure(charts.get("series")))

    out.append("<h2>三、存在风险的目标</h2>")
    if report.risks:
        out.append(
            f"<p>存在风险或未完成的目标共{len(report.risks)}项，按缺口占目标的比重从大到小排列如下，"
            "需加强调度、加快推进。</p>"
        )
        out.append(_table(RISK_HEADERS, (_risk_row(r) for r in report.risks), "risks"))
    else:
        out.append("<p>目前没有存在风险或未完成的目标。</p>")
    if report.review:
        names = "、".join(dict.fromkeys(r.indicator for r in report.review))
        out.append(f"<p>另有待研判目标{len(report.review)}项（{_e(names)}），需结合部门报告作出判断。</p>")

    out.append('<h2 id="sources">附：数据来源</h2>')
    out.append("<h3>（一）来源文件</h3>")
    doc_rows = (f"<tr><td>{_e(d)}</td><td>{_e(t or '—')}</td></tr>" for d, t in report.documents)
    out.append(_table(DOCUMENT_HEADERS, doc_rows, "sources"))
    out.append("<h3>（二）引用原文</h3>")
    out.append('<p class="note">表中“来源”栏的编号对应下表；位置为所引文字在原文件中的字符位置。</p>')
    source_rows = [
        f'<tr id="src-{n.number}"><td>[{n.number}]</td><td>{_e(n.document)}</td>'
        f"<td>{_e(n.uses_label)}</td><td>{_e(n.where)}</td><td>“{_e(n.text)}”</td></tr>"
        for n in report.sources
    ]
    out.append(_table(SOURCE_HEADERS, source_rows, "sources"))
    out.append(
        "<footer>说明：本报告由 mubiao 根据公开文件中的目标和实际数据自动生成，数据以统计部门正式发布为准。</footer>"
    )
    out.append("</main></body></html>")
    return "\n".join(out)
