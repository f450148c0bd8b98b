"""Scoring throughput: parse + score of 30-indicator forms loaded from JSON.

Prints forms per second and µs per form (process CPU time, so other load on the machine counts less), and the ratio against a baseline measured in the same
run: python-calamine reading one small filled workbook (scoring must cost well under a read).
Usage: python bench/scoring.py [N]   (default 10,000 forms)
"""

import gc
import json
import sys
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from perfxl.config import default_pack
from perfxl.domain import FormKind
from perfxl.domain.values import parse_value
from perfxl.forms.formjson import form_from_dict, form_to_dict
from perfxl.samples import generate_forms
from perfxl.scoring import score_form


def _calamine_read_seconds(form, repeats: int = 200) -> float:
    """Best-of time for python-calamine to load a small workbook holding one form's table."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "form.xlsx"
        wb = Workbook()
        ws = wb.active
        ws.append(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因"])
        for ind in form.indicators:
            ws.append([ind.level1, ind.level2, ind.name, ind.target, ind.actual, ind.weight, ind.score, ind.deviation])
        wb.save(path)
        best = float("inf")
        for _ in range(repeats):
            start = time.process_time()
            book = CalamineWorkbook.from_path(str(path))
            for name in book.sheet_names:
                book.get_sheet_by_name(name).to_python()
            best = min(best, time.process_time() - start)
        return best


def main(n: int = 10_000) -> None:
    print(f"generating {n} forms of 30 indicators …", flush=True)
    forms = generate_forms(n, seed=7, kinds=[FormKind.PROJECT_SELFEVAL], indicators=30)
    data = [json.loads(json.dumps(form_to_dict(f), ensure_ascii=False)) for f in forms]
    pack = default_pack()
    loaded = [form_from_dict(d) for d in data]

    # A batch holds one form at a time; here 10,000 sit in memory, so move them out of the cyclic GC's
    # reach (gc.freeze) lest its full collections, not scoring, dominate the timing.
    gc.collect()
    gc.freeze()
    parse_value.cache_clear()
    start = time.process_time()
    for form in loaded:
        score_form(form, pack)
    elapsed = time.process_time() - start

    per_form = elapsed / n
    read = _calamine_read_seconds(forms[0])
    print(f"forms scored per second : {n / elapsed:,.0f}")
    print(f"µs per form (parse+score): {per_form * 1e6:.1f}   (budget: < 500 µs)")
    print(f"baseline: python-calamine read of one small workbook: {read * 1e6:.1f} µs")
    print(f"ratio score/read        : {per_form / read:.3f}   (target: well under 1)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
