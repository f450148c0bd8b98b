"""Goal review grade (docs/dev/domain.md §4): 优/良/中/差 from findings with rule-pack weights, and its outcome."""

import pytest

from perfxl.config import ConfigError, load_pack
from perfxl.domain import Finding, FormKind, Severity
from perfxl.rules import check_form
from perfxl.rules.review import review_form, review_settings
from perfxl.samples import generate

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


def _f(code, severity):
    return Finding(code, severity, "m")


def _pack(tmp_path, text):
    path = tmp_path / "perfxl.toml"
    path.write_text(text, encoding="utf-8")
    return load_pack(path)


def test_clean_declaration_is_excellent():
    review = review_form([])
    assert (review.grade, review.outcome, review.points) == ("优", "进入预算安排流程", 100.0)


@pytest.mark.parametrize(("findings", "grade", "outcome"), [
    ([_f("G108", W)], "优", "进入预算安排流程"),
    ([_f("G108", W), _f("G113", W), _f("G114", W)], "良", "与单位协商修改"),
    ([_f("B103", E)], "中", "修改后重新报送"),  # 85 points, but an error caps the grade at 中
    ([_f("B103", E)] * 3, "差", "不得进入预算安排流程"),
    ([_f("T008", N)] * 10, "优", "进入预算安排流程"),
])
def test_grades_and_outcomes(findings, grade, outcome):
    review = review_form(findings)
    assert (review.grade, review.outcome) == (grade, outcome)


def test_error_cap_is_reported():
    review = review_form([_f("B103", E)])
    assert review.capped and review.points == 85 and "有错误项" in review.summary()


def test_pack_changes_weights_bands_and_outcomes(tmp_path):
    pack = _pack(tmp_path, '[review]\nwarning = 20.0\npoints = { G108 = 0.0 }\ncap_with_errors = ""\n'
                           'bands = [["A", 95.0], ["B", 50.0], ["C", 0.0]]\n'
                           'outcomes = { A = "通过", B = "修改", C = "退回" }\n')
    assert review_form([_f("G108", W)], pack).grade == "A"
    assert (review_form([_f("G113", W)], pack).grade, review_form([_f("G113", W)], pack).outcome) == ("B", "修改")
    assert review_form([_f("B103", E)], pack).grade == "B"  # no cap


def test_partial_outcomes_merge_over_the_defaults(tmp_path):
    pack = _pack(tmp_path, '[review.outcomes]\n"良" = "与单位协商修改后进入预算安排"\n')
    assert review_settings(pack).outcomes["优"] == "进入预算安排流程"
    assert review_form([_f("G113", W)] * 3, pack).outcome == "与单位协商修改后进入预算安排"


@pytest.mark.parametrize(("text", "key"), [
    ("[review]\nstrat = 100.0\n", "review.strat"),
    ("[review]\nerror = -1.0\n", "review.error"),
    ('[review]\nwarning = "5"\n', "review.warning"),
    ("[review]\nstart = 0.0\n", "review.start"),
    ("[review]\npoints = { Z999 = 1.0 }\n", "review.points.Z999"),
    ('[review]\nbands = [["优", 60.0], ["良", 80.0]]\n', "review.bands"),
    ('[review]\nbands = [["优", 90.0], ["优", 0.0]]\n', "review.bands"),
    ('[review]\ncap_with_errors = "丙"\n', "review.cap_with_errors"),
    ('[review.outcomes]\n"甲" = "通过"\n', "review.outcomes.甲"),
    ('[review]\nbands = [["A", 90.0], ["B", 0.0]]\ncap_with_errors = ""\n', "review.outcomes"),
])
def test_review_configuration_errors_name_the_key(tmp_path, text, key):
    with pytest.raises(ConfigError) as err:
        review_settings(_pack(tmp_path, text))
    assert key in str(err.value) and "perfxl.toml" in str(err.value)


def test_faulty_goal_samples_grade_below_excellent():
    for sample in generate(60, 4, kinds=[FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL]):
        review = review_form(check_form(sample.form))
        if any(f == "funding_not_adding_up" for f, _ in sample.faults):
            assert review.grade in ("中", "差")
        elif not sample.faults:
            assert review.grade in ("优", "良")
