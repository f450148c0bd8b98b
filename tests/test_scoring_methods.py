"""Per-indicator scoring methods at and around every boundary (docs/dev/domain.md §3.3–§3.8)."""

import pytest
from test_scoring import form, ind, pack_from, score_one

from perfxl.scoring import score_form

# (target, actual, weight, extra kwargs, method, score, problem_code, over_completed)
QUANTITATIVE = [
    # positive ≥: A ≥ T → w; else w × max(A, 0) / T (10号 附1)
    ("≥90%", "93.5%", 10, {}, "quantitative_ge", 10, None, False),
    ("≥3", "3", 20, {"unit": "所"}, "quantitative_ge", 20, None, False),  # A = T
    ("≥100", "99.99", 10, {}, "quantitative_ge", 9.999, None, False),  # just below
    ("≥8755", "8676", 15, {"unit": "人"}, "quantitative_ge", 15 * 8676 / 8755, None, False),
    ("≥3", "0", 10, {}, "quantitative_ge", 0, None, False),  # A = 0
    ("≥0", "0", 10, {}, "quantitative_ge", 10, None, False),  # T = 0 → full
    ("≥0", "5", 10, {}, "quantitative_ge", 10, None, False),
    ("≥10", "-5", 10, {}, "quantitative_ge", 0, "negative_actual", False),
    (">3", "3", 10, {}, "quantitative_ge", 10, None, False),  # > treated as ≥
    ("95%", "90%", 10, {}, "quantitative_ge", 10 * 90 / 95, None, False),  # no operator → ≥
    ("≥95%", "0.95", 10, {}, "quantitative_ge", 10, None, False),  # fraction vs percent
    ("≥95%", "0.9", 10, {}, "quantitative_ge", 10 * 90 / 95, None, False),
    ("≥95", "95%", 10, {"unit": "%"}, "quantitative_ge", 10, None, False),
    ("≥1.2万元", "12000元", 10, {}, "quantitative_ge", 10, None, False),  # unit conversion
    ("≥1.2万元", "6000元", 10, {}, "quantitative_ge", 5, None, False),
    ("≥95%", "95%以上", 10, {}, "quantitative_ge", 10, None, False),
    # over-completion: A ≥ 1.3 × T flags (偏差原因 mandatory) but does not deduct by default
    ("≥100", "130", 10, {}, "quantitative_ge", 10, None, True),
    ("≥100", "129.9", 10, {}, "quantitative_ge", 10, None, False),
    # reverse ≤: A ≤ T → w; else w × T / A (ratio, default)
    ("≤3天", "2.5天", 5, {}, "quantitative_le", 5, None, False),
    ("≤3天", "3天", 5, {}, "quantitative_le", 5, None, False),
    ("≤3天", "4.5天", 10, {}, "quantitative_le", 10 * 3 / 4.5, None, False),
    ("≤3天", "6天", 10, {}, "quantitative_le", 5, None, False),  # A = 2T
    ("≤3天", "72小时", 10, {}, "quantitative_le", 10, None, False),  # 小时 → 天
    ("≤0", "0", 10, {}, "quantitative_le", 10, None, False),
    ("≤0", "1", 10, {}, "quantitative_le", 0, None, False),  # T = 0, A > 0 → 0 (no division)
    ("<5", "5", 10, {}, "quantitative_le", 10, None, False),  # < treated as ≤
    ("≤10", "7.5", 10, {}, "quantitative_le", 10, None, True),  # T / A = 1.33 ≥ 1.3
    ("≤10", "8", 10, {}, "quantitative_le", 10, None, False),  # 1.25
    ("≤10", "0", 10, {}, "quantitative_le", 10, None, False),  # zero is the ideal, not flagged
    # equality =: T > 0 scored as positive; T = 0 → (A ≤ 0 ? w : 0)
    ("=100%", "100%", 10, {}, "equality", 10, None, False),
    ("=100%", "90%", 10, {}, "equality", 9, None, False),
    ("=100%", "110%", 10, {}, "equality", 10, None, False),
    ("=0", "0", 10, {}, "equality", 10, None, False),
    ("=0", "1", 10, {}, "equality", 0, None, False),
    # ranges: A ≥ low → w, else proportional to low; explicit ≤ uses the high end
    ("90%-95%", "92%", 10, {}, "quantitative_ge", 10, None, False),
    ("90%-95%", "45%", 10, {}, "quantitative_ge", 5, None, False),
    ("3至5天", "6天", 10, {"direction": "≤"}, "quantitative_le", 10 * 5 / 6, None, False),
    # explicit direction wins over the target's operator
    ("30", "40", 10, {"direction": "≤"}, "quantitative_le", 7.5, None, False),
    ("≤30", "35", 10, {"direction": "≥"}, "quantitative_ge", 10, None, False),
    ("≥30", "40", 10, {"direction": "反向"}, "quantitative_le", 7.5, None, False),
    # "2024.5" is a year-month to the parser, a number next to a numeric target
    ("≥2000", "2024.5", 10, {"unit": "万元"}, "quantitative_ge", 10, None, False),
    ("≥4000", "2000.5", 10, {}, "quantitative_ge", 10 * 2000.5 / 4000, None, False),
]


