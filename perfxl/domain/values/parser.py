"""The parser: text or a cell object → Value (parse_value). Never raises."""

from __future__ import annotations

import math
import numbers
import re
from dataclasses import replace
from datetime import date, datetime, time
from functools import lru_cache

from perfxl.domain.values.dates import _parse_date
from perfxl.domain.values.model import (
    MIN_MAGNITUDE,
    Band,
    Value,
    ValueKind,
    Vocabulary,
    _invalid,
    _join,
    _mk,
    _non_finite,
    _num,
    _too_large,
    default_vocabulary,
    shorten,
)
from perfxl.domain.values.normalise import _TABLE, _normalise, _phrase_key
from perfxl.domain.values.numerals import _CN_CHARS, _CN_RUN, _CN_TRIGGER, _cn_sub, _proportions
from perfxl.domain.values.units import (
    _BAD,
    _KNOWN_UNITS,
    _MAIN,
    _RANGE,
    _SCALE_PREFIXES,
    _SCALE_WORDS,
    _UNIT_ALIASES,
    OPERATORS_AFTER,
    OPERATORS_BEFORE,
    _alt,
    _canon_unit,
)
from perfxl.domain.vocabulary import DIRECTION_WORDS, EXCEL_ERRORS, MAX_MAGNITUDE, number_text

# --- the parser ----------------------------------------------------------------------------------


def _from_main(m: re.Match[str], raw: str, strict: bool, note: str | None) -> Value | None:
    pre, apre, num, unit, post, apost = m.group("pre", "apre", "num", "unit", "post", "apost")
    post = post or m.group("post2")
    cu = _canon_unit(unit or "", strict)
    if cu == _BAD:
        return None
    op = OPERATORS_BEFORE[pre] if pre else None
    if post:
        pop = _post_op(post)
        if op is not None and (op == "=" or (op in "≥>") != (pop == "≥")):
            return _invalid(raw, f"“{shorten(raw)}”中的运算符相互矛盾")
        op = op or pop
    x = _num(num)
    qual = m.group("qual")
    if qual is not None:
        if qual in ("百分比", "%"):
            if cu not in ("", "%"):
                return None
            cu = "%"
        elif qual.startswith("不"):
            op = _STRICT.get(op, op)
        else:
            said = qual[1:]  # "", "本数" or a value that must be this one
            if said and said != "本数":
                im = _MAIN.fullmatch(said)
                inner = _from_main(im, said, False, None) if im else None
                if inner is None or inner.number != x or (inner.unit or cu) != cu:
                    return None  # "(含90%)" next to 95%: a note, not a qualifier (slow path)
            op = _INCLUSIVE.get(op, op)
    if not -MAX_MAGNITUDE < x < MAX_MAGNITUDE:
        return _too_large(raw)
    if (unit or "").startswith("年") and x.is_integer() and 1900 <= x <= 2200 and not pre:
        return None  # a year: let the date parser take it
    if not unit and "." in num and (pre or post) and _YEAR_MONTH.fullmatch(num):
        return None  # "2024.12前" is a deadline; a bare "2024.12" is a number (amounts like 2159.12 are common)
    if unit == "月" and x.is_integer() and 1 <= x <= 12 and not (pre or post):
        return None  # 6月 is June (but ≤6月 is a duration)
    if cu == "月":
        cu = "个月"
    approx = bool(apre or apost)
    if approx:
        note = _join(note, f"“{shorten(raw)}”为约数，按所写数值计")
    return _mk(raw, ValueKind.NUMBER, op=op, number=x, unit=cu or None, reason=note, negative=x < 0, approx=approx)


_INCLUSIVE = {">": "≥", "<": "≤"}
_STRICT = {"≥": ">", "≤": "<"}


def _post_op(post: str) -> str:
    return next(v for k, v in OPERATORS_AFTER.items() if k in post)


