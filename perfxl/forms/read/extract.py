"""One sheet of values → the values of one form, each section found by its labels (never by address).

Works on the hits of `labelscan.scan`: tables by their header rows (`tables`), the funding grid by its
column and row labels (`funding`), single fields by the label to their left or above (`fields`), so
inserted, deleted or blank rows, merged cells, extra columns and reworded headers do not matter.
`assemble.build_form` makes the Form.
"""

from __future__ import annotations

from perfxl.forms.read.fields import FieldReader
from perfxl.forms.read.funding import FundingReader
from perfxl.forms.read.labels import KindSpec
from perfxl.forms.read.labelscan import Scan
from perfxl.forms.read.sheetcells import Extracted, SheetCells
from perfxl.forms.read.tables import TableReader


def extract(scan: Scan, kind_spec: KindSpec, blank_run: int = 200) -> Extracted:
    """Read one sheet as one form of a known kind: tables first (their rows are not fields), then the
    funding grid above the indicators, the money unit, the single fields, and last the header rows of
    tables that were not read (reported)."""
    cells = SheetCells(scan, kind_spec)
    tables = TableReader(cells, blank_run)
    places = {}
    for name, table in kind_spec.tables.items():
        place = tables.locate_table(table)
        if place is not None:
            places[name] = place
            cells.cover(place.header_row, place.last_header_row)
    out = cells.out
    for name, place in places.items():
        tables.read_table(place, out.indicators if name == "indicators" else out.tasks, name)
        out.found.add(place.spec.table.section.text)
        out.columns[name] = set(place.cols) | ({"deviation"} if place.causes else set())
    funding = FundingReader(cells, places["indicators"].header_row if "indicators" in places else len(cells.rows))
    for grid_spec in kind_spec.grids:
        funding.read(grid_spec)
    funding.read_currency()
    FieldReader(cells).read()
    for table in kind_spec.tables.values():
        tables.report_tables_not_read(table)
    return out
