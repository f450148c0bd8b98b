"""The reader on value grids, live books and files: fields, cells, formulas and T findings."""

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
import variants

from perfxl.domain import FormKind
from perfxl.forms.formjson import form_to_dict
from perfxl.forms.layout import LAYOUTS
from perfxl.forms.layout.spec import META_SHEET, TEMPLATE_VERSION, HeaderRow, Table, TextBlock
from perfxl.forms.read.grid import Sheet, grid_from_rows
from perfxl.forms.read.labels import norm, norms
from perfxl.forms.read.ooxml import scan_sheet_xml
from perfxl.forms.read.reader import read_book, read_grid, read_path, read_workbook

HEAD = [
    ["项目支出绩效自评表"],
    ["（2024年度）"],
    ["项目名称", "校舍维修"],
    ["主管部门", "某某县教育局", None, "实施单位", "某某县第一中学"],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    [None, "年度资金总额", 100, 100, 90, 10, 0.9, 9],
    ["年度总体目标", "预期目标", None, None, "实际完成情况"],
    [None, "完成维修", None, None, "已完成"],
]
TABLE = [
    ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    [None, "产出指标", "数量指标", "维修学校数", "≥3所", "3所", 50, 50],
    [None, None, "质量指标", "验收合格率", "≥95%", "96%", 30, 30],
    [None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%", "92%", 10, 10],
    ["总分", None, None, None, None, None, 100, 99],
]


def selfeval_rows():
    return [list(r) for r in HEAD + TABLE]


def codes(result):
    return [f.code for f in result.findings]


# -- grids of plain values -------------------------------------------------------------------------


def test_read_grid_from_plain_rows():
    result = read_grid(grid_from_rows({"自评表": selfeval_rows()}))
    form = result.form
    assert codes(result) == [] and result.engine == "rows"
    assert form.kind is FormKind.PROJECT_SELFEVAL and form.year == 2024
    assert form.project.name == "校舍维修" and form.unit.implementer == "某某县第一中学"
    assert (form.budget.full_year, form.budget.executed, form.budget.rate, form.budget.score) == (100, 90, 0.9, 9)
    assert [i.level1 for i in form.indicators] == ["产出指标", "产出指标", "满意度指标"]
    assert form.total == 99
    assert form.where("indicators[1].actual") == "自评表!F11"
    assert form.where("total") == "自评表!H13" and form.where("budget.score") == "自评表!H6"
    assert form.cells["total"].formula is None
    assert dict(form.cells)["project.name"].cell == "B3"


def test_forms_on_several_sheets_are_all_read():
    result = read_grid(grid_from_rows({"A项目": selfeval_rows(), "说明": [["填表说明"]], "B项目": selfeval_rows()}))
    assert len(result.forms) == 2 and codes(result) == ["T008"]
    assert "A项目、B项目" in result.findings[0].message


def test_not_a_form():
    result = read_grid(grid_from_rows({"Sheet1": [["姓名", "年龄"], ["张三", 30]]}))
    assert result.form is None and codes(result) == ["T001"] and "Sheet1" in result.findings[0].message


def test_missing_section_and_missing_column():
    rows = [r for r in selfeval_rows() if r and r[0] not in ("项目资金（万元）",) and (len(r) < 2 or r[1] != "年度资金总额")]
    rows = [[c for j, c in enumerate(r) if j != 5] if len(r) > 5 and i >= 6 else r for i, r in enumerate(rows)]
    result = read_grid(grid_from_rows({"自评表": rows}))
    found = {f.code: f for f in result.findings}
    assert found["T003"].message == "表单缺少“项目资金（万元）”部分"
    assert "实际完成值" in found["T013"].message
    assert result.form.indicators[0].actual is None


def test_empty_form():
    rows = [r for r in selfeval_rows()[:9]] + [["总分"]]
    result = read_grid(grid_from_rows({"自评表": rows}))
    assert "T005" in codes(result) and "绩效指标" in next(f for f in result.findings if f.code == "T005").message


def test_kind_without_title_by_header_signature():
    rows = selfeval_rows()[2:]
    result = read_grid(grid_from_rows({"Sheet1": rows}))
    assert result.form.kind is FormKind.PROJECT_SELFEVAL and codes(result) == ["T009"]


def test_year_in_the_title_and_currency_note():
    rows = selfeval_rows()
    rows[0] = ["2023年度项目支出绩效自评表"]
    rows[1] = [None, None, None, None, None, None, None, "单位：元"]
    form = read_grid(grid_from_rows({"自评表": rows})).form
    assert form.year == 2023 and form.budget.currency_unit == "元" and form.unit.name is None


def test_label_value_in_one_cell():
    rows = selfeval_rows()
    rows[2] = ["项目名称：校舍维修改造", None, None, "项目编码：P2024-01"]
    form = read_grid(grid_from_rows({"自评表": rows})).form
    assert form.project.name == "校舍维修改造" and form.project.code == "P2024-01"
    assert form.where("project.name") == "自评表!A3"


def test_several_label_value_pairs_in_one_cell():
    rows = selfeval_rows()
    rows[3] = ["主管部门：某某县教育局　　实施单位：某某县第一中学"]
    rows.insert(4, ["项目负责人：张三 联系电话：0817-1234567"])
    form = read_grid(grid_from_rows({"自评表": rows})).form
    u = form.unit
    assert (u.department, u.implementer, u.contact, u.phone) == ("某某县教育局", "某某县第一中学", "张三", "0817-1234567")
    assert form.where("unit.implementer") == "自评表!A4" and form.where("unit.phone") == "自评表!A5"


GOAL_HEAD = [["项目支出绩效目标申报表"], ["（2025年度）"], ["项目名称", "校舍维修"], ["年度目标", "完成维修"]]


def _goal(rows, merged=()):
    return read_grid(grid_from_rows([Sheet("申报表", GOAL_HEAD + rows, merged=merged)]))


def test_midterm_set_beside_the_annual_one_matched_by_name():
    rows = [
        [None, "中期绩效指标", None, None, "年度绩效指标"],
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "学校数量", "≥9所", "数量指标", "受益学生", "≥1万人"],
        [None, "数量指标", "受益学生", "≥3万人", "数量指标", "学校数量", "≥3所"],
        [None, "数量指标", "培训人次", "≥900人次", None, None, None],
    ]
    merged = [(4, 1, 4, 3), (4, 4, 4, 6)]
    result = _goal(rows, merged)
    got = [(i.name, i.target, i.midterm_target) for i in result.form.indicators]
    assert got == [("受益学生", "≥1万人", "≥3万人"), ("学校数量", "≥3所", "≥9所"), ("培训人次", None, "≥900人次")]
    assert result.form.where("indicators[0].midterm_target") == "申报表!D8"
    assert result.form.where("indicators[1].midterm_target") == "申报表!D7"
    (t014,) = [f for f in result.findings if f.code == "T014"]
    assert t014.location == "申报表!C9" and "培训人次" in t014.message