def _from_range(m: re.Match[str], raw: str, strict: bool, note: str | None) -> Value | None:
    u1 = _canon_unit(m.group("u1") or "", strict)
    u2 = _canon_unit(m.group("u2") or "", strict)
    if u1 == _BAD or u2 == _BAD:
        return None
    if u1 in _SCALE_WORDS and u2.startswith(u1):  # 5万-10万元
        u1 = u2
    if m.group("q") in ("百分比", "%"):
        if (u1 or "%") != "%" or (u2 or "%") != "%":
            return None
        u1 = u2 = "%"
    if u1 and u2 and u1 != u2:
        return _invalid(raw, f"区间“{shorten(raw)}”两端单位不一致")
    lo, hi = _num(m.group("n1")), _num(m.group("n2"))
    if not (-MAX_MAGNITUDE < lo < MAX_MAGNITUDE and -MAX_MAGNITUDE < hi < MAX_MAGNITUDE):
        return _too_large(raw)
    if lo > hi:
        lo, hi = hi, lo
        note = _join(note, "区间上下限写反，已调换")
    if m.group("apre"):
        note = _join(note, f"“{shorten(raw)}”为约数，按所写数值计")
    unit = u1 or u2 or None
    if unit == "月":
        unit = "个月"
    return _mk(
        raw, ValueKind.RANGE, number=lo, unit=unit, low=lo, high=hi, reason=note, negative=lo < 0,
        approx=bool(m.group("apre")),
    )


def _parse_quantity(
    s: str, raw: str, strict: bool = False, note: str | None = None, main: bool = True
) -> Value | None:
    m = _MAIN.fullmatch(s) if main else None
    if m:
        v = _from_main(m, raw, strict, note)
        if v is not None:
            return v
    if len(s) > 5 and s[4] in "-./" and s[:4].isdigit():  # 2024-12 is a month, not a range
        v = _parse_date(s, raw, note)
        if v is not None:
            return v
    if "-" in s or "~" in s or "至" in s or "到" in s:
        m = _RANGE.fullmatch(s)
        if m:
            v = _from_range(m, raw, strict, note)
            if v is not None:
                return v
    if "月" in s or "年" in s or "季" in s or "-" in s or "." in s or "/" in s:
        return _parse_date(s, raw, note)
    return None


def _parse_per(s: str, raw: str, strict: bool = False) -> Value | None:
    """Rates written with 每: 每亩300元 → 300 元/亩, 每人每月300元 → 300 元/人·月, 每公里不超过1万元 →
    ≤ 1 万元/公里, 300元每亩 → 300 元/亩."""
    parts = s.split("每")
    if parts[0]:  # 300元每亩, 300元/每人每月
        return _per_value(parts[0].removesuffix("/"), parts[1:], raw, strict)
    last = parts[-1]
    for k in range(1, min(4, len(last))):  # 每公里不超过1万元: the shortest denominator that leaves a quantity
        v = _per_value(last[k:], [*parts[1:-1], last[:k]], raw, strict)
        if v is not None:
            return v
    return None


def _per_value(rest: str, per: list[str], raw: str, strict: bool) -> Value | None:
    rest = rest.lstrip(":")
    if not rest or not per or not all(per):
        return None
    v = _parse_quantity(rest, raw, strict)
    if v is None or v.kind not in (ValueKind.NUMBER, ValueKind.RANGE) or not v.unit or "/" in v.unit:
        return None
    u = _canon_unit(f"{v.unit}/{'·'.join(per)}", strict)
    return None if u == _BAD else replace(v, unit=u)


