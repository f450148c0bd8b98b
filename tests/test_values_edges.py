"""Excel date serials next to dates, percent semantics under a 计量单位 of %, and numbers at the edges
(docs/dev/domain.md §3.10; issue 8 items 4 and 5)."""

import math
from datetime import date

import pytest

from perfxl.domain.values import Value, ValueKind, parse_value
from perfxl.scoring.align import EXCEL_SERIAL_WINDOW, align

N, X = ValueKind.NUMBER, ValueKind.INVALID


def cmp(target, actual, unit_column=None):
    return align(parse_value(target), parse_value(actual), unit_column)


def day(y, m, d):
    return float(date(y, m, d).toordinal())


@pytest.mark.parametrize(
    ("target", "actual", "expected"),
    [
        ("2024年12月31日前", "45657", (day(2024, 12, 31), day(2024, 12, 31), "实际值45657按Excel日期序列号读作2024年12月31日")),
        ("2024年12月31日前", 45600, (day(2024, 12, 31), day(2024, 11, 4), "实际值45600按Excel日期序列号读作2024年11月4日")),
        ("2024年12月31日前", 45657.75, (day(2024, 12, 31), day(2024, 12, 31), "实际值45657.75按Excel日期序列号读作2024年12月31日")),
        ("2024-06-30", 36526, (day(2024, 6, 30), day(2000, 1, 1), "实际值36526按Excel日期序列号读作2000年1月1日")),
        ("45657", "2024-12-30", (day(2024, 12, 31), day(2024, 12, 30), "目标值45657按Excel日期序列号读作2024年12月31日")),
        ("≤45657", "2024年12月31日", (day(2024, 12, 31), day(2024, 12, 31), "目标值≤45657按Excel日期序列号读作2024年12月31日")),
    ],
)
def test_excel_serial_next_to_a_date(target, actual, expected):
    got = cmp(target, actual)
    assert (got.target, got.actual, got.note) == expected
    assert got.unit == "日期" and got.problem is None


@pytest.mark.parametrize("actual", ["30", "36525", str(EXCEL_SERIAL_WINDOW[1] + 1), "45657天", "-45657", "45657%"])
def test_numbers_outside_the_serial_window_are_not_dates(actual):
    assert cmp("2024年12月31日前", actual).problem.startswith("目标值为日期，实际值")


def test_serials_never_apply_to_non_date_targets():
    got = cmp("≥45657", "45000")
    assert (got.target, got.actual, got.unit, got.note) == (45657.0, 45000.0, None, None)
    got = cmp("≥45000人次", "45657")
    assert (got.target, got.actual, got.unit) == (45000.0, 45657.0, "人次")


@pytest.mark.parametrize(
    ("target", "actual", "column", "expected"),
    [
        # a bare number under a 计量单位 of % is that percent: never scaled
        ("≥95%", "0.95", "%", (95.0, 0.95, "实际值0.95按计量单位读作0.95%（如指95%，应填写95）")),
        ("≥90", "0.9", "%", (90.0, 0.9, "实际值0.9按计量单位读作0.9%（如指90%，应填写90）")),
        ("0.95", "0.93", "%", (0.95, 0.93, None)),
        ("≤1%", "0.5", "%", (1.0, 0.5, None)),
        ("≥95", "96", "％", (95.0, 96.0, None)),
        ("≤5", "3", "‰", (0.5, 0.3, None)),
        # no 计量单位 column: the nearer reading of a plain number next to a written percent
        ("≥95%", "0.95", None, (95.0, 95.0, "实际值0.95按小数读作95%")),
        ("≤1%", "0.5", None, (1.0, 0.5, None)),
        ("≥0.95", "96%", None, (95.0, 96.0, "目标值按小数读作百分比")),
    ],
)
def test_percent_semantics(target, actual, column, expected):
    got = cmp(target, actual, column)
    assert (got.target, got.actual, got.note) == expected
    assert got.unit == "%" and got.problem is None


