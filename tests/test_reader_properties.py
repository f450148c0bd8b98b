"""Property: where a form sits and how much air it has around it never changes what is read."""

from hypothesis import given, settings
from hypothesis import strategies as st
from test_reader import selfeval_rows

from perfxl.forms.formjson import form_to_dict
from perfxl.forms.grid import grid_from_rows
from perfxl.forms.reader import read_grid

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
