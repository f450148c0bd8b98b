"""项目支出绩效自评表 (财预〔2020〕10号 附1, 2020 layout)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import SCORE_FORMULA, helper_columns, selfeval_totals
from perfxl.forms.layout.shared import (
    BASIS_COLUMN,
    CONTACT,
    DEVIATION_COLUMN,
    DIRECTION_COLUMN,
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
    VALUE_PROMPT,
    WEIGHT_COLUMN,
    selfeval_funding,
)
from perfxl.forms.layout.spec import (
    LIST_QUALITATIVE,
    SCORE,
    Column,
    Field,
    HeaderRow,
    Label,
    Layout,
    Table,
    TextBlock,
)

_SELFEVAL_COLUMNS = (
    LEVEL1_COLUMN, LEVEL2_COLUMN, NAME_COLUMN, DIRECTION_COLUMN,
    Column("target", "年度指标值", 9, ("指标值", "年度指标值（A）", "年度指标值(A)", "年度目标值", "目标值"),
           number=True, required=True, prompt=VALUE_PROMPT),
    UNIT_COLUMN, BASIS_COLUMN,
    Column("actual", "实际完成值", 10, ("完成值", "全年实际值", "实际完成值（B）", "实际完成值(B)", "全年完成值",
                                        "实际值"),
           choices=LIST_QUALITATIVE, number=True, required=True,
           prompt="定量指标只填数字（单位同计量单位）；定性指标从列表选择；不适用填“—”。"),
    WEIGHT_COLUMN,
    Column("score", "得分", 7, ("自评得分", "指标得分"), formula=SCORE_FORMULA, fmt=SCORE),
    DEVIATION_COLUMN,
    *helper_columns(adjusted=False),
)

PROJECT_SELFEVAL = Layout(
    FormKind.PROJECT_SELFEVAL,
    "自评表",
    (
        HeaderRow((UNIT_NAME, UNIT_CODE)),
        HeaderRow((PROJECT_NAME, PROJECT_CODE)),
        HeaderRow((Field("主管部门", "unit.department", ("主管部门及代码", "主管部门（单位）", "项目主管部门"),
                         required=True),
                   IMPLEMENTER)),
        HeaderRow((CONTACT, PHONE)),
        selfeval_funding(
            Label("项目资金（万元）", ("项目资金", "项目资金(万元)", "资金情况（万元）")),
            Label("年初预算数", ("年初预算数（万元）",)),
            Label("全年预算数", ("全年预算数（A）", "全年预算数(A)", "调整后预算数", "全年（调整）预算数")),
            Label("全年执行数", ("全年执行数（B）", "全年执行数(B)", "预算执行数", "实际执行数")),
            Label("分值", ("权重",)),
            Label("执行率", ("执行率（B/A）", "执行率(B/A)", "预算执行率")),
            Label("得分", ("执行率得分",)),
        ),
        TextBlock(Label("年度总体目标", ("总体目标", "年度目标")), (
            Field("预期目标", "goals.annual", ("年度目标", "年初设定目标"), required=True),
            Field("实际完成情况", "goals.achieved", ("实际完成", "全年实际完成情况"), required=True),
        )),
        Table("indicators", Label("绩效指标", ("绩效指标完成情况",)), _SELFEVAL_COLUMNS, rows=30,
              total_label="总分", totals=selfeval_totals()),
    ),
    notes=(
        "本表依据财预〔2020〕10号《项目支出绩效评价管理办法》附1 项目支出绩效自评表设置。",
        "预算执行率得分 = 分值 × min(全年执行数 ÷ 全年预算数, 1)；全年预算数缺失或不大于 0 时不计分。",
    ),
)
