"""One declarative layout per form kind: the single source of truth for the workbook side.

The template builder (`perfxl.forms.write.template`), the writer (`perfxl.forms.write.writer`) and the reader
all use these specs; no cell address is written anywhere else. A `Layout` is a title, a sheet name
and an ordered list of blocks, drawn top to bottom:

- `HeaderRow`  — one printed row of label/value pairs (项目名称 | …, 主管部门 | … | 实施单位 | …);
- `Grid`       — the funding block: row labels × column labels, each cell a `Field`, "—" or blank;
- `TextBlock`  — goal texts side by side (预期目标 | 实际完成情况), a label row above a tall text row;
- `Table`      — a repeated-row table (the indicator table, the 年度主要任务 table) with an optional
                 total row (总分 / 合计).

Every value cell is a `Field` with a Form field path ("project.name", "budget.executed", "total",
"extra.budget_fiscal_initial"); table columns are `Column`s keyed by Indicator/Task field names.
Split value columns: where a table has a "direction" column (指标性质), the "target" column
(and "midterm_target", "adjusted_target", "actual") holds only the number, and "unit" (计量单位)
holds the unit; `join_value` rebuilds the Form text ("≥95%", "≥3") from the three cells.

Reader vocabulary: `Column.labels`, `Field.labels`, `Label.labels` give the printed label first, then
accepted regional synonyms; `COLUMN_SYNONYMS` / `FIELD_SYNONYMS` / `SECTION_LABELS` collect them for
all kinds. Column keys starting with "_" are hidden calculation columns: readers skip them.

Modules: the building blocks and vocabulary live in `perfxl.forms.layout.spec`, the scoring formulas in
`perfxl.forms.layout.formulas`, the geometry in `perfxl.forms.layout.geometry`; this module re-exports all of them.
Geometry: `place(layout, rows=…)` turns a layout into addresses (`Placement`): the cell of each field
path, the columns and rows of each table, and the boxes (merged ranges) the builder draws.

Formulas use placeholders resolved by `Placement.formula`: `{path}` → absolute address of a field
("$E$9"); `{#key}` → the same-row cell of a table column ("H12"); `{#key:}` → that column's whole
table range from the header row to the row above the total row, `$H$11:INDEX($H:$H,ROW($B$42)-1)`,
so rows inserted anywhere in the table (also just above the total row) are included; `{=key}` → the total-row
cell of a column (absolute); `{%name}` → a rule-pack parameter supplied by the builder.
"""

from __future__ import annotations

from datetime import date, datetime