def test_two_sets_without_a_band_are_read_left_midterm_with_a_finding():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值", "二级指标", "三级指标", "指标值", "计量单位"],
        ["产出指标", "数量指标", "学校数量", "≥9", "数量指标", "学校数量", "≥3", "所"],
    ]
    result = _goal(rows)
    (ind,) = result.form.indicators
    assert (ind.target, ind.midterm_target, ind.unit) == ("≥3", "≥9", "所")
    assert [f.location for f in result.findings if f.code == "T004"] == ["申报表!C5"]


def test_a_midterm_table_below_gives_midterm_targets_and_reports_what_it_does_not_use():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "学校数量", "≥3所"],
        ["合计"],
        ["中期绩效指标"],
        ["一级指标", "二级指标", "三级指标", "指标值", "分值"],
        ["产出指标", "数量指标", "学校数量", "≥9所", 20],
        ["产出指标", "数量指标", "培训人次", "≥900人次", 10],
    ]
    result = _goal(rows)
    (ind,) = result.form.indicators
    assert (ind.target, ind.midterm_target) == ("≥3所", "≥9所")
    assert result.form.where("indicators[0].midterm_target") == "申报表!D10"
    found = sorted((f.code, f.location) for f in result.findings if f.code != "T003")  # no 项目资金 here
    assert found == [("T004", "申报表!E9"), ("T014", "申报表!C11")]


