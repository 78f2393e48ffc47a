"""The indicator registry: its data file, matching of extracted phrases, user extension."""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from mubiao.errors import UsageError
from mubiao.reference.registry import (
    CATEGORIES,
    POLARITIES,
    TYPES,
    UNIT_FAMILIES,
    Indicator,
    Registry,
    normalise_phrase,
    unmatched,
)

SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture(scope="module")
def reg() -> Registry:
    return Registry.default()


def _raw_entries() -> list[dict[str, Any]]:
    text = resources.files("mubiao.reference").joinpath("data").joinpath("indicators.json").read_text("utf-8")
    entries: list[dict[str, Any]] = json.loads(text)["indicators"]
    return entries


# --------------------------------------------------------------------------- matching

MATCHES = [
    # the brief's phrases
    ("全年实现地区生产总值", "gdp"),
    ("一般公共预算收入", "general_budget_revenue"),
    ("GDP", "gdp"),
    ("全区地区生产总值", "gdp"),
    ("城镇新增就业", "urban_new_jobs"),
    ("新增就业", "urban_new_jobs"),
    ("单位GDP能耗", "energy_intensity"),
    ("PM2.5年平均浓度", "pm25"),
    ("居民人均可支配收入增速", "disposable_income_per_capita"),
    ("固定资产投资年均增速", "fixed_asset_investment"),
    ("外贸进出口总额", "foreign_trade_total"),
    ("实际使用外资", "fdi_actual"),
    ("限上社零总额", "retail_sales_above_quota"),
    # variants, scope words and measure words
    ("gdp", "gdp"),
    ("ＧＤＰ", "gdp"),
    ("国内生产总值", "gdp"),
    ("经济总量", "gdp"),
    ("地区生产总值（GDP）", "gdp"),
    ("2024年全区地区生产总值", "gdp"),
    ("预计全年地区生产总值", "gdp"),
    ("天宁区地区生产总值", "gdp"),
    ("地区生产总值增长率", "gdp"),
    ("人均地区生产总值", "gdp_per_capita"),
    ("人均GDP", "gdp_per_capita"),
    ("预计完成一般公共预算收入", "general_budget_revenue"),
    ("财政收入", "fiscal_revenue"),
    ("税比", "tax_share"),
    ("全社会固定资产投资", "fixed_asset_investment"),
    ("工业投资", "industrial_investment"),
    ("民间投资", "private_investment"),
    ("社会消费品零售总额", "retail_sales"),
    ("社零总额", "retail_sales"),
    ("社会消费品零售总额年均增速", "retail_sales"),
    ("限上零售额", "retail_sales_above_quota"),
    ("限额以上社会消费品零售额", "retail_sales_above_quota"),
    ("进出口总额", "foreign_trade_total"),
    ("进出口贸易", "foreign_trade_total"),
    ("外贸进出口", "foreign_trade_total"),
    ("全区进出口", "foreign_trade_total"),
    ("实际利用外资", "fdi_actual"),
    ("实际利用外资金额（五年累计）", "fdi_actual"),
    ("十四五期间累计实际利用外资", "fdi_actual"),
    ("合同利用外资", "fdi_contracted"),
    ("跨境电商海关进出口额", "cross_border_ecommerce"),
    ("城镇新增就业人数", "urban_new_jobs"),
    ("新增就业岗位", "urban_new_jobs"),
    ("城镇登记失业率", "registered_unemployment_rate"),
    ("城镇调查失业率", "surveyed_unemployment_rate"),
    ("居民消费价格涨幅", "cpi"),
    ("CPI", "cpi"),
    ("规上工业增加值", "industrial_value_added_above_scale"),
    ("规模以上工业增加值", "industrial_value_added_above_scale"),
    ("规模以上工业总产值", "industrial_output_above_scale"),
    ("常州市规上工业总产值", "industrial_output_above_scale"),
    ("服务业增加值", "services_value_added"),
    ("数字经济核心产业增加值", "digital_economy_core_value_added"),
    ("数字经济核心产业增加值占GDP比重", "digital_economy_core_share"),
    ("新增专精特新中小企业", "specialized_smes"),
    ("国家级专精特新“小巨人”企业", "little_giants"),
    ("新增科技型中小企业", "tech_smes"),
    ("新增独角兽及潜在独角兽企业", "unicorns"),
    ("新增瞪羚企业", "gazelles"),
    ("新增上市企业", "listed_companies"),
    ("新增IPO企业", "listed_companies"),
    ("新增发明专利授权", "invention_patents_granted"),
    ("引进各类人才", "talent_introduced"),
    ("新增高层次人才", "high_level_talents"),
    ("新增高新技术企业", "high_tech_enterprises"),
    ("建成高标准农田", "high_standard_farmland"),
    ("粮食产量", "grain_output"),
    ("森林覆盖率", "forest_coverage"),
    ("化学需氧量减排", "cod_emissions"),
    ("氨氮排放总量减少", "ammonia_emissions"),
    ("氮氧化物减排", "nox_emissions"),
    ("挥发性有机物减排", "voc_emissions"),
    ("主要污染物减排", "major_pollutant_emissions"),
    ("单位GDP二氧化碳排放降低", "carbon_intensity"),
    ("单位GDP能耗下降", "energy_intensity"),
    ("单位地区生产总值能耗降低", "energy_intensity"),
    ("非化石能源占一次能源消费比重", "non_fossil_share"),
    ("常住人口城镇化率", "urbanization_rate"),
    ("人均预期寿命", "life_expectancy"),
    ("劳动年龄人口平均受教育年限", "education_years"),
    ("每千人口拥有3岁以下婴幼儿托位数", "infant_care_places_per_1000"),
    ("基本养老保险参保率", "pension_coverage"),
    ("新增企业养老保险参保人数", "pension_insured"),
    ("棚户区改造", "shantytown_renovation"),
    ("老旧小区改造", "old_community_renovation"),
    ("保障性住房", "affordable_housing"),
    ("税收收入", "tax_revenue"),
    ("农村居民人均可支配收入", "rural_disposable_income"),
    ("农村常住居民人均可支配收入", "rural_disposable_income"),
    ("城镇居民人均可支配收入", "urban_disposable_income"),
    ("重大项目", "major_projects"),
    ("竣工投产重大项目", "major_projects"),
    ("列入省重大项目", "provincial_major_projects"),
    ("全面开工省重大项目", "provincial_major_projects"),
    ("省重大项目入库", "provincial_major_projects"),
    ("市重大项目新增入库", "city_major_projects"),
    ("亿元以上项目", "projects_over_100m"),
    ("落户亿元以上项目", "projects_over_100m"),
    ("超亿元项目", "projects_over_100m"),
    ("“四上”单位", "four_above_units"),
    ("培育规模以上企业", "above_scale_enterprises"),
    ("环境空气质量优良率", "good_air_days_ratio"),
    ("省考断面优Ⅲ比例", "surface_water_class3_ratio"),
    ("国省断面优Ⅲ类占比", "surface_water_class3_ratio"),
    ("大气环境质量改善", "air_quality"),
    ("每万人发明专利拥有量", "invention_patents_per_10k"),
    ("三新经济增加值占地区生产总值比例", "new_economy_share"),
    ("研发经费支出占地区生产总值比重", "rnd_intensity"),
    ("R&D经费支出占GDP比重", "rnd_intensity"),
    ("高新技术产业产值占规上工业总产值比重", "high_tech_output_share"),
    ("高新技术产业产值占规模以上工业总产值比重", "high_tech_output_share"),
    ("企业开办全流程用时（常态化）", "business_startup_time"),
    ("电信诈骗警情数", "telecom_fraud_cases"),
    ("19个国省断面优Ⅲ类占比", "surface_water_class3_ratio"),
    ("4个水功能区达标率", "water_function_zone_compliance"),
    ("动态储备省市重大项目", "major_projects"),
    ("新增托位数", "childcare_places"),
    ("每千人口托位数", "infant_care_places_per_1000"),
]


