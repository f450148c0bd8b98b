"""parse_value / align on spellings seen in published tables (docs/dev/domain.md §3.10, issue 8 item 4): look-alike
operators, operator words in any position, qualifiers in brackets, compound units and 每, proportions,
ranges with the unit on one side."""

import pytest

from perfxl.domain.values import ValueKind, parse_value
from perfxl.scoring.align import align

N, R, X = ValueKind.NUMBER, ValueKind.RANGE, ValueKind.INVALID


def c(text, kind, op=None, number=None, unit=None, *, low=None, high=None, approx=False):
    expected = dict(kind=kind, op=op, number=number, unit=unit, low=low, high=high, approx=approx)
    return pytest.param(text, expected, id=repr(text))


def check(text, expected):
    v = parse_value(text)
    assert v.raw == text
    got = {k: getattr(v, k) for k in expected}
    assert got == expected, v


OPERATORS = [
    # look-alike symbols for ≥ ≤ =
    c("═95%", N, "=", 95, "%"),
    c("＝100%", N, "=", 100, "%"),
    c("⩾95%", N, "≥", 95, "%"),
    c("⩽5%", N, "≤", 5, "%"),
    c("≧95%", N, "≥", 95, "%"),
    c("≦5%", N, "≤", 5, "%"),
    c("＞＝90%", N, "≥", 90, "%"),
    c("＜＝5%", N, "≤", 5, "%"),
    c("≥=95%", N, "≥", 95, "%"),
    c("=≥95%", N, "≥", 95, "%"),
    c("≥＝95％", N, "≥", 95, "%"),
    c("≤=30天", N, "≤", 30, "天"),
    c("=≤30天", N, "≤", 30, "天"),
    c("〉=95%", N, "≥", 95, "%"),
    c("〈=5%", N, "≤", 5, "%"),
    c("〉90%", N, ">", 90, "%"),
    c("≧＝95%", N, "≥", 95, "%"),
    c("﹦72890", N, "=", 72890),  # small form variant (a published Yunnan table)
    c("═100", N, "=", 100),
    c("﹥90%", N, ">", 90, "%"),
    c("﹤5%", N, "<", 5, "%"),
    # operator words before and after the value
    *(c(f"{w}95%", N, op, 95, "%") for w, op in (
        ("不小于", "≥"), ("不大于", "≤"), ("不低于", "≥"), ("大于等于", "≥"), ("小于等于", "≤"), ("不超过", "≤"))),
    *(c(f"95%{w}", N, op, 95, "%") for w, op in (
        ("不小于", "≥"), ("不大于", "≤"), ("不低于", "≥"), ("大于等于", "≥"), ("小于等于", "≤"), ("以上", "≥"),
        ("以内", "≤"), ("以下", "≤"), ("及以上", "≥"), ("（含）以上", "≥"), ("以上（含）", "≥"))),
    c("3个不少于", N, "≥", 3, "个"),
    c("30天以内", N, "≤", 30, "天"),
    c("≥ 95 % 以上", N, "≥", 95, "%"),
    c("不低于 95%", N, "≥", 95, "%"),
    c("≥95%以下", X),  # contradicts itself
]

QUALIFIERS = [
    c("≤10%（含）", N, "≤", 10, "%"),
    c("≥95%（百分比）", N, "≥", 95, "%"),
    c("95（%）", N, None, 95, "%"),
    c("100%(含)", N, None, 100, "%"),
    c("≥90%以上", N, "≥", 90, "%"),
    c("不低于95%（含95%）", N, "≥", 95, "%"),
    c("≥3个（含3个）", N, "≥", 3, "个"),
    c("≥95％（含本数）", N, "≥", 95, "%"),
    c(">90%（含）", N, "≥", 90, "%"),
    c("<5%（含）", N, "≤", 5, "%"),
    c("≥90%（不含）", N, ">", 90, "%"),
    c("≤5天（不含本数）", N, "<", 5, "天"),
]


@pytest.mark.parametrize(("text", "expected"), OPERATORS)
def test_operators(text, expected):
    check(text, expected)


@pytest.mark.parametrize(("text", "expected"), QUALIFIERS)
def test_qualifiers(text, expected):
    check(text, expected)


