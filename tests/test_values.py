"""parse_value / align on real-world spellings from published 绩效自评表 (docs/dev/domain.md §3.10)."""

import copy
import pickle
from dataclasses import fields, replace
from datetime import date, datetime, time
from decimal import Decimal
from fractions import Fraction

import pytest

from perfxl.domain.values import (
    Band,
    PhraseMap,
    Value,
    ValueKind,
    Vocabulary,
    default_vocabulary,
    parse_value,
    parse_value_uncached,
    unit_factor,
)
from perfxl.scoring.align import Comparison, align

N, R, D, Q, T, NA, E, X = (
    ValueKind.NUMBER, ValueKind.RANGE, ValueKind.DATE, ValueKind.QUALITATIVE, ValueKind.TEXT,
    ValueKind.NOT_APPLICABLE, ValueKind.EMPTY, ValueKind.INVALID,
)
FULL, PARTIAL, FAIL = Band.FULL, Band.PARTIAL, Band.FAIL


def c(text, kind, op=None, number=None, unit=None, *, low=None, high=None, when=None, band=None,
      month_day=None, negative=False, approx=False):
    return pytest.param(text, kind, dict(op=op, number=number, unit=unit, low=low, high=high, when=when,
                                         band=band, month_day=month_day, negative=negative, approx=approx),
                        id=repr(text))


