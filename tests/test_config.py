"""Rule packs: national defaults, user overrides, and errors that name the key and the file."""

import pytest

from perfxl.config import ConfigError, RulePack, default_pack, load_pack
from perfxl.domain import Edition


def write(tmp_path, text, name="perfxl.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_national_rules():
    p = default_pack()
    assert p.edition is Edition.E2020
    assert (p.budget_weight, p.total_weight) == (10.0, 100.0)
    assert p.level1_weights == {"产出指标": 50.0, "效益指标": 30.0, "满意度指标": 10.0, "成本指标": 0.0}
    assert p.missing_satisfaction_mode == "proportional"
    assert p.missing_satisfaction_fixed == {"产出指标": 60.0, "效益指标": 30.0}
    assert p.reverse_variant == "ratio" and p.equality_overshoot is False
    assert p.over_completion_threshold == 1.3 and p.over_completion_deduction == 0.0
    assert p.rescale_not_applicable is True and p.decimals == 2
    assert (p.qualitative.full, p.qualitative.partial, p.qualitative.fail) == ((0.8, 1.0), (0.5, 0.8), (0.0, 0.5))
    assert p.qualitative.default_point == "upper"
    assert p.grade_bands == (("优", 90.0), ("良", 80.0), ("中", 60.0), ("差", 0.0)) and p.grade_lower_inclusive
    assert p.ranking_grades == ("优秀", "良好", "一般", "较差") and p.ranking_shares == (0.3, 0.3, 0.3, 0.1)
    assert (p.monitor_red_below, p.monitor_yellow_below, p.monitor_blue_from) == (0.6, 0.8, 1.2)
    assert p.explain_below_rate == 0.9 and p.satisfaction_floor == 80.0
    assert p.sources == () and p.source_label() == "内置国家默认规则"


def test_default_pack_is_cached_and_packs_compare_by_identity(tmp_path):
    assert default_pack() is default_pack()
    path = write(tmp_path, "")
    a, b = load_pack(path), load_pack(path)
    assert a is not b and a != b and len({a, b, default_pack()}) == 3  # hashable: keys caches


def test_load_pack_without_a_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_pack() is default_pack()
    write(tmp_path, '[scoring]\nreverse_variant = "linear"\n')
    found = load_pack()
    assert found.reverse_variant == "linear" and found.sources == ("perfxl.toml",)
    assert load_pack(discover=False) is default_pack()


@pytest.mark.parametrize(("text", "attr", "value"), [
    ('[scoring]\nreverse_variant = "linear"\n', "reverse_variant", "linear"),
    ("[scoring]\nequality_overshoot = true\n", "equality_overshoot", True),
    ("[scoring]\ndecimals = 1\n", "decimals", 1),
    ("[scoring]\nover_completion_threshold = 1.5\n", "over_completion_threshold", 1.5),
    ("[weights]\nbudget = 20\n", "budget_weight", 20.0),  # an integer where the default is a float
    ('edition = "2021"\n', "edition", Edition.E2021),
    ('[weights.missing_satisfaction]\nmode = "fixed"\n', "missing_satisfaction_mode", "fixed"),
    ("[grades]\nlower_inclusive = false\n", "grade_lower_inclusive", False),
    ('[grades]\nbands = [["优", 80], ["良", 70], ["中", 60], ["差", 0]]\n', "grade_bands",
     (("优", 80.0), ("良", 70.0), ("中", 60.0), ("差", 0.0))),
    ("[ranking]\nshares = [0.2, 0.3, 0.3, 0.2]\n", "ranking_shares", (0.2, 0.3, 0.3, 0.2)),
    ('[ranking]\ngrades = ["A", "B", "C"]\nshares = [0.5, 0.3, 0.2]\n', "ranking_grades", ("A", "B", "C")),
    ('[values]\nnot_applicable = ["免评"]\n', "extra_not_applicable", ("免评",)),
    ('[values]\nqualitative = { "圆满收官" = "full" }\n', "extra_qualitative", {"圆满收官": "full"}),
    ("[weights.missing_satisfaction]\nredistribute = true\n", "redistribute_missing_satisfaction", True),
])
def test_overrides(tmp_path, text, attr, value):
    pack = load_pack(write(tmp_path, text))
    assert getattr(pack, attr) == value
    assert isinstance(pack, RulePack) and pack.sources == (str(tmp_path / "perfxl.toml"),)


def test_override_keeps_other_defaults(tmp_path):
    pack = load_pack(write(tmp_path, "[scoring.qualitative]\npartial = [0.6, 0.8]\nfail = [0.0, 0.6]\n"))
    assert pack.qualitative.partial == (0.6, 0.8) and pack.qualitative.fail == (0.0, 0.6)
    assert pack.qualitative.full == (0.8, 1.0) and pack.qualitative.default_point == "upper"
    assert pack.reverse_variant == "ratio" and pack.budget_weight == 10.0


def test_open_tables_accept_new_names(tmp_path):
    pack = load_pack(write(tmp_path, '[weights.level1]\n"成本指标" = 10\n"产出指标" = 40\n'))
    assert pack.level1_weights == {"产出指标": 40.0, "效益指标": 30.0, "满意度指标": 10.0, "成本指标": 10.0}


ERRORS = [
    # (toml, the key the message must name, a fragment of the message)
    ("unknown = 1\n", "unknown", "未知配置项"),
    ("[scoring]\nreverse_varient = \"linear\"\n", "scoring.reverse_varient", "未知配置项"),
    ("[scoring.qualitative]\nfulll = [0.8, 1.0]\n", "scoring.qualitative.fulll", "未知配置项"),
    ('[scoring]\nreverse_variant = "cubic"\n', "scoring.reverse_variant", "ratio"),
    ('[scoring]\ndecimals = "2"\n', "scoring.decimals", "类型不对"),
    ("[scoring]\ndecimals = 2.5\n", "scoring.decimals", "整数"),
    ("[scoring]\ndecimals = 7\n", "scoring.decimals", "整数"),
    ("[scoring]\nequality_overshoot = 1\n", "scoring.equality_overshoot", "布尔值"),
    ("[scoring]\nover_completion_threshold = 0\n", "scoring.over_completion_threshold", "正数"),
    ("[scoring]\nover_completion_deduction = -1\n", "scoring.over_completion_deduction", "负数"),
    ("[scoring]\nqualitative = 1\n", "scoring.qualitative", "表"),
    ("[scoring.qualitative]\nfull = [0.9, 0.5]\n", "scoring.qualitative.full", "下限"),
    ("[scoring.qualitative]\npartial = [0.5]\n", "scoring.qualitative.partial", "两个数"),
    ("[scoring.qualitative]\npartial = [0.4, 0.9]\n", "scoring.qualitative", "不重叠"),
    ('[scoring.qualitative]\ndefault_point = "top"\n', "scoring.qualitative.default_point", "upper"),
    ("[weights]\nbudget = 0\n", "weights.budget", "正数"),
    ('[weights.level1]\n"产出指标" = -5\n', "weights.level1.产出指标", "非负数"),
    ('[weights.missing_satisfaction]\nmode = "equal"\n', "weights.missing_satisfaction.mode", "proportional"),
    ('[weights.missing_satisfaction]\nfixed = { "产出指标" = "60" }\n', "weights.missing_satisfaction.fixed.产出指标",
     "非负数"),
    ('edition = "2019"\n', "edition", "2020"),
    ("[ranking]\nshares = [0.3, 0.3, 0.3, 0.2]\n", "ranking.shares", "之和应为 1"),
    ("[ranking]\nshares = [0.5, 0.5]\n", "ranking.shares", "一一对应"),
    ("[ranking]\nshares = [0.5, 0.6, -0.1, 0.0]\n", "ranking.shares", "非负数"),
    ("[ranking]\ngrades = [1, 2, 3, 4]\n", "ranking.grades", "等级名称"),
    ('[grades]\nbands = [["优", 80], ["良", 90]]\n', "grades.bands", "递减"),
    ('[grades]\nbands = [["优"]]\n', "grades.bands", "形式"),
    ("[monitor]\nred_below = 0.9\n", "monitor", "red_below"),
    ('[values]\nqualitative = { "好极了" = "great" }\n', "values.qualitative.好极了", "full"),
    ('[values]\nqualitative = { "好极了" = ["full"] }\n', "values.qualitative.好极了", "full"),
    ("[values]\nnot_applicable = [1]\n", "values.not_applicable", "文本"),
    ("[budget]\nexplain_below_rate = 90\n", "budget.explain_below_rate", "0 到 1"),
    ('[weights.missing_satisfaction]\nredistribute = "yes"\n', "weights.missing_satisfaction.redistribute", "布尔值"),
    ("[scoring.qualitative.words]\naffirm = [1]\n", "scoring.qualitative.words.affirm", "文本"),
    ('[scoring.qualitative.words]\nnegate = ["未"]\n', "scoring.qualitative.words.negate", "未知配置项"),
    ('[scoring.direction]\nlower_words = ["", "成本"]\n', "scoring.direction.lower_words", "文本"),
    ('[scoring.direction]\nlower_units = "天"\n', "scoring.direction.lower_units", "类型不对"),
]


@pytest.mark.parametrize(("text", "key", "fragment"), ERRORS)
def test_errors_name_the_key_and_the_file(tmp_path, text, key, fragment):
    path = write(tmp_path, text, "county.toml")
    with pytest.raises(ConfigError) as info:
        load_pack(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")
    assert key in message and fragment in message


def test_missing_file_and_invalid_toml(tmp_path):
    with pytest.raises(ConfigError, match="找不到规则配置文件"):
        load_pack(tmp_path / "nope.toml")
    bad = write(tmp_path, "[scoring\n", "bad.toml")
    with pytest.raises(ConfigError, match="bad.toml: 不是有效的 TOML 文件"):
        load_pack(bad)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("# 注释\n".encode("gbk"))
    with pytest.raises(ConfigError, match="latin.toml"):
        load_pack(latin)


def test_overrides_change_scores(tmp_path):
    """The same form scores differently under a county pack (every number is a setting)."""
    from perfxl.domain import Budget, Form, FormKind, Indicator
    from perfxl.scoring import score_form

    f = Form(FormKind.PROJECT_SELFEVAL, 2024, budget=Budget(full_year=100.0, executed=100.0), indicators=(
        Indicator("产出指标", "时效指标", "周期", "≤3天", None, "4.5天", 50.0),
        Indicator("效益指标", "社会效益指标", "效果", "达成预期", None, "部分达成年度指标", 40.0, 21.0),
    ))
    default = score_form(f)
    assert default.total == pytest.approx(10 + 50 * 3 / 4.5 + 21) and default.grade == "中"
    county = load_pack(write(tmp_path, '[scoring]\nreverse_variant = "linear"\n'
                                       "[scoring.qualitative]\npartial = [0.6, 0.8]\nfail = [0.0, 0.6]\n"
                                       '[grades]\nbands = [["优", 80], ["良", 70], ["中", 60], ["差", 0]]\n'))
    scored = score_form(f, county)
    assert scored.indicators[0].score == pytest.approx(25.0)  # 50 × (1 − 0.5)
    assert scored.indicators[1].score == pytest.approx(24.0) and scored.indicators[1].self_in_band is False
    assert scored.total == pytest.approx(59.0) and scored.grade == "差"


def test_word_lists_default_and_override(tmp_path):
    """The qualitative word lists and the direction lexicon are rule-pack data (docs/dev/domain.md §3.7, §3.11)."""
    d = default_pack()
    assert "部分" in d.qualitative_words.partial and "事故" in d.qualitative_words.events
    assert "发生率" in d.direction.lower_words and "天数" in d.direction.higher_words and "天" in d.direction.lower_units
    assert d.redistribute_missing_satisfaction is False
    pack = load_pack(write(tmp_path, '[scoring.direction]\nlower_words = ["空置率"]\n'))
    assert pack.direction.lower_words == ("空置率",) and pack.direction.higher_words == d.direction.higher_words
