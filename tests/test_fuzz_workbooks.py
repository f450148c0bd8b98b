"""Workbook mutation fuzzing: damaged, hand-edited and hostile variants of the templates and filled samples
never make `api.check_file` raise, report an error of perfxl's own code, exceed the time limit or die.

A seeded, bounded run here (CI); `bench/fuzz.py` runs many more cases. Inputs that once failed are kept in
tests/data/fuzz/ and checked on every run.
"""

from pathlib import Path

import pytest

from perfxl import api
from perfxl.config import default_pack
from perfxl.config.limits import MB
from tests.fuzz.mutate import MUTATIONS
from tests.fuzz.run import OUR_BUG, Guard, fuzz, seed_workbooks

REGRESSIONS = sorted((Path(__file__).parent / "data" / "fuzz").glob("*.xlsx"))
CASES = 500


def test_mutated_workbooks_always_end_as_a_result(tmp_path):
    seeds = seed_workbooks(tmp_path)
    failures, used = fuzz(seeds, CASES, seed=20261206)  # the default [limits] time and memory per file
    assert set(used) == set(MUTATIONS), used  # every kind of mutation was exercised
    assert not failures, "\n".join(f"case {f.case} {f.mutation}: {f.kind} {f.detail[-300:]}" for f in failures)


@pytest.mark.parametrize("path", REGRESSIONS, ids=lambda p: p.name)
def test_kept_fuzz_inputs(path):
    report = api.check_file(path)
    assert report.findings
    assert not [f for f in report.findings if OUR_BUG in f.message]


def test_kept_fuzz_inputs_within_time_and_memory():
    """The same files under the default [limits] time and memory of a batch worker."""
    limits = default_pack().limits
    guard = Guard(limits.worker_memory // MB)
    try:
        outcomes = {path.name: guard.check(path.read_bytes(), limits.seconds_per_file) for path in REGRESSIONS}
    finally:
        guard.close()
    assert {name: o for name, o in outcomes.items() if o[0] != "ok"} == {}
