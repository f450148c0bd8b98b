"""Target and actual values: text as typed → a structured Value that keeps the raw text (docs/dev/domain.md §3.10).

`parse_value` never raises; an unparseable value has kind INVALID and a Chinese `reason`.
`perfxl.scoring.align` puts a target and an actual on one scale (percent vs fraction, 万元 vs 元, dates).
The words it knows (markers, phrases, operators) live in `perfxl.domain.vocabulary`.
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
  `perfxl.scoring.align.EXCEL_SERIAL_WINDOW` (2000-01-01 … 2099-12-31, 1900 date system) is read as that date, with a
  note: a date cell whose number format was lost.
- Edges. A number, typed or given as an object, must have |x| < `MAX_MAGNITUDE` (10¹⁵ as written:
  Excel keeps 15 significant digits, and 10¹⁵ 元 is several times China's GDP); beyond it the value
  is INVALID ("数值超出合理范围…"), so no inf can come out of a unit conversion. |x| <
  `MIN_MAGNITUDE` (10⁻⁹) is formula noise (0.1+0.2−0.3) or a denormal and counts as 0 (a note when
  given as an object), so nothing divides by it; -0.0 is 0. NaN, ±inf and the words inf / infinity /
  ∞ / NaN are INVALID ("不是有限数") — "nan" (pandas' text for a missing cell) is no not-applicable
  marker: a pack listing it does not change that. Excel error
  values (#DIV/0!, #REF!, #N/A, #VALUE!, #NAME?, #NUM!, #NULL! …) as text or as an object whose str()
  is one are INVALID ("单元格为错误值#DIV/0!…"). Scientific notation ("1.5E+3", "1e308") is read as a
  number, within the same bounds.
- bool → QUALITATIVE (True FULL / False FAIL, raw "TRUE"/"FALSE").
"""

from perfxl.domain.values.model import (
    MIN_MAGNITUDE,
    PhraseMap,
    Value,
    ValueKind,
    Vocabulary,
    default_vocabulary,
    shorten,
)
from perfxl.domain.values.parser import is_not_applicable, parse_direction, parse_value, parse_value_uncached
from perfxl.domain.values.render import render
from perfxl.domain.values.units import column_unit, unit_factor
from perfxl.domain.vocabulary import MAX_MAGNITUDE, Band

__all__ = [
    "MAX_MAGNITUDE", "MIN_MAGNITUDE", "Band", "PhraseMap", "Value", "ValueKind", "Vocabulary", "column_unit",
    "default_vocabulary", "is_not_applicable", "parse_direction", "parse_value", "parse_value_uncached", "render",
    "shorten", "unit_factor",
]
