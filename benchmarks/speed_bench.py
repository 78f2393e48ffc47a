"""Extraction speed side by side, in one run, on the same real text: mubiao and JioNLP's ``extract_money``.

    python benchmarks/speed_bench.py [--corpus DIR] [--mb 10] [--repeat 3] [--no-process] [--no-scaling] [--compiled]

Every figure is characters per second of CPU time on one core (the process is pinned to one; the
processes it starts inherit that), over the decoded characters of the same files:

- *read + decode*: the files' bytes to ``str``, nothing else: the floor of every reader;
- *scan (engine)*: one :func:`mubiao.extract.scan.scan` over each text, by each engine installed;
- *mubiao read*: ``mubiao.read`` alone (decode, normalise, describe);
- *mubiao extract*: ``mubiao.extract`` on documents already read;
- *mubiao in-process*: ``mubiao.read`` then ``mubiao.extract``, file by file;
- *mubiao process*: the whole ``mubiao extract FILES --format jsonl`` command, output to /dev/null,
  its start-up included (CPU time of the child process), mubiao's modules byte-compiled first as an
  installed package's are (``PYTHONDONTWRITEBYTECODE`` would otherwise have them compiled from
  source at every start);
- *JioNLP in-process*: read + decode, then ``jionlp.ner.extract_money`` on each text;
- *JioNLP process*: the same in a process of its own, writing JSON lines, its import included.

Each figure is the least CPU time of ``--repeat`` runs (default 3): a run can only be slowed by what
else the machine does, never sped up, so the least is the one it disturbed least.

The figures are of the mubiao that is imported, and the benchmark says which: the compiled core
(``pip install .`` builds it, setup.py) or the Python modules (``pip install -e .``).  ``--compiled``
builds the compiled core from this checkout into a temporary directory first (about a minute) and
measures that, whatever is installed.

JioNLP is not a dependency of mubiao: install it beside it to compare (``pip install jionlp``); the
benchmark says so and goes on without it otherwise.  Last, the cost of one line without punctuation
(地区生产总值增长5%左右 repeated 4,000 and 16,000 times) tells whether extraction stays linear, and
one such line of 20 MB what the longest line of a batch of bad input costs.

The corpus is every ``k``-th .txt file under ``--corpus`` (default: the shared national corpus beside
the checkout), ``k`` chosen so that about ``--mb`` megabytes of UTF-8 are read.  A script, not a
test: the figures depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import mubiao
from mubiao.extract import scan

ROOT = Path(__file__).resolve().parents[1]
NATIONAL = ROOT.parent / "shared" / "corpus" / "national"
LINE = "地区生产总值增长5%左右"

_JIONLP_PROCESS = """
import json, sys
import jionlp
out = sys.stdout
for p in sys.argv[1:]:
    text = open(p, encoding="utf-8", errors="replace").read()
    for r in jionlp.ner.extract_money(text):
        out.write(json.dumps(r, ensure_ascii=False) + "\\n")
"""


def _compiled() -> bool:
    import mubiao.extract.claims  # noqa: F401

    return not sys.modules["mubiao.extract.claims"].__file__.endswith(".py")  # type: ignore[union-attr]


def _run_compiled(argv: list[str]) -> int:
    """Build the compiled core from this checkout into a temporary directory, then run this
    benchmark again with it first on the path."""
    with tempfile.TemporaryDirectory(prefix="mubiao-compiled-") as tmp:
        project = Path(tmp)
        shutil.copy(ROOT / "setup.py", project)
        shutil.copy(ROOT / "pyproject.toml", project)
        shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("*.so", "__pycache__"))
        print("building the compiled core (setup.py build_ext --inplace) …", flush=True)
        subprocess.run(
            [sys.executable, "setup.py", "-q", "build_ext", "--inplace"],
            cwd=project,
            env={**os.environ, "MUBIAO_COMPILE": "1"},
            check=True,
            stdout=subprocess.DEVNULL,
        )
        env = {**os.environ, "PYTHONPATH": str(project / "src")}
        return subprocess.run([sys.executable, __file__, *argv], env=env).returncode


def pick(corpus: Path, megabytes: float) -> list[Path]:
    files = sorted(corpus.rglob("*.txt"))
    if not files:
        raise SystemExit(f"no .txt files under {corpus}")
    total = sum(f.stat().st_size for f in files)
    step = max(1, int(total / (megabytes * 1e6)))
    return files[::step]


def cpu(fn: Callable[[], object]) -> float:
    c0 = time.process_time()
    fn()
    return time.process_time() - c0


def child_cpu(cmd: list[str]) -> float:
    """CPU seconds (user + system) of a command run to its end, its output thrown away."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process_rows(files: list[Path], texts: list[str]) -> list[tuple[str, float]]:
    """The in-process figures, each of one run, in a process that has done nothing else."""
    try:
        import jionlp  # type: ignore[import-not-found]
    except ImportError:
        jionlp = None

    # warm up what a process builds once (OpenCC's dictionaries, compiled patterns, the hyperscan
    # databases, the automaton of region names, the pattern of garbled runs): the whole-process
    # figure counts it, the in-process ones do not
    for f in files[:3]:
        mubiao.extract(mubiao.read(f))
    mubiao.Regions.default().find_in_text("北京市")
    mubiao.extract(mubiao.read_text("增长5%。\ufffd?? 锟斤拷锟斤拷 " + "1" * 20))
    if jionlp is not None:
        jionlp.ner.extract_money(texts[0])

    rows: list[tuple[str, float]] = []
    rows.append(
        ("read + decode", cpu(lambda: [f.read_bytes().decode("utf-8", errors="replace") for f in files]))
    )
    for engine in ("python", "hyperscan"):
        try:
            scan.scan("", engine)  # type: ignore[arg-type]
        except ImportError:
            continue
        rows.append((f"scan ({engine})", cpu(lambda e=engine: [scan.scan(t, e) for t in texts])))  # type: ignore[misc]
    # read + extract first, while the caches of phrases, indicators and time words hold only the
    # warm-up's: the passes after it would find every phrase of these files looked up already
    rows.append(("mubiao in-process", cpu(lambda: [mubiao.extract(mubiao.read(f)) for f in files])))
    docs: list[mubiao.Document] = []
    rows.append(("mubiao read", cpu(lambda: docs.extend(mubiao.read(f) for f in files))))
    rows.append(("mubiao extract", cpu(lambda: [mubiao.extract(d) for d in docs])))
    if jionlp is not None:
        rows.append(
            (
                "JioNLP in-process",
                cpu(
                    lambda: [
                        jionlp.ner.extract_money(f.read_bytes().decode("utf-8", errors="replace"))
                        for f in files
                    ]
                ),
            )
        )
    return rows