@pytest.mark.parametrize(("phrase", "expected"), MATCHES)
def test_match_maps_phrase_to_canonical_indicator(reg: Registry, phrase: str, expected: str) -> None:
    found = reg.match(phrase)
    assert found is not None, phrase
    assert found.id == expected


GUARDED = [
    # a share is not the amount it is a share of, nor the amount it divides by
    "“两新一智”主导产业产值占规模工业总产值比重",
    "新十大产业链产值占全区工业总产值比重",
    "工业投资占固定资产投资比重",
    "“一带一路”沿线国家占比",
    # a rate of an amount is not the amount
    "规上工业增加值率",
    "市重大项目年度投资完成率",
    # a head noun after the alias changes the indicator
    "规上企业产值",
    "“162”产业集群规上企业产值",
    # a narrower scope is not the whole
    "海洋经济总量",
    "居民用电量",
    "外资企业进出口",
    "一般贸易进出口",
    "高新技术产品出口额",
    "现代服务业增加值",
    "城乡居民人均可支配收入",
    "新增省级以上专精特新企业",
    "国家级绿色工厂",
    # thresholds and numbered programmes
    "10亿元以上重大项目入库",
    "新增集体收入500万元以上村",
    "新增产值超亿元企业",
    # not indicators at all
    "收到提案",
    "本次会议收到提案",
    "委员个人提案",
    "提案办理满意率",
    "政协重点提案答复率",
    "提出意见建议",
    "党政机构",
    "零就业家庭",
    "节能降耗目标任务",
    "",
    "   ",
    "“”",
]