CASES = [
    # operators as symbols (half- and full-width) and words
    c("≥95%", N, "≥", 95, "%"),
    c("＞＝90％", N, "≥", 90, "%"),
    c(">=90%", N, "≥", 90, "%"),
    c("≧95%", N, "≥", 95, "%"),
    c("⩾95%", N, "≥", 95, "%"),
    c("≥ 95 %", N, "≥", 95, "%"),
    c("≥ 90 ％", N, "≥", 90, "%"),
    c("不低于90%", N, "≥", 90, "%"),
    c("不少于3所", N, "≥", 3, "所"),
    c("不小于100人", N, "≥", 100, "人"),
    c("大于等于98%", N, "≥", 98, "%"),
    c("不得低于98%", N, "≥", 98, "%"),
    c("至少2次", N, "≥", 2, "次"),
    c("95%以上", N, "≥", 95, "%"),
    c("90% 以上", N, "≥", 90, "%"),
    c("≥90％以上", N, "≥", 90, "%"),
    c("3所及以上", N, "≥", 3, "所"),
    c("90%（含）以上", N, "≥", 90, "%"),
    c("95%以上（含）", N, "≥", 95, "%"),
    c("≤30天", N, "≤", 30, "天"),
    c("≤ 30 天", N, "≤", 30, "天"),
    c("<=5%", N, "≤", 5, "%"),
    c("＜＝5％", N, "≤", 5, "%"),
    c("≦10天", N, "≤", 10, "天"),
    c("不超过5万元", N, "≤", 5, "万元"),
    c("不高于3%", N, "≤", 3, "%"),
    c("不多于2次", N, "≤", 2, "次"),
    c("小于等于1%", N, "≤", 1, "%"),
    c("最多3个", N, "≤", 3, "个"),
    c("5万元以内", N, "≤", 5, "万元"),
    c("3%以下", N, "≤", 3, "%"),
    c("30个工作日之内", N, "≤", 30, "个工作日"),
    c("12个月以内", N, "≤", 12, "个月"),
    c("3天内", N, "≤", 3, "天"),
    c("≤5万元", N, "≤", 5, "万元"),
    c("≤0.5%", N, "≤", 0.5, "%"),
    c("=100%", N, "=", 100, "%"),
    c("＝100％", N, "=", 100, "%"),
    c("等于100%", N, "=", 100, "%"),
    c(">0", N, ">", 0),
    c("大于90%", N, ">", 90, "%"),
    c("超过1000人次", N, ">", 1000, "人次"),
    c("<1%", N, "<", 1, "%"),
    c("低于5%", N, "<", 5, "%"),
    c("少于3次", N, "<", 3, "次"),
    # plain numbers, separators, full-width digits, units
    c("100%", N, None, 100, "%"),
    c("100", N, None, 100),
    c("95", N, None, 95),
    c("0.95", N, None, 0.95),
    c("８７５５人次", N, None, 8755, "人次"),
    c("8,755人次", N, None, 8755, "人次"),
    c("8 755人次", N, None, 8755, "人次"),
    c("1，234", N, None, 1234),
    c("12,345,678元", N, None, 12345678, "元"),
    c("１２个", N, None, 12, "个"),
    c("95．5%", N, None, 95.5, "%"),
    c("30天", N, None, 30, "天"),
    c("30日", N, None, 30, "天"),
    c("1.2万元", N, None, 1.2, "万元"),
    c("≥3.5万元", N, "≥", 3.5, "万元"),
    c("100万元", N, None, 100, "万元"),
    c("3所", N, None, 3, "所"),
    c("100个", N, None, 100, "个"),
    c("12个月", N, None, 12, "个月"),
    c("≤3个月", N, "≤", 3, "个月"),
    c("≤6月", N, "≤", 6, "个月"),
    c("2次", N, None, 2, "次"),
    c("5公里", N, None, 5, "公里"),
    c("5千米", N, None, 5, "公里"),
    c("3.5km", N, None, 3.5, "公里"),
    c("2小时", N, None, 2, "小时"),
    c("10‰", N, None, 10, "‰"),
    c("500元/人", N, None, 500, "元/人"),
    c("≥1次/年", N, "≥", 1, "次/年"),
    c("3个百分点", N, None, 3, "个百分点"),
    c("1.5倍", N, None, 1.5, "倍"),
    # negatives and signs
    c("-5%", N, None, -5, "%", negative=True),
    c("－3.2%", N, None, -3.2, "%", negative=True),
    c("−2", N, None, -2, negative=True),
    c("≥-5%", N, "≥", -5, "%", negative=True),
    c("+5%", N, None, 5, "%"),
    # Chinese numerals
    c("三所", N, None, 3, "所"),
    c("十二个", N, None, 12, "个"),
    c("一百人", N, None, 100, "人"),
    c("两次", N, None, 2, "次"),
    c("两个", N, None, 2, "个"),
    c("二十天", N, None, 20, "天"),
    c("三万元", N, None, 3, "万元"),
    c("不少于三所", N, "≥", 3, "所"),
    c("百分之九十五", N, None, 95, "%"),
    c("百分之百", N, None, 100, "%"),
    c("不低于百分之九十", N, "≥", 90, "%"),
    # approximations, leading words (numbers win over phrases), notes in brackets
    c("约95%", N, None, 95, "%", approx=True),
    c("95%左右", N, None, 95, "%", approx=True),
    c("完成95%", N, None, 95, "%"),
    c("合格率≥95%", N, "≥", 95, "%"),
    c("完成率：98%", N, None, 98, "%"),
    c("已完成，完成率100%", N, None, 100, "%"),
    c("累计完成1.2万元", N, None, 1.2, "万元"),
    c("已完成三项", N, None, 3, "项"),
    c("≥95%（抽检）", N, "≥", 95, "%"),
    # ranges
    c("90%-95%", R, None, 90, "%", low=90, high=95),
    c("90%~95%", R, None, 90, "%", low=90, high=95),
    c("90%～95%", R, None, 90, "%", low=90, high=95),
    c("90%—95%", R, None, 90, "%", low=90, high=95),
    c("90-95%", R, None, 90, "%", low=90, high=95),
    c("90%到95%之间", R, None, 90, "%", low=90, high=95),
    c("95%-90%", R, None, 90, "%", low=90, high=95),
    c("3至5个", R, None, 3, "个", low=3, high=5),
    c("3-5个", R, None, 3, "个", low=3, high=5),
    c("三至五个", R, None, 3, "个", low=3, high=5),
    # dates and deadlines
    c("2024年12月31日前", D, "≤", when=date(2024, 12, 31)),
    c("2024年12月底前", D, "≤", when=date(2024, 12, 31)),
    c("2024年6月30日之前", D, "≤", when=date(2024, 6, 30)),
    c("2024年2月底前", D, "≤", when=date(2024, 2, 29)),
    c("截至2024年12月31日", D, "≤", when=date(2024, 12, 31)),
    c("2024年底前完成", D, "≤", when=date(2024, 12, 31)),
    c("2024年12月31号", D, when=date(2024, 12, 31)),
    c("2024-06-30", D, when=date(2024, 6, 30)),
    c("2024.6.30", D, when=date(2024, 6, 30)),
    c("2024/6/30", D, when=date(2024, 6, 30)),
    c("2024-06-30 00:00:00", D, when=date(2024, 6, 30)),
    c("2024年6月", D, when=date(2024, 6, 30)),
    c("2024.12前", D, "≤", when=date(2024, 12, 31)),
    c("2159.12", N, None, 2159.12, None),  # an amount, not December 2159
    c("2024.5", N, None, 2024.5, None),
    c("2024年", D, when=date(2024, 12, 31)),
    c("2023年度", D, when=date(2023, 12, 31)),
    c("2024年第三季度末", D, when=date(2024, 9, 30)),
    c("2024年上半年", D, when=date(2024, 6, 30)),
    c("二〇二四年十二月", D, when=date(2024, 12, 31)),
    c("12月底前", D, "≤", month_day=(12, 31)),
    c("十二月底前", D, "≤", month_day=(12, 31)),
    c("年底前", D, "≤", month_day=(12, 31)),
    c("年内", D, "≤", month_day=(12, 31)),
    c("本年度内", D, "≤", month_day=(12, 31)),
    c("6月30日之前", D, "≤", month_day=(6, 30)),
    c("12月31日前", D, "≤", month_day=(12, 31)),
    c("6月底", D, month_day=(6, 31)),
    # not applicable, empty
    *(c(t, NA) for t in ("—", "——", "-", "--", "－", "/", "／", "*", "＊", "无", "不适用", "不涉及", "N/A", "n/a")),
    *(c(t, E) for t in ("", "   ", "\u3000", "\n")),
    # qualitative phrases (default vocabulary)
    *(c(t, Q, band=FULL) for t in (
        "达成年度指标", "达成预期指标", "达到预期", "达成预期", "全部完成", "完成", "已完成", "按时完成", "按期完成",
        "达标", "合格", "是", "有", "好", "优", "良好", "符合", "满足", "达成年度指标。", " 达成年度指标 ", "√",
        "已完成，效果良好", "达成年度指标，效果明显", "项目已全部完成",
    )),
    *(c(t, Q, band=PARTIAL) for t in (
        "部分达成年度指标并具有一定效果", "部分达成年度指标，并具有一定效果", "部分达成年度指标,具有一定效果",
        "部分达成", "基本达成", "基本完成", "部分完成", "一般", "较好",
    )),
    *(c(t, Q, band=FAIL) for t in (
        "未达成年度指标且效果较差", "未达成年度指标，效果较差", "未达成", "未完成", "未达标", "否", "差", "较差",
        "不合格", "尚未完成",
    )),
    # free text: legitimate wording the linter flags as vague
    *(c(t, T) for t in ("较上年提高", "明显改善", "有效提升", "高于上年", "逐步提高", "进一步提升", "达到国家标准",
                        "较2023年提高", "未能全部完成", "有待提高")),
    # invalid
    c("约九成左右", N, None, 90, "%", approx=True),  # proportions are numbers now (was INVALID)
    *(c(t, X) for t in ("1.2.3", "95%%", "#DIV/0!", "#N/A", "2024年13月", "2024年2月30日",
                        "≥95%以下", "≥", "%", "1e400", "inf", "NaN")),
    c("1e5", N, None, 100000),  # scientific notation is read (was INVALID), within the magnitude bound
]