def test_a_second_indicator_table_is_reported():
    rows = [
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "学校数量", "≥3所"],
        ["合计"],
        ["补充指标"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥900人次"],
    ]
    result = _goal(rows)
    assert [i.name for i in result.form.indicators] == ["学校数量"]
    (t015,) = [f for f in result.findings if f.code == "T015"]
    assert t015.location == "申报表!A9" and "补充指标" in t015.message


def test_a_second_column_for_the_same_key_is_reported():
    rows = selfeval_rows()
    rows[8] = rows[8] + ["权重"]  # 分值 and 权重 both mean the weight: the printed 分值 is read
    rows[9] = rows[9] + [None, 45]
    result = read_grid(grid_from_rows({"自评表": rows}))
    assert result.form.indicators[0].weight == 50
    (t004,) = [f for f in result.findings if f.code == "T004"]
    assert t004.location == "自评表!J9" and "与“分值”列重复" in t004.message


def test_an_unknown_funding_column_with_figures_is_reported():
    rows = selfeval_rows()
    rows[4] = rows[4] + ["调整原因"]
    rows[5] = rows[5] + ["追加预算"]
    result = read_grid(grid_from_rows({"自评表": rows}))
    (t004,) = [f for f in result.findings if f.code == "T004"]
    assert t004.location == "自评表!I5" and "调整原因" in t004.message


def test_numbers_as_text_and_text_where_numbers_belong():
    rows = selfeval_rows()
    rows[5] = [None, "年度资金总额", "1,234.5", "１２３４．５", "1234.5万元", "10分", "100%", "十分"]
    rows[10][6] = "三十"
    form = read_grid(grid_from_rows({"自评表": rows})).form
    b = form.budget
    assert (b.initial, b.full_year, b.executed, b.weight, b.rate, b.score) == (1234.5, 1234.5, 1234.5, 10, "100%", None)
    assert form.raw == {"budget.score": "十分", "indicators[1].weight": "三十"}


def test_not_applicable_markers():
    rows = selfeval_rows()
    rows[5] = [None, "年度资金总额", "—", "/", "*", "—", "—", "—"]
    form = read_grid(grid_from_rows({"自评表": rows})).form
    assert form.budget.initial is None and form.budget.full_year is None and form.raw == {}


def test_blank_rows_end_a_table_after_the_limit():
    rows = selfeval_rows()[:-1] + [[None]] * 5 + [[None, "效益指标", "社会效益指标", "远处的指标", "≥1", "1", 5, 5]]
    assert len(read_grid(grid_from_rows({"自评表": rows})).form.indicators) == 4
    from perfxl.forms.read.sniff import Limits

    short = read_grid(grid_from_rows({"自评表": rows}), limits=Limits(max_blank_run=3)).form
    assert len(short.indicators) == 3


# -- metadata sheet ---------------------------------------------------------------------------------


def _with_meta(rows, **meta):
    sheets = [Sheet("自评表", rows), Sheet(META_SHEET, [[k, v] for k, v in meta.items()], state="hidden")]
    return grid_from_rows(sheets)


def test_metadata_gives_kind_when_the_title_is_gone():
    rows = selfeval_rows()[2:]
    result = read_grid(_with_meta(rows, kind="project_selfeval", template_version=TEMPLATE_VERSION,
                                  extra='{"批次": "第一批"}'))
    assert result.form.kind is FormKind.PROJECT_SELFEVAL and result.form.extra == {"批次": "第一批"}


