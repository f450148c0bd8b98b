"""Properties: where a form sits and how much air it has around it never changes what is read; odd
cell values (errors, impossible numbers) anywhere a figure is read never raise and are always reported."""

from hypothesis import given, settings
from hypothesis import strategies as st
from test_reader import selfeval_rows

from perfxl.domain.vocabulary import MAX_MAGNITUDE
from perfxl.forms.formjson import form_to_dict
from perfxl.forms.read.grid import grid_from_rows
from perfxl.forms.read.reader import read_grid

BASE = form_to_dict(read_grid(grid_from_rows({"自评表": selfeval_rows()})).form)


@settings(max_examples=60, deadline=None)
@given(
    offset=st.integers(0, 5),
    top=st.integers(0, 3),
    gaps=st.lists(st.integers(0, 3), min_size=len(selfeval_rows()), max_size=len(selfeval_rows())),
    spaces=st.booleans(),
)
def test_blank_rows_offsets_and_spacing_do_not_matter(offset, top, gaps, spaces):
    rows: list[list] = [[] for _ in range(top)]
    for i, row in enumerate(selfeval_rows()):
        if i >= 2:  # keep the title and subtitle on top (the year is read above the first label)
            rows.extend([] for _ in range(gaps[i]))
        cells = [f" {v} " if spaces and isinstance(v, str) and len(v) < 10 else v for v in row]
        rows.append([None] * offset + cells)
    result = read_grid(grid_from_rows({"自评表": rows}))
    assert form_to_dict(result.form) == BASE
    assert [f.code for f in result.findings] == []


EDGE = [1e308, -1e308, float("inf"), float("-inf"), float("nan"), -0.0, 1e-320, 123456789012345, 10**20,
        "#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", True, ""]
# Cells of the base form read as a number or a value: (row, col), 0-based — the funding row, the
# indicators' 年度指标值 | 实际完成值 | 分值 | 得分, the total.
READ = [(5, c) for c in range(2, 8)] + [(r, c) for r in (9, 10, 11) for c in range(4, 8)] + [(12, 7)]


def _odd(value) -> bool:
    if isinstance(value, str):
        return bool(value)
    if isinstance(value, bool):
        return False
    return value != 0 and not 1e-300 < abs(value) < MAX_MAGNITUDE  # NaN compares false: odd too


@settings(max_examples=80, deadline=None)
@given(st.dictionaries(st.sampled_from(READ), st.sampled_from(EDGE), min_size=1, max_size=10))
def test_edge_values_in_read_cells_never_raise_and_are_reported_at_their_cell(cells):
    from perfxl import api

    rows = [list(r) + [None] * (9 - len(r)) for r in selfeval_rows()]
    for (r, c), value in cells.items():
        rows[r][c] = value
    result = read_grid(grid_from_rows({"自评表": rows}))
    form = result.form
    api.check(form)  # scoring and every rule run to the end
    reported = {f.location for f in result.findings if f.code == "T016"} | {form.where(p) for p in form.raw}
    for (r, c), value in cells.items():
        if _odd(value):
            assert f"自评表!{'ABCDEFGHI'[c]}{r + 1}" in reported, value
