"""Scoring results as plain frozen data. Values are unrounded; `to_dict()` rounds half-up for output.

`FormScore.to_dict()` is the score output of docs/dev/form-json.md (documented keys first, in the
documented order; extra keys after them).
"""

from dataclasses import dataclass, fields
from typing import Any

from perfxl.domain.kinds import FormKind
from perfxl.scoring.rounding import clean, half_up

# Methods an IndicatorScore can carry.
METHODS = (
    "quantitative_ge", "quantitative_le", "equality", "qualitative", "deadline",
    "not_applicable", "unscored", "not_scored_goal", "not_scored_monitor",
)


UNJUDGED = "qualitative_unjudged"  # problem_code of a row kept at the unit's own score (cannot be checked)


@dataclass(frozen=True, slots=True, init=False)  # __init__ below
class IndicatorScore:
    """One 三级指标 as the engine scored it. `score` is on `effective_weight` (after redistribution)."""

    index: int  # position in form.indicators
    name: str | None
    level1: str | None  # canonical 一级 ("产出指标")
    level2: str | None
    weight: float | None  # 分值 the form shows
    effective_weight: float | None  # after 满意度 redistribution / not-applicable rescaling
    score: float | None  # unrounded; None = not scored
    self_score: float | None  # 自评得分 the unit entered
    method: str  # one of METHODS
    explain: str  # one line, Chinese
    applicable: bool = True
    ratio: float | None = None  # A / T for quantitative indicators
    over_completed: bool = False  # A ≥ threshold × T (reverse: T / A ≥ threshold): 偏差原因 mandatory
    band: str | None = None  # qualitative band: "full" | "partial" | "fail"
    self_in_band: bool | None = None  # qualitative: was the self-score inside the band?
    problem: str | None = None  # Chinese
    problem_code: str | None = None  # stable machine key ("actual_missing", …)
    inferred_direction: str | None = None  # "≤" / "≥" taken from the name or unit: the target has no operator

    def __init__(self, index: int, name: str | None, level1: str | None, level2: str | None, weight: float | None,
                 effective_weight: float | None, score: float | None, self_score: float | None, method: str,
                 explain: str, applicable: bool = True, ratio: float | None = None, over_completed: bool = False,
                 band: str | None = None, self_in_band: bool | None = None, problem: str | None = None,
                 problem_code: str | None = None, inferred_direction: str | None = None) -> None:
        # The __init__ @dataclass(frozen=True) would generate, except that each field is stored through
        # its slot's descriptor instead of object.__setattr__(self, name, value), which costs twice as
        # much; the engine makes one of these per indicator, and with 17 fields that was the largest
        # single cost of scoring a form. Assignment after construction still raises FrozenInstanceError.
        _set_index(self, index)
        _set_name(self, name)
        _set_level1(self, level1)
        _set_level2(self, level2)
        _set_weight(self, weight)
        _set_effective_weight(self, effective_weight)
        _set_score(self, score)
        _set_self_score(self, self_score)
        _set_method(self, method)
        _set_explain(self, explain)
        _set_applicable(self, applicable)
        _set_ratio(self, ratio)
        _set_over_completed(self, over_completed)
        _set_band(self, band)
        _set_self_in_band(self, self_in_band)
        _set_problem(self, problem)
        _set_problem_code(self, problem_code)
        _set_inferred_direction(self, inferred_direction)

    def to_dict(self, decimals: int = 2) -> dict[str, Any]:
        return {
            "name": self.name,
            "weight": clean(self.weight),
            "score": half_up(self.score, decimals),
            "self_score": clean(self.self_score),
            "method": self.method,
            "explain": self.explain,
            "index": self.index,
            "level1": self.level1,
            "level2": self.level2,
            "effective_weight": half_up(self.effective_weight, 4) if self.effective_weight is not None else None,
            "applicable": self.applicable,
            "ratio": half_up(self.ratio, 4),
            "over_completed": self.over_completed,
            "band": self.band,
            "self_in_band": self.self_in_band,
            "problem": self.problem,
            "problem_code": self.problem_code,
            "inferred_direction": self.inferred_direction,
        }

    @property
    def verified(self) -> bool:
        """False when the engine could not check the row and kept the unit's own score (or none)."""
        return self.problem_code != UNJUDGED


(_set_index, _set_name, _set_level1, _set_level2, _set_weight, _set_effective_weight, _set_score, _set_self_score,
 _set_method, _set_explain, _set_applicable, _set_ratio, _set_over_completed, _set_band, _set_self_in_band,
 _set_problem, _set_problem_code, _set_inferred_direction) = (IndicatorScore.__dict__[f.name].__set__ for f in fields(IndicatorScore))


