"""Cell values → Form values: numbers where the Form wants numbers, text (as the user saw it) elsewhere.

Numbers typed as text ("1,234.5", "９５", "20分") are normalised; text where a number belongs is
returned as `raw` so the reader can keep it in Form.raw and a linter rule can report it.
"""

from __future__ import annotations

import sys
import unicodedata
from datetime import date, datetime, time

from perfxl.domain.values import is_not_applicable, parse_direction, parse_value
from perfxl.domain.vocabulary import EXCEL_ERRORS, MAX_MAGNITUDE, number_text

_INF = float("inf")
_SUFFIXES = ("万元", "元", "分")
NUMBER_START = _NUMBER_START = frozenset("0123456789+-.−０１２３４５６７８９＋－．")


ERROR_VALUES = frozenset(EXCEL_ERRORS)
_TINY = sys.float_info.min  # smaller non-zero magnitudes (1e-320) are denormals no one typed


def odd_number(value: float | int) -> str | None:
    """The text of a number no form figure can be — ∞, NaN, |v| ≥ MAX_MAGNITUDE (10¹⁵), a denormal — else None."""
    if -MAX_MAGNITUDE < value < MAX_MAGNITUDE and (value >= _TINY or value <= -_TINY or value == 0):
        return None
    if value != value:
        return "NaN"
    if value in (_INF, -_INF):
        return "∞" if value > 0 else "-∞"
    if value.__class__ is int or float(value).is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(float(value)).upper()


def is_error_value(value: object) -> bool:
    return value.__class__ is str and value[:1] == "#" and value.strip().upper() in ERROR_VALUES


def blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def to_number(value: object) -> tuple[float | None, str | None]:
    """(number, None) or (None, raw text). Blank and not-applicable markers give (None, None)."""
    kind = type(value)
    if kind is float or kind is int:
        odd = odd_number(value)
        return (float(value) + 0.0, None) if odd is None else (None, odd)  # + 0.0: -0.0 becomes 0.0
    if value is None:
        return None, None
    if kind is bool:
        return None, "TRUE" if value else "FALSE"
    if isinstance(value, date | time):
        return None, to_text(value)
    text = str(value).strip()
    if not text:
        return None, None
    if text[0] in _NUMBER_START:
        number = _number(text)
        if number is not None:
            return (number + 0.0, None) if odd_number(number) is None else (None, text)
    # words such as 达成年度指标 are text; "—", "暂无", "Ｎ／Ａ" are not applicable, as parse_value reads them
    return (None, None) if is_not_applicable(text) else (None, text)


def _number(text: str) -> float | None:
    """A number typed as text: "1,234.5", "９５", "20分", "1.5万元" (magnitude as written); else None."""
    try:
        return float(text)
    except ValueError:
        pass
    folded = unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", "")
    for suffix in _SUFFIXES:
        if folded.endswith(suffix) and len(folded) > len(suffix):
            folded = folded[: -len(suffix)]
            break
    try:
        return float(folded)
    except ValueError:
        return None


def to_text(value: object, percent: bool = False) -> str | None:
    """The text a user saw: 3.0 → "3", 0.95 in a %-formatted cell → "95%", dates as ISO."""
    if value is None:
        return None
    kind = type(value)
    if kind is str:
        text = value.strip()
        return text or None
    if kind is float or kind is int:
        odd = odd_number(value)
        if odd is not None:
            return odd
        if percent:
            return number_text(round(value * 100, 10)) + "%"
        return number_text(value + 0)
    if kind is bool:
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def to_rate(value: object) -> tuple[float | str | None, str | None]:
    """执行率 as the form shows it: a number stays a number (0.942), text like "94.2%" stays text."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        odd = odd_number(value)
        return (float(value) + 0.0, None) if odd is None else (None, odd)
    text = to_text(value)
    if text is None:
        return None, None
    number, raw = to_number(text)
    if number is not None:
        return number, None
    folded = unicodedata.normalize("NFKC", text).replace(" ", "")
    if folded.endswith("%"):
        try:
            float(folded[:-1])
        except ValueError:
            return None, text
        return folded, None
    return None, raw


def to_direction(value: object) -> str | None:
    """指标性质 cell → "≥" "≤" "=" ">" "<" "定性", or None (blank, 定量, unknown): see parse_direction."""
    text = to_text(value)
    return None if text is None else parse_direction(text)


def to_iso_date(value: object) -> str | None:
    """A date cell or a date typed as text ("2024年6月30日", "2024/6/30") → "2024-06-30"; else the text."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = to_text(value)
    if text is None:
        return None
    folded = unicodedata.normalize("NFKC", text)
    for sep in ("年", "/", ".", "-"):
        folded = folded.replace(sep, "-")
    parts = folded.replace("月", "-").replace("日", "").strip("-").split("-")
    if len(parts) == 3 and all(p.isdigit() for p in parts):
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2])).isoformat()
        except ValueError:
            return text
    return text


def has_operator(text: str) -> bool:
    """Does the value text carry its own operator ("≥95%", "＞＝3", "不低于90%", "95%以上"), as parse_value reads it?"""
    return parse_value(text).op is not None
