"""How well documents describe themselves: region, session year, type and title on the national corpus.

The corpus names each file after its region and session year (``gwr-city/七台河市-2022.txt``), so the
answer is known; detection must not see it, and every file is read through a copy under a neutral
name.  Prints the share right for each field, the wrong ones with ``--verbose``, and the time taken.

    .venv/bin/python benchmarks/national_meta.py ../shared/corpus/national [--verbose]
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import mubiao

_TITLE_OK = re.compile(r"工作报告|公报|纲要|规划")
_EXPECTED_TYPE = {"gwr": "work_report", "bulletin": "statistical_bulletin", "plan": "five_year_plan"}


def expected(path: Path) -> tuple[str, str, int | None]:
    """(region, document type, session year) that the corpus's own names give."""
    folder = path.parent.name
    kind = _EXPECTED_TYPE[folder.split("-")[0]]
    stem = path.stem
    if folder in ("gwr-state-council", "bulletin-national", "plan-national"):
        return "全国", kind, int(stem[:4])
    m = re.fullmatch(r"(.+?)-(\d{4})(-\d+)?", stem)
    assert m, stem
    return m.group(1), kind, None if m.group(3) else int(m.group(2))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--regions", type=Path, help="a region file to add to the packaged data")
    args = ap.parse_args()
    nlp = mubiao.Pipeline(regions=mubiao.Regions.load(args.regions) if args.regions else None)
    files = sorted(p for p in args.corpus.rglob("*.txt") if p.parent != args.corpus)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    failed = 0
    elapsed = 0.0
    with tempfile.TemporaryDirectory() as neutral:
        for n, path in enumerate(files):
            region, kind, year = expected(path)
            copy = Path(neutral) / f"doc{n:05d}.txt"
            shutil.copyfile(path, copy)
            t0 = time.perf_counter()
            try:
                meta = nlp.read(copy).meta
            except mubiao.MubiaoError as e:
                failed += 1
                wrong.append(f"{path}: failed: {e}")
                continue
            finally:
                elapsed += time.perf_counter() - t0
            report = kind == "work_report"
            checks = {
                "type": meta.doc_type == kind,
                "title": bool(meta.title and _TITLE_OK.search(meta.title)),
            }
            if report:
                checks["region"] = meta.region == region
                if year is not None:
                    checks["year"] = meta.target_year == year
            else:
                checks["region (other)"] = meta.region == region
            for field, ok in checks.items():
                total[field] += 1
                right[field] += ok
                if not ok:
                    got = {
                        "type": meta.doc_type,
                        "title": meta.title,
                        "region": meta.region,
                        "region (other)": meta.region,
                        "year": meta.target_year,
                    }[field]
                    want = {"type": kind, "title": "…", "year": year}.get(field, region)
                    wrong.append(f"{path.relative_to(args.corpus)}: {field}: {got!r} (want {want!r})")
    if args.verbose:
        print("\n".join(wrong))
    print(f"{len(files)} documents described in {elapsed:.1f} s, {failed} failed")
    for field in total:
        print(f"  {field:15s} {right[field]:5d}/{total[field]:<5d} {right[field] / total[field]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
