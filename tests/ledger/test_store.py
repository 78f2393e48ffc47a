"""The store: URLs, migrations, reference tables, queries and errors, on SQLite and PostgreSQL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, insert, inspect, select, text

from mubiao.errors import NotFoundError, StoreError, UsageError
from mubiao.ledger import Ledger
from mubiao.reference.regions import Regions
from mubiao.reference.registry import Registry
from mubiao.store import models as m
from mubiao.store.engine import DEFAULT_URL, resolve_url
from mubiao.store.records import StatementRecord
from mubiao.store.store import Store

MIGRATIONS = Path(m.__file__).with_name("migrations")


# --------------------------------------------------------------------------- URLs


def test_url_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MUBIAO_DB", raising=False)
    assert resolve_url() == DEFAULT_URL == "sqlite:///./mubiao.db"
    monkeypatch.setenv("MUBIAO_DB", "sqlite:///from-env.db")
    assert resolve_url() == "sqlite:///from-env.db"
    assert resolve_url("sqlite:///given.db") == "sqlite:///given.db"


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("store.db", "sqlite:///store.db"),
        ("/tmp/x/store.db", "sqlite:////tmp/x/store.db"),
        (Path("rel/store.db"), "sqlite:///rel/store.db"),
        (":memory:", "sqlite://"),
        ("postgresql://u@h:5433/db", "postgresql+psycopg://u@h:5433/db"),
        ("postgres://u:pw@h/db", "postgresql+psycopg://u:pw@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
    ],
)
def test_url_forms(given: str | Path, url: str) -> None:
    assert resolve_url(given) == url


def test_bare_path_opens_a_sqlite_file(tmp_path: Path) -> None:
    path = tmp_path / "ledger.db"
    with Store.open(path) as store:
        assert store.statements() == []
    assert path.is_file()
    assert path.read_bytes().startswith(b"SQLite format 3")


def test_memory_store() -> None:
    with Store.open(":memory:") as store:
        assert store.documents() == []


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("mysql://root@127.0.0.1/db", "unsupported database 'mysql'"),
        ("nonsense://", "unsupported database 'nonsense'"),
        ("sqlite+nodriver:///x.db", "cannot use this database URL"),
    ],
)
def test_unsupported_urls(url: str, says: str) -> None:
    with pytest.raises(StoreError, match=says):
        Store.open(url)


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such folder"):
        Store.open(tmp_path / "nowhere" / "x.db")


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="cannot open the store") as err:
        Store.open(path)
    assert err.value.code == "E300"
    assert err.value.__cause__ is not None


def test_unreachable_postgres_is_a_store_error() -> None:
    # port 1 on the loopback: refused at once, nothing listens there
    with pytest.raises(StoreError, match="cannot open the store") as err:
        Store.open("postgresql://nobody:secret@127.0.0.1:1/nothing")
    assert "secret" not in str(err.value)
    assert "127.0.0.1:1" in str(err.value)


# --------------------------------------------------------------------------- migrations


def _head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def test_open_migrates_to_head(store: Store) -> None:
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()


def test_models_match_the_migrations(store: Store) -> None:
    """The schema the migrations build is the one the models describe."""
    with store.engine.connect() as conn:
        diffs = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata
        )
    assert diffs == []


def test_migrations_go_down_and_up_again(store: Store, store_url: str) -> None:
    """Every migration can be undone, and opening a store of an older schema upgrades it."""
    from alembic import command

    def alembic(action: str, revision: str) -> None:
        with store.engine.begin() as conn:
            cfg = Config()
            cfg.set_main_option("script_location", str(MIGRATIONS))
            cfg.attributes["connection"] = conn
            getattr(command, action)(cfg, revision)

    alembic("downgrade", "0001")
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == "0001"
        assert "ix_statements_region_year_kind" not in {
            ix["name"] for ix in inspect(conn).get_indexes("statements")
        }
    alembic("downgrade", "base")
    with store.engine.connect() as conn:
        assert "statements" not in inspect(conn).get_table_names()
    alembic("upgrade", "0001")
    Store.open(store_url).close()
    with store.engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_revision() == _head()
        assert "ix_statements_region_year_kind" in {
            ix["name"] for ix in inspect(conn).get_indexes("statements")
        }


def test_reopening_changes_nothing(store: Store, store_url: str) -> None:
    with store.session() as s:
        before = (
            s.scalar(select(func.count()).select_from(m.Indicator)),
            s.scalar(select(func.count()).select_from(m.Region)),
        )
    Store.open(store_url).close()
    with store.session() as s:
        after = (
            s.scalar(select(func.count()).select_from(m.Indicator)),
            s.scalar(select(func.count()).select_from(m.Region)),
        )
    # one row per region name and parent (a unit recoded under its old name is one row)
    regions = {(r.name, r.parent) for r in Regions.default()}
    assert before == after == (len(Registry.default()), len(regions))


def test_reference_tables_follow_the_packaged_data(store: Store, store_url: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE indicators SET name = 'stale' WHERE id = 'gdp'"))
        conn.execute(text("DELETE FROM regions WHERE name = '天宁区'"))
    Store.open(store_url).close()
    with store.session() as s:
        assert s.scalar(select(m.Indicator.name).where(m.Indicator.id == "gdp")) == "地区生产总值"
        tianning = s.scalars(select(m.Region).where(m.Region.name == "天宁区")).one()
        assert (tianning.parent, tianning.level, tianning.full_name) == (
            "常州市",
            "district",
            "江苏省常州市天宁区",
        )


def test_a_newer_schema_is_refused(store: Store, store_url: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'from_the_future'"))
    try:
        with pytest.raises(StoreError, match="newer mubiao"):
            Store.open(store_url)
    finally:  # the PostgreSQL database is shared by the session's tests
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = :head"), {"head": _head()})


# --------------------------------------------------------------------------- queries


@pytest.fixture
def filled(store: Store, samples: Path) -> Store:
    summary = Ledger(store).ingest([samples], workers=1)
    assert summary.failed == 0 and summary.new == 3
    return store


def test_statements_are_records(filled: Store) -> None:
    rows = filled.statements()
    assert rows and all(isinstance(r, StatementRecord) for r in rows)
    assert [r.id for r in rows] == sorted(r.id for r in rows)
    r = rows[0]
    assert r.provenance == "extracted" and r.span is not None and r.text
    doc = filled.document(r.doc_id)
    assert doc.original is not None and doc.original[r.span[0] : r.span[1]]


def test_statement_filters(filled: Store) -> None:
    everything = filled.statements()
    for field, value in [("region", "澜溪区"), ("kind", "target"), ("year", 2024), ("indicator_id", "gdp"),
                         ("doc_id", "lanxi-fyp14")]:  # fmt: skip
        got = filled.statements(**{field: value})
        assert got, field
        assert got == [r for r in everything if getattr(r, field) == value], field
    both = filled.statements(region="澜溪区", kind="target", year=2025, indicator_id="gdp")
    assert both and all((r.kind, r.year, r.indicator_id) == ("target", 2025, "gdp") for r in both)
    assert filled.statements(region="天宁区") == []


def test_statement_paging(filled: Store) -> None:
    everything = filled.statements()
    assert filled.statements(limit=5) == everything[:5]
    assert filled.statements(limit=5, offset=5) == everything[5:10]
    assert filled.statements(offset=len(everything)) == []
    with pytest.raises(UsageError):
        filled.statements(limit=-1)
    with pytest.raises(UsageError, match="kind"):
        filled.statements(kind="goal")


def test_published_and_period(filled: Store) -> None:
    report = filled.statements(doc_id="lanxi-2025-work-report")
    assert {(r.published, r.period, r.doc_type) for r in report} == {(2025, None, "work_report")}
    plan = filled.statements(doc_id="lanxi-fyp14", kind="target")
    assert plan and {(r.published, r.period, r.doc_type) for r in plan} == {
        (2021, (2021, 2025), "five_year_plan")
    }


def test_one_statement(filled: Store) -> None:
    first = filled.statements(limit=1)[0]
    assert filled.statement(first.id) == first
    with pytest.raises(NotFoundError, match="no statement with id 999999") as err:
        filled.statement(999_999)
    assert err.value.code == "E304"


def test_documents(filled: Store, samples: Path) -> None:
    docs = filled.documents()
    assert [d.doc_id for d in docs] == ["lanxi-2024-work-report", "lanxi-2025-work-report", "lanxi-fyp14"]
    assert all(d.original is None for d in docs)
    assert sum(d.statements for d in docs) == len(filled.statements())
    plan = filled.document("lanxi-fyp14")
    assert plan.original == (samples / "lanxi-fyp14.txt").read_text(encoding="utf-8")
    assert plan.chars == len(plan.original)
    assert (plan.doc_type, plan.region, plan.region_path, plan.period) == (
        "five_year_plan", "澜溪区", ("清河市", "澜溪区"), (2021, 2025)
    )  # fmt: skip
    assert plan.format == "txt" and plan.encoding == "utf-8" and len(plan.sha256) == 64
    assert plan.ingested_at.tzinfo is not None
    assert dataclasses.replace(plan, original=None) in docs
    with pytest.raises(NotFoundError):
        filled.document("nothing")


def test_regions_and_indicators(filled: Store) -> None:
    assert filled.regions() == [("澜溪区", len(filled.statements(region="澜溪区")))]
    used = filled.indicators_in_store()
    assert used[0].statements >= used[-1].statements
    gdp = next(u for u in used if u.id == "gdp")
    assert (gdp.name, gdp.category, gdp.statements) == (
        "地区生产总值",
        "经济",
        len(filled.statements(indicator_id="gdp")),
    )


def test_unmatched_indicators(store: Store) -> None:
    rows = [
        {"doc_id": "x", "kind": "target", "indicator": phrase, "indicator_id": None, "measure": "level",
         "qualifier": "exact", "cumulative": False, "text": phrase, "damaged": False, "provenance": "extracted"}
        for phrase in ["萤火虫驿站", "萤火虫驿站", "地区生产总值", "老旧小区加装电梯示范点", " "]
    ]  # fmt: skip
    with store.session() as s, s.begin():
        s.execute(insert(m.Statement), rows)
    # 地区生产总值 was stored without an id, but the registry knows it now: not unmatched
    assert store.unmatched_indicators() == [("萤火虫驿站", 2), ("老旧小区加装电梯示范点", 1)]


def test_unmatched_after_ingest(filled: Store) -> None:
    registry = Registry.default()
    unmatched = filled.unmatched_indicators()
    stored = [r for r in filled.statements() if r.indicator_id is None]
    for phrase, n in unmatched:
        assert registry.match(phrase) is None
        assert n == sum(1 for r in stored if r.indicator == phrase)


def test_close_and_context_manager(store_url: str) -> None:
    with Store.open(store_url) as store:
        assert "Store(" in repr(store)
    store.close()  # closing twice is harmless


def test_rows_become_records_field_by_field() -> None:
    """Records are built positionally for speed: every column must land in its own field."""
    from mubiao.store.store import RECORD_COLUMNS, record_of

    row = [f"v{i}" for i in range(len(RECORD_COLUMNS))]
    got = dataclasses.asdict(record_of(row))
    for i, column in enumerate(RECORD_COLUMNS):
        name = column.key
        if name in ("span_start", "span_end"):
            assert got["span"][name == "span_end"] == f"v{i}"
        elif name in ("period_start", "period_end"):
            assert got["period"][name == "period_end"] == f"v{i}"
        elif name in ("cumulative", "damaged"):
            assert got[name] is True
        else:
            assert got[name] == f"v{i}", name


def test_records_are_ordinary_records(filled: Store) -> None:
    """The record built from a row equals one built by the constructor, and behaves like it."""
    rec = filled.statements(limit=1)[0]
    twin = StatementRecord(**{f.name: getattr(rec, f.name) for f in dataclasses.fields(StatementRecord)})
    assert rec == twin and hash(rec) == hash(twin) and repr(rec) == repr(twin)
    with pytest.raises(dataclasses.FrozenInstanceError):
        rec.value = 1.0  # type: ignore[misc]
    assert dataclasses.replace(rec, value=2.0).value == 2.0