from perfxl.domain.kinds import FormKind
from perfxl.domain.vocabulary import number_text
from perfxl.forms.layout.formulas import (
    BUDGET_SCORE,
    SCORE_FORMULA,
    helper_columns,
    rate_formula,
    redistribution,  # noqa: F401 — re-exported
    rule_params,  # noqa: F401 — re-exported
    selfeval_totals,
    sum_or_blank,
)
from perfxl.forms.layout.geometry import Box, Placement, TablePlace, place  # noqa: F401 — re-exported
from perfxl.forms.layout.spec import *  # noqa: F403 — the vocabulary is part of this module's public names
from perfxl.forms.layout.spec import (
    AMOUNT,
    LIST_ATTRIBUTE,
    LIST_BASIS,
    LIST_DEVIATION,
    LIST_DIRECTION,
    LIST_LEVEL1,
    LIST_LIKELIHOOD,
    LIST_QUALITATIVE,
    LIST_UNIT,
    PERCENT,
    SCORE,
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

# ---------------------------------------------------------------------------------------------
# Shared pieces


_UNIT_NAME = Field("填报单位", "unit.name", ("单位名称", "填报单位（盖章）", "单位"), required=True)
_UNIT_CODE = Field("单位代码", "unit.code", ("单位编码", "预算单位代码"), width=1.5)
_PROJECT = Field("项目名称", "project.name", required=True)
_PROJECT_CODE = Field("项目编码", "project.code", ("项目代码",), width=1.5)
_DEPARTMENT = Field("主管部门及代码", "unit.department", ("主管部门", "主管部门（单位）", "项目主管部门"), required=True)
_IMPLEMENTER = Field("实施单位", "unit.implementer", ("项目实施单位", "实施单位名称"), required=True, width=1.5)
_CONTACT = Field("联系人", "unit.contact", ("项目负责人", "填表人"))
_PHONE = Field("联系电话", "unit.phone", ("电话",), width=1.5)

# Indicator columns shared by the kinds (label, width and reader synonyms).
_L1 = Column("level1", "一级指标", 10, choices=LIST_LEVEL1, required=True, strict=True)
_L2 = Column("level2", "二级指标", 13, choices="=INDIRECT({#level1})", required=True, strict=True,
             prompt="先选一级指标，再从下拉列表选择二级指标。")
_NAME = Column("name", "三级指标", 22, ("指标名称", "三级指标（指标名称）", "三级指标名称", "绩效指标"))
_DIRECTION = Column("direction", "指标性质", 7, ("指标方向", "比较方式", "运算符号"), choices=LIST_DIRECTION,
                    required=True, strict=True,
                    prompt="≥ 越大越好；≤ 越小越好；= 等于目标；定性 按三档评价。")
_UNIT = Column("unit", "计量单位", 8, ("度量单位", "单位"), choices=LIST_UNIT,
               prompt="可从列表选择，也可直接输入其他单位。")
_BASIS = Column("basis", "取值依据", 10, ("指标值确定依据", "指标值设定依据"), choices=LIST_BASIS)
_VALUE_PROMPT = ("只填数字，比较方式（≥ ≤ =）选在“指标性质”列，单位写在“计量单位”列（例：≥95% 填 95）；"
                 "写成“≥5000”“≤30天”也能计分。定性指标可填文字。")
_WEIGHT = Column("weight", "分值", 6, ("权重", "指标权重", "权重（分）", "指标分值"), fmt=WEIGHT, number=True,
                 required=True)
_DEVIATION = Column("deviation", "偏差原因分析及改进措施", 26,
                    ("偏差原因分析", "未完成原因分析", "未完成原因分析及改进措施", "偏差原因及改进措施",
                     "原因分析及改进措施"))

def _amount(label: str, path: str, *synonyms: str) -> Field:
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


def _selfeval_funding(section: Label, initial: Label, full_year: Label, executed: Label, weight: Label,
                      rate: Label, score: Label) -> Grid:
    total_row = GridRow(
        Label("年度资金总额", ("资金总额", "合计", "部门预算")),
        (
            _amount(initial.text, "budget.initial"),
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
            _amount(initial.text, f"extra.budget_{key}_initial"),
            _amount(full_year.text, f"budget.{key}"),
            _amount(executed.text, f"extra.budget_{key}_executed"),
            "—",
            _sub_rate(key),
            "—",
        )))
    return Grid(section, "", (initial, full_year, executed, weight, rate, score), tuple(rows))


# ---------------------------------------------------------------------------------------------
# 项目支出绩效自评表 (10号 附1, 2020 layout) ✔

_SELFEVAL_COLUMNS = (
    _L1, _L2, _NAME, _DIRECTION,
    Column("target", "年度指标值", 9, ("指标值", "年度指标值（A）", "年度指标值(A)", "年度目标值", "目标值"),
           number=True, required=True, prompt=_VALUE_PROMPT),
    _UNIT, _BASIS,
    Column("actual", "实际完成值", 10, ("完成值", "全年实际值", "实际完成值（B）", "实际完成值(B)", "全年完成值",
                                        "实际值"),
           choices=LIST_QUALITATIVE, number=True, required=True,
           prompt="定量指标只填数字（单位同计量单位）；定性指标从列表选择；不适用填“—”。"),
    _WEIGHT,
    Column("score", "得分", 7, ("自评得分", "指标得分"), formula=SCORE_FORMULA, fmt=SCORE),
    _DEVIATION,
    *helper_columns(adjusted=False),
)

