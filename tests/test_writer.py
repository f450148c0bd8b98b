"""The writer: a Form → its filled template, and back through the reader unchanged."""

import json
from dataclasses import fields, replace
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from typer.testing import CliRunner

from perfxl.cli import (
    app,
    commands,  # noqa: F401  (registers the commands)
)
from perfxl.domain import Budget, Form, FormKind, Goals, Indicator, Project, Unit
from perfxl.forms.formjson import dumps
from perfxl.forms.layout import join_value, layout_for
from perfxl.forms.layout.geometry import place
from perfxl.forms.layout.spec import BASES, META_SHEET
from perfxl.forms.read.reader import read_workbook
from perfxl.forms.write.writer import (
    MAX_TABLE_ROWS,
    FillError,
    as_filled,
    fill_workbook,
    split_value,
    write_form,
)
from perfxl.samples import generate_forms

runner = CliRunner()


def _strip(form: Form) -> Form:
    return replace(form, source=None, cells={}, raw={})


def _diff(a, b, path="") -> list[str]:
    if hasattr(a, "__dataclass_fields__") and type(a) is type(b):
        return [d for f in fields(a) for d in _diff(getattr(a, f.name), getattr(b, f.name), f"{path}.{f.name}")]
    if isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _diff(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: 写入 {a!r}，读回 {b!r}"]


def _round_trip(form: Form, path) -> list[str]:
    write_form(form, path)
    result = read_workbook(path)
    assert result.form is not None, [f.message for f in result.findings]
    assert not [f for f in result.findings if f.code != "T006"], [f.message for f in result.findings]
    return _diff(_strip(as_filled(form)), _strip(result.form))


# ------------------------------------------------------------------------------------ splitting


@pytest.mark.parametrize(("text", "op", "unit", "target", "cell", "back"), [
    ("≥95%", "≥", "%", True, 95, "≥95%"),
    ("≥3", "≥", "所", True, 3, "≥3"),
    ("≥3所", "≥", "所", True, 3, "≥3"),
    ("≤30", "≤", "天", True, 30, "≤30"),
    ("=100%", "=", "%", True, 100, "=100%"),
    ("= 0", "=", "次", True, 0, "=0"),
    ("100%", None, "%", True, 100, "100%"),
    ("95%", "≥", "%", True, 95, "≥95%"),  # the explicit 指标性质 governs anyway
    ("93.5%", None, "%", False, 93.5, "93.5%"),
    ("93.5", None, "%", False, 93.5, "93.5%"),
    ("8755", None, "人次", False, 8755, "8755"),
    ("1,200", None, "人", False, 1200, "1200"),
    ("-5", None, "万元", False, -5, "-5"),
    ("0.95", None, "%", False, 0.95, "0.95%"),  # a bare number under % is that percent (docs/dev/domain.md §3.10)
    ("≥1.2万元", "≥", "元", True, "≥1.2万元", "≥1.2万元"),  # units disagree: text, never lost
    ("≥95%", "≤", "%", True, "≥95%", "≥95%"),  # operators disagree
    ("约95%", "≥", "%", True, "约95%", "约95%"),
    ("较上年提高", None, None, True, "较上年提高", "较上年提高"),
    ("90%-95%", "≥", "%", True, "90%-95%", "90%-95%"),
    ("达成年度指标", "定性", "—", True, "达成年度指标", "达成年度指标"),
    ("—", None, "%", False, "—", "—"),
    ("2024年12月31日前", "≤", "日期", True, date(2024, 12, 31), "2024-12-31"),
    ("2024年11月20日", None, "日期", False, date(2024, 11, 20), "2024-11-20"),
    ("2024年12月31日前", "≤", None, True, "2024年12月31日前", "2024年12月31日前"),
])
def test_split_value(text, op, unit, target, cell, back):
    split = split_value(text, op, unit, with_op=target)
    assert split.cell == cell
    assert isinstance(split.cell, type(cell)) or (isinstance(cell, int) and isinstance(split.cell, float))
    assert split.text == back


def test_split_nothing():
    assert split_value(None, "≥", "%", with_op=True).cell is None
    assert split_value("  ", "≥", "%", with_op=True).cell is None


# ------------------------------------------------------------------------------------ round trip


@pytest.fixture(scope="module")
def sample_forms():
    return generate_forms(45, seed=5)


def test_round_trip_all_kinds(sample_forms, tmp_path):
    assert {f.kind for f in sample_forms} == set(FormKind)
    problems = []
    for i, form in enumerate(sample_forms):
        diff = _round_trip(form, tmp_path / f"{i}.xlsx")
        problems += [f"#{i} {form.kind.value} {d}" for d in diff]
    assert not problems, "\n".join(problems[:30])


def test_samples_round_trip_without_canonicalising(sample_forms):
    """The sample texts are already canonical: only fields a form kind has no cell for, formula fields
    and the explicit 指标性质 differ from the original."""
    for form in sample_forms:
        filled = as_filled(form)
        for before, after in zip(form.indicators, filled.indicators, strict=True):
            for key in ("target", "actual", "name", "unit", "weight"):
                if layout_for(form.kind).table().has(key) and getattr(before, key) is not None \
                        and not str(getattr(before, key)).endswith("前"):
                    value = getattr(before, key)
                    got = getattr(after, key)
                    if key == "actual" and form.kind.is_selfeval and before.unit == "日期":
                        continue
                    assert got == value, (form.kind, key, value, got)


_OPS = st.sampled_from(["≥", "≤", "=", None])
_UNITS = st.sampled_from(["%", "个", "人次", "天", "万元", "元/人"])
_NUMBERS = st.one_of(st.integers(0, 100000).map(float),
                     st.decimals(min_value=0, max_value=10000, places=2).map(float))


@st.composite
def _indicator(draw) -> Indicator:
    op, unit = draw(_OPS), draw(_UNITS)
    number = draw(_NUMBERS)
    target = join_value(op, number, unit)
    actual = draw(st.one_of(st.none(), _NUMBERS.map(lambda x: join_value(None, x, unit)),
                            st.sampled_from(["达成年度指标", "—", "较上年明显提高", "已完成"])))
    level1 = draw(st.sampled_from(["产出指标", "效益指标", "满意度指标"]))
    return Indicator(
        level1=level1, level2=draw(st.sampled_from(["数量指标", "质量指标", "社会效益指标"])),
        name=draw(st.text("指标名称数量质量率人次", min_size=1, max_size=12)),
        target=draw(st.one_of(st.just(target), st.sampled_from(["较上年提高", "达成年度指标", "约90%"]))),
        unit=unit, actual=actual, weight=draw(st.one_of(st.none(), st.integers(0, 30).map(float))),
        deviation=draw(st.one_of(st.none(), st.text(min_size=1, max_size=30))),
        basis=draw(st.one_of(st.none(), st.sampled_from(BASES))),
    )


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(indicators=st.lists(_indicator(), min_size=1, max_size=40),
       kind=st.sampled_from([FormKind.PROJECT_SELFEVAL, FormKind.DEPT_SELFEVAL, FormKind.PROJECT_GOAL]))
def test_round_trip_property(tmp_path, indicators, kind):
    form = Form(kind=kind, year=2024, unit=Unit(name="某某县教育局", code="101001", department="某某县教育局"),
                project=Project(name="校舍维修"), budget=Budget(full_year=150.0, executed=141.3, weight=10),
                goals=Goals(annual="完成3所学校校舍维修", achieved="已完成"), indicators=tuple(indicators))
    diff = _round_trip(form, tmp_path / "p.xlsx")
    assert not diff, "\n".join(diff[:20])


# ------------------------------------------------------------------------------------ details


def _selfeval(n: int) -> Form:
    return Form(kind=FormKind.PROJECT_SELFEVAL, year=2024, project=Project(name="测试项目"),
                indicators=tuple(Indicator(level1="产出指标", level2="数量指标", name=f"指标{i}", target="≥3",
                                           unit="所", actual="3", weight=1.0) for i in range(n)))


def test_more_indicators_than_the_template(tmp_path):
    form = _selfeval(47)
    wb, p = fill_workbook(form)
    t = p.table()
    assert t.nrows == 47
    ws = wb["自评表"]
    assert ws[t.cell("name", t.last_row)].value == "指标46"
    assert ws[t.cell("score", t.last_row)].value.startswith("=IF(")
    assert ws[t.cell("level1", t.total_row)].value == "总分"
    assert not _round_trip(form, tmp_path / "47.xlsx")


def test_too_many_rows_refused():
    with pytest.raises(FillError, match="超过模板上限"):
        fill_workbook(_selfeval(MAX_TABLE_ROWS + 1))


def test_text_never_becomes_a_formula(tmp_path):
    form = replace(_selfeval(1), project=Project(name="=HYPERLINK(\"http://x\")"),
                   indicators=(Indicator(name="=1+1", target="=100%", unit="%", actual="=SUM(A1)", weight=5.0),))
    path = write_form(form, tmp_path / "f.xlsx")
    ws = load_workbook(path)["自评表"]
    p = place(layout_for(form.kind))
    t = p.table()
    assert ws[p.cells["project.name"]].data_type == "s"
    assert ws[t.cell("name", t.first_row)].data_type == "s"
    assert ws[t.cell("actual", t.first_row)].data_type == "s"
    assert ws[t.cell("target", t.first_row)].value == 100  # "=100%" is an equality target, split
    assert ws[t.cell("direction", t.first_row)].value == "="


def test_unknown_extra_kept_in_metadata(tmp_path):
    form = replace(_selfeval(1), extra={"budget_fiscal_initial": 12.5, "评价结论": "良好"})
    path = write_form(form, tmp_path / "e.xlsx")
    wb = load_workbook(path)
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    assert json.loads(meta["extra"]) == {"评价结论": "良好"}
    p = place(layout_for(form.kind))
    assert wb["自评表"][p.cells["extra.budget_fiscal_initial"]].value == 12.5


def test_atomic_write(tmp_path):
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    write_form(_selfeval(2), target)
    assert load_workbook(target)["自评表"]["A1"].value == "项目支出绩效自评表"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_monitor_date_and_goal_midterm(tmp_path):
    forms = generate_forms(9, seed=3)
    monitor = next(f for f in forms if f.kind is FormKind.PROJECT_MONITOR)
    wb, p = fill_workbook(monitor)
    cell = wb["监控表"][p.cells["budget.as_of"]]
    assert cell.value.isoformat()[:10] == monitor.budget.as_of
    goal = next(f for f in forms if f.kind is FormKind.PROJECT_GOAL)
    wb, p = fill_workbook(goal)
    t = p.table()
    first = goal.indicators[0]
    assert wb["申报表"][t.cell("midterm_target", t.first_row)].value is not None
    assert wb["申报表"][t.cell("direction", t.first_row)].value in ("≥", "≤", "=", "定性")
    assert first.midterm_target


def test_cli_fill(tmp_path):
    forms = generate_forms(3, seed=9)
    one = tmp_path / "one.json"
    one.write_text(dumps(forms[0]), encoding="utf-8")
    out = tmp_path / "one.xlsx"
    result = runner.invoke(app, ["fill", str(one), "--out", str(out), "--no-recalc"])
    assert result.exit_code == 0, result.output
    assert read_workbook(out).form.project.name == forms[0].project.name
    many = tmp_path / "many.json"
    many.write_text(dumps(forms), encoding="utf-8")
    result = runner.invoke(app, ["fill", str(many), "--out", str(tmp_path / "dir"), "--no-recalc"])
    assert result.exit_code == 0, result.output
    assert len(list((tmp_path / "dir").glob("*.xlsx"))) == 3
    result = runner.invoke(app, ["fill", str(many), "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert runner.invoke(app, ["fill", str(bad), "--out", str(out)]).exit_code == 2


def test_typed_scores_keep_the_units_own_figures(tmp_path):
    """With typed_scores the form's own 得分/执行率/总分 replace the formulas, so planted faults survive a fill."""
    from perfxl import api
    from perfxl.domain import FormKind
    from perfxl.forms.write.writer import write_form
    from perfxl.samples import generate

    sample = next(s for s in generate(80, seed=13, kinds=[FormKind.PROJECT_SELFEVAL])
                  if any(f == "wrong_total" for f, _ in s.faults))
    path = write_form(sample.form, tmp_path / "typed.xlsx", typed_scores=True)
    checked = api.check_file(path)
    form = checked.report.form
    assert form.total == sample.form.total
    assert [i.score for i in form.indicators] == [i.score for i in sample.form.indicators]
    assert "S202" in {f.code for f in checked.findings}


def test_deadline_with_its_year_gets_the_date_unit():
    """A deadline target with its year and no 计量单位 ("2019年") is written as a date in a "日期" row, so the
    template formulas compare dates as the engine does."""
    from perfxl.domain import Indicator
    from perfxl.forms.write.writer import row_unit

    assert row_unit(Indicator(name="完成时限", target="2019年", actual="2020年")) == "日期"
    assert row_unit(Indicator(name="完成时限", target="12月底前", actual="11月")) is None  # no year: text
    assert row_unit(Indicator(name="数量", target="≥3所", actual="3")) == "所"