def _byte_compile() -> None:
    """Compile mubiao's Python modules to bytecode, as pip does when it installs a package.

    Where ``PYTHONDONTWRITEBYTECODE`` is set (this development machine sets it), an editable
    checkout, or the compiled core built into a temporary folder, would compile its Python modules
    from source at every start of the process (about 0.04 s), where JioNLP's installed modules are
    read compiled: the two processes would not start alike."""
    import compileall

    compileall.compile_dir(Path(mubiao.__file__).parent, quiet=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=NATIONAL, help="folder of .txt files (default: national)")
    ap.add_argument("--mb", type=float, default=10.0, help="megabytes of UTF-8 text to read (default 10)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each figure, the least kept (default 3)")
    ap.add_argument("--no-process", action="store_true", help="leave out the two whole-process runs")
    ap.add_argument("--no-scaling", action="store_true", help="leave out the line of 4,000 and 16,000 claims")
    ap.add_argument(
        "--compiled", action="store_true", help="build the compiled core from this checkout and measure it"
    )
    ap.add_argument("--in-process-only", action="store_true", help=argparse.SUPPRESS)  # one run, as JSON
    args = ap.parse_args()
    if args.compiled:
        raise SystemExit(_run_compiled([a for a in sys.argv[1:] if a != "--compiled"]))
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the figures claim
    files = pick(args.corpus, args.mb)
    texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
    if args.in_process_only:
        print(json.dumps(in_process_rows(files, texts)))
        return

    core = "compiled (mypyc)" if _compiled() else "Python modules (an editable install: see --compiled)"
    print(f"mubiao {mubiao.__file__}: core {core}")
    chars = sum(map(len, texts))
    print(f"{len(files)} files, {sum(f.stat().st_size for f in files) / 1e6:.1f} MB, {chars:,} characters")
    try:
        import jionlp
    except ImportError:
        jionlp = None
        print("JioNLP is not installed (pip install jionlp): its figures are left out")
    for engine in ("python", "hyperscan"):
        try:
            scan.scan("", engine)  # type: ignore[arg-type]
        except ImportError:
            print(f"scan engine {engine} is not installed: left out")

    if not args.no_process:
        _byte_compile()
    # each repeat: the in-process figures in a fresh process (so that no cache of a run before
    # serves it), then the two whole processes, alternately; the least of each is kept
    runs: dict[str, list[float]] = {}
    me = [sys.executable, __file__, "--in-process-only", "--corpus", str(args.corpus), "--mb", str(args.mb)]
    exe = str(Path(sys.executable).with_name("mubiao"))
    for _ in range(max(1, args.repeat)):
        found = subprocess.run(me, capture_output=True, text=True, check=True).stdout.splitlines()[-1]
        for name, seconds in json.loads(found):
            runs.setdefault(name, []).append(seconds)
        if not args.no_process:
            mine = child_cpu([exe, "extract", *map(str, files), "--format", "jsonl"])
            runs.setdefault("mubiao process", []).append(mine)
            if jionlp is not None:
                theirs = child_cpu([sys.executable, "-c", _JIONLP_PROCESS, *map(str, files)])
                runs.setdefault("JioNLP process", []).append(theirs)
    rows = [(name, min(times)) for name, times in runs.items()]

    print(
        f"\nCPU time on one core, the least of {max(1, args.repeat)} runs; engine by default: {scan.ENGINE}"
    )
    print(f"{'':20s} {'CPU s':>8s} {'M chars/s':>10s}")
    speed = {name: chars / s / 1e6 for name, s in rows}
    for name, s in rows:
        print(f"{name:20s} {s:8.2f} {speed[name]:10.2f}")
    for ours, theirs in (("mubiao in-process", "JioNLP in-process"), ("mubiao process", "JioNLP process")):
        if ours in speed and theirs in speed:
            print(f"{ours} / {theirs}: {speed[ours] / speed[theirs]:.2f}x")

    if not args.no_scaling:
        took = []
        for n in (4000, 16000):
            doc = mubiao.read_text(LINE * n)
            took.append(cpu(lambda d=doc: mubiao.extract(d)))  # type: ignore[misc]
        print(
            f"\none line of {LINE} x 4,000: {took[0]:.2f} s; x 16,000: {took[1]:.2f} s;"
            f" ratio {took[1] / took[0]:.1f} (linear: 4)"
        )
        # the longest line of the bad-input batch: 20 MB of UTF-8 without a stop, read and extracted
        repeats = 20_000_000 // len(LINE.encode())
        big = cpu(lambda: mubiao.extract(mubiao.read_text(LINE * repeats)))
        print(f"one line of 20 MB ({repeats:,} repetitions), read and extracted: {big:.1f} s")


if __name__ == "__main__":
    main()
