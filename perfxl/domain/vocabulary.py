"""The words of budget performance forms, one home each (docs/dev/architecture.md, "Vocabulary").

Everything that reads or writes a form spells these the same way: the not-applicable markers, the
qualitative bands and the phrases that name them, the operator words of a target, the 指标性质 words,
Excel's error values and how a number is written as text. Pure data; imports nothing else of perfxl.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum


class Band(StrEnum):
    """Qualitative result bands (财预〔2020〕10号: 达成 / 部分达成 / 未达成)."""

    FULL = "full"  # 达成年度指标
    PARTIAL = "partial"  # 部分达成年度指标并具有一定效果
    FAIL = "fail"  # 未达成年度指标且效果较差


# The national labels of the bands, in Band order (财预〔2020〕10号 附1).
QUALITATIVE_RESULTS: tuple[str, str, str] = ("达成年度指标", "部分达成年度指标并具有一定效果", "未达成年度指标且效果较差")
BAND_LABELS: dict[Band, str] = dict(zip(Band, QUALITATIVE_RESULTS, strict=True))
# Their short names, where a cell or list has no room for the whole label (the head words of the labels above).
BAND_SHORT: dict[Band, str] = {Band.FULL: "达成", Band.PARTIAL: "部分达成", Band.FAIL: "未达成"}

# Markers for "no value / not applicable" seen in published 自评表 ◐ (docs/dev/domain.md §3.8). Rule-pack
# data: a pack's [values] not_applicable adds to them (`na_markers`). A cell holding one is blank for a
# number field and not applicable for a target or actual. Matched after normalisation (full-width forms,
# spaces, case: "Ｎ／Ａ", "不 适 用"); a text made only of the one-character symbols ("———", "//") is one too.
NA_MARKERS: tuple[str, ...] = (
    "—", "——", "-", "--", "－", "/", "//", "／", "\\", "*", "＊", "无", "暂无", "不适用", "不涉及",
    "无此项", "不考核", "N/A", "n/a", "NA", "none", "null",
)


def na_markers(extra: Iterable[str] = ()) -> tuple[str, ...]:
    """The national markers followed by a pack's `extra` ones, without repeats, in order."""
    return tuple(dict.fromkeys([*NA_MARKERS, *extra]))


QUALITATIVE_PHRASES: tuple[tuple[str, Band], ...] = tuple(
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


# Operator words and symbols of a target → the canonical operator (docs/dev/domain.md §3.10). Look-alike
# characters (═ ＝ ⩾ ⩽ ≧ ≦ ＞＝ 〉=) are normalised to these before lookup.
OPERATORS_BEFORE: dict[str, str] = {
    ">=": "≥", "=>": "≥", "≥": "≥", "≮": "≥", "大于或等于": "≥", "大于等于": "≥", "不低于": "≥", "不少于": "≥",
    "不小于": "≥", "不得低于": "≥", "不得少于": "≥", "至少": "≥", "最少": "≥", "最低": "≥",
    "<=": "≤", "=<": "≤", "≤": "≤", "≯": "≤", "小于或等于": "≤", "小于等于": "≤", "不高于": "≤", "不超过": "≤",
    "不多于": "≤", "不大于": "≤", "不得高于": "≤", "不得超过": "≤", "最多": "≤", "至多": "≤", "最高": "≤",
    "≥=": "≥", "=≥": "≥", ">==": "≥", "≥≥": "≥", "≤=": "≤", "=≤": "≤", "<==": "≤", "≤≤": "≤",
    "==": "=", "=": "=", "等于": "=",
    ">": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "小于": "<", "低于": "<", "少于": "<", "不足": "<", "不到": "<",
}
OPERATORS_AFTER: dict[str, str] = {
    "以上": "≥", "之上": "≥", "以下": "≤", "之下": "≤", "以内": "≤", "之内": "≤", "内": "≤",
    # operator words written after the value ("95%不低于", "3个不少于")
    "不低于": "≥", "不少于": "≥", "不小于": "≥", "大于等于": "≥", "大于或等于": "≥",
    "不高于": "≤", "不超过": "≤", "不多于": "≤", "不大于": "≤", "小于等于": "≤", "小于或等于": "≤",
}
# Not before the number: "以下3项" reads "the following 3 items", "以上95%" is not Chinese.

# 指标性质 words that name a direction without being an operator of a value (docs/dev/domain.md §3.11).
DIRECTION_WORDS: dict[str, str] = {
    "正向": "≥", "正向指标": "≥", "反向": "≤", "反向指标": "≤", "逆向": "≤", "逆向指标": "≤", "定性": "定性", "定性指标": "定性",
}


# Excel's error values: a formula that cannot be computed shows one of these instead of a number.
EXCEL_ERRORS: tuple[str, ...] = (
    "#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA",
    "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!",
)


# The largest magnitude a form figure can have, for the reader (T016, B109) and the value parser alike: Excel
# keeps 15 significant digits, so a figure of 16 integer digits (≥ 10¹⁵) has lost its last ones, and 10¹⁵ 元
# is several times China's GDP. Numbers must be strictly smaller in absolute value.
MAX_MAGNITUDE = 1e15
MAX_MAGNITUDE_TEXT = "10的15次方"  # how messages name it


def number_text(x: float | int) -> str:
    """A number as people write it: 95.0 → "95", 93.5 → "93.5", 1e-7 → "0.0000001", 1e20 → "100000000000000000000".

    The shortest text that reads back as the same float (repr's digits), never scientific notation.
    """
    if isinstance(x, int):
        return str(int(x))
    x = float(x)
    if -1e16 < x < 1e16 and x.is_integer():
        return str(int(x))
    text = repr(x)
    if "e" in text:
        text = format(Decimal(text), "f")
    return text