@pytest.mark.parametrize("phrase", GUARDED)
def test_match_returns_none_for_guarded_and_non_indicators(reg: Registry, phrase: str) -> None:
    assert reg.match(phrase) is None


@pytest.mark.parametrize(
    ("phrase", "not_expected"),
    [
        ("服务业增加值占GDP比重", {"gdp", "services_value_added"}),
        ("人均地区生产总值", {"gdp"}),
        ("限上社零总额", {"retail_sales"}),
        ("规上工业总产值", {"industrial_output"}),
        ("规上工业增加值", {"industrial_value_added"}),
        ("农村居民人均可支配收入", {"disposable_income_per_capita"}),
        ("城镇居民人均可支配收入", {"disposable_income_per_capita"}),
        ("单位GDP能耗", {"gdp"}),
        ("跨境电商进出口额", {"foreign_trade_total"}),
        ("新增主板上市企业", {"listed_companies"}),
    ],
)
def test_match_keeps_narrower_scope_apart(reg: Registry, phrase: str, not_expected: set[str]) -> None:
    found = reg.match(phrase)
    assert found is not None
    assert found.id not in not_expected


# every row of the seed five-year plan's indicator table (天宁区 十四五, 41 rows)
PLAN_TABLE = [
    ("人均地区生产总值", "gdp_per_capita"),
    ("一般公共预算收入", "general_budget_revenue"),
    ("固定资产投资年均增速", "fixed_asset_investment"),
    ("服务业增加值占GDP比重", "services_share"),
    ("规上工业总产值", "industrial_output_above_scale"),
    ("社会消费品零售总额年均增速", "retail_sales"),
    ("新增规上企业单位数", "above_scale_enterprises"),
    ("三新经济产业集群纳税销售额", "new_economy_cluster_taxable_sales"),
    ("企业股权融资额（五年累计）", "equity_financing"),
    ("新认定各类企业研发机构数（五年累计）", "enterprise_rnd_institutions"),
    ("每年新增三新经济载体面积", "new_economy_carrier_area"),
    ("高新技术企业数（五年累计）", "high_tech_enterprises"),
    ("高新技术产业产值占工业总产值比重", "high_tech_output_share"),
    ("新增主板上市企业", "main_board_listings"),
    ("研发经费支出占GDP比重", "rnd_intensity"),
    ("每万人拥有发明专利数", "invention_patents_per_10k"),
    ("外贸进出口总额（五年累计）", "foreign_trade_total"),
    ("实际利用外资金额（五年累计）", "fdi_actual"),
    ("居民人均可支配收入", "disposable_income_per_capita"),
    ("城镇登记失业率", "registered_unemployment_rate"),
    ("学前教育资源配置率", "preschool_resource_rate"),
    ("义务教育优质均衡比例", "compulsory_education_balance"),
    ("每千人口执业（助理）医师数", "doctors_per_1000"),
    ("护理型床位占养老机构床位数比例", "nursing_beds_ratio"),
    ("单位生产总值能耗降低", "energy_intensity"),
    ("单位生产总值固定污染源主要大气污染物排放量", "air_pollutant_intensity"),
    ("单位生产总值固定污染源主要水污染物排放量", "water_pollutant_intensity"),
    ("PM2.5浓度", "pm25"),
    ("城市空气质量优良天数比率", "good_air_days_ratio"),
    ("地表水国考断面水质达到或优于Ⅲ类比例", "surface_water_class3_ratio"),
    ("垃圾分类集中处理率", "waste_sorting_rate"),
    ("老旧小区综合整治完成率", "old_community_renovation_rate"),
    ("建成区绿化覆盖率", "green_coverage_builtup"),
    ("城乡社区营造覆盖率", "community_building_coverage"),
    ("网格化达标率", "grid_management_rate"),
    ("人均接受文化场馆服务次数", "cultural_venue_visits_per_capita"),
    ("全民阅读指数", "reading_index"),
    ("万人体育健身设施拥有数", "sports_facilities_per_10k"),
    ("单位地区生产总值生产安全事故死亡率", "work_safety_death_rate_gdp"),
    ("公众安全感", "public_sense_of_security"),
    ("每千人食品抽检率", "food_sampling_per_1000"),
]


