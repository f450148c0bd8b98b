"""score_form on whole forms: budget, totals, grades, weights, not-applicable rows, output shape.

The builders at the top are shared by the other tests/test_scoring_*.py files.
"""

import json
from pathlib import Path

import pytest

from perfxl.config import default_pack, load_pack
from perfxl.domain import Budget, Form, FormKind, Indicator
from perfxl.scoring import FormScore, grade_of, half_up, parse_rate, score_form

# --- builders ---------------------------------------------------------------------------------------


def ind(target, actual, weight=10.0, *, unit=None, direction=None, self_score=None, level1="产出指标",
        level2="数量指标", name="指标", adjusted=None, progress=None):
    return Indicator(level1=level1, level2=level2, name=name, target=target, unit=unit, actual=actual,
                     weight=weight, score=self_score, direction=direction, adjusted_target=adjusted,
                     progress=progress)


def form(*indicators, budget=None, kind=FormKind.PROJECT_SELFEVAL, total=None, year=2024):
    return Form(kind=kind, year=year, budget=budget or Budget(full_year=100.0, executed=100.0),
                indicators=tuple(indicators), total=total)


def score_one(target, actual, weight=10.0, pack=None, **kw):
    """Score a one-indicator form and return its IndicatorScore."""
    return score_form(form(ind(target, actual, weight, **kw)), pack).indicators[0]