@pytest.mark.parametrize(("target", "actual", "weight", "kw", "method", "score", "code", "over"), QUANTITATIVE)
def test_quantitative(target, actual, weight, kw, method, score, code, over):
    item = score_one(target, actual, weight, **kw)
    assert item.method == method, item.explain
    assert item.score == pytest.approx(score), item.explain
    assert item.problem_code == code
    assert item.over_completed is over
    assert item.applicable and item.effective_weight == weight


@pytest.mark.parametrize(
    ("target", "actual", "weight", "kw", "explain"),
    [
        ("≥90%", "93.5%", 10, {}, "实际93.5% ≥ 目标90%，得满分10分"),
        ("≥8755", "8676", 15, {"unit": "人"}, "实际8676人 < 目标8755人，按比例得14.86分"),
        ("≤3天", "2.5天", 5, {}, "实际2.5天 ≤ 目标3天，得满分5分"),
        ("≤3天", "4.5天", 10, {}, "实际4.5天 > 目标3天，按比例得6.67分"),
        ("95%", "90%", 10, {}, "实际90% < 目标95%，按比例得9.47分（目标未写比较方式，按正向指标（≥）计分）"),
        (">3", "3", 10, {}, "实际3 ≥ 目标3，得满分10分（“>”按“≥”计分）"),
        ("≥95%", "0.95", 10, {}, "实际95% ≥ 目标95%，得满分10分（实际值0.95按小数读作95%）"),
        ("≥100", "130", 10, {}, "实际130 ≥ 目标100，得满分10分（实际达到目标的130%，超额完成，需分析偏差原因）"),
        ("≥95%", None, 10, {}, "未填写实际完成值，按0分计"),
        ("—", "5", 10, {}, "标注“—”，不适用，不计分"),
    ],
)
def test_explain_lines(target, actual, weight, kw, explain):
    assert score_one(target, actual, weight, **kw).explain == explain


def test_negative_actual_flagged_and_explained():
    item = score_one("≥10", "-5")
    assert item.score == 0 and item.problem_code == "negative_actual" and "负" in item.explain


def test_ratio_is_actual_over_target():
    assert score_one("≥8755", "8676").ratio == pytest.approx(8676 / 8755)
    assert score_one("≥0", "3").ratio is None
    assert score_one("达成预期", "达成").ratio is None


# --- reverse, equality, over-completion variants of the rule pack ------------------------------------

@pytest.mark.parametrize(("actual", "ratio_score", "linear_score"), [
    ("3天", 10, 10), ("3.3天", 10 * 3 / 3.3, 9), ("4.5天", 10 * 3 / 4.5, 5), ("6天", 5, 0), ("9天", 10 / 3, 0),
])
def test_reverse_variants(tmp_path, actual, ratio_score, linear_score):
    linear = pack_from(tmp_path, '[scoring]\nreverse_variant = "linear"\n')
    assert score_one("≤3天", actual).score == pytest.approx(ratio_score)
    item = score_one("≤3天", actual, pack=linear)
    assert item.score == pytest.approx(linear_score)
    if actual not in ("3天",):
        assert "扣减" in item.explain


@pytest.mark.parametrize(("target", "actual", "score"), [
    ("=10", "10", 10), ("=10", "5", 5), ("=10", "15", 5), ("=10", "20", 0), ("=10", "25", 0), ("=10", "13", 7),
    ("=0", "0", 10), ("=0", "0.1", 0),
])
def test_equality_with_overshoot(tmp_path, target, actual, score):
    pack = pack_from(tmp_path, "[scoring]\nequality_overshoot = true\n")
    item = score_one(target, actual, pack=pack)
    assert item.method == "equality" and item.score == pytest.approx(score)


