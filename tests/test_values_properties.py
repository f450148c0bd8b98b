"""Property tests for parse_value / align (hypothesis)."""

import math
from decimal import Decimal

from hypothesis import assume, example, given
from hypothesis import strategies as st

from perfxl.domain.values import (
    MAX_MAGNITUDE,
    MIN_MAGNITUDE,
    Value,
    ValueKind,
    align,
    parse_value,
    parse_value_uncached,
)

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
