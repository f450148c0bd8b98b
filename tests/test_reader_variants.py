"""Hand-made official-layout variants (tests/variants.py) read into the expected form JSON."""

import openpyxl
import pytest
import variants

from perfxl.forms.formjson import form_to_dict
from perfxl.forms.read.reader import read_workbook

UNIT = {"name": None, "code": None, "department": "某某县教育局", "implementer": "某某县第一中学",
        "contact": None, "phone": None}
PROJECT = {"name": "义务教育学校校舍维修改造", "code": None, "attribute": None, "period": None}
GOALS = {"annual": "完成3所学校校舍维修改造，改善办学条件。", "achieved": "已完成3所学校校舍维修改造，均通过竣工验收。"}
BUDGET = {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "fiscal": 130,
          "carryover": 10, "other": 10, "weight": 10, "rate": 0.942, "score": 9.42}
# The five indicators as typed in a single 年度指标值 column (targets and actuals carry their units).
TYPED = [
    {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所", "actual": "3所",
     "weight": 20, "score": 20},
    {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "target": "≥95%", "actual": "100%",
     "weight": 15, "score": 15},
    {"level1": "产出指标", "level2": "时效指标", "name": "按时完工率", "target": "100%", "actual": "90%",
     "weight": 15, "score": 13.5, "deviation": "个别学校雨季施工延误"},
    {"level1": "效益指标", "level2": "社会效益指标", "name": "办学条件改善情况", "target": "有效改善",
     "actual": "达成年度指标", "weight": 30, "score": 28},
    {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%", "actual": "93.5%",
     "weight": 10, "score": 10},
]

