"""Grade of a total — 财预〔2020〕10号 ✔: 优 ≥ 90; 良 [80, 90); 中 [60, 80); 差 < 60 (lower bound included).

Bands come from `pack.grade_bands` (descending lower bounds); `pack.grade_lower_inclusive = false`
gives the variant where a band needs strictly more than its lower bound (优 only > 90).
The grade is taken on the ROUNDED total — what the user sees: 89.995 prints as 90.00 and is 优.
"""

from perfxl.config import RulePack


def grade_of(total_rounded: float | None, pack: RulePack) -> str | None:
    """The grade for a total already rounded half-up to `pack.decimals` (None → None)."""
    if total_rounded is None:
        return None
    bands = pack.grade_bands
    if pack.grade_lower_inclusive:
        for name, low in bands[:-1]:
            if total_rounded >= low:
                return name
    else:
        for name, low in bands[:-1]:
            if total_rounded > low:
                return name
    return bands[-1][0]  # the lowest band takes everything below the others