def test_unknown_template_version_and_kind_conflict():
    result = read_grid(_with_meta(selfeval_rows(), kind="project_goal", template_version="0.1"))
    assert codes(result)[:2] == ["T002", "T007"]
    assert result.form.kind is FormKind.PROJECT_SELFEVAL


# -- an xlwings-like live book --------------------------------------------------------------------


class FakeRange:
    def __init__(self, values, row=1, column=1, formulas=None):
        self.value, self.row, self.column = values, row, column
        self.shape = (len(values), max(len(r) for r in values))
        self.formula = formulas or [["" if v is None else str(v) for v in r] for r in values]


class FakeSheet:
    def __init__(self, name, rng, visible=True):
        self.name, self.used_range, self.visible = name, rng, visible


class FakeBook:
    def __init__(self, sheets):
        self.sheets, self.fullname = sheets, "C:/forms/自评表.xlsx"


def test_read_a_live_book_through_the_seam():
    rows = selfeval_rows()
    width = max(len(r) for r in rows)
    values = [r + [None] * (width - len(r)) for r in rows]
    formulas = [["" if v is None else str(v) for v in r] for r in values]
    formulas[-1][7] = "=I6+SUM(I10:I12)"  # the total, in the live book's own coordinates (offset below)
    book = FakeBook([FakeSheet("自评表", FakeRange(values, row=3, column=2, formulas=formulas)),
                     FakeSheet("隐藏", FakeRange([[1]]), visible=False)])
    result = read_book(book)
    form = result.form
    assert result.engine == "xlwings" and result.source == "C:/forms/自评表.xlsx"
    assert form_to_dict(form) == form_to_dict(read_grid(grid_from_rows({"自评表": rows})).form)
    assert form.where("total") == "自评表!I15" and form.cells["total"].formula == "=I6+SUM(I10:I12)"


def test_live_book_number_formats_and_edge_values():
    rows = selfeval_rows()
    width = max(len(r) for r in rows)
    values = [r + [None] * (width - len(r)) for r in rows]
    values[9][4:6] = [0.9, 0.95]
    values[10][5] = float("inf")
    values[11][5] = float("nan")
    values[5][4] = "#DIV/0!"
    formats = [["General"] * width for _ in values]
    formats[9][5] = "0.0%"
    book = FakeBook([FakeSheet("自评表", FakeRange(values))])
    book.sheets[0].used_range.number_format = formats
    result = read_book(book)
    inds = result.form.indicators
    assert [(i.target, i.actual) for i in inds] == [("0.9", "95%"), ("≥95%", "∞"), ("≥90%", "NaN")]
    assert result.form.raw == {"budget.executed": "#DIV/0!"}
    assert [f.location for f in result.findings if f.code == "T016"] == ["自评表!F11", "自评表!F12"]


def test_live_book_mixed_formats_are_asked_per_cell():
    rows = selfeval_rows()
    rows[9][5] = 0.95
    width = max(len(r) for r in rows)
    sheet = FakeSheet("自评表", FakeRange([r + [None] * (width - len(r)) for r in rows]))
    sheet.used_range.number_format = None  # xlwings: the range mixes formats
    asked = []

    class Cell:
        def __init__(self, pos):
            asked.append(pos)
            self.number_format = "0%" if pos == (10, 6) else "General"

    sheet.range = Cell
    form = read_book(FakeBook([sheet])).form
    assert form.indicators[0].actual == "95%" and (10, 6) in asked and len(asked) < 10


def test_live_book_scalar_and_single_row_ranges():
    book = FakeBook([FakeSheet("A", FakeRange([[5]])), FakeSheet("B", FakeRange([["项目名称", "x"]]))])
    book.sheets[0].used_range.value = 5  # a one-cell used range comes back as a scalar
    book.sheets[1].used_range.value = ["项目名称", "x"]  # one row comes back as a flat list
    result = read_book(book)
    assert result.form is None and codes(result) == ["T001"]


