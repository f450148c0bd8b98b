"""Rule-pack defaults: the national not-applicable markers and qualitative phrases."""

from __future__ import annotations

from functools import lru_cache

from perfxl.domain.values.model import Band, PhraseMap, Vocabulary

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
