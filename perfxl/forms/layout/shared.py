"""Fields, indicator columns and the self-evaluation funding grid that several form kinds print."""

from __future__ import annotations

from perfxl.forms.layout.formulas import BUDGET_SCORE, rate_formula
from perfxl.forms.layout.spec import (
    AMOUNT,
    LIST_BASIS,
    LIST_DIRECTION,
    LIST_LEVEL1,
    LIST_UNIT,
    PERCENT,
    SCORE,
    WEIGHT,
    Column,
    Field,
    Grid,
    GridRow,
    Label,
)

UNIT_NAME = Field("填报单位", "unit.name", ("单位名称", "填报单位（盖章）", "单位"), required=True)
UNIT_CODE = Field("单位代码", "unit.code", ("单位编码", "预算单位代码"), width=1.5)
PROJECT_NAME = Field("项目名称", "project.name", required=True)
PROJECT_CODE = Field("项目编码", "project.code", ("项目代码",), width=1.5)
DEPARTMENT = Field("主管部门及代码", "unit.department", ("主管部门", "主管部门（单位）", "项目主管部门"), required=True)
IMPLEMENTER = Field("实施单位", "unit.implementer", ("项目实施单位", "实施单位名称"), required=True, width=1.5)
CONTACT = Field("联系人", "unit.contact", ("项目负责人", "填表人"))
PHONE = Field("联系电话", "unit.phone", ("电话",), width=1.5)

# Indicator columns shared by the kinds (label, width and reader synonyms).
LEVEL1_COLUMN = Column("level1", "一级指标", 10, choices=LIST_LEVEL1, required=True, strict=True)
LEVEL2_COLUMN = Column("level2", "二级指标", 13, choices="=INDIRECT({#level1})", required=True, strict=True,
                       prompt="先选一级指标，再从下拉列表选择二级指标。")
NAME_COLUMN = Column("name", "三级指标", 22, ("指标名称", "三级指标（指标名称）", "三级指标名称", "绩效指标"))
DIRECTION_COLUMN = Column("direction", "指标性质", 7, ("指标方向", "比较方式", "运算符号"), choices=LIST_DIRECTION,
                          required=True, strict=True,
                          prompt="≥ 越大越好；≤ 越小越好；= 等于目标；定性 按三档评价。")
UNIT_COLUMN = Column("unit", "计量单位", 8, ("度量单位", "单位"), choices=LIST_UNIT,
                     prompt="可从列表选择，也可直接输入其他单位。")
BASIS_COLUMN = Column("basis", "取值依据", 10, ("指标值确定依据", "指标值设定依据"), choices=LIST_BASIS)
VALUE_PROMPT = ("只填数字，比较方式（≥ ≤ =）选在“指标性质”列，单位写在“计量单位”列（例：≥95% 填 95）；"
                "写成“≥5000”“≤30天”也能计分。定性指标可填文字。")
WEIGHT_COLUMN = Column("weight", "分值", 6, ("权重", "指标权重", "权重（分）", "指标分值"), fmt=WEIGHT, number=True,
                       required=True)
DEVIATION_COLUMN = Column("deviation", "偏差原因分析及改进措施", 26,
                          ("偏差原因分析", "未完成原因分析", "未完成原因分析及改进措施", "偏差原因及改进措施",
                           "原因分析及改进措施"))


def amount_field(label: str, path: str, *synonyms: str) -> Field:
    return Field(label, path, synonyms, fmt=AMOUNT, number=True)


def _sub_rate(row: str) -> Field:
    """执行率 of a funding sub-row (display only)."""
    return Field("执行率", None, formula=rate_formula(f"extra.budget_{row}_executed", f"budget.{row}"), fmt=PERCENT)


_SELFEVAL_FUNDING_ROWS = (
    ("fiscal", Label("其中：当年财政拨款", ("当年财政拨款", "本年财政拨款", "其中：本年财政拨款", "财政拨款",
                                     "其中：财政拨款"))),
    ("carryover", Label("上年结转资金", ("上年结转", "结转资金"))),
    ("other", Label("其他资金", ("其中：其他资金",))),
)


def selfeval_funding(section: Label, initial: Label, full_year: Label, executed: Label, weight: Label,
                      rate: Label, score: Label) -> Grid:
    total_row = GridRow(
        Label("年度资金总额", ("资金总额", "合计", "部门预算")),
        (
            amount_field(initial.text, "budget.initial"),
            Field(full_year.text, "budget.full_year", fmt=AMOUNT, number=True, required=True),
            Field(executed.text, "budget.executed", fmt=AMOUNT, number=True, required=True),
            Field(weight.text, "budget.weight", fmt=WEIGHT, number=True, required=True),
            Field(rate.text, "budget.rate", formula=rate_formula("budget.executed", "budget.full_year"), fmt=PERCENT),
            Field(score.text, "budget.score", formula=BUDGET_SCORE, fmt=SCORE),
        ),
    )
    rows = [total_row]
    for key, label in _SELFEVAL_FUNDING_ROWS:
        rows.append(GridRow(label, (
            amount_field(initial.text, f"extra.budget_{key}_initial"),
            amount_field(full_year.text, f"budget.{key}"),
            amount_field(executed.text, f"extra.budget_{key}_executed"),
            "—",
            _sub_rate(key),
            "—",
        )))
    return Grid(section, "", (initial, full_year, executed, weight, rate, score), tuple(rows))


GOAL_VALUE_PROMPT = "只填数字，比较方式（≥ ≤ =）选在“指标性质”列，单位写在“计量单位”列；定性指标填文字描述。"
