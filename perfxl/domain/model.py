"""The form as plain immutable data (docs/dev/form-json.md is its JSON shape).

Numbers are floats or None (None = missing, never 0). Targets and actuals keep the text the user
typed; parsing them is `perfxl.domain.values`' job. Where a form came from a workbook,
`Form.cells` maps field paths ("indicators[3].actual", "budget.executed", "total") to the cell
they were read from, so findings can point at cells.
"""

from dataclasses import dataclass, field
from typing import Any

from perfxl.domain.kinds import FormKind

Number = float | None


@dataclass(frozen=True, slots=True)
class Unit:
    name: str | None = None
    code: str | None = None
    department: str | None = None  # 主管部门
    implementer: str | None = None  # 实施单位
    contact: str | None = None  # 联系人
    phone: str | None = None  # 联系电话


@dataclass(frozen=True, slots=True)
class Project:
    name: str | None = None
    code: str | None = None
    attribute: str | None = None  # 项目属性: 新增 / 延续
    period: str | None = None  # 项目期


@dataclass(frozen=True, slots=True)
class Budget:
    """Funding block. Amounts in `currency_unit` (default 万元)."""

    currency_unit: str = "万元"
    initial: Number = None  # 年初预算数
    full_year: Number = None  # 全年预算数 (adjusted, incl. carry-over); 年度资金总额 on goal forms
    executed: Number = None  # 全年执行数
    fiscal: Number = None  # 其中：当年财政拨款
    carryover: Number = None  # 上年结转资金
    other: Number = None  # 其他资金
    weight: Number = None  # 分值 the form shows for budget execution
    rate: str | float | None = None  # 执行率 as the form shows it
    score: Number = None  # 得分 the form shows
    midterm_total: Number = None  # 中期资金总额 (goal forms)
    midterm_fiscal: Number = None
    midterm_other: Number = None
    executed_to_date: Number = None  # 1—N月执行数 (monitoring)
    forecast: Number = None  # 全年预计执行数 (monitoring)
    as_of: str | None = None  # monitoring date, ISO "2024-06-30"


@dataclass(frozen=True, slots=True)
class Goals:
    annual: str | None = None  # 年度目标 / 预期目标 / 年初绩效目标
    midterm: str | None = None  # 中期目标
    achieved: str | None = None  # 实际完成情况
    adjusted: str | None = None  # 全年（调整）绩效目标 (dept self-evaluation)
    progress: str | None = None  # 1—N月执行情况 (monitoring)


@dataclass(frozen=True, slots=True)
class Task:
    """A 年度主要任务 row of a department goal form."""

    name: str | None = None
    content: str | None = None
    total: Number = None
    fiscal: Number = None
    other: Number = None


@dataclass(frozen=True, slots=True)
class Indicator:
    level1: str | None = None
    level2: str | None = None
    name: str | None = None
    target: str | None = None  # 年度指标值 as typed
    unit: str | None = None  # 计量单位
    actual: str | None = None  # 实际完成值 as typed
    weight: Number = None  # 分值
    score: Number = None  # 自评得分 the unit entered
    deviation: str | None = None  # 偏差原因分析及改进措施
    basis: str | None = None  # 取值依据
    direction: str | None = None  # explicit 指标性质: ≥ ≤ = > < 定性
    midterm_target: str | None = None  # 中期指标值 (goal forms)
    adjusted_target: str | None = None  # 调整指标值 (dept self-evaluation)
    progress: str | None = None  # 1—N月执行情况 (monitoring)
    forecast: str | None = None  # 全年预计完成情况 (monitoring)
    likelihood: str | None = None  # 完成目标可能性 (monitoring)
    measures: str | None = None  # 纠偏措施 (monitoring)
    remark: str | None = None  # 备注


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a field was read from; `formula` is set when the cell held a formula."""

    sheet: str
    cell: str
    formula: str | None = None

    def __str__(self) -> str:
        return f"{self.sheet}!{self.cell}"


@dataclass(frozen=True, slots=True)
class Form:
    kind: FormKind
    year: int | None = None
    unit: Unit = field(default_factory=Unit)
    project: Project = field(default_factory=Project)
    budget: Budget = field(default_factory=Budget)
    goals: Goals = field(default_factory=Goals)
    indicators: tuple[Indicator, ...] = ()
    tasks: tuple[Task, ...] = ()
    total: Number = None  # 总分 the form shows
    extra: Any = field(default_factory=dict)
    # Not part of the JSON: provenance and values that could not be normalised.
    source: str | None = None  # file the form was read from
    cells: Any = field(default_factory=dict)  # field path -> CellRef
    raw: Any = field(default_factory=dict)  # field path -> original text where a number was expected but not found

    @property
    def title(self) -> str:
        return self.kind.title

    def where(self, path: str) -> str | None:
        """'Sheet!A1' for a field path, when the form came from a workbook."""
        ref = self.cells.get(path)
        return str(ref) if ref is not None else None
