"""Target and actual values: text as typed → a structured Value that keeps the raw text (docs/dev/domain.md §3.10).

`parse_value` never raises; an unparseable value has kind INVALID and a Chinese `reason`.
`align` puts a target and an actual on one scale (percent vs fraction, 万元 vs 元, dates) for scoring.
`render` gives a Value's canonical spelling ("≥95%", "300元/人·月", "2024年12月31日前").

Decisions (documented here once):

- Dates. "2024年12月31日前" → DATE, when=2024-12-31, op "≤" (前/之前/以前/截止/为止/以内/内 and the
  prefixes 截至/不晚于/最迟 mean a deadline); without a deadline word op is None. A month without a day
  means the month's last day ("2024年12月底前", "2024年6月"); 上旬/中旬 → day 10/20, 月中 → 15.
  "2024年" alone → 2024-12-31; 上半年/年中 → 6-30; quarters → quarter end. A date written without a
  year ("12月底前", "年底前", "6月30日之前") has when=None, `month_day`=(month, day) — day 31 means
  "end of month", clamped on resolution — and a `reason` saying the year is missing;
  `Value.with_year(y)` or `align(..., year=y)` resolves it. A bare "6月" (1–12, no 个) is a date;
  "6个月" is a duration. "2024.12" / "2024-12" without a unit are months (not 2024.12, not a range).
- Ranges. "90%-95%", "90-95%", "3至5个" → RANGE with low ≤ high (swapped if written backwards), number=low;
  one unit for both ends (written on either end). `align` uses the low end as the target
  (≥-type scoring) and returns the high end as `Comparison.target_high`.
- Approximations. "约95%", "95%左右" → NUMBER with approx=True and a note in `reason`.
- Leading words. Numbers win over phrases: "完成95%", "合格率≥95%", "完成率：95%" → NUMBER; the dropped
  words are noted in `reason`. A number inside other wording ("较上年提高5%") is TEXT.
- Operators. Look-alikes (═ ＝ ⩾ ⩽ ≧ ≦ ＞＝ ≥= =≥ 〉=) are the plain operator. Operator words work
  before or after the value ("不低于95%", "95%不低于"); 以上/以下/以内 only after it ("以下3项" is
  "the following 3 items"). Bracket qualifiers: (含)/(含本数)/(含95%) make > and < inclusive,
  (不含) makes ≥ and ≤ strict, (百分比)/(%) name the unit; "(含90%)" next to 95% stays a note.
- Compound units have one spelling, parts joined by "·": 元/人*月, 元/人×月, 元/人.月, 元/(人·月),
  元/人/月 → 元/人·月. Rates with 每 are the same unit: 每人每月300元 → 300 元/人·月, 300元每亩 →
  300 元/亩, 每公里不超过1万元 → ≤ 1 万元/公里. What a rate is "per" must be a known unit (or 月, 生,
  学生), so "每亩补贴300元" stays TEXT. `align` converts compound units part by part (元/人·月 →
  元/人·年 × 12); differently built units (元/人 vs 元/人·月) do not compare.
- Proportions are percents: 九成 → 90%, 九成五 → 95%, 三分之二 → 66.6666666667% (12 significant
  digits), 过半/超过半数 → >50%, 半数以上 → ≥50%, 一半 → 50%.
- Percent scale. A bare number under a 计量单位 of % is that percent (0.9 → 0.9%), never scaled;
  when the fraction reading would have been nearer the other side, `align` says how to write it in
  its note. Only a percent-formatted workbook cell holds a fraction, and the reader turns such cells
  into text ("95%") before this module sees them. With no 计量单位 column (form JSON, a target
  "≥95%" next to an actual "0.95"), nothing says which scale the bare number is on, so the nearer
  reading wins: a plain number ≤ 1.5 is read as a fraction (× 100) when that is nearer the other
  side, with a note ("实际值0.95按小数读作95%"); "≤1%" next to "0.5" stays 0.5%.
- Excel date serials. Next to a DATE (and only there) a bare number without unit in
  `EXCEL_SERIAL_WINDOW` (2000-01-01 … 2099-12-31, 1900 date system) is read as that date, with a
  note: a date cell whose number format was lost.
- Edges. A number, typed or given as an object, must have |x| < `MAX_MAGNITUDE` (10¹⁵ as written:
  Excel keeps 15 significant digits, and 10¹⁵ 元 is several times China's GDP); beyond it the value
  is INVALID ("数值超出合理范围…"), so no inf can come out of a unit conversion. |x| <
  `MIN_MAGNITUDE` (10⁻⁹) is formula noise (0.1+0.2−0.3) or a denormal and counts as 0 (a note when
  given as an object), so nothing divides by it; -0.0 is 0. NaN, ±inf and the words inf / infinity /
  ∞ / NaN are INVALID ("不是有限数") — even "nan", a not-applicable marker in the default list (it is
  pandas' text for a missing cell; a pack marker list decides that only for other words). Excel error
  values (#DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL! …) as text or as an object whose str()
  is one are INVALID ("单元格为错误值#DIV/0!…"). Scientific notation ("1.5E+3", "1e308") is read as a
  number, within the same bounds.
- bool → QUALITATIVE (True FULL / False FAIL, raw "TRUE"/"FALSE").
"""

