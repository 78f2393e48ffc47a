"""Regions: the packaged hierarchy, name resolution, paths and mentions in text."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from mubiao.errors import UsageError
from mubiao.reference.regions import LEVELS, Region, Regions

SHARED = Path(__file__).resolve().parents[3] / "shared"

JIANGSU_CITIES = [
    "南京市", "无锡市", "徐州市", "常州市", "苏州市", "南通市", "连云港市",
    "淮安市", "盐城市", "扬州市", "镇江市", "泰州市", "宿迁市",
]  # fmt: skip


@pytest.fixture(scope="module")
def regions() -> Regions:
    return Regions.default()


# --------------------------------------------------------------------------- the data


def test_default_regions_are_cached(regions: Regions) -> None:
    assert Regions.default() is regions


def test_data_has_country_34_provinces_and_jiangsu_cities(regions: Regions) -> None:
    country = regions.get("全国")
    assert country is not None and country.level == "country" and country.parent is None
    provinces = regions.children("全国")
    assert len(provinces) == 34
    assert all(p.level == "province" for p in provinces)
    assert {"北京市", "江苏省", "内蒙古自治区", "香港特别行政区", "台湾省"} <= {p.name for p in provinces}
    assert [c.name for c in regions.children("江苏省")] == JIANGSU_CITIES


def test_every_jiangsu_city_has_its_districts_and_counties(regions: Regions) -> None:
    for city in JIANGSU_CITIES:
        under = regions.children(city)
        assert len(under) >= 5, city
        assert all(r.level in ("district", "county") for r in under), city
    assert sum(len(regions.children(c)) for c in JIANGSU_CITIES) == 95


@pytest.mark.parametrize(
    ("city", "expected"),
    [
        ("常州市", ["天宁区", "钟楼区", "新北区", "武进区", "金坛区", "溧阳市"]),
        # in the order of their codes (梁溪区 320213 was formed in 2015, after 锡山区 320205)
        ("无锡市", ["锡山区", "惠山区", "滨湖区", "梁溪区", "新吴区", "江阴市", "宜兴市"]),
        (
            "苏州市",
            ["虎丘区", "吴中区", "相城区", "姑苏区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"],
        ),
    ],
)
def test_children_of_city(regions: Regions, city: str, expected: list[str]) -> None:
    assert [r.name for r in regions.children(city)] == expected


def test_data_integrity(regions: Regions) -> None:
    all_regions = list(regions)
    assert len(all_regions) == len(regions) >= 34 + 13 + 95 + 1
    assert all(r.level in LEVELS for r in all_regions)
    # a current name may repeat (鼓楼区) but never under the same parent, and never above district
    # level; a historic incarnation may repeat its successor's name (a code changed: 三元区)
    current = regions.current_regions()
    assert not [k for k, n in Counter((r.name, r.parent) for r in current).items() if n > 1]
    upper = [r.name for r in current if r.level in ("country", "province", "city")]
    assert len(upper) == len(set(upper))
    for r in all_regions:
        if r.parent is not None:
            parent = regions.parent(r)
            assert parent is not None and parent.name == r.parent, r.name
            assert LEVELS.index(parent.level) < LEVELS.index(r.level), r.name
            assert r.parent_code is None or parent.code == r.parent_code, r.name
        assert r.short is None or (len(r.short) >= 2 and r.name.startswith(r.short)), r.name


def test_county_level_city_is_a_county(regions: Regions) -> None:
    liyang = regions.get("溧阳市")
    assert liyang is not None
    assert liyang.level == "county" and liyang.parent == "常州市" and liyang.short == "溧阳"


# --------------------------------------------------------------------------- resolution

RESOLVE = [
    ("天宁", "江苏省常州市天宁区"),
    ("天宁区", "江苏省常州市天宁区"),
    ("常州市天宁区", "江苏省常州市天宁区"),
    ("江苏省常州市天宁区", "江苏省常州市天宁区"),
    ("（江苏省）常州市天宁区", "江苏省常州市天宁区"),
    ("常州天宁", "江苏省常州市天宁区"),
    ("江苏常州", "江苏省常州市"),
    ("江苏省天宁区", "江苏省常州市天宁区"),
    ("常州市 钟楼区", "江苏省常州市钟楼区"),
    ("武进", "江苏省常州市武进区"),
    ("溧阳", "江苏省常州市溧阳市"),
    ("昆山市", "江苏省苏州市昆山市"),
    ("南京市鼓楼区", "江苏省南京市鼓楼区"),
    ("徐州鼓楼", "江苏省徐州市鼓楼区"),
    ("淮安", "江苏省淮安市"),
    ("淮安区", "江苏省淮安市淮安区"),
    ("江苏", "江苏省"),
    ("北京", "北京市"),
    ("广西", "广西壮族自治区"),
]


@pytest.mark.parametrize(("name", "full"), RESOLVE)
def test_resolve_full_short_and_chained_names(regions: Regions, name: str, full: str) -> None:
    found = regions.resolve(name)
    assert found is not None, name
    assert regions.full_name(found) == full


@pytest.mark.parametrize("name", ["中国", "全国", "中华人民共和国"])
def test_resolve_country(regions: Regions, name: str) -> None:
    found = regions.resolve(name)
    assert found is not None and found.level == "country" and found.name == "全国"


@pytest.mark.parametrize(
    "name",
    [
        "鼓楼区",  # 南京市 and 徐州市
        "鼓楼",
        "江苏省鼓楼区",  # still both
        "无锡天宁",  # 天宁 is not in 无锡
        "某某市",  # not in the data
        "天宁区人民政府",
        "全区",
        "",
    ],
)
def test_resolve_returns_none_for_ambiguous_or_unknown(regions: Regions, name: str) -> None:
    assert regions.resolve(name) is None


def test_get_is_by_full_name_and_refuses_ambiguity(regions: Regions) -> None:
    tianning = regions.get("天宁区")
    assert tianning is not None
    assert (tianning.name, tianning.short, tianning.level, tianning.parent) == (
        "天宁区",
        "天宁",
        "district",
        "常州市",
    )
    assert (tianning.code, tianning.parent_code, tianning.valid_from, tianning.valid_to) == (
        "320402",
        "320400",
        None,
        None,
    )
    assert regions.get("天宁") is None
    assert regions.get("鼓楼区") is None


def test_path_is_root_first(regions: Regions) -> None:
    tianning = regions.resolve("天宁")
    assert tianning is not None
    assert [r.name for r in regions.path(tianning)] == ["全国", "江苏省", "常州市", "天宁区"]
    jiangsu = regions.get("江苏省")
    assert jiangsu is not None
    assert [r.name for r in regions.path(jiangsu)] == ["全国", "江苏省"]
    assert regions.parent(tianning) == regions.get("常州市")


def test_children_accepts_short_names_and_regions(regions: Regions) -> None:
    changzhou = regions.get("常州市")
    assert changzhou is not None
    assert regions.children("常州") == regions.children(changzhou) == regions.children("常州市")
    assert regions.children("天宁区") == []
    assert regions.children("某某市") == []


@pytest.mark.parametrize(
    ("name", "level", "short"),
    [
        ("杭州市", "city", "杭州"),
        ("西湖区", "district", "西湖"),
        ("桐庐县", "county", "桐庐"),
        ("浙江省", "province", "浙江"),
        ("延边朝鲜族自治州", "city", "延边"),  # the data's rule: without the ethnic names
        ("某某彝族自治县", "county", "某某"),
        ("阿拉善盟", "city", "阿拉善"),
        ("科尔沁左翼中旗", "county", "科尔沁左翼中"),
        ("沛县", "county", None),
    ],
)
def test_from_text_name_guesses_level_from_suffix(name: str, level: str, short: str | None) -> None:
    region = Regions.from_text_name(name)
    assert region is not None
    assert (region.name, region.level, region.short, region.parent) == (name, level, short, None)


@pytest.mark.parametrize("name", ["西湖", "Hangzhou", "区", "", "提案办理", "常州市天宁区2"])
def test_from_text_name_refuses_names_without_suffix(name: str) -> None:
    assert Regions.from_text_name(name) is None


def test_resolve_or_guess(regions: Regions) -> None:
    known = regions.resolve_or_guess("天宁区")
    assert known is not None and known.parent == "常州市"
    guessed = regions.resolve_or_guess("常州经济开发区")
    assert guessed is not None and guessed.parent is None and guessed.level == "district"
    assert regions.resolve_or_guess("鼓楼区") is None
    assert regions.path(guessed) == (guessed,)


# --------------------------------------------------------------------------- mentions


def test_find_in_text_counts_mentions_most_specific_first(regions: Regions) -> None:
    text = (
        "常州市天宁区人民政府工作报告。天宁区全年完成目标，全区上下、全市各地共同努力。"
        "天宁经济稳步增长，与江阴深化合作，常州市场繁荣。我区在天宁路新建学校。"
    )
    found = {r.name: n for r, n in regions.find_in_text(text)}
    # 常州市天宁区 counts for 天宁区 only; 天宁路 is a street; 全区/全市/我区 name no region
    assert found == {"天宁区": 3, "江阴市": 1, "常州市": 1}
    first, count = regions.find_in_text(text)[0]
    assert (first.name, count) == ("天宁区", 3)


def test_find_in_text_ignores_country_and_ambiguous_short_forms(regions: Regions) -> None:
    # 新建 (新建区 of 南昌市) and 合作 (合作市) stand alone as ordinary words (region_words.txt)
    text = "中国式现代化在全国推进，鼓楼区和鼓楼都有新进展，新建学校，合作共赢。"
    assert regions.find_in_text(text) == []


def test_find_in_text_prefers_longest_form(regions: Regions) -> None:
    found = dict((r.name, n) for r, n in regions.find_in_text("连云港市和连云港，以及连云区"))
    assert found == {"连云港市": 2, "连云区": 1}


# --------------------------------------------------------------------------- user files


def test_user_region_file_adds_regions(tmp_path: Path) -> None:
    user = tmp_path / "regions.json"
    entry = {"name": "常州经济开发区", "short": "经开区", "level": "district", "parent": "常州市"}
    user.write_text(json.dumps({"regions": [entry]}, ensure_ascii=False), encoding="utf-8")
    regs = Regions.load(user)
    assert len(regs) == len(Regions.default()) + 1
    found = regs.resolve("常州经开区")
    assert found is not None and found.name == "常州经济开发区"
    assert [r.name for r in regs.path(found)] == ["全国", "江苏省", "常州市", "常州经济开发区"]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"name": "某某区", "short": None, "level": "district", "parent": "不存在市"}, "parent"),
        ({"name": "某某区", "short": None, "level": "township", "parent": "常州市"}, "level"),
        ({"name": "", "short": None, "level": "district", "parent": "常州市"}, "name"),
        ({"name": "某某区", "level": "district", "parent": "常州市", "population": 1}, "unknown field"),
        ({"name": "某某区", "level": "district", "parent": "常州市", "code": 1}, "code must be"),
        ({"name": "某某区", "level": "district", "parent": "常州市", "valid_to": "2020"}, "valid_from"),
    ],
)
def test_user_region_file_errors(tmp_path: Path, entry: dict[str, object], message: str) -> None:
    user = tmp_path / "regions.json"
    user.write_text(json.dumps({"regions": [entry]}, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        Regions.load(user)


def test_unreadable_region_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        Regions.load(tmp_path / "missing.json")


# --------------------------------------------------------------------------- seeds


@pytest.mark.seeds
@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        ("000_ddf95f0d0219994a", "天宁区"),
        ("002_307e6f16d3c1f9ec", "钟楼区"),
        ("003_d4a0f4af80492c2a", "天宁区"),
        ("004_2528c0b44543a3dd", "武进区"),
    ],
)
def test_seed_documents_mention_their_region_most(regions: Regions, doc: str, expected: str) -> None:
    path = SHARED / "corpus" / "seeds" / f"{doc}.txt"
    if not path.is_file():
        pytest.skip("shared seed corpus not beside the checkout")
    top, _count = regions.find_in_text(path.read_text(encoding="utf-8"))[0]
    assert top.name == expected


# --------------------------------------------------------------------------- all of China


def test_data_covers_all_of_china(regions: Regions) -> None:
    current = regions.current_regions()
    levels = Counter(r.level for r in current)
    assert levels["country"] == 1 and levels["province"] == 34
    assert 330 <= levels["city"] <= 340
    assert 2800 <= levels["district"] + levels["county"] <= 2900
    assert all(r.code is not None and len(r.code) == 6 for r in current if r.level != "country")
    codes = [r.code for r in current if r.code is not None]
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    ("name", "code", "level", "parent"),
    [
        ("北京市", "110000", "province", "全国"),
        ("东城区", "110101", "district", "北京市"),  # a municipality's districts lie under it
        ("常州市", "320400", "city", "江苏省"),
        ("天宁区", "320402", "district", "常州市"),
        ("溧阳市", "320481", "county", "常州市"),  # a county-level city is a county
        ("恩施土家族苗族自治州", "422800", "city", "湖北省"),
        ("阿克苏地区", "652900", "city", "新疆维吾尔自治区"),
        ("阿拉善盟", "152900", "city", "内蒙古自治区"),
        ("济源市", "419001", "county", "河南省"),  # 省直辖县级行政区划: under the province
        ("神农架林区", "429021", "county", "湖北省"),
        ("香港特别行政区", "810000", "province", "全国"),
    ],
)
def test_codes_levels_and_parents(regions: Regions, name: str, code: str, level: str, parent: str) -> None:
    region = regions.by_code(code)
    assert region is not None
    assert (region.name, region.level, region.parent) == (name, level, parent)
    assert regions.get(name) == region


@pytest.mark.parametrize(
    ("form", "name"),
    [
        # provinces
        ("江苏", "江苏省"),
        ("内蒙古", "内蒙古自治区"),
        ("广西", "广西壮族自治区"),
        ("宁夏", "宁夏回族自治区"),
        ("新疆", "新疆维吾尔自治区"),
        ("西藏", "西藏自治区"),
        ("香港", "香港特别行政区"),
        ("上海", "上海市"),
        ("河北", "河北省"),  # not 天津's 河北区: a province's short form names the province
        ("河南", "河南省"),  # not 青海's 河南蒙古族自治县
        ("海南", "海南省"),  # not 海南藏族自治州 nor 乌海's 海南区
        ("吉林", "吉林省"),  # which contains 吉林市
        # autonomous prefectures lose their ethnic names too
        ("恩施", "恩施土家族苗族自治州"),  # contains 恩施市, which bears the same short form
        ("湘西", "湘西土家族苗族自治州"),
        ("延边", "延边朝鲜族自治州"),
        ("黔东南", "黔东南苗族侗族自治州"),
        ("伊犁", "伊犁哈萨克自治州"),
        ("海西", "海西蒙古族藏族自治州"),
        # prefectures, leagues, autonomous counties
        ("阿克苏", "阿克苏地区"),
        ("阿拉善", "阿拉善盟"),
        ("察布查尔", "察布查尔锡伯自治县"),
        ("浦东", "浦东新区"),
    ],
)
def test_short_forms_resolve(regions: Regions, form: str, name: str) -> None:
    found = regions.resolve(form)
    assert found is not None and found.name == name
    assert found.short == form


@pytest.mark.parametrize(
    ("name", "full"),
    [
        ("青海海南", "青海省海南藏族自治州"),
        ("乌海市海南区", "内蒙古自治区乌海市海南区"),
        ("天津河北区", "天津市河北区"),
        ("黄南河南", "青海省黄南藏族自治州河南蒙古族自治县"),
    ],
)
def test_lower_units_sharing_a_province_short_form_resolve_in_context(
    regions: Regions, name: str, full: str
) -> None:
    found = regions.resolve(name)
    assert found is not None and regions.full_name(found) == full


@pytest.mark.parametrize(
    ("name", "city"),
    [
        ("南京市鼓楼区", "南京市"),
        ("徐州鼓楼", "徐州市"),
        ("福州市鼓楼区", "福州市"),
        ("开封鼓楼区", "开封市"),
    ],
)
def test_ambiguous_name_with_context(regions: Regions, name: str, city: str) -> None:
    found = regions.resolve(name)
    assert found is not None and found.name == "鼓楼区" and found.parent == city


@pytest.mark.parametrize("form", ["鼓楼区", "鼓楼", "朝阳区", "甘南", "城关"])
def test_ambiguous_forms_resolve_to_none_without_context(regions: Regions, form: str) -> None:
    assert regions.is_ambiguous(form)
    assert regions.resolve(form) is None
    assert regions.find_in_text(f"{form}持续推进高质量发展。") == []


def test_gulou_districts_are_four(regions: Regions) -> None:
    gulou = sorted(r.parent for r in regions.current_regions() if r.name == "鼓楼区" and r.parent)
    assert gulou == ["南京市", "开封市", "徐州市", "福州市"]


# --------------------------------------------------------------------------- history

HISTORY = [
    # (old name, old code, new name, new code, the year of the change)
    ("洪泽县", "320829", "洪泽区", "320813", 2016),  # 撤县设区
    ("崇明县", "310230", "崇明区", "310151", 2016),  # 撤县设区 in a municipality
    ("户县", "610125", "鄠邑区", "610118", 2016),  # 撤县设区 with a new name
    ("那曲地区", "542400", "那曲市", "540600", 2017),  # 撤地设市
]


@pytest.mark.parametrize(("old_name", "old_code", "new_name", "new_code", "year"), HISTORY)
def test_changed_units_are_linked_across_years(
    regions: Regions, old_name: str, old_code: str, new_name: str, new_code: str, year: int
) -> None:
    old, new = regions.by_code(old_code), regions.by_code(new_code)
    assert old is not None and new is not None
    assert (old.name, new.name) == (old_name, new_name)
    assert old.id == new.id == old_code
    assert not old.is_current and new.is_current
    assert old.valid_to == year and new.valid_from == year
    assert regions.successor(old) == new and regions.current(old) == new
    assert regions.names(new) == [old_name, new_name]
    assert regions.history(old) == [old, new]
    # the old name still resolves, to its own incarnation
    assert regions.resolve(old_name) == old
    assert old.valid_in(year - 1) and not new.valid_in(year - 1)


@pytest.mark.parametrize(
    ("form", "year", "code"),
    [
        ("洪泽", 2015, "320829"),  # 洪泽县's short form, in force in 2015
        ("洪泽", 2018, "320813"),
        ("洪泽", None, "320813"),  # without a year: the current unit
        ("淮安洪泽", 2015, "320829"),
        ("崇明", 2015, "310230"),
        ("崇明", 2020, "310151"),
    ],
)
def test_resolve_by_year(regions: Regions, form: str, year: int | None, code: str) -> None:
    found = regions.resolve(form, year)
    assert found is not None and found.code == code


def test_merged_city_leads_to_the_city_that_absorbed_it(regions: Regions) -> None:
    laiwu = regions.by_code("371200")
    assert laiwu is not None and laiwu.name == "莱芜市" and laiwu.valid_to == 2019
    jinan = regions.current(laiwu)
    assert jinan is not None and jinan.name == "济南市"
    assert regions.resolve("莱芜市") == laiwu
    assert [r.name for r in regions.path(laiwu)] == ["全国", "山东省", "莱芜市"]


def test_children_are_current_only(regions: Regions) -> None:
    names = [r.name for r in regions.children("淮安市")]
    assert "洪泽区" in names and "洪泽县" not in names


# --------------------------------------------------------------------------- ordinary words


@pytest.mark.parametrize("word", ["合作", "新建", "资源", "平安", "振兴", "东海"])
def test_ordinary_words_are_not_counted_alone(regions: Regions, word: str) -> None:
    assert regions.is_word(word)
    assert regions.resolve(word) is not None  # the short form still resolves
    assert regions.find_in_text(f"坚持{word}发展，{word}成效明显。") == []


def test_ordinary_word_counts_in_full_names_and_chains(regions: Regions) -> None:
    found = {r.name: n for r, n in regions.find_in_text("东海县和连云港东海，东海之滨。")}
    assert found == {"东海县": 2}


def test_find_in_text_reads_historic_names(regions: Regions) -> None:
    found = dict(regions.find_in_text("崇明县2015年生态岛建设，崇明区2020年"))
    assert {r.code: n for r, n in found.items()} == {"310230": 1, "310151": 1}


def test_find_in_text_is_fast_on_a_long_text(regions: Regions) -> None:
    import time

    text = ("江苏省常州市天宁区人民政府。全市上下齐心协力，推进高质量发展，和平、长安、朝阳之外。" * 1200)[
        :50_000
    ]
    regions.find_in_text("预热")
    start = time.perf_counter()
    for _ in range(5):
        found = regions.find_in_text(text)
    per_call = (time.perf_counter() - start) / 5
    assert found[0][0].name == "天宁区"
    assert per_call < 0.05, per_call  # a few milliseconds; generous for a loaded CI machine


def test_region_record_fields(regions: Regions) -> None:
    tianning = regions.by_code("320402")
    assert tianning is not None
    assert tianning == Region(
        "天宁区", "天宁", "district", "常州市", code="320402", id="320402", parent_code="320400"
    )


@pytest.mark.parametrize(
    ("text", "expected"), [("华东区域协调发展", {}), ("攀枝花东区", {"东区": 1}), ("沛县", {"沛县": 1})]
)
def test_two_character_district_names_count_only_in_chains(
    regions: Regions, text: str, expected: dict[str, int]
) -> None:
    assert {r.name: n for r, n in regions.find_in_text(text)} == expected
