"""How the time model holds at national scale: the figures of the extraction issue, on real reports.

Reads every document of the national corpus through a copy under a neutral name and prints:

* the share of statements inside *review sections* (baselines of 从A提高到B set apart) (from a heading that says 回顾/总结 to the next
  heading that announces targets or tasks) that are results of the year before the session;
* the share of statements inside *main-target lists* (the paragraph of 主要预期目标是：…) that are
  targets of the session year;
* for regions with work reports of two consecutive session years, the share of year Y's main targets
  (those with a registry indicator) that meet a result of year Y with the same indicator in the
  report of year Y + 1;
* the share of the statistical bulletins' statements that are results of the bulletin's year.

    .venv/bin/python benchmarks/national_time.py ../shared/corpus/national [--verbose]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import mubiao
from mubiao.extract.context import is_heading
from mubiao.extract.scan import TARGET_LIST

_REVIEW = re.compile(r"回顾|总结|成就|主要工作")
_AHEAD = re.compile(r"目标|任务|安排|重点工作|展望|思路|建议|要求")
# a list of a plan period's targets (今后五年…主要目标, “十四五”时期…) is not the session year's list
_HORIZON = re.compile(r"五年|十[一二三四五六七八九]五|到20\d\d年|年均|远景|20[3-9]\d年|第[一二三四五]步|期末")


def _ranges(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Review sections and main-target paragraphs of a normalised text, as offset ranges."""
    reviews: list[tuple[int, int]] = []
    lists: list[tuple[int, int]] = []
    start: int | None = None
    pos = 0
    for line in text.splitlines(keepends=True):
        a, b = pos, pos + len(line)
        pos = b
        if is_heading(line):
            if _REVIEW.search(line) and not _AHEAD.search(line):
                if start is None:
                    start = a
            elif _AHEAD.search(line) and start is not None:
                reviews.append((start, a))
                start = None
        elif (m := TARGET_LIST.search(line)) is not None and not _HORIZON.search(line):
            lists.append((a + m.start(), b))
    return reviews, lists


def _inside(i: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= i < b for a, b in ranges)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.parent != args.corpus)
    review_total = review_ok = list_total = list_ok = bull_total = bull_ok = 0
    # (region, year) → main targets' indicator ids, and → results' (indicator id, year)
    targets: dict[tuple[str, int], set[str]] = {}
    actuals: dict[tuple[str, int], set[tuple[str, int]]] = defaultdict(set)
    statements = 0
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as neutral:
        for n, path in enumerate(files):
            copy = Path(neutral) / f"doc{n:05d}.txt"
            shutil.copyfile(path, copy)
            try:
                doc = mubiao.read(copy)
                sts = mubiao.extract(doc)
            except mubiao.MubiaoError as e:
                print(f"{path}: {e}", file=sys.stderr)
                continue
            statements += len(sts)
            meta = doc.meta
            if meta.doc_type == "statistical_bulletin":
                bull_total += len(sts)
                bull_ok += sum(s.kind == "actual" and s.year == meta.review_year for s in sts)
                continue
            if meta.doc_type != "work_report" or meta.session_year is None or meta.region is None:
                continue
            session = meta.session_year
            reviews, lists = _ranges(doc.text)
            main: set[str] = set()
            for s in sts:
                if _inside(s.start, reviews) and s.extra.get("role") != "baseline":
                    review_total += 1
                    ok = s.kind == "actual" and s.year == session - 1
                    review_ok += ok
                    if args.verbose and not ok:
                        print(f"review  {path.name}: {s!r} | {s.text[:60]}")
                elif _inside(s.start, lists):
                    list_total += 1
                    ok = s.kind == "target" and s.year == session
                    list_ok += ok
                    if ok and s.indicator_id:
                        main.add(s.indicator_id)
                    if args.verbose and not ok:
                        print(f"list    {path.name}: {s!r} | {s.text[:60]}")
                if s.kind == "actual" and s.indicator_id and s.year is not None:
                    actuals[(meta.region, session)].add((s.indicator_id, s.year))
            if main:
                targets[(meta.region, session)] = main
    elapsed = time.perf_counter() - t0
    met = pairs = 0
    for (region, year), ids in targets.items():
        later = actuals.get((region, year + 1))
        if not later:
            continue
        for ind in ids:
            pairs += 1
            met += (ind, year) in later
            if args.verbose and (ind, year) not in later:
                seen = sorted(y for i, y in later if i == ind)
                print(f"next    {region} {year}: {ind} not reported for {year} (years seen: {seen})")
    print(f"{len(files)} documents, {statements} statements in {elapsed:.1f} s")
    print(
        f"  review sections: {review_ok}/{review_total} actuals of the year before the session ({review_ok / max(1, review_total):.3f})"
    )
    print(
        f"  main-target lists: {list_ok}/{list_total} targets of the session year ({list_ok / max(1, list_total):.3f})"
    )
    print(
        f"  next year's report: {met}/{pairs} main targets of year Y meet a result of year Y ({met / max(1, pairs):.3f})"
    )
    print(
        f"  bulletins: {bull_ok}/{bull_total} results of the bulletin's year ({bull_ok / max(1, bull_total):.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
