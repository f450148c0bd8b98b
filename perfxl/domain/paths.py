"""Field paths ("indicators[3].actual", "budget.rate") described in words an accountant knows."""

import re

_FIELDS = {
    "unit.name": "单位名称", "unit.code": "单位代码", "unit.department": "主管部门", "unit.implementer": "实施单位",
    "unit.contact": "联系人", "unit.phone": "联系电话",
    "project.name": "项目名称", "project.code": "项目代码", "project.attribute": "项目属性", "project.period": "项目期",
    "budget.initial": "年初预算数", "budget.full_year": "全年预算数", "budget.executed": "全年执行数",
    "budget.fiscal": "财政拨款", "budget.carryover": "上年结转资金", "budget.other": "其他资金",
    "budget.weight": "预算执行率分值", "budget.rate": "执行率", "budget.score": "预算执行率得分",
    "budget.midterm_total": "中期资金总额", "budget.midterm_fiscal": "中期财政拨款", "budget.midterm_other": "中期其他资金",
    "budget.executed_to_date": "截至监控日执行数", "budget.forecast": "全年预计执行数", "budget.as_of": "监控日期",
    "goals.annual": "年度目标", "goals.midterm": "中期目标", "goals.achieved": "实际完成情况",
    "goals.adjusted": "全年（调整）绩效目标", "goals.progress": "目标执行情况",
    "total": "总分", "year": "年度",
}
_INDICATOR = {
    "level1": "一级指标", "level2": "二级指标", "name": "三级指标", "target": "指标值", "unit": "计量单位",
    "actual": "实际完成值", "weight": "分值", "score": "得分", "deviation": "偏差原因分析及改进措施",
    "basis": "取值依据", "direction": "指标性质", "midterm_target": "中期指标值", "adjusted_target": "调整指标值",
    "progress": "执行情况", "forecast": "全年预计完成情况", "likelihood": "完成目标可能性", "measures": "纠偏措施",
    "remark": "备注",
}
_TASK = {"name": "任务名称", "content": "主要内容", "total": "预算金额总额", "fiscal": "财政拨款", "other": "其他资金"}
_ITEM = re.compile(r"^(indicators|tasks)\[(\d+)\]\.(\w+)$")


def describe_path(path: str | None, form=None) -> str:
    """'第3个指标“群众满意度”·实际完成值' for 'indicators[2].actual'; the path itself when unknown."""
    if not path:
        return ""
    if path in _FIELDS:
        return _FIELDS[path]
    m = _ITEM.match(path)
    if not m:
        return path
    table, index, field = m.group(1), int(m.group(2)), m.group(3)
    labels, noun = (_INDICATOR, "指标") if table == "indicators" else (_TASK, "任务")
    items = getattr(form, table, ()) if form is not None else ()
    name = items[index].name if index < len(items) and items[index].name else None
    return f"第{index + 1}个{noun}" + (f"“{name}”" if name else "") + f"·{labels.get(field, field)}"