def pack_from(tmp_path: Path, text: str, name: str = "perfxl.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_pack(path)


def standard_form(**overrides):
    """A 10号-layout form: budget 10, 产出 50, 效益 30, 满意度 10, everything achieved."""
    rows = [
        ind("≥3", "3", 20, unit="所", name="维修学校数量"),
        ind("≥95%", "96%", 15, level2="质量指标", name="验收合格率"),
        ind("≤30天", "28天", 15, level2="时效指标", name="平均维修周期"),
        ind("达成预期", "达成年度指标", 30, level1="效益指标", level2="社会效益指标", name="办学条件改善",
            self_score=30),
        ind("≥90%", "93.5%", 10, level1="满意度指标", level2="服务对象满意度指标", name="师生满意度"),
    ]
    data = {"budget": Budget(full_year=150.0, executed=141.3, weight=10, rate="94.2%", score=9.42)} | overrides
    return form(*rows, **data)


# --- totals and budget ------------------------------------------------------------------------------


def test_standard_form_total_grade_and_level1_totals():
    s = score_form(standard_form(total=99.42))
    assert s.budget.score == pytest.approx(9.42)
    assert s.total == pytest.approx(99.42)
    assert s.total_rounded == 99.42 and s.grade == "优" and s.complete
    assert s.level1_totals == pytest.approx({"产出指标": 50, "效益指标": 30, "满意度指标": 10})
    assert s.weights_note is None
    assert [i.method for i in s.indicators] == [
        "quantitative_ge", "quantitative_ge", "quantitative_le", "qualitative", "quantitative_ge"]


def test_pack_none_means_default_pack():
    f = standard_form()
    assert score_form(f).to_dict() == score_form(f, default_pack()).to_dict()


@pytest.mark.parametrize(
    ("budget", "rate", "score", "code"),
    [
        (Budget(full_year=150.0, executed=141.3), 0.942, 9.42, None),
        (Budget(full_year=100.0, executed=100.0), 1.0, 10.0, None),
        (Budget(full_year=100.0, executed=0.0), 0.0, 0.0, "low_rate"),
        (Budget(full_year=100.0, executed=89.0), 0.89, 8.9, "low_rate"),
        (Budget(full_year=100.0, executed=120.0), 1.2, 10.0, "over_budget"),
        (Budget(full_year=100.0, executed=-5.0), 0.0, 0.0, "negative_executed"),
        (Budget(full_year=None, executed=50.0), None, None, "budget_missing"),
        (Budget(full_year=0.0, executed=50.0), None, None, "budget_zero"),
        (Budget(full_year=-3.0, executed=50.0), None, None, "budget_zero"),
        (Budget(full_year=100.0, executed=None), None, None, "executed_missing"),
        (Budget(full_year=100.0, executed=50.0, weight=20.0), 0.5, 10.0, "low_rate"),  # regional weight 20
    ],
)
def test_budget_execution(budget, rate, score, code):
    s = score_form(form(ind("≥1", "1"), budget=budget))
    assert s.budget.execution_rate == (pytest.approx(rate) if rate is not None else None)
    assert s.budget.score == (pytest.approx(score) if score is not None else None)
    assert s.budget.problem_code == code
    assert s.budget.weight == (budget.weight or 10.0)
    if score is None:  # never divided by a made-up budget: no score, total still computed, incomplete
        assert s.budget.problem and not s.complete and s.total == pytest.approx(10.0)
    else:
        assert s.complete and s.total == pytest.approx(score + 10.0)


def test_budget_explain_and_over_budget_note():
    s = score_form(form(ind("≥1", "1"), budget=Budget(full_year=150.0, executed=141.3)))
    assert s.budget.explain == "执行率94.2%（全年执行数141.3万元 ÷ 全年预算数150万元），得9.42分"
    over = score_form(form(ind("≥1", "1"), budget=Budget(full_year=100.0, executed=120.0))).budget
    assert "按100%计分" in over.explain and over.score == 10.0


@pytest.mark.parametrize(
    ("shown", "expected"),
    [("94.2%", 0.942), (94.2, 0.942), (0.942, 0.942), ("0.942", 0.942), ("94.2", 0.942), ("１００％", 1.0),
     (1.05, 1.05), ("105%", 1.05), (None, None), ("—", None), ("", None)],
)
def test_self_rate_parsed_to_fraction(shown, expected):
    assert parse_rate(shown) == (pytest.approx(expected) if expected is not None else None)
    s = score_form(form(ind("≥1", "1"), budget=Budget(full_year=100.0, executed=90.0, rate=shown, score=9.0)))
    assert s.budget.self_rate == (pytest.approx(expected) if expected is not None else None)
    assert s.budget.self_score == 9.0


def test_total_has_no_intermediate_rounding():
    # three proportional scores of 10 × 2/3 each: rounded separately 6.67 × 3 = 20.01; exactly 20.
    rows = [ind("≥3", "2", name=f"指标{i}") for i in range(3)]
    s = score_form(form(*rows, budget=Budget(full_year=100.0, executed=100.0)))
    assert [half_up(i.score) for i in s.indicators] == [6.67, 6.67, 6.67]
    assert s.total == pytest.approx(30.0) and s.total_rounded == 30.0


def test_incomplete_when_an_indicator_cannot_be_scored():
    s = score_form(form(ind("≥95%", "96%"), ind("≥95%", "较上年有所提高")))
    assert not s.complete
    assert s.indicators[1].score is None and s.indicators[1].problem_code == "actual_text"
    assert s.total == pytest.approx(20.0)  # budget 10 + 10 + 0 for the unscored row


# --- grades -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "grade"),
    [(100, "优"), (90, "优"), (89.995, "优"), (89.994, "良"), (89.99, "良"), (80, "良"), (79.995, "良"),
     (79.99, "中"), (60, "中"), (59.99, "差"), (0, "差")],
)
def test_grade_on_rounded_total(total, grade):
    pack = default_pack()
    assert grade_of(half_up(total, pack.decimals), pack) == grade


def test_grade_of_none():
    assert grade_of(None, default_pack()) is None


def test_grade_band_variants(tmp_path):
    exclusive = pack_from(tmp_path, "[grades]\nlower_inclusive = false\n")
    assert [grade_of(x, exclusive) for x in (90.01, 90.0, 80.0, 60.0, 59.0)] == ["优", "良", "中", "差", "差"]
    other = pack_from(tmp_path, '[grades]\nbands = [["优", 80], ["良", 70], ["中", 60], ["差", 0]]\n', "b.toml")
    assert [grade_of(x, other) for x in (80, 79.99, 70, 60, 59.99)] == ["优", "良", "良", "中", "差"]


def test_form_total_exactly_on_grade_boundaries():
    # budget 10 + one indicator of weight 90 scored proportionally: total = 10 + 90 × A / 100
    for actual, total, grade in [("88.89", 90.001, "优"), ("77.77", 79.993, "中"), ("77.775", 79.9975, "良")]:
        s = score_form(form(ind("≥100", actual, 90)))
        assert s.total == pytest.approx(total) and s.grade == grade


# --- weights ------------------------------------------------------------------------------------------


