"""The per-kind table (perfxl.domain.kinds) is what every part of perfxl reads."""

from perfxl.domain.kinds import KINDS, FormKind, Stage, kind_by_title, kinds_of, stage_of
from perfxl.forms.write.template import TEMPLATE_FILES
from perfxl.rules.builtin._cross import FOLLOWS


def test_every_kind_has_one_row_and_consistent_facts():
    assert set(KINDS) == set(FormKind)
    for kind, facts in KINDS.items():
        assert kind.title == facts.title and kind_by_title(facts.title) is kind
        assert all(kind_by_title(f"2024年度{alias}") is kind for alias in facts.aliases)
        assert facts.scored == (facts.stage is Stage.SELFEVAL)  # 财预〔2020〕10号 scores self-evaluations only
        assert (facts.follows is None) == (facts.stage is Stage.GOAL)
        assert facts.follows is None or (facts.follows.is_goal and facts.follows.is_dept == kind.is_dept)
        assert kind.is_goal == (facts.stage is Stage.GOAL) and kind.is_selfeval == (facts.stage is Stage.SELFEVAL)
    assert len({f.template for f in KINDS.values()}) == len({f.short for f in KINDS.values()}) == len(KINDS)


def test_the_template_files_and_the_goal_pairs_come_from_the_table():
    assert {kind: KINDS[kind].template for kind in FormKind} == TEMPLATE_FILES
    assert {kind: f.follows for kind, f in KINDS.items() if f.follows} == FOLLOWS


def test_only_department_self_evaluations_have_adjusted_targets():
    assert [k for k, f in KINDS.items() if f.adjusted_targets] == [FormKind.DEPT_SELFEVAL]


def test_stages_partition_the_kinds_and_a_stored_value_finds_its_stage():
    assert kinds_of(Stage.GOAL) == (FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL)
    assert sorted(k for stage in Stage for k in kinds_of(stage)) == sorted(FormKind)
    assert stage_of("project_monitor") is Stage.MONITOR and stage_of("dept_goal") is Stage.GOAL
    assert stage_of(None) is None and stage_of("not_a_kind") is None


def test_a_results_status_follows_the_stage():
    from perfxl.reports import Status

    assert [Status.clean(k) for k in ("dept_goal", "project_monitor", "dept_selfeval", None)] == \
        [Status.REVIEWED, Status.CHECKED, Status.SCORED, Status.SCORED]
