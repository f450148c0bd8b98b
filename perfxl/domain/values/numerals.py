"""Chinese numerals and proportions: 三所, 百分之九十五, 九成, 三分之二, 过半."""

from __future__ import annotations

import re

# --- Chinese numerals ----------------------------------------------------------------------------

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_SMALL = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}
_CN_CHARS = "零〇一二两三四五六七八九十百千万亿"
_CN_RUN = re.compile(
    rf"(?P<pct>百分之|千分之)(?P<pn>[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?)"
    rf"|(?P<n>[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?)"
)


def _cn_int(s: str) -> int | None:
    if not s:
        return None
    if not any(c in _CN_SMALL or c in _CN_BIG for c in s):  # digit by digit: 二〇二四
        return int("".join(str(_CN_DIGITS[c]) for c in s))
    total = section = 0
    num: int | None = None
    for c in s:
        if c in _CN_DIGITS:
            if num is not None and num != 0 and _CN_DIGITS[c] != 0:
                return None  # 三四 inside a positional number
            num = _CN_DIGITS[c]
        elif c in _CN_SMALL:
            section += (1 if num is None else num) * _CN_SMALL[c]
            num = None
        else:
            section += num or 0
            total = (total + section) * _CN_BIG[c] if c == "亿" else total + section * _CN_BIG[c]
            section, num = 0, None
    return total + section + (num or 0)


def _cn_number(s: str) -> str | None:
    int_part, _, frac = s.partition("点")
    n = _cn_int(int_part)
    if n is None:
        return None
    return f"{n}.{''.join(str(_CN_DIGITS[c]) for c in frac)}" if frac else str(n)


def _cn_sub(m: re.Match[str]) -> str:
    if m.group("pct"):
        n = _cn_number(m.group("pn"))
        return m.group(0) if n is None else n + ("%" if m.group("pct") == "百分之" else "‰")
    run = m.group("n")
    if all(c in "百千万亿" for c in run):
        return run  # a lone 万/百 is a unit prefix or a word, not a number
    if run[-1] in _CN_BIG and len(run) > 1 and not any(c in _CN_BIG for c in run[:-1]):
        n = _cn_number(run[:-1])  # 三万元 → 3万元 (magnitude as written)
        return run if n is None else n + run[-1]
    n = _cn_number(run)
    return run if n is None else n


_CN_TRIGGER = frozenset(_CN_CHARS + "成半分")
_TENTHS = re.compile(r"(?P<n>十|[一二两三四五六七八九]|10|[1-9])成(?P<d>[一二三四五六七八九]|[1-9](?!\d))?")
_FRACTION = re.compile(rf"(?P<den>[{_CN_CHARS}]+|\d+)分之(?P<num>[{_CN_CHARS}]+(?:点[零〇一二三四五六七八九]+)?|\d+(?:\.\d+)?)")
_HALF = re.compile(r"超过半数|超过一半|过半数|过半|超半数|半数以上|一半以上|半数|一半")
_HALF_AS = {"超过半数": ">50%", "超过一半": ">50%", "过半数": ">50%", "过半": ">50%", "超半数": ">50%",
            "半数以上": "50%以上", "一半以上": "50%以上", "半数": "50%", "一半": "50%"}


def _pct_text(x: float) -> str:
    return f"{float(f'{x:.12g}')!r}".removesuffix(".0") + "%"


def _tenths(m: re.Match[str]) -> str:
    n, d = m.group("n", "d")
    tens = 10 if n in ("十", "10") else int(n if n.isdigit() else _CN_DIGITS[n])
    return _pct_text(tens * 10 + (int(d if d.isdigit() else _CN_DIGITS[d]) if d else 0))


def _fraction(m: re.Match[str]) -> str:
    den_t, num_t = m.group("den", "num")
    if den_t in ("百", "千", "一百", "一千"):
        return m.group(0)  # 百分之九十五, 千分之五: the numeral rule below
    den, num = (t if t[0].isdigit() else _cn_number(t) for t in (den_t, num_t))
    if den is None or num is None or float(den) == 0:
        return m.group(0)
    return _pct_text(float(num) / float(den) * 100)


def _proportions(t: str) -> str:
    """九成 → 90%, 九成五 → 95%, 三分之二 → 66.6666666667%, 过半 → >50%, 半数以上 → 50%以上."""
    if "成" in t:
        t = _TENTHS.sub(_tenths, t)
    if "分之" in t:
        t = _FRACTION.sub(_fraction, t)
    if "半" in t:
        t = _HALF.sub(lambda m: _HALF_AS[m.group()], t)
    return t
