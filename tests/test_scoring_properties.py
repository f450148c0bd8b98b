"""Properties of the engine over generated inputs (hypothesis)."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_scoring import form, ind

from perfxl.config import default_pack
from perfxl.scoring import grade_of, half_up, rank, score_form

amounts = st.decimals(min_value=0, max_value=100000, places=2).map(str)
weights = st.sampled_from([1.0, 2.5, 5.0, 10.0, 15.0, 20.0, 30.0])
ops = st.sampled_from(["≥", "≤", "=", ">", "<", ""])


@settings(max_examples=300, deadline=None)
@given(op=ops, t=amounts, a=amounts, w=weights)
def test_score_between_zero_and_weight(op, t, a, w):
    item = score_form(form(ind(f"{op}{t}", a, w))).indicators[0]
    assert item.score is not None and 0.0 <= item.score <= w + 1e-9
    assert item.explain and "None" not in item.explain


@settings(max_examples=300, deadline=None)
@given(op=st.sampled_from(["≥", "≤"]), t=amounts, a1=amounts, a2=amounts)
def test_monotone_in_the_actual(op, t, a1, a2):
    lo, hi = sorted([a1, a2], key=Decimal)
    s_lo = score_form(form(ind(f"{op}{t}", lo))).indicators[0].score
    s_hi = score_form(form(ind(f"{op}{t}", hi))).indicators[0].score
    if op == "≥":
        assert s_lo <= s_hi + 1e-9
    else:
        assert s_hi <= s_lo + 1e-9


text = st.one_of(st.none(), st.text(max_size=12), st.sampled_from(
    ["≥95%", "—", "已完成", "部分完成", "2024年12月31日前", "12月底前", "3至5天", "0.9", "-1", "较上年提高", "#N/A", "约95%"]))


@settings(max_examples=300, deadline=None)
@given(rows=st.lists(st.tuples(text, text, st.one_of(st.none(), weights), st.one_of(st.none(), weights),
                               st.sampled_from(["产出指标", "效益指标", "满意度指标", None])), max_size=8))
def test_any_text_scores_without_raising(rows):
    indicators = [ind(t, a, w, self_score=s, level1=lv) for t, a, w, s, lv in rows]
    result = score_form(form(*indicators))
    pack = default_pack()
    assert result.total_rounded == half_up(result.total, pack.decimals)
    assert result.grade == (grade_of(result.total_rounded, pack) if result.complete else None)
    cap = result.budget.weight + sum(i.effective_weight or 0.0 for i in result.indicators)
    dropped = sum(i.weight or 0.0 for i in result.indicators if not i.applicable)
    if 0 < dropped < pack.total_weight:  # docs/dev/domain.md §3.8: the total (not the rows) is rescaled
        cap *= pack.total_weight / (pack.total_weight - dropped)
    assert 0.0 <= result.total <= cap + 1e-9
    for item in result.indicators:
        assert item.explain
        if item.score is not None:
            assert 0.0 <= item.score <= item.effective_weight + 1e-9
            assert item.score <= item.weight + 1e-9  # never above the printed 分值
    result.to_dict()


@settings(max_examples=500, deadline=None)
@given(st.decimals(min_value=-1000, max_value=1000, places=3), st.integers(min_value=0, max_value=2))
def test_half_up_rounds_the_written_decimal(x, digits):
    expected = float(x.quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP))
    assert half_up(float(x), digits) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from([95.0, 90.0, 85.5, 80.0, 70.0, 60.0, 59.99])), max_size=25))
def test_ranking_invariants(scores):
    out = rank(list(enumerate(scores)))
    assert sorted(r.key for r in out) == list(range(len(scores)))
    order = {g: i for i, g in enumerate(default_pack().ranking_grades)}
    scored = [r for r in out if r.score is not None]
    for a, b in zip(scored, scored[1:], strict=False):
        assert a.score >= b.score and a.rank <= b.rank and order[a.grade] <= order[b.grade]
        if a.score == b.score:
            assert a.rank == b.rank and a.grade == b.grade
    assert all(r.grade is None and r.rank == len(scored) + 1 for r in out if r.score is None)


@pytest.mark.parametrize("n", range(1, 30))
def test_grade_shares_match_boundaries_without_ties(n):
    out = rank([(i, float(i)) for i in range(n)])
    counts = [sum(r.grade == g for r in out) for g in default_pack().ranking_grades]
    assert sum(counts) == n


edge = st.sampled_from([1e308, -1e308, float("inf"), float("-inf"), float("nan"), -0.0, 1e-320, 123456789012345.0,
                        None, 0.0, 5.0])
edge_text = st.sampled_from(["1e308", "-1e308", "inf", "NaN", "-0.0", "1e-320", "123456789012345", "#DIV/0!",
                             "#REF!", "#N/A", "#VALUE!", "#NAME?", "≥1e308", "95%", "明显改善"])


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.tuples(edge_text, edge_text, edge, edge), min_size=1,
                     max_size=5), full=edge, done=edge, bweight=edge, bscore=edge, total=edge)
def test_edge_numbers_never_raise(rows, full, done, bweight, bscore, total):
    """Issue 8 §5: 1e308, inf, NaN, -0.0, 1e-320, 15-digit numbers and Excel errors anywhere: no exception,
    every score finite and within its printed 分值, and the whole linter runs."""
    from perfxl import api
    from perfxl.domain import Budget

    indicators = [ind(t, a, w, self_score=s) for t, a, w, s in rows]
    f = form(*indicators, budget=Budget(full_year=full, executed=done, weight=bweight, score=bscore), total=total)
    result = score_form(f)
    assert result.total is not None and abs(result.total) < 1e7
    for item in result.indicators:
        assert item.score is None or 0.0 <= item.score <= item.weight
    report = api.check(f)
    report.to_dict()