EXPECTED = {
    "split": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": BUDGET, "goals": GOALS,
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3", "unit": "所",
             "actual": "3", "weight": 20, "score": 20, "direction": "≥"},
            {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "target": "≥95%", "unit": "%",
             "actual": "100%", "weight": 15, "score": 15, "direction": "≥"},
            {"level1": "产出指标", "level2": "时效指标", "name": "按时完工率", "target": "=100%", "unit": "%",
             "actual": "90%", "weight": 15, "score": 13.5, "deviation": "个别学校雨季施工延误", "direction": "="},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "办学条件改善情况", "target": "有效改善",
             "actual": "达成年度指标", "weight": 30, "score": 28, "direction": "定性"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%",
             "unit": "%", "actual": "93.5%", "weight": 10, "score": 10, "direction": "≥"},
        ],
        "total": 95.92,
        "extra": {"budget_fiscal_initial": 110, "budget_fiscal_executed": 125, "budget_carryover_initial": 0,
                  "budget_carryover_executed": 8, "budget_other_initial": 10, "budget_other_executed": 8.3},
    },
    "ab_headers": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {**BUDGET, "rate": "94.2%"}, "goals": GOALS,
        "indicators": [TYPED[0], {k: v for k, v in TYPED[1].items() if k != "score"}, *TYPED[2:]],
        "total": 95.92,
        "extra": {"budget_fiscal_initial": 110, "budget_fiscal_executed": 125, "budget_carryover_executed": 8,
                  "budget_other_initial": 10, "budget_other_executed": 8.3},
    },
    "sichuan": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "fiscal": 140,
                   "other": 10, "weight": 10, "rate": 0.942, "score": 9.42},
        "goals": GOALS, "indicators": TYPED, "total": 95.92,
        "extra": {"budget_fiscal_initial": 110, "budget_fiscal_executed": 133, "budget_other_initial": 10,
                  "budget_other_executed": 8.3, "评价结论": "项目总体完成较好，自评等级为优。",
                  "存在问题": "个别学校工期延误。", "改进措施": "合理安排施工计划，避开雨季。"},
    },
    "blank_rows_merged": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": BUDGET, "goals": GOALS, "indicators": TYPED, "total": 95.92,
        "extra": {"budget_fiscal_initial": 110, "budget_fiscal_executed": 125, "budget_carryover_executed": 8,
                  "budget_other_initial": 10, "budget_other_executed": 8.3},
    },
    "no_title": {
        "perfxl": 1, "kind": "project_selfeval", "year": None, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "fiscal": 150,
                   "weight": 10, "rate": 0.942, "score": 9.42},
        "goals": GOALS,
        "indicators": [{**TYPED[0], "weight": 50, "score": 50}, TYPED[3], TYPED[4]],
        "total": 97.42,
        "extra": {"budget_fiscal_initial": 120, "budget_fiscal_executed": 141.3},
    },
    "inserted_rows": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "fiscal": 150,
                   "weight": 10, "rate": 0.942, "score": 9.42},
        "goals": GOALS,
        "indicators": [
            {**TYPED[0], "weight": 10, "score": 10},
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造面积", "target": "≥2000平方米",
             "actual": "2150平方米", "weight": 10, "score": 10},
            {"level1": "产出指标", "level2": "数量指标", "name": "新增：厕所改造数量", "target": "≥6个",
             "actual": "6个", "weight": 10, "score": 10},
            {**TYPED[1], "weight": 10, "score": 10},
            {**TYPED[2], "weight": 10, "score": 8.5},
            TYPED[3], TYPED[4],
        ],
        "total": 95.92,
        "extra": {"budget_fiscal_initial": 120, "budget_fiscal_executed": 141.3},
    },
    "goal_annual_only": {
        "perfxl": 1, "kind": "project_goal", "year": 2025,
        "unit": {**UNIT, "department": "某某县教育局（101001）"},
        "project": {**PROJECT, "attribute": "延续", "period": "2025年"},
        "budget": {"currency_unit": "万元", "full_year": 150, "fiscal": 140, "other": 10},
        "goals": {"annual": "完成3所学校校舍维修改造，改善办学条件。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所"},
            {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "target": "≥95%"},
            {"level1": "产出指标", "level2": "时效指标", "name": "项目完工时间", "target": "2025年12月31日前"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "办学条件改善情况", "target": "有效改善"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%"},
        ],
        "total": None, "extra": {},
    },
    "monitor": {
        "perfxl": 1, "kind": "project_monitor", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 150, "executed_to_date": 80, "forecast": 148,
                   "as_of": "2024-06-30"},
        "goals": {"annual": "完成3所学校校舍维修改造，改善办学条件。", "progress": "已完成2所学校维修改造。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所",
             "progress": "2所", "forecast": "3所", "likelihood": "确定能"},
            {"level1": "产出指标", "level2": "时效指标", "name": "项目完工时间", "target": "2024年12月31日前",
             "deviation": "经费保障；其他：施工队伍不足", "progress": "进行中", "forecast": "按期完成",
             "likelihood": "有可能", "remark": "已协调"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "办学条件改善情况", "target": "有效改善",
             "progress": "部分改善", "forecast": "有效改善", "likelihood": "确定能"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%",
             "progress": "—", "forecast": "≥90%", "likelihood": "确定能"},
        ],
        "total": None,
        "extra": {"budget_fiscal_initial": 140, "budget_fiscal_to_date": 75, "budget_fiscal_forecast": 138,
                  "budget_other_initial": 10, "budget_other_to_date": 5, "budget_other_forecast": 10},
    },
    "dept_goal": {
        "perfxl": 1, "kind": "dept_goal", "year": 2025,
        "unit": {"name": "某某县教育局", "code": None, "department": None, "implementer": None, "contact": None,
                 "phone": None},
        "project": {"name": None, "code": None, "attribute": None, "period": None},
        "budget": {"currency_unit": "万元", "full_year": 200, "fiscal": 190, "other": 10},
        "goals": {"annual": "目标1：完成校舍维修改造；目标2：完成教师轮训。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所"},
            {"level1": "产出指标", "level2": "数量指标", "name": "教师培训人次", "target": "≥1200人次"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%"},
        ],
        "total": None, "extra": {},
        "tasks": [
            {"name": "校舍维修改造", "content": "完成3所学校校舍维修", "total": 150, "fiscal": 140, "other": 10},
            {"name": "教师培训", "content": "开展全县教师轮训", "total": 50, "fiscal": 50, "other": 0},
        ],
    },
    "goal_midterm_side_by_side": {
        "perfxl": 1, "kind": "project_goal", "year": 2025,
        "unit": {**UNIT, "department": "某某县教育局（101001）"},
        "project": {**PROJECT, "attribute": "新增", "period": "2025—2027年"},
        "budget": {"currency_unit": "万元", "full_year": 150, "fiscal": 140, "other": 10, "midterm_total": 450,
                   "midterm_fiscal": 420, "midterm_other": 30},
        "goals": {"annual": "完成3所学校校舍维修改造，改善办学条件。", "midterm": "三年内完成全县9所学校校舍维修改造。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所",
             "midterm_target": "≥9所"},
            {"level1": "产出指标", "level2": "质量指标", "name": "工程验收合格率", "target": "≥95%",
             "midterm_target": "≥95%"},
            {"level1": "产出指标", "level2": "时效指标", "name": "项目完工时间", "target": "2025年12月31日前",
             "midterm_target": "2027年12月31日前"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "受益学生人数", "target": "≥10万人",
             "midterm_target": "≥30万人"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "师生满意度", "target": "≥90%",
             "midterm_target": "≥90%"},
        ],
        "total": None, "extra": {},
    },
    "goal_88_official": {
        "perfxl": 1, "kind": "project_goal", "year": 2025,
        "unit": {**UNIT, "department": "某某县教育局（101001）"}, "project": PROJECT,
        "budget": {"currency_unit": "万元", "full_year": 150, "fiscal": 140, "other": 10, "midterm_total": 450,
                   "midterm_fiscal": 420, "midterm_other": 30},
        "goals": {"annual": "目标1：完成3所学校校舍维修改造，改善办学条件。", "midterm": "目标1：三年内完成全县9所学校校舍维修改造。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "指标1：维修改造学校数量", "target": "≥3所",
             "midterm_target": "≥9所"},
            {"level1": "产出指标", "level2": "时效指标", "name": "指标2：项目完工时间", "target": "2025年底前",
             "midterm_target": "2027年底前"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "指标1：受益学生人数", "target": "≥10万人",
             "midterm_target": "≥30万人"},
        ],
        "total": None, "extra": {},
    },
    "goal_midterm_below": {
        "perfxl": 1, "kind": "project_goal", "year": 2025, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "full_year": 150, "fiscal": 150, "other": 0},
        "goals": {"annual": "完成3所学校校舍维修改造，改善办学条件。"},
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "维修改造学校数量", "target": "≥3所",
             "midterm_target": "≥9所"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "受益学生人数", "target": "≥10万人",
             "midterm_target": "≥30万人"},
        ],
        "total": None, "extra": {},
    },
    "shared_header_rows": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024,
        "unit": {**UNIT, "contact": "张三", "phone": "0817-1234567"}, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "fiscal": 150,
                   "weight": 10, "rate": 0.942, "score": 9.42},
        "goals": GOALS,
        "indicators": [
            {**TYPED[0], "weight": 50, "score": 50}, TYPED[3],
            # a plain 0.9 stays "0.9" (no 计量单位 column); the %-formatted 0.935 reads as shown, "93.5%"
            {**TYPED[4], "target": "0.9"},
        ],
        "total": 97.42,
        "extra": {"budget_fiscal_initial": 120, "budget_fiscal_executed": 141.3},
    },
    "labels_above_values": {
        "perfxl": 1, "kind": "project_selfeval", "year": 2024,
        "unit": {**UNIT, "contact": "张三", "phone": "13800000000"}, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "weight": 10,
                   "rate": 0.942, "score": 9.42},
        "goals": GOALS, "indicators": [{**TYPED[0], "weight": 50, "score": 50}, TYPED[3], TYPED[4]],
        "total": 97.42, "extra": {},
    },
    "total_mid_row": {  # 其他需要说明事项 | 无 | 总分 | 80 | 87.42: the total row, not an indicator
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "weight": 10,
                   "rate": 0.942, "score": 9.42},
        "goals": GOALS, "indicators": [{**TYPED[0], "weight": 50, "score": 50}, TYPED[3]],
        "total": 87.42, "extra": {"其他需要说明事项": "无"},
    },
    "placeholder_rows": {  # rows of ……, 略 or 指标1 and nothing else are not indicators
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "万元", "initial": 120, "full_year": 150, "executed": 141.3, "weight": 10,
                   "rate": 0.942, "score": 9.42},
        "goals": GOALS,
        "indicators": [{**TYPED[0], "weight": 50, "score": 50}, TYPED[3],
                       {"level1": "效益指标", "level2": "经济效益指标", "name": "指标2", "target": "≥1", "actual": "1",
                        "weight": 10, "score": 10}],
        "total": 97.42, "extra": {},
    },
    "amounts_in_yuan": {  # 金额单位：元 printed above the form: amounts kept as printed, in 元
        "perfxl": 1, "kind": "project_selfeval", "year": 2024, "unit": UNIT, "project": PROJECT,
        "budget": {"currency_unit": "元", "initial": 1200000, "full_year": 1500000, "executed": 1413000, "weight": 10,
                   "rate": 0.942, "score": 9.42},
        "goals": GOALS, "indicators": [{**TYPED[0], "weight": 50, "score": 50}, TYPED[3]],
        "total": 87.42, "extra": {},
    },
}

