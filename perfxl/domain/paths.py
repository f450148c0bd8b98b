"""Field paths ("indicators[3].actual", "budget.rate") described in words an accountant knows."""

import re

UNIT_LABELS = {"name": "单位名称", "code": "单位代码", "department": "主管部门", "implementer": "实施单位",
               "contact": "联系人", "phone": "联系电话"}
PROJECT_LABELS = {"name": "项目名称", "code": "项目代码", "attribute": "项目属性", "period": "项目期"}
BUDGET_LABELS = {
    "initial": "年初预算数", "full_year": "全年预算数", "executed": "全年执行数", "fiscal": "财政拨款",
    "carryover": "上年结转资金", "other": "其他资金", "weight": "预算执行分值", "rate": "执行率", "score": "预算执行得分",
    "midterm_total": "中期资金总额", "midterm_fiscal": "中期财政拨款", "midterm_other": "中期其他资金",
    "executed_to_date": "1—N月执行数", "forecast": "全年预计执行数", "as_of": "监控日期",
}
GOALS_LABELS = {"annual": "年度目标", "midterm": "中期目标", "achieved": "实际完成情况",
                "adjusted": "全年（调整）绩效目标", "progress": "目标执行情况"}
INDICATOR_LABELS = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "指标值", "unit": "计量单位",
    "actual": "实际完成值", "weight": "分值", "score": "得分", "deviation": "偏差原因分析及改进措施",
    "basis": "取值依据", "direction": "指标性质", "midterm_target": "中期指标值", "adjusted_target": "调整指标值",
    "progress": "执行情况", "forecast": "全年预计完成情况", "likelihood": "完成目标可能性", "measures": "纠偏措施",
    "remark": "备注",
}
TASK_LABELS = {"name": "任务名称", "content": "主要内容", "total": "预算金额总额", "fiscal": "财政拨款", "other": "其他资金"}
# A finding about a whole part of the form (e.g. "no 满意度 indicator") names that part.
WHOLE_LABELS = {"indicators": "绩效指标表", "tasks": "年度主要任务", "budget": "项目资金", "goals": "绩效目标",
                "unit": "单位信息", "project": "项目信息", "file": "整个文件", "workbook": "整个工作簿"}
_SECTIONS = {"unit": UNIT_LABELS, "project": PROJECT_LABELS, "budget": BUDGET_LABELS, "goals": GOALS_LABELS}
_ITEM = re.compile(r"^(indicators|tasks)\[(\d+)\](?:\.(\w+))?$")


def describe_path(path: str | None, form=None) -> str:
    """'第3个指标“群众满意度”·实际完成值' for 'indicators[2].actual'; the path itself when unknown."""
    if not path:
        return ""
    if path == "total":
        return "总分"
    if path == "year":
        return "年度"
    if path in WHOLE_LABELS:
        return WHOLE_LABELS[path]
    section, _, attr = path.partition(".")
    if section in _SECTIONS and attr in _SECTIONS[section]:
        if path == "budget.full_year" and form is not None and form.kind.is_goal:
            return "年度资金总额"
        return _SECTIONS[section][attr]
    m = _ITEM.match(path)
    if not m:
        return path
    table, index, field = m.group(1), int(m.group(2)), m.group(3)
    labels, noun = (INDICATOR_LABELS, "指标") if table == "indicators" else (TASK_LABELS, "任务")
    items = getattr(form, table, ()) if form is not None else ()
    name = items[index].name if index < len(items) and items[index].name else None
    return f"第{index + 1}个{noun}" + (f"“{name}”" if name else "") + (f"·{labels.get(field, field)}" if field else "")
