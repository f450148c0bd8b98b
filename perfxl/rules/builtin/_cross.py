"""Shared by the X rules: the declared goal form matched to the form, indicator by indicator."""

from dataclasses import dataclass

from perfxl.domain import Form, FormKind, Indicator
from perfxl.rules.base import Context
from perfxl.rules.helpers import blank, compact

FOLLOWS = {kind: kind.facts.follows for kind in FormKind if kind.facts.follows}  # form kind -> its goal kind
CHECKED_KINDS = frozenset(FOLLOWS)


@dataclass(frozen=True, slots=True)
class Match:
    pairs: tuple[tuple[int, int], ...]  # (form index, goal index)
    missing: tuple[int, ...]  # goal indices without a form indicator
    added: tuple[int, ...]  # form indices without a goal indicator


def key(ind: Indicator) -> str:
    return compact(ind.name).casefold()


def comparable(ctx: Context) -> Form | None:
    """The goal form, when one was given and it is of the matching kind."""
    goal = ctx.goal_form
    if goal is None or FOLLOWS.get(ctx.form.kind) is not goal.kind:
        return None
    return goal


def match(ctx: Context) -> Match | None:
    goal = comparable(ctx)
    if goal is None:
        return None
    found = ctx.memo.get("goal_match")
    if found is not None:
        return found
    slots: dict[str, list[int]] = {}
    for j, ind in enumerate(goal.indicators):
        if not blank(ind.name):
            slots.setdefault(key(ind), []).append(j)
    pairs, added = [], []
    for i, ind in enumerate(ctx.form.indicators):
        if blank(ind.name):
            continue
        queue = slots.get(key(ind))
        if queue:
            pairs.append((i, queue.pop(0)))
        else:
            added.append(i)
    missing = sorted(j for queue in slots.values() for j in queue)
    found = Match(tuple(pairs), tuple(missing), tuple(added))
    ctx.memo["goal_match"] = found
    return found


def same_target(ctx: Context, a: Indicator, b: Indicator) -> bool:
    """Do two indicators declare the same 指标值? Compares parsed values, not spelling."""
    if compact(a.target) == compact(b.target) and compact(a.unit) == compact(b.unit):
        return True
    va, vb = ctx.parse(a.target), ctx.parse(b.target)
    if va.kind is not vb.kind:
        return False
    ua = va.unit or compact(a.unit) or None
    ub = vb.unit or compact(b.unit) or None
    oa = (compact(a.direction) or None) if va.op is None else va.op
    ob = (compact(b.direction) or None) if vb.op is None else vb.op
    return (oa, va.number, va.low, va.high, va.when, va.month_day, va.band, ua) == (
        ob, vb.number, vb.low, vb.high, vb.when, vb.month_day, vb.band, ub)