_YEAR_MONTH = re.compile(r"(?:19|20|21)\d\d\.(?:0?[1-9]|1[0-2])")
_PAREN_TAIL = re.compile(r"(.+?)\(([^()]*)\)$")
_FILLERS = (
    "已", "已经", "全年", "累计", "共计", "共", "合计", "总计", "实际", "实现", "完成", "完成了", "达到", "达到了", "达成",
    "达", "为", "计", "控制在", "保持在", "保持", "维持在", "维持", "新增", "提高到", "提高至", "提升到", "提升至",
    "降低到", "降低至", "下降到", "下降至", "增加到", "增加至", "减少到", "减少至", "约为", "完成率", "达成率",
    "覆盖率", "合格率", "满意度", "实际完成值", "实际完成", "实际值", "目标值", "指标值", "年度指标值", "全年实际值",
)
_FILLER_PRE = re.compile(rf"(?:(?:{_alt(_FILLERS)})[:,]?)+")
_FILLER_POST = re.compile(r"(?:完成|达标|覆盖|以上完成)$")
_LABEL = re.compile(r"[\u4e00-\u9fffA-Za-z()]{1,15}:?(?=[≥≤<>=])|[^:]{1,20}:")
_SCIENTIFIC = re.compile(r"([≥≤<>=])?([+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+)(%)?")
_NON_FINITE = frozenset(f"{sign}{w}" for sign in ("", "+", "-") for w in ("inf", "infinity", "∞", "nan"))
_EXCEL_ERROR = re.compile("|".join(re.escape(e) for e in EXCEL_ERRORS), re.IGNORECASE)
_HAS_NUMBER = re.compile(rf"\d|%|‰|百分之|千分之|[{_CN_CHARS}]+(?:成|倍|个|人|次|所|天|年|月|项|元|%)")
_RESIDUE_DROP = re.compile(
    rf"[\d.,%‰+\-~≥≤<>=:/()\[\]{_CN_CHARS}成倍约左右以上下内之及或含]|" + "|".join(sorted(OPERATORS_BEFORE, key=len, reverse=True))
)


class _Index:
    """Vocabulary prepared for matching (normalised keys)."""

    __slots__ = ("na", "na_chars", "exact", "words", "prefix", "contains")

    def __init__(self, vocab: Vocabulary):
        self.na = frozenset(_normalise(m).casefold() for m in vocab.na_markers) - {""}
        self.na_chars = frozenset(m for m in self.na if len(m) == 1 and not m.isalnum())
        exact: dict[str, Band] = {}
        for phrase, band in vocab.qualitative.items():
            n = _normalise(phrase)
            if n:
                exact.setdefault(n, band)
                exact.setdefault(n.casefold(), band)
                k = _phrase_key(n)
                if k:
                    exact.setdefault(k, band)
        self.exact = exact
        self.words = frozenset(exact) | self.na  # what the vocabulary claims before any number rule
        keys = [k for k in exact if k and not k.isascii()]
        # Longest alternative first, so a regex match is the longest phrase at that position.
        self.prefix = re.compile(_alt(k for k in keys if len(k) >= 2) or "(?!)")
        self.contains = re.compile(
            _alt(k for k in keys if len(k) >= 4 or (len(k) == 3 and k[0] in "未不没")) or "(?!)"
        )


@lru_cache(maxsize=64)
def _index(vocab: Vocabulary) -> _Index:
    return _Index(vocab)


_NEGATORS = frozenset("未不没无否非")


def _match_phrase(s: str, idx: _Index) -> Band | None:
    key = _phrase_key(s)
    if not key:
        return None
    band = idx.exact.get(key)
    if band is not None:
        return band
    m = idx.prefix.match(key)  # short phrases only when followed by punctuation ("已完成，…")
    if m:
        k = m.group()
        if len(k) >= 4 or (s.startswith(k) and len(s) > len(k) and not s[len(k)].isalnum()):
            return idx.exact[k]
    for m in idx.contains.finditer(key, 1):
        k, before = m.group(), key[: m.start()]
        if k[0] in "未不没" or not (_NEGATORS.intersection(before) or before.endswith(("部分", "基本", "大部", "尚"))):
            return idx.exact[k]
    return None


