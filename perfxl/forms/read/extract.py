"""One sheet of values → the values of one form, each section found by its labels (never by address).

Works on the hits of `labelscan.scan`: tables by their header rows, the funding grid by its column and
row labels, single fields by the label to their left (or above), so inserted, deleted or blank rows,
merged cells, extra columns and reworded headers do not matter. `assemble.build_form` makes the Form.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field

from perfxl.domain import Budget, Finding
from perfxl.domain.hierarchy import canonical_level
from perfxl.forms import layout as L
from perfxl.forms.read import coerce
from perfxl.forms.read.labels import (
    GridSpec,
    KindSpec,
    TableSpec,
    any_label,
    cause_labels,
    norm,
    norms,
    printed,
)
from perfxl.forms.read.labelscan import MAX_LABEL, Hit, Scan
from perfxl.forms.read.ooxml import Formulas, cell_name, col_letters, parse_ref
from perfxl.forms.read.problems import finding

_IGNORED_HEADERS = frozenset({"序号", "编号", "行次", "栏次", "行号"})
_CURRENCY = {"万元": "万元", "元": "元", "千元": "千元", "亿元": "亿元"}
# A money unit in a note (金额单位：万元, （单位：元）) anywhere, or in brackets after a label (项目资金（元）).
_UNIT_NOTE = re.compile(r"(?:金额|资金)?单位\s*[:：]\s*(万元|千元|亿元|元)(?![\u4e00-\u9fff])")
_UNIT_BRACKET = re.compile(r"[(（]\s*(万元|千元|亿元|元)\s*[)）]")
_CHECKS = frozenset({"√", "✓", "✔", "☑", "是", "1", "Y", "y", "■", "●", "v", "V"})
_VALUE_KEYS = frozenset({"target", "midterm_target", "adjusted_target", "actual", "progress", "forecast"})
_NUMERIC_BUDGET = frozenset(f for f in Budget.__dataclass_fields__ if f not in ("currency_unit", "rate", "as_of"))
_TARGETS = frozenset({"target", "midterm_target", "adjusted_target"})  # carry the 指标性质 operator
_SUBTOTAL = ("小计", "合计", "总计")
_INDICATOR_CONTENT = ("name", "target", "actual", "weight", "score", "midterm_target", "progress")
_MIDTERM_READ = frozenset({"name", "target", "level1", "level2", "direction", "unit"})  # of a 中期 table
_ANNUAL_CONTENT = ("target", "actual", "weight", "score", "progress")
_TASK_CONTENT = ("name", "content", "total", "fiscal", "other")
_NUM, _TARGET, _VALUE, _DIRECTION, _LEVEL, _TEXT = range(6)  # how a table column is read
_NUMBER_START = coerce.NUMBER_START  # a text that is a number starts with one of these
_UNSEEN = object()
# What templates print in rows left for more entries: ……, …, 略, （略）, 指标1, 三级指标2, XX.
_PLACEHOLDER = re.compile(r"\s*(?:[…⋯.。．·]+|[(（]?略[)）]?|(?:三级)?指标\s*[0-9一二三四五六七八九十]{1,2}|[xX×＊*]{2,})\s*")
_MAX, _TINY = coerce.MAX_NUMBER, sys.float_info.min  # numbers outside are reported (coerce.odd_number)


# -- extraction ---------------------------------------------------------------------------------


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


@dataclass(slots=True)
class TablePlace:
    spec: TableSpec
    header_row: int
    last_header_row: int
    cols: dict[str, int]
    causes: dict[int, str]  # monitoring 偏差原因 sub-columns: col -> cause
    unknown: list[tuple[int, int, str, str]]  # header cells not read: (row, col, text, why)
    first_col: int
    end_row: int = -1  # last data row
    total_row: int | None = None
    letters: dict[str, str] = field(default_factory=dict)  # column key -> column letters
    # 财预〔2015〕88号 goal forms print a 中期 and a 年度 indicator set side by side: the 中期 set's columns
    # (key -> col; its 指标值 is read as midterm_target, its 三级指标 matches it to the 年度 row).
    mid: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.letters = {key: col_letters(c) for key, c in self.cols.items()}


class Extractor:
    """Reads one sheet as one form of a known kind: `Extractor(scan, spec(kind)).run()` → Extracted."""

    def __init__(self, s: Scan, kind_spec: KindSpec, limits_blank_run: int = 200):
        self.s = s
        self.k = kind_spec
        self.sheet = s.sheet
        self.rows = s.sheet.rows
        self.out = Extracted()
        self.blank_run = limits_blank_run
        self.used: set[tuple[int, int]] = set()  # label cells consumed by tables and grids
        self._unit_col: int | None = None  # set per table by _plan
        self._direction_col: int | None = None
        self._causes: dict[int, str] = {}
        self._mid: dict[str, int] = {}
        self._table_rows: set[int] = set()  # rows covered by tables and grid headers
        self._total_rows: set[int] = set()  # … of which the tables' total rows (they may carry a box)
        self._memo: dict = {}  # per read: each distinct text's direction, level, number-ness worked out once
        self._printed = printed()
        self._seen = s.norms
        self._labels = any_label()
        self._percent_cells = None
        formulas = s.sheet.formulas
        if isinstance(formulas, Formulas):  # looks up by cell name, decodes lazily
            self._formula, self._formula_cells = formulas.text, formulas.names
            self._formula_texts = formulas.texts
        else:
            self._formula = lambda name: formulas.get(parse_ref(name))
            self._formula_cells = {cell_name(r, c) for r, c in formulas}
            self._formula_texts = lambda names: {name: self._formula(name) for name in names}

    # -- cell helpers

    def _norm(self, text: str) -> str:
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
        return name, self._formula(name) if name in self._formula_cells else None

    def percent(self, r: int, c: int, value, unit: str | None = None) -> bool:
        """Whether the cell's number format shows this number as a percentage (0.95 → "95%"): the one
        place the reader decides it. A plain number is never a fraction (0.9 stays "0.9"; under a
        计量单位 "%" it is 0.9%). The format is looked up only for numbers that could be shown as one
        (|v| ≤ 10) where the unit allows a percentage."""
        return ((value.__class__ is float or value.__class__ is int) and -10 <= value <= 10
                and unit in (None, "%") and (r, c) in self._percent())

    def odd_cell(self, r: int, c: int, value) -> None:
        """An error value (#DIV/0!) or an impossible number (1E+308, NaN) read as text: a finding at the
        cell (number fields report theirs through Form.raw instead)."""
        if value.__class__ is str:
            text, why = value.strip(), "是 Excel 错误值，公式无法计算"
        else:
            text, why = coerce.odd_number(value), "超出可用的数值范围（绝对值应小于1e14）"
        where = f"{self.sheet.name}!{cell_name(r, c)}"
        self.out.findings.append(finding("T016", location=where, text=text, cell=where, why=why))

    def _percent(self):
        if self._percent_cells is None:
            self._percent_cells = self.sheet.percent
        return self._percent_cells

    def is_label(self, r: int, c: int) -> bool:
        v = self.value(r, c)
        return type(v) is str and len(v) <= MAX_LABEL and self._norm(v) in self._labels

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

    def anchor(self, path: str, h: Hit) -> None:
        """Where a blank text field should be typed: below its label, else right of it (never a label)."""
        if self.out.cells.get(path) is not None:
            return
        last_row, end = self.s.span_end(h.row, h.col)
        for r, c in ((last_row + 1, h.col), (h.row, end + 1)):
            if r < len(self.rows) and not self.is_label(r, c):
                self.out.cells[path] = self.ref(r, c)
                self.out.values.setdefault(path, None)
                return

    def right_of(self, r: int, c: int) -> tuple[int, int, bool]:
        """The first non-blank cell right of the label at (r, c) before the next label: (r, col, found).

        When nothing is there, col is the cell just right of the label's merged span."""
        _, end = self.s.span_end(r, c)
        row = self.rows[r] if r < len(self.rows) else []
        for cc in range(end + 1, len(row)):
            v = row[cc]
            if coerce.blank(v):
                continue
            if self.is_label(r, cc):
                break
            return r, cc, True
        return r, end + 1, False

    def below(self, r: int, c: int, depth: int = 4) -> tuple[int, int, bool]:
        """The first non-blank cell below the label at (r, c), within its columns, before another label."""
        last_row, end = self.s.span_end(r, c)
        for rr in range(last_row + 1, min(last_row + 1 + depth, len(self.rows))):
            for cc in range(c, end + 1):
                v = self.value(rr, cc)
                if coerce.blank(v):
                    continue
                if self.is_label(rr, cc):
                    return last_row + 1, c, False
                return rr, cc, True
        return last_row + 1, c, False

    def field_cell(self, h: Hit) -> tuple[int, int, bool]:
        """Where a one-line field's value is: right of its label, else under it when the labels of a
        row stand above their values (主管部门 | 实施单位 over 某局 | 某中心); (r, c, found)."""
        r, c, found = self.right_of(h.row, h.col)
        if not found:
            rr, cc, below = self.below(h.row, h.col, 2)
            if below and not self.in_table(rr):
                return rr, cc, True
        return r, c, found

    def in_table(self, r: int) -> bool:
        return r in self._table_rows

    def cover(self, first: int, last: int) -> None:
        """Mark rows as belonging to a table or grid (their labels are not single fields)."""
        self._table_rows.update(range(first, last + 1))

    # -- run

    def run(self) -> Extracted:
        places = {}
        for name, table in self.k.tables.items():
            place = self.locate_table(table)
            if place is not None:
                places[name] = place
                self.cover(place.header_row, place.last_header_row)
        for name, place in places.items():
            self.read_table(place, self.out.indicators if name == "indicators" else self.out.tasks, name)
            self.out.found.add(place.spec.table.section.text)
            self.out.columns[name] = set(place.cols) | ({"deviation"} if place.causes else set())
        for grid in self.k.grids:
            self.read_grid(grid, places.get("indicators"))
        self.read_currency(places["indicators"].header_row if "indicators" in places else len(self.rows))
        self.read_fields()
        for table in self.k.tables.values():
            self._tables_not_read(table)
        return self.out

    def _tables_not_read(self, table: TableSpec) -> None:
        """Another header row of a table kind already read (a second 绩效指标 table, a 中期 table printed
        below the 年度 one): reported with its cell, never silently skipped."""
        for r, hits in self.s.by_row.items():
            if self.in_table(r):
                continue
            keys = {table.columns[h.label] for h in hits if h.label in table.columns and h.value is None
                    and h.label not in self.k.sections}
            if "name" in keys and len(keys) >= 3 and not _blank_row(self.rows[r + 1] if r + 1 < len(self.rows) else []):
                first = min(h.col for h in hits if h.label in table.columns)
                where = f"{self.sheet.name}!{cell_name(r, first)}"
                caption = self._caption(r, first)
                if table.table.name == "indicators" and "中期" in (caption or "") and self.out.indicators:
                    self._read_midterm_table(table, r)
                    continue
                self.out.findings.append(finding("T015", location=where, table=table.table.section.text,
                                                 cell=where, caption=f"（标题“{caption}”）" if caption else ""))
                self.cover(r, r)

    def _read_midterm_table(self, table: TableSpec, r: int) -> None:
        """A 中期 indicator table printed apart from the 年度 one: each 指标值 becomes the midterm_target
        of the 年度 indicator with the same 三级指标; one without such an indicator is reported."""
        place = self._columns(table, r)
        if "target" not in place.cols:
            return
        items: list[dict] = []
        tables, raw = len(self.out.tables), dict(self.out.raw)
        self.read_table(place, items, "_midterm")
        where = self.out.tables.pop(tables)
        self.out.raw = raw  # only 指标值 (and what builds its text) is taken from the 中期 table:
        for key, c in place.cols.items():  # any other column holding something is reported
            if key not in _MIDTERM_READ and any(not coerce.blank(self.value(int(n) - 1, c)) for n in where.rows):
                cell = f"{self.sheet.name}!{cell_name(place.last_header_row, c)}"
                label = table.table.column(key).label if table.table.has(key) else key
                self.out.findings.append(finding("T004", location=cell, detail=f"中期指标的“{label}”列（{cell}）未读取"))
        by_name = {item.get("name"): j for j, item in enumerate(self.out.indicators) if item.get("name")}
        for i, item in enumerate(items):
            target = item.get("target")
            if target is None:
                continue
            cell, formula = where.locate(i, "target") or ("", None)
            j = by_name.get(item.get("name"))
            if j is None or self.out.indicators[j].get("midterm_target") is not None:
                self._mid_finding(int(where.rows[i]) - 1, place.cols.get("name"), item.get("name") or "",
                                  f"在年度绩效指标中没有同名指标，其中期指标值“{_short(target)}”未读取")
                continue
            self.out.indicators[j]["midterm_target"] = target
            self.out.cells[f"indicators[{j}].midterm_target"] = (cell, formula)

    def _caption(self, r: int, c: int) -> str | None:
        """The text printed just above or left of a header row (中期绩效指标, 2025年度指标 …)."""
        for rr, cc in ((r - 1, c), (r, c - 1), (r - 1, c - 1)):
            v = self.value(rr, cc)
            if type(v) is str and v.strip():
                return _short(v)
        return None

    # -- tables

    def locate_table(self, table: TableSpec) -> TablePlace | None:
        """The table's header row: the row with most column labels, a table captioned 中期 (printed apart
        from the 年度 one) only when there is no other."""
        best_row, best_keys = None, (0, 0)
        for r, hits in self.s.by_row.items():
            if self.in_table(r):
                continue
            keys = {table.columns[h.label] for h in hits if h.label in table.columns and h.value is None}
            if "name" not in keys or len(keys) < 3:
                continue
            rank = (0 if "中期" in (self._caption(r, min(h.col for h in hits)) or "") else 1, len(keys))
            if rank > best_keys:
                best_row, best_keys = r, rank
        if best_row is None:
            return None
        return self._columns(table, best_row)

    def _columns(self, table: TableSpec, r: int) -> TablePlace:
        primary = table.primary
        sections = self.k.sections
        chosen: dict[str, tuple[int, int]] = {}  # key -> (priority, col)

        def offer(key: str, col: int, label: str) -> None:
            prio = 0 if label in primary else (2 if label in sections else 1)
            if key not in chosen or (prio, col) < chosen[key]:
                chosen[key] = (prio, col)

        top = [h for h in self.s.by_row.get(r, ()) if h.value is None]
        first_header = r
        # Headers merged down from the row above (一级指标 over two header rows, the 中期/年度 band beside it).
        for h in self.s.by_row.get(r - 1, ()):
            if h.value is None and h.label in table.columns and h.label not in self.k.sections \
                    and self.s.span_end(h.row, h.col)[0] >= r:
                top.append(h)
                first_header = r - 1
        occurrences: dict[str, list[int]] = {}
        for h in top:
            if h.label in table.columns and h.label not in self.k.sections:
                occurrences.setdefault(table.columns[h.label], []).append(h.col)
        sides = self._sides(r, occurrences)
        mid_side = {c for cols in occurrences.values() if len(cols) > 1 for c in cols if sides.get(c) == "mid"}
        for h in top:
            if h.label in table.columns and h.col not in mid_side:
                offer(table.columns[h.label], h.col, h.label)
                self.used.add((h.row, h.col))
        last_header = r
        causes: dict[int, str] = {}
        sub = [h for h in self.s.by_row.get(r + 1, ()) if h.value is None]
        causes_by_norm = cause_labels()
        sub_keys = [h for h in sub if h.label in table.columns]
        sub_causes = [h for h in self._row_texts(r + 1) if self._norm(h[1]) in causes_by_norm]
        if len(sub_keys) + len(sub_causes) >= 2:
            last_header = r + 1
            # A top header spanning sub-headers (年度指标值 over 指标性质 | 指标值 | 度量单位) gives way to them.
            for col in [h.col for h in sub_keys] + [c for c, _ in sub_causes]:
                covering = self._covering_top(top, col)
                if covering is not None and covering.label in table.columns:
                    old = table.columns[covering.label]
                    if chosen.get(old, (0, -1))[1] == covering.col:
                        del chosen[old]
            for h in sub_keys:
                key = table.columns[h.label]
                chosen.pop(key, None)
                offer(key, h.col, h.label)
                self.used.add((h.row, h.col))
            for c, text in sub_causes:
                causes[c] = causes_by_norm[self._norm(text)]
        cols = {key: col for key, (_, col) in chosen.items()}
        mid = {}
        for h in top:
            if h.label in table.columns and h.col in mid_side:
                mid.setdefault(table.columns[h.label], h)
                self.used.add((h.row, h.col))
        mid = self._mid_columns(mid, cols, table)
        mapped = set(cols.values()) | set(causes) | set(sides.get("bands", ()))
        mapped |= mid_side  # read or reported by _mid_columns
        unknown = []
        for rr in range(first_header, last_header + 1):
            for c, text in self._row_texts(rr):
                if c in mapped:
                    continue
                n = self._norm(text)
                if (rr, c) in self.used:  # a known label: a second column for a key already read
                    key = table.columns.get(n)
                    if key is not None and n not in self.k.sections and key in cols:
                        label = table.table.column(key).label if table.table.has(key) else key
                        unknown.append((rr, c, text, f"与“{label}”列重复"))
                    continue
                if n in _IGNORED_HEADERS or n in self.k.sections or n in self.k.ignored or not n:
                    continue
                if rr < r and self.s.span_end(rr, c)[0] < r and not any(
                        self.value(x, c) not in (None, "") for x in range(r, last_header + 1)):
                    continue  # a caption above the table, not a column header
                unknown.append((rr, c, text, "无法识别"))
        first_col = min([*cols.values(), *mid.values()]) if cols else 0
        return TablePlace(table, first_header, last_header, cols, causes, unknown, first_col, mid=mid)

    def _sides(self, r: int, occurrences: dict[str, list[int]]) -> dict:
        """Columns of a 中期 set printed beside the 年度 set: {col: "mid" | "annual", "bands": band cols}.

        Empty unless a key (三级指标 / 指标值) is printed twice on the header row. A band row above
        ("中期绩效指标 | 年度绩效指标") says which set is which; without one the left set is taken as 中期
        (the order of the 88号 form) and a T004 finding says so."""
        repeated = [cols for key, cols in occurrences.items() if key in ("name", "target") and len(cols) > 1]
        if not repeated:
            return {}
        # The nearest band row within four rows (the 88号 form itself heads the two sets with its
        # 总体目标 row, 中期目标（…） | 年度目标, above the goal texts).
        for rr in range(r - 1, max(r - 5, -1), -1):
            sides: dict = {}
            bands = []
            for c, text in self._row_texts(rr):
                n = self._norm(text)
                side = "mid" if "中期" in n else "annual" if "年度" in n or "当年" in n else None
                if side is not None:
                    if rr == r - 1:  # a band right above the header row is part of the header
                        bands.append(c)
                    for cc in range(c, self.s.span_end(rr, c)[1] + 1):
                        sides[cc] = side
            covered = all(sides.get(c) for cols in occurrences.values() if len(cols) > 1 for c in cols)
            if covered and len({sides[c] for c in repeated[0]}) == 2:
                break
        else:
            sides, bands = {}, []
            for cols in occurrences.values():
                if len(cols) > 1:
                    left, right = min(cols), max(cols)
                    sides[left], sides[right] = "mid", "annual"
            where = f"{self.sheet.name}!{cell_name(r, min(repeated[0]))}"
            detail = "绩效指标表有两组指标列但没有标明“中期”“年度”，已按左侧为中期、右侧为年度读取"
            self.out.findings.append(finding("T004", location=where, detail=detail))
        sides["bands"] = bands
        return sides

    def _mid_columns(self, mid: dict[str, Hit], cols: dict[str, int], table: TableSpec) -> dict[str, int]:
        """The 中期 set's columns the reader uses: 指标值 (as midterm_target), 三级指标 and the levels (to
        match rows); any other column of the set is reported, never silently dropped."""
        if not mid:
            return {}
        used = {}
        for key, h in mid.items():
            if key == "target" and "midterm_target" not in cols:
                used["midterm_target"] = h.col
            elif key in ("name", "level1", "level2"):
                used["_mid_" + key] = h.col
            else:
                where = f"{self.sheet.name}!{cell_name(h.row, h.col)}"
                label = table.table.column(key).label if table.table.has(key) else key
                detail = f"中期指标的“{label}”列（{where}）未读取"
                self.out.findings.append(finding("T004", location=where, detail=detail))
        return used

    def _row_texts(self, r: int) -> Iterable[tuple[int, str]]:
        row = self.rows[r] if 0 <= r < len(self.rows) else []
        return [(c, v) for c, v in enumerate(row) if type(v) is str and v.strip()]

    def _covering_top(self, top: list[Hit], col: int) -> Hit | None:
        for h in top:
            _, end = self.s.span_end(h.row, h.col)
            if h.col <= col <= end:
                return h
        return None

    def _stops(self, r: int, place: TablePlace) -> str | None:
        """'total' at the total row, 'end' where another section starts, None for a data row.

        A 总分 / 合计 label makes the total row wherever it stands on the row: real forms print it after
        other labels (其他需要说明事项 | 无 | 总分 | 100 | 96)."""
        hits = self.s.by_row.get(r, ())
        totals = place.spec.totals
        limit = place.cols.get("name", place.first_col)
        if any(h.label in totals and (h.value is None or h.col <= limit) for h in hits):
            return "total"
        for h in hits:
            if h.col > limit:
                continue
            if (h.label in self.k.sections and h.label not in place.spec.sections) or h.label in self.k.boxes \
                    or h.label in self.k.header or h.label in self.k.text:
                return "end"
        return None

    def read_table(self, place: TablePlace, out: list[dict], name: str) -> None:
        """Data rows below the header until the total row, another section or a long blank run."""
        plan = self._plan(place)
        indicators = name == "indicators"
        content = _INDICATOR_CONTENT if indicators else _TASK_CONTENT
        columns = {key: letters for key, _, letters, _ in plan if key[0] != "_"}
        if self._causes:
            columns.setdefault("deviation", col_letters(min(self._causes)))
        where = TableCells(name, columns)
        self.out.tables.append(where)
        rows = self.rows
        by_row = self.s.by_row
        end = place.last_header_row
        data_rows: list[int] = []
        blank_run = 0
        for r in range(place.last_header_row + 1, len(rows)):
            if r in by_row:
                stop = "end" if r in self._table_rows else self._stops(r, place)  # another table's header
                if stop == "end":
                    break
                if stop == "total":
                    place.total_row = end = r
                    self._total_rows.add(r)
                    self.read_totals(place, r)
                    break
                if self._is_header_repeat(r, place.spec):
                    if "中期" in (self._caption(r, place.first_col) or ""):
                        break  # a 中期 table printed below this one
                    continue
            if _blank_row(rows[r]):
                blank_run += 1
                if blank_run > self.blank_run:
                    break
                continue
            blank_run = 0
            end = r
            data_rows.append(r)
        if data_rows:
            self._keep_rows(plan, data_rows, out, where, indicators, content)
        place.end_row = end
        self.cover(place.header_row, end)
        for rr, c, text, why in place.unknown:
            if any(not coerce.blank(self.value(x, c)) for x in range(place.last_header_row + 1, end + 1)):
                detail = f"列标题“{_short(text)}”（{self.sheet.name}!{cell_name(rr, c)}）{why}，该列未读取"
                self.out.findings.append(finding("T004", location=f"{self.sheet.name}!{cell_name(rr, c)}",
                                                 detail=detail))

    def _keep_rows(self, plan: list[tuple[str, int, str, int]], data_rows: list[int], out: list[dict],
                   where: TableCells, indicators: bool, content: tuple[str, ...]) -> None:
        """The items of the table's data rows (subtotal and empty rows left out), with where each was read."""
        name = where.name
        items, raws = self._read_rows(plan, data_rows)
        letters_read = tuple(dict.fromkeys(where.columns.values()))
        level1 = level2 = None
        kept = []
        for item, raw, r in zip(items, raws, data_rows, strict=True):
            if indicators:
                one, two = item.get("level1"), item.get("level2")
                if one:
                    if one != level1:
                        level2 = None
                    level1 = one
                if two:
                    level2 = two
            if ("计" in (item.get("name") or "") or "计" in (item.get("level1") or "")
                    or "计" in (item.get("level2") or "")) and _subtotal(item):
                continue
            if not raw and not any(map(item.get, content)) or _placeholder_row(item, raw, content):
                continue
            if indicators:
                item["level1"] = item.get("level1") or level1
                item["level2"] = item.get("level2") or level2
            kept.append((item, raw, r))
        if self._mid:
            kept = self._match_midterm(kept)
        for item, raw, r in kept:
            if self._mid and "_mid_cell" in item:
                self.out.cells[f"{name}[{len(out)}].midterm_target"] = self.ref(*item.pop("_mid_cell"))
            where.rows.append(str(r + 1))
            if raw:
                prefix = f"{name}[{len(out)}]."
                for key, text in raw.items():
                    self.out.raw[prefix + key] = text
            out.append(item)
        read = {letters + number for number in where.rows for letters in letters_read}
        where.formulas = self._formula_texts(read.intersection(self._formula_cells))

    def _match_midterm(self, kept: list[tuple[dict, dict, int]]) -> list[tuple[dict, dict, int]]:
        """Give each 年度 indicator the 中期 指标值 of the same 三级指标: on its own row when the names agree,
        else from the 中期 row of that name. A 中期 indicator without a 年度 one is kept as an indicator
        of its own (its 年度 target missing) and reported; nothing of the 中期 set is dropped silently."""
        mid_name_col, mid_target_col = self._mid.get("_mid_name"), self._mid.get("midterm_target")
        by_name = {item["name"]: item for item, _, _ in kept if item.get("name")}
        moved = []  # 中期 entries whose 三级指标 is not the 年度 one of their row
        for item, _, r in kept:
            mid_name = item.pop("_mid_name", None)
            levels = item.pop("_mid_level1", None), item.pop("_mid_level2", None)
            if mid_name is not None and mid_name != item.get("name"):
                moved.append((item, r, mid_name, levels, item.pop("midterm_target", None)))
        for item, r, mid_name, levels, target in moved:
            match = by_name.get(mid_name)
            if match is not None and match.get("midterm_target") is None:
                match["midterm_target"] = target
                if mid_target_col is not None:
                    match["_mid_cell"] = (r, mid_target_col)
            elif item.get("name") is None:  # a 中期 row beside no 年度 indicator: kept, its 年度 target missing
                item.update(name=mid_name, midterm_target=target, level1=item.get("level1") or levels[0],
                            level2=item.get("level2") or levels[1])
                self._mid_finding(r, mid_name_col, mid_name, "年度绩效指标中没有同名指标，已作为单独的指标读取")
            else:
                self._mid_finding(r, mid_name_col, mid_name,
                                  f"与同行的年度指标“{_short(item['name'])}”不同，年度绩效指标中也没有同名指标，"
                                  f"其中期指标值“{_short(target or '')}”未读取")
        return [(item, raw, r) for item, raw, r in kept
                if item.get("name") is not None or raw or any(map(item.get, _ANNUAL_CONTENT))]

    def _mid_finding(self, r: int, c: int | None, mid_name: str, detail: str) -> None:
        where = f"{self.sheet.name}!{cell_name(r, c if c is not None else 0)}"
        self.out.findings.append(finding("T014", location=where, name=_short(mid_name), cell=where, detail=detail))

    def _is_header_repeat(self, r: int, table: TableSpec) -> bool:
        hits = self.s.by_row.get(r, ())
        return sum(1 for h in hits if h.label in table.columns) >= 3

    def _plan(self, place: TablePlace) -> list[tuple[str, int, str, int]]:
        """Per column: (key, col, letters, how to read it), decided once per table."""
        numbers = place.spec.number_keys
        plan = []
        for key, c in place.cols.items():
            if key in numbers:
                how = _NUM
            elif key in _VALUE_KEYS:
                how = _TARGET if key in _TARGETS else _VALUE
            elif key == "direction":
                how = _DIRECTION
            elif key in ("level1", "level2"):
                how = _LEVEL
            else:
                how = _TEXT
            plan.append((key, c, place.letters[key], how))
        for key, c in place.mid.items():
            plan.append((key, c, col_letters(c), _TARGET if key == "midterm_target" else _TEXT))
        self._mid = place.mid
        self._unit_col = place.cols.get("unit")
        self._direction_col = place.cols.get("direction")
        self._causes = place.causes
        return plan

    def _level(self, text: str) -> str | None:
        """一级/二级 text → its canonical spelling, worked out once per distinct text."""
        if not text:
            return None
        level = self._memo.get(("level", text))
        if level is None:
            level = self._memo[("level", text)] = canonical_level(text)
        return level

    def _read_rows(self, plan: list[tuple[str, int, str, int]], data_rows: list[int]) -> tuple[list[dict], list[dict]]:
        """The table's data rows, read column by column (each column's way of reading decided once):
        per row, ({key: value}, {key: text that should be a number})."""
        lines = [self.rows[r] for r in data_rows]
        width = max(map(len, lines))
        if width != min(map(len, lines)):  # ragged rows (not from calamine): pad with None
            lines = [line if len(line) == width else [*line, *([None] * (width - len(line)))] for line in lines]
        by_column = list(zip(*lines, strict=True))  # the table transposed, in one call
        nothing = (None,) * len(lines)

        def column(c: int | None) -> tuple:
            return by_column[c] if c is not None and c < width else nothing

        memo = self._memo
        units = [(v.strip() or None) if v.__class__ is str else None if v is None else coerce.to_text(v)
                 for v in column(self._unit_col)]
        ops = []
        for v in column(self._direction_col):
            op = memo.get(("direction", v), _UNSEEN)
            if op is _UNSEEN:
                op = memo[("direction", v)] = coerce.to_direction(v)
            ops.append(op)
        raws: list[dict] = [{} for _ in lines]
        values = []
        for key, c, _, how in plan:
            got: list = []
            put = got.append
            if how == _NUM:  # finite floats as they are; anything else through to_number
                col = column(c)
                got = [v + 0.0 if v.__class__ is float and (_TINY <= v < _MAX or -_MAX < v <= -_TINY or v == 0)
                       else None if v is None or v == "" else _UNSEEN for v in col]
                if _UNSEEN in got:
                    for i, v in enumerate(got):
                        if v is _UNSEEN:
                            got[i], bad = coerce.to_number(col[i])
                            if bad is not None:
                                raws[i][key] = bad
            elif how in (_TARGET, _VALUE):
                for i, v in enumerate(column(c)):
                    if v is None or v == "":
                        put(None)
                        continue
                    unit = units[i]
                    percent = False
                    if v.__class__ is float or v.__class__ is int:
                        if not (_TINY <= v < _MAX or -_MAX < v <= -_TINY or v == 0):
                            self.odd_cell(data_rows[i], c, v)
                        else:
                            percent = self.percent(data_rows[i], c, v, unit)
                    elif v.__class__ is str and v[0] == "#" and coerce.is_error_value(v):
                        self.odd_cell(data_rows[i], c, v)
                    put(_value_text(v, percent, unit, ops[i] if how == _TARGET else None, memo))
            elif how == _DIRECTION:
                for i, v in enumerate(column(c)):
                    if v is None or v == "":
                        put(None)
                        continue
                    op = ops[i]
                    put(op)
                    if op is None:
                        text = coerce.to_text(v)
                        if text not in (None, "定量", "定量指标"):
                            raws[i][key] = text
            elif how == _LEVEL:
                got = [self._level(v.strip()) if v.__class__ is str else None if v is None else coerce.to_text(v)
                       for v in column(c)]
            else:
                got = [(v.strip() or None) if v.__class__ is str else None if v is None else coerce.to_text(v)
                       for v in column(c)]
            values.append(got)
        keys = [key for key, _, _, _ in plan]
        items = [dict(zip(keys, row, strict=True)) for row in zip(*values, strict=True)] if values \
            else [{} for _ in lines]
        if self._causes:
            for item, line in zip(items, lines, strict=True):
                picked = []
                for c, cause in self._causes.items():
                    v = line[c] if c < len(line) else None
                    if coerce.blank(v):
                        continue
                    text = coerce.to_text(v) or ""
                    picked.append(cause if text in _CHECKS else f"{cause}：{text}")
                item["deviation"] = "；".join(picked) or item.get("deviation")
        return items, raws

    def read_totals(self, place: TablePlace, r: int) -> None:
        for total in place.spec.table.totals:
            if total.path and total.key in place.cols:
                self.put(total.path, r, place.cols[total.key], "number")

    # -- the funding grid

    def read_grid(self, g: GridSpec, indicators: TablePlace | None) -> None:
        limit = indicators.header_row if indicators else len(self.rows)
        header_row, positions = None, {}
        for r, hits in self.s.by_row.items():
            if r >= limit or self.in_table(r):
                continue
            found: dict[int, int] = {}
            for h in hits:
                j = g.columns.get(h.label)
                if j is not None and h.value is None and j not in found:
                    found[j] = h.col
            if len(found) >= 2 and len(found) > len(positions):
                header_row, positions = r, found
        rows_at: dict[int, tuple[int, int]] = {}
        section = g.grid.section.text
        if header_row is not None:
            first_col = min(positions.values())
            for r in range(header_row + 1, min(limit, header_row + 2 * len(g.grid.rows) + 4)):
                for h in self.s.by_row.get(r, ()):
                    if h.col < first_col and h.label in g.rows and g.rows[h.label] not in rows_at:
                        rows_at[g.rows[h.label]] = (r, h.col)
                        self.used.add((r, h.col))
                if any(h.label in self.k.text or h.label in self.k.sections and h.label not in g.sections
                       for h in self.s.by_row.get(r, ()) if h.col < first_col):
                    break
            for h in self.s.by_row.get(header_row, ()):
                self.used.add((h.row, h.col))
            self.cover(header_row, header_row)
            for i, (r, _) in rows_at.items():
                for j, c in positions.items():
                    cell = g.grid.rows[i].cells[j] if j < len(g.grid.rows[i].cells) else None
                    if isinstance(cell, L.Field) and cell.path:
                        cc = self._first_filled(r, c)
                        self.put(cell.path, r, cc, _field_kind(cell.path, cell))
            if rows_at:
                self.out.found.add(section)
                self._grid_columns_not_read(section, header_row, first_col, positions, [r for r, _ in rows_at.values()])
            return
        self._grid_without_header(g, limit)

    def _grid_columns_not_read(self, section: str, header_row: int, first_col: int, positions: dict[int, int],
                               rows: list[int]) -> None:
        """Funding-grid header cells that are not a known column (备注, 调整原因 …) but hold figures below."""
        read = set()
        for c in positions.values():
            read.update(range(c, self.s.span_end(header_row, c)[1] + 1))
        for c, text in self._row_texts(header_row):
            if c <= first_col or c in read or (header_row, c) in self.used:
                continue
            if any(not coerce.blank(self.value(r, c)) for r in rows):
                where = f"{self.sheet.name}!{cell_name(header_row, c)}"
                detail = f"“{section}”的列标题“{_short(text)}”（{where}）无法识别，该列未读取"
                self.out.findings.append(finding("T004", location=where, detail=detail))

    def _first_filled(self, r: int, c: int) -> int:
        """A value under a merged header may sit in any column of the header's span."""
        _, end = self.s.span_end(r, c)
        for cc in range(c, end + 1):
            if not coerce.blank(self.value(r, cc)):
                return cc
        return c

    def _grid_without_header(self, g: GridSpec, limit: int) -> None:
        """Funding printed as 'label | value' pairs (年度资金总额 | 150; 其中：财政拨款 | 140)."""
        default_j = next((j for j, cell in enumerate(g.grid.rows[0].cells)
                          if isinstance(cell, L.Field) and cell.required), 0)
        column_of: dict[int, int] = {}  # sheet column -> grid column, learnt from total labels
        found = False
        for h in self.s.hits:
            if h.row >= limit or self.in_table(h.row) or h.value is not None:
                continue
            if h.label in g.by_label and g.by_label[h.label][0] == 0:
                i, j = g.by_label[h.label]
                column_of[h.col] = j
            elif h.label in g.rows:
                i = g.rows[h.label]
                j = column_of.get(h.col, default_j)
            elif h.label in g.by_label:
                i, j = g.by_label[h.label]
            else:
                continue
            cell = g.grid.rows[i].cells[j] if j < len(g.grid.rows[i].cells) else None
            if not isinstance(cell, L.Field) or not cell.path or cell.path in self.out.values \
                    and self.out.values[cell.path] is not None:
                continue
            r, c, _ = self.right_of(h.row, h.col)
            self.put(cell.path, r, c, _field_kind(cell.path, cell))
            self.used.add((h.row, h.col))
            found = True
        if found:
            self.out.found.add(g.grid.section.text)

    def read_currency(self, limit: int) -> None:
        """The money unit printed above the indicators: in brackets after a label or header (项目资金（元）,
        全年预算数（万元）) or in a note (金额单位：万元). Amounts stay as printed; two different units are reported."""
        found: list[tuple[int, int, str]] = []
        for r in range(min(limit, len(self.rows))):
            labels = {h.col for h in self.s.by_row.get(r, ())}
            for c, v in enumerate(self.rows[r]):
                if v.__class__ is str and "元" in v and len(v) <= 40:
                    m = _UNIT_NOTE.search(v) or (_UNIT_BRACKET.search(v) if c in labels else None)
                    if m:
                        found.append((r, c, m.group(1)))
        if not found:
            return
        r, c, unit = found[0]
        self.out.values["budget.currency_unit"] = unit
        self.out.cells["budget.currency_unit"] = self.ref(r, c)
        other = next((x for x in found if x[2] != unit), None)
        if other is not None:
            where = f"{self.sheet.name}!{cell_name(other[0], other[1])}"
            detail = (f"金额单位不一致（{cell_name(r, c)}为“{unit}”，{cell_name(other[0], other[1])}为“{other[2]}”），"
                      f"已按“{unit}”读取金额")
            self.out.findings.append(finding("T004", location=where, detail=detail))

    # -- single fields, goal texts, boxes

    def read_fields(self) -> None:
        for h in self.s.hits:
            if (h.row, h.col) in self.used or self.in_table(h.row) and not (
                    h.row in self._total_rows and h.label in self.k.boxes):
                continue
            if h.value is not None:
                self._colon_field(h)
                continue
            path = self.k.header.get(h.label)
            if path is not None:
                if self.out.values.get(path) is None:
                    r, c, found = self.field_cell(h)
                    if not found and self.is_label(r, c):
                        self.anchor(path, h)
                    elif path == "unit.name" and coerce.to_text(self.value(r, c)) in _CURRENCY:
                        self.out.values.setdefault("budget.currency_unit", _CURRENCY[coerce.to_text(self.value(r, c))])
                    else:
                        self.put(path, r, c, _field_kind(path))
                continue
            path = self.k.text.get(h.label)
            key = self.k.boxes.get(h.label)
            if path is None and key is None:
                continue
            target = path or f"extra.{key}"
            if self.out.values.get(target) is not None:
                continue
            r, c, found = self.right_of(h.row, h.col)
            if not found:
                r, c, found = self.below(h.row, h.col)
            if found:
                self.put(target, r, c)
            else:
                self.anchor(target, h)
            if path is not None:
                for block in self.k.layout.blocks:
                    if isinstance(block, L.TextBlock) and any(f.path == path for f in block.fields):
                        self.out.found.add(block.section.text)
        self._section_texts()

    def _section_texts(self) -> None:
        """A goal block printed as one box ('年度总体目标 | text', no 预期目标/年度目标 sub-labels):
        the text beside the section label is the block's main (first required) field."""
        for block in self.k.layout.blocks:
            if not isinstance(block, L.TextBlock) or block.section.text in self.out.found:
                continue
            labels = tuple(norms(block.section.labels))  # also matches longer titles: 年度总体目标
            for h in self.s.hits:
                if h.label.endswith(labels) and h.value is None and not self.in_table(h.row):
                    r, c, found = self.right_of(h.row, h.col)
                    if found:
                        first = next((f for f in block.fields if f.required), block.fields[0])
                        self.put(first.path, r, c)
                        self.out.found.add(block.section.text)
                        break

    def _colon_field(self, h: Hit) -> None:
        if h.value in _CURRENCY and h.label == "单位":
            self.out.values.setdefault("budget.currency_unit", _CURRENCY[h.value])
            return
        path = self.k.header.get(h.label) or self.k.text.get(h.label)
        if path is None and h.label in self.k.boxes:
            path = f"extra.{self.k.boxes[h.label]}"
        if path is None or self.out.values.get(path) is not None:
            return
        if h.value is None:
            r, c, found = self.field_cell(h)
            if not found and self.is_label(r, c):
                self.anchor(path, h)
            else:
                self.put(path, r, c, _field_kind(path))
            return
        self.out.cells[path] = self.ref(h.row, h.col)
        kind = _field_kind(path)
        if kind == "number":
            number, raw = coerce.to_number(h.value)
            self.out.values[path] = number
            if raw is not None:
                self.out.raw[path] = raw
        elif kind == "date":
            self.out.values[path] = coerce.to_iso_date(h.value)
        else:
            self.out.values[path] = h.value


def _subtotal(item: dict) -> bool:
    """小计 / 合计 / 总计 rows inside a table are sums, not indicators or tasks."""
    for key in ("level1", "level2", "name"):
        text = item.get(key)
        if text and "计" in text and len(text) <= 12 and any(word in text for word in _SUBTOTAL):
            return True
    return False


def _placeholder_row(item: dict, raw: dict, content: tuple[str, ...]) -> bool:
    """A template's prompt row left as printed (……, 略, 指标1): placeholders and nothing else."""
    seen = False
    for key in content:
        v = item.get(key)
        if v is None:
            continue
        if v.__class__ is not str or _PLACEHOLDER.fullmatch(v) is None:
            return False
        seen = True
    return seen and all(_PLACEHOLDER.fullmatch(text) for text in raw.values())


def _short(text: str) -> str:
    text = "".join(text.split())
    return text if len(text) <= 20 else text[:19] + "…"


def _field_kind(path: str, fld: L.Field | None = None) -> str:
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


def _value_text(value, percent: bool, unit: str | None, op: str | None, memo: dict | None = None) -> str | None:
    """Target/actual text: split cells rebuilt as op + number (+ "%" when the unit is %)."""
    cls = value.__class__
    if cls is str:
        text = value.strip()
        if not text:
            return None
        numeric = text[0] in _NUMBER_START and _is_number_text(text, memo)
    elif (cls is float or cls is int) and not percent:  # a number's text never starts with an operator
        if not (_TINY <= value < _MAX or -_MAX < value <= -_TINY or value == 0):
            return coerce.odd_number(value)
        text = coerce.number_text(value + 0)
        if unit == "%":
            text += "%"
        return op + text if op and op != "定性" else text
    else:
        text = coerce.to_text(value, percent)
        if text is None:
            return None
        numeric = type(value) in (int, float) or _is_number_text(text, memo)
    if numeric and unit == "%" and not text.endswith("%"):
        text += "%"
    if op and op != "定性" and numeric and not coerce.has_operator(text):
        text = op + text
    return text


def _blank_row(row: list) -> bool:
    """No cell with content ('' and spaces are blank; so is a row whose cells are all falsy, e.g. 0)."""
    if not any(row):
        return True
    for v in row:  # noqa: SIM110 - a loop, not all(<generator>): this runs for every table row
        if v is not None and (v.__class__ is not str or v.strip()):
            return False
    return True


def _is_number_text(text: str, memo: dict | None = None) -> bool:
    if memo is not None:
        known = memo.get(("number", text))
        if known is not None:
            return known
    number, raw = coerce.to_number(text)
    result = number is not None and raw is None and not text.endswith(("万元", "元", "分"))
    if memo is not None:
        memo[("number", text)] = result
    return result
