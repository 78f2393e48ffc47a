"""The people of a store through the facade (``Ledger.people``), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update

from mubiao.errors import AccessDeniedError, NotAuthenticatedError, TooManyAttemptsError, UsageError
from mubiao.ledger import Ledger, Principal, Store, Throttle
from mubiao.store.people import Credential

ROOT = Principal.system("root")
PASSWORD = "long enough 1"


@pytest.fixture
def ledger(store: Store) -> Ledger:
    """Units in two regions (天宁区 with a town under its department, 钟楼区) and one user of each role."""
    ledger = Ledger(store)
    p = ledger.people
    p.add_unit("天宁区发改委", region="天宁", actor=ROOT)
    p.add_unit("天宁区统计局", region="常州市天宁区", actor=ROOT)
    p.add_unit("郑陆镇", parent="天宁区统计局", kind="town", actor=ROOT)
    p.add_unit("钟楼区统计局", region="钟楼区", actor=ROOT)
    p.add_user("sup", role="supervisor", password=PASSWORD, units=["天宁区发改委"], actor=ROOT)
    p.add_user("rep", role="reporter", password=PASSWORD, units=["天宁区统计局"], actor=ROOT)
    p.add_user("view", role="viewer", password=PASSWORD, units=["郑陆镇"], actor=ROOT)
    p.add_user("boss", role="admin", password=PASSWORD, actor=ROOT)
    return ledger


def _who(ledger: Ledger, name: str) -> Principal:
    return ledger.people.principal(ledger.people.user(name))


def _ids(ledger: Ledger, *names: str) -> frozenset[int]:
    return frozenset(ledger.people.unit(n).id for n in names)


def test_units_sit_under_ledger_regions(ledger: Ledger) -> None:
    town = ledger.people.unit("郑陆镇")
    assert (town.region, town.parent, town.kind) == ("天宁区", "天宁区统计局", "town")
    with pytest.raises(UsageError, match="did you mean 天宁区"):
        ledger.people.add_unit("X局", region="天凝区", actor=ROOT)
    with pytest.raises(UsageError, match="exists already"):
        ledger.people.add_unit("郑陆镇", parent="天宁区统计局", actor=ROOT)


def test_each_role_is_scoped_to_its_units(ledger: Ledger) -> None:
    sup, rep, view = (_who(ledger, n) for n in ("sup", "rep", "view"))
    tianning = _ids(ledger, "天宁区发改委", "天宁区统计局", "郑陆镇")
    # a supervisor: every unit of its units' regions
    assert sup.readable_units == sup.writable_units == tianning and sup.regions == {"天宁区"}
    # a reporter: its units and the units under them
    assert rep.readable_units == rep.writable_units == _ids(ledger, "天宁区统计局", "郑陆镇")
    # a viewer: reads its units, writes nothing
    assert view.readable_units == _ids(ledger, "郑陆镇") and view.writable_units == frozenset()
    assert not view.may_write_region("天宁区")
    assert _who(ledger, "boss").readable_units is None


def test_the_facade_refuses_what_the_scope_does_not_allow(ledger: Ledger) -> None:
    p = ledger.people
    rep, view, sup = _who(ledger, "rep"), _who(ledger, "view"), _who(ledger, "sup")
    zhonglou, town = p.unit("钟楼区统计局").id, p.unit("郑陆镇").id
    with pytest.raises(AccessDeniedError):
        p.add_report(zhonglou, "x", actor=rep)
    with pytest.raises(AccessDeniedError):
        p.add_report(town, "x", actor=view)
    with pytest.raises(AccessDeniedError):
        p.add_unit("新单位", region="天宁区", actor=sup)
    report = p.add_report(town, "郑陆镇完成进度40%", actor=rep)
    other = p.add_report(zhonglou, "钟楼", actor=ROOT)
    assert [r.id for r in p.reports(view)] == [report.id]
    assert {r.id for r in p.reports(sup)} == {report.id}
    with pytest.raises(AccessDeniedError):
        p.review_report(report.id, "approved", actor=rep)
    assert p.review_report(report.id, "approved", "好", actor=sup).status == "approved"
    with pytest.raises(Exception, match="no report"):
        p.review_report(other.id, "approved", actor=sup)


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"role": "owner", "units": ["郑陆镇"]}, "a role is one of"),
        ({"role": "reporter", "units": []}, "needs at least one unit"),
        ({"role": "reporter", "units": ["郑陆镇"], "password": "short"}, "at least 8"),
        ({"role": "reporter", "units": ["无此单位"]}, "no unit"),
    ],
)
def test_a_bad_user_is_refused(ledger: Ledger, kwargs: dict[str, object], says: str) -> None:
    args: dict[str, object] = {"password": PASSWORD, **kwargs}
    with pytest.raises(Exception, match=says):
        ledger.people.add_user("new", actor=ROOT, **args)  # type: ignore[arg-type]


def test_sessions_and_keys_live_until_they_expire_or_are_revoked(ledger: Ledger, store: Store) -> None:
    p = ledger.people
    session = p.login("rep", PASSWORD)
    assert session.secret.startswith("mbs_")
    who = p.authenticate(session.secret)
    assert who is not None and (who.name, who.via) == ("rep", "session")
    key = p.add_key("rep", "脚本", days=30, actor=ROOT)
    assert p.authenticate(key.secret) is not None
    assert p.authenticate(key.secret + "x") is None
    # only the hash is stored
    with store.session() as s:
        assert all(key.secret not in c.secret_sha256 for c in s.query(Credential))
    with store.session() as s, s.begin():
        s.execute(update(Credential).where(Credential.id == session.id).values(
            expires_at=datetime.now(UTC) - timedelta(minutes=1)))  # fmt: skip
    assert p.authenticate(session.secret) is None
    p.revoke(key.id, actor=_who(ledger, "rep"))
    assert p.authenticate(key.secret) is None


def test_a_wrong_password_and_a_disabled_user(ledger: Ledger) -> None:
    p = ledger.people
    with pytest.raises(NotAuthenticatedError):
        p.login("rep", "wrong password")
    with pytest.raises(NotAuthenticatedError):
        p.login("nobody", PASSWORD)
    key = p.add_key("rep", "脚本", actor=ROOT)
    p.set_active("rep", False, actor=ROOT)
    assert p.authenticate(key.secret) is None
    with pytest.raises(NotAuthenticatedError):
        p.login("rep", PASSWORD)


def test_every_change_is_audited_with_the_user_and_never_the_password(ledger: Ledger) -> None:
    ledger.people.set_password("rep", "another password", actor=Principal.system("alice"))
    latest = ledger.audit(limit=1)[0]
    assert (latest.who, latest.table, latest.field, latest.new) == ("alice", "users", "password", "(reset)")
    assert all(PASSWORD not in (a.new or "") and "argon2" not in (a.new or "") for a in ledger.audit())


def test_the_throttle_locks_a_name_for_its_window_only() -> None:
    now = [1000.0]
    throttle = Throttle(limit=3, window=60, clock=lambda: now[0])
    for _ in range(3):
        throttle.check("user:a")
        throttle.failed("user:a")
    with pytest.raises(TooManyAttemptsError) as refused:
        throttle.check("user:a")
    assert 0 < refused.value.retry_after <= 61
    throttle.check("user:b")
    now[0] += 61
    throttle.check("user:a")
