"""Ranking grades (docs/dev/domain.md §6): competition ranks, shares 30/30/30/10, ties share the better grade."""

import pytest
from test_scoring import pack_from

from perfxl.config import default_pack
from perfxl.scoring import rank
from perfxl.scoring.ranking import boundaries

G = {"优秀": "A", "良好": "B", "一般": "C", "较差": "D", None: "-"}


def grades(entries, pack=None):
    return "".join(G[r.grade] for r in rank(entries, pack))


def ranks(entries, pack=None):
    return [r.rank for r in rank(entries, pack)]


@pytest.mark.parametrize(("n", "expected"), [
    (1, [0, 1, 1, 1]), (2, [1, 1, 2, 2]), (3, [1, 2, 3, 3]), (7, [2, 4, 6, 7]), (10, [3, 6, 9, 10]),
    (5, [2, 3, 5, 5]), (15, [5, 9, 14, 15]), (0, [0, 0, 0, 0]),
])
def test_boundaries_are_half_up_of_cumulative_shares(n, expected):
    assert boundaries(n, default_pack()) == expected


def test_ten_distinct_scores():
    entries = [(f"单位{i}", 100 - i) for i in range(10)]
    out = rank(entries)
    assert [r.key for r in out] == [f"单位{i}" for i in range(10)]
    assert [r.rank for r in out] == list(range(1, 11))
    assert grades(entries) == "AAABBBCCCD"


def test_ties_at_the_30_percent_boundary_share_the_better_grade():
    scores = [99, 98, 97, 97, 95, 94, 93, 92, 91, 90]
    entries = list(enumerate(scores))
    assert ranks(entries) == [1, 2, 3, 3, 5, 6, 7, 8, 9, 10]
    assert grades(entries) == "AAAABBCCCD"


def test_tie_straddling_the_last_boundary():
    scores = [99, 98, 97, 96, 95, 94, 93, 92, 90, 90]
    assert grades(list(enumerate(scores))) == "AAABBBCCCC"


def test_tie_group_spanning_several_grades():
    scores = [99, 80, 80, 80, 80, 80, 80, 80, 70, 60]
    entries = list(enumerate(scores))
    assert ranks(entries) == [1, 2, 2, 2, 2, 2, 2, 2, 9, 10]
    assert grades(entries) == "AAAAAAAACD"


def test_n_equals_one():
    # the formula applied literally: round_half_up(1 × 0.3) = 0 优秀 places, so a lone unit is 良好
    out = rank([("唯一单位", 88.0)])
    assert out[0].rank == 1 and out[0].grade == "良好"


def test_n_equals_seven():
    entries = [(i, 90 - i) for i in range(7)]
    assert grades(entries) == "AABBCCD"


def test_all_tied():
    entries = [(i, 85.0) for i in range(10)]
    assert ranks(entries) == [1] * 10 and grades(entries) == "A" * 10


def test_none_scores_ranked_last_without_grade():
    entries = [("a", None), ("b", 90.0), ("c", 80.0), ("d", None), ("e", 70.0)]
    out = rank(entries)
    assert [r.key for r in out] == ["b", "c", "e", "a", "d"]
    assert [r.rank for r in out] == [1, 2, 3, 4, 4]
    assert [r.grade for r in out] == ["优秀", "良好", "一般", None, None]  # n = 3 → boundaries 1, 2, 3, 3


def test_only_none_and_empty():
    assert [(r.rank, r.grade) for r in rank([("x", None)])] == [(1, None)]
    assert rank([]) == []


def test_ties_compare_on_the_rounded_score():
    out = rank([("a", 89.996), ("b", 90.0), ("c", 89.99)])
    assert [r.rank for r in out] == [1, 1, 3]
    assert [r.key for r in out] == ["a", "b", "c"]  # ties keep input order
    assert out[0].score == 89.996  # the original score is kept


def test_input_order_kept_within_ties_and_any_iterable():
    out = rank(((k, s) for k, s in [("x", 50), ("y", 60), ("z", 50)]))
    assert [r.key for r in out] == ["y", "x", "z"]


def test_shares_from_the_pack(tmp_path):
    pack = pack_from(tmp_path, "[ranking]\nshares = [0.2, 0.3, 0.3, 0.2]\n")
    entries = [(i, 100 - i) for i in range(10)]
    assert grades(entries, pack) == "AABBBCCCDD"
    three = pack_from(tmp_path, '[ranking]\ngrades = ["好", "中", "差"]\nshares = [0.5, 0.25, 0.25]\n', "b.toml")
    assert [r.grade for r in rank(entries[:4], three)] == ["好", "好", "中", "差"]


def test_to_dict():
    r = rank([("县教育局", 89.995)])[0]
    assert r.to_dict() == {"key": "县教育局", "score": 90.0, "rank": 1, "grade": "良好"}


def test_floor_keeps_a_good_grade_from_the_bottom_share(tmp_path):
    """Ten forms all graded 优 (≥ 90): by share the last is 较差; with a floor 优 → 良好 it is 良好."""
    scores = [(f"u{i}", 99.0 - i) for i in range(10)]
    assert [r.grade for r in rank(scores)][-1] == "较差"
    pack = pack_from(tmp_path, '[ranking]\nfloors = { "优" = "良好" }\n')
    graded = [r.grade for r in rank(scores, pack)]
    assert graded == ["优秀"] * 3 + ["良好"] * 7
    mixed = [*scores[:9], ("poor", 50.0)]  # 差 has no floor: the share rule stands
    assert [r.grade for r in rank(mixed, pack)][-1] == "较差"


def test_floor_must_name_known_grades(tmp_path):
    from perfxl.config import ConfigError

    with pytest.raises(ConfigError, match="ranking.floors"):
        pack_from(tmp_path, '[ranking]\nfloors = { "优" = "很好" }\n')
