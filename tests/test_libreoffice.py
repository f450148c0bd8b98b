"""LibreOffice checks: templates and filled forms convert to PDF, and after LibreOffice recalculates a
filled workbook, every 得分 and the 总分 equal the engine's (perfxl.scoring) — for 200+ generated forms
and hand-made forms that exercise every rule (≥ ≤ = 定性, deadlines, not applicable, 满意度 moved).

All files of a test go through one soffice start (`perfxl.forms.write.libreoffice.convert`)."""

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string
from openpyxl.utils.cell import coordinate_from_string
from python_calamine import CalamineWorkbook

from perfxl.domain import Budget, Form, FormKind, Goals, Indicator, Project, Unit
from perfxl.forms.layout import layout_for
from perfxl.forms.layout.formulas import PENDING
from perfxl.forms.layout.geometry import place
from perfxl.forms.write.libreoffice import INSTALL_HINT, convert, find_soffice, recalculate
from perfxl.forms.write.template import build_templates
from perfxl.forms.write.writer import fill_workbook, write_form
from perfxl.samples import generate_forms
from perfxl.scoring import score_form

pytestmark = [
    pytest.mark.libreoffice,
    pytest.mark.skipif(find_soffice() is None, reason=INSTALL_HINT),
]
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "Err:")


def _no_errors(path: Path) -> None:
    wb = load_workbook(path, data_only=True)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(ERRORS):
                    raise AssertionError(f"{path.name} {ws.title}!{cell.coordinate} = {cell.value}")


def _is_pdf(path: Path) -> bool:
    return path.stat().st_size > 1000 and path.read_bytes()[:5] == b"%PDF-"


def test_templates_convert_to_pdf_and_calculate(tmp_path):
    templates = build_templates(tmp_path / "xlsx")
    for pdf in convert(templates, tmp_path / "pdf"):
        assert _is_pdf(pdf), pdf
    for path in recalculate(templates, tmp_path / "calc"):
        _no_errors(path)


def test_filled_samples_convert_to_pdf(tmp_path):
    forms = generate_forms(10, seed=13)
    assert {f.kind for f in forms} == set(FormKind)
    paths = [write_form(f, tmp_path / "xlsx" / f"{i:02d}_{f.kind.value}.xlsx") for i, f in enumerate(forms)]
    for pdf in convert(paths, tmp_path / "pdf"):
        assert _is_pdf(pdf), pdf


# --------------------------------------------------------------------------------- formulas = engine


def _ind(level1: str, name: str, target: str | None, actual: str | None, weight: float | None, unit: str | None = None,
         direction: str | None = None, adjusted: str | None = None) -> Indicator:
    level2 = {"产出指标": "数量指标", "效益指标": "社会效益指标", "满意度指标": "服务对象满意度指标"}[level1]
    return Indicator(level1=level1, level2=level2, name=name, target=target, actual=actual, weight=weight,
                     unit=unit, direction=direction, adjusted_target=adjusted)


def _form(indicators, kind=FormKind.PROJECT_SELFEVAL, budget=None) -> Form:
    return Form(kind=kind, year=2024, unit=Unit(name="测试单位"), project=Project(name="测试项目"),
                budget=budget or Budget(full_year=100.0, executed=95.0, weight=10.0),
                goals=Goals(annual="目标", achieved="完成"), indicators=tuple(indicators))


