"""Property tests for parse_value / align (hypothesis)."""

import math
import re
from decimal import Decimal

from hypothesis import assume, example, given
from hypothesis import strategies as st

from perfxl.domain.values import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    Value,
    ValueKind,
    parse_value,
    parse_value_uncached,
    render,
)
from perfxl.scoring.align import align

# Tokens that drive the parser into its deeper paths (operators, units, dates, numerals, markers).
VALUE_TOKENS = st.sampled_from(
    list("0123456789.,%‰+-~≥≤<>=:/()（）年月日号前底末内以上下之及约左右万元亿个所天人次一二两三十百千零点之分成季度")
    + ["—", "／", "＊", " ", "\u3000", "０", "５", "％", "＞", "＝", "．", "，", "达成", "完成", "未", "部分", "百分之"]
)
ANY_TEXT = st.one_of(st.text(), st.lists(VALUE_TOKENS, max_size=16).map("".join))
ANY_OBJECT = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(), st.decimals(), st.fractions(), st.complex_numbers(),
    st.datetimes(), st.dates(), st.times(), st.binary(), st.lists(st.integers(), max_size=3), ANY_TEXT,
    st.builds(object),
)

OPS = ["≥", "≤", "=", ">", "<", ""]
UNITS = ["", "%", "‰", "天", "个", "所", "人次", "万元", "元", "亿元", "个月", "小时", "公里", "次", "项", "人", "个百分点"]
NUMBERS = st.decimals(min_value=-1_000_000, max_value=1_000_000, places=3, allow_nan=False, allow_infinity=False)

COMPARED = ("kind", "op", "number", "unit", "low", "high", "when", "band", "month_day", "negative", "approx")


def same(a: Value, b: Value) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in COMPARED)


def fullwidth(s: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else "\u3000" if ch == " " else ch for ch in s)


@given(ANY_TEXT)
def test_never_raises_on_text(text):
    v = parse_value(text)
    assert isinstance(v, Value)
    assert v.raw == text
    assert "内部错误" not in (v.reason or "")  # the catch-all was not needed
    if v.kind is ValueKind.INVALID:
        assert v.reason


@given(ANY_OBJECT)
def test_never_raises_on_objects(obj):
    v = parse_value_uncached(obj)
    assert isinstance(v, Value)
    assert isinstance(v.raw, str)
    assert "内部错误" not in (v.reason or "")


@given(st.sampled_from(OPS), NUMBERS, st.sampled_from(UNITS))
@example("≥", Decimal("95"), "%")
@example("", Decimal("-0.5"), "")
def test_canonical_round_trip(op, number, unit):
    text = f"{op}{number:f}{unit}"
    assume(not (unit == "" and "." in text and 1900 <= abs(number) < 2200))  # 2024.12 reads as a month
    v = parse_value(text)
    assert v.kind is ValueKind.NUMBER, (text, v)
    assert v.op == (op or None)
    assert v.number == float(number)
    assert v.unit == (unit or None)
    assert v.negative == (number < 0)


@given(st.sampled_from(OPS), NUMBERS, st.sampled_from(UNITS))
def test_fullwidth_canonical_parses_the_same(op, number, unit):
    text = f"{op}{number:f}{unit}"
    assert same(parse_value(fullwidth(text)), parse_value(text))


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=16))
def test_fullwidth_ascii_parses_the_same(text):
    assert same(parse_value(fullwidth(text)), parse_value(text))


@given(st.floats(min_value=-MAX_MAGNITUDE, max_value=MAX_MAGNITUDE, exclude_min=True, exclude_max=True))
def test_numbers_as_numbers_keep_value_and_raw_reparses(x):
    v = parse_value(x)
    assert v.kind is ValueKind.NUMBER
    assert v.number == (x if abs(x) >= MIN_MAGNITUDE else 0.0)
    back = parse_value(v.raw)
    assert back.number == v.number or (back.kind is ValueKind.DATE and "." in v.raw)


@given(st.integers(min_value=2, max_value=10_000).map(lambda n: n / 100))
def test_fraction_actual_aligns_with_percent_target(p):
    got = align(parse_value(f"≥{p}%"), parse_value(p / 100))
    assert got.problem is None
    assert math.isclose(got.actual, got.target, rel_tol=1e-9)


@given(st.integers(min_value=0, max_value=10**9))
def test_yuan_converts_to_wan_yuan(yuan):
    got = align(parse_value("≤5万元"), parse_value(f"{yuan}元"))
    assert got.unit == "万元"
    assert math.isclose(got.actual, yuan / 10_000, rel_tol=1e-9, abs_tol=1e-12)


@given(ANY_TEXT, ANY_TEXT, st.sampled_from([None, "%", "万元", "天", "个", ""]))
def test_align_never_raises(t, a, col):
    got = align(parse_value(t), parse_value(a), col)
    assert (got.problem is None) == (got.target is not None and got.actual is not None)
    assert got.problem != "目标值与实际值无法比较"  # the catch-all was not needed


# --- mixtures of real-world pieces (issue 8 item 4) -------------------------------------------------------

PRE_OPS = ["", "≥", "≤", ">", "<", "=", ">=", "<=", "＞＝", "＜＝", "≧", "≦", "⩾", "⩽", "═", "＝", "≥=", "=≥", "〉=",
           "不低于", "不少于", "不小于", "不大于", "不高于", "不超过", "大于等于", "小于等于", "至少", "约"]
POST_OPS = ["", "以上", "以下", "以内", "及以上", "（含）以上", "以上（含）", "不低于", "不大于", "左右"]
QUALIFIERS = ["", "（含）", "(含)", "（不含）", "（含本数）", "（百分比）", "（%）", "（抽检）"]
EDGE_NUMBERS = ["1e308", "-1e308", "1.7976931348623157e308", "1e-320", "-0.0", "123456789012345", "inf", "NaN",
                "0", "0.95", "2024.12", "45657", "1,234.5", "9" * 20]
