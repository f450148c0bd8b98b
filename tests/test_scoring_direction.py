"""Targets without an operator take their direction from the indicator's name or unit (docs/dev/domain.md §3.11)."""

import pytest
from test_scoring import form, ind, pack_from, score_one

from perfxl.config import default_pack
from perfxl.scoring import score_form, score_in_direction
from perfxl.scoring.judge import infer_direction

LEX = default_pack().direction


@pytest.mark.parametrize(("name", "unit", "op", "word"), [
    ("森林火灾受害率", "‰", "≤", "受害率"),
    ("林业有害生物成灾率", "‰", "≤", "成灾率"),
    ("安全事故发生率", "%", "≤", "发生率"),
    ("群众投诉率", "%", "≤", "投诉率"),
    ("预算调整率", "%", "≤", "预算调整率"),
    ("结转结余率", "%", "≤", "结转结余率"),
    ("人均培训成本", "元", "≤", "成本"),
    ("资金拨付时限", "天", "≤", "时限"),
    ("办结", "个工作日", "≤", "个工作日"),  # the unit: a time limit
    ("响应", "小时", "≤", "小时"),
    ("培训天数", "天", "≥", "天数"),  # the name wins over the unit
    ("成本节约率", "%", "≥", "节约"),  # a higher-is-better word wins over a lower one
    ("志愿服务时长", "小时", "≥", "服务时长"),
    ("受益人数", "人", "≥", "正向"),  # nothing says lower: ≥
])
def test_infer_direction(name, unit, op, word):
    got, reason = infer_direction(LEX, name, (unit,))
    assert got == op and word in reason


def test_inferred_direction_scores_and_explains():
    item = score_one("0.9‰", "1.2‰", 10, name="森林火灾受害率")
    assert item.method == "quantitative_le" and item.inferred_direction == "≤"
    assert item.score == pytest.approx(10 * 0.9 / 1.2)
    assert "目标未写比较方式，按指标名称中的“受害率”视为越低越好（≤）" in item.explain
    f = form(ind("0.9‰", "1.2‰", 10, name="森林火灾受害率"))
    assert score_in_direction(f, score_form(f).indicators[0], "≥") == pytest.approx(10.0)  # S201 uses it


def test_unit_column_gives_a_time_limit():
    item = score_one("30", "45", 10, unit="天", name="资金拨付")
    assert item.inferred_direction == "≤" and "按计量单位“天”视为时限" in item.explain


def test_written_operator_is_never_overridden():
    item = score_one("≥0.9‰", "1.2‰", 10, name="森林火灾受害率")
    assert item.method == "quantitative_ge" and item.inferred_direction is None


def test_lexicon_is_rule_pack_data(tmp_path):
    pack = pack_from(tmp_path, '[scoring.direction]\nlower_words = ["空置"]\n')
    assert score_one("5", "8", 10, name="房屋空置", pack=pack).inferred_direction == "≤"
    assert score_one("5", "8", 10, name="房屋空置").inferred_direction == "≥"