def edge_forms() -> list[Form]:
    """Forms that exercise every branch of the template formulas."""
    P, E, S = "产出指标", "效益指标", "满意度指标"
    return [
        _form([  # positive, reverse, equality, qualitative bands, phrases, blanks, text
            _ind(P, "正向达标", "≥95%", "96%", 10, "%"), _ind(P, "正向未达标", "≥95%", "76%", 10, "%"),
            _ind(P, "负实际值", "≥3", "-2", 5, "所"), _ind(P, "反向超标", "≤30", "45", 10, "天"),
            _ind(P, "反向达标", "≤30", "20", 5, "天"), _ind(P, "等于零达标", "=0", "0", 5, "次"),
            _ind(P, "等于零未达标", "=0", "2", 5, "次"), _ind(E, "等于正数", "=100%", "98%", 10, "%"),
            _ind(E, "定性部分达成", "达成年度指标", "部分达成年度指标并具有一定效果", 5, "—", "定性"),
            _ind(E, "定性未达成", "达成年度指标", "未达成年度指标且效果较差", 5, "—", "定性"),
            _ind(E, "定性已完成", "达成年度指标", "已完成", 5, "—", "定性"),
            _ind(E, "未填实际值", "≥10", None, 5, "个"),
            _ind(S, "文字目标", "较上年提高", "提高", 5, "%"), _ind(S, "无运算符", "90%", "85%", 5, "%"),
        ], budget=Budget(full_year=100.0, executed=120.0, weight=10.0)),
        _form([  # not applicable rows rescaled within the 一级; a 一级 entirely not applicable
            _ind(P, "适用1", "≥10", "10", 20, "个"), _ind(P, "不适用1", "≥5", "—", 15, "个"),
            _ind(P, "适用2", "≥95%", "90%", 15, "%"), _ind(E, "不适用2", "≥80%", "/", 15, "%"),
            _ind(E, "不适用3", "不适用", "5", 15, "%"), _ind(S, "满意度", "≥90%", "92%", 10, "%"),
        ], budget=Budget(full_year=None, executed=10.0, weight=10.0)),
        _form([  # no 满意度 indicator and weights summing to 80: its 10 points move in proportion
            _ind(P, "数量", "≥100", "90", 30, "人"), _ind(P, "质量", "≥95%", "99%", 20, "%"),
            _ind(E, "效益", "≥80%", "70%", 30, "%"),
        ], budget=Budget(full_year=50.0, executed=45.0)),
        _form([  # deadlines: met and late
            _ind(P, "按期完成", "2024年12月31日前", "2024年11月20日", 25, "日期"),
            _ind(P, "逾期完成", "2024年6月30日前", "2024年7月15日", 25, "日期"),
            _ind(E, "效益", "≥80%", "85%", 30, "%"), _ind(S, "满意度", "≥90%", "91%", 10, "%"),
        ], budget=Budget(full_year=0.0, executed=0.0, weight=10.0)),
        _form([  # department form: the adjusted target wins
            _ind(P, "调整后", "≥100", "90", 40, "项", adjusted="≥90"),
            _ind(P, "未调整", "≥100", "90", 20, "项"),
            _ind(E, "效益", "≥80%", "70%", 30, "%"), _ind(S, "满意度", "≥90%", "95%", 10, "%"),
        ], kind=FormKind.DEPT_SELFEVAL, budget=Budget(initial=90.0, full_year=100.0, executed=99.0, weight=10.0)),
    ]


def messy_forms() -> list[Form]:
    """Values as people type them (issue: text in 实际完成值, operators typed with the target, targets in words,
    budgets above or without amounts): the template computes what the engine does or shows 待核."""
    P, E, S = "产出指标", "效益指标", "满意度指标"
    return [
        _form([
            _ind(P, "道路长度", "≥250", "≥266米", 20, "米"), _ind(P, "服务人数", "≥5000", "5200人", 10, "人"),
            _ind(P, "办结时限", "≤30天", "28天", 10, "天"), _ind(P, "覆盖人数", "≥10000", "1.2万", 10, "人"),
            _ind(E, "环境改善", "明显改善", "明显改善", 10), _ind(E, "机制建立", "有效", "已完成", 10),
            _ind(E, "带动就业", "≥20人", "约25人", 10, "人"), _ind(S, "满意度", "≥90%", "95%", 10, "%"),
        ], budget=Budget(full_year=100.0, executed=120.0, weight=10.0)),
        _form([  # budget amounts missing, only the rate given; a 定性 row described in words
            _ind(P, "培训人次", "≥300", "320", 40, "人次"), _ind(E, "群众获得感", "显著提升", "部分达成", 20, "—", "定性"),
            _ind(E, "水质", "达到国家二级标准", "达到国家二级标准", 20, "—", "定性"),
            _ind(S, "满意度", "≥85%", "0.9", 10, "%"),
        ], budget=Budget(full_year=None, executed=None, rate="95%", weight=10.0)),
        _form([  # weights total 80 (no 满意度), one row without 分值
            _ind(P, "数量", "≥100", "120", 40, "个"), _ind(E, "效益", "≥80%", "85%", 40, "%"),
            _ind(E, "无分值", "≥1", "1", None, "项"),
        ], budget=Budget(full_year=50.0, executed=49.0)),
    ]


def _unscored(form: Form) -> Form:
    """The template has no self-score input: the engine scores qualitative rows at the band's upper edge."""
    return replace(form, indicators=tuple(replace(i, score=None) for i in form.indicators))


class _Values:
    """Cached values of one sheet, read with python-calamine (fast); blank cells are None."""

    def __init__(self, path: Path, sheet: str):
        self.rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)

    def __getitem__(self, ref: str):
        col, row = coordinate_from_string(ref)
        try:
            value = self.rows[row - 1][column_index_from_string(col) - 1]
        except IndexError:
            return None
        return None if value == "" else value


