"""The five workbook templates: current with the code, and built the way docs/dev/forms.md and docs/dev/domain.md §3 ask."""

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from perfxl.cli import (
    app,
    commands,  # noqa: F401  (registers the commands)
)
from perfxl.domain import FormKind
from perfxl.domain.hierarchy import HIERARCHIES
from perfxl.domain.vocabulary import number_text
from perfxl.forms.layout import LAYOUTS, join_value, layout_for, spec
from perfxl.forms.layout.geometry import place
from perfxl.forms.layout.synonyms import COLUMN_SYNONYMS, FIELD_SYNONYMS, SECTION_LABELS
from perfxl.forms.write.snapshot import diff_snapshots, workbook_snapshot
from perfxl.forms.write.template import DEFAULT_DIR, TEMPLATE_FILES, build_templates, build_workbook

ALLOWED_FUNCTIONS = {
    "IF", "AND", "OR", "NOT", "MIN", "MAX", "SUM", "SUMIF", "COUNT", "COUNTA", "COUNTIF", "ISNUMBER", "ISBLANK",
    "IFERROR", "N", "ABS", "INDEX", "ROW", "MATCH", "VLOOKUP", "INDIRECT", "COUNTIFS",
    "LEFT", "RIGHT", "MID", "LEN", "TRIM", "UPPER", "FIND", "SEARCH", "VALUE", "ISERROR",  # text typed in value cells
    "CELL",  # CELL("format", …): a percent-formatted cell holds a fraction
}
SCORED = (FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[FormKind, Path]:
    out = tmp_path_factory.mktemp("templates")
    build_templates(out)
    return {kind: out / name for kind, name in TEMPLATE_FILES.items()}


@pytest.fixture(scope="module")
def books(built):
    return {kind: load_workbook(path) for kind, path in built.items()}


def test_file_names():
    assert sorted(TEMPLATE_FILES.values()) == sorted([
        "项目支出绩效目标申报表.xlsx", "部门整体支出绩效目标申报表.xlsx", "项目支出绩效运行监控表.xlsx",
        "项目支出绩效自评表.xlsx", "部门整体支出绩效自评表.xlsx",
    ])


@pytest.mark.parametrize("kind", list(FormKind))
def test_committed_templates_are_current(built, kind):
    """CI fails when workbook_templates/ is stale: run `perfxl templates build` (or `make templates`)."""
    committed = DEFAULT_DIR / TEMPLATE_FILES[kind]
    assert committed.is_file(), f"{committed} 不存在：请运行 perfxl templates build"
    diff = diff_snapshots(workbook_snapshot(committed), workbook_snapshot(built[kind]))
    assert not diff, "workbook_templates 已过期，请运行 perfxl templates build：\n" + "\n".join(diff)


def test_committed_feedback_template_is_current(built):
    """The blank 整改情况反馈表 is built with the forms; stale when its builder changed."""
    from perfxl.forms.write.feedback import FEEDBACK_FILE

    committed = DEFAULT_DIR / FEEDBACK_FILE
    assert committed.is_file(), f"{committed} 不存在：请运行 perfxl templates build"
    diff = diff_snapshots(workbook_snapshot(committed), workbook_snapshot(next(iter(built.values())).parent / FEEDBACK_FILE))
    assert not diff, "workbook_templates 已过期，请运行 perfxl templates build：\n" + "\n".join(diff)


def test_build_is_deterministic(built, tmp_path):
    again = build_templates(tmp_path)
    for path in again[:len(TEMPLATE_FILES)]:
        assert not diff_snapshots(workbook_snapshot(path), workbook_snapshot(built[_kind(path)]))


def _kind(path: Path) -> FormKind:
    return next(k for k, name in TEMPLATE_FILES.items() if name == path.name)


@pytest.mark.parametrize("kind", list(FormKind))
def test_sheets_and_metadata(books, kind):
    wb = books[kind]
    layout = layout_for(kind)
    assert wb.sheetnames[0] == layout.sheet
    assert wb.active.title == layout.sheet
    assert {spec.HELP_SHEET, spec.LISTS_SHEET, spec.META_SHEET} <= set(wb.sheetnames)
    assert wb[spec.META_SHEET].sheet_state == "hidden"
    assert wb[spec.LISTS_SHEET].sheet_state == "hidden"
    assert wb[spec.HELP_SHEET].sheet_state == "visible"
    meta = {row[0].value: row[1].value for row in wb[spec.META_SHEET].iter_rows(max_col=2)}
    assert meta["kind"] == kind.value
    assert meta["template_version"] == spec.TEMPLATE_VERSION
    assert meta["rule_edition"] == "2020"
    assert wb.calculation.fullCalcOnLoad


@pytest.mark.parametrize("kind", list(FormKind))
def test_official_layout(books, kind):
    ws = books[kind][layout_for(kind).sheet]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert ws["A1"].value == kind.title
    assert ws["A1"].font.name == "黑体"
    assert "（" in texts and "年度）" in texts
    table = layout_for(kind).table()
    for col in table.columns:
        if not col.hidden:
            assert col.label in texts
    p = place(layout_for(kind))
    t = p.table()
    assert t.nrows >= 30
    body = ws[t.cell("name", t.first_row)]
    assert body.font.name == "宋体"
    assert body.border.left.style == "thin" and body.border.bottom.style == "thin"
    if kind in SCORED:
        assert ws[p.cells["total"]].value.startswith("=")
        assert "总分" in texts


def test_selfeval_labels(books):
    ws = books[FormKind.PROJECT_SELFEVAL]["自评表"]
    texts = {c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for label in ("项目名称", "主管部门", "实施单位", "项目资金（万元）", "年初预算数", "全年预算数", "全年执行数",
                  "分值", "执行率", "得分", "年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金",
                  "年度总体目标", "预期目标", "实际完成情况", "一级指标", "二级指标", "三级指标", "指标性质",
                  "年度指标值", "计量单位", "实际完成值", "偏差原因分析及改进措施", "总分"):
        assert label in texts, label


def test_layout_addresses_unique():
    for layout in LAYOUTS.values():
        p = place(layout)
        assert len(set(p.cells.values())) == len(p.cells), layout.kind
        seen: set[tuple[int, int]] = set()
        for box in p.boxes:
            for cell in _expand(box.ref):
                assert cell not in seen, (layout.kind, box.ref)
                seen.add(cell)


def _expand(ref: str):
    from openpyxl.utils.cell import range_boundaries

    c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def _formulas(wb):
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    yield ws.title, cell.coordinate, cell.value


@pytest.mark.parametrize("kind", list(FormKind))
def test_formulas_use_portable_functions(books, kind):
    for sheet, ref, formula in _formulas(books[kind]):
        used = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", formula))
        assert used <= ALLOWED_FUNCTIONS, (sheet, ref, used - ALLOWED_FUNCTIONS)
        assert "_xlfn" not in formula and "{" not in formula and "@" not in formula, (sheet, ref)
    for dv in books[kind][layout_for(kind).sheet].data_validations.dataValidation:
        used = set(re.findall(r"([A-Z][A-Z0-9.]*)\(", dv.formula1 or ""))
        assert used <= ALLOWED_FUNCTIONS


@pytest.mark.parametrize("kind", SCORED)
def test_totals_use_whole_table_ranges(books, kind):
    """Totals sum the table from its header row to the row above the total row, so rows inserted
    anywhere (even just above 总分) are included and deleting rows breaks nothing."""
    p = place(layout_for(kind))
    t = p.table()
    ws = books[kind]["自评表"]
    total = ws[p.cells["total"]].value
    score = t.cols["score"]
    assert f"${score}${t.header_row}:INDEX(${score}:${score},ROW(" in total
    assert f"${t.total_row})-1)" in total
    for row in (t.first_row, t.last_row):
        assert ws[t.cell("score", row)].value.startswith("=IF(")


@pytest.mark.parametrize("kind", list(FormKind))
def test_protection_and_inputs(books, kind):
    ws = books[kind][layout_for(kind).sheet]
    assert ws.protection.sheet and not ws.protection.password
    p = place(layout_for(kind))
    for path, ref in p.cells.items():
        cell = ws[ref]
        field = layout_for(kind).field(path) if path in {f.path for f in layout_for(kind).fields()} else None
        if field is not None and field.input:
            assert not cell.protection.locked, (kind, path)
            assert cell.fill.fgColor.rgb.endswith("FFF6D5")
        else:
            assert cell.protection.locked, (kind, path)
    t = p.table()
    for col in t.table.columns:
        cell = ws[t.cell(col.key, t.first_row)]
        assert cell.protection.locked == (not col.input), (kind, col.key)
    assert ws["A1"].protection.locked


def _validation(ws, ref):
    for dv in ws.data_validations.dataValidation:
        if any(ref in rng for rng in dv.sqref.ranges):
            return dv
    return None


@pytest.mark.parametrize("kind", list(FormKind))
def test_dropdowns_from_defined_names(books, kind):
    wb = books[kind]
    ws = wb[layout_for(kind).sheet]
    names = set(wb.defined_names)
    hierarchy = HIERARCHIES["2020"]
    assert {spec.LIST_LEVEL1, spec.LIST_DIRECTION, spec.LIST_UNIT, spec.LIST_BASIS, spec.LIST_QUALITATIVE, spec.LIST_LIKELIHOOD,
            spec.LIST_DEVIATION, spec.LIST_NA, spec.LIST_QUALITATIVE_TABLE} <= names
    assert set(hierarchy.level1) <= names
    lists = wb[spec.LISTS_SHEET]
    ref = wb.defined_names[spec.LIST_DIRECTION].attr_text.split("!")[1].replace("$", "")
    assert [c.value for row in lists[ref] for c in row] == ["≥", "≤", "=", "定性"]
    p = place(layout_for(kind))
    t = p.table()
    level1 = t.cell("level1", t.first_row)
    assert _validation(ws, level1).formula1 == spec.LIST_LEVEL1
    assert _validation(ws, t.cell("level2", t.last_row)).formula1 == f"INDIRECT({level1})"
    assert _validation(ws, t.cell("direction", t.first_row)).formula1 == spec.LIST_DIRECTION
    for dv in ws.data_validations.dataValidation:
        if dv.type == "list":
            assert "," not in (dv.formula1 or ""), "drop-downs come from defined names, not inline lists"
    if t.table.has("actual"):
        assert _validation(ws, t.cell("actual", t.first_row)).formula1 == spec.LIST_QUALITATIVE
    if kind is FormKind.PROJECT_MONITOR:
        assert _validation(ws, t.cell("likelihood", t.first_row)).formula1 == spec.LIST_LIKELIHOOD
        assert _validation(ws, t.cell("deviation", t.first_row)).formula1 == spec.LIST_DEVIATION


def test_list_contents(books):
    wb = books[FormKind.PROJECT_SELFEVAL]
    lists = wb[spec.LISTS_SHEET]

    def items(name):
        ref = wb.defined_names[name].attr_text.split("!")[1].replace("$", "")
        return [c.value for row in lists[ref] for c in row]

    assert items(spec.LIST_BASIS) == ["计划标准", "行业标准", "历史标准", "其他经确认的标准"]
    assert items(spec.LIST_QUALITATIVE) == list(spec.QUALITATIVE_RESULTS)
    assert items(spec.LIST_LIKELIHOOD) == ["确定能", "有可能", "完全不可能"]
    assert items(spec.LIST_DEVIATION) == ["经费保障", "制度保障", "人员保障", "硬件条件保障", "其他"]
    assert items("产出指标") == ["数量指标", "质量指标", "时效指标", "成本指标"]
    table = items(spec.LIST_QUALITATIVE_TABLE)
    pairs = dict(zip(table[0::2], table[1::2], strict=True))
    assert pairs["达成年度指标"] == 1.0
    assert pairs["部分达成年度指标并具有一定效果"] == 0.8
    assert pairs["未达成年度指标且效果较差"] == 0.5


@pytest.mark.parametrize("kind", list(FormKind))
def test_conditional_formats(books, kind):
    ws = books[kind][layout_for(kind).sheet]
    rules = [(str(rng.sqref), rule) for rng in ws.conditional_formatting for rule in rng.rules]
    fills = [r for _, r in rules if r.dxf and r.dxf.fill and r.dxf.fill.fill_type]
    assert fills, "missing required inputs are shown in orange"
    assert all(r.dxf.fill.fgColor.rgb.endswith("FFC58A") for r in fills)
    if kind in SCORED:
        t = place(layout_for(kind)).table()
        red = [ref for ref, r in rules if r.dxf and r.dxf.font and r.dxf.font.color is not None]
        assert t.data_range("score") in red


@pytest.mark.parametrize("kind", list(FormKind))
def test_print_setup(books, kind):
    layout = layout_for(kind)
    ws = books[kind][layout.sheet]
    p = place(layout)
    assert int(ws.page_setup.paperSize) == 9  # A4
    assert ws.page_setup.orientation == ("landscape" if layout.landscape else "portrait")
    assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_options.horizontalCentered
    header = p.table().header_row
    assert ws.print_title_rows.replace("$", "") == f"{header}:{header}"
    assert ws.print_area.endswith(f"${p.last_col}${p.last_row}")
    hidden = [k for k, d in ws.column_dimensions.items() if d.hidden]
    assert all(k > p.last_col or len(k) > len(p.last_col) for k in hidden)


@pytest.mark.parametrize("kind", list(FormKind))
def test_help_sheet(books, kind):
    ws = books[kind][spec.HELP_SHEET]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "撤销工作表保护" in text and "未设密码" in text
    for col in layout_for(kind).table().columns:
        if not col.hidden:
            assert col.label in text
    if kind in SCORED:
        assert "评分规则" in text and "分值 × 实际完成值 ÷ 指标值" in text and "不适用" in text


def test_more_rows_on_demand():
    wb, p = build_workbook(FormKind.PROJECT_SELFEVAL, rows={"indicators": 45})
    t = p.table()
    assert t.nrows == 45
    ws = wb["自评表"]
    assert ws[t.cell("score", t.last_row)].value.startswith("=IF(")
    assert f"ROW($B${t.total_row})" in ws[p.cells["total"]].value


def test_reader_vocabulary_exposed():
    assert "完成值" in COLUMN_SYNONYMS["indicators.actual"]
    assert "全年实际值" in COLUMN_SYNONYMS["indicators.actual"]
    assert "指标值" in COLUMN_SYNONYMS["indicators.target"]
    assert "年度指标值(A)" in COLUMN_SYNONYMS["indicators.target"]
    assert "权重" in COLUMN_SYNONYMS["indicators.weight"]
    assert "未完成原因分析" in COLUMN_SYNONYMS["indicators.deviation"]
    assert "调整后预算数" in FIELD_SYNONYMS["budget.full_year"]
    assert "预算执行数" in FIELD_SYNONYMS["budget.executed"]
    grid = next(b for b in layout_for("project_selfeval").blocks if isinstance(b, spec.Grid))
    assert "本年财政拨款" in grid.rows[1].label.synonyms
    assert "绩效指标" in SECTION_LABELS


def test_join_value():
    assert join_value("≥", 95.0, "%") == "≥95%"
    assert join_value("≥", 3.0, "所") == "≥3"
    assert join_value(None, 93.5, "%") == "93.5%"
    assert join_value("定性", "达成年度指标", None) == "达成年度指标"
    assert join_value(None, None, "%") is None
    assert number_text(0.1 + 0.2) == "0.30000000000000004"


def test_cli_build_and_check(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["templates", "build", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert len(list(tmp_path.glob("*.xlsx"))) == 6  # the five forms and 整改情况反馈表
    result = runner.invoke(app, ["templates", "check", "--dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    (tmp_path / TEMPLATE_FILES[FormKind.PROJECT_GOAL]).unlink()
    result = runner.invoke(app, ["templates", "check", "--dir", str(tmp_path)])
    assert result.exit_code == 1
