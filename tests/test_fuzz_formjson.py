"""Form JSON loader fuzzing: whatever a file holds — deep nesting, huge numbers, wrong types, long strings —
loading gives forms or a FormJSONError with a Chinese message, and checking a loaded form never raises."""

import json
import math
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfxl import api
from perfxl.forms.formjson import FormJSONError, load_json

BASE = json.loads((Path(__file__).parent / "rule_cases" / "bases" / "project_selfeval.json").read_text("utf-8"))

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([1e308, -1e308, 5e-324, -0.0, 10**15 + 1]),
    st.text(max_size=40), st.sampled_from(["≥95%", "＝100％", "#DIV/0!", "1e308", "NaN", "—", "=1+1", "\x00"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                      max_leaves=12)
FIELDS = {
    "top": ["perfxl", "kind", "year", "total", "unit", "project", "budget", "goals", "indicators", "extra", "tasks"],
    "budget": ["initial", "full_year", "executed", "fiscal", "carryover", "other", "weight", "rate", "score",
               "currency_unit"],
    "indicator": ["level1", "level2", "name", "target", "unit", "actual", "weight", "score", "deviation",
                  "direction", "basis"],
}


def _mutated(data):
    top, budget, indicator = data
    form = json.loads(json.dumps(BASE))
    for key, value in top.items():
        form[key] = value
    for key, value in budget.items():
        if isinstance(form.get("budget"), dict):
            form["budget"][key] = value
    if isinstance(form.get("indicators"), list) and form["indicators"]:
        for key, value in indicator.items():
            if isinstance(form["indicators"][0], dict):
                form["indicators"][0][key] = value
    return form


mutations = st.tuples(
    st.dictionaries(st.sampled_from(FIELDS["top"]), values, max_size=2),
    st.dictionaries(st.sampled_from(FIELDS["budget"]), values, max_size=3),
    st.dictionaries(st.sampled_from(FIELDS["indicator"]), values, max_size=4),
)


def _load_and_check(path):
    try:
        forms = load_json(path)
    except FormJSONError as exc:
        assert str(exc) and any("\u4e00" <= ch <= "\u9fff" for ch in str(exc))
        return
    for form in forms:
        report = api.check(form)
        total = report.score.total
        assert total is None or math.isfinite(total)
        json.dumps(report.to_dict(), allow_nan=False, default=str)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(mutations)
def test_mutated_form_json_loads_or_explains(tmp_path, data):
    path = tmp_path / "form.json"
    path.write_text(json.dumps(_mutated(data), ensure_ascii=False), encoding="utf-8")
    _load_and_check(path)


def test_deeply_nested_json(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    _load_and_check(path)


def test_ten_megabyte_strings(tmp_path):
    form = json.loads(json.dumps(BASE))
    form["project"]["name"] = "项" * 10_000_000
    form["indicators"][0]["actual"] = "9" * 10_000_000
    path = tmp_path / "big.json"
    path.write_text(json.dumps(form, ensure_ascii=False), encoding="utf-8")
    _load_and_check(path)


def test_huge_integers_and_non_finite_numbers(tmp_path):
    form = json.loads(json.dumps(BASE))
    form["total"] = 10**400
    form["budget"]["executed"] = 1e308
    form["budget"]["full_year"] = 1e308
    form["indicators"][0]["weight"] = 1e308
    form["indicators"][1]["weight"] = 1e308
    path = tmp_path / "huge.json"
    path.write_text(json.dumps(form).replace("1e+308", "1e999", 1), encoding="utf-8")  # 1e999 → inf
    _load_and_check(path)