def _check(form: Form, path: Path, pack=None) -> list[str]:
    layout = layout_for(form.kind)
    p = place(layout, {"indicators": max(30, len(form.indicators))})
    ws = _Values(path, layout.sheet)
    t = p.table()
    expected = score_form(_unscored(form), pack)
    problems = []

    def differs(cell_value, engine) -> bool:
        if cell_value == PENDING:  # the template says it cannot compute: never a smaller number without a word
            return False
        if engine is None:
            return cell_value not in (None, "", "—")
        return not isinstance(cell_value, int | float) or abs(cell_value - engine) > 1e-6

    for i, item in enumerate(expected.indicators):
        got = ws[t.cell("score", t.first_row + i)]
        if differs(got, item.score):
            ind = form.indicators[i]
            problems.append(f"{path.name} 第{i + 1}行 {ind.name}（{ind.target} / {ind.actual}）："
                            f"表格 {got!r}，引擎 {item.score!r}（{item.explain}）")
    if differs(ws[p.cells["budget.score"]], expected.budget.score):
        problems.append(f"{path.name} 预算执行得分：表格 {ws[p.cells['budget.score']]!r}，"
                        f"引擎 {expected.budget.score!r}")
    total = ws[p.cells["total"]]
    if differs(total, expected.total) or (not expected.complete and total != PENDING):
        problems.append(f"{path.name} 总分：表格 {total!r}，引擎 {expected.total!r}"
                        f"{'' if expected.complete else '（引擎：不完整）'}")
    return problems


def test_formulas_match_the_engine(tmp_path):
    forms = generate_forms(200, seed=2024, kinds=[FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL])
    forms += edge_forms() + messy_forms()
    src = tmp_path / "filled"
    jobs = min(4, os.cpu_count() or 1)
    with ProcessPoolExecutor(jobs) as pool:
        paths = list(pool.map(write_form, forms, [src / f"{i:03d}.xlsx" for i in range(len(forms))], chunksize=8))
    done = recalculate(paths, tmp_path / "calc", jobs=jobs)
    problems = []
    for form, path in zip(forms, done, strict=True):
        problems += _check(form, path)
    assert not problems, f"{len(problems)} 处不一致：\n" + "\n".join(problems[:30])
    for path in done[-len(edge_forms()) - len(messy_forms()):]:
        _no_errors(path)


def test_percent_typed_as_a_fraction(tmp_path):
    """A user typing 93.5% in Excel stores 0.935 with a percent format: the formulas read it as 93.5 (the reader
    reads such a cell as "93.5%"); a bare number in a "%" row is that percent (docs/dev/domain.md §3.10)."""
    form = _form([_ind("产出指标", "合格率", "≥95%", "93.5%", 50, "%"),
                  _ind("效益指标", "知晓率", "≥0.85", "0.9", 40, "%")])
    wb, p = fill_workbook(form)
    t = p.table()
    ws = wb[layout_for(form.kind).sheet]
    ws[t.cell("actual", t.first_row)] = 0.935
    ws[t.cell("actual", t.first_row)].number_format = "0.0%"
    ws[t.cell("target", t.first_row + 1)] = 0.85
    ws[t.cell("target", t.first_row + 1)].number_format = "0%"
    ws[t.cell("actual", t.first_row + 1)] = 90
    wb.save(tmp_path / "pct.xlsx")
    [done] = recalculate([tmp_path / "pct.xlsx"], tmp_path / "calc")
    calc = load_workbook(done, data_only=True)[layout_for(form.kind).sheet]
    assert calc[t.cell("score", t.first_row)].value == pytest.approx(50 * 93.5 / 95)
    assert calc[t.cell("score", t.first_row + 1)].value == pytest.approx(40)
    ws[t.cell("actual", t.first_row + 1)] = 0.9  # a bare 0.9 under "%" is 0.9%
    wb.save(tmp_path / "bare.xlsx")
    [done] = recalculate([tmp_path / "bare.xlsx"], tmp_path / "calc")
    assert load_workbook(done, data_only=True)[layout_for(form.kind).sheet][
        t.cell("score", t.first_row + 1)].value == pytest.approx(40 * 0.9 / 85)


