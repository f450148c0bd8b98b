"""Single fields of a form (单位名称, 项目负责人, goal texts, boxes) found by the label to their left or above."""

from __future__ import annotations

from perfxl.domain import Budget
from perfxl.forms.layout.spec import Field, TextBlock
from perfxl.forms.read import coerce
from perfxl.forms.read.labels import norms
from perfxl.forms.read.labelscan import Hit
from perfxl.forms.read.sheetcells import SheetCells

CURRENCY = {"万元": "万元", "元": "元", "千元": "千元", "亿元": "亿元"}
_NUMERIC_BUDGET = frozenset(f for f in Budget.__dataclass_fields__ if f not in ("currency_unit", "rate", "as_of"))


class FieldReader:
    """Every label hit not consumed by a table or the funding grid, read as the field it names."""

    def __init__(self, cells: SheetCells):
        self.cells = cells
        self.scan = cells.scan
        self.kind_spec = cells.kind_spec
        self.out = cells.out

    def read(self) -> None:
        cells, kind_spec = self.cells, self.kind_spec
        for hit in self.scan.hits:
            if (hit.row, hit.col) in cells.used or cells.in_table(hit.row) and not (
                    hit.row in cells.total_rows and hit.label in kind_spec.boxes):
                continue
            if hit.value is not None:
                self._colon_field(hit)
                continue
            path = kind_spec.header.get(hit.label)
            if path is not None:
                if self.out.values.get(path) is None:
                    r, c, found = self.field_cell(hit)
                    if not found and cells.is_label(r, c):
                        self.anchor(path, hit)
                    elif path == "unit.name" and coerce.to_text(cells.value(r, c)) in CURRENCY:
                        self.out.values.setdefault("budget.currency_unit", CURRENCY[coerce.to_text(cells.value(r, c))])
                    else:
                        cells.put(path, r, c, field_kind(path))
                continue
            path = kind_spec.text.get(hit.label)
            key = kind_spec.boxes.get(hit.label)
            if path is None and key is None:
                continue
            target = path or f"extra.{key}"
            if self.out.values.get(target) is not None:
                continue
            r, c, found = cells.right_of(hit.row, hit.col)
            if not found:
                r, c, found = self.below(hit.row, hit.col)
            if found:
                cells.put(target, r, c)
            else:
                self.anchor(target, hit)
            if path is not None:
                for block in kind_spec.layout.blocks:
                    if isinstance(block, TextBlock) and any(f.path == path for f in block.fields):
                        self.out.found.add(block.section.text)
        self._section_texts()

    def anchor(self, path: str, hit: Hit) -> None:
        """Where a blank text field should be typed: below its label, else right of it (never a label)."""
        if self.out.cells.get(path) is not None:
            return
        cells = self.cells
        last_row, end = self.scan.span_end(hit.row, hit.col)
        for r, c in ((last_row + 1, hit.col), (hit.row, end + 1)):
            if r < len(cells.rows) and not cells.is_label(r, c):
                self.out.cells[path] = cells.ref(r, c)
                self.out.values.setdefault(path, None)
                return

    def below(self, r: int, c: int, depth: int = 4) -> tuple[int, int, bool]:
        """The first non-blank cell below the label at (r, c), within its columns, before another label."""
        cells = self.cells
        last_row, end = self.scan.span_end(r, c)
        for rr in range(last_row + 1, min(last_row + 1 + depth, len(cells.rows))):
            for cc in range(c, end + 1):
                v = cells.value(rr, cc)
                if coerce.blank(v):
                    continue
                if cells.is_label(rr, cc):
                    return last_row + 1, c, False
                return rr, cc, True
        return last_row + 1, c, False

    def field_cell(self, hit: Hit) -> tuple[int, int, bool]:
        """Where a one-line field's value is: right of its label, else under it when the labels of a
        row stand above their values (主管部门 | 实施单位 over 某局 | 某中心); (r, c, found)."""
        r, c, found = self.cells.right_of(hit.row, hit.col)
        if not found:
            rr, cc, below = self.below(hit.row, hit.col, 2)
            if below and not self.cells.in_table(rr):
                return rr, cc, True
        return r, c, found

    def _section_texts(self) -> None:
        """A goal block printed as one box ('年度总体目标 | text', no 预期目标/年度目标 sub-labels):
        the text beside the section label is the block's main (first required) field."""
        for block in self.kind_spec.layout.blocks:
            if not isinstance(block, TextBlock) or block.section.text in self.out.found:
                continue
            labels = tuple(norms(block.section.labels))  # also matches longer titles: 年度总体目标
            for hit in self.scan.hits:
                if hit.label.endswith(labels) and hit.value is None and not self.cells.in_table(hit.row):
                    r, c, found = self.cells.right_of(hit.row, hit.col)
                    if found:
                        first = next((f for f in block.fields if f.required), block.fields[0])
                        self.cells.put(first.path, r, c)
                        self.out.found.add(block.section.text)
                        break

    def _colon_field(self, hit: Hit) -> None:
        if hit.value in CURRENCY and hit.label == "单位":
            self.out.values.setdefault("budget.currency_unit", CURRENCY[hit.value])
            return
        kind_spec = self.kind_spec
        path = kind_spec.header.get(hit.label) or kind_spec.text.get(hit.label)
        if path is None and hit.label in kind_spec.boxes:
            path = f"extra.{kind_spec.boxes[hit.label]}"
        if path is None or self.out.values.get(path) is not None:
            return
        if hit.value is None:
            r, c, found = self.field_cell(hit)
            if not found and self.cells.is_label(r, c):
                self.anchor(path, hit)
            else:
                self.cells.put(path, r, c, field_kind(path))
            return
        self.out.cells[path] = self.cells.ref(hit.row, hit.col)
        kind = field_kind(path)
        if kind == "number":
            number, raw = coerce.to_number(hit.value)
            self.out.values[path] = number
            if raw is not None:
                self.out.raw[path] = raw
        elif kind == "date":
            self.out.values[path] = coerce.to_iso_date(hit.value)
        else:
            self.out.values[path] = hit.value


def field_kind(path: str, fld: Field | None = None) -> str:
    """How a field's cell is read: "number", "rate", "date" or "text"."""
    if path == "budget.rate":
        return "rate"
    if path == "budget.as_of":
        return "date"
    if path == "total" or (path.startswith("budget.") and path[7:] in _NUMERIC_BUDGET):
        return "number"
    if path.startswith("extra.") and fld is not None and fld.number:
        return "number"
    return "text"