def test_qualifier_that_disagrees_stays_a_note():
    v = parse_value("不低于95%（含90%）")
    assert (v.op, v.number, v.unit) == ("≥", 95.0, "%")
    assert v.reason == "附注“含90%”未参与计算"
    assert parse_value("≥95%（含95%）").reason is None
    days = parse_value("≥3天（百分比）")  # the bracket cannot name the unit here: kept as a note
    assert (days.number, days.unit, days.reason) == (3.0, "天", "附注“百分比”未参与计算")


def test_look_alikes_align_with_plain_spelling():
    assert align(parse_value("≧＝95%"), parse_value("96%")) == align(parse_value("≥95%"), parse_value("96%"))


COMPOUND_UNITS = [
    c("≥530元/人*月", N, "≥", 530, "元/人·月"),
    c("530元/人×月", N, None, 530, "元/人·月"),
    c("530元/人·月", N, None, 530, "元/人·月"),
    c("530元/人.月", N, None, 530, "元/人·月"),
    c("530元/人．月", N, None, 530, "元/人·月"),
    c("530元/人・月", N, None, 530, "元/人·月"),
    c("530元/(人·月)", N, None, 530, "元/人·月"),
    c("530元/（人*月）", N, None, 530, "元/人·月"),
    c("530元/人/月", N, None, 530, "元/人·月"),
    c("≥1200元/人·年", N, "≥", 1200, "元/人·年"),
    c("1万元/公里", N, None, 1, "万元/公里"),
    c("≤1.5万元/公里", N, "≤", 1.5, "万元/公里"),
    c("3.5万元/平方公里", N, None, 3.5, "万元/平方公里"),
    c("≥1次/年", N, "≥", 1, "次/年"),
    c("2次/季度", N, None, 2, "次/季度"),
    c("60km/h", N, None, 60, "公里/小时"),
    c("300元/人·月以上", N, "≥", 300, "元/人·月"),
    # rates written with 每, before or after the amount
    c("每亩300元", N, None, 300, "元/亩"),
    c("每人每月300元", N, None, 300, "元/人·月"),
    c("每公里不超过1万元", N, "≤", 1, "万元/公里"),
    c("每生每年1000元", N, None, 1000, "元/生·年"),
    c("每人每月不低于300元", N, "≥", 300, "元/人·月"),
    c("每年1次", N, None, 1, "次/年"),
    c("每天3次以上", N, "≥", 3, "次/天"),
    c("每人每月三百元", N, None, 300, "元/人·月"),
    c("每亩300-500元", R, None, 300, "元/亩", low=300, high=500),
    c("300元每亩", N, None, 300, "元/亩"),
    c("300元/每人每月", N, None, 300, "元/人·月"),
]


@pytest.mark.parametrize(("text", "expected"), COMPOUND_UNITS)
def test_compound_units(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["每亩补贴300元", "每人300", "每年", "每人每月3%", "300元/上月"])
def test_per_needs_a_unit_and_a_known_denominator(text):
    assert parse_value(text).kind is not N


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("≥530元/人*月", "530元/人·月", (530.0, 530.0, "元/人·月", None)),
        ("每生每年1000元", "1000元/生·年", (1000.0, 1000.0, "元/生·年", None)),
        ("每公里不超过1万元", "8000元/公里", (1.0, 0.8, "万元/公里", "实际值由“元/公里”换算为“万元/公里”")),
        ("≥3600元/人·年", "300元/人·月", (3600.0, 3600.0, "元/人·年", "实际值由“元/人·月”换算为“元/人·年”")),
        ("≥1次/年", "1次/季度", (1.0, 4.0, "次/年", "实际值由“次/季度”换算为“次/年”")),
    ],
)
def test_compound_units_align(target, actual, expected):
    got = align(parse_value(target), parse_value(actual))
    assert (got.target, got.actual, got.unit, got.note) == pytest.approx(expected)
    assert got.problem is None


def test_compound_units_that_differ_do_not_compare():
    got = align(parse_value("5元/人"), parse_value("5元/人·月"))
    assert got.problem == "目标单位“元/人”与实际单位“元/人·月”不一致，无法比较"


