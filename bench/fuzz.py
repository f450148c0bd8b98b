"""Workbook mutation fuzzing at scale (the CI test runs a few hundred cases; this runs thousands).

Prints the failures found (kept under tests/data/fuzz/ with --keep) and, as a ratio against a baseline
measured in the same run, the cost of checking a mutated workbook vs python-calamine's raw read of the
unmutated seeds.
Usage: python bench/fuzz.py [CASES] [SEED] [--keep]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.fuzz.run import fuzz, keep, seed_workbooks  # noqa: E402


def raw_read_seconds(folder: Path, seeds: list[bytes], repeats: int = 5) -> float:
    paths = []
    for i, data in enumerate(seeds):
        path = folder / f"seed{i}.xlsx"
        path.write_bytes(data)
        paths.append(path)
    start = time.perf_counter()
    for _ in range(repeats):
        for path in paths:
            wb = CalamineWorkbook.from_path(str(path))
            for name in wb.sheet_names:
                wb.get_sheet_by_name(name).to_python()
    return (time.perf_counter() - start) / (repeats * len(paths))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    cases = int(args[0]) if args else 3000
    seed = int(args[1]) if len(args) > 1 else 1
    with tempfile.TemporaryDirectory() as tmp:
        seeds = seed_workbooks(Path(tmp))
        baseline = raw_read_seconds(Path(tmp), seeds)
    start = time.perf_counter()
    failures, used = fuzz(seeds, cases, seed=seed)
    per_case = (time.perf_counter() - start) / cases
    print(f"{cases} mutated workbooks (seed {seed}), mutations used: {dict(sorted(used.items()))}")
    print(f"checked per case {per_case * 1000:.2f} ms; raw calamine read of a seed {baseline * 1000:.2f} ms; "
          f"ratio {per_case / baseline:.2f}")
    for f in failures:
        print(f"FAIL case {f.case} [{f.mutation}] {f.kind}: {f.detail.strip().splitlines()[-1] if f.detail else ''}")
    if "--keep" in sys.argv and failures:
        for path in keep(failures, Path(__file__).resolve().parents[1] / "tests" / "data" / "fuzz"):
            print(f"kept {path}")
    print(f"{len(failures)} failures")


if __name__ == "__main__":
    main()
