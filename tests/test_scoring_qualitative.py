"""Targets written in words are qualitative (docs/dev/domain.md §3.7): judged from the actual, never a silent 0."""

import pytest
from test_scoring import form, ind, pack_from, score_one

from perfxl.config import default_pack
from perfxl.scoring import score_form
from perfxl.scoring.judge import judge_band

WORDS = default_pack().qualitative_words


@pytest.mark.parametrize(("target", "actual", "band", "word"), [
    ("明显改善", "明显改善", "full", "一致"),  # restates
    ("明显改善", "已明显改善", "full", "一致"),  # contains the target
    ("建立", "已建立长效管护机制", "full", "一致"),
    ("有效", "有效", "full", "一致"),
    ("显著提升", "群众生活水平得到提高", "full", "提高"),  # affirms
    ("达到国家二级标准", "水质达到二级标准", "full", "达到"),
    ("按时", "按时拨付", "full", "一致"),
    ("逐步完善", "逐步完善", "partial", "逐步"),  # a partial word wins over the restatement
    ("建立", "基本建立", "partial", "基本"),
    ("建立", "初步建立", "partial", "初步"),
    ("明显改善", "未明显改善", "fail", "未"),  # negation wins over affirmation
    ("建立", "尚未建立", "fail", "未"),
    ("有效", "没有效果", "fail", "没有"),
    ("建立", "基本建立，个别乡镇未建立", "partial", "基本"),  # partial and negation → partial
    ("持续改善", "不断改善", "full", "改善"),  # 不断 is not a negation
])
def test_judge_band(target, actual, band, word):
    judged = judge_band(WORDS, target, actual, None)
    assert judged is not None and judged[0].value == band and word in judged[1]


@pytest.mark.parametrize("actual", ["效果待观察", "正在推进", "95%"])
def test_judge_band_cannot_judge(actual):
    assert judge_band(WORDS, "明显改善", actual, None) is None


def test_a_number_inside_words_needs_a_restatement():
    assert judge_band(WORDS, "较上年提高5%", "较上年有提高", None, numeric_target=True) is None
    assert judge_band(WORDS, "较上年提高5%", "较上年提高5%", None, numeric_target=True)[0].value == "full"


@pytest.mark.parametrize(("name", "target", "actual"), [
    ("安全生产", "无安全事故", "未发生安全事故"),
    ("安全生产", "无重大安全事故", "无"),  # "无" is 达成 here, not "not applicable"
    ("重大安全事故", "无", "无"),
    ("安全生产", "杜绝安全事故", "0"),
    ("群众投诉", "无投诉", "零投诉"),
])
def test_adverse_event_none_is_achievement(name, target, actual):
    item = score_one(target, actual, 5, name=name, level1="效益指标", level2="社会效益指标")
    assert item.applicable and item.band == "full" and item.score == 5
    assert "未发生" in item.explain


def test_self_score_inside_the_band_is_accepted():
    item = score_one("明显改善", "已明显改善", 10, self_score=9)
    assert item.band == "full" and item.self_in_band and item.score == 9
    partial = score_one("建立", "基本建立", 10, self_score=9)  # outside [5, 8] → S208
    assert partial.band == "partial" and partial.self_in_band is False and partial.score == 8


def test_without_a_self_score_the_upper_edge_is_used_and_said():
    item = score_one("明显改善", "已明显改善", 10)
    assert item.score == 10 and "未填自评得分，按区间[8, 10]上限计10分" in item.explain


def test_unjudgeable_keeps_the_units_score_and_marks_the_total_incomplete():
    s = score_form(form(ind("明显改善", "效果待观察", 10, self_score=7, level1="效益指标"), ind("≥3", "3", 10)))
    item = s.indicators[0]
    assert item.score == 7 and not item.verified and item.problem_code == "qualitative_unjudged"
    assert "证据无法核实" in item.explain and "总分不完整" in item.explain
    assert not s.complete and "1项定性指标无法核实" in s.complete_note
    assert s.total == pytest.approx(10 + 7 + 10)
    assert s.to_dict()["complete_note"] == s.complete_note


def test_unjudgeable_self_score_is_kept_within_the_printed_weight():
    item = score_one("明显改善", "效果待观察", 10, self_score=12)
    assert item.score == 10 and "按10分计" in item.explain


def test_unjudgeable_without_a_self_score_is_unscored_and_incomplete():
    s = score_form(form(ind("明显改善", "效果待观察", 10)))
    assert s.indicators[0].score is None and not s.complete and "未填自评得分" in s.indicators[0].explain


def test_no_qualitative_row_is_silently_zero():
    """The hand-laid form of issue 8: a 98-point self-assessment with qualitative 效益 rows."""
    rows = [
        ind("≥100", "100", 25, name="数量", self_score=25),
        ind("≥95%", "98%", 25, level2="质量指标", name="质量", self_score=25),
        ind("明显改善", "明显改善", 15, level1="效益指标", level2="生态效益指标", name="生态", self_score=14),
        ind("有效", "有效", 15, level1="效益指标", level2="社会效益指标", name="社会", self_score=14),
        ind("≥90%", "95%", 10, level1="满意度指标", level2="服务对象满意度指标", name="满意度", self_score=10),
    ]
    s = score_form(form(*rows))
    assert s.complete and s.total == pytest.approx(98.0) and s.grade == "优"


def test_word_lists_are_rule_pack_data(tmp_path):
    pack = pack_from(tmp_path, '[scoring.qualitative.words]\naffirm = ["收官"]\n')
    assert score_one("顺利推进", "圆满收官", pack=pack).band == "full"
    assert score_one("顺利推进", "圆满收官").problem_code == "qualitative_unjudged"


@pytest.mark.parametrize(("actual", "band"), [
    ("已完成整改，未发现问题", "full"),  # a negated adverse event affirms
    ("全年没有发生安全事故，环境明显改善", "full"),
    ("整改未完成，未发现新问题", "fail"),  # the other negation still counts
])
def test_negated_events_in_any_actual(actual, band):
    assert judge_band(WORDS, "明显改善", actual, None)[0].value == band
