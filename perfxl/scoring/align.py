"""Target and actual on one scale for scoring (align, Comparison); see perfxl.domain.values for the parsing decisions."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date

from perfxl.domain.values import MAX_MAGNITUDE, Value, ValueKind, column_unit, shorten, unit_factor
from perfxl.domain.vocabulary import number_text

# --- alignment -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Comparison:
    """Target and actual on one scale, ready for scoring; `problem` (Chinese) when impossible.

    Dates compare as ordinal days (unit "日期"). A RANGE target gives its low end as `target`
    (≥-type scoring) and its high end as `target_high`. `note` explains conversions made
    (fraction read as percent, 元 → 万元, negative actual) — not a problem.
    """

    target: float | None
    actual: float | None
    unit: str | None
    problem: str | None = None
    target_high: float | None = None
    note: str | None = None


_PCT = ("%", "‰")
_SIDE = {"target": "目标值", "actual": "实际值"}


def _side_problem(v: Value, side: str) -> str | None:
    name = _SIDE[side]
    k = v.kind
    if k is ValueKind.EMPTY:
        return f"{name}为空，无法比较"
    if k is ValueKind.NOT_APPLICABLE:
        return f"{name}标为不适用（“{shorten(v.raw)}”），无法比较"
    if k is ValueKind.TEXT:
        return f"{name}“{shorten(v.raw)}”为文字表述，无法作数值比较"
    if k is ValueKind.QUALITATIVE:
        return f"{name}“{shorten(v.raw)}”为定性表述，按等级评分，不作数值比较"
    if k is ValueKind.INVALID:
        return f"{name}无法比较：{v.reason or shorten(v.raw)}"
    return None


def _round(x: float) -> float:
    """x to 12 significant digits: drops binary noise from conversions (0.95 × 100, 元 → 万元)."""
    if type(x) is float and x.is_integer() and -1e12 < x < 1e12:
        return x  # nothing to drop
    return float(f"{x:.12g}")


def _nearer_as_fraction(x: float, other: float) -> bool:
    """Should plain x (|x| ≤ 1.5) be read as a fraction (x × 100 %) next to `other` (in %)?"""
    if abs(x) > 1.5:
        return False
    if x == 0 or other == 0 or (x > 0) != (other > 0):
        return True
    return abs(math.log(abs(x) * 100 / abs(other))) <= abs(math.log(abs(x) / abs(other)))


# A bare number next to a date is read as an Excel date serial (days since 1899-12-30, the 1900 date
# system) when it falls in 2000-01-01 … 2099-12-31: a date cell whose format was lost. Outside that
# window, or next to anything but a date, a number stays a number.
EXCEL_SERIAL_WINDOW = (36526, 73050)
_EXCEL_EPOCH = date(1899, 12, 30).toordinal()


def _cn_date(d: date | None) -> str:
    return f"{d.year}年{d.month}月{d.day}日" if d else ""


def _excel_serial_date(v: Value) -> Value | None:
    x = v.number
    if v.kind is not ValueKind.NUMBER or v.unit is not None or x is None:
        return None
    if not EXCEL_SERIAL_WINDOW[0] <= x < EXCEL_SERIAL_WINDOW[1] + 1:
        return None
    return replace(v, kind=ValueKind.DATE, number=None, when=date.fromordinal(_EXCEL_EPOCH + int(x)))


def align(target: Value, actual: Value, unit_column: str | None = None, *, year: int | None = None) -> Comparison:
    """Put target and actual on one scale. Never raises; impossible cases carry a Chinese `problem`.

    - `unit_column` (计量单位) applies to a side that wrote no unit.
    - Percent: a plain number under a unit column of % is that percent; without a unit column, a
      plain number ≤ 1.5 next to a written percent is read as a fraction (× 100) when that reading
      is nearer the other side (so target "≤1%" with actual "0.5" stays 0.5%); ‰ is converted to %.
    - Other units: the actual is converted into the target's unit (万元/元/亿元/千元, 天/日/小时/分钟,
      个月/年, 公里/米, 亩/公顷, 吨/千克 …); incompatible units → problem.
    - Dates: ordinal days; a year-less date is resolved with `year` when given. A bare number next
      to a date is read as an Excel date serial inside `EXCEL_SERIAL_WINDOW` (with a note).
    """
    return Comparison(*align_tuple(target, actual, unit_column, year=year))


_ALIGN_MAX = MAX_MAGNITUDE * 1e9  # after a unit conversion (亿元 → 元 …); never inf
_Aligned = tuple[float | None, float | None, str | None, str | None, float | None, str | None]
_NEGATIVE_NOTE = "实际值为负数，评分时按0计"


def align_tuple(target: Value, actual: Value, unit_column: str | None = None, *, year: int | None = None) -> _Aligned:
    """`align` as a plain tuple in Comparison's field order (target, actual, unit, problem, target_high,
    note) — for the scoring loop, which unpacks it at once."""
    try:
        return _align(target, actual, unit_column, year)
    except Exception:
        return None, None, None, "目标值与实际值无法比较", None, None


def _align(target: Value, actual: Value, unit_column: str | None, year: int | None) -> _Aligned:
    col = column_unit(unit_column)
    number = ValueKind.NUMBER
    if target.kind is number and actual.kind is number and target.unit == actual.unit:
        # The usual row: two plain numbers with the same unit (or none). Same result as the general
        # path below, which would take its "one unit, nothing to convert" branch.
        u = target.unit
        a, t = actual.number, target.number
        if (u == "%" or (u != "‰" and col not in _PCT) or (u is None and col == "%" and not 0 < a <= 1.5)) and (
                -MAX_MAGNITUDE < a < MAX_MAGNITUDE and -MAX_MAGNITUDE < t < MAX_MAGNITUDE):
            return _round(t), _round(a), u or col, None, None, _NEGATIVE_NOTE if a < 0 else None
    if year is not None:
        target, actual = target.with_year(year), actual.with_year(year)
    for v, side in ((target, "target"), (actual, "actual")):
        p = _side_problem(v, side)
        if p:
            return None, None, target.unit or col, p, None, None
    if target.kind is ValueKind.DATE or actual.kind is ValueKind.DATE:
        serial_note = None
        if target.kind is ValueKind.DATE and (d := _excel_serial_date(actual)) is not None:
            actual, serial_note = d, f"实际值{shorten(actual.raw)}按Excel日期序列号读作{_cn_date(d.when)}"
        elif actual.kind is ValueKind.DATE and (d := _excel_serial_date(target)) is not None:
            target, serial_note = d, f"目标值{shorten(target.raw)}按Excel日期序列号读作{_cn_date(d.when)}"
        if target.kind is not actual.kind:
            if target.kind is ValueKind.DATE:
                return None, None, "日期", f"目标值为日期，实际值“{shorten(actual.raw)}”不是日期，无法比较", None, None
            return None, None, "日期", f"实际值为日期，目标值“{shorten(target.raw)}”不是日期，无法比较", None, None
        for v, side in ((target, "target"), (actual, "actual")):
            if v.when is None:
                return None, None, "日期", f"{_SIDE[side]}“{shorten(v.raw)}”未写年份，无法比较（请提供评价年度）", None, None
        assert target.when is not None and actual.when is not None
        return float(target.when.toordinal()), float(actual.when.toordinal()), "日期", None, None, serial_note

    notes: list[str] = []
    t_lo = target.low if target.kind is ValueKind.RANGE else target.number
    t_hi = target.high if target.kind is ValueKind.RANGE else None
    a = actual.low if actual.kind is ValueKind.RANGE else actual.number
    if actual.kind is ValueKind.RANGE:
        notes.append("实际值为区间，按下限计")
    assert t_lo is not None and a is not None
    tu = target.unit or col
    au = actual.unit or col

    if target.unit in _PCT or actual.unit in _PCT or col in _PCT:
        if (tu and tu not in _PCT) or (au and au not in _PCT):
            return None, None, tu, f"目标单位“{tu or '无'}”与实际单位“{au or '无'}”不一致，无法比较", None, None
        if tu == "‰":  # written or from the 计量单位 column
            t_lo, t_hi = t_lo / 10, (t_hi / 10 if t_hi is not None else None)
        if au == "‰":
            a = a / 10
        if col in _PCT:  # a bare number under a 计量单位 of % is that percent (docs/dev/domain.md §3.10)
            if actual.unit is None and a and t_lo and _nearer_as_fraction(a, t_lo):
                notes.append(f"实际值{number_text(a)}按计量单位读作{number_text(a)}%"
                             f"（如指{number_text(_round(a * 100))}%，应填写{number_text(_round(a * 100))}）")
        elif actual.unit is None and _nearer_as_fraction(a, t_lo):  # no column: the nearer reading
            a *= 100
            notes.append(f"实际值{number_text(a / 100)}按小数读作{number_text(_round(a))}%")
        elif target.unit is None and _nearer_as_fraction(t_lo, a):
            t_lo *= 100
            t_hi = t_hi * 100 if t_hi is not None else None
            notes.append("目标值按小数读作百分比")
        unit: str | None = "%"
    else:
        unit = tu or au
        if tu and au and tu != au:
            f = unit_factor(au, tu)
            if f is None:
                return None, None, tu, f"目标单位“{tu}”与实际单位“{au}”不一致，无法比较", None, None
            a *= f
            notes.append(f"实际值由“{au}”换算为“{tu}”")
    if not all(-_ALIGN_MAX < x < _ALIGN_MAX for x in (t_lo, a, t_lo if t_hi is None else t_hi)):
        return None, None, unit, "数值超出合理范围，无法比较", None, None
    if a < 0:
        notes.append(_NEGATIVE_NOTE)
    return _round(t_lo), _round(a), unit, None, _round(t_hi) if t_hi is not None else None, "；".join(notes) or None