def test_plan_table_has_41_distinct_rows() -> None:
    assert len(PLAN_TABLE) == 41
    assert len({row for row, _ in PLAN_TABLE}) == 41


@pytest.mark.parametrize(("row", "expected"), PLAN_TABLE)
def test_every_seed_plan_row_matches_an_indicator(reg: Registry, row: str, expected: str) -> None:
    found = reg.match(row)
    assert found is not None, row
    assert found.id == expected


def test_every_name_and_alias_matches_its_own_indicator(reg: Registry) -> None:
    for ind in reg:
        for alias in ind.names:
            found = reg.match(alias)
            assert found is not None and found.id == ind.id, (alias, ind.id)


def test_match_is_memoised_and_stable(reg: Registry) -> None:
    first = reg.match("全年实现地区生产总值")
    assert reg.match("全年实现地区生产总值") is first
    assert reg.match("全区地区生产总值") is first


def test_match_is_fast_enough_for_every_statement(reg: Registry) -> None:
    # distinct phrases, so the memo does not help: well above 10,000 calls per second
    phrases = [f"{2000 + i}年全区{name}增速" for i in range(60) for ind in reg for name in ind.names[:2]]
    fresh = Registry.load()
    start = time.perf_counter()
    for p in phrases:
        fresh.match(p)
    elapsed = time.perf_counter() - start
    assert len(phrases) / elapsed > 10_000


@pytest.mark.parametrize(
    ("phrase", "key"),
    [
        ("全年实现地区生产总值", "GDP"),
        ("２０２４年 全区ＧＤＰ增速", "GDP"),
        ("企业股权融资额（五年累计）", "企业股权融资额"),
        ("“四上”单位", "四上单位"),
        ("PM2.5年平均浓度", "PM2.5年平均浓度"),
        ("规模以上工业总产值", "规上工业总产值"),
        ("义务教育优质均衡比例", "义务教育优质均衡比重"),
        ("实际利用外资", "实际使用外资"),
        ("固定资产投资年均增速", "固定资产投资"),
        ("全区", "全区"),
        ("增速", "增速"),
    ],
)
def test_normalise_phrase(phrase: str, key: str) -> None:
    assert normalise_phrase(phrase) == key