from __future__ import annotations

import calendar
import math
import numbers
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache


class ValueKind(StrEnum):
    NUMBER = "number"  # a quantity, optionally with an operator: "≥95%", "30天", "1.2万元", "3"
    RANGE = "range"  # "90%-95%", "3至5个"
    DATE = "date"  # a deadline or date: "2024年12月31日前", "2024-06-30"
    QUALITATIVE = "qualitative"  # a phrase mapped to a band: 达成年度指标, 已完成, 是, 否 ...
    TEXT = "text"  # free text with no number and no known phrase ("较上年提高", "明显改善")
    NOT_APPLICABLE = "na"  # —, /, *, 无, 不适用
    EMPTY = "empty"  # blank / None
    INVALID = "invalid"  # looks like a value but cannot be understood (reason says why)


class Band(StrEnum):
    """Qualitative result bands (财预〔2020〕10号: 达成 / 部分达成 / 未达成)."""

    FULL = "full"  # 达成年度指标
    PARTIAL = "partial"  # 部分达成年度指标并具有一定效果
    FAIL = "fail"  # 未达成年度指标且效果较差


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


# --- rule-pack defaults --------------------------------------------------------------------------

# Markers for "no value / not applicable" seen in published 自评表 ◐.
DEFAULT_NA_MARKERS: tuple[str, ...] = (
    "—", "——", "-", "--", "－", "/", "//", "／", "\\", "*", "＊", "无", "暂无", "不适用", "不涉及",
    "无此项", "不考核", "N/A", "n/a", "NA", "none", "null", "nan",
)