def _no_satisfaction_rows():
    return [
        ind("≥3", "3", 30, name="数量"),
        ind("≥95%", "95%", 20, level2="质量指标", name="质量"),
        ind("达成预期", "达成年度指标", 30, level1="效益指标", level2="社会效益指标", name="效益", self_score=30),
    ]


REDISTRIBUTE = "[weights.missing_satisfaction]\nredistribute = true\n"


def test_missing_satisfaction_scored_against_printed_weights():
    """docs/dev/domain.md §3.1 ✔: no scale-up — a score never exceeds its printed 分值 (S210/S211 flag the weight design)."""
    s = score_form(form(*_no_satisfaction_rows()))
    assert [i.effective_weight for i in s.indicators] == [30, 20, 30]
    assert all(i.score <= i.weight for i in s.indicators)
    assert s.total == pytest.approx(90.0) and s.grade == "优" and s.weights_note is None


def test_missing_satisfaction_proportional_redistribution_option(tmp_path):
    s = score_form(form(*_no_satisfaction_rows()), pack_from(tmp_path, REDISTRIBUTE))
    assert [i.effective_weight for i in s.indicators] == pytest.approx([33.75, 22.5, 33.75])
    assert s.level1_totals == pytest.approx({"产出指标": 56.25, "效益指标": 33.75})
    assert s.total == pytest.approx(100.0) and s.grade == "优"
    assert "满意度" in s.weights_note and "1.125" in s.weights_note and "redistribute = true" in s.weights_note
    # the qualitative self-score is on the form's scale (30 of 30) and scaled with the weight
    assert s.indicators[2].self_in_band and s.indicators[2].score == pytest.approx(33.75)


def test_missing_satisfaction_fixed_redistribution(tmp_path):
    pack = pack_from(tmp_path, REDISTRIBUTE + 'mode = "fixed"\n')
    s = score_form(form(*_no_satisfaction_rows()), pack)
    assert [i.effective_weight for i in s.indicators] == pytest.approx([36.0, 24.0, 30.0])
    assert s.level1_totals == pytest.approx({"产出指标": 60.0, "效益指标": 30.0})
    assert "产出指标60分" in s.weights_note


def test_fixed_redistribution_falls_back_when_levels_do_not_match(tmp_path):
    pack = pack_from(tmp_path, REDISTRIBUTE + 'mode = "fixed"\n')
    rows = [ind("≥3", "3", 80, name="只有产出")]
    s = score_form(form(*rows), pack)
    assert s.indicators[0].effective_weight == pytest.approx(90.0)
    assert "改按比例分配" in s.weights_note


@pytest.mark.parametrize("weights", [[30, 30, 30], [30, 20, 20], [30, 20, 30]])  # sums 90, 70, 80
def test_weights_used_as_given(weights):
    rows = [ind("≥3", "3", w, name=f"指标{i}") for i, w in enumerate(weights)]
    s = score_form(form(*rows))
    assert [i.effective_weight for i in s.indicators] == weights and s.weights_note is None


def test_redistribution_uses_the_forms_own_budget_weight(tmp_path):
    rows = [ind("≥3", "3", 35), ind("≥3", "3", 35, level1="效益指标")]  # 100 − 20 − 10 = 70
    s = score_form(form(*rows, budget=Budget(full_year=1.0, executed=1.0, weight=20.0)), pack_from(tmp_path, REDISTRIBUTE))
    assert [i.effective_weight for i in s.indicators] == pytest.approx([40.0, 40.0])
    assert s.total == pytest.approx(100.0)


def test_not_applicable_rescales_the_total_not_the_rows():
    """docs/dev/domain.md §3.8: each row within its printed 分值; total × 100 ÷ (100 − dropped)."""
    rows = [
        ind("≥3", "3", 20, name="a"),
        ind("—", "—", 20, name="不适用"),
        ind("≥3", "2", 10, name="b"),
        ind("达成预期", "达成", 30, level1="效益指标", self_score=30),
        ind("≥90%", "95%", 10, level1="满意度指标"),
    ]
    s = score_form(form(*rows))
    na = s.indicators[1]
    assert na.method == "not_applicable" and not na.applicable and na.score is None and na.effective_weight == 0
    assert [i.effective_weight for i in s.indicators] == [20, 0.0, 10, 30, 10]
    assert all(i.score is None or i.score <= i.weight for i in s.indicators)
    raw = 10 + 20 + 10 * 2 / 3 + 30 + 10
    assert s.total == pytest.approx(raw * 100 / 80)
    assert s.complete and "× 100 ÷ （100 − 20）" in s.weights_note


