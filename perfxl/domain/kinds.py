"""The five form kinds and their official titles (docs/dev/forms.md)."""

from enum import StrEnum


class FormKind(StrEnum):
    PROJECT_GOAL = "project_goal"
    DEPT_GOAL = "dept_goal"
    PROJECT_MONITOR = "project_monitor"
    PROJECT_SELFEVAL = "project_selfeval"
    DEPT_SELFEVAL = "dept_selfeval"

    @property
    def title(self) -> str:
        """The official Chinese title printed on the form."""
        return _TITLES[self]

    @property
    def is_goal(self) -> bool:
        return self in (FormKind.PROJECT_GOAL, FormKind.DEPT_GOAL)

    @property
    def is_selfeval(self) -> bool:
        return self in (FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL)

    @property
    def is_dept(self) -> bool:
        return self in (FormKind.DEPT_GOAL, FormKind.DEPT_SELFEVAL)


_TITLES = {
    FormKind.PROJECT_GOAL: "项目支出绩效目标申报表",
    FormKind.DEPT_GOAL: "部门（单位）整体支出绩效目标申报表",
    FormKind.PROJECT_MONITOR: "项目支出绩效运行监控表",
    FormKind.PROJECT_SELFEVAL: "项目支出绩效自评表",
    FormKind.DEPT_SELFEVAL: "部门整体支出绩效自评表",
}


def kind_by_title(text: str) -> FormKind | None:
    """The kind whose official title appears in `text` (longest title wins)."""
    compact = "".join(text.split())
    for kind in sorted(FormKind, key=lambda k: -len(k.title)):
        if kind.title in compact:
            return kind
    if "部门整体支出绩效目标申报表" in compact or "单位整体支出绩效目标申报表" in compact:
        return FormKind.DEPT_GOAL
    return None