@pytest.mark.parametrize(("text", "kind", "expected"), CASES)
def test_parse_value_table(text, kind, expected):
    v = parse_value(text)
    assert v.raw == text
    assert v.kind is kind, v
    got = {k: getattr(v, k) for k in expected}
    assert got == expected
    if kind is ValueKind.INVALID:
        assert v.reason and any("\u4e00" <= ch <= "\u9fff" for ch in v.reason)


def test_table_is_large_enough():
    assert len(CASES) >= 100


def test_invalid_reason_text():
    v = parse_value("1.2.3")
    assert v.reason == "无法识别数值“1.2.3”：请填写如“≥90%”的数值"
    assert parse_value("#DIV/0!").reason == "单元格为错误值#DIV/0!（Excel 错误值，公式无法计算），请修正公式或直接填写数值"
    assert "未写年份" in parse_value("12月底前").reason


def test_notes_for_dropped_words():
    assert parse_value("完成95%").reason == "忽略文字“完成”"
    assert parse_value("≥95%（抽检）").reason == "附注“抽检”未参与计算"
    assert "约数" in parse_value("约95%").reason
    assert "调换" in parse_value("95%-90%").reason


@pytest.mark.parametrize(
    ("obj", "kind", "raw", "number"),
    [
        (3.0, N, "3", 3.0),
        (0.95, N, "0.95", 0.95),
        (100, N, "100", 100.0),
        (-2, N, "-2", -2.0),
        (1e-7, N, "0.0000001", 1e-7),
        (Decimal("95.5"), N, "95.5", 95.5),
        (Fraction(1, 2), N, "0.5", 0.5),
        (None, E, "", None),
        (float("nan"), X, "nan", None),  # non-finite: INVALID (was EMPTY)
        (float("inf"), X, "inf", None),
        (10**400, X, str(10**400), None),
    ],
)
def test_numbers_given_as_numbers(obj, kind, raw, number):
    v = parse_value(obj)
    assert (v.kind, v.raw, v.number) == (kind, raw, number)
    assert v.negative == (number is not None and number < 0)


