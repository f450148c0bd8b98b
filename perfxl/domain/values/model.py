"""Values and vocabularies as data: ValueKind, Value, PhraseMap, Vocabulary (+ the national default); the parser's value constructors."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache

from perfxl.domain.vocabulary import MAX_MAGNITUDE_TEXT, NA_MARKERS, QUALITATIVE_PHRASES, Band


class ValueKind(StrEnum):
    NUMBER = "number"  # a quantity, optionally with an operator: "≥95%", "30天", "1.2万元", "3"
    RANGE = "range"  # "90%-95%", "3至5个"
    DATE = "date"  # a deadline or date: "2024年12月31日前", "2024-06-30"
    QUALITATIVE = "qualitative"  # a phrase mapped to a band: 达成年度指标, 已完成, 是, 否 ...
    TEXT = "text"  # free text with no number and no known phrase ("较上年提高", "明显改善")
    NOT_APPLICABLE = "na"  # —, /, *, 无, 不适用
    EMPTY = "empty"  # blank / None
    INVALID = "invalid"  # looks like a value but cannot be understood (reason says why)


@dataclass(frozen=True, slots=True, init=False)  # __init__ below
class Value:
    raw: str  # the text as given ("" for None); numbers given as numbers become a clean str ("3", "0.95")
    kind: ValueKind
    op: str | None = None  # one of "≥" "≤" "=" ">" "<"; None when no operator was written
    number: float | None = None  # magnitude as written: "95%" → 95.0 with unit "%"; "0.95" → 0.95
    unit: str | None = None  # normalised unit written with the value: "%", "天", "万元", "人次" …
    low: float | None = None  # RANGE bounds (same scale as number)
    high: float | None = None
    when: date | None = None  # DATE (None when the year was not written, see month_day)
    band: Band | None = None  # QUALITATIVE
    reason: str | None = None  # INVALID (and notes for others): Chinese explanation
    negative: bool = False  # a negative number was written
    month_day: tuple[int, int] | None = None  # DATE without a year: (month, day); day 31 = month end
    approx: bool = False  # written as an approximation: 约95%, 95%左右

    def __init__(self, raw: str, kind: ValueKind, op: str | None = None, number: float | None = None,
                 unit: str | None = None, low: float | None = None, high: float | None = None,
                 when: date | None = None, band: Band | None = None, reason: str | None = None,
                 negative: bool = False, month_day: tuple[int, int] | None = None, approx: bool = False) -> None:
        # The __init__ @dataclass(frozen=True) would generate, except that each field is stored through
        # its slot's descriptor instead of object.__setattr__(self, name, value), which costs twice as
        # much (a Value is made for every text parsed). Assignment afterwards still raises.
        _set_raw(self, raw)
        _set_kind(self, kind)
        _set_op(self, op)
        _set_number(self, number)
        _set_unit(self, unit)
        _set_low(self, low)
        _set_high(self, high)
        _set_when(self, when)
        _set_band(self, band)
        _set_reason(self, reason)
        _set_negative(self, negative)
        _set_month_day(self, month_day)
        _set_approx(self, approx)

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def is_quantity(self) -> bool:
        return self.kind in (ValueKind.NUMBER, ValueKind.RANGE, ValueKind.DATE)

    def with_year(self, year: int) -> Value:
        """Resolve a year-less date ("12月底前") in `year`; other values are returned unchanged."""
        if self.kind is not ValueKind.DATE or self.when is not None or self.month_day is None:
            return self
        try:
            m, d = self.month_day
            when = date(year, m, min(d, calendar.monthrange(year, m)[1]))
        except (ValueError, TypeError, OverflowError):
            return self
        return replace(self, when=when, month_day=None, reason=None)


(_set_raw, _set_kind, _set_op, _set_number, _set_unit, _set_low, _set_high, _set_when, _set_band, _set_reason,
 _set_negative, _set_month_day, _set_approx) = (Value.__dict__[f.name].__set__ for f in fields(Value))

_mk = Value  # positional constructor used throughout the parser


class PhraseMap(Mapping[str, Band]):
    """An immutable, hashable phrase → Band mapping (so a Vocabulary can key a cache)."""

    __slots__ = ("_d", "_h")

    def __init__(self, items: Mapping[str, Band | str] | Iterable[tuple[str, Band | str]] = ()):
        pairs = items.items() if isinstance(items, Mapping) else items
        self._d: dict[str, Band] = {str(k): Band(v) for k, v in pairs}
        self._h: int | None = None

    def __getitem__(self, key: str) -> Band:
        return self._d[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._d)

    def __len__(self) -> int:
        return len(self._d)

    def __hash__(self) -> int:
        if self._h is None:
            self._h = hash(frozenset(self._d.items()))
        return self._h

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PhraseMap):
            return self is other or self._d == other._d
        return isinstance(other, Mapping) and self._d == dict(other.items())

    def __repr__(self) -> str:
        return f"PhraseMap({self._d!r})"

    def __reduce__(self) -> tuple[type[PhraseMap], tuple[tuple[tuple[str, Band], ...]]]:
        return PhraseMap, (tuple(self._d.items()),)  # never pickle the cached hash (str hashes vary by process)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Rule-pack data the parser uses: not-applicable markers and qualitative phrase → band.

    Any iterable / mapping is accepted; they are frozen on construction (`qualitative` becomes a
    hashable `PhraseMap`) so the vocabulary can be part of the parse cache key.
    """

    na_markers: frozenset[str]
    qualitative: Mapping[str, Band]

    def __post_init__(self) -> None:
        if not isinstance(self.na_markers, frozenset):
            object.__setattr__(self, "na_markers", frozenset(self.na_markers))
        if not isinstance(self.qualitative, PhraseMap):
            object.__setattr__(self, "qualitative", PhraseMap(self.qualitative))


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The national default vocabulary (one shared instance)."""
    return Vocabulary(na_markers=frozenset(NA_MARKERS), qualitative=PhraseMap(QUALITATIVE_PHRASES))


def shorten(raw: str) -> str:
    """`raw` stripped and cut to 40 characters, for quoting a value in a message."""
    s = raw.strip()
    return s if len(s) <= 40 else s[:39] + "…"


def _invalid(raw: str, reason: str | None = None) -> Value:
    return _mk(raw, ValueKind.INVALID, reason=reason or f"无法识别数值“{shorten(raw)}”：请填写如“≥90%”的数值")


# Magnitudes a form can hold (documented in the module docstring; the largest is the vocabulary's).
MIN_MAGNITUDE = 1e-9


def _num(text: str) -> float:
    x = float(text.replace(",", ""))
    return 0.0 if -MIN_MAGNITUDE < x < MIN_MAGNITUDE else x  # also -0.0 → 0.0


def _too_large(raw: str) -> Value:
    return _invalid(raw, f"数值超出合理范围（绝对值应小于{MAX_MAGNITUDE_TEXT}）：“{shorten(raw)}”")


def _non_finite(raw: str) -> Value:
    return _invalid(raw, f"数值“{shorten(raw)}”不是有限数，请填写实际数值")


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return "；".join(parts) if parts else None
