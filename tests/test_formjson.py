import json

import jsonschema
import pytest

from perfxl.domain import FormKind
from perfxl.forms.formjson import FormJSONError, form_from_dict, form_to_dict, load_json, schema

SPEC_EXAMPLE = {
    "perfxl": 1, "kind": "project_selfeval", "year": 2024,
    "unit": {"name": "某某县教育局", "code": "101001", "department": "某某县教育局", "implementer": "某某县第一中学"},
    "project": {"name": "义务教育学校校舍维修改造", "code": "P2024-001", "attribute": "延续", "period": "2024"},
    "budget": {"currency_unit": "万元", "initial": 120.0, "full_year": 150.0, "executed": 141.3,
               "fiscal": 130.0, "carryover": 10.0, "other": 10.0, "weight": 10, "rate": "94.2%", "score": 9.42},
    "goals": {"annual": "完成3所学校校舍维修……", "midterm": None, "achieved": "已完成3所学校……"},
    "indicators": [
        {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3", "unit": "所",
         "actual": "3", "weight": 20, "score": 20, "deviation": None, "basis": "计划标准"},
        {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%", "unit": "%",
         "actual": "93.5%", "weight": 10, "score": 10, "deviation": None, "basis": "历史标准"},
    ],
    "total": 39.42, "extra": {},
}


def test_spec_example_validates_and_loads():
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.validate(SPEC_EXAMPLE, schema())
    form = form_from_dict(SPEC_EXAMPLE)
    assert form.kind is FormKind.PROJECT_SELFEVAL
    assert form.budget.executed == 141.3 and form.budget.rate == "94.2%"
    assert form.indicators[1].target == "≥90%" and form.total == 39.42


def test_samples_round_trip_and_match_schema(samples):
    for sample in samples:
        data = json.loads(json.dumps(form_to_dict(sample.form), ensure_ascii=False))
        jsonschema.validate(data, schema())
        assert form_to_dict(form_from_dict(data)) == data


def test_numbers_as_strings_are_normalised_and_bad_text_kept():
    data = dict(SPEC_EXAMPLE, budget={"full_year": "1,234.5", "executed": "九百"}, total="95")
    form = form_from_dict(data)
    assert form.budget.full_year == 1234.5
    assert form.budget.executed is None and form.raw["budget.executed"] == "九百"
    assert form.total == 95


def test_impossible_numbers_are_kept_as_text_like_the_workbook_reader():
    budget = {"initial": 1e308, "full_year": "1e308", "executed": 10**400, "fiscal": 1234567890123456, "other": -0.0}
    form = form_from_dict(dict(SPEC_EXAMPLE, budget=budget, total=float("nan")))
    b = form.budget
    assert (b.initial, b.full_year, b.executed, b.fiscal, form.total) == (None,) * 5
    assert set(form.raw) == {"budget.initial", "budget.full_year", "budget.executed", "budget.fiscal", "total"}
    assert str(b.other) == "0.0"


@pytest.mark.parametrize(("data", "message"), [
    ({"perfxl": 1, "kind": "annual_report"}, "未知的表单类型"),
    ({"kind": "project_selfeval"}, "不是 perfxl 表单"),
    ({"perfxl": 1, "kind": "project_selfeval", "budgett": {}}, "未知字段：budgett"),
    ({"perfxl": 1, "kind": "project_selfeval", "indicators": [{"nmae": "x"}]}, "indicators[0] 含未知字段"),
    ([1, 2], "顶层应为表单对象"),
])
def test_bad_forms_are_explained(data, message):
    with pytest.raises(FormJSONError, match=message.replace("[", r"\[").replace("]", r"\]")):
        form_from_dict(data)


def test_malformed_json_names_file_and_position(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"perfxl": 1,\n "kind": "project_selfeval",,}', encoding="utf-8")
    with pytest.raises(FormJSONError) as exc:
        load_json(path)
    assert str(path) in str(exc.value) and "第 2 行" in str(exc.value)


def test_list_of_forms_error_names_the_item(tmp_path):
    path = tmp_path / "many.json"
    path.write_text(json.dumps([SPEC_EXAMPLE, {"perfxl": 1, "kind": "nope"}], ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FormJSONError, match="第 2 个表单"):
        load_json(path)
