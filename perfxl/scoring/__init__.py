"""Scoring: indicator methods, budget execution, weights, totals, grades and ranking grades (docs/dev/domain.md §3, §6).

    score_form(form, pack=None) -> FormScore
    grade_of(total_rounded, pack) -> str | None
    rank(entries, pack=None) -> list[Ranking]
"""

from perfxl.scoring.budget import parse_rate, score_budget
from perfxl.scoring.engine import score_form, score_in_direction
from perfxl.scoring.grades import grade_of
from perfxl.scoring.ranking import Ranking, rank
from perfxl.scoring.results import BudgetScore, FormScore, IndicatorScore, MonitorScore, ProgressItem
from perfxl.scoring.rounding import half_up

round_half_up = half_up  # alias used by the CLI

__all__ = [
    "BudgetScore", "FormScore", "IndicatorScore", "MonitorScore", "ProgressItem", "Ranking",
    "grade_of", "half_up", "parse_rate", "rank", "round_half_up", "score_budget", "score_form", "score_in_direction",
]
