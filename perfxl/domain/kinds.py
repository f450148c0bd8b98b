"""The five form kinds and what perfxl knows of each, in one table (docs/dev/forms.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FormKind(StrEnum):
    PROJECT_GOAL = "project_goal"
    DEPT_GOAL = "dept_goal"
    PROJECT_MONITOR = "project_monitor"
    PROJECT_SELFEVAL = "project_selfeval"
    DEPT_SELFEVAL = "dept_selfeval"

    @property
    def facts(self) -> KindFacts:
        return KINDS[self]

    @property
    def title(self) -> str:
        """The official Chinese title printed on the form."""
        return KINDS[self].title

    @property
    def is_goal(self) -> bool:
        return KINDS[self].stage is Stage.GOAL

    @property
    def is_selfeval(self) -> bool:
        return KINDS[self].stage is Stage.SELFEVAL

    @property
    def is_dept(self) -> bool:
        return KINDS[self].dept


class Stage(StrEnum):
    """Where in the year's cycle a form belongs."""

    GOAL = "goal"  # 绩效目标申报 (before the budget year)
    MONITOR = "monitor"  # 绩效运行监控 (during it)
    SELFEVAL = "selfeval"  # 绩效自评 (after it)


@dataclass(frozen=True, slots=True)
class KindFacts:
    title: str  # the official title printed on the form
    short: str  # short name in lists (docs/rules.md: which forms a rule checks)
    template: str  # file name in workbook_templates/ (部门整体 without （单位） for short paths)
    stage: Stage
    dept: bool  # 部门（单位）整体支出 rather than one project
    scored: bool  # the engine scores it (财预〔2020〕10号: self-evaluations); others get no total
    follows: FormKind | None  # the goal form it is checked against (X rules)
    essential: tuple[str, ...]  # indicator columns without which its table cannot be used (besides name, target)
    adjusted_targets: bool = False  # has 调整指标值, scored instead of the target when given
    aliases: tuple[str, ...] = ()  # other titles published forms carry


KINDS: dict[FormKind, KindFacts] = {
    FormKind.PROJECT_GOAL: KindFacts(
        "项目支出绩效目标申报表", "项目目标申报表", "项目支出绩效目标申报表.xlsx", Stage.GOAL, dept=False,
        scored=False, follows=None, essential=()),
    FormKind.DEPT_GOAL: KindFacts(
        "部门（单位）整体支出绩效目标申报表", "部门整体目标申报表", "部门整体支出绩效目标申报表.xlsx", Stage.GOAL,
        dept=True, scored=False, follows=None, essential=(),
        aliases=("部门整体支出绩效目标申报表", "单位整体支出绩效目标申报表")),
    FormKind.PROJECT_MONITOR: KindFacts(
        "项目支出绩效运行监控表", "项目运行监控表", "项目支出绩效运行监控表.xlsx", Stage.MONITOR, dept=False,
        scored=False, follows=FormKind.PROJECT_GOAL, essential=("progress",)),
    FormKind.PROJECT_SELFEVAL: KindFacts(
        "项目支出绩效自评表", "项目自评表", "项目支出绩效自评表.xlsx", Stage.SELFEVAL, dept=False, scored=True,
        follows=FormKind.PROJECT_GOAL, essential=("actual", "weight")),
    FormKind.DEPT_SELFEVAL: KindFacts(
        "部门整体支出绩效自评表", "部门整体自评表", "部门整体支出绩效自评表.xlsx", Stage.SELFEVAL, dept=True,
        scored=True, follows=FormKind.DEPT_GOAL, essential=("actual", "weight"), adjusted_targets=True),
}


def kinds_of(stage: Stage) -> tuple[FormKind, ...]:
    """The kinds of one stage, in table order (e.g. the goal forms that declarations are)."""
    return tuple(kind for kind, f in KINDS.items() if f.stage is stage)


def stage_of(kind: str | None) -> Stage | None:
    """The stage of a kind value, None when it is not a kind (e.g. a ledger row of an unreadable file)."""
    return KINDS[FormKind(kind)].stage if kind in FormKind._value2member_map_ else None


def kind_by_title(text: str) -> FormKind | None:
    """The kind whose official title (or a published variant of it) appears in `text` (longest title wins)."""
    compact = "".join(text.split())
    return next((kind for title, kind in _TITLES if title in compact), None)


_TITLES = sorted(((title, kind) for kind, f in KINDS.items() for title in (f.title, *f.aliases)), key=lambda p: -len(p[0]))