REGIONAL_PACK = """
[scoring]
reverse_variant = "linear"
equality_overshoot = true
over_completion_deduction = 0.5
rescale_not_applicable = false

[scoring.qualitative]
full = [0.8, 1.0]
partial = [0.6, 0.8]
fail = [0.0, 0.6]
default_point = "middle"

[weights.missing_satisfaction]
mode = "fixed"
"""


def test_formulas_follow_a_regional_rule_pack(tmp_path):
    """Templates built for a rule pack implement its variants: linear reverse scoring, equality overshoot,
    over-completion deduction, no rescaling, fixed 满意度 shares, other qualitative bands."""
    from perfxl.config import load_pack

    (tmp_path / "perfxl.toml").write_text(REGIONAL_PACK, encoding="utf-8")
    pack = load_pack(tmp_path / "perfxl.toml")
    P, E = "产出指标", "效益指标"
    forms = edge_forms() + [
        _form([_ind(P, "超额", "≥100", "160", 30, "人"), _ind(P, "反向超额", "≤30", "10", 20, "天"),
               _ind(E, "等于超出", "=100", "110", 20, "个"), _ind(E, "反向线性", "≤30", "50", 10, "天")]),
    ] + generate_forms(20, seed=99, kinds=[FormKind.PROJECT_SELFEVAL])
    paths = [write_form(f, tmp_path / "filled" / f"{i:03d}.xlsx", pack=pack) for i, f in enumerate(forms)]
    done = recalculate(paths, tmp_path / "calc")
    problems = []
    for form, path in zip(forms, done, strict=True):
        problems += _check(form, path, pack)
    assert not problems, f"{len(problems)} 处不一致：\n" + "\n".join(problems[:30])


def test_operators_typed_with_the_target(tmp_path):
    """G112 advises "≥5000": typed into 年度指标值 (指标性质 left blank) or with the unit ("≤30天"), the row scores
    as the engine scores the same text, never blank."""
    form = _form([_ind("产出指标", "服务人数", "≥5000", "4800", 30, "人"), _ind("产出指标", "办结时限", "≤30天", "36", 30, "天"),
                  _ind("效益指标", "达标率", "≥95%", "96", 30, "%")])
    wb, p = fill_workbook(form)
    t = p.table()
    ws = wb[layout_for(form.kind).sheet]
    for i, ind in enumerate(form.indicators):
        ws[t.cell("direction", t.first_row + i)] = None
        ws[t.cell("target", t.first_row + i)] = ind.target
    wb.save(tmp_path / "typed.xlsx")
    [done] = recalculate([tmp_path / "typed.xlsx"], tmp_path / "calc")
    assert not _check(form, done)
    scores = [_Values(done, layout_for(form.kind).sheet)[t.cell("score", t.first_row + i)] for i in range(3)]
    assert all(isinstance(s, float) for s in scores), scores


def test_cli_fill_recalculates_by_default(tmp_path):
    """A workbook `perfxl fill` just wrote validates without T006 (formulas without results): fill recalculates
    with LibreOffice by default, and the 得分 the unit sees are the engine's."""
    from typer.testing import CliRunner

    from perfxl import api
    from perfxl.cli import app, commands  # noqa: F401  (registers the commands)
    from perfxl.forms.formjson import dumps

    form = messy_forms()[0]
    src = tmp_path / "form.json"
    src.write_text(dumps(form), encoding="utf-8")
    out = tmp_path / "自评表.xlsx"
    result = CliRunner().invoke(app, ["fill", str(src), "--out", str(out)])
    assert result.exit_code == 0, result.output
    checked = api.check_file(out)
    codes = {f.code for f in checked.findings}
    assert not codes & {"T006", "S215", "B109"}, sorted(codes)
    assert not _check(form, out)



PUBLISHED = Path(__file__).parent / "data" / "published"


def test_formulas_match_the_engine_on_published_forms(tmp_path):
    """Real published self-evaluation tables (typos, operators in value cells, targets in words, missing
    weights and budgets) filled into the templates: every 得分 and 总分 equals the engine's or shows 待核."""
    from perfxl.forms.formjson import load_json

    forms = [form for path in sorted(PUBLISHED.glob("*.json")) for form in load_json(path)
             if form.kind in (FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL)]
    assert len(forms) >= 10
    paths = [write_form(f, tmp_path / "filled" / f"{i:03d}.xlsx") for i, f in enumerate(forms)]
    done = recalculate(paths, tmp_path / "calc")
    problems = []
    for form, path in zip(forms, done, strict=True):
        problems += _check(form, path)
        _no_errors(path)
    assert not problems, f"{len(problems)} 处不一致：\n" + "\n".join(problems[:30])