FINDINGS = {
    "blank_rows_merged": ["T004"],  # the unknown 备注 column holds data
    "no_title": ["T009"],  # no （2024年度） subtitle anywhere
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants")
    return {name: build(folder) for name, build in variants.VARIANTS.items()}


def test_every_variant_has_an_expectation():
    assert set(EXPECTED) == set(variants.VARIANTS)


@pytest.mark.parametrize("name", list(variants.VARIANTS))
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_variant_reads_into_expected_json(built, name, engine):
    result = read_workbook(built[name], engine=engine)
    assert result.form is not None, [f.message for f in result.findings]
    assert form_to_dict(result.form) == EXPECTED[name]
    assert [f.code for f in result.findings] == FINDINGS.get(name, [])


def test_text_where_a_number_belongs_is_kept_raw(built):
    form = read_workbook(built["ab_headers"]).form
    assert form.raw == {"indicators[1].score": "满分"}
    assert form.where("indicators[1].score") == "Sheet1!H14"


def test_cached_formula_values_and_cells(built):
    form = read_workbook(built["split"]).form
    assert form.total == 95.92 and form.budget.score == 9.42 and form.budget.rate == 0.942
    assert form.cells["total"].formula == "=I6+SUM(J14:J20)" and form.where("total") == "自评表!J21"
    assert form.cells["budget.score"].formula == "=G6*MIN(H6,1)"
    assert form.cells["budget.executed"].formula is None and form.where("budget.executed") == "自评表!F6"
    assert form.where("indicators[2].target") == "自评表!F16"
    assert form.where("indicators[2].direction") == "自评表!E16"
    assert form.where("unit.department") == "自评表!B4" and form.where("goals.achieved") == "自评表!G11"


def test_unknown_column_finding_names_the_cell(built):
    result = read_workbook(built["blank_rows_merged"])
    (found,) = result.findings
    assert found.location == "自评表!K18" and "备注" in found.message


def test_midterm_targets_point_at_their_cells(built):
    beside = read_workbook(built["goal_midterm_side_by_side"]).form
    assert beside.where("indicators[3].midterm_target") == "申报表!E16"
    assert beside.where("indicators[3].target") == "申报表!J16"
    below = read_workbook(built["goal_midterm_below"], engine="openpyxl").form
    assert below.where("indicators[1].midterm_target") == "Sheet1!E17"
    assert below.where("indicators[1].target") == "Sheet1!E12"


def test_values_under_their_labels_point_at_their_cells(built):
    form = read_workbook(built["labels_above_values"], engine="openpyxl").form
    assert form.where("unit.department") == "自评表!C4" and form.where("unit.phone") == "自评表!H4"


def test_labels_sharing_a_cell_point_at_it(built):
    form = read_workbook(built["shared_header_rows"]).form
    assert form.where("project.name") == "自评表!A3" and form.where("unit.phone") == "自评表!F5"
    assert form.where("unit.implementer") == "自评表!H4"


@pytest.mark.parametrize(("label", "unit"), [("项目资金\n（元）", "元"), ("资金情况(千元)", "千元"), ("项目资金（万元）", "万元")])
def test_currency_unit_in_the_funding_label(built, tmp_path, label, unit):
    wb = openpyxl.load_workbook(built["amounts_in_yuan"])
    ws = wb.active
    ws["A3"] = None
    ws["A6"] = label
    wb.save(tmp_path / "unit.xlsx")
    result = read_workbook(tmp_path / "unit.xlsx")
    assert result.form.budget.currency_unit == unit and result.form.budget.full_year == 1500000
    assert result.form.where("budget.currency_unit") == "自评表!A6" and not result.findings


def test_two_currency_units_are_reported(built, tmp_path):
    wb = openpyxl.load_workbook(built["amounts_in_yuan"])
    wb.active["D6"] = "全年预算数（万元）"
    wb.save(tmp_path / "units.xlsx")
    result = read_workbook(tmp_path / "units.xlsx")
    assert result.form.budget.currency_unit == "元"
    (found,) = result.findings
    assert found.code == "T004" and found.location == "自评表!D6" and "“万元”" in found.message


def test_currency_unit_in_a_task_table_header(built, tmp_path):
    wb = openpyxl.load_workbook(built["dept_goal"])
    wb.active["E4"] = "预算金额（元）"
    wb.save(tmp_path / "tasks.xlsx")
    result = read_workbook(tmp_path / "tasks.xlsx")
    assert result.form.budget.currency_unit == "元" and result.form.tasks[0].total == 150
    assert result.form.where("budget.currency_unit") == "Sheet1!E4" and not result.findings
