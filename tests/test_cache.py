"""The cache on disk of what the reference data builds: the same object, a new entry for new sources,
and never an error of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from mubiao import cache
from mubiao.reference import regions
from mubiao.reference.regions import Regions

TEXT = "江苏省常州市武进区和天宁区，北京市朝阳区，鼓楼区，合作"


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("MUBIAO_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _build_counting(calls: list[int]) -> object:
    calls.append(1)
    return {"built": len(calls)}


def test_an_entry_is_built_once_then_read(folder: Path) -> None:
    calls: list[int] = []
    first = cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    again = cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    assert first == again == {"built": 1}
    assert len(calls) == 1
    assert [p.name.startswith("thing-") for p in folder.iterdir()] == [True]


def test_other_sources_make_another_entry(folder: Path) -> None:
    calls: list[int] = []
    cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    assert cache.cached("thing", [b"b"], lambda: _build_counting(calls), dict) == {"built": 2}
    # the parts are told apart by their lengths too: ab + c is not a + bc
    assert cache.cached("thing", [b"ab", b"c"], lambda: _build_counting(calls), dict) == {"built": 3}
    assert cache.cached("thing", [b"a", b"bc"], lambda: _build_counting(calls), dict) == {"built": 4}


def test_a_damaged_entry_is_built_again_and_replaced(folder: Path) -> None:
    calls: list[int] = []
    cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    (entry,) = folder.iterdir()
    entry.write_bytes(entry.read_bytes()[:10])
    assert cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict) == {"built": 2}
    assert cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict) == {"built": 2}


def test_an_entry_of_another_type_is_built_again(folder: Path) -> None:
    cache.cached("thing", [b"a"], lambda: ["a list"], list)
    assert cache.cached("thing", [b"a"], lambda: {"a": "dict"}, dict) == {"a": "dict"}


def test_a_folder_that_cannot_be_written_leaves_the_cache_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("MUBIAO_CACHE_DIR", str(blocked / "cache"))
    assert cache.cached("thing", [b"a"], lambda: {"a": 1}, dict) == {"a": 1}


def test_an_empty_setting_turns_the_cache_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MUBIAO_CACHE_DIR", "")
    assert cache.cache_dir() is None
    calls: list[int] = []
    cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    cache.cached("thing", [b"a"], lambda: _build_counting(calls), dict)
    assert len(calls) == 2


def test_old_entries_are_pruned(folder: Path) -> None:
    for n in range(10):
        cache.cached("thing", [str(n).encode()], lambda: {}, dict)
    assert len(list(folder.glob("thing-*.pickle"))) == cache._KEEP + 1


def test_the_cached_regions_are_the_regions_built(folder: Path) -> None:
    built = regions._build_default()
    cached = cache.cached("regions", regions._default_sources(), regions._build_default, Regions)
    from_disk = cache.cached(
        "regions", regions._default_sources(), lambda: pytest.fail("built again"), Regions
    )
    for r in (cached, from_disk):
        assert list(r.mentions_in(TEXT)) == list(built.mentions_in(TEXT))
        assert r.find_in_text(TEXT) == built.find_in_text(TEXT)
        assert r.resolve("武进区") == built.resolve("武进区")
        assert r.path(r.resolve("武进区")) == built.path(built.resolve("武进区"))  # type: ignore[arg-type]
        assert r.current_regions() == built.current_regions()
        # every table of the object, the automaton aside (compared by what it finds, above)
        tables = {k: v for k, v in vars(r).items() if k != "_automaton_built"}
        assert tables == {k: v for k, v in vars(built).items() if k != "_automaton_built"}


def test_the_key_of_the_regions_follows_their_data_and_code() -> None:
    sources = b" ".join(regions._default_sources())
    for name in (b"regions.json", b"region_words.txt", b"regions.py", b"region_tables.py", b"ahocorasick"):
        assert name in sources


def test_a_file_stamp_changes_with_the_file(tmp_path: Path) -> None:
    import os

    f = tmp_path / "data.json"
    f.write_text("{}")
    os.utime(f, ns=(1, 1_000_000_000))
    before = cache.file_stamp(f)
    assert before == cache.file_stamp(str(f))
    f.write_text("{ }")
    os.utime(f, ns=(1, 1_000_000_000))
    assert cache.file_stamp(f) != before  # the same time, another size
    f.write_text("{}")
    assert cache.file_stamp(f) != before  # the same size, another time
    assert cache.file_stamp(None) == b""
    assert cache.file_stamp(tmp_path / "missing") == str(tmp_path / "missing").encode()


def test_a_value_that_cannot_be_pickled_is_returned_uncached(folder: Path) -> None:
    import threading

    lock = threading.Lock()  # no pickle for locks
    assert cache.cached("thing", [b"a"], lambda: {"lock": lock}, dict) == {"lock": lock}
    assert not list(folder.glob("thing-*.pickle"))
