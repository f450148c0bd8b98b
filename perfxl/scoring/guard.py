"""Numbers too large, infinite or NaN are never computed with (they would overflow sums or poison totals).

Design choice ○: weights and scores are points out of 100 (more than POINTS_LIMIT is a typing error);
amounts above AMOUNT_LIMIT (10 万亿, in 元 or 万元) are not real budgets. Such a value is treated as not
usable: the engine scores without it and says so; rule S220 reports the cell.
"""

POINTS_LIMIT = 1e6
AMOUNT_LIMIT = 1e13


def usable(x: float | None, limit: float) -> bool:
    """True for None (nothing to guard) and for a finite number within ±limit (NaN fails every comparison)."""
    if x is None:
        return True
    try:
        return -limit <= x <= limit
    except TypeError:
        return False


def all_usable(values, limit: float) -> bool:
    """usable() for many numbers at once (the common case: all fine)."""
    try:
        return all(x is None or -limit <= x <= limit for x in values)
    except TypeError:
        return False
