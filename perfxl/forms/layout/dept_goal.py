"""部门（单位）整体支出绩效目标申报表 (provincial practice)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import sum_or_blank
from perfxl.forms.layout.shared import (
    BASIS_COLUMN,
    CONTACT,
    DIRECTION_COLUMN,
    GOAL_VALUE_PROMPT,
    LEVEL1_COLUMN,
    LEVEL2_COLUMN,
    NAME_COLUMN,
    PHONE,
    UNIT_CODE,
    UNIT_COLUMN,
)
from perfxl.forms.layout.spec import (
    AMOUNT,
    WEIGHT,
    Column,
    Field,
    HeaderRow,
    Label,
    Layout,
    Table,
    TextBlock,
    TotalCell,
)

DEPT_GOAL = Layout(
    FormKind.DEPT_GOAL,
    "申报表",
    (
        HeaderRow((Field("部门（单位）名称", "unit.name", ("部门名称", "单位名称"), required=True), UNIT_CODE)),
        HeaderRow((Field("主管部门", "unit.department", ("主管部门及代码",)),)),
        HeaderRow((CONTACT, PHONE)),
        Table("tasks", Label("年度主要任务", ("主要任务",)), (
            Column("name", "任务名称", 18, ("任务",), required=True),
            Column("content", "主要内容", 36, ("任务内容",)),
            Column("total", "预算金额总额", 10, ("总额", "预算金额（万元）", "金额合计"), fmt=AMOUNT, number=True,
                   required=True),
            Column("fiscal", "其中：财政拨款", 10, ("财政拨款",), fmt=AMOUNT, number=True),
            Column("other", "其他资金", 10, (), fmt=AMOUNT, number=True),
        ), rows=8, total_label="金额合计", totals=(
            TotalCell("total", sum_or_blank("total"), path="budget.full_year", fmt=AMOUNT),
            TotalCell("fiscal", sum_or_blank("fiscal"), path="budget.fiscal", fmt=AMOUNT),
            TotalCell("other", sum_or_blank("other"), path="budget.other", fmt=AMOUNT),
        )),
        TextBlock(Label("年度总体目标", ("总体目标", "年度绩效目标")), (
            Field("年度总体目标", "goals.annual", ("年度目标",), required=True),
        )),
        Table("indicators", Label("年度绩效指标", ("绩效指标",)), (
            LEVEL1_COLUMN, LEVEL2_COLUMN, NAME_COLUMN, DIRECTION_COLUMN,
            Column("target", "指标值", 9, ("年度指标值", "目标值"), number=True, required=True, prompt=GOAL_VALUE_PROMPT),
            UNIT_COLUMN, BASIS_COLUMN,
            Column("weight", "分值", 6, ("权重", "指标权重"), fmt=WEIGHT, number=True),
        ), rows=30, total_label="合计", totals=(TotalCell("weight", sum_or_blank("weight"), fmt=WEIGHT),)),
    ),
    landscape=False,
    notes=(
        "本表为部门（单位）整体支出绩效目标申报表，按各地通行做法设置。",
        "“年度主要任务”每行一项任务；金额合计自动汇总，即部门年度预算资金总额。",
    ),
)