def test_other_objects():
    assert parse_value(True) == Value("TRUE", Q, band=FULL)
    assert parse_value(False) == Value("FALSE", Q, band=FAIL)
    assert parse_value(datetime(2024, 6, 30)) == Value("2024-06-30", D, when=date(2024, 6, 30))
    assert parse_value(datetime(2024, 6, 30, 8, 30)).when == date(2024, 6, 30)
    assert parse_value(date(2024, 12, 31)) == Value("2024-12-31", D, when=date(2024, 12, 31))
    assert parse_value(time(8, 30)).kind is X
    assert parse_value("≥95%".encode()).number == 95.0
    assert parse_value([1, 2]).kind is X
    assert parse_value("9" * 400).kind is X  # overflows a float
    assert parse_value("达成年度指标，" + "效果明显" * 100).band is FULL  # long text: phrase match on the head

    class Weird:
        def __str__(self):
            raise RuntimeError("boom")

    class Cell:
        def __str__(self):
            return "≥95%"

    assert parse_value(Weird()).kind is X
    assert parse_value(Cell()).number == 95.0
    assert parse_value("≥95%", vocab="not a vocabulary").number == 95.0  # type: ignore[arg-type]


def test_cache_and_uncached_agree():
    a = parse_value("≥95%")
    assert parse_value("≥95%") is a
    assert parse_value.__wrapped__("≥95%") == a
    assert parse_value_uncached("达成年度指标") == parse_value("达成年度指标")
    assert parse_value.cache_info().maxsize == 4096


def test_fast_constructor_builds_real_values():
    v = parse_value_uncached("≥95%")
    assert type(v) is Value
    assert v == Value("≥95%", N, "≥", 95.0, "%")
    assert hash(v) == hash(Value("≥95%", N, "≥", 95.0, "%"))
    assert {f.name for f in fields(Value)} >= {"raw", "kind", "op", "number", "unit", "month_day", "approx"}
    with pytest.raises(AttributeError):
        v.raw = "x"  # type: ignore[misc]