ERRORS = ["#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]


class ErrorCell:
    """An error value as a cell object (its str() is the error text)."""

    def __init__(self, text):
        self.text = text

    def __str__(self):
        return self.text


@pytest.mark.parametrize("error", ERRORS)
@pytest.mark.parametrize("wrap", [str, str.lower, lambda e: f" {e} ", ErrorCell], ids=["text", "lower", "spaced", "object"])
def test_excel_errors(error, wrap):
    v = parse_value(wrap(error))
    assert v.kind is ValueKind.INVALID
    assert v.reason == f"单元格为错误值{error}（Excel 错误值，公式无法计算），请修正公式或直接填写数值"


@pytest.mark.parametrize(
    ("value", "kind", "number", "reason"),
    [
        (1e308, X, None, "数值超出合理范围（绝对值应小于10的15次方）：“1"),
        (-1e308, X, None, "数值超出合理范围（绝对值应小于10的15次方）：“-1"),
        ("1e308", X, None, "数值超出合理范围（绝对值应小于10的15次方）：“1e308”"),
        ("-1e308", X, None, "数值超出合理范围"),
        ("1.7976931348623157e308", X, None, "数值超出合理范围"),
        (1.7976931348623157e308, X, None, "数值超出合理范围"),
        (10**400, X, None, "数值超出合理范围"),
        ("9" * 400, X, None, "数值超出合理范围"),
        ("1234567890123456", X, None, "数值超出合理范围"),
        ("≥1e16%", X, None, "数值超出合理范围"),
        ("一千万亿亿", X, None, "数值超出合理范围"),
        (float("inf"), X, None, "数值“inf”不是有限数"),
        (float("-inf"), X, None, "数值“-inf”不是有限数"),
        (float("nan"), X, None, "数值“nan”不是有限数"),
        ("inf", X, None, "数值“inf”不是有限数"),
        ("-Infinity", X, None, "数值“-Infinity”不是有限数"),
        ("NaN", X, None, "数值“NaN”不是有限数"),
        ("∞", X, None, "数值“∞”不是有限数"),
        (-0.0, N, 0.0, None),
        ("-0.0", N, 0.0, None),
        (1e-320, N, 0.0, "数值1e-320过小（公式误差），按0计"),
        (5.551115123125783e-17, N, 0.0, "数值5.551115123125783e-17过小（公式误差），按0计"),
        ("1e-320", N, 0.0, None),
        (123456789012345, N, 123456789012345.0, None),
        ("123456789012345", N, 123456789012345.0, None),
        ("123,456,789,012,345", N, 123456789012345.0, None),
        (999999999999999.9, N, 999999999999999.9, None),
        ("1.5E+3", N, 1500.0, None),
    ],
)
def test_numbers_at_the_edges(value, kind, number, reason):
    v = parse_value(value)
    assert (v.kind, v.number) == (kind, number), v
    assert v.negative is False
    if reason is None:
        assert v.reason is None
    else:
        assert v.reason.startswith(reason)
    assert all(x is None or math.isfinite(x) for x in (v.number, v.low, v.high))
    if kind is N:
        assert "inf" not in str(v) and "nan" not in str(v)


def test_a_number_too_small_is_zero_and_never_divides():
    got = cmp("≤5%", 1e-320)
    assert (got.target, got.actual, got.problem) == (5.0, 0.0, None)


@pytest.mark.parametrize(
    ("target", "actual", "column"),
    [
        (Value("x", ValueKind.NUMBER, number=math.inf), parse_value("3"), None),
        (parse_value("3"), Value("x", ValueKind.NUMBER, number=math.nan), None),
        (parse_value("3"), Value("x", ValueKind.NUMBER, number=1e300, unit="亿元"), "元"),
        (Value("x", ValueKind.RANGE, number=1.0, low=1.0, high=math.inf), parse_value("3"), None),
        (parse_value("≥95%"), Value("x", ValueKind.NUMBER, number=1e308), "%"),
    ],
)
def test_align_never_returns_a_non_finite_number(target, actual, column):
    got = align(target, actual, column)
    assert (got.target, got.actual, got.problem) == (None, None, "数值超出合理范围，无法比较")


def test_largest_values_convert_without_overflow():
    got = cmp("≤5元", "999999999999999亿元")
    assert got.problem is None and math.isfinite(got.actual)
