"""Half-up rounding (四舍五入) of the decimal the user sees, and cheap number formatting for explanations.

财预〔2020〕10号: scores are computed without intermediate rounding and shown rounded half-up. Binary floats
make `round(2.675, 2)` give 2.67; a user doing 四舍五入 expects 2.68. So we round the *decimal* value:
the float is first cleaned to 9 decimals (which absorbs binary noise from sums, e.g. 89.99499999999999
from adding scores is 89.995), then rounded half-up with `decimal.ROUND_HALF_UP`.
"""

from decimal import ROUND_HALF_UP, Decimal
from math import floor, isfinite

_QUANTUM = {d: Decimal(1).scaleb(-d) for d in range(10)}
_SCALE = {d: 10.0**d for d in range(10)}
_SPEC = {d: f".{d}f" for d in range(10)}


def half_up(x: float | None, decimals: int = 2) -> float | None:
    """`x` rounded half-up to `decimals` places: 2.675 → 2.68, 13.405 → 13.41, 89.995 → 90.0."""
    if x is None:
        return None
    if not -1e15 < x < 1e15:  # nan, inf, huge: leave as is
        return x
    scaled = x * _SCALE[decimals]
    if abs(scaled - floor(scaled) - 0.5) > 1e-6:  # not near a tie: binary rounding gives the same digits
        return round(x, decimals) + 0.0
    return float(Decimal(repr(round(x, 9))).quantize(_QUANTUM[decimals], ROUND_HALF_UP))


def fmt(x: float) -> str:
    """A number for Chinese explanations: 10 → "10", 93.5 → "93.5", 1/3 → "0.333333"."""
    try:
        i = int(x)
    except (OverflowError, ValueError):  # inf, nan
        return str(x)
    if x == i:
        return str(i)
    if type(x) is float and -1e9 < x < 1e9:
        s = repr(x)
        if "e" not in s and len(s) - s.index(".") <= 7:  # at most 6 decimals: round(x, 6) is x itself
            return s
    r = round(x, 6)
    i = int(r)
    if r == i:
        return str(i)
    s = repr(r)
    return s if "e" not in s else f"{x:.6f}".rstrip("0").rstrip(".")


def fmt_score(x: float, decimals: int = 2) -> str:
    """A score as shown: half-up to `decimals`, trailing zeros dropped (13.405 → "13.41", 10.0 → "10")."""
    if -1e15 < x < 1e15:
        i = int(x)
        if x == i:
            return str(i)
        scaled = x * _SCALE[decimals]
        if decimals and abs(scaled - floor(scaled) - 0.5) > 1e-6:  # not near a tie: same digits as half-up
            text = format(x, _SPEC[decimals]).rstrip("0").rstrip(".")
            return "0" if text == "-0" else text
    r = half_up(x, decimals) + 0.0
    if r == int(r):
        return str(int(r))
    return format(r, _SPEC[decimals]).rstrip("0")


def clean(x: float | None) -> int | float | None:
    """Integral floats as int for JSON output (a weight of 20.0 prints as 20); inf and NaN (not JSON) → None."""
    if x is None or not isfinite(x):
        return None
    if -2**53 < x < 2**53 and x == int(x):
        return int(x)
    return x


def percent(rate: float, decimals: int = 2) -> str:
    """A fraction as a percent string, half-up: 0.942 → "94.2%"."""
    return fmt(half_up(rate * 100, decimals)) + "%"
