"""Canonical text of a Value (render)."""

from __future__ import annotations

from perfxl.domain.values.model import Value, ValueKind
from perfxl.domain.values.parser import _YEAR_MONTH
from perfxl.domain.vocabulary import BAND_LABELS, number_text

# --- canonical text ------------------------------------------------------------------------------



def render(v: Value) -> str:
    """The canonical spelling of `v`: "≥95%", "约3个", "90~95%", "2024年12月31日前", "12月底前",
    "达成年度指标", "不适用". `parse_value(render(v))` gives `v` again (except `raw` and notes); TEXT
    and INVALID values render as their raw text. Bands use the national labels."""
    k = v.kind
    if k is ValueKind.NUMBER and v.number is not None:
        num = number_text(v.number)
        if v.op and v.unit is None and _YEAR_MONTH.fullmatch(num):
            num += "0"  # "≥2024.5" would read as May 2024
        return f"{v.op or ''}{'约' if v.approx else ''}{num}{v.unit or ''}"
    if k is ValueKind.RANGE and v.low is not None and v.high is not None:
        return f"{'约' if v.approx else ''}{number_text(v.low)}~{number_text(v.high)}{v.unit or ''}"
    if k is ValueKind.DATE and (v.when or v.month_day):
        if v.when is not None:
            text = f"{v.when.year}年{v.when.month}月{v.when.day}日"
        else:
            m, d = v.month_day  # type: ignore[misc]
            text = f"{m}月底" if d == 31 else f"{m}月{d}日"
        return text + ("前" if v.op == "≤" else "")
    if k is ValueKind.QUALITATIVE and v.band is not None:
        return BAND_LABELS[v.band]
    if k is ValueKind.NOT_APPLICABLE:
        return "不适用"
    if k is ValueKind.EMPTY:
        return ""
    return v.raw