def test_equality_overshoot_flags_over_completion(tmp_path):
    pack = pack_from(tmp_path, "[scoring]\nequality_overshoot = true\n")
    assert score_one("=10", "13", pack=pack).over_completed
    assert not score_one("=10", "12.9", pack=pack).over_completed


@pytest.mark.parametrize(("target", "actual", "score"), [
    ("≥100", "129", 10),  # below the threshold: no deduction
    ("≥100", "130", 10),  # at the threshold: 1 − 0.5 × 0
    ("≥100", "150", 9),  # 1 − 0.5 × (1.5 − 1.3)
    ("≥100", "400", 0),  # floored at 0
    ("≤10", "5", 6.5),  # reverse: T / A = 2 → 1 − 0.5 × (2 − 1.3)
])
def test_over_completion_deduction(tmp_path, target, actual, score):
    pack = pack_from(tmp_path, "[scoring]\nover_completion_deduction = 0.5\n")
    item = score_one(target, actual, pack=pack)
    assert item.score == pytest.approx(score)


def test_over_completion_threshold_setting(tmp_path):
    pack = pack_from(tmp_path, "[scoring]\nover_completion_threshold = 1.1\n")
    assert score_one("≥100", "110", pack=pack).over_completed
    assert not score_one("≥100", "110").over_completed


# --- qualitative ---------------------------------------------------------------------------------------

PARTIAL = "部分达成年度指标并具有一定效果"

QUALITATIVE = [
    # (actual, self-score, score, self_in_band, problem_code) with w = 10; bands full [8,10], partial [5,8], fail [0,5]
    ("达成年度指标", 10, 10, True, None),
    ("达成年度指标", 8, 8, True, None),  # closed lower edge 0.8w
    ("达成年度指标", 7.99, 8, False, "self_out_of_band"),
    ("达成年度指标", None, 10, None, None),  # no self-score → upper edge
    (PARTIAL, 8, 8, True, None),  # closed upper edge
    (PARTIAL, 8.01, 8, False, "self_out_of_band"),
    (PARTIAL, 5, 5, True, None),  # closed lower edge 0.5w
    (PARTIAL, 4.99, 5, False, "self_out_of_band"),
    (PARTIAL, 6.5, 6.5, True, None),
    (PARTIAL, None, 8, None, None),
    ("未达成年度指标且效果较差", 5, 5, True, None),
    ("未达成年度指标且效果较差", 5.01, 5, False, "self_out_of_band"),
    ("未达成年度指标且效果较差", 0, 0, True, None),
    ("未达成年度指标且效果较差", None, 5, None, None),
    ("已完成", None, 10, None, None),  # free text mapped to the top band
    ("基本完成", 7, 7, True, None),
]


@pytest.mark.parametrize(("actual", "self_score", "score", "in_band", "code"), QUALITATIVE)
def test_qualitative_bands(actual, self_score, score, in_band, code):
    item = score_one("达成预期", actual, 10, self_score=self_score)
    assert item.method == "qualitative"
    assert item.score == pytest.approx(score)
    assert item.self_in_band is in_band
    assert item.problem_code == code


def test_qualitative_explain():
    item = score_one("达成预期", PARTIAL, 10, self_score=8)
    assert item.explain == f"定性指标“{PARTIAL}”，自评8分在区间[5, 8]内" and item.band == "partial"
    default = score_one("达成预期", "已完成", 10)
    assert default.explain == "定性指标“已完成”（达成年度指标），未填自评得分，按区间[8, 10]上限计10分"
    out = score_one("达成预期", PARTIAL, 10, self_score=9)
    assert "不在区间[5, 8]内，按上限8分计" in out.explain and "对应区间[5, 8]" in out.problem


@pytest.mark.parametrize(("point", "score"), [("upper", 8), ("lower", 5), ("middle", 6.5)])
def test_qualitative_default_point(tmp_path, point, score):
    pack = pack_from(tmp_path, f'[scoring.qualitative]\ndefault_point = "{point}"\n')
    assert score_one("达成预期", PARTIAL, pack=pack).score == pytest.approx(score)


@pytest.mark.parametrize(("self_score", "score", "in_band"), [(6, 6, True), (5.5, 6, False), (8, 8, True), (5, 6, False)])
def test_qualitative_edges_80_60(tmp_path, self_score, score, in_band):
    pack = pack_from(tmp_path, "[scoring.qualitative]\npartial = [0.6, 0.8]\nfail = [0.0, 0.6]\n")
    item = score_one("达成预期", PARTIAL, self_score=self_score, pack=pack)
    assert item.score == pytest.approx(score) and item.self_in_band is in_band


