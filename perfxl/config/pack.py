"""The rule pack: every number of docs/dev/domain.md §3–§6 as a setting, loaded once into a frozen object."""

import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from perfxl.config.limits import Limits, table_problems
from perfxl.config.merge import MergeError, merge
from perfxl.domain.hierarchy import Edition

USER_FILE = "perfxl.toml"


class ConfigError(ValueError):
    """A rule pack that cannot be used; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class QualitativeBands:
    full: tuple[float, float]
    partial: tuple[float, float]
    fail: tuple[float, float]
    default_point: str  # "upper" | "lower" | "middle"


@dataclass(frozen=True, slots=True)
class QualitativeWords:
    """Word lists that judge a target written in words from the actual (defaults.toml [scoring.qualitative.words])."""

    negative: tuple[str, ...]
    negative_exceptions: tuple[str, ...]
    partial: tuple[str, ...]
    affirm: tuple[str, ...]
    events: tuple[str, ...]
    none_words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DirectionLexicon:
    """Words that give a target without an operator its direction (defaults.toml [scoring.direction])."""

    higher_words: tuple[str, ...]
    lower_words: tuple[str, ...]
    lower_units: tuple[str, ...]


@dataclass(frozen=True, slots=True, eq=False)
class RulePack:
    """Compared and hashed by identity, so it can key caches (e.g. the parser vocabulary)."""

    edition: Edition
    budget_weight: float
    total_weight: float
    level1_weights: dict[str, float]
    redistribute_missing_satisfaction: bool  # the engine moves the 满意度 weight itself (off by default)
    missing_satisfaction_mode: str  # "proportional" | "fixed"
    missing_satisfaction_fixed: dict[str, float]
    reverse_variant: str  # "ratio" | "linear"
    equality_overshoot: bool
    over_completion_threshold: float
    over_completion_deduction: float
    rescale_not_applicable: bool
    decimals: int
    qualitative: QualitativeBands
    qualitative_words: QualitativeWords
    direction: DirectionLexicon
    explain_below_rate: float
    grade_bands: tuple[tuple[str, float], ...]  # descending lower bounds
    grade_lower_inclusive: bool
    ranking_grades: tuple[str, ...]
    ranking_shares: tuple[float, ...]
    ranking_floors: dict[str, str]  # score grade → the worst ranking grade it may get ({} = shares only)
    monitor_red_below: float
    monitor_yellow_below: float
    monitor_blue_from: float
    satisfaction_floor: float
    vague_words: tuple[str, ...]
    extra_qualitative: dict[str, str]
    extra_not_applicable: tuple[str, ...]
    limits: Limits  # what one file may cost (reader bounds, batch time and memory)
    data: dict = field(repr=False)  # the merged tables, for sections read by other packages (rules, review)
    sources: tuple[str, ...] = ()  # files merged over the defaults

    def source_label(self) -> str:
        return self.sources[-1] if self.sources else "内置国家默认规则"


def _defaults() -> dict:
    text = resources.files("perfxl.config").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


def _check(ok: bool, key: str, message: str) -> None:
    if not ok:
        raise MergeError(key, f"配置项 {key} {message}")


def _fraction_pair(value: Any, key: str) -> tuple[float, float]:
    _check(
        isinstance(value, list) and len(value) == 2 and all(isinstance(x, int | float) for x in value),
        key, "应为两个数 [下限, 上限]",
    )
    low, high = float(value[0]), float(value[1])
    _check(0 <= low <= high <= 1, key, f"应满足 0 ≤ 下限 ≤ 上限 ≤ 1，实际为 {value}")
    return low, high


def _positive(data: dict, section: str, key: str) -> float:
    value = float(data[section][key])
    _check(math.isfinite(value) and value > 0, f"{section}.{key}", f"应为正数，实际为 {value}")
    return value


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) and x.strip() for x in value)


def _build(data: dict, sources: tuple[str, ...]) -> RulePack:
    _check(data["edition"] in {e.value for e in Edition}, "edition", f"应为 \"2020\" 或 \"2021\"，实际为 {data['edition']!r}")
    weights = data["weights"]
    level1 = weights["level1"]
    for name, value in level1.items():
        _check(_number(value) and value >= 0, f"weights.level1.{name}", "应为非负数")
    missing = weights["missing_satisfaction"]
    for name, value in missing["fixed"].items():
        _check(_number(value) and value >= 0, f"weights.missing_satisfaction.fixed.{name}", "应为非负数")
    _check(missing["mode"] in {"proportional", "fixed"}, "weights.missing_satisfaction.mode",
           "应为 \"proportional\" 或 \"fixed\"")
    scoring = data["scoring"]
    _check(scoring["reverse_variant"] in {"ratio", "linear"}, "scoring.reverse_variant", "应为 \"ratio\" 或 \"linear\"")
    _check(0 <= scoring["decimals"] <= 6 and float(scoring["decimals"]).is_integer(), "scoring.decimals", "应为 0 到 6 的整数")
    _check(scoring["over_completion_deduction"] >= 0, "scoring.over_completion_deduction", "不能为负数")
    qual = scoring["qualitative"]
    _check(qual["default_point"] in {"upper", "lower", "middle"}, "scoring.qualitative.default_point",
           "应为 \"upper\"、\"lower\" 或 \"middle\"")
    bands = QualitativeBands(
        full=_fraction_pair(qual["full"], "scoring.qualitative.full"),
        partial=_fraction_pair(qual["partial"], "scoring.qualitative.partial"),
        fail=_fraction_pair(qual["fail"], "scoring.qualitative.fail"),
        default_point=qual["default_point"],
    )
    words = qual["words"]
    for key, value in words.items():
        _check(_strings(value), f"scoring.qualitative.words.{key}", "应为文本数组")
    direction = scoring["direction"]
    for key, value in direction.items():
        _check(_strings(value), f"scoring.direction.{key}", "应为文本数组")
    _check(bands.fail[1] <= bands.partial[0] + 1e-9 and bands.partial[1] <= bands.full[0] + 1e-9,
           "scoring.qualitative", "各档区间应按 未达成 < 部分达成 < 达成 依次排列且不重叠")
    grades = data["grades"]["bands"]
    _check(
        isinstance(grades, list) and grades
        and all(isinstance(g, list) and len(g) == 2 and isinstance(g[0], str) and isinstance(g[1], int | float)
                for g in grades),
        "grades.bands", "应为 [[\"优\", 90], [\"良\", 80], …] 形式",
    )
    bounds = [float(g[1]) for g in grades]
    _check(all(a > b for a, b in zip(bounds, bounds[1:], strict=False)), "grades.bands", "各等级下限应从高到低严格递减")
    ranking = data["ranking"]
    _check(len(ranking["grades"]) == len(ranking["shares"]) > 0, "ranking.shares", "应与 ranking.grades 一一对应")
    _check(all(_number(s) and s >= 0 for s in ranking["shares"]), "ranking.shares", "应为非负数")
    _check(_strings(ranking["grades"]) and len(set(ranking["grades"])) == len(ranking["grades"]), "ranking.grades",
           "应为互不相同的等级名称数组")
    _check(abs(sum(ranking["shares"]) - 1) < 1e-6, "ranking.shares", f"之和应为 1，实际为 {sum(ranking['shares']):g}")
    for grade, floor in ranking["floors"].items():
        _check(grade in {g[0] for g in grades} and floor in ranking["grades"], f"ranking.floors.{grade}",
               "应为 评分等级 = 排名等级，如 \"优\" = \"良好\"")
    monitor = data["monitor"]
    _check(0 < monitor["red_below"] <= monitor["yellow_below"] <= monitor["blue_from"], "monitor",
           "应满足 0 < red_below ≤ yellow_below ≤ blue_from")
    values = data["values"]
    _check(_strings(values["not_applicable"]), "values.not_applicable", "应为文本数组")
    _check(_strings(data["goals"]["vague_words"]), "goals.vague_words", "应为文本数组")
    _check(0 <= data["budget"]["explain_below_rate"] <= 1, "budget.explain_below_rate", "应在 0 到 1 之间（如 0.9）")
    for key, message in table_problems(data["limits"]):
        _check(False, f"limits.{key}", message)
    for phrase, band in values["qualitative"].items():
        _check(isinstance(band, str) and band in {"full", "partial", "fail"}, f"values.qualitative.{phrase}", "应为 \"full\"、\"partial\" 或 \"fail\"")
    return RulePack(
        edition=Edition(data["edition"]),
        budget_weight=_positive(data, "weights", "budget"),
        total_weight=_positive(data, "weights", "total"),
        level1_weights={k: float(v) for k, v in level1.items()},
        redistribute_missing_satisfaction=missing["redistribute"],
        missing_satisfaction_mode=missing["mode"],
        missing_satisfaction_fixed={k: float(v) for k, v in missing["fixed"].items()},
        reverse_variant=scoring["reverse_variant"],
        equality_overshoot=scoring["equality_overshoot"],
        over_completion_threshold=_positive(data, "scoring", "over_completion_threshold"),
        over_completion_deduction=float(scoring["over_completion_deduction"]),
        rescale_not_applicable=scoring["rescale_not_applicable"],
        decimals=int(scoring["decimals"]),
        qualitative=bands,
        qualitative_words=QualitativeWords(**{k: tuple(v) for k, v in words.items()}),
        direction=DirectionLexicon(**{k: tuple(v) for k, v in direction.items()}),
        explain_below_rate=float(data["budget"]["explain_below_rate"]),
        grade_bands=tuple((str(g[0]), float(g[1])) for g in grades),
        grade_lower_inclusive=data["grades"]["lower_inclusive"],
        ranking_grades=tuple(ranking["grades"]),
        ranking_shares=tuple(float(s) for s in ranking["shares"]),
        ranking_floors=dict(ranking["floors"]),
        monitor_red_below=float(monitor["red_below"]),
        monitor_yellow_below=float(monitor["yellow_below"]),
        monitor_blue_from=float(monitor["blue_from"]),
        satisfaction_floor=float(data["goals"]["satisfaction_floor"]),
        vague_words=tuple(data["goals"]["vague_words"]),
        extra_qualitative=dict(values["qualitative"]),
        extra_not_applicable=tuple(values["not_applicable"]),
        limits=Limits.from_table(data["limits"]),
        data=data,
        sources=sources,
    )


@cache
def default_pack() -> RulePack:
    """The national defaults (财预〔2020〕10号 and the practice marked in defaults.toml)."""
    return _build(_defaults(), ())


def load_pack(path: str | Path | None = None, *, discover: bool = True) -> RulePack:
    """Defaults merged with a user rule pack: `path`, else ./perfxl.toml when present and `discover`."""
    if path is None:
        if not (discover and Path(USER_FILE).is_file()):
            return default_pack()
        path = USER_FILE
    path = Path(path)
    try:
        user = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: 找不到规则配置文件") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: 不是有效的 TOML 文件：{exc}") from None
    try:
        return _build(merge(_defaults(), user), (str(path),))
    except MergeError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def pack_overrides(pack: RulePack) -> list[tuple[str, list[str]]]:
    """Each rule-pack file merged over the defaults, with the settings it sets as dotted keys
    ("scoring.reverse_variant")."""

    def walk(table: dict, prefix: str) -> list[str]:
        out = []
        for key, value in table.items():
            name = f"{prefix}{key}"
            out += walk(value, f"{name}.") if isinstance(value, dict) and value else [name]
        return out

    return [(source, walk(tomllib.loads(Path(source).read_text(encoding="utf-8")), "")) for source in pack.sources]
