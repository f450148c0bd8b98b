"""The sheet the table, funding and field readers share: its cells, the labels they have consumed, and
what they have read so far (`Extracted`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from perfxl.domain import Finding
from perfxl.domain.vocabulary import MAX_MAGNITUDE_TEXT
from perfxl.forms.read import coerce
from perfxl.forms.read.labels import KindSpec, any_label, norm, printed
from perfxl.forms.read.labelscan import MAX_LABEL, Scan
from perfxl.forms.read.ooxml import Formulas, cell_name, parse_ref
from perfxl.forms.read.problems import finding


@dataclass(slots=True)
class TableCells:
    """Where a table's items were read, compactly: item i's `key` is cell `columns[key] + rows[i]`.
    (A 30-row table has hundreds of cell paths; `assemble.CellMap` spells out the ones asked for.)"""

    name: str  # "indicators" / "tasks"
    columns: dict[str, str]  # column key -> column letters
    rows: list[str] = field(default_factory=list)  # sheet row number ("15") of each item
    formulas: dict[str, str] = field(default_factory=dict)  # cell name -> formula, for formula cells only

    def locate(self, index: int, key: str) -> tuple[str, str | None] | None:
        letters = self.columns.get(key)
        if letters is None or not 0 <= index < len(self.rows):
            return None
        cell = letters + self.rows[index]
        return cell, self.formulas.get(cell)


@dataclass(slots=True)
class Extracted:
    values: dict[str, object] = field(default_factory=dict)  # field path -> Form value
    cells: dict[str, tuple[str, str | None]] = field(default_factory=dict)  # path -> (cell, formula), fields
    tables: list[TableCells] = field(default_factory=list)  # … and where table items were read
    raw: dict[str, str] = field(default_factory=dict)
    indicators: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    found: set[str] = field(default_factory=set)  # blocks located: section label text
    columns: dict[str, set[str]] = field(default_factory=dict)  # table name -> column keys found


class SheetCells:
    """One sheet read as one form of a known kind: cell look-ups, and the state the readers share."""

    def __init__(self, scan: Scan, kind_spec: KindSpec):
        self.scan = scan
        self.kind_spec = kind_spec
        self.sheet = scan.sheet
        self.rows = scan.sheet.rows
        self.out = Extracted()
        self.used: set[tuple[int, int]] = set()  # label cells consumed by tables and grids
        self.table_rows: set[int] = set()  # rows covered by tables and grid headers
        self.total_rows: set[int] = set()  # … of which the tables' total rows (they may carry a box)
        self._printed = printed()
        self._seen = scan.norms
        self._labels = any_label()
        self._percent_cells = None
        formulas = scan.sheet.formulas
        if isinstance(formulas, Formulas):  # looks up by cell name, decodes lazily
            self._formula, self.formula_cells = formulas.text, formulas.names
            self.formula_texts = formulas.texts
        else:
            self._formula = lambda name: formulas.get(parse_ref(name))
            self.formula_cells = {cell_name(r, c) for r, c in formulas}
            self.formula_texts = lambda names: {name: self._formula(name) for name in names}

    def norm(self, text: str) -> str:
        """`labels.norm`, looked up first among the texts the label pass saw."""
        return self._seen.get(text) or self._printed.get(text) or norm(text)

    def value(self, r: int, c: int):
        if 0 <= r < len(self.rows):
            row = self.rows[r]
            if 0 <= c < len(row):
                return row[c]
        return None

    def ref(self, r: int, c: int) -> tuple[str, str | None]:
        """(cell name, formula) of a cell; CellMap turns it into a CellRef when asked."""
        name = cell_name(r, c)
        return name, self._formula(name) if name in self.formula_cells else None

    def where(self, r: int, c: int) -> str:
        """`Sheet!A1` of a cell, as findings name it."""
        return f"{self.sheet.name}!{cell_name(r, c)}"

    def percent(self, r: int, c: int, value, unit: str | None = None) -> bool:
        """Whether the cell's number format shows this number as a percentage (0.95 → "95%"): the one
        place the reader decides it. A plain number is never a fraction (0.9 stays "0.9"; under a
        计量单位 "%" it is 0.9%). The format is looked up only for numbers that could be shown as one
        (|v| ≤ 10) where the unit allows a percentage."""
        return ((value.__class__ is float or value.__class__ is int) and -10 <= value <= 10
                and unit in (None, "%") and (r, c) in self._percent())

    def _percent(self):
        if self._percent_cells is None:
            self._percent_cells = self.sheet.percent
        return self._percent_cells

    def odd_cell(self, r: int, c: int, value) -> None:
        """An error value (#DIV/0!) or an impossible number (1E+308, NaN) read as text: a finding at the
        cell (number fields report theirs through Form.raw instead)."""
        if value.__class__ is str:
            text, why = value.strip(), "是 Excel 错误值，公式无法计算"
        else:
            text, why = coerce.odd_number(value), f"超出可用的数值范围（绝对值应小于{MAX_MAGNITUDE_TEXT}）"
        where = self.where(r, c)
        self.out.findings.append(finding("T016", location=where, text=text, cell=where, why=why))

    def is_label(self, r: int, c: int) -> bool:
        v = self.value(r, c)
        return type(v) is str and len(v) <= MAX_LABEL and self.norm(v) in self._labels

    def put(self, path: str, r: int, c: int, kind: str = "text") -> None:
        """Read cell (r, c) into `path` as text / number / rate / date, recording where it came from."""
        self.out.cells[path] = self.ref(r, c)
        value = self.value(r, c)
        if kind == "number":
            number, raw = coerce.to_number(value)
            if raw is not None:
                self.out.raw[path] = raw
            self.out.values[path] = number
        elif kind == "rate":
            rate, raw = coerce.to_rate(value)
            if raw is not None:
                self.out.raw[path] = raw
            self.out.values[path] = rate
        elif kind == "date":
            self.out.values[path] = coerce.to_iso_date(value)
        else:
            if coerce.is_error_value(value) or value.__class__ in (float, int) and coerce.odd_number(value):
                self.odd_cell(r, c, value)
            self.out.values[path] = coerce.to_text(value, self.percent(r, c, value))

    def right_of(self, r: int, c: int) -> tuple[int, int, bool]:
        """The first non-blank cell right of the label at (r, c) before the next label: (r, col, found).

        When nothing is there, col is the cell just right of the label's merged span."""
        _, end = self.scan.span_end(r, c)
        row = self.rows[r] if r < len(self.rows) else []
        for cc in range(end + 1, len(row)):
            v = row[cc]
            if coerce.blank(v):
                continue
            if self.is_label(r, cc):
                break
            return r, cc, True
        return r, end + 1, False

    def in_table(self, r: int) -> bool:
        return r in self.table_rows

    def cover(self, first: int, last: int) -> None:
        """Mark rows as belonging to a table or grid (their labels are not single fields)."""
        self.table_rows.update(range(first, last + 1))

    def row_texts(self, r: int) -> Iterable[tuple[int, str]]:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return [(c, v) for c, v in enumerate(row) if type(v) is str and v.strip()]


def short(text: str) -> str:
    """A header or name shortened for a message: spaces dropped, at most 20 characters."""
    text = "".join(text.split())
    return text if len(text) <= 20 else text[:19] + "…"
