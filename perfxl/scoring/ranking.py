"""Ranking grades (docs/dev/domain.md §6, 西藏 seed practice ◐): rank units by score and give 优秀/良好/一般/较差 by share.

- Rank: competition ranking on scores rounded half-up to `pack.decimals` (1, 2, 2, 4) — two scores
  that print the same are tied.
- Grade: with n scored units and cumulative shares c₁ ≤ c₂ ≤ … (30/60/90/100% by default) the k-th
  grade takes positions up to round_half_up(n × c_k). Ties share the better grade: a tie group takes
  the grade of its best position (its rank), so all units with the same score as a unit inside a grade
  get that grade. Example n = 7: 2.1 → 2, 4.2 → 4, 6.3 → 6, 7 → 优秀 2, 良好 2, 一般 2, 较差 1.
  With n = 1 the first boundary rounds to 0, so a lone unit is 良好 (the formula, applied literally).
- Entries without a score are ranked last (rank = number scored + 1) with grade None.
- Floors (`[ranking] floors`, off by default ○): a form whose score grade has a floor never gets a worse
  ranking grade than that floor ("优" = "良好": a 优 form is at worst 良好), whatever the shares say.
"""

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from perfxl.config import RulePack, default_pack
from perfxl.scoring.grades import grade_of
from perfxl.scoring.rounding import half_up


@dataclass(frozen=True, slots=True)
class Ranking:
    key: Any
    score: float | None
    rank: int
    grade: str | None

    def to_dict(self, decimals: int = 2) -> dict[str, Any]:
        return {"key": self.key, "score": half_up(self.score, decimals), "rank": self.rank, "grade": self.grade}


def boundaries(n: int, pack: RulePack) -> list[int]:
    """Last position of each ranking grade: half-up of n × cumulative share (exact decimals)."""
    out, cumulative = [], Decimal(0)
    for share in pack.ranking_shares:
        cumulative += Decimal(repr(share))
        out.append(int((n * cumulative).quantize(Decimal(1), ROUND_HALF_UP)))
    if out:
        out[-1] = max(out[-1], n)  # shares summing to 1 within tolerance still cover everyone
    return out


def rank(entries: Iterable[tuple[Hashable, float | None]], pack: RulePack | None = None) -> list[Ranking]:
    """Rankings best first (ties in input order), unscored entries last."""
    pack = pack or default_pack()
    d = pack.decimals
    items = list(entries)
    scored = [(key, score, half_up(score, d)) for key, score in items if score is not None]
    scored.sort(key=lambda item: -item[2])  # stable: ties keep input order
    n = len(scored)
    bounds = boundaries(n, pack)
    grades = pack.ranking_grades
    out: list[Ranking] = []
    previous, current_rank = None, 0
    for position, (key, score, shown) in enumerate(scored, start=1):
        if shown != previous:
            current_rank, previous = position, shown
        grade = next((g for g, last in zip(grades, bounds, strict=True) if current_rank <= last), grades[-1])
        floor = pack.ranking_floors.get(grade_of(shown, pack)) if pack.ranking_floors else None
        if floor is not None and grades.index(floor) < grades.index(grade):
            grade = floor
        out.append(Ranking(key, score, current_rank, grade))
    out.extend(Ranking(key, None, n + 1, None) for key, score in items if score is None)
    return out
