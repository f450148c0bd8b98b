"""项目支出绩效目标申报表 (财预〔2015〕88号 annex)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import (
    sum_or_blank,
)
from perfxl.forms.layout.shared import (
    _BASIS,
    _CONTACT,
    _DEPARTMENT,
    _DIRECTION,
    _GOAL_VALUE,
    _IMPLEMENTER,
    _L1,
    _L2,
    _NAME,
    _PHONE,
    _PROJECT,
    _PROJECT_CODE,
    _UNIT,
    _UNIT_CODE,
    _UNIT_NAME,
    _amount,
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
        HeaderRow((_UNIT_NAME, _UNIT_CODE)),
        HeaderRow((_PROJECT, _PROJECT_CODE)),
        HeaderRow((_DEPARTMENT, _IMPLEMENTER)),
        HeaderRow((Field("项目属性", "project.attribute", ("属性",), choices=LIST_ATTRIBUTE, required=True),
                   Field("项目期", "project.period", ("项目周期", "实施期限"), width=1.5, required=True))),
        HeaderRow((_CONTACT, _PHONE)),
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
                    _amount("中期财政拨款", "budget.midterm_fiscal"), _amount("年度财政拨款", "budget.fiscal"),
                )),
                GridRow(Label("其他资金", ()), (
                    _amount("中期其他资金", "budget.midterm_other"), _amount("年度其他资金", "budget.other"),
                )),
            ),
        ),
        TextBlock(Label("总体目标", ("绩效目标",)), (
            Field("中期目标", "goals.midterm", ("中期目标（20XX—20XX年）",)),
            Field("年度目标", "goals.annual", ("年度绩效目标",), required=True),
        )),
        Table("indicators", Label("绩效指标", ("年度绩效指标",)), (
            _L1, _L2, _NAME, _DIRECTION,
            Column("midterm_target", "中期指标值", 9, ("中期目标值",), number=True, prompt=_GOAL_VALUE),
            Column("target", "年度指标值", 9, ("指标值", "年度目标值"), number=True, required=True,
                   prompt=_GOAL_VALUE),
            _UNIT, _BASIS,
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
