"""A synthetic corpus for the benchmarks: real reports of the national corpus, re-dated and re-sited.

Every document is a real work report whose region (full and short names) is replaced by another
unit of the reference data and whose years are shifted together, so that a store can be filled with
as many region-years as all of China's county-level governments over ten years (about 100,000
documents) without a single invented sentence.  Deterministic for a given ``--seed``.

    .venv/bin/python benchmarks/synth_corpus.py ../shared/corpus/national --out /tmp/synth --count 100000

The documents are for measuring speed and scale only: their figures belong to other places and years.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from pathlib import Path

import mubiao
from mubiao.reference import Region, Regions

_YEAR = re.compile(r"(?<!\d)(20[0-3]\d)(?=\s*年)")
FIRST_YEAR, LAST_YEAR = 2016, 2025


def _sources(corpus: Path) -> list[tuple[str, str, str | None, int]]:
    """(text, region name, short name, session year) of every work report that describes itself."""
    out = []
    for path in sorted(corpus.rglob("*.txt")):
        try:
            doc = mubiao.read(path)
        except mubiao.MubiaoError:
            continue
        meta = doc.meta
        if (
            meta.doc_type != "work_report"
            or not meta.region
            or meta.region == "全国"
            or not meta.session_year
        ):
            continue
        short = next((r.short for r in Regions.default() if r.name == meta.region and r.short), None)
        out.append((doc.original, meta.region, short, meta.session_year))
    return out


def _resite(text: str, source: tuple[str, str, str | None, int], target: Region, year: int) -> str:
    _, name, short, session = source
    shift = year - session
    text = text.replace(name, target.name)
    if short and target.short:
        text = text.replace(short, target.short)
    return _YEAR.sub(lambda m: str(int(m.group(1)) + shift), text) if shift else text


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    t0 = time.perf_counter()
    sources = _sources(args.corpus)
    if not sources:
        raise SystemExit(f"{args.corpus}: no work reports found")
    targets = [r for r in Regions.default().current_regions() if r.level in ("city", "district", "county")]
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    written = size = 0
    for n in range(args.count):
        target = targets[n % len(targets)]
        year = FIRST_YEAR + (n // len(targets)) % (LAST_YEAR - FIRST_YEAR + 1)
        source = sources[rng.randrange(len(sources))]
        text = _resite(source[0], source, target, year)
        path = args.out / f"{target.code}-{year}-{n:06d}.txt"
        path.write_text(text, encoding="utf-8")
        written += 1
        size += len(text)
    print(
        f"{written:,} documents, {size:,} characters from {len(sources):,} reports and {len(targets):,} units "
        f"in {time.perf_counter() - t0:.1f} s → {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
