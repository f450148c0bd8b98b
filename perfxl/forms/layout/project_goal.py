"""项目支出绩效目标申报表 (财预〔2015〕88号 annex)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import sum_or_blank
from perfxl.forms.layout.shared import (
    BASIS_COLUMN,
    CONTACT,
    DEPARTMENT,
    DIRECTION_COLUMN,
    GOAL_VALUE_PROMPT,
    IMPLEMENTER,
    LEVEL1_COLUMN,
    LEVEL2_COLUMN,
    NAME_COLUMN,
    PHONE,
    PROJECT_CODE,
    PROJECT_NAME,
    UNIT_CODE,
    UNIT_COLUMN,
    UNIT_NAME,
    amount_field,
)
from perfxl.forms.layout.spec import (
    AMOUNT,
    LIST_ATTRIBUTE,
    WEIGHT,
    Column,
    Field,
    Grid,
    GridRow,
    HeaderRow,
    Label,
    Layout,
    Table,
    TextBlock,
    TotalCell,
)

PROJECT_GOAL = Layout(
    FormKind.PROJECT_GOAL,
    "申报表",
    (
        HeaderRow((UNIT_NAME, UNIT_CODE)),
        HeaderRow((PROJECT_NAME, PROJECT_CODE)),
        HeaderRow((DEPARTMENT, IMPLEMENTER)),
        HeaderRow((Field("项目属性", "project.attribute", ("属性",), choices=LIST_ATTRIBUTE, required=True),
                   Field("项目期", "project.period", ("项目周期", "实施期限"), width=1.5, required=True))),
        HeaderRow((CONTACT, PHONE)),
        Grid(
            Label("项目资金（万元）", ("项目资金", "项目资金(万元)")),
            "",
            (Label("中期", ("中期资金", "中期（万元）")), Label("年度", ("年度资金", "年度（万元）"))),
            (
                GridRow(Label("资金总额", ("中期资金总额", "年度资金总额", "资金总额：")), (
                    Field("中期资金总额", "budget.midterm_total", fmt=AMOUNT, number=True),
                    Field("年度资金总额", "budget.full_year", fmt=AMOUNT, number=True, required=True),
                )),
                GridRow(Label("其中：财政拨款", ("财政拨款", "其中：当年财政拨款")), (
                    amount_field("中期财政拨款", "budget.midterm_fiscal"), amount_field("年度财政拨款", "budget.fiscal"),
                )),
                GridRow(Label("其他资金", ()), (
                    amount_field("中期其他资金", "budget.midterm_other"), amount_field("年度其他资金", "budget.other"),
                )),
            ),
        ),
        TextBlock(Label("总体目标", ("绩效目标",)), (
            Field("中期目标", "goals.midterm", ("中期目标（20XX—20XX年）",)),
            Field("年度目标", "goals.annual", ("年度绩效目标",), required=True),
        )),
        Table("indicators", Label("绩效指标", ("年度绩效指标",)), (
            LEVEL1_COLUMN, LEVEL2_COLUMN, NAME_COLUMN, DIRECTION_COLUMN,
            Column("midterm_target", "中期指标值", 9, ("中期目标值",), number=True, prompt=GOAL_VALUE_PROMPT),
            Column("target", "年度指标值", 9, ("指标值", "年度目标值"), number=True, required=True,
                   prompt=GOAL_VALUE_PROMPT),
            UNIT_COLUMN, BASIS_COLUMN,
            Column("weight", "分值", 6, ("权重", "指标权重"), fmt=WEIGHT, number=True),
        ), rows=30, total_label="合计", totals=(TotalCell("weight", sum_or_blank("weight"), fmt=WEIGHT),)),
    ),
    landscape=False,
    notes=(
        "本表依据财预〔2015〕88号《中央部门预算绩效目标管理办法》所附申报表设置，增列指标性质、计量单位、"
        "取值依据和分值，便于审核和年终自评。",
        "资金总额应等于财政拨款与其他资金之和（中期、年度分别核对）。",
    ),
)
