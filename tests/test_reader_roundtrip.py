"""Writer → reader round trips: a filled template reads back as the form it was filled from."""

import pytest

from perfxl.domain import FormKind
from perfxl.forms.formjson import form_to_dict
from perfxl.forms.layout import layout_for
from perfxl.forms.layout.geometry import place
from perfxl.forms.read.reader import read_workbook
from perfxl.samples import generate_forms

writer = pytest.importorskip("perfxl.forms.write.writer")


@pytest.mark.parametrize("kind", list(FormKind))
@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_filled_template_reads_back(tmp_path, kind, engine):
    for i, form in enumerate(generate_forms(4, seed=31, kinds=[kind])):
        path = writer.write_form(form, tmp_path / f"{kind.value}_{i}.xlsx")
        result = read_workbook(path, engine=engine)
        assert form_to_dict(result.form) == form_to_dict(writer.as_filled(form))
        # written by openpyxl and never opened: formulas carry no cached values
        assert {f.code for f in result.findings} <= {"T006"}
        sheet = layout_for(kind).sheet
        assert all(ref.sheet == sheet and ref.cell[0].isalpha() for ref in result.form.cells.values())


def test_cells_point_at_the_template_placement(tmp_path):
    form = generate_forms(1, seed=5, kinds=[FormKind.PROJECT_SELFEVAL], indicators=12)[0]
    path = writer.write_form(form, tmp_path / "f.xlsx")
    read = read_workbook(path).form
    p = place(layout_for(form.kind), {"indicators": max(30, len(form.indicators))})
    for field_path in ("project.name", "unit.department", "budget.full_year", "budget.executed", "goals.annual"):
        assert read.cells[field_path].cell == p.cells[field_path], field_path
    table = p.table("indicators")
    assert read.cells["indicators[3].actual"].cell == table.cell("actual", table.first_row + 3)
    assert read.cells["indicators[3].score"].formula  # the template's 得分 formula
    assert read.cells["total"].cell == p.cells["total"] and read.cells["total"].formula


@pytest.mark.libreoffice
def test_recalculated_file_gives_the_figures_the_user_saw(tmp_path):
    from perfxl.forms.write.libreoffice import find_soffice, recalculate

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) not installed")
    form = generate_forms(1, seed=3, kinds=[FormKind.PROJECT_SELFEVAL])[0]
    written = writer.write_form(form, tmp_path / "in.xlsx")
    (path,) = recalculate([written], tmp_path / "out")
    result = read_workbook(path)
    read = result.form
    assert [f.code for f in result.findings] == []
    assert read.total is not None and read.cells["total"].formula.startswith("=")
    assert read.budget.rate is not None and read.budget.score is not None
    assert all(ind.score is not None for ind in read.indicators)
    assert abs(read.total - (read.budget.score + sum(ind.score for ind in read.indicators))) < 0.01