@dataclass(frozen=True, slots=True)
class BudgetScore:
    """Budget execution (预算执行率) — 财预〔2020〕10号 附1: score = weight × min(rate, 1)."""

    weight: float  # the form's own 分值 when given, else the rule pack's
    execution_rate: float | None  # fraction (0.942)
    score: float | None  # None when it cannot be computed (problem says why)
    self_rate: float | None  # the form's 执行率 as a fraction
    self_score: float | None  # the form's 得分
    explain: str
    problem: str | None = None
    problem_code: str | None = None  # "budget_missing" | "budget_zero" | "executed_missing" | "over_budget" …

    def to_dict(self, decimals: int = 2) -> dict[str, Any]:
        return {
            "execution_rate": half_up(self.execution_rate, decimals + 2),
            "weight": clean(self.weight),
            "score": half_up(self.score, decimals),
            "self_rate": half_up(self.self_rate, decimals + 2),
            "self_score": clean(self.self_score),
            "explain": self.explain,
            "problem": self.problem,
            "problem_code": self.problem_code,
        }


LIGHT_LABELS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "blue": "蓝灯"}  # 财预〔2019〕136号 practice


@dataclass(frozen=True, slots=True)
class ProgressItem:
    """Monitoring: one indicator's progress against the elapsed share of the year (财预〔2019〕136号)."""

    index: int
    name: str | None
    rate: float | None  # 1—N月完成值 / T
    ratio: float | None  # rate / elapsed share
    light: str | None  # "red" | "yellow" | "green" | "blue"
    explain: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "name": self.name, "rate": half_up(self.rate, 4),
            "ratio": half_up(self.ratio, 4), "light": self.light, "explain": self.explain,
        }


@dataclass(frozen=True, slots=True)
class MonitorScore:
    """Monitoring progress: budget and indicator progress ratios and their lights (docs/dev/domain.md §5)."""

    as_of: str | None
    elapsed: float | None  # t = months elapsed / 12
    budget_rate: float | None  # executed_to_date / full-year (or initial) budget
    budget_ratio: float | None  # budget_rate / t
    budget_light: str | None
    budget_explain: str
    indicators: tuple[ProgressItem, ...]

    def summary(self) -> str:
        """One Chinese line: the budget's light and how many indicators have each light."""
        counts = {lamp: sum(1 for item in self.indicators if item.light == lamp) for lamp in LIGHT_LABELS}
        shown = "、".join(f"{LIGHT_LABELS[lamp]}{n}项" for lamp, n in counts.items() if n) or "无法计算"
        budget = LIGHT_LABELS.get(self.budget_light, "无法计算") if self.budget_light else "无法计算"
        return f"预算执行进度：{budget}；指标进度：{shown}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of,
            "elapsed": half_up(self.elapsed, 4),
            "budget": {
                "rate": half_up(self.budget_rate, 4), "ratio": half_up(self.budget_ratio, 4),
                "light": self.budget_light, "explain": self.budget_explain,
            },
            "indicators": [item.to_dict() for item in self.indicators],
        }


@dataclass(frozen=True, slots=True)
class FormScore:
    """A whole form scored. `total` is unrounded; `grade` is computed on `total_rounded` (what users see)."""

    kind: FormKind
    year: int | None
    unit: str | None
    project: str | None
    source: str | None
    budget: BudgetScore
    indicators: tuple[IndicatorScore, ...]
    total: float | None
    total_rounded: float | None
    self_total: float | None  # 总分 the form shows
    grade: str | None
    level1_totals: dict[str, float]
    weights_note: str | None
    complete: bool  # False when some part could not be scored or checked (budget or an indicator)
    decimals: int = 2
    progress: MonitorScore | None = None  # monitoring forms only
    complete_note: str | None = None  # Chinese: why the total is incomplete (None when complete)

    def to_dict(self, findings=()) -> dict[str, Any]:
        """The score output of docs/dev/form-json.md; `findings` are Finding objects or dicts."""
        d = self.decimals
        out: dict[str, Any] = {
            "file": self.source,
            "kind": self.kind.value,
            "unit": self.unit,
            "project": self.project,
            "budget": self.budget.to_dict(d),
            "indicators": [item.to_dict(d) for item in self.indicators],
            "total": self.total_rounded,
            "self_total": clean(self.self_total),
            "grade": self.grade,
            "findings": [f.to_dict() if hasattr(f, "to_dict") else dict(f) for f in findings],
            "year": self.year,
            "complete": self.complete,
            "level1_totals": {k: half_up(v, d) for k, v in self.level1_totals.items()},
            "weights_note": self.weights_note,
            "complete_note": self.complete_note,
        }
        if self.progress is not None:
            out["progress"] = self.progress.to_dict()
        return out
