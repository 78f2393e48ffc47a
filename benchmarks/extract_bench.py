"""Extraction throughput: characters per second on one core, end to end (read → normalise → extract).

    python benchmarks/extract_bench.py [--mb 5] [--corpus DIR] [--profile]

``--corpus DIR`` reads the .txt files under DIR as they are instead (the national corpus of 33 M
characters, say).  To compare with another commit in the same run, check it out beside this one and
run the same command with ``PYTHONPATH=that/checkout/src`` before or after this one.

The corpus is built in a temporary folder from the project's samples and, where present, the shared
seed corpus beside the checkout, copied until it holds at least ``--mb`` megabytes of text.  Each
copy is a separate file, so the repeated-sentence detector sees each document once, as in real use.
A script, not a test: timings depend on the machine.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import shutil
import tempfile
import time
from pathlib import Path

import mubiao

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "samples", ROOT.parent / "shared" / "corpus" / "seeds"]


def build_corpus(folder: Path, megabytes: float) -> list[Path]:
    originals = [p for src in SOURCES if src.is_dir() for p in sorted(src.glob("*.txt"))]
    if not originals:
        raise SystemExit("no documents found in samples/ or ../shared/corpus/seeds")
    files: list[Path] = []
    size = 0
    n = 0
    while size < megabytes * 1_000_000:
        for p in originals:
            dest = folder / f"{n:04d}_{p.name}"
            shutil.copyfile(p, dest)
            files.append(dest)
            size += dest.stat().st_size
        n += 1
    return files


def run(files: list[Path]) -> tuple[int, int, float, float]:
    """Characters, statements, wall seconds and CPU seconds of this process."""
    chars = statements = 0
    t0, c0 = time.perf_counter(), time.process_time()
    for f in files:
        doc = mubiao.read(f)
        chars += len(doc.original)
        statements += len(mubiao.extract(doc))
    return chars, statements, time.perf_counter() - t0, time.process_time() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--mb", type=float, default=5.0, help="corpus size in megabytes of UTF-8 text (default 5)"
    )
    ap.add_argument("--corpus", type=Path, help="read the .txt files under this folder instead")
    ap.add_argument("--profile", action="store_true", help="print the 25 most expensive functions")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the figure claims
    with tempfile.TemporaryDirectory() as tmp:
        files = sorted(args.corpus.rglob("*.txt")) if args.corpus else build_corpus(Path(tmp), args.mb)
        mb = sum(f.stat().st_size for f in files) / 1e6
        run(files[:3])  # warm up: OpenCC dictionaries, regex compilation, the GB2312 table
        if args.profile:
            prof = cProfile.Profile()
            prof.enable()
        chars, statements, seconds, cpu = run(files)
        if args.profile:
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    print(f"documents        {len(files)}")
    print(f"corpus           {mb:.1f} MB, {chars:,} characters")
    print(f"statements       {statements:,}")
    print(f"seconds          {seconds:.2f} wall, {cpu:.2f} CPU")
    print(f"throughput       {chars / seconds:,.0f} characters/second on one core (wall clock)")
    print(f"                 {chars / cpu:,.0f} characters/second of CPU time (steadier on a busy machine)")


if __name__ == "__main__":
    main()