def _parse_text(text: str, vocab: Vocabulary | None) -> Value:
    idx = _DEFAULT_INDEX if vocab is None or vocab is _DEFAULT_VOCAB else _index(vocab)
    m = _PLAIN.fullmatch(text)  # most actuals: "96.5%", "8676", "≥95%", "30天" — nothing to normalise
    if m is not None and text not in idx.words:  # (a pack may list such a text as a phrase or marker)
        op, num, unit = m.groups()
        if unit is not None:
            u = _FAST_UNITS.get(unit)
            if u is not None:
                return _mk(text, ValueKind.NUMBER, op or None, float(num), u)
        elif not op or "." not in num or not _YEAR_MONTH.fullmatch(num):  # "≤2024.12" is a deadline
            return _mk(text, ValueKind.NUMBER, op or None, float(num))
    s = _normalise(text)
    if not s:
        return _mk(text, ValueKind.EMPTY)
    band = idx.exact.get(s)
    if band is not None:
        return _mk(text, ValueKind.QUALITATIVE, band=band)
    folded = s.casefold()
    if folded in _NON_FINITE:  # before the markers: "nan" is one in the default list (pandas' text)
        return _non_finite(text)
    if folded in idx.na or (s[0] in idx.na_chars and all(c in idx.na_chars for c in s)):
        return _mk(text, ValueKind.NOT_APPLICABLE)
    m = _FAST.fullmatch(s)  # fast path: "≥95%", "100", "30天", "≤5万元", "不低于90%", "95%以上"
    if m:
        pre, num, unit, post = m.groups()
        u = _FAST_UNITS.get(unit, _BAD) if unit else None
        if u != _BAD and not (pre and post) and (
                u or not (pre or post) or not _YEAR_MONTH.fullmatch(num)):
            op = OPERATORS_BEFORE[pre] if pre else _post_op(post) if post else None
            return _mk(text, ValueKind.NUMBER, op, float(num), u)
    m = _MAIN.fullmatch(s)
    if m:
        v = _from_main(m, text, False, None)
        if v is not None:
            return v
    if s[0] == "#" and (e := _EXCEL_ERROR.fullmatch(text.translate(_TABLE).strip())):
        return _invalid(text, f"单元格为错误值{e.group().upper()}（Excel 错误值，公式无法计算），请修正公式或直接填写数值")
    if len(s) > 200:
        band = _match_phrase(s[:200], idx)
        return _mk(text, ValueKind.QUALITATIVE, band=band) if band else _mk(text, ValueKind.TEXT)
    return _parse_slow(s, text, idx)


