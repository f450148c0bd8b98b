"""The linter on generated samples: every planted fault is reported at its field, clean forms have no errors."""

import re

import pytest
from rule_case_runner import derive_goal

from perfxl.rules import check_form
from perfxl.samples import FAULTS, generate

# Which codes report each planted fault (samples.FAULTS). Full marks despite a shortfall is S201 for a
# quantitative indicator, S208 for a qualitative one (the score leaves its band), S207 if above the weight.
FAULT_CODES = {
    "wrong_total": {"S202"},
    "missing_actual": {"S204"},
    "full_marks_despite_shortfall": {"S201", "S207", "S208"},
    "rate_misprint": {"B102"},
    "missing_deviation": {"S206", "S205"},
    "funding_not_adding_up": {"B103"},
    "vague_target": {"G113"},
}
_INDEX = re.compile(r"indicators\[(\d+)\]")


@pytest.fixture(scope="module")
def checked():
    samples = generate(300, seed=2024)
    return [(s, check_form(s.form)) for s in samples]


def test_fault_catalogue_is_mapped():
    assert set(FAULT_CODES) == set(FAULTS)


def test_every_planted_fault_is_reported_with_its_code_and_path(checked):
    seen, missed = set(), []
    for sample, findings in checked:
        reported = {(f.code, f.path) for f in findings}
        for fault, path in sample.faults:
            seen.add(fault)
            if not any((code, path) in reported for code in FAULT_CODES[fault]):
                missed.append((sample.form.kind.value, fault, path, sorted(reported)))
    assert not missed, missed[:5]
    assert seen == set(FAULTS)


def test_clean_samples_have_no_error_findings(checked):
    bad = [(s.form.kind.value, [(f.code, f.path, f.message) for f in findings if f.severity.value == "error"])
           for s, findings in checked if not s.faults]
    bad = [b for b in bad if b[1]]
    assert not bad, bad[:5]


def test_clean_forms_match_their_derived_goal_declarations(checked):
    for sample, _ in checked:
        form = sample.form
        if sample.faults or form.kind.is_goal:
            continue
        findings = check_form(form, goal_form=derive_goal(form))
        assert not [f for f in findings if f.code.startswith("X")], form.kind


def test_findings_point_at_cells_when_the_form_came_from_a_workbook(tmp_path):
    from perfxl import api
    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form

    sample = next(s for s in generate(40, 3, kinds=[FormKind.PROJECT_GOAL]) if s.faults)
    path = tmp_path / "goal.xlsx"
    write_form(sample.form, path)
    result = api.check_file(path)
    for fault, field_path in sample.faults:
        hits = [f for f in result.findings if f.path == field_path and f.code in FAULT_CODES[fault]]
        assert hits and all(re.fullmatch(r"申报表![A-Z]+\d+", f.location) for f in hits), (fault, result.findings)
