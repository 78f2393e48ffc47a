"""The CLI, the Python API and the REST API asked the same questions give the same answers.

Each face answers a question (a set of ledger filters) with the (target id, status) of its rows,
or with a refusal carrying the did-you-mean; the three answers must be equal.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mubiao.errors import MubiaoError
from mubiao.ledger.ledger import Ledger, LedgerQuery
from mubiao.present.api import create_app
from mubiao.present.cli import main
from mubiao.store.overrides import set_override
from mubiao.store.store import Store

sys.path.insert(0, str(Path(__file__).parent / "api"))
from apiclient import SAMPLES, Client

Answer = tuple[str, Any]
Question = dict[str, str]


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("faces")
    with Store.open(folder / "mubiao.db") as store:
        assert Ledger(store).ingest(sorted(SAMPLES.glob("*.txt")), workers=1).failed == 0
    return folder / "mubiao.db"


@pytest.fixture
def db(sample_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "mubiao.db"
    shutil.copyfile(sample_db, copy)
    return copy


def _rows(rows: list[dict[str, Any]]) -> Answer:
    return ("rows", sorted((r["target_id"], r["status"]) for r in rows))


def ask_cli(db: Path, q: Question) -> Answer:
    args = ["ledger", "--db", str(db), "--format", "json"]
    for key, value in q.items():
        if key == "status":
            for s in value.split(","):
                args += ["--status", s]
        else:
            args += [f"--{key}", value]
    result = CliRunner().invoke(main, args)
    if result.exit_code != 0:
        return ("refused", "did you mean" in result.output)
    return _rows(json.loads(result.stdout))


def ask_python(db: Path, q: Question) -> Answer:
    with Store.open(db) as store:
        try:
            query = LedgerQuery.of(
                region=q.get("region"),
                indicator=q.get("indicator"),
                year=int(q["year"]) if "year" in q else None,
                status=q.get("status"),
                kind=q.get("kind"),
                category=q.get("category"),
                level=q.get("level"),
            )
            rows = Ledger(store).rows(query)
        except MubiaoError as e:
            return ("refused", "did you mean" in str(e))
    return _rows([r.to_dict() for r in rows])


def ask_rest(db: Path, q: Question) -> Answer:
    with Store.open(db) as store:
        r = Client(create_app(store, token="")).get("/api/ledger", params={**q, "per_page": 500})
    if 400 <= r.status_code < 500:
        return ("refused", "did you mean" in r.json()["error"]["message"])
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return _rows(body["items"])


FACES: dict[str, Callable[[Path, Question], Answer]] = {
    "cli": ask_cli,
    "python": ask_python,
    "rest": ask_rest,
}

QUESTIONS: list[Any] = [
    pytest.param({"region": "澜溪区"}, id="region-full-name"),
    pytest.param({"region": "澜溪"}, id="region-short-name"),
    pytest.param({"region": "清河市澜溪区"}, id="region-chain"),
    pytest.param({"region": "320402"}, id="region-code"),
    pytest.param({"region": "澜西区"}, id="region-misspelt"),
    pytest.param({"region": "天凝区"}, id="region-misspelt-reference"),
    pytest.param({"indicator": "gdp"}, id="indicator-id"),
    pytest.param({"indicator": "地区生产总值"}, id="indicator-phrase"),
    pytest.param({"indicator": "地区生产总直"}, id="indicator-misspelt"),
    pytest.param({"status": "pending"}, id="status"),
    pytest.param({"status": "achieved,missed", "year": "2024"}, id="statuses-and-year"),
    pytest.param({"category": "经济"}, id="category"),
    pytest.param({"kind": "plan"}, id="kind"),
    pytest.param({"level": "district"}, id="region-level"),
]


@pytest.mark.parametrize("question", QUESTIONS)
def test_every_face_answers_alike(db: Path, question: Question) -> None:
    answers = {name: ask(db, question) for name, ask in FACES.items()}
    assert answers["cli"] == answers["python"] == answers["rest"], answers
    kind, detail = answers["python"]
    if "misspelt" in str(question) or kind == "refused":
        assert kind == "refused" and detail is True


def test_misspelt_questions_are_refused_with_a_suggestion(db: Path) -> None:
    for question in ({"region": "天凝区"}, {"indicator": "地区生产总直"}):
        for name, ask in FACES.items():
            assert ask(db, question) == ("refused", True), (name, question)


def test_region_by_code_the_expected_answer(db: Path) -> None:
    # a code the regions data does not know is refused by every face alike
    assert {ask(db, {"region": "999999"})[0] for ask in FACES.values()} == {"refused"}


@pytest.fixture
def overridden(db: Path) -> Iterator[tuple[Path, int, str]]:
    with Store.open(db) as store:
        row = next(r for r in Ledger(store).rows(indicator="gdp") if r.period.isdigit())
        assert row.target_id is not None
        new = "missed" if row.status != "missed" else "achieved"
        set_override(store, row.target_id, new, "统计局更正", who="tester")
    yield db, row.target_id, new


def test_an_override_is_seen_on_every_face(overridden: tuple[Path, int, str]) -> None:
    db, target_id, status = overridden
    for name, ask in FACES.items():
        kind, rows = ask(db, {"status": status})
        assert kind == "rows" and (target_id, status) in rows, name
    shown = CliRunner().invoke(main, ["ledger", "--db", str(db), "--format", "json", "--status", status])
    (row_json,) = [r for r in json.loads(shown.stdout) if r["target_id"] == target_id]
    assert (
        row_json["details"]["override"]["reason"] == "统计局更正" and row_json["details"]["computed_status"]
    )
    with Store.open(db) as store:
        client = Client(create_app(store, token=""))
        row = Ledger(store).row(target_id)
        assert row is not None and row.region is not None
        params = {"indicator_id": "gdp", "year": row.period, "measure": row.target["measure"]}
        compare = client.get("/api/compare", params=params).json()
        assert {f["region"]: f["status"] for f in compare["regions"]}[row.region] == status


def test_a_filtered_export_has_the_same_rows_everywhere(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(
        main, ["export", "--db", str(db), "--region", "澜溪", "--status", "pending", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    cli = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    with Store.open(db) as store:
        python = Ledger(store).rows(region="澜溪", status="pending")
        r = Client(create_app(store, token="")).get(
            "/api/export", params={"format": "csv", "region": "澜溪", "status": "pending"}
        )
    assert r.status_code == 200
    rest = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(cli) == len(python) == len(rest) > 0


def test_an_unknown_query_parameter_is_refused(db: Path) -> None:
    with Store.open(db) as store:
        client = Client(create_app(store, token=""))
        r = client.get("/api/ledger", params={"indicatr": "gdp"})
        assert r.status_code == 400 and "indicatr" in r.json()["error"]["message"]
        assert client.get("/api/export", params={"format": "csv", "regoin": "澜溪"}).status_code == 400
        assert client.get("/api/ledger", params={"indicator": "gdp"}).status_code == 200


def test_one_status_palette_is_served(db: Path) -> None:
    from mubiao.ledger import STATUS_COLOURS, STATUSES
    from mubiao.present.commands.ledger import STATUS_STYLES

    with Store.open(db) as store:
        served = Client(create_app(store, token="")).get("/api/statuses").json()
    assert [s["status"] for s in served] == list(STATUSES)
    assert {s["status"]: s["colour"].lstrip("#") for s in served} == STATUS_COLOURS
    assert all(STATUS_COLOURS[s] in style for s, style in STATUS_STYLES.items())


def test_statements_and_series_resolve_regions_as_the_ledger_does(db: Path) -> None:
    with Store.open(db) as store:
        client = Client(create_app(store, token=""))
        full = client.get("/api/statements", params={"region": "澜溪区", "per_page": 500}).json()
        short = client.get("/api/statements", params={"region": "澜溪", "per_page": 500}).json()
        assert full["total"] == short["total"] > 0
        series = client.get("/api/indicators/gdp/series", params={"region": "澜溪"}).json()
        assert series["region"] == "澜溪区"
        wrong = client.get("/api/statements", params={"region": "澜西区"})
        assert wrong.status_code == 400 and "did you mean" in wrong.json()["error"]["message"]
