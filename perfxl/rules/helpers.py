"""Small shared helpers for the built-in rules (cheap, pure, no I/O)."""

import re
from functools import cache

from perfxl.config import RulePack
from perfxl.domain import Indicator
from perfxl.domain.hierarchy import HIERARCHIES, SATISFACTION, Edition, Hierarchy
from perfxl.rules.base import Context
from perfxl.scoring.context import context as scoring_context
from perfxl.scoring.rounding import fmt

_WEIGHT_IN_LABEL = re.compile(r"[（(]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]")


def blank(text: object) -> bool:
    """True for None, "" and whitespace (a value nobody filled in)."""
    return text is None or (isinstance(text, str) and not text.strip())


def compact(text: str | None) -> str:
    """Text without any whitespace (labels and names compare this way)."""
    return "".join(text.split()) if text else ""


def ind_label(ind: Indicator, index: int) -> str:
    """How messages name an indicator: its 三级 name, else its row number in the table."""
    return ind.name.strip() if ind.name and ind.name.strip() else f"第{index + 1}个指标"


def hierarchy(ctx: Context) -> Hierarchy:
    return HIERARCHIES[ctx.pack.edition]


def levels(ctx: Context) -> list[str | None]:
    """Canonical 一级 label of every indicator (computed once per form)."""
    found = ctx.memo.get("levels")
    if found is None:
        level = scoring_context(ctx.pack).level
        found = ctx.memo["levels"] = [level(ind.level1) for ind in ctx.form.indicators]
    return found


@cache
def parents(edition: Edition) -> dict[str, str]:
    """二级 label → its 一级 in an edition (also keyed without the trailing 指标)."""
    out: dict[str, str] = {}
    for level1, children in HIERARCHIES[edition].levels:
        for child in children:
            out[child] = level1
            out.setdefault(child[:-2] if child.endswith("指标") else child, level1)
    return out


@cache
def _vague(words: tuple[str, ...]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))) if words else None


def vague_word(pack: RulePack, text: str | None) -> str | None:
    """The first vague word of the pack's [goals] vague_words in `text`, or None."""
    pattern = _vague(pack.vague_words)
    if pattern is None or not text:
        return None
    m = pattern.search(text)
    return m.group(0) if m else None


def level1_label_weight(label: str | None) -> float | None:
    """The weight written into a 一级 label: "产出指标（50分）" → 50.0."""
    if not label:
        return None
    m = _WEIGHT_IN_LABEL.search(label)
    return float(m.group(1)) if m else None


def is_satisfaction(ctx: Context, index: int) -> bool:
    return levels(ctx)[index] == SATISFACTION or "满意" in (ctx.form.indicators[index].name or "")


def amount(x: float | None, unit: str = "万元") -> str:
    return "—" if x is None else f"{fmt(round(x, 6))}{unit}"


def close(a: float, b: float, tolerance: float) -> bool:
    return abs(a - b) <= tolerance + 1e-9


def satisfaction_shares(pack: RulePack) -> str:
    """How a missing 满意度 weight should be set (10号 附1): "如按比例为产出指标56.25分、效益指标33.75分，或 …"."""
    standard = {k: v for k, v in pack.level1_weights.items() if v > 0 and k != SATISFACTION}
    room = pack.total_weight - pack.budget_weight
    options = []
    if sum(standard.values()) > 0:
        factor = room / sum(standard.values())
        options.append("按比例为" + "、".join(f"{k}{fmt(round(v * factor, 4))}分" for k, v in standard.items()))
    fixed = {k: v for k, v in pack.missing_satisfaction_fixed.items() if v > 0}
    if fixed:
        options.append("或按" + "、".join(f"{k}{fmt(v)}分" for k, v in fixed.items()))
    return "满意度分值转给产出和效益指标：" + "，".join(options) if options else "满意度分值转给其余一级指标"
