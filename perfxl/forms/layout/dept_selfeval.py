"""部门整体支出绩效自评表 (provincial practice; no national layout)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import SCORE_FORMULA, helper_columns, selfeval_totals
from perfxl.forms.layout.shared import (
    BASIS_COLUMN,
    CONTACT,
    DEVIATION_COLUMN,
    DIRECTION_COLUMN,
    LEVEL1_COLUMN,
    LEVEL2_COLUMN,
    PHONE,
    UNIT_CODE,
    UNIT_COLUMN,
    VALUE_PROMPT,
    selfeval_funding,
)
from perfxl.forms.layout.spec import (
    LIST_QUALITATIVE,
    SCORE,
    WEIGHT,
    Column,
    Field,
    HeaderRow,
    Label,
    Layout,
    Table,
    TextBlock,
)

_DEPT_SELFEVAL_COLUMNS = (
    LEVEL1_COLUMN, LEVEL2_COLUMN,
    Column("name", "三级指标", 22, ("指标名称", "三级指标（指标名称）", "三级指标名称")),
    UNIT_COLUMN, DIRECTION_COLUMN,
    Column("target", "年初指标值", 9, ("指标值", "年度指标值", "年初目标值"), number=True, required=True,
           prompt=VALUE_PROMPT),
    Column("adjusted_target", "调整指标值", 9, ("调整后指标值", "全年（调整）指标值"), number=True,
           prompt="指标值经批准调整的填写；未调整的留空，按年初指标值评分。"),
    Column("actual", "全年完成值", 10, ("实际完成值", "完成值", "全年实际值", "实际值"),
           choices=LIST_QUALITATIVE, number=True, required=True,
           prompt="定量指标只填数字（单位同计量单位）；定性指标从列表选择；不适用填“—”。"),
    Column("weight", "指标权重", 6, ("分值", "权重", "权重（分）"), fmt=WEIGHT, number=True, required=True),
    Column("score", "指标得分", 7, ("得分", "自评得分"), formula=SCORE_FORMULA, fmt=SCORE),
    DEVIATION_COLUMN,
    BASIS_COLUMN,
    *helper_columns(adjusted=True),
)

DEPT_SELFEVAL = Layout(
    FormKind.DEPT_SELFEVAL,
    "自评表",
    (
        HeaderRow((Field("部门名称", "unit.name", ("部门（单位）名称", "单位名称", "部门"), required=True),
                   UNIT_CODE)),
        HeaderRow((CONTACT, PHONE,
                   Field("自评总分", None, ("总分",), formula="={total}", fmt=SCORE, width=1.5))),
        selfeval_funding(
            Label("部门预算执行情况（万元）", ("部门预算执行情况", "预算执行情况（万元）", "预算执行情况")),
            Label("年初预算数", ()),
            Label("全年（调整）预算数", ("全年预算数", "调整后预算数", "全年(调整)预算数")),
            Label("全年执行数", ("预算执行数", "实际执行数")),
            Label("执行率权重", ("分值", "权重")),
            Label("执行率", ("预算执行率",)),
            Label("执行率得分", ("得分",)),
        ),
        TextBlock(Label("当年绩效目标", ("年度绩效目标", "绩效目标")), (
            Field("年初绩效目标", "goals.annual", ("年度绩效目标", "预期目标"), required=True),
            Field("全年（调整）绩效目标", "goals.adjusted", ("调整后绩效目标", "全年绩效目标")),
            Field("全年目标实际完成情况", "goals.achieved", ("实际完成情况",), required=True),
        )),
        Table("indicators", Label("绩效指标", ("年度绩效指标", "绩效指标完成情况")), _DEPT_SELFEVAL_COLUMNS,
              rows=30, total_label="总分", totals=selfeval_totals()),
    ),
    notes=(
        "本表为部门（单位）整体支出绩效自评表，按各地通行做法设置（国家未统一格式）。",
        "有“调整指标值”的按调整指标值评分，否则按年初指标值评分。",
        "执行率得分 = 执行率权重 × min(全年执行数 ÷ 全年（调整）预算数, 1)。",
    ),
)