def test_unmatched_counts_most_frequent_first(reg: Registry) -> None:
    phrases = ["收到提案", "地区生产总值", "党政机构", "收到提案", " 收到提案 ", "GDP", "党政机构"]
    phrases.append("零就业家庭")
    assert reg.unmatched(phrases) == [("收到提案", 3), ("党政机构", 2), ("零就业家庭", 1)]
    assert unmatched(phrases) == reg.unmatched(phrases)
    assert reg.unmatched([]) == []


# --------------------------------------------------------------------------- the data file


def test_registry_has_at_least_100_indicators(reg: Registry) -> None:
    assert len(reg) >= 100
    assert len(list(reg)) == len(reg)


def test_data_file_ids_are_unique_snake_case() -> None:
    ids = [e["id"] for e in _raw_entries()]
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)


def test_data_file_aliases_belong_to_one_indicator_only() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for e in _raw_entries():
        names = [e["name"], *e.get("aliases", []), *e.get("exact_aliases", [])]
        assert len(names) == len(set(names)), f"{e['id']} repeats an alias"
        for name in names:
            key = normalise_phrase(name)
            assert key, (e["id"], name)
            if owner.setdefault(key, e["id"]) != e["id"]:
                clashes.append((name, owner[key], e["id"]))
    assert clashes == []


def test_data_file_fields_are_valid() -> None:
    allowed = {"id", "name", "aliases", "exact_aliases", "category", "unit_family", "unit"}
    allowed |= {"polarity", "type", "binding"}
    for e in _raw_entries():
        assert set(e) <= allowed, e["id"]
        assert e["category"] in CATEGORIES, e["id"]
        assert e["unit_family"] in UNIT_FAMILIES, e["id"]
        assert e["polarity"] in POLARITIES, e["id"]
        assert e["type"] in TYPES, e["id"]
        assert e["unit"] is None or (isinstance(e["unit"], str) and e["unit"]), e["id"]
        assert e.get("binding") in (None, True, False), e["id"]
        assert all(isinstance(a, str) and a.strip() == a and a for a in e.get("aliases", [])), e["id"]


def test_type_agrees_with_unit_family(reg: Registry) -> None:
    for ind in reg:
        if ind.unit_family in ("percent", "ratio"):
            assert ind.type == "rate", ind.id
        elif ind.unit_family in ("count", "people"):
            assert ind.type == "count", ind.id
        elif ind.type == "count":
            assert ind.id == "good_air_days", ind.id
        else:
            assert ind.type == "level", ind.id


@pytest.mark.parametrize(
    "indicator_id",
    [
        "registered_unemployment_rate",
        "surveyed_unemployment_rate",
        "energy_intensity",
        "carbon_intensity",
        "pm25",
        "work_safety_death_rate_gdp",
        "cod_emissions",
        "major_pollutant_emissions",
        "cpi",
        "telecom_fraud_cases",
    ],
)
def test_lower_is_better_indicators(reg: Registry, indicator_id: str) -> None:
    ind = reg.get(indicator_id)
    assert ind is not None
    assert ind.polarity == "lower"


def test_no_alias_names_a_proposal(reg: Registry) -> None:
    assert not [a for ind in reg for a in ind.names if "提案" in a]


def test_get_and_indicator_attributes(reg: Registry) -> None:
    gdp = reg.get("gdp")
    assert isinstance(gdp, Indicator)
    assert gdp.name == "地区生产总值"
    assert gdp.category == "经济" and gdp.unit_family == "money" and gdp.unit == "亿元"
    assert gdp.polarity == "higher" and gdp.type == "level"
    assert gdp.attribute is None
    energy = reg.get("energy_intensity")
    assert energy is not None and energy.binding is True and energy.attribute == "约束性"
    assert reg.get("no_such_indicator") is None
    assert "gdp" in reg and "no_such_indicator" not in reg


def test_default_registry_is_cached() -> None:
    assert Registry.default() is Registry.default()


# --------------------------------------------------------------------------- user files


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


