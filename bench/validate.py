"""Validation cost per form against python-calamine's raw read of the same filled workbook.

For each form kind, a filled workbook is written with perfxl.forms.write.writer and read back with the reader;
then, on that Form, we time
  - rules:    check_form with the engine's score given (the linter alone),
  - validate: score_form + check_form (what `perfxl validate` does after reading),
and python-calamine loading the same workbook and pulling every sheet's values (the raw read baseline).
Best-of timings, process CPU time. Target: validate / read ≤ 1 (validating must cost less than reading).
Usage: python bench/validate.py [REPEATS]   (default 300)
"""

import sys
import tempfile
import time
from pathlib import Path

from python_calamine import CalamineWorkbook

from perfxl import api
from perfxl.config import default_pack
from perfxl.domain import FormKind
from perfxl.forms.write.writer import write_form
from perfxl.rules import check_form
from perfxl.rules.registry import rules
from perfxl.samples import generate
from perfxl.scoring import score_form


def _best(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        fn()
        best = min(best, time.process_time() - start)
    return best


def _calamine(path: Path) -> None:
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name).to_python()


def main(repeats: int = 300) -> None:
    pack = default_pack()
    rules()  # registry built once, as in any run
    print(f"{len(rules())} rules; best of {repeats} runs each (µs, process CPU time)\n")
    print(f"{'form kind':<18}{'indicators':>11}{'rules':>10}{'validate':>10}{'calamine':>10}{'ratio':>8}")
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for kind in FormKind:
            samples = generate(20, 11, kinds=[kind], indicators=12)
            sample = next((s for s in samples if s.faults), samples[0])  # a form with findings to report
            path = Path(tmp) / f"{kind.value}.xlsx"
            write_form(sample.form, path)
            form = api.read(path).form
            score = score_form(form, pack)
            check_form(form, pack=pack, score=score)  # warm the per-pack caches, as a batch would be
            t_rules = _best(lambda f=form, s=score: check_form(f, pack=pack, score=s), repeats)
            t_validate = _best(lambda f=form: check_form(f, pack=pack, score=score_form(f, pack)), repeats)
            t_read = _best(lambda p=path: _calamine(p), max(20, repeats // 5))
            ratio = t_validate / t_read
            worst = max(worst, ratio)
            print(f"{kind.value:<18}{len(form.indicators):>11}{t_rules * 1e6:>10.0f}{t_validate * 1e6:>10.0f}"
                  f"{t_read * 1e6:>10.0f}{ratio:>8.3f}")
    print(f"\nworst ratio validate/read: {worst:.3f}   (target: ≤ 1)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 300)
