"""Shared by the monitoring rules: which indicators need a deviation analysis (docs/dev/domain.md §5)."""

from perfxl.rules.base import Context
from perfxl.rules.helpers import compact
from perfxl.scoring.monitor import LIGHT_LABELS

LIKELIHOODS = ("确定能", "有可能", "完全不可能")
AT_RISK = frozenset({"有可能", "完全不可能"})


def at_risk(ctx: Context) -> list[tuple[int, str]]:
    """(index, why) for indicators lit red/yellow or whose 完成目标可能性 is 有可能/完全不可能."""
    memo = ctx.memo.get("monitor_at_risk")
    if memo is not None:
        return memo
    out = []
    progress = ctx.score.progress
    lights = {item.index: item.light for item in progress.indicators} if progress else {}
    for i, ind in enumerate(ctx.form.indicators):
        why = []
        lamp = lights.get(i)
        if lamp in ("red", "yellow"):
            why.append(f"进度为{LIGHT_LABELS[lamp]}")
        likelihood = compact(ind.likelihood)
        if likelihood in AT_RISK:
            why.append(f"完成目标可能性为“{likelihood}”")
        if why:
            out.append((i, "、".join(why)))
    ctx.memo["monitor_at_risk"] = out
    return out