CN_NUMBERS = ["三", "十二", "一百", "两", "百分之九十五", "百分之百", "九成", "八成", "九成五", "三分之二", "过半", "一半",
              "三千五百"]
SIMPLE_UNITS = ["", "%", "％", "‰", "个", "所", "人次", "天", "日", "个月", "月", "年", "万元", "元", "亿元", "公里", "km",
                "小时", "项", "次", "个百分点", "个工作日"]
COMPOUND_UNITS = ["元/人", "元/人*月", "元/人×月", "元/人·年", "元/人.月", "元/(人·月)", "万元/公里", "次/年", "元/亩"]
PER_PREFIXES = ["每亩", "每人", "每人每月", "每生每年", "每公里"]
NOISE = ["", " ", "\u3000", "。", "，", "完成", "已完成", "合格率", "约", "（", "）", "【", "】", "—", "/", "#DIV/0!",
         "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
NOISY = st.one_of(st.just(""), st.just(""), st.just(""), st.sampled_from(NOISE))  # mostly clean
RANGE_SEPS = ["-", "~", "～", "至", "到", "—", "——", "－", "〜"]

numbers_text = st.one_of(
    st.integers(min_value=-10**6, max_value=10**16).map(str),
    st.decimals(min_value=-10**6, max_value=10**6, places=3, allow_nan=False, allow_infinity=False).map(lambda d: f"{d:f}"),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(EDGE_NUMBERS),
)
units = st.one_of(st.sampled_from(SIMPLE_UNITS), st.sampled_from(COMPOUND_UNITS))
quantity = st.builds(
    lambda pre, num, unit, qual, post: f"{pre}{num}{unit}{qual}{post}",
    st.sampled_from(PRE_OPS), st.one_of(numbers_text, st.sampled_from(CN_NUMBERS)), units, st.sampled_from(QUALIFIERS),
    st.sampled_from(POST_OPS),
)
per_rate = st.builds(lambda per, pre, num, unit: f"{per}{pre}{num}{unit}", st.sampled_from(PER_PREFIXES),
                     st.sampled_from(PRE_OPS), numbers_text, st.sampled_from(["元", "万元", "次", "吨"]))
ranges = st.builds(lambda a, u1, sep, b, u2: f"{a}{u1}{sep}{b}{u2}", numbers_text, st.sampled_from(["", "%", "个", "万"]),
                   st.sampled_from(RANGE_SEPS), numbers_text, st.sampled_from(["", "%", "个", "万元", "天"]))
dates = st.one_of(
    st.builds(lambda y, m, d, post: f"{y}年{m}月{d}日{post}", st.integers(1990, 2100), st.integers(0, 13),
              st.integers(0, 32), st.sampled_from(["", "前", "之前", "底前"])),
    st.builds(lambda m, post: f"{m}月{post}", st.integers(1, 12), st.sampled_from(["底前", "底", "30日前", ""])),
    st.dates().map(lambda d: d.isoformat()),
)
MIXTURE = st.builds(
    lambda left, core, right: f"{left}{core}{right}",
    NOISY, st.one_of(quantity, per_rate, ranges, dates), NOISY,
)
PRODUCED = (ValueKind.NUMBER, ValueKind.RANGE, ValueKind.DATE, ValueKind.QUALITATIVE, ValueKind.NOT_APPLICABLE,
            ValueKind.EMPTY)


@given(MIXTURE)
@example("≥530元/人*月")
@example("每公里不超过1万元")
@example("不低于95%（含95%）")
@example("1e-320")
def test_mixtures_never_raise_and_stay_finite(text):
    v = parse_value(text)
    assert v.raw == text
    assert "内部错误" not in (v.reason or "")
    assert all(x is None or math.isfinite(x) for x in (v.number, v.low, v.high))
    if v.kind is ValueKind.INVALID:
        assert v.reason and any("\u4e00" <= ch <= "\u9fff" for ch in v.reason)


@given(MIXTURE)
def test_mixtures_fullwidth_parse_the_same(text):
    assert same(parse_value(fullwidth(text)), parse_value(text))


@given(st.one_of(MIXTURE, ANY_TEXT))
@example("≥2024.50")
@example("2024年12月31日前")
@example("12月底前")
@example("约九成左右")
def test_parse_of_render_is_the_same_value(text):
    v = parse_value(text)
    back = parse_value(render(v))
    if v.kind in PRODUCED:
        assert same(back, v), (render(v), v, back)
    else:
        assert back.kind is v.kind


@given(ANY_OBJECT)
def test_render_is_finite_text(obj):
    v = parse_value_uncached(obj)
    text = render(v)
    assert isinstance(text, str)
    assert all(x is None or math.isfinite(x) for x in (v.number, v.low, v.high))
    if v.kind in (ValueKind.NUMBER, ValueKind.RANGE):
        assert not re.search(r"inf|nan|\d[eE][+-]?\d", text.casefold()), text  # plain decimals only


@given(MIXTURE, MIXTURE, st.sampled_from([None, "%", "‰", "万元", "元/人·月", "天", ""]))
def test_align_mixtures_never_raise_and_stay_finite(t, a, col):
    got = align(parse_value(t), parse_value(a), col)
    assert (got.problem is None) == (got.target is not None and got.actual is not None)
    assert got.problem != "目标值与实际值无法比较"  # the catch-all was not needed
    assert all(x is None or math.isfinite(x) for x in (got.target, got.actual, got.target_high))