def test_whole_level1_not_applicable_rescales_the_total():
    rows = [
        ind("≥3", "3", 50, name="产出"),
        ind("达成预期", "达成", 30, level1="效益指标", self_score=30),
        ind("≥90%", "/", 10, level1="满意度指标"),
    ]
    s = score_form(form(*rows))
    assert [i.effective_weight for i in s.indicators] == [50, 30, 0.0]
    assert s.total == pytest.approx(100.0)
    assert "1项指标不适用（分值10分）" in s.weights_note


def test_not_applicable_without_rescaling(tmp_path):
    pack = pack_from(tmp_path, "[scoring]\nrescale_not_applicable = false\n")
    s = score_form(form(ind("≥3", "3", 20), ind("不适用", "", 20)), pack)
    assert [i.effective_weight for i in s.indicators] == [20.0, 0.0]
    assert s.total == pytest.approx(30.0) and "总分不折算" in s.weights_note


def test_missing_weight_is_unscored_and_incomplete():
    s = score_form(form(ind("≥3", "3", None), ind("≥3", "3", 10)))
    first = s.indicators[0]
    assert first.score is None and first.method == "unscored" and first.problem_code == "weight_missing"
    assert not s.complete and s.total == pytest.approx(20.0)


# --- kinds --------------------------------------------------------------------------------------------


def test_dept_selfeval_scored_against_adjusted_target():
    rows = [ind("≥100", "90", 40, adjusted="≥90"), ind("≥100", "90", 50)]
    s = score_form(form(*rows, kind=FormKind.DEPT_SELFEVAL, budget=Budget(full_year=1.0, executed=1.0, weight=10)))
    assert s.indicators[0].score == pytest.approx(40.0) and s.indicators[1].score == pytest.approx(45.0)
    assert s.total == pytest.approx(95.0) and s.grade == "优"


@pytest.mark.parametrize("kind", [FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL])
def test_goal_forms_are_not_scored(kind):
    s = score_form(form(ind("≥3", None, 20), kind=kind, budget=Budget(full_year=100.0)))
    assert s.total is None and s.grade is None and s.budget.score is None
    assert [i.method for i in s.indicators] == ["not_scored_goal"]
    d = s.to_dict()
    assert d["total"] is None and d["indicators"][0]["score"] is None


def test_monitoring_progress_and_lights():
    rows = [
        ind("≥100", None, 20, unit="所", progress="50", name="按进度"),  # (50/100)/0.5 = 1.0 green
        ind("≥100", None, 20, progress="25", name="滞后"),  # 0.5 red
        ind("≥100", None, 20, progress="35", name="偏慢"),  # 0.7 yellow
        ind("≥100", None, 20, progress="70", name="超前"),  # 1.4 blue
        ind("≤30天", None, 10, progress="20天", name="逆向"),
        ind("达成预期", None, 10, progress="部分完成", name="定性"),
        ind("0.9‰", None, 10, progress="0.2‰", name="森林火灾受害率"),  # no operator: ≤ from the name
    ]
    budget = Budget(full_year=200.0, executed_to_date=90.0, as_of="2024-06-30")
    s = score_form(form(*rows, kind=FormKind.PROJECT_MONITOR, budget=budget))
    p = s.progress
    assert p.elapsed == pytest.approx(0.5)
    assert p.budget_rate == pytest.approx(0.45) and p.budget_ratio == pytest.approx(0.9) and p.budget_light == "green"
    assert [i.light for i in p.indicators] == ["green", "red", "yellow", "blue", None, None, None]
    assert "按指标名称中的“受害率”视为越低越好" in p.indicators[-1].explain
    assert p.indicators[0].ratio == pytest.approx(1.0)
    assert s.total is None and {i.method for i in s.indicators} == {"not_scored_monitor"}
    assert "绿灯" in s.indicators[0].explain
    d = s.to_dict()
    assert d["progress"]["budget"]["light"] == "green" and d["progress"]["elapsed"] == 0.5


@pytest.mark.parametrize(("as_of", "share"), [("2024-06-30", 0.5), ("2024-08-31", 8 / 12), ("2024-07-15", (6 + 15 / 31) / 12),
                                               (None, None), ("不是日期", None)])