NEW_INDICATOR = {
    "id": "night_economy_sales",
    "name": "夜间经济销售额",
    "aliases": ["夜经济销售额"],
    "category": "经济",
    "unit_family": "money",
    "unit": "亿元",
    "polarity": "higher",
    "type": "level",
}


def test_user_file_adds_aliases_and_indicators(tmp_path: Path) -> None:
    user = _write(
        tmp_path / "mine.json",
        {"indicators": [{"id": "pm25", "aliases": ["细颗粒物年均值"]}, NEW_INDICATOR]},
    )
    reg = Registry.load(user)
    assert len(reg) == len(Registry.default()) + 1
    pm25 = reg.match("细颗粒物年均值")
    assert pm25 is not None and pm25.id == "pm25"
    assert pm25.name == "PM2.5浓度" and "细颗粒物浓度" in pm25.aliases
    night = reg.match("全区夜经济销售额增速")
    assert night is not None and night.id == "night_economy_sales"
    assert Registry.default().match("细颗粒物年均值") is None


def test_user_file_in_toml(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[[indicators]]\nid = "gdp"\naliases = ["区域经济总产出"]\n\n'
        '[[indicators]]\nid = "gdp_per_capita"\nunit = "元"\n',
        encoding="utf-8",
    )
    reg = Registry.load(user)
    found = reg.match("区域经济总产出")
    assert found is not None and found.id == "gdp"
    per_capita = reg.get("gdp_per_capita")
    assert per_capita is not None and per_capita.unit == "元"


def test_user_file_exact_aliases_match_only_whole_phrases(tmp_path: Path) -> None:
    user = _write(tmp_path / "mine.json", {"indicators": [{"id": "gdp", "exact_aliases": ["总盘子"]}]})
    reg = Registry.load(user)
    found = reg.match("全区总盘子")
    assert found is not None and found.id == "gdp"
    assert reg.match("区域总盘子") is None


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([{"id": "retail_sales", "aliases": ["GDP"]}], "also an alias"),
        ([{"id": "brand_new", "name": "新指标", "aliases": []}], "needs"),
        ([{**NEW_INDICATOR, "category": "杂项"}], "category"),
        ([{**NEW_INDICATOR, "polarity": "up"}], "polarity"),
        ([{**NEW_INDICATOR, "colour": "red"}], "unknown field"),
        ([{**NEW_INDICATOR, "id": "Bad Id"}], "snake_case"),
        ([{"id": "gdp", "aliases": "GDP总额"}, {"id": "gdp", "aliases": [""]}], "aliases"),
    ],
)
def test_user_file_errors_are_usage_errors(
    tmp_path: Path, entries: list[dict[str, Any]], message: str
) -> None:
    user = _write(tmp_path / "bad.json", {"indicators": entries})
    with pytest.raises(UsageError, match=message):
        Registry.load(user)


def test_unreadable_or_malformed_user_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read"):
        Registry.load(tmp_path / "missing.json")
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    with pytest.raises(UsageError, match="not a valid"):
        Registry.load(broken)
    wrong = _write(tmp_path / "wrong.json", {"things": []})
    with pytest.raises(UsageError, match="indicators"):
        Registry.load(wrong)


def test_from_entries_builds_a_standalone_registry() -> None:
    reg = Registry.from_entries([NEW_INDICATOR])
    assert len(reg) == 1
    assert reg.match("夜间经济销售额") is not None
    assert reg.match("地区生产总值") is None


# --------------------------------------------------------------------------- seeds


def _gold_phrases() -> list[str]:
    gold = SHARED / "gold" / "seeds"
    if not gold.is_dir():
        pytest.skip("shared seed gold not beside the checkout")
    return [
        json.loads(line)["indicator"]
        for f in sorted(gold.glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


@pytest.mark.seeds
def test_seed_gold_phrases_match_mostly_and_never_proposals(reg: Registry) -> None:
    phrases = _gold_phrases()
    assert all(reg.match(p) is None for p in phrases if "提案" in p)
    matched = [p for p in phrases if reg.match(p) is not None]
    assert len(matched) / len(phrases) > 0.55