# 财预〔2020〕10号 band labels ✔ and the free-text actuals that map onto them (docs/dev/domain.md §3.7; rule-pack data).
DEFAULT_QUALITATIVE: tuple[tuple[str, Band], ...] = tuple(
    [(p, Band.FULL) for p in (
        "达成年度指标", "达成年度目标", "达成预期指标", "达成预期目标", "达到预期", "达到预期目标",
        "达到预期效果", "达到预期指标", "达成预期", "达成", "已达成", "全部达成", "达到", "已达到", "实现",
        "已实现", "全部实现", "完成", "已完成", "全部完成", "全面完成", "圆满完成", "完成目标", "已全部完成",
        "按时完成", "按期完成", "如期完成", "已按时完成", "已按期完成", "按计划完成", "按要求完成",
        "达标", "已达标", "全部达标", "合格", "全部合格", "验收合格", "通过验收", "已验收", "通过", "已通过",
        "是", "有", "好", "优", "优秀", "良好", "很好", "符合", "符合要求", "符合标准", "符合规定",
        "满足", "满足要求", "满足需求", "满意", "非常满意", "很满意", "正常", "及时", "已落实", "落实到位",
        "到位", "效果显著", "显著", "√", "✓", "✔", "yes", "y", "true",
    )]
    + [(p, Band.PARTIAL) for p in (
        "部分达成年度指标并具有一定效果", "部分达成年度指标", "部分达成", "基本达成", "基本达成年度指标",
        "基本达到", "基本达到预期", "基本实现", "基本完成", "部分完成", "大部分完成", "部分实现",
        "一般", "较好", "比较好", "中", "尚可", "基本合格", "基本符合", "基本满足", "基本满意", "比较满意",
        "较满意", "基本达标", "部分达标", "基本到位",
    )]
    + [(p, Band.FAIL) for p in (
        "未达成年度指标且效果较差", "未达成年度指标", "未达成", "未达到", "未达到预期", "未实现", "未完成",
        "没有完成", "未按时完成", "未按期完成", "未达标", "不达标", "否", "差", "较差", "很差", "不合格",
        "不符合", "不满足", "不满意", "未通过", "未到位", "×", "✗", "✘", "no", "n", "false",
    )]
)


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The national default vocabulary (one shared instance)."""
    return Vocabulary(na_markers=frozenset(DEFAULT_NA_MARKERS), qualitative=PhraseMap(DEFAULT_QUALITATIVE))


# --- normalisation -------------------------------------------------------------------------------

_TABLE: dict[int, int | str | None] = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}  # full-width ASCII
_TABLE.update({ord(c): " " for c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"})
_TABLE.update({c: " " for c in range(0x2000, 0x200B)})
_TABLE.update({ord(c): None for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"})
_TABLE.update({ord(c): "≥" for c in "≧⩾⪖"})
_TABLE.update({ord(c): "≤" for c in "≦⩽⪕"})
_TABLE.update({ord(c): "=" for c in "═⩵꞊﹦"})  # look-alikes typed for "=" (box drawing, small form variant)
_TABLE.update({ord(c): ">" for c in "〉\u232a›﹥"})
_TABLE.update({ord(c): "<" for c in "〈\u2329‹﹤"})
_TABLE.update({ord(c): "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2500\u2501"})
_TABLE.update({ord(c): "~" for c in "\u301c\u2053\u223c"})
_TABLE.update({ord("﹪"): "%", ord("【"): "[", ord("】"): "]", ord("〔"): "(", ord("〕"): ")",
               ord("∶"): ":", ord("﹕"): ":", ord("\u3007"): "〇"})

_NEEDS_TABLE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_TABLE)) + r"\s]")
_EDGE_PUNCT = " .,;:!?。、…'\"“”‘’「」『』《》"
_SPACE_THOUSANDS = re.compile(r"(?<=\d) (?=\d{3}(?!\d))")
_SPACE_DROP = re.compile(r"(?<!\d) | (?!\d)")
_CJK_DOT = re.compile(r"(?<=[\u4e00-\u9fff])\.(?=[\u4e00-\u9fff])")  # never a decimal point
_UNIT_PAREN = re.compile(r"/\(([\u4e00-\u9fff]{1,4}(?:[*×xX✕・･.·•∙⋅/][\u4e00-\u9fff]{1,4}){0,2})\)")


def _normalise(text: str) -> str:
    if text.isascii() and text.isprintable():
        if " " not in text:
            return text.strip(_EDGE_PUNCT)
        s = text
    elif "——" in text:  # a Chinese dash between two values ("90%——95%"), never two minus signs
        s = text.replace("——", "~").translate(_TABLE)
    elif _NEEDS_TABLE.search(text):  # most Chinese text has nothing to translate: skip the slow translate
        s = text.translate(_TABLE)
    else:
        s = text
    if " " in s:
        s = " ".join(s.split())
        s = _SPACE_DROP.sub("", _SPACE_THOUSANDS.sub("", s))
    if "/" in s:  # compound units: 元/人.月, 元/(人·月) → 元/人·月
        s = _UNIT_PAREN.sub(r"/\1", _CJK_DOT.sub("·", s))
    return s.strip(_EDGE_PUNCT)


_PUNCT_KEY = re.compile(r"[\W_]+")


def _phrase_key(s: str) -> str:
    return _PUNCT_KEY.sub("", s).casefold()


# --- operators and units -------------------------------------------------------------------------

_PRE_OPS: dict[str, str] = {
    ">=": "≥", "=>": "≥", "≥": "≥", "≮": "≥", "大于或等于": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "不小于": "≥", "不得低于": "≥", "不得少于": "≥", "至少": "≥", "最少": "≥", "最低": "≥",
    "<=": "≤", "=<": "≤", "≤": "≤", "≯": "≤", "小于或等于": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "不多于": "≤", "不大于": "≤", "不得高于": "≤", "不得超过": "≤", "最多": "≤", "至多": "≤", "最高": "≤",
    "≥=": "≥", "=≥": "≥", ">==": "≥", "≥≥": "≥", "≤=": "≤", "=≤": "≤", "<==": "≤", "≤≤": "≤",
    "==": "=", "=": "=", "等于": "=",
    ">": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "小于": "<", "低于": "<", "少于": "<", "不足": "<", "不到": "<",
}
_POST_OPS: dict[str, str] = {
    "以上": "≥", "之上": "≥", "以下": "≤", "之下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
    # operator words written after the value ("95%不低于", "3个不少于")
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "小于或等于": "≤",
}
# Not before the number: "以下3项" reads "the following 3 items", "以上95%" is not Chinese.


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_NUM = r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[+-]?\.\d+"
_UNIT_CHARS = r"[^\d\s+\-~<>=≥≤.,:;!?()\[\]]"
_POST = rf"(?:及|或|\(含\)|含)?(?:{_alt(_POST_OPS)})"
# A qualifier in brackets after the value: (含) / (含本数) / (含95%) make > and < inclusive, (不含) makes
# ≥ and ≤ strict, (百分比) / (%) name the unit.
_QUAL = rf"\((?P<qual>不?含(?:本数|(?:{_NUM})[^()]{{0,8}})?|百分比|%)\)"
_APPROX_PRE = r"约为|大约|大概|约|近|接近|将近"

_MAIN = re.compile(
    rf"(?P<pre>{_alt(_PRE_OPS)})?(?P<apre>{_APPROX_PRE})?(?P<num>{_NUM})(?P<unit>{_UNIT_CHARS}{{1,8}}?)?"
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
        return _invalid(raw, f"日期“{_show(raw)}”中的月份无效")
    if y is None:
        if d is not None and not 1 <= d <= calendar.monthrange(2000, m)[1]:
            return _invalid(raw, f"日期“{_show(raw)}”无效")
        reason = _join(f"日期“{_show(raw)}”未写年份，按评价年度计", note)
        return _mk(raw, ValueKind.DATE, op=op, reason=reason, month_day=(m, 31 if d is None else d))
    year = int(y)
    try:
        when = date(year, m, calendar.monthrange(year, m)[1] if d is None else d)
    except (ValueError, OverflowError):
        return _invalid(raw, f"日期“{_show(raw)}”无效")
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


# --- the parser ----------------------------------------------------------------------------------


def _show(raw: str) -> str:
    s = raw.strip()
    return s if len(s) <= 40 else s[:39] + "…"


def _invalid(raw: str, reason: str | None = None) -> Value:
    return _mk(raw, ValueKind.INVALID, reason=reason or f"无法识别数值“{_show(raw)}”：请填写如“≥90%”的数值")


# Magnitudes a form can hold (documented in the module docstring).
MAX_MAGNITUDE = 1e15
MIN_MAGNITUDE = 1e-9


def _num(text: str) -> float:
    x = float(text.replace(",", ""))
    return 0.0 if -MIN_MAGNITUDE < x < MIN_MAGNITUDE else x  # also -0.0 → 0.0


def _too_large(raw: str) -> Value:
    return _invalid(raw, f"数值超出合理范围（绝对值应小于10的15次方）：“{_show(raw)}”")


def _non_finite(raw: str) -> Value:
    return _invalid(raw, f"数值“{_show(raw)}”不是有限数，请填写实际数值")


def _join(*notes: str | None) -> str | None:
    parts = [n for n in notes if n]
    return "；".join(parts) if parts else None


def _from_main(m: re.Match[str], raw: str, strict: bool, note: str | None) -> Value | None:
    pre, apre, num, unit, post, apost = m.group("pre", "apre", "num", "unit", "post", "apost")
    post = post or m.group("post2")
    cu = _canon_unit(unit or "", strict)
    if cu == _BAD:
        return None
    op = _PRE_OPS[pre] if pre else None
    if post:
        pop = _post_op(post)
        if op is not None and (op == "=" or (op in "≥>") != (pop == "≥")):
            return _invalid(raw, f"“{_show(raw)}”中的运算符相互矛盾")
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
        note = _join(note, f"“{_show(raw)}”为约数，按所写数值计")
    return _mk(raw, ValueKind.NUMBER, op=op, number=x, unit=cu or None, reason=note, negative=x < 0, approx=approx)


_INCLUSIVE = {">": "≥", "<": "≤"}
_STRICT = {"≥": ">", "≤": "<"}


def _post_op(post: str) -> str:
    return next(v for k, v in _POST_OPS.items() if k in post)


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
        return _invalid(raw, f"区间“{_show(raw)}”两端单位不一致")
    lo, hi = _num(m.group("n1")), _num(m.group("n2"))
    if not (-MAX_MAGNITUDE < lo < MAX_MAGNITUDE and -MAX_MAGNITUDE < hi < MAX_MAGNITUDE):
        return _too_large(raw)
    if lo > hi:
        lo, hi = hi, lo
        note = _join(note, "区间上下限写反，已调换")
    if m.group("apre"):
        note = _join(note, f"“{_show(raw)}”为约数，按所写数值计")
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
_EXCEL_ERROR = re.compile(r"#(?:DIV/0!|N/A|VALUE!|REF!|NAME\?|NUM!|NULL!|SPILL!|CALC!|GETTING_DATA|FIELD!|BLOCKED!)",
                          re.IGNORECASE)
_HAS_NUMBER = re.compile(rf"\d|%|‰|百分之|千分之|[{_CN_CHARS}]+(?:成|倍|个|人|次|所|天|年|月|项|元|%)")
_RESIDUE_DROP = re.compile(
    rf"[\d.,%‰+\-~≥≤<>=:/()\[\]{_CN_CHARS}成倍约左右以上下内之及或含]|" + "|".join(sorted(_PRE_OPS, key=len, reverse=True))
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
            op = _PRE_OPS[pre] if pre else _post_op(post) if post else None
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
        op = _PRE_OPS[m.group(1)] if m.group(1) else None
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
        return _mk(raw, ValueKind.TEXT, reason=f"“{_show(raw)}”含数字但夹有文字表述，无法作为数值比较")
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


def _clean_number_text(x: float) -> str:
    if x.is_integer() and abs(x) < 1e16:
        return str(int(x))
    s = repr(x)
    if "e" in s or "E" in s:
        s = format(Decimal(s), "f")
    return s


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
            return _too_large(_clean_number_text(x))
        note = None
        if -MIN_MAGNITUDE < x < MIN_MAGNITUDE:
            if x:
                note = f"数值{x!r}过小（公式误差），按0计"
            x = 0.0  # also -0.0 → 0.0
        raw = str(obj) if isinstance(obj, numbers.Integral) else _clean_number_text(x)
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


# --- canonical text ------------------------------------------------------------------------------

_BAND_TEXT = {Band.FULL: "达成年度指标", Band.PARTIAL: "部分达成年度指标并具有一定效果", Band.FAIL: "未达成年度指标且效果较差"}


def render(v: Value) -> str:
    """The canonical spelling of `v`: "≥95%", "约3个", "90~95%", "2024年12月31日前", "12月底前",
    "达成年度指标", "不适用". `parse_value(render(v))` gives `v` again (except `raw` and notes); TEXT
    and INVALID values render as their raw text. Bands use the national labels."""
    k = v.kind
    if k is ValueKind.NUMBER and v.number is not None:
        num = _clean_number_text(v.number)
        if v.op and v.unit is None and _YEAR_MONTH.fullmatch(num):
            num += "0"  # "≥2024.5" would read as May 2024
        return f"{v.op or ''}{'约' if v.approx else ''}{num}{v.unit or ''}"
    if k is ValueKind.RANGE and v.low is not None and v.high is not None:
        return f"{'约' if v.approx else ''}{_clean_number_text(v.low)}~{_clean_number_text(v.high)}{v.unit or ''}"
    if k is ValueKind.DATE and (v.when or v.month_day):
        if v.when is not None:
            text = f"{v.when.year}年{v.when.month}月{v.when.day}日"
        else:
            m, d = v.month_day  # type: ignore[misc]
            text = f"{m}月底" if d == 31 else f"{m}月{d}日"
        return text + ("前" if v.op == "≤" else "")
    if k is ValueKind.QUALITATIVE and v.band is not None:
        return _BAND_TEXT[v.band]
    if k is ValueKind.NOT_APPLICABLE:
        return "不适用"
    if k is ValueKind.EMPTY:
        return ""
    return v.raw


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


def _canon_column_unit(unit_column: object) -> str | None:
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


def _side_problem(v: Value, side: str) -> str | None:
    name = _SIDE[side]
    k = v.kind
    if k is ValueKind.EMPTY:
        return f"{name}为空，无法比较"
    if k is ValueKind.NOT_APPLICABLE:
        return f"{name}标为不适用（“{_show(v.raw)}”），无法比较"
    if k is ValueKind.TEXT:
        return f"{name}“{_show(v.raw)}”为文字表述，无法作数值比较"
    if k is ValueKind.QUALITATIVE:
        return f"{name}“{_show(v.raw)}”为定性表述，按等级评分，不作数值比较"
    if k is ValueKind.INVALID:
        return f"{name}无法比较：{v.reason or _show(v.raw)}"
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
    col = _canon_column_unit(unit_column)
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
            actual, serial_note = d, f"实际值{_show(actual.raw)}按Excel日期序列号读作{_cn_date(d.when)}"
        elif actual.kind is ValueKind.DATE and (d := _excel_serial_date(target)) is not None:
            target, serial_note = d, f"目标值{_show(target.raw)}按Excel日期序列号读作{_cn_date(d.when)}"
        if target.kind is not actual.kind:
            if target.kind is ValueKind.DATE:
                return None, None, "日期", f"目标值为日期，实际值“{_show(actual.raw)}”不是日期，无法比较", None, None
            return None, None, "日期", f"实际值为日期，目标值“{_show(target.raw)}”不是日期，无法比较", None, None
        for v, side in ((target, "target"), (actual, "actual")):
            if v.when is None:
                return None, None, "日期", f"{_SIDE[side]}“{_show(v.raw)}”未写年份，无法比较（请提供评价年度）", None, None
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
                notes.append(f"实际值{_clean_number_text(a)}按计量单位读作{_clean_number_text(a)}%"
                             f"（如指{_clean_number_text(_round(a * 100))}%，应填写{_clean_number_text(_round(a * 100))}）")
        elif actual.unit is None and _nearer_as_fraction(a, t_lo):  # no column: the nearer reading
            a *= 100
            notes.append(f"实际值{_clean_number_text(a / 100)}按小数读作{_clean_number_text(_round(a))}%")
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


__all__ = [
    "DEFAULT_NA_MARKERS", "DEFAULT_QUALITATIVE", "EXCEL_SERIAL_WINDOW", "MAX_MAGNITUDE", "MIN_MAGNITUDE", "Band",
    "Comparison", "PhraseMap", "Value", "ValueKind", "Vocabulary", "align", "align_tuple", "default_vocabulary",
    "parse_value", "parse_value_uncached", "render", "unit_factor",
]