PROPORTIONS = [
    c("九成", N, None, 90, "%"),
    c("9成", N, None, 90, "%"),
    c("两成", N, None, 20, "%"),
    c("十成", N, None, 100, "%"),
    c("九成五", N, None, 95, "%"),
    c("八成以上", N, "≥", 80, "%"),
    c("≥8成", N, "≥", 80, "%"),
    c("不低于九成", N, "≥", 90, "%"),
    c("约九成", N, None, 90, "%", approx=True),
    c("三分之二", N, None, 66.6666666667, "%"),
    c("四分之三", N, None, 75, "%"),
    c("2分之1", N, None, 50, "%"),
    c("不少于三分之二", N, "≥", 66.6666666667, "%"),
    c("百分之百", N, None, 100, "%"),
    c("百分之九十五", N, None, 95, "%"),
    c("千分之五", N, None, 5, "‰"),
    c("过半", N, ">", 50, "%"),
    c("超过半数", N, ">", 50, "%"),
    c("半数以上", N, "≥", 50, "%"),
    c("一半", N, None, 50, "%"),
    c("满意度九成以上", N, "≥", 90, "%"),
]


@pytest.mark.parametrize(("text", "expected"), PROPORTIONS)
def test_proportions(text, expected):
    check(text, expected)


@pytest.mark.parametrize("text", ["完成", "已完成", "一成不变的做法", "零分之一"])
def test_words_with_cheng_are_not_proportions(text):
    assert parse_value(text).kind is not N


def test_proportion_aligns_with_percent():
    got = align(parse_value("≥三分之二"), parse_value("70%"))
    assert (got.target, got.actual, got.unit) == (66.6666666667, 70.0, "%")


RANGES = [
    c("90-95%", R, None, 90, "%", low=90, high=95),
    c("90%-95", R, None, 90, "%", low=90, high=95),
    c("90％～95％", R, None, 90, "%", low=90, high=95),
    c("90％－95％", R, None, 90, "%", low=90, high=95),
    c("90%——95%", R, None, 90, "%", low=90, high=95),
    c("90%—95%", R, None, 90, "%", low=90, high=95),
    c("90%至95%", R, None, 90, "%", low=90, high=95),
    c("90%～95%之间", R, None, 90, "%", low=90, high=95),
    c("90~95%（含）", R, None, 90, "%", low=90, high=95),
    c("90~95（%）", R, None, 90, "%", low=90, high=95),
    c("3～5个", R, None, 3, "个", low=3, high=5),
    c("3〜5个", R, None, 3, "个", low=3, high=5),
    c("3‒5个", R, None, 3, "个", low=3, high=5),
    c("3 - 5 个", R, None, 3, "个", low=3, high=5),
    c("3个-5个", R, None, 3, "个", low=3, high=5),
    c("3到5天", R, None, 3, "天", low=3, high=5),
    c("三到五天", R, None, 3, "天", low=3, high=5),
    c("3-5个工作日", R, None, 3, "个工作日", low=3, high=5),
    c("1-2个月", R, None, 1, "个月", low=1, high=2),
    c("5-10万元", R, None, 5, "万元", low=5, high=10),
    c("5万-10万元", R, None, 5, "万元", low=5, high=10),
    c("1000-2000元/人", R, None, 1000, "元/人", low=1000, high=2000),
    c("-5~-3%", R, None, -5, "%", low=-5, high=-3),
    c("90-95", R, None, 90, None, low=90, high=95),
    c("3天-5个", X),
]


@pytest.mark.parametrize(("text", "expected"), RANGES)
def test_ranges(text, expected):
    check(text, expected)


def test_range_with_unit_on_one_side_aligns():
    got = align(parse_value("90-95%"), parse_value("93%"))
    assert (got.target, got.actual, got.target_high, got.unit) == (90.0, 93.0, 95.0, "%")
    assert parse_value("——").kind is ValueKind.NOT_APPLICABLE


@pytest.mark.parametrize("text", ["（每人每月<0.95元", "每人每月：0.95元"])
def test_per_rate_behind_a_bracket_or_colon(text):
    v = parse_value(text)
    assert (v.number, v.unit) == (0.95, "元/人·月")


@pytest.mark.parametrize("column, unit", [("%(百分比)", "%"), ("万元（人民币）", "万元"), ("(百分比)", "%")])
def test_unit_column_with_a_gloss_in_brackets(column, unit):
    """成安 2020's 计量单位 column reads “%(百分比)”: the gloss does not make the unit unknown."""
    from perfxl.domain.values import parse_value
    from perfxl.scoring.align import align

    assert align(parse_value(">= 75"), parse_value("100"), column).unit == unit