def test_qualitative_routes():
    # target free text + qualitative actual → qualitative
    assert score_one("较上年提高", "已完成").method == "qualitative"
    # explicit 定性 wins over a numeric-looking target
    assert score_one("≥95%", "达成", direction="定性").method == "qualitative"
    # numeric target, qualitative actual → scored as qualitative with a note
    item = score_one("≥95%", "已完成")
    assert item.method == "qualitative" and item.score == 10 and item.problem_code == "actual_qualitative"
    assert "按定性档次计分" in item.explain
    # missing target, qualitative actual → qualitative
    assert score_one(None, "已完成").score == 10


def test_qualitative_extra_phrases_from_pack(tmp_path):
    pack = pack_from(tmp_path, '[values]\nqualitative = { "圆满收官" = "full", "稍有欠缺" = "partial" }\n')
    assert score_one("达成预期", "圆满收官", pack=pack).score == 10
    assert score_one("达成预期", "稍有欠缺", pack=pack).score == 8
    assert score_one("达成预期", "圆满收官").problem_code == "qualitative_unjudged"  # unknown to the default pack


def test_not_applicable_markers_from_pack(tmp_path):
    pack = pack_from(tmp_path, '[values]\nnot_applicable = ["免评"]\n')
    assert score_one("≥3", "免评", pack=pack).method == "not_applicable"
    assert score_one("≥3", "免评").method != "not_applicable"


# --- deadlines -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "actual", "score", "fragment"), [
    ("2024年12月31日前", "2024-12-31", 10, "得满分"),
    ("2024年12月31日前", "2024年11月30日", 10, "得满分"),
    ("2024年12月31日前", "2025-01-05", 0, "逾期5天"),
    ("2024年12月31日前", "按时完成", 10, "按期完成"),
    ("2024年12月31日前", "已完成", 10, "按期完成"),
    ("2024年12月31日前", "未完成", 0, "未按期完成"),
    ("12月底前", "2024-12-20", 10, "得满分"),  # year-less deadline resolved in the form's year
    ("12月底前", "2025-01-01", 0, "逾期1天"),
])
def test_deadline(target, actual, score, fragment):
    item = score_one(target, actual)
    assert item.method == "deadline" and item.score == pytest.approx(score) and fragment in item.explain


def test_yearless_deadline_without_form_year():
    f = form(ind("12月底前", "2024-12-20"), year=None)
    item = score_form(f).indicators[0]
    assert item.score is None and item.problem_code == "target_text"
    assert score_form(form(ind("12月底前", "按时完成"), year=None)).indicators[0].score == 10


# --- problems ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("target", "actual", "weight", "score", "code", "method"), [
    ("≥95%", None, 10, 0, "actual_missing", "quantitative_ge"),
    ("≤5天", "", 10, 0, "actual_missing", "quantitative_le"),
    ("=5", "", 10, 0, "actual_missing", "equality"),
    ("≥95%", "abc%%", 10, 0, "actual_invalid", "quantitative_ge"),
    ("2024年12月31日前", None, 10, 0, "actual_missing", "deadline"),
    (None, "95%", 10, 0, "target_missing", "unscored"),
    ("abc%%", "95%", 10, 0, "target_invalid", "unscored"),
    ("较上年提高", "95%", 10, None, "qualitative_unjudged", "qualitative"),
    ("≥95%", "较上年有所提高", 10, None, "actual_text", "unscored"),
    ("达成预期", "情况待观察", 10, None, "qualitative_unjudged", "qualitative"),
    ("达成预期", None, 10, 0, "actual_missing", "qualitative"),
    ("≥95%", "30天", 10, None, "unit_mismatch", "unscored"),
    ("≥95%", "2024-12-01", 10, None, "actual_mismatch", "unscored"),
    ("≥95%", "96%", None, None, "weight_missing", "unscored"),
])
def test_problems(target, actual, weight, score, code, method):
    item = score_one(target, actual, weight)
    assert item.problem_code == code and item.method == method
    assert item.score == (pytest.approx(score) if score is not None else None)
    assert item.problem and item.explain


@pytest.mark.parametrize(("target", "actual"), [("—", "5"), ("≥5", "/"), ("≥5", "不适用"), ("*", "*"), ("不适用", None)])
def test_not_applicable(target, actual):
    item = score_one(target, actual)
    assert item.method == "not_applicable" and not item.applicable and item.score is None
