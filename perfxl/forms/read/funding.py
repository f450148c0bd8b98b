"""The funding block (资金情况) found by its column and row labels, or as 'label | value' pairs, and the
money unit printed above the indicators."""

from __future__ import annotations

import re

from perfxl.forms.layout.spec import Field
from perfxl.forms.read import coerce
from perfxl.forms.read.fields import field_kind
from perfxl.forms.read.labels import GridSpec
from perfxl.forms.read.ooxml import cell_name
from perfxl.forms.read.problems import finding
from perfxl.forms.read.sheetcells import SheetCells, short

# A money unit in a note (金额单位：万元, （单位：元）) anywhere, or in brackets after a label (项目资金（元）).
_UNIT_NOTE = re.compile(r"(?:金额|资金)?单位\s*[:：]\s*(万元|千元|亿元|元)(?![\u4e00-\u9fff])")
_UNIT_BRACKET = re.compile(r"[(（]\s*(万元|千元|亿元|元)\s*[)）]")


class FundingReader:
    """The funding grids of a kind, read above the indicator table (`limit`, its header row)."""

    def __init__(self, cells: SheetCells, limit: int):
        self.cells = cells
        self.scan = cells.scan
        self.out = cells.out
        self.limit = limit

    def read(self, grid_spec: GridSpec) -> None:
        cells, limit = self.cells, self.limit
        header_row, positions = None, {}
        for r, hits in self.scan.by_row.items():
            if r >= limit or cells.in_table(r):
                continue
            found: dict[int, int] = {}
            for hit in hits:
                j = grid_spec.columns.get(hit.label)
                if j is not None and hit.value is None and j not in found:
                    found[j] = hit.col
            if len(found) >= 2 and len(found) > len(positions):
                header_row, positions = r, found
        rows_at: dict[int, tuple[int, int]] = {}
        section = grid_spec.grid.section.text
        if header_row is None:
            self._without_header(grid_spec)
            return
        first_col = min(positions.values())
        kind_spec = cells.kind_spec
        for r in range(header_row + 1, min(limit, header_row + 2 * len(grid_spec.grid.rows) + 4)):
            for hit in self.scan.by_row.get(r, ()):
                if hit.col < first_col and hit.label in grid_spec.rows and grid_spec.rows[hit.label] not in rows_at:
                    rows_at[grid_spec.rows[hit.label]] = (r, hit.col)
                    cells.used.add((r, hit.col))
            if any(hit.label in kind_spec.text or hit.label in kind_spec.sections and hit.label not in grid_spec.sections
                   for hit in self.scan.by_row.get(r, ()) if hit.col < first_col):
                break
        for hit in self.scan.by_row.get(header_row, ()):
            cells.used.add((hit.row, hit.col))
        cells.cover(header_row, header_row)
        for i, (r, _) in rows_at.items():
            for j, c in positions.items():
                cell = grid_spec.grid.rows[i].cells[j] if j < len(grid_spec.grid.rows[i].cells) else None
                if isinstance(cell, Field) and cell.path:
                    cc = self._first_filled(r, c)
                    cells.put(cell.path, r, cc, field_kind(cell.path, cell))
        if rows_at:
            self.out.found.add(section)
            self._columns_not_read(section, header_row, first_col, positions, [r for r, _ in rows_at.values()])

    def _columns_not_read(self, section: str, header_row: int, first_col: int, positions: dict[int, int],
                          rows: list[int]) -> None:
        """Funding-grid header cells that are not a known column (备注, 调整原因 …) but hold figures below."""
        cells = self.cells
        read = set()
        for c in positions.values():
            read.update(range(c, self.scan.span_end(header_row, c)[1] + 1))
        for c, text in cells.row_texts(header_row):
            if c <= first_col or c in read or (header_row, c) in cells.used:
                continue
            if any(not coerce.blank(cells.value(r, c)) for r in rows):
                where = cells.where(header_row, c)
                detail = f"“{section}”的列标题“{short(text)}”（{where}）无法识别，该列未读取"
                self.out.findings.append(finding("T004", location=where, detail=detail))

    def _first_filled(self, r: int, c: int) -> int:
        """A value under a merged header may sit in any column of the header's span."""
        _, end = self.scan.span_end(r, c)
        for cc in range(c, end + 1):
            if not coerce.blank(self.cells.value(r, cc)):
                return cc
        return c

    def _without_header(self, grid_spec: GridSpec) -> None:
        """Funding printed as 'label | value' pairs (年度资金总额 | 150; 其中：财政拨款 | 140)."""
        cells = self.cells
        default_j = next((j for j, cell in enumerate(grid_spec.grid.rows[0].cells)
                          if isinstance(cell, Field) and cell.required), 0)
        column_of: dict[int, int] = {}  # sheet column -> grid column, learnt from total labels
        found = False
        for hit in self.scan.hits:
            if hit.row >= self.limit or cells.in_table(hit.row) or hit.value is not None:
                continue
            if hit.label in grid_spec.by_label and grid_spec.by_label[hit.label][0] == 0:
                i, j = grid_spec.by_label[hit.label]
                column_of[hit.col] = j
            elif hit.label in grid_spec.rows:
                i = grid_spec.rows[hit.label]
                j = column_of.get(hit.col, default_j)
            elif hit.label in grid_spec.by_label:
                i, j = grid_spec.by_label[hit.label]
            else:
                continue
            cell = grid_spec.grid.rows[i].cells[j] if j < len(grid_spec.grid.rows[i].cells) else None
            if not isinstance(cell, Field) or not cell.path or cell.path in self.out.values \
                    and self.out.values[cell.path] is not None:
                continue
            r, c, _ = cells.right_of(hit.row, hit.col)
            cells.put(cell.path, r, c, field_kind(cell.path, cell))
            cells.used.add((hit.row, hit.col))
            found = True
        if found:
            self.out.found.add(grid_spec.grid.section.text)

    def read_currency(self) -> None:
        """The money unit printed above the indicators: in brackets after a label or header (项目资金（元）,
        全年预算数（万元）) or in a note (金额单位：万元). Amounts stay as printed; two different units are reported."""
        cells = self.cells
        found: list[tuple[int, int, str]] = []
        for r in range(min(self.limit, len(cells.rows))):
            labels = {hit.col for hit in self.scan.by_row.get(r, ())}
            for c, v in enumerate(cells.rows[r]):
                if v.__class__ is str and "元" in v and len(v) <= 40:
                    m = _UNIT_NOTE.search(v) or (_UNIT_BRACKET.search(v) if c in labels else None)
                    if m:
                        found.append((r, c, m.group(1)))
        if not found:
            return
        r, c, unit = found[0]
        self.out.values["budget.currency_unit"] = unit
        self.out.cells["budget.currency_unit"] = cells.ref(r, c)
        other = next((x for x in found if x[2] != unit), None)
        if other is not None:
            where = cells.where(other[0], other[1])
            detail = (f"金额单位不一致（{cell_name(r, c)}为“{unit}”，{cell_name(other[0], other[1])}为“{other[2]}”），"
                      f"已按“{unit}”读取金额")
            self.out.findings.append(finding("T004", location=where, detail=detail))
