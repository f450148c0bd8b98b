"""Goal review grade (目标审核, docs/dev/domain.md §4): 优/良/中/差 from a goal declaration's findings.

财预〔2015〕88号 ✔ names the outcomes (优 → 进入预算安排流程; 良 → 与单位协商修改; 中 → 修改后重新报送;
差 → 不得进入预算安排流程). How findings turn into a grade is perfxl's design ○, set in the rule pack:

    [review]
    start = 100.0             # points before deductions
    error = 15.0              # deducted per error / warning / info finding
    warning = 5.0
    info = 0.0
    points = { G113 = 8.0 }   # per-code deduction overrides
    cap_with_errors = "中"    # any error caps the grade at this one ("" = no cap)
    bands = [["优", 90.0], ["良", 75.0], ["中", 60.0], ["差", 0.0]]
    outcomes = { "优" = "进入预算安排流程", … }

The config loader treats [review] as an open table; this module validates it (unknown keys and bad
values are ConfigErrors naming the key).
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from perfxl.config import ConfigError, RulePack, default_pack
from perfxl.domain import Finding, Severity

_KEYS = {"start", "error", "warning", "info", "points", "cap_with_errors", "bands", "outcomes"}


@dataclass(frozen=True, slots=True)
class ReviewSettings:
    start: float
    per_severity: dict[Severity, float]
    points: dict[str, float]
    cap_with_errors: str | None
    bands: tuple[tuple[str, float], ...]  # descending lower bounds
    outcomes: dict[str, str]


@dataclass(frozen=True, slots=True)
class Review:
    grade: str
    outcome: str
    points: float  # start minus deductions, never below 0
    errors: int
    warnings: int
    infos: int
    deductions: tuple[tuple[str, float], ...]  # (code, points) per finding that cost points
    capped: bool = False  # the grade was lowered to cap_with_errors

    def to_dict(self) -> dict[str, Any]:
        return {"grade": self.grade, "outcome": self.outcome, "points": round(self.points, 2), "errors": self.errors,
                "warnings": self.warnings, "infos": self.infos, "capped": self.capped,
                "deductions": [{"code": c, "points": p} for c, p in self.deductions]}

    def summary(self) -> str:
        """One Chinese line, e.g. "审核等级：良（85分）— 与单位协商修改"."""
        cap = "，有错误项，等级不高于此档" if self.capped else ""
        return f"审核等级：{self.grade}（{self.points:g}分{cap}）— {self.outcome}"


def _error(pack: RulePack, key: str, message: str) -> ConfigError:
    return ConfigError(f"{pack.source_label()}: 配置项 review.{key} {message}")


def _number(pack: RulePack, data: dict, key: str, *, positive: bool = False) -> float:
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _error(pack, key, f"应为数字，实际为 {value!r}")
    if value < 0 or (positive and value == 0):
        raise _error(pack, key, f"应为{'正数' if positive else '非负数'}，实际为 {value!r}")
    return float(value)


@cache
def review_settings(pack: RulePack) -> ReviewSettings:
    """Validate and resolve the pack's [review] section (cached per pack)."""
    data = pack.data.get("review")
    if not isinstance(data, dict):
        raise ConfigError(f"{pack.source_label()}: 配置项 review 应为表 [review]")
    for key in data:
        if key not in _KEYS:
            raise ConfigError(f"{pack.source_label()}: 未知配置项 review.{key}（可用：{'、'.join(sorted(_KEYS))}）")
    start = _number(pack, data, "start", positive=True)
    per = {Severity.ERROR: _number(pack, data, "error"), Severity.WARNING: _number(pack, data, "warning"),
           Severity.INFO: _number(pack, data, "info")}
    points_table = data["points"]
    if not isinstance(points_table, dict):
        raise _error(pack, "points", "应为表，如 points = { G113 = 8.0 }")
    from perfxl.rules.registry import rules

    known = rules()
    points = {}
    for code, value in points_table.items():
        if code.upper() not in known:
            raise ConfigError(f"{pack.source_label()}: 配置项 review.points.{code}：未知规则 {code}")
        points[code.upper()] = _number(pack, {code: value}, code)
    bands = data["bands"]
    if not (isinstance(bands, list) and bands and all(
            isinstance(b, list) and len(b) == 2 and isinstance(b[0], str) and b[0].strip()
            and isinstance(b[1], int | float) and not isinstance(b[1], bool) for b in bands)):
        raise _error(pack, "bands", "应为 [[\"优\", 90.0], [\"良\", 75.0], …] 形式")
    bounds = [float(b[1]) for b in bands]
    if any(a <= b for a, b in zip(bounds, bounds[1:], strict=False)):
        raise _error(pack, "bands", "各等级下限应从高到低严格递减")
    names = [b[0] for b in bands]
    if len(set(names)) != len(names):
        raise _error(pack, "bands", "等级名称不能重复")
    outcomes_table = data["outcomes"]
    if not isinstance(outcomes_table, dict) or not all(isinstance(v, str) for v in outcomes_table.values()):
        raise _error(pack, "outcomes", "应为表，如 outcomes = { \"优\" = \"进入预算安排流程\" }")
    defaults = default_pack().data["review"]["outcomes"]
    outcomes = {g: o for g, o in defaults.items() if g in names}
    for grade, text in outcomes_table.items():
        if grade not in names:
            if outcomes_table is defaults or defaults.get(grade) == text:
                continue  # a default outcome for a grade the user's bands do not use
            raise ConfigError(f"{pack.source_label()}: 配置项 review.outcomes.{grade}：没有这个等级（等级：{'、'.join(names)}）")
        outcomes[grade] = text
    missing = [g for g in names if g not in outcomes]
    if missing:
        raise _error(pack, "outcomes", f"缺少等级 {'、'.join(missing)} 的审核结论")
    cap = data["cap_with_errors"]
    if not isinstance(cap, str) or (cap and cap not in names):
        raise _error(pack, "cap_with_errors", f"应为等级之一（{'、'.join(names)}）或 \"\"")
    return ReviewSettings(start, per, points, cap or None, tuple((n, float(b)) for n, b in bands), outcomes)


def review_form(findings: Iterable[Finding], pack: RulePack | None = None) -> Review:
    """The review grade of a goal declaration from all its findings (reader's and rules')."""
    pack = pack or default_pack()
    s = review_settings(pack)
    counts = {Severity.ERROR: 0, Severity.WARNING: 0, Severity.INFO: 0}
    deductions = []
    for f in findings:
        counts[f.severity] += 1
        cost = s.points.get(f.code, s.per_severity[f.severity])
        if cost:
            deductions.append((f.code, cost))
    points = max(0.0, s.start - sum(c for _, c in deductions))
    grade = next((name for name, low in s.bands[:-1] if points >= low - 1e-9), s.bands[-1][0])
    capped = False
    if counts[Severity.ERROR] and s.cap_with_errors:
        order = [name for name, _ in s.bands]
        if order.index(grade) < order.index(s.cap_with_errors):
            grade, capped = s.cap_with_errors, True
    return Review(grade, s.outcomes[grade], points, counts[Severity.ERROR], counts[Severity.WARNING],
                  counts[Severity.INFO], tuple(deductions), capped)