def _parse_slow(s: str, raw: str, idx: _Index) -> Value:
    m = _SCIENTIFIC.fullmatch(s)  # 1e308, 1.5E+3: how programs print extreme numbers
    if m:
        x = _num(m.group(2))
        if not -MAX_MAGNITUDE < x < MAX_MAGNITUDE:
            return _too_large(raw)
        op = OPERATORS_BEFORE[m.group(1)] if m.group(1) else None
        return _mk(raw, ValueKind.NUMBER, op, x, m.group(3) or None, negative=x < 0)
    v = _parse_quantity(s, raw, main=False)
    if v is not None:
        return v
    if "每" in s:
        v = _parse_per(s.lstrip("(["), raw)
        if v is not None:
            return v
    band = idx.exact.get(_phrase_key(s))
    if band is not None:
        return _mk(raw, ValueKind.QUALITATIVE, band=band)
    # Strip a trailing note in brackets, leading filler words / labels, a trailing 完成.
    candidates: list[tuple[str, str | None]] = []
    m = _PAREN_TAIL.fullmatch(s)
    if m and m.group(2) not in ("含", "含本数"):
        candidates.append((m.group(1), f"附注“{m.group(2)}”未参与计算"))
    for t, note in list(candidates) + [(s, None)]:
        f = _FILLER_PRE.match(t)
        if f and f.end() < len(t):
            candidates.append((t[f.end():], _join(note, f"忽略文字“{f.group(0).rstrip(':')}”")))
        lab = _LABEL.match(t)
        if lab and lab.end() < len(t) and "每" not in lab.group(0):  # 每人每月 is a unit, not a label
            candidates.append((t[lab.end():], _join(note, f"忽略文字“{lab.group(0).rstrip(':')}”")))
    for t, note in list(candidates) + [(s, None)]:
        f = _FILLER_POST.search(t)
        if f and f.start() > 0:
            candidates.append((t[: f.start()], note))
    for t, note in candidates:
        v = _parse_quantity(t, raw, note=note)
        if v is not None:
            return v
    band = _match_phrase(s, idx)
    if band is not None:
        return _mk(raw, ValueKind.QUALITATIVE, band=band)
    # Chinese numerals: 三所, 十二个, 百分之九十五, 三至五个, 十二月底前 (only with a known unit);
    # proportions: 九成, 三分之二, 过半.
    if any(c in _CN_TRIGGER for c in s):
        for t, note in [(s, None), *candidates]:
            c = _CN_RUN.sub(_cn_sub, _proportions(t))
            if c != t:
                v = _parse_quantity(c, raw, strict=True, note=note) or ("每" in c and _parse_per(c, raw, True)) or None
                if v is not None:
                    return v
    if not any(c.isalnum() for c in s):  # "≥", "%", "??": symbols only
        return _invalid(raw)
    if _HAS_NUMBER.search(s):
        residue = _RESIDUE_DROP.sub("", s)
        residue = "".join(c for c in residue if c.isalnum() and c not in _UNIT_CHAR_SET)
        if len(residue) <= 1:
            return _invalid(raw)
        return _mk(raw, ValueKind.TEXT, reason=f"“{shorten(raw)}”含数字但夹有文字表述，无法作为数值比较")
    return _mk(raw, ValueKind.TEXT)


# Text that is already normal (ASCII digits, no spaces or edge punctuation) and needs no other rule:
# an optional one-character operator, a plain decimal, an optional percent sign or unit word.
_PLAIN = re.compile(r"([≥≤<>=]?)([0-9]{1,15}(?:\.(?!0{9})[0-9]{1,15})?)(%|‰|[\u4e00-\u9fff]{1,4})?")
_FAST = re.compile(
    r"([≥≤<>=]|不低于|不少于|不超过|不高于|大于等于|小于等于)?(\d{1,15}(?:\.(?!0{9})\d+)?)(%|‰|[\u4e00-\u9fff]{1,4}?)?(以上|以下|以内|之内)?"
)
_FAST_UNITS: dict[str, str] = {
    u: c
    for u in _KNOWN_UNITS | set(_UNIT_ALIASES) | {p + b for p, _ in _SCALE_PREFIXES for b in ("元", "人次", "人", "亩", "吨", "户")}
    if u not in ("年", "年度", "月") and (c := _canon_unit(u)) != _BAD
}
_UNIT_CHAR_SET = frozenset("".join(_KNOWN_UNITS) + "".join(_UNIT_ALIASES) + "万亿千百")
_DEFAULT_VOCAB = default_vocabulary()
_DEFAULT_INDEX = _index(_DEFAULT_VOCAB)


