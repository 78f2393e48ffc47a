"""Building the region data from yearly code tables: levels, short names by rule, history by diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from mubiao.reference.region_tables import build, normalize, read_table, short_name
from mubiao.reference.regions import Regions, _read_entries

FIXTURES = Path(__file__).parent / "fixtures" / "region_tables"
ETHNIC = [
    "汉族",
    "壮族",
    "回族",
    "维吾尔族",
    "蒙古族",
    "藏族",
    "土家族",
    "苗族",
    "朝鲜族",
    "鄂温克族",
    "锡伯族",
]


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    tables = {year: read_table(FIXTURES / f"{year}.csv") for year in (2019, 2020, 2021)}
    return build(tables, ethnic_groups=ETHNIC, header={"note": "fixture"})


def _event(data: dict[str, Any], kind: str) -> dict[str, Any]:
    found = [e for e in data["events"] if e["type"] == kind]
    assert len(found) == 1, (kind, data["events"])
    return found[0]


def _record(data: dict[str, Any], code: str, name: str) -> dict[str, Any]:
    found = [r for r in data["regions"] if r.get("code") == code and r["name"] == name]
    assert len(found) == 1, (code, name)
    return found[0]


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("江苏省", "江苏"),
        ("北京市", "北京"),
        ("内蒙古自治区", "内蒙古"),
        ("广西壮族自治区", "广西"),
        ("宁夏回族自治区", "宁夏"),
        ("新疆维吾尔自治区", "新疆"),
        ("西藏自治区", "西藏"),
        ("香港特别行政区", "香港"),
        ("恩施土家族苗族自治州", "恩施"),
        ("延边朝鲜族自治州", "延边"),
        ("巴音郭楞蒙古自治州", "巴音郭楞"),
        ("察布查尔锡伯自治县", "察布查尔"),
        ("鄂温克族自治旗", None),  # nothing but the ethnic name is left
        ("阿克苏地区", "阿克苏"),
        ("阿拉善盟", "阿拉善"),
        ("浦东新区", "浦东"),
        ("神农架林区", "神农架"),
        ("六枝特区", "六枝"),
        ("科尔沁左翼中旗", "科尔沁左翼中"),
        ("溧阳市", "溧阳"),
        ("沛县", None),  # one character is no short form
        ("城区", None),
    ],
)
def test_short_names_by_rule(name: str, short: str | None) -> None:
    assert short_name(name, ETHNIC) == short


def test_reader_and_levels_drop_groupings_and_development_zones() -> None:
    units = normalize(read_table(FIXTURES / "2019.csv"))
    assert "990101" not in units  # 市辖区
    assert "990271" not in units  # a 统计用区划代码 development zone
    assert units["990000"].level == "province" and units["990000"].parent_code is None
    assert units["990100"].level == "city" and units["990100"].parent_code == "990000"
    assert (units["990102"].level, units["990102"].parent_code) == ("district", "990100")
    assert units["990121"].level == "county"


def test_municipality_districts_lie_under_it() -> None:
    table = {
        "110000": "北京市",
        "110100": "市辖区",
        "110101": "东城区",
        "500000": "重庆市",
        "500200": "县",
        "500229": "城口县",
    }
    units = normalize(table)
    assert set(units) == {"110000", "110101", "500000", "500229"}
    assert units["110101"].parent_code == "110000" and units["500229"].parent_code == "500000"


def test_province_level_county_lies_under_the_province() -> None:
    units = normalize({"410000": "河南省", "419000": "省直辖县级行政区划", "419001": "济源市"})
    assert set(units) == {"410000", "419001"}
    assert (units["419001"].level, units["419001"].parent_code) == ("county", "410000")


def test_rename_keeps_the_code_and_links_the_names(data: dict[str, Any]) -> None:
    e = _event(data, "rename")
    assert (e["old"], e["new"], e["after"], e["by"]) == (
        {"code": "990200", "name": "乙市"},
        {"code": "990200", "name": "丁市"},
        2020,
        2021,
    )
    old, new = _record(data, "990200", "乙市"), _record(data, "990200", "丁市")
    assert (old["valid_from"], old["valid_to"]) == (None, 2021)
    assert (new["valid_from"], new["valid_to"]) == (2021, None)
    assert old["id"] == new["id"] == "990200"
    assert _record(data, "990202", "南湖区")["parent"] == "丁市"


def test_county_to_district_with_a_new_code(data: dict[str, Any]) -> None:
    e = _event(data, "county_to_district")
    assert (e["old"], e["new"]) == (
        {"code": "990121", "name": "长乐县"},
        {"code": "990104", "name": "长乐区"},
    )
    old, new = _record(data, "990121", "长乐县"), _record(data, "990104", "长乐区")
    assert (old["level"], new["level"]) == ("county", "district")
    assert old["id"] == new["id"] == "990121"
    assert (old["valid_to"], new["valid_from"]) == (2020, 2020)  # both in force part of 2020


def test_merge_into_a_recoded_sibling(data: dict[str, Any]) -> None:
    recode = _event(data, "recode")
    assert (recode["old"]["code"], recode["new"]["code"]) == ("990102", "990108")
    merge = _event(data, "merge")
    assert merge["old"] == {"code": "990103", "name": "西城区"}
    assert merge["new"] == {"code": "990108", "name": "东城区"}
    assert _record(data, "990103", "西城区")["successors"] == ["990108"]


def test_header_counts(data: dict[str, Any]) -> None:
    assert data["table_years"] == [2019, 2020, 2021]
    assert data["counts"]["current"] == {"province": 1, "city": 2, "district": 3, "county": 0}
    assert data["counts"]["events"] == {"county_to_district": 1, "merge": 1, "recode": 1, "rename": 1}
    assert data["note"] == "fixture"


def test_built_data_loads_into_regions(data: dict[str, Any]) -> None:
    regions = Regions(_read_entries(data, "fixture"))
    old = regions.by_code("990121")
    assert old is not None and old.name == "长乐县" and not old.is_current
    assert regions.current(old) == regions.by_code("990104")
    assert regions.names(old) == ["长乐县", "长乐区"]
    assert regions.resolve("长乐", year=2019) == old
    new = regions.resolve("长乐")
    assert new is not None and new.name == "长乐区"
    # a chain through a former name of the city
    found = regions.resolve("乙市南湖区")
    assert found is not None and found.code == "990202"
    xicheng = regions.get("西城区")
    assert xicheng is not None and regions.current(xicheng) == regions.by_code("990108")


def test_a_table_before_december_leaves_its_year_open_to_later_changes() -> None:
    tables = {year: read_table(FIXTURES / f"{year}.csv") for year in (2019, 2020, 2021)}
    data = build(tables, ethnic_groups=ETHNIC, partial_years=[2019])
    assert _record(data, "990104", "长乐区")["valid_from"] == 2019  # set up after the 2019 table
    assert _record(data, "990200", "丁市")["valid_from"] == 2021  # after a year-end table
    assert data["partial_years"] == [2019]


def test_statistical_table_only_dates_the_units_of_the_others() -> None:
    tables = {
        2019: read_table(FIXTURES / "2019.csv"),
        2020: read_table(FIXTURES / "2020-statistical.csv"),
        2021: read_table(FIXTURES / "2021.csv"),
    }
    data = build(tables, ethnic_groups=ETHNIC, statistical_years=[2020])
    names = {r["name"] for r in data["regions"]}
    assert "甲市高新区" not in names and "南湖新区" not in names  # its own unit and spelling
    assert {e["type"] for e in data["events"]} == {"county_to_district", "recode", "merge", "rename"}
    assert _event(data, "county_to_district")["by"] == 2020  # dated by the statistical table
    assert _record(data, "990104", "长乐区")["valid_from"] == 2020