def test_vocabulary_is_hashable_and_customisable():
    voc = default_vocabulary()
    assert voc is default_vocabulary()
    assert hash(voc) == hash(default_vocabulary())
    assert isinstance(voc.qualitative, PhraseMap)
    assert voc.qualitative["达成年度指标"] is FULL

    custom = Vocabulary(na_markers={"暂缺", "/"}, qualitative={"圆满": "full", "尚欠": Band.PARTIAL})
    assert isinstance(custom.na_markers, frozenset)
    assert hash(custom) == hash(Vocabulary(na_markers=frozenset({"/", "暂缺"}),
                                           qualitative={"尚欠": Band.PARTIAL, "圆满": Band.FULL}))
    assert custom.qualitative == {"圆满": Band.FULL, "尚欠": Band.PARTIAL}
    assert parse_value("圆满", custom).band is FULL
    assert parse_value("尚欠", custom).band is PARTIAL
    assert parse_value("暂缺", custom).kind is NA
    assert parse_value("无", custom).kind is T  # not a marker in this vocabulary
    assert parse_value("达成年度指标", custom).kind is T
    assert parse_value("≥95%", custom).number == 95.0


def test_pickle_and_copy():
    v = parse_value("≥95%")
    assert pickle.loads(pickle.dumps(v)) == v
    assert copy.deepcopy(v) == v
    assert replace(v, number=90.0).number == 90.0
    voc = default_vocabulary()
    hash(voc)
    back = pickle.loads(pickle.dumps(voc))
    assert back.qualitative._h is None  # the cached hash is not pickled (str hashes vary by process)
    assert back == voc and hash(back) == hash(voc)
    assert parse_value("达成年度指标", back).band is FULL


def test_with_year():
    v = parse_value("12月底前").with_year(2024)
    assert (v.when, v.op, v.month_day) == (date(2024, 12, 31), "≤", None)
    assert parse_value("2月底前").with_year(2023).when == date(2023, 2, 28)
    assert parse_value("2月底前").with_year(2024).when == date(2024, 2, 29)
    assert parse_value("≥95%").with_year(2024) == parse_value("≥95%")


def test_unit_factor():
    assert unit_factor("元", "万元") == pytest.approx(1e-4)
    assert unit_factor("亿元", "万元") == pytest.approx(1e4)
    assert unit_factor("千元", "元") == 1000
    assert unit_factor("年", "个月") == 12
    assert unit_factor("分钟", "小时") == pytest.approx(1 / 60)
    assert unit_factor("米", "公里") == pytest.approx(0.001)
    assert unit_factor("天", "个") is None
    assert unit_factor("天", "个月") is None
    assert unit_factor("人", "人次") is None


def cmp(target, actual, unit_column=None, **kw):
    return align(parse_value(target), parse_value(actual), unit_column, **kw)


