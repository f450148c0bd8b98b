"""Excel date serials next to dates, percent semantics under a 计量单位 of %, and numbers at the edges
(SPEC §3.10; issue 8 items 4 and 5)."""

from datetime import date

import pytest

from perfxl.domain.values import EXCEL_SERIAL_WINDOW, align, parse_value


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