# -- files: engines, formulas, percentages, safety -----------------------------------------------


def _save(rows, path: Path, percent=(), formulas=None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in rows:
        ws.append(row)
    for ref in percent:
        ws[ref].number_format = "0%"
    for ref, text in (formulas or {}).items():
        ws[ref] = text
    wb.save(path)
    return path


def test_formulas_without_cached_values(tmp_path):
    path = _save(selfeval_rows(), tmp_path / "f.xlsx", formulas={"H13": "=SUM(H10:H12)", "H6": "=F6*0.9"})
    result = read_workbook(path)
    (t006,) = [f for f in result.findings if f.code == "T006"]
    assert t006.location == "自评表!H6" and "2 个公式" in t006.message and "自评表!H13" in t006.message
    form = result.form
    assert form.total is None and form.cells["total"].formula == "=SUM(H10:H12)"
    variants.cache_formulas(path, {"H13": 99, "H6": 9})
    again = read_workbook(path)
    assert codes(again) == [] and again.form.total == 99 and again.form.budget.score == 9
    assert again.form.cells["budget.score"].formula == "=F6*0.9"


def test_percent_formatted_values_read_as_shown(tmp_path):
    rows = selfeval_rows()
    rows[10][5] = 0.96
    path = _save(rows, tmp_path / "p.xlsx", percent=["F11"])
    assert read_workbook(path).form.indicators[1].actual == "96%"
    assert read_workbook(path, engine="openpyxl").form.indicators[1].actual == "96%"


def test_percent_format_is_the_only_thing_that_makes_a_fraction(tmp_path):
    rows = selfeval_rows()
    rows[9][4:6] = [0.9, 0.95]  # a plain 0.9 target; a %-formatted 0.95 actual
    path = _save(rows, tmp_path / "p.xlsx", percent=["F10"])
    for engine in ("calamine", "openpyxl"):
        ind = read_workbook(path, engine=engine).form.indicators[0]
        assert (ind.target, ind.actual) == ("0.9", "95%")


EDGE_BUDGET = [None, "年度资金总额", 1e308, -1e308, "#DIV/0!", 1234567890123456, "#REF!", 1e-320]


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_edge_numbers_and_error_values_are_findings_at_their_cells(tmp_path, engine):
    rows = selfeval_rows()
    rows[5] = list(EDGE_BUDGET)
    rows[9][4:8] = ["#N/A", 1e308, "#VALUE!", -0.0]
    rows[10][5:7] = [1e-320, "#NAME?"]
    rows[11][4:7] = [1234567890123456, "#NULL!", "#NUM!"]
    rows[12][7] = -1e308
    path = _save(rows, tmp_path / "edge.xlsx")
    result = read_workbook(path, engine=engine)
    form = result.form
    assert form.raw == {
        "budget.initial": "1E+308", "budget.full_year": "-1E+308", "budget.executed": "#DIV/0!",
        "budget.weight": "1234567890123456", "budget.rate": "#REF!", "budget.score": "1E-320",
        "indicators[0].weight": "#VALUE!", "indicators[1].weight": "#NAME?", "indicators[2].weight": "#NUM!",
        "total": "-1E+308",
    }
    assert [(i.target, i.actual, i.score) for i in form.indicators] == [
        ("#N/A", "1E+308", 0), ("≥95%", "1E-320", 30), ("1234567890123456", "#NULL!", 10)]
    assert str(form.indicators[0].score) == "0.0"  # not -0.0
    t016 = {f.location: f.message for f in result.findings if f.code == "T016"}
    assert set(t016) == {"自评表!E10", "自评表!F10", "自评表!F11", "自评表!E12", "自评表!F12"}
    assert "Excel 错误值" in t016["自评表!E10"] and "1E+308" in t016["自评表!F10"]
    from perfxl import api

    checked = api.check_file(path)  # scoring and every rule run on it without an exception
    b109 = {f.location for f in checked.findings if f.code == "B109"}
    assert {"自评表!C6", "自评表!E6", "自评表!G6", "自评表!G10", "自评表!H13"} <= b109


def test_dates_become_iso_text(tmp_path):
    rows = selfeval_rows()
    rows[10][5] = dt.datetime(2024, 11, 20)
    path = _save(rows, tmp_path / "d.xlsx")
    assert read_workbook(path).form.indicators[1].actual == "2024-11-20"


def test_a_far_away_cell_cannot_exhaust_memory(tmp_path):
    rows = selfeval_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    for row in rows:
        ws.append(row)
    ws["XFD1048576"] = "x"  # python-calamine would allocate 17 billion cells for this sheet
    path = tmp_path / "far.xlsx"
    wb.save(path)
    result = read_workbook(path)
    assert "T010" in codes(result) and len(result.form.indicators) == 3


def test_corrupt_sheet_xml_is_a_finding(tmp_path):
    path = _save(selfeval_rows(), tmp_path / "c.xlsx")
    with zipfile.ZipFile(path) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    parts["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99"
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    result = read_workbook(path)
    assert result.form is None and codes(result) == ["T101"] and "损坏" in result.findings[0].message


def test_xlsm_is_read_with_a_note(tmp_path):
    path = _save(selfeval_rows(), tmp_path / "m.xlsm")
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("xl/vbaProject.bin", b"\x00" * 64)
    result = read_workbook(path)
    assert codes(result) == ["T012"] and result.form is not None and result.file_format == "xlsm"


@pytest.mark.parametrize("make", ["empty", "docx", "png"])
def test_unusable_files_never_raise(tmp_path, make):
    path = tmp_path / "x.xlsx"
    if make == "empty":
        path.write_bytes(b"")
    elif make == "png":
        path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)
    else:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("word/document.xml", "<w/>")
    result = read_workbook(path)
    assert result.form is None and not result.usable


def test_read_path_json_and_bad_json(tmp_path):
    good = tmp_path / "f.json"
    good.write_text('{"perfxl": 1, "kind": "project_goal", "year": 2025}', encoding="utf-8")
    result = read_path(good)
    assert result.form.kind is FormKind.PROJECT_GOAL and result.engine == "json"
    bad = tmp_path / "b.json"
    bad.write_text("{", encoding="utf-8")
    assert codes(read_path(bad)) == ["T101"]


def test_unknown_engine_is_a_usage_error(tmp_path):
    with pytest.raises(ValueError):
        read_workbook(tmp_path / "x.xlsx", engine="pandas")


# -- the safety scan ----------------------------------------------------------------------------


def test_shared_formulas_are_translated_on_demand():
    xml = (b'<worksheet><sheetData><row r="2"><c r="H2"><f t="shared" ref="H2:H4" si="0">F2*G2</f><v>6</v></c>'
           b'</row><row r="3"><c r="H3"><f t="shared" si="0"/><v>8</v></c></row>'
           b'<row r="4"><c r="H4" t="str"><f>IF(A4="","",1)</f><v></v></c><c r="I4"><f>SUM(H2:H4)</f></c></row>'
           b"</sheetData></worksheet>")
    scan = scan_sheet_xml(xml)
    assert scan.small and scan.fits(__import__("perfxl.forms.read.sniff", fromlist=["x"]).DEFAULT_LIMITS)
    f = scan.formulas
    assert f[(1, 7)] == "=F2*G2" and f[(2, 7)] == "=F3*G3" and f[(3, 7)] == '=IF(A4="","",1)'
    assert f.uncached == {(3, 8)} and f.cached_value((2, 7)) == 8.0 and f.cached_value((3, 7)) == ""


def test_error_cells_are_found_in_the_sheet_xml():
    from perfxl.forms.read.ooxml import error_cells

    xml = (b'<row r="6"><c r="K5" t="e"/><c r="H6" s="3" t="e"><f>F6/E6</f><v>#DIV/0!</v></c>'
           b'<c r="I6" t="e"><v>#N/A</v></c><x:c r="J6" t="e"><x:v>#REF!</x:v></x:c><c r="K6"><v>1</v></c></row>')
    assert error_cells(xml) == {(5, 7): "#DIV/0!", (5, 8): "#N/A", (5, 9): "#REF!"}
    assert error_cells(b'<c r="A1"><v>1</v></c>') == {}


def test_unusual_parts_are_measured_exactly():
    xml = b'<worksheet><sheetData><row r="1"><c s="1" r="A1"><v>1</v></c><c r="AB70000"><v>2</v></c></row></sheetData></worksheet>'
    scan = scan_sheet_xml(xml)
    assert not scan.small and (scan.rows, scan.cols) == (70000, 28)
    assert scan_sheet_xml(b"<x:worksheet><x:c><x:v>1</x:v></x:c></x:worksheet>").refless


# -- labels ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("全年执行数\n（B）", "全年执行数"),
        ("执行率（B/A）", "执行率"),
        ("项 目 名 称", "项目名称"),
        ("其中：本年财政拨款", "本年财政拨款"),
        ("1—6月执行数", "1-N月执行数"),
        ("1-N月执行情况", "1-N月执行情况"),
        ("一、项目资金（万元）", "项目资金"),
        ("*项目名称：", "项目名称"),
        ("（计算列）目标值", "[计算列]目标值"),
        ("（一）绩效目标", "绩效目标"),
    ],
)
def test_norm(text, expected):
    assert norm(text) == expected