@pytest.mark.parametrize(
    ("target", "actual", "column", "expected"),
    [
        # percent vs fraction
        ("≥95%", "0.95", None, (95.0, 95.0, "%")),
        ("95%", "95", "%", (95.0, 95.0, "%")),
        ("≥95%", "95", None, (95.0, 95.0, "%")),
        ("≥90", "0.93", "%", (90.0, 0.93, "%")),  # a bare number under a 计量单位 of % is that percent
        ("0.95", "0.93", "%", (0.95, 0.93, "%")),
        ("≥95%", "0.95", "%", (95.0, 0.95, "%")),
        ("≤5", "3", "‰", (0.5, 0.3, "%")),
        ("≥95%", "1", None, (95.0, 100.0, "%")),
        ("≤1%", "0.5", None, (1.0, 0.5, "%")),  # small percent: 0.5 stays 0.5 %
        ("10‰", "0.8%", None, (1.0, 0.8, "%")),
        ("≥95%", "93.5%", "％", (95.0, 93.5, "%")),
        # money, time, length, counts
        ("≤5万元", "48000元", None, (5.0, 4.8, "万元")),
        ("≤5万元", "48000", "元", (5.0, 4.8, "万元")),
        ("≤1亿元", "8000万元", None, (1.0, 0.8, "亿元")),
        ("100", "120", "万元", (100.0, 120.0, "万元")),
        ("≤30天", "25日", None, (30.0, 25.0, "天")),
        ("≤12个月", "1年", None, (12.0, 12.0, "个月")),
        ("≤3小时", "150分钟", None, (3.0, 2.5, "小时")),
        ("5公里", "5000米", None, (5.0, 5.0, "公里")),
        ("≥1.2万人次", "13000人次", None, (1.2, 1.3, "万人次")),
        ("≥3所", "3", None, (3.0, 3.0, "所")),
        ("3", "4所", None, (3.0, 4.0, "所")),
        # ranges: low end is the target
        ("90%-95%", "93%", None, (90.0, 93.0, "%")),
        # dates as ordinal days
        ("2024年12月31日前", "2024-11-30", None,
         (float(date(2024, 12, 31).toordinal()), float(date(2024, 11, 30).toordinal()), "日期")),
    ],
)
def test_align(target, actual, column, expected):
    got = cmp(target, actual, column)
    assert got.problem is None, got
    assert got.target == pytest.approx(expected[0])
    assert got.actual == pytest.approx(expected[1])
    assert got.unit == expected[2]


def test_align_notes_and_range_high():
    assert cmp("≥95%", "0.95").note == "实际值0.95按小数读作95%"
    assert cmp("≤5万元", "48000元").note == "实际值由“元”换算为“万元”"
    assert cmp("90%-95%", "93%").target_high == 95.0
    assert cmp("≥3所", "-1").note == "实际值为负数，评分时按0计"
    assert cmp("≥3所", "-1").actual == -1.0


def test_align_year_resolution():
    assert cmp("12月底前", "2024-06-30").problem == "目标值“12月底前”未写年份，无法比较（请提供评价年度）"
    got = cmp("12月底前", "2024年6月", year=2024)
    assert (got.target, got.actual, got.problem) == (
        float(date(2024, 12, 31).toordinal()), float(date(2024, 6, 30).toordinal()), None)


@pytest.mark.parametrize(
    ("target", "actual", "column", "problem"),
    [
        ("≤30天", "3个", None, "目标单位“天”与实际单位“个”不一致，无法比较"),
        ("≤30天", "2个月", None, "目标单位“天”与实际单位“个月”不一致，无法比较"),
        ("≥95%", "3个", "%", "目标单位“%”与实际单位“个”不一致，无法比较"),
        ("≥95%", "", None, "实际值为空，无法比较"),
        ("", "95%", None, "目标值为空，无法比较"),
        ("≥95%", "—", None, "实际值标为不适用（“—”），无法比较"),
        ("≥95%", "较好", None, "实际值“较好”为定性表述，按等级评分，不作数值比较"),
        ("较上年提高", "5%", None, "目标值“较上年提高”为文字表述，无法作数值比较"),
        ("≥95%", "1.2.3", None, "实际值无法比较：无法识别数值“1.2.3”：请填写如“≥90%”的数值"),
        ("2024年12月31日前", "95%", None, "目标值为日期，实际值“95%”不是日期，无法比较"),
        ("≥95%", "2024-06-30", None, "实际值为日期，目标值“≥95%”不是日期，无法比较"),
    ],
)
def test_align_problems(target, actual, column, problem):
    got = cmp(target, actual, column)
    assert isinstance(got, Comparison)
    assert (got.target, got.actual, got.problem) == (None, None, problem)


def test_align_never_raises_on_odd_values():
    odd = Value("x", ValueKind.NUMBER)  # a NUMBER without a number
    assert align(odd, parse_value("1")).problem
    assert align(parse_value("1"), parse_value("2"), unit_column=123).problem is None  # type: ignore[arg-type]