PROJECT_SELFEVAL = Layout(
    FormKind.PROJECT_SELFEVAL,
    "自评表",
    (
        HeaderRow((_UNIT_NAME, _UNIT_CODE)),
        HeaderRow((_PROJECT, _PROJECT_CODE)),
        HeaderRow((Field("主管部门", "unit.department", ("主管部门及代码", "主管部门（单位）", "项目主管部门"),
                         required=True),
                   _IMPLEMENTER)),
        HeaderRow((_CONTACT, _PHONE)),
        _selfeval_funding(
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

# ---------------------------------------------------------------------------------------------
# 部门整体支出绩效自评表 (provincial practice) ◐

_DEPT_SELFEVAL_COLUMNS = (
    _L1, _L2,
    Column("name", "三级指标", 22, ("指标名称", "三级指标（指标名称）", "三级指标名称")),
    _UNIT, _DIRECTION,
    Column("target", "年初指标值", 9, ("指标值", "年度指标值", "年初目标值"), number=True, required=True,
           prompt=_VALUE_PROMPT),
    Column("adjusted_target", "调整指标值", 9, ("调整后指标值", "全年（调整）指标值"), number=True,
           prompt="指标值经批准调整的填写；未调整的留空，按年初指标值评分。"),
    Column("actual", "全年完成值", 10, ("实际完成值", "完成值", "全年实际值", "实际值"),
           choices=LIST_QUALITATIVE, number=True, required=True,
           prompt="定量指标只填数字（单位同计量单位）；定性指标从列表选择；不适用填“—”。"),
    Column("weight", "指标权重", 6, ("分值", "权重", "权重（分）"), fmt=WEIGHT, number=True, required=True),
    Column("score", "指标得分", 7, ("得分", "自评得分"), formula=SCORE_FORMULA, fmt=SCORE),
    _DEVIATION,
    _BASIS,
    *helper_columns(adjusted=True),
)

DEPT_SELFEVAL = Layout(
    FormKind.DEPT_SELFEVAL,
    "自评表",
    (
        HeaderRow((Field("部门名称", "unit.name", ("部门（单位）名称", "单位名称", "部门"), required=True),
                   _UNIT_CODE)),
        HeaderRow((_CONTACT, _PHONE,
                   Field("自评总分", None, ("总分",), formula="={total}", fmt=SCORE, width=1.5))),
        _selfeval_funding(
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

# ---------------------------------------------------------------------------------------------
# 项目支出绩效目标申报表 (88号 annex) ◐

_GOAL_VALUE = "只填数字，比较方式（≥ ≤ =）选在“指标性质”列，单位写在“计量单位”列；定性指标填文字描述。"

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

# ---------------------------------------------------------------------------------------------
# 部门（单位）整体支出绩效目标申报表 ◐


DEPT_GOAL = Layout(
    FormKind.DEPT_GOAL,
    "申报表",
    (
        HeaderRow((Field("部门（单位）名称", "unit.name", ("部门名称", "单位名称"), required=True), _UNIT_CODE)),
        HeaderRow((Field("主管部门", "unit.department", ("主管部门及代码",)),)),
        HeaderRow((_CONTACT, _PHONE)),
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
            _L1, _L2, _NAME, _DIRECTION,
            Column("target", "指标值", 9, ("年度指标值", "目标值"), number=True, required=True, prompt=_GOAL_VALUE),
            _UNIT, _BASIS,
            Column("weight", "分值", 6, ("权重", "指标权重"), fmt=WEIGHT, number=True),
        ), rows=30, total_label="合计", totals=(TotalCell("weight", sum_or_blank("weight"), fmt=WEIGHT),)),
    ),
    landscape=False,
    notes=(
        "本表为部门（单位）整体支出绩效目标申报表，按各地通行做法设置。",
        "“年度主要任务”每行一项任务；金额合计自动汇总，即部门年度预算资金总额。",
    ),
)

# ---------------------------------------------------------------------------------------------
# 项目支出绩效运行监控表 (136号 annex) ◐

_MONITOR_DEVIATION = Column(
    "deviation", "偏差原因分析", 14, ("偏差原因", "偏差原因分类", "原因分析"), choices=LIST_DEVIATION,
    prompt="可从列表选择原因类别（经费/制度/人员/硬件条件保障/其他），也可直接填写具体原因。")

PROJECT_MONITOR = Layout(
    FormKind.PROJECT_MONITOR,
    "监控表",
    (
        HeaderRow((_UNIT_NAME, _UNIT_CODE)),
        HeaderRow((_PROJECT, _PROJECT_CODE)),
        HeaderRow((_DEPARTMENT, _IMPLEMENTER)),
        HeaderRow((Field("监控截止日期", "budget.as_of", ("监控时点", "截止日期", "监控日期"), fmt="yyyy-mm-dd",
                         required=True, width=1.5),
                   _CONTACT, _PHONE)),
        Grid(
            Label("项目资金（万元）", ("项目资金", "项目资金(万元)")),
            "",
            (Label("年初预算数"), Label("全年预算数", ("调整后预算数", "全年（调整）预算数")),
             Label("1—N月执行数", ("1-N月执行数", "截至目前执行数", "执行数")),
             Label("1—N月执行率", ("1-N月执行率", "执行率")),
             Label("全年预计执行数", ("预计全年执行数",))),
            (
                GridRow(Label("年度资金总额", ("资金总额",)), (
                    _amount("年初预算数", "budget.initial"),
                    Field("全年预算数", "budget.full_year", fmt=AMOUNT, number=True, required=True),
                    Field("1—N月执行数", "budget.executed_to_date", fmt=AMOUNT, number=True, required=True),
                    Field("1—N月执行率", None, formula=rate_formula("budget.executed_to_date", "budget.full_year"),
                          fmt=PERCENT),
                    _amount("全年预计执行数", "budget.forecast"),
                )),
                GridRow(Label("其中：财政拨款", ("财政拨款", "其中：当年财政拨款")), (
                    _amount("年初预算数", "extra.budget_fiscal_initial"), _amount("全年预算数", "budget.fiscal"),
                    _amount("1—N月执行数", "extra.budget_fiscal_to_date"),
                    Field("1—N月执行率", None, formula=rate_formula("extra.budget_fiscal_to_date", "budget.fiscal"),
                          fmt=PERCENT),
                    _amount("全年预计执行数", "extra.budget_fiscal_forecast"),
                )),
                GridRow(Label("其他资金", ()), (
                    _amount("年初预算数", "extra.budget_other_initial"), _amount("全年预算数", "budget.other"),
                    _amount("1—N月执行数", "extra.budget_other_to_date"),
                    Field("1—N月执行率", None, formula=rate_formula("extra.budget_other_to_date", "budget.other"),
                          fmt=PERCENT),
                    _amount("全年预计执行数", "extra.budget_other_forecast"),
                )),
            ),
        ),
        TextBlock(Label("年度总体目标", ("总体目标",)), (
            Field("年初设定目标", "goals.annual", ("年度目标", "预期目标"), required=True),
            Field("1—N月执行情况", "goals.progress", ("1-N月执行情况", "目标执行情况"), required=True),
        )),
        Table("indicators", Label("绩效指标", ()), (
            _L1, _L2, Column("name", "三级指标", 20, _NAME.synonyms), _DIRECTION,
            Column("target", "年度指标值", 8, ("指标值", "年度目标值"), number=True, required=True,
                   prompt=_VALUE_PROMPT),
            _UNIT,
            Column("progress", "1—N月执行情况", 10, ("1-N月执行情况", "1-N月完成值", "截至目前完成情况", "执行情况"),
                   required=True, prompt="截至监控日的实际完成值（定量指标填数字，单位同计量单位）。"),
            Column("forecast", "全年预计完成情况", 10, ("全年预计完成值", "预计全年完成情况"), required=True),
            _MONITOR_DEVIATION,
            Column("likelihood", "完成目标可能性", 9, ("完成可能性", "能否完成目标"), choices=LIST_LIKELIHOOD,
                   required=True, strict=True),
            Column("measures", "纠偏措施", 18, ("改进措施", "整改措施")),
            Column("remark", "备注", 8, ("说明",)),
            _BASIS,
        ), rows=30),
    ),
    notes=(
        "本表依据财预〔2019〕136号《中央部门预算绩效运行监控管理暂行办法》所附监控表设置，增列纠偏措施。",
        "“1—N月”中的 N 为监控截止月份（通常为 6、7 或 8 月）。",
        "完成目标可能性为“有可能”或“完全不可能”的，须填写偏差原因分析和纠偏措施。",
    ),
)

LAYOUTS: dict[FormKind, Layout] = {
    layout.kind: layout
    for layout in (PROJECT_GOAL, DEPT_GOAL, PROJECT_MONITOR, PROJECT_SELFEVAL, DEPT_SELFEVAL)
}


def layout_for(kind: FormKind | str) -> Layout:
    return LAYOUTS[FormKind(kind)]


# ---------------------------------------------------------------------------------------------
# Reader vocabulary


def _collect() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], tuple[str, ...]]:
    columns: dict[str, list[str]] = {}
    fields: dict[str, list[str]] = {}
    sections: list[str] = []

    def add(bucket: dict[str, list[str]], key: str, labels: tuple[str, ...]) -> None:
        seen = bucket.setdefault(key, [])
        seen.extend(lab for lab in labels if lab not in seen)

    for layout in LAYOUTS.values():
        for block in layout.blocks:
            if isinstance(block, Table):
                sections.extend(block.section.labels)
                for col in block.columns:
                    if not col.hidden:
                        add(columns, f"{block.name}.{col.key}", col.labels)
            elif isinstance(block, Grid | TextBlock):
                sections.extend(block.section.labels)
            if isinstance(block, Grid):  # a grid value is found by its column label (and row label)
                for row in block.rows:
                    for label, cell in zip(block.columns, row.cells, strict=True):
                        if isinstance(cell, Field) and cell.path:
                            add(fields, cell.path, label.labels)
        for f in layout.fields():
            if f.path:
                add(fields, f.path, f.labels)
    return ({k: tuple(v) for k, v in columns.items()}, {k: tuple(v) for k, v in fields.items()},
            tuple(dict.fromkeys(sections)))


#: "indicators.actual" → ("实际完成值", "完成值", "全年实际值", …) over all kinds.
#: "indicators.target" covers both a split number column (next to 指标性质) and a single text column.
COLUMN_SYNONYMS, FIELD_SYNONYMS, SECTION_LABELS = _collect()

# reader: regional text boxes (label | text, or label above text) that our templates do not draw;
# the reader keeps them in Form.extra under the key (the printed label). Sichuan self-evaluations
# end with 评价结论 / 存在问题 / 改进措施; goal forms may end with an 审核意见 block (docs/dev/forms.md).
EXTRA_BOXES: dict[str, tuple[str, ...]] = {
    "评价结论": ("评价结论", "自评结论", "总体评价结论", "自评结果"),
    "存在问题": ("存在问题", "存在的问题", "主要问题"),
    "改进措施": ("改进措施", "改进建议", "下一步改进措施", "整改措施"),
    "审核意见": ("审核意见", "主管部门审核意见", "财政部门审核意见"),
    # Yunnan self-evaluations print it on the 总分 row: 其他需要说明事项 | 无 | 总分 | 100 | 96.
    "其他需要说明事项": ("其他需要说明事项", "其他需要说明的事项", "其他需要说明的问题", "其他说明事项"),
}


# ---------------------------------------------------------------------------------------------
# Split values: "≥95%" ⇄ 指标性质 "≥" | 指标值 95 | 计量单位 "%"



def join_value(op: str | None, number: object, unit: str | None) -> str | None:
    """The Form text for split cells: op + number, with "%" appended when the unit is "%".

    Other units stay in the 计量单位 column (Indicator.unit), as in form JSON ("≥3" with unit "所").
    A date cell gives its ISO date; a text cell is returned as its text (text the writer could not split).
    """
    if number is None or (isinstance(number, str) and not number.strip()):
        return None
    if isinstance(number, datetime):
        number = number.date()
    if isinstance(number, date):
        return number.isoformat()  # deadline cells (计量单位 "日期")
    if isinstance(number, bool) or not isinstance(number, int | float):
        return str(number).strip()
    op = op if op in ("≥", "≤", "=", ">", "<") else ""
    suffix = "%" if unit == "%" else ""
    return f"{op}{number_text(float(number))}{suffix}"
