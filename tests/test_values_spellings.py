"""parse_value / align on spellings seen in published tables (SPEC §3.10, issue 8 item 4): look-alike
operators, operator words in any position, qualifiers in brackets, compound units and 每, proportions,
ranges with the unit on one side."""

import pytest

from perfxl.domain.values import ValueKind, align, parse_value

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
