"""项目支出绩效运行监控表 (财预〔2019〕136号 annex)."""

from __future__ import annotations

from perfxl.domain.kinds import FormKind
from perfxl.forms.layout.formulas import rate_formula
from perfxl.forms.layout.shared import (
    BASIS_COLUMN,
    CONTACT,
    DEPARTMENT,
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
    amount_field,
)
from perfxl.forms.layout.spec import (
    AMOUNT,
    LIST_DEVIATION,
    LIST_LIKELIHOOD,
    PERCENT,
    Column,
    Field,
    Grid,
    GridRow,
    HeaderRow,
    Label,
    Layout,
    Table,
    TextBlock,
)

_MONITOR_DEVIATION = Column(
    "deviation", "偏差原因分析", 14, ("偏差原因", "偏差原因分类", "原因分析"), choices=LIST_DEVIATION,
    prompt="可从列表选择原因类别（经费/制度/人员/硬件条件保障/其他），也可直接填写具体原因。")

PROJECT_MONITOR = Layout(
    FormKind.PROJECT_MONITOR,
    "监控表",
    (
        HeaderRow((UNIT_NAME, UNIT_CODE)),
        HeaderRow((PROJECT_NAME, PROJECT_CODE)),
        HeaderRow((DEPARTMENT, IMPLEMENTER)),
        HeaderRow((Field("监控截止日期", "budget.as_of", ("监控时点", "截止日期", "监控日期"), fmt="yyyy-mm-dd",
                         required=True, width=1.5),
                   CONTACT, PHONE)),
        Grid(
            Label("项目资金（万元）", ("项目资金", "项目资金(万元)")),
            "",
            (Label("年初预算数"), Label("全年预算数", ("调整后预算数", "全年（调整）预算数")),
             Label("1—N月执行数", ("1-N月执行数", "截至目前执行数", "执行数")),
             Label("1—N月执行率", ("1-N月执行率", "执行率")),
             Label("全年预计执行数", ("预计全年执行数",))),
            (
                GridRow(Label("年度资金总额", ("资金总额",)), (
                    amount_field("年初预算数", "budget.initial"),
                    Field("全年预算数", "budget.full_year", fmt=AMOUNT, number=True, required=True),
                    Field("1—N月执行数", "budget.executed_to_date", fmt=AMOUNT, number=True, required=True),
                    Field("1—N月执行率", None, formula=rate_formula("budget.executed_to_date", "budget.full_year"),
                          fmt=PERCENT),
                    amount_field("全年预计执行数", "budget.forecast"),
                )),
                GridRow(Label("其中：财政拨款", ("财政拨款", "其中：当年财政拨款")), (
                    amount_field("年初预算数", "extra.budget_fiscal_initial"), amount_field("全年预算数", "budget.fiscal"),
                    amount_field("1—N月执行数", "extra.budget_fiscal_to_date"),
                    Field("1—N月执行率", None, formula=rate_formula("extra.budget_fiscal_to_date", "budget.fiscal"),
                          fmt=PERCENT),
                    amount_field("全年预计执行数", "extra.budget_fiscal_forecast"),
                )),
                GridRow(Label("其他资金", ()), (
                    amount_field("年初预算数", "extra.budget_other_initial"), amount_field("全年预算数", "budget.other"),
                    amount_field("1—N月执行数", "extra.budget_other_to_date"),
                    Field("1—N月执行率", None, formula=rate_formula("extra.budget_other_to_date", "budget.other"),
                          fmt=PERCENT),
                    amount_field("全年预计执行数", "extra.budget_other_forecast"),
                )),
            ),
        ),
        TextBlock(Label("年度总体目标", ("总体目标",)), (
            Field("年初设定目标", "goals.annual", ("年度目标", "预期目标"), required=True),
            Field("1—N月执行情况", "goals.progress", ("1-N月执行情况", "目标执行情况"), required=True),
        )),
        Table("indicators", Label("绩效指标", ()), (
            LEVEL1_COLUMN, LEVEL2_COLUMN, Column("name", "三级指标", 20, NAME_COLUMN.synonyms), DIRECTION_COLUMN,
            Column("target", "年度指标值", 8, ("指标值", "年度目标值"), number=True, required=True,
                   prompt=VALUE_PROMPT),
            UNIT_COLUMN,
            Column("progress", "1—N月执行情况", 10, ("1-N月执行情况", "1-N月完成值", "截至目前完成情况", "执行情况"),
                   required=True, prompt="截至监控日的实际完成值（定量指标填数字，单位同计量单位）。"),
            Column("forecast", "全年预计完成情况", 10, ("全年预计完成值", "预计全年完成情况"), required=True),
            _MONITOR_DEVIATION,
            Column("likelihood", "完成目标可能性", 9, ("完成可能性", "能否完成目标"), choices=LIST_LIKELIHOOD,
                   required=True, strict=True),
            Column("measures", "纠偏措施", 18, ("改进措施", "整改措施")),
            Column("remark", "备注", 8, ("说明",)),
            BASIS_COLUMN,
        ), rows=30),
    ),
    notes=(
        "本表依据财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》所附监控表设置，增列纠偏措施。",
        "“1—N月”中的 N 为监控截止月份（通常为 6、7 或 8 月）。",
        "完成目标可能性为“有可能”或“完全不可能”的，须填写偏差原因分析和纠偏措施。",
    ),
)
