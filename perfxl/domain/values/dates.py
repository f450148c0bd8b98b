"""Dates and deadlines: 2024年12月31日前, 2024-06-30, 年底前, 第三季度."""

from __future__ import annotations

import calendar
import re
from datetime import date

from perfxl.domain.values.model import Value, ValueKind, _invalid, _join, _mk, shorten

# --- dates ---------------------------------------------------------------------------------------

_DATE_PRE = r"(?P<pre>截止到|截止至|截至|截止|不晚于|最迟|最晚|已于|预计|计划|到|至|于|在)?"
_DATE_POST = (r"(?P<post>之前|以前|前|为止|止|截止|之内|以内|内)?"
              r"(?:完成|实施|完工|竣工|验收|办结|到位|拨付|支付|上线|结束|实现|开工|启动)?")
_DATE_YMD = re.compile(
    _DATE_PRE + r"(?:(?P<y>\d{4})年度?)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|(?P<mp>底|末|份|上旬|中旬|下旬|初|中))?"
    + _DATE_POST
)
_DATE_ISO = re.compile(
    _DATE_PRE + r"(?P<y>\d{4})(?P<sep>[-./])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?"
    r"(?: ?[T ]?\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?" + _DATE_POST
)
_DATE_YEAR = re.compile(
    _DATE_PRE + r"(?:(?P<y>\d{4})年度?|(?P<cur>本年度?|当年度?|今年))?"
    r"(?P<part>年度?底|年度?末|年度?终|年度?内|年中|底|末|终|内|上半年|下半年|第?[一二三四1-4]季度(?:末|底)?)?"
    + _DATE_POST
)
_LE_PRE = frozenset({"截止到", "截止至", "截至", "截止", "不晚于", "最迟", "最晚", "到", "至"})
_MONTH_PART_DAY = {"上旬": 10, "初": 10, "中旬": 20, "中": 15}
_QUARTER = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _date_value(raw: str, y: str | None, m: int, d: int | None, op: str | None, note: str | None) -> Value:
    """d None → end of month."""
    if not 1 <= m <= 12:
        return _invalid(raw, f"日期“{shorten(raw)}”中的月份无效")
    if y is None:
        if d is not None and not 1 <= d <= calendar.monthrange(2000, m)[1]:
            return _invalid(raw, f"日期“{shorten(raw)}”无效")
        reason = _join(f"日期“{shorten(raw)}”未写年份，按评价年度计", note)
        return _mk(raw, ValueKind.DATE, op=op, reason=reason, month_day=(m, 31 if d is None else d))
    year = int(y)
    try:
        when = date(year, m, calendar.monthrange(year, m)[1] if d is None else d)
    except (ValueError, OverflowError):
        return _invalid(raw, f"日期“{shorten(raw)}”无效")
    return _mk(raw, ValueKind.DATE, op=op, when=when, reason=note)


def _date_op(g: dict[str, str | None]) -> str | None:
    return "≤" if g.get("post") or g.get("pre") in _LE_PRE else None


def _parse_date(s: str, raw: str, note: str | None) -> Value | None:
    m = _DATE_YMD.fullmatch(s)
    if m:
        g = m.groupdict()
        mp = g["mp"]
        d = int(g["d"]) if g["d"] else _MONTH_PART_DAY.get(mp or "")
        return _date_value(raw, g["y"], int(g["m"]), d, _date_op(g), note)
    m = _DATE_ISO.fullmatch(s)
    if m:
        g = m.groupdict()
        if not 1900 <= int(g["y"]) <= 2200:
            return None
        return _date_value(raw, g["y"], int(g["m"]), int(g["d"]) if g["d"] else None, _date_op(g), note)
    m = _DATE_YEAR.fullmatch(s)
    if m:
        g = m.groupdict()
        part = g["part"] or ""
        if not (g["y"] or g["cur"] or part):
            return None
        if g["y"] and not 1900 <= int(g["y"]) <= 2200:
            return None
        op = _date_op(g)
        if part.endswith("内"):
            op = "≤"
        if part in ("上半年", "年中"):
            month = 6
        elif "季度" in part:
            month = _QUARTER[part.lstrip("第")[0]]
        else:
            month = 12
        return _date_value(raw, g["y"], month, None, op, note)
    return None