def test_monitoring_elapsed_share(as_of, share):
    s = score_form(form(kind=FormKind.PROJECT_MONITOR, budget=Budget(full_year=100.0, executed_to_date=10.0,
                                                                      as_of=as_of)))
    assert s.progress.elapsed == (pytest.approx(share) if share is not None else None)
    if share is None:
        assert s.progress.budget_light is None and "监控日期" in s.progress.budget_explain


def test_monitoring_budget_falls_back_to_initial():
    budget = Budget(initial=100.0, executed_to_date=30.0, as_of="2024-06-30")
    p = score_form(form(kind=FormKind.PROJECT_MONITOR, budget=budget)).progress
    assert p.budget_ratio == pytest.approx(0.6) and p.budget_light == "yellow"


# --- output shape -------------------------------------------------------------------------------------

DOC_TOP = ["file", "kind", "unit", "project", "budget", "indicators", "total", "self_total", "grade", "findings"]
DOC_BUDGET = ["execution_rate", "weight", "score"]
DOC_INDICATOR = ["name", "weight", "score", "self_score", "method", "explain"]


def test_to_dict_has_the_documented_shape():
    f = standard_form(total=99.42)
    f = Form(**{**{k: getattr(f, k) for k in ("kind", "year", "unit", "project", "budget", "indicators", "total")},
                "source": "某县/教育局.json"})
    d = score_form(f).to_dict()
    assert list(d)[: len(DOC_TOP)] == DOC_TOP
    assert list(d["budget"])[:3] == DOC_BUDGET
    assert all(list(i)[:6] == DOC_INDICATOR for i in d["indicators"])
    assert d["file"] == "某县/教育局.json" and d["kind"] == "project_selfeval"
    assert d["budget"]["execution_rate"] == 0.942
    assert d["budget"]["weight"] == 10 and d["budget"]["score"] == 9.42
    first = d["indicators"][0]
    assert first == first | {"name": "维修学校数量", "weight": 20, "score": 20.0, "self_score": None,
                             "method": "quantitative_ge", "explain": "实际3所 ≥ 目标3所，得满分20分"}
    assert d["total"] == 99.42 and d["self_total"] == 99.42 and d["grade"] == "优" and d["findings"] == []
    json.dumps(d, ensure_ascii=False)  # serialisable


def test_to_dict_findings_and_rounding():
    from perfxl.domain import Finding, Severity

    s = score_form(form(ind("≥3", "2", 20.0, name="比例"), total=23.33))
    finding = Finding("S201", Severity.WARNING, "自评得分与规则得分不一致", "自评表!H15")
    d = s.to_dict([finding, {"code": "X", "severity": "info", "message": "m", "location": None}])
    assert d["findings"][0]["code"] == "S201" and d["findings"][0]["location"] == "自评表!H15"
    assert d["findings"][1]["code"] == "X"
    assert d["indicators"][0]["score"] == 13.33 and d["total"] == 23.33
    assert isinstance(s, FormScore)


def test_to_dict_rounds_to_pack_decimals(tmp_path):
    pack = pack_from(tmp_path, "[scoring]\ndecimals = 1\n")
    s = score_form(form(ind("≥3", "2", 20.0)), pack)
    assert s.to_dict()["indicators"][0]["score"] == 13.3 and s.total_rounded == 23.3


@pytest.mark.parametrize(("x", "digits", "expected"), [
    (2.675, 2, 2.68), (13.405, 2, 13.41), (1.005, 2, 1.01), (89.995, 2, 90.0), (89.99499999999999, 2, 90.0),
    (0.1 + 0.2, 2, 0.3), (2.665, 2, 2.67), (2.5, 0, 3.0), (0.125, 2, 0.13), (9.42, 2, 9.42), (None, 2, None),
    (1 / 3, 4, 0.3333), (2 / 3, 2, 0.67), (100.0, 2, 100.0),
])
def test_half_up(x, digits, expected):
    assert half_up(x, digits) == expected


def test_explain_uses_half_up_rounded_score():
    # 10 × 2.675 / 10 = 2.675 → shown as 2.68 (四舍五入), not binary 2.67
    item = score_one("≥10", "2.675")
    assert item.explain.endswith("按比例得2.68分") and half_up(item.score) == 2.68