def test_layout_labels_do_not_collide():
    """Within a kind, one normalised label means one column / one field (grid cells are positioned)."""
    for layout in LAYOUTS.values():
        fields: dict[str, str] = {}
        for block in layout.blocks:
            if isinstance(block, Table):
                columns: dict[str, str] = {}
                for col in block.columns:
                    for n in [] if col.hidden else norms(col.labels):
                        assert columns.setdefault(n, col.key) == col.key, (layout.kind, n)
            elif isinstance(block, HeaderRow | TextBlock):
                for f in block.fields:
                    for n in norms(f.labels) if f.path else []:
                        assert fields.setdefault(n, f.path) == f.path, (layout.kind, n)


def test_goal_block_printed_as_one_box():
    rows = [["项目支出绩效目标申报表"], ["（2025年度）"], ["项目名称", "校舍维修"],
            ["项目资金（万元）", "年度资金总额", 150], ["年度总体目标", "完成3所学校维修"],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "指标值"], [None, "产出指标", "数量指标", "学校数", "≥3所"]]
    result = read_grid(grid_from_rows({"申报表": rows}))
    form = result.form
    assert codes(result) == [] and form.goals.annual == "完成3所学校维修" and form.where("goals.annual") == "申报表!B5"
    assert form.budget.full_year == 150 and form.indicators[0].target == "≥3所"


@pytest.mark.parametrize("cell", [b'<c r="xfd1048576">', b'<c\nr="XFD1048576">', b'<c t="n" r="XFD1048576">'])
def test_disguised_far_cells_are_caught(cell):
    xml = b'<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c>' + cell + b"<v>2</v></c></row></sheetData></worksheet>"
    scan = scan_sheet_xml(xml)
    assert not scan.small and scan.rows == 1048576 and scan.cols == 16384


@pytest.mark.parametrize("cell, expected", [("═", "="), ("≧", "≥"), ("⩽", "≤"), ("不小于", "≥"), ("≥=", "≥"),
                                            ("定性", "定性"), ("正向", "≥"), ("定量", None), ("1", None), ("%", None)])
def test_direction_cell_knows_every_operator_spelling(cell, expected):
    """The 指标性质 column and the value parser share one operator vocabulary (═ in 永德's published table)."""
    from perfxl.forms.read.coerce import to_direction

    assert to_direction(cell) == expected
