"""Operators and units: operator words, the value regexes, canonical units and unit conversion factors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from perfxl.domain.values.normalise import _normalise
from perfxl.domain.vocabulary import OPERATORS_AFTER, OPERATORS_BEFORE

# --- operators and units -------------------------------------------------------------------------

def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_UNIT_CHARS = r"[^\d\s+\-~<>=≥≤.,:;!?()\[\]]"
_POST = rf"(?:及|或|\(含\)|含)?(?:{_alt(OPERATORS_AFTER)})"
# A qualifier in brackets after the value: (含) / (含本数) / (含95%) make > and < inclusive, (不含) makes
# ≥ and ≤ strict, (百分比) / (%) name the unit.
_QUAL = rf"\((?P<qual>不?含(?:本数|(?:{_NUM})[^()]{{0,8}})?|百分比|%)\)"
_APPROX_PRE = r"约为|大约|大概|约|近|接近|将近"

_MAIN = re.compile(
    rf"(?P<pre>{_alt(OPERATORS_BEFORE)})?(?P<apre>{_APPROX_PRE})?(?P<num>{_NUM})(?P<unit>{_UNIT_CHARS}{{1,8}}?)?"
    rf"(?P<post>{_POST})?(?P<q>{_QUAL})?(?P<post2>{_POST})?(?P<apost>左右)?"
)
_RANGE = re.compile(
    rf"(?P<apre>{_APPROX_PRE})?(?P<n1>{_NUM})(?P<u1>{_UNIT_CHARS}{{1,8}}?)?(?:-|~|至|到)"
    rf"(?P<n2>{_NUM})(?P<u2>{_UNIT_CHARS}{{1,8}}?)?(?:之间|范围内|区间内?)?(?:\((?P<q>含|含本数|百分比|%)\))?"
)

_UNIT_ALIASES: dict[str, str] = {
    "％": "%", "百分比": "%", "日": "天", "千米": "公里", "km": "公里", "㎞": "公里", "m": "米", "㎡": "平方米",
    "m2": "平方米", "m²": "平方米", "平米": "平方米", "kg": "千克", "公斤": "千克", "t": "吨", "h": "小时",
    "个小时": "小时", "min": "分钟", "星期": "周", "个星期": "周", "百分点": "个百分点", "元/人": "元/人",
    "cm": "厘米", "mm": "毫米", "g": "克", "ha": "公顷", "年度": "年", "季": "季度", "个季度": "季度",
    "次数": "次", "人数": "人",
}
# Units written after Chinese numerals must be one of these (so 一般 / 一定 are not numbers).
_KNOWN_UNITS_TEXT = (
    "% ‰ 个 所 人 人次 名 次 项 件 台 套 家 户 篇 场 批 期 座 条 处 本 册 张 份 栋 间 辆 亩 吨 株 棵 头 只 "
    "校 班 节 门 课时 学时 岗 类 轮 种 部 天 年 个月 周 小时 分钟 秒 元 公里 米 平方米 平方公里 立方米 "
    "公顷 千克 克 斤 倍 分 个百分点 床 位 支 片 村 镇 乡 县 宗 起 例 卷 幅 架 艘 口 眼 盏 块 根 对 组 队 "
    "笔 单 季度 学年 人天 工作日 个工作日 户次 家次 厘米 毫米 瓦 千瓦 兆瓦 度 页 字 课 首 集 车次 班次 "
    "人日 床位 元/人 次/年"
)
_KNOWN_UNITS: frozenset[str] = frozenset(_KNOWN_UNITS_TEXT.split())
# What a rate may be "per" (元/人·月, 次/年, 万元/公里, 每生每年): known units, plus these.
_PER_UNITS: frozenset[str] = _KNOWN_UNITS - {"%", "‰", "个百分点", "倍", "元/人", "次/年"} | {"月", "生", "学生", "人年"}
_SCALE_PREFIXES: tuple[tuple[str, float], ...] = (
    ("千万", 1e7), ("百万", 1e6), ("万", 1e4), ("亿", 1e8), ("千", 1e3), ("百", 1e2),
)
_SCALE_WORDS = ("万", "亿", "千万", "百万")
_PROTECTED_UNITS = frozenset({"个百分点", "百分点", "百分比", "千分比", "千瓦时"})
_GENERIC_UNIT = re.compile(r"[\u4e00-\u9fffA-Za-z²³°℃/·]{1,6}")
# Characters that make a "unit" look like words instead ("天完成", "月底前", "年提高").
_BAD_UNIT_CHARS = re.compile(r"[完成达前后内外左右上下半约提降增减较比及或不未已是否的底末旬初为止至到%‰]")
_BAD = "\x00"


@lru_cache(maxsize=1024)
def _canon_unit(u: str, strict: bool = False) -> str:
    """Canonical unit, "" for none, or _BAD. strict: only known units (after Chinese numerals)."""
    if not u:
        return ""
    c = _UNIT_ALIASES.get(u.casefold() if u.isascii() else u, u)
    if "每" in c:  # 元每亩, 元/每人每月
        head, *per = _PER_WORD.split(c)
        return _canon_compound(f"{head}/{'·'.join(per)}", strict) if head and "/" not in head else _BAD
    if "/" in c:
        return _canon_compound(c, strict)
    if c in _KNOWN_UNITS or c in _PROTECTED_UNITS:
        return c
    for p, _ in _SCALE_PREFIXES:
        if c.startswith(p) and len(c) > len(p):
            rest = _UNIT_ALIASES.get(c[len(p):], c[len(p):])
            if rest in _KNOWN_UNITS and rest not in ("%", "‰", "个百分点"):
                return p + rest
    if c in _SCALE_WORDS:
        return c
    if strict or not _GENERIC_UNIT.fullmatch(c) or _BAD_UNIT_CHARS.search(c):
        return _BAD
    return c


_PER_SEPS = re.compile(r"[*×xX✕・･.·•∙⋅/]")  # between the parts of a denominator: 人*月, 人×月, 人·月
_PER_WORD = re.compile(r"/?每")
_PER_ALIASES = {"日": "天", "个月": "月", "个人": "人", "年度": "年", "千米": "公里", "km": "公里", "h": "小时",
                "平米": "平方米", "㎡": "平方米", "m2": "平方米", "m²": "平方米"}


def _canon_compound(c: str, strict: bool) -> str:
    """One spelling per compound unit: 元/人*月, 元/人×月, 元/人.月, 元/人/月 → 元/人·月; 万元/公里 stays."""
    num, _, den = c.partition("/")
    n = _canon_unit(num, strict) if num else _BAD
    if n in (_BAD, "%", "‰", "个百分点", *_SCALE_WORDS) or "/" in n:
        return _BAD
    parts = _PER_SEPS.split(den)
    if len(parts) > 3:
        return _BAD
    out = []
    for p in parts:
        q = _PER_ALIASES.get(p.casefold() if p.isascii() else p, p)
        if not (q in _PER_UNITS or (q[:1] in "万千百" and q[1:] in _PER_UNITS)):
            return _BAD
        out.append(q)
    return n + "/" + "·".join(out)


# Dimensions for conversions in align(): unit → (dimension, factor to the dimension's base).
_DIMS: dict[str, tuple[str, float]] = {
    "秒": ("time", 1), "分钟": ("time", 60), "小时": ("time", 3600), "天": ("time", 86400), "周": ("time", 604800),
    "个月": ("month", 1), "月": ("month", 1), "季度": ("month", 3), "半年": ("month", 6), "年": ("month", 12),
    "学年": ("month", 12),
    "毫米": ("len", 0.001), "厘米": ("len", 0.01), "米": ("len", 1), "公里": ("len", 1000),
    "平方米": ("area", 1), "亩": ("area", 10000 / 15), "公顷": ("area", 1e4), "平方公里": ("area", 1e6),
    "克": ("mass", 1), "斤": ("mass", 500), "千克": ("mass", 1e3), "吨": ("mass", 1e6),
    "%": ("ratio", 0.01), "‰": ("ratio", 0.001),
}


def _decompose(u: str) -> tuple[object, float]:
    if u in _DIMS:
        return _DIMS[u]
    if "/" in u:  # 万元/人·年 = 10⁴ 元 / (人 × 12 月)
        num, _, den = u.partition("/")
        dim, f = _decompose(num)
        per = []
        for p in den.split("·"):
            d, g = _decompose(p)
            per.append(repr(d))
            f /= g
        return (dim, tuple(sorted(per))), f
    if u not in _PROTECTED_UNITS:
        for p, f in _SCALE_PREFIXES:
            if u.startswith(p):
                base = u[len(p):]
                if base in _DIMS:
                    dim, g = _DIMS[base]
                    return dim, f * g
                if base in ("", "元") or base in _KNOWN_UNITS:
                    return ("unit", base), f
    return ("unit", u), 1.0


def unit_factor(from_unit: str, to_unit: str) -> float | None:
    """Factor to multiply a quantity in `from_unit` by to express it in `to_unit`; None if incompatible."""
    if from_unit == to_unit:
        return 1.0
    d1, f1 = _decompose(from_unit)
    d2, f2 = _decompose(to_unit)
    return f1 / f2 if d1 == d2 else None


def column_unit(unit_column: object) -> str | None:
    """A 计量单位 cell → its canonical unit ("%(百分比)" → "%", "万元（人民币）" → "万元"); None when blank."""
    if type(unit_column) is str:
        return _column_unit(unit_column)  # a form repeats a handful of 计量单位: cached
    if isinstance(unit_column, str):
        return _column_unit.__wrapped__(str.__str__(unit_column))
    return None


@lru_cache(maxsize=1024)
def _column_unit(text: str) -> str | None:
    u = _normalise(text).strip("()[]")
    if not u:
        return None
    c = _canon_unit(u)
    if c == _BAD and "(" in u:  # a unit with a gloss in brackets: "%(百分比)", "万元（人民币）", "(%)人"
        head, _, gloss = u.partition("(")
        for part in (head, gloss.rstrip(")")):
            c = _canon_unit(part) if part else _BAD
            if c != _BAD:
                return c
    return u if c == _BAD else c