def _parse_object(obj: object, vocab: Vocabulary | None) -> Value:
    if obj is None:
        return _mk("", ValueKind.EMPTY)
    if isinstance(obj, bool):
        return _mk("TRUE" if obj else "FALSE", ValueKind.QUALITATIVE, band=Band.FULL if obj else Band.FAIL)
    if isinstance(obj, datetime):
        d = obj.date()
        raw = d.isoformat() if obj.time() == time(0) and obj.tzinfo is None else obj.isoformat(sep=" ")
        return _mk(raw, ValueKind.DATE, when=d)
    if isinstance(obj, date):
        return _mk(obj.isoformat(), ValueKind.DATE, when=obj)
    if isinstance(obj, time):
        return _invalid(obj.isoformat(), f"单元格“{obj.isoformat()}”是时刻，不是数值或日期")
    if isinstance(obj, numbers.Real):
        try:
            x = float(obj)
        except (OverflowError, ValueError, TypeError):
            return _too_large(_safe_str(obj))
        if math.isnan(x) or math.isinf(x):
            return _non_finite(str(x))
        if not -MAX_MAGNITUDE < x < MAX_MAGNITUDE:
            return _too_large(number_text(x))
        note = None
        if -MIN_MAGNITUDE < x < MIN_MAGNITUDE:
            if x:
                note = f"数值{x!r}过小（公式误差），按0计"
            x = 0.0  # also -0.0 → 0.0
        raw = str(obj) if isinstance(obj, numbers.Integral) else number_text(x)
        return _mk(raw, ValueKind.NUMBER, number=x, reason=note, negative=x < 0)
    if isinstance(obj, bytes | bytearray | memoryview):
        text = bytes(obj).decode("utf-8", "replace")
    else:
        try:
            text = str(obj)
        except Exception:
            return _mk("", ValueKind.INVALID, reason="无法读取单元格内容")
        if not isinstance(text, str):
            return _mk("", ValueKind.INVALID, reason="无法读取单元格内容")
    return _parse_cached(text, vocab)


@lru_cache(maxsize=4096)
def _parse_cached(text: str, vocab: Vocabulary | None) -> Value:
    return _parse_text(text, vocab)


def _safe_str(obj: object) -> str:
    try:
        return str(obj)
    except Exception:
        return ""


def _safe(text: object) -> str:
    return text if isinstance(text, str) else ""


def parse_value_uncached(text: object, vocab: Vocabulary | None = None) -> Value:
    """`parse_value` without the cache (for benchmarks)."""
    try:
        if vocab is not None and not isinstance(vocab, Vocabulary):
            vocab = None
        if type(text) is str:
            return _parse_text(text, vocab)
        if isinstance(text, str):
            return _parse_text(str.__str__(text), vocab)
        return _parse_object(text, vocab)
    except Exception:  # never raise on user data
        return _mk(_safe(text), ValueKind.INVALID, reason="无法识别该值（内部错误）")


def parse_value(text: object, vocab: Vocabulary | None = None) -> Value:
    """Parse a target/actual as typed into a Value. Never raises (see the module docstring)."""
    if type(text) is str and (vocab is None or type(vocab) is Vocabulary):
        try:
            return _parse_cached(text, vocab)
        except Exception:
            pass
    return parse_value_uncached(text, vocab)


parse_value.__wrapped__ = parse_value_uncached  # type: ignore[attr-defined]
parse_value.cache_clear = _parse_cached.cache_clear  # type: ignore[attr-defined]
parse_value.cache_info = _parse_cached.cache_info  # type: ignore[attr-defined]


def is_not_applicable(text: object, vocab: Vocabulary | None = None) -> bool:
    """Is `text` a not-applicable marker ("—", "不适用", "Ｎ／Ａ", "———" …) — exactly when parse_value says so."""
    return parse_value(text, vocab).kind is ValueKind.NOT_APPLICABLE


@lru_cache(maxsize=256)
def parse_direction(text: str) -> str | None:
    """A 指标性质 or an operator written alone → "≥" "≤" "=" ">" "<" "定性"; None for anything else (定量, blank).

    The 指标性质 words (正向, 反向, 定性 …) and every operator spelling parse_value reads before or after a
    number (≥, ＞＝, ⩾, 不小于, 以上 …): one table for the reader, the engine and the rules.
    """
    s = _normalise(text)
    return DIRECTION_WORDS.get(s) or OPERATORS_BEFORE.get(s) or OPERATORS_AFTER.get(s)
