from perfxl.domain import FormKind
from perfxl.forms.formjson import form_to_dict
from perfxl.samples import FAULTS, generate


def test_deterministic_per_seed():
    a = [form_to_dict(s.form) for s in generate(12, seed=5)]
    b = [form_to_dict(s.form) for s in generate(12, seed=5)]
    c = [form_to_dict(s.form) for s in generate(12, seed=6)]
    assert a == b and a != c


def test_every_kind_and_every_fault_appears():
    samples = generate(200, seed=3)
    assert {s.form.kind for s in samples} == set(FormKind)
    planted = {fault for s in samples for fault, _ in s.faults}
    assert planted == set(FAULTS)
    assert 0.1 < sum(1 for s in samples if s.faults) / len(samples) < 0.45


def test_realistic_content():
    for s in generate(30, seed=9):
        form = s.form
        assert form.unit.name and form.unit.department and form.year
        assert all(ind.level1 and ind.level2 and ind.name and ind.target for ind in form.indicators)
        level2 = {ind.level2 for ind in form.indicators}
        assert {"数量指标", "质量指标", "时效指标"} <= level2  # 产出 covers 数量 + 质量 + 时效
        if form.kind.is_selfeval:
            assert all(ind.weight for ind in form.indicators)
            assert abs(sum(ind.weight for ind in form.indicators) + form.budget.weight - 100) < 1e-9


def test_clean_selfeval_self_scores_follow_the_rules():
    from perfxl.scoring import score_form

    for s in generate(40, seed=4, kinds=[FormKind.PROJECT_SELFEVAL]):
        if s.faults:
            continue
        result = score_form(s.form)
        for ind, computed in zip(s.form.indicators, result.indicators, strict=True):
            assert abs(ind.score - computed.score) <= 0.005 + 1e-9
