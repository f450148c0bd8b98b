"""The indicator and task tables of a form: found by their header rows, read column by column until the
total row, another section or a long blank run (a 中期 indicator set beside or below: `midterm`)."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from enum import Enum, auto

from perfxl.domain.hierarchy import canonical_level
from perfxl.domain.vocabulary import MAX_MAGNITUDE
from perfxl.forms.read import coerce
from perfxl.forms.read.labels import TableSpec, cause_labels
from perfxl.forms.read.labelscan import Hit
from perfxl.forms.read.midterm import MidtermSets
from perfxl.forms.read.ooxml import col_letters
from perfxl.forms.read.problems import finding
from perfxl.forms.read.sheetcells import SheetCells, TableCells, short

_IGNORED_HEADERS = frozenset({"序号", "编号", "行次", "栏次", "行号"})
_CHECKS = frozenset({"√", "✓", "✔", "☑", "是", "1", "Y", "y", "■", "●", "v", "V"})
_VALUE_KEYS = frozenset({"target", "midterm_target", "adjusted_target", "actual", "progress", "forecast"})
_TARGETS = frozenset({"target", "midterm_target", "adjusted_target"})  # carry the 指标性质 operator
_SUBTOTAL = ("小计", "合计", "总计")
_INDICATOR_CONTENT = ("name", "target", "actual", "weight", "score", "midterm_target", "progress")
_TASK_CONTENT = ("name", "content", "total", "fiscal", "other")
_NUMBER_START = coerce.NUMBER_START  # a text that is a number starts with one of these
_UNSEEN = object()
# What templates print in rows left for more entries: ……, …, 略, （略）, 指标1, 三级指标2, XX.
_PLACEHOLDER = re.compile(r"\s*(?:[…⋯.。．·]+|[(（]?略[)）]?|(?:三级)?指标\s*[0-9一二三四五六七八九十]{1,2}|[xX×＊*]{2,})\s*")
_MAX, _TINY = MAX_MAGNITUDE, sys.float_info.min  # numbers outside are reported (coerce.odd_number)


class ColumnRead(Enum):
    """How the cells of a table column are read."""

    NUMBER = auto()  # weight, score, amounts
    TARGET = auto()  # a value text that takes the row's 指标性质 operator (≥95%)
    VALUE = auto()  # a value text as printed (actual, progress)
    DIRECTION = auto()  # 指标性质 → operator
    LEVEL = auto()  # 一级/二级指标 → canonical spelling
    TEXT = auto()


@dataclass(slots=True)
class FoundTable:
    """Where a table was found on the sheet: its header rows and the column of each key."""

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


class TableReader:
    """Locates and reads the tables of one sheet into `cells.out` (indicators, tasks, their cells)."""

    def __init__(self, cells: SheetCells, blank_run: int):
        self.cells = cells
        self.scan = cells.scan
        self.kind_spec = cells.kind_spec
        self.rows = cells.rows
        self.out = cells.out
        self.blank_run = blank_run
        self._unit_col: int | None = None  # set per table by _plan
        self._direction_col: int | None = None
        self._causes: dict[int, str] = {}
        self._mid: dict[str, int] = {}
        self.midterm = MidtermSets(cells)
        self._memo: dict = {}  # per read: each distinct text's direction, level, number-ness worked out once

    def report_tables_not_read(self, table: TableSpec) -> None:
        """Another header row of a table kind already read (a second 绩效指标 table, a 中期 table printed
        below the 年度 one): reported with its cell, never silently skipped."""
        for r, hits in self.scan.by_row.items():
            if self.cells.in_table(r):
                continue
            keys = {table.columns[h.label] for h in hits if h.label in table.columns and h.value is None
                    and h.label not in self.kind_spec.sections}
            if "name" in keys and len(keys) >= 3 and not _blank_row(self.rows[r + 1] if r + 1 < len(self.rows) else []):
                first = min(h.col for h in hits if h.label in table.columns)
                where = self.cells.where(r, first)
                caption = self._caption(r, first)
                if table.table.name == "indicators" and "中期" in (caption or "") and self.out.indicators:
                    self._read_midterm_table(table, r)
                    continue
                self.out.findings.append(finding("T015", location=where, table=table.table.section.text,
                                                 cell=where, caption=f"（标题“{caption}”）" if caption else ""))
                self.cells.cover(r, r)

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
        self.out.raw = raw  # only 指标值 (and what builds its text) is taken from the 中期 table
        self.midterm.take_targets(table, place, where, items)

    def _caption(self, r: int, c: int) -> str | None:
        """The text printed just above or left of a header row (中期绩效指标, 2025年度指标 …)."""
        for rr, cc in ((r - 1, c), (r, c - 1), (r - 1, c - 1)):
            v = self.cells.value(rr, cc)
            if type(v) is str and v.strip():
                return short(v)
        return None

    # -- tables

    def locate_table(self, table: TableSpec) -> FoundTable | None:
        """The table's header row: the row with most column labels, a table captioned 中期 (printed apart
        from the 年度 one) only when there is no other."""
        best_row, best_keys = None, (0, 0)
        for r, hits in self.scan.by_row.items():
            if self.cells.in_table(r):
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

    def _columns(self, table: TableSpec, r: int) -> FoundTable:
        primary = table.primary
        sections = self.kind_spec.sections
        chosen: dict[str, tuple[int, int]] = {}  # key -> (priority, col)

        def offer(key: str, col: int, label: str) -> None:
            prio = 0 if label in primary else (2 if label in sections else 1)
            if key not in chosen or (prio, col) < chosen[key]:
                chosen[key] = (prio, col)

        top = [h for h in self.scan.by_row.get(r, ()) if h.value is None]
        first_header = r
        # Headers merged down from the row above (一级指标 over two header rows, the 中期/年度 band beside it).
        for h in self.scan.by_row.get(r - 1, ()):
            if h.value is None and h.label in table.columns and h.label not in self.kind_spec.sections \
                    and self.scan.span_end(h.row, h.col)[0] >= r:
                top.append(h)
                first_header = r - 1
        occurrences: dict[str, list[int]] = {}
        for h in top:
            if h.label in table.columns and h.label not in self.kind_spec.sections:
                occurrences.setdefault(table.columns[h.label], []).append(h.col)
        sides = self.midterm.sides(r, occurrences)
        mid_side = {c for cols in occurrences.values() if len(cols) > 1 for c in cols if sides.get(c) == "mid"}
        for h in top:
            if h.label in table.columns and h.col not in mid_side:
                offer(table.columns[h.label], h.col, h.label)
                self.cells.used.add((h.row, h.col))
        last_header = r
        causes: dict[int, str] = {}
        sub = [h for h in self.scan.by_row.get(r + 1, ()) if h.value is None]
        causes_by_norm = cause_labels()
        sub_keys = [h for h in sub if h.label in table.columns]
        sub_causes = [h for h in self.cells.row_texts(r + 1) if self.cells.norm(h[1]) in causes_by_norm]
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
                self.cells.used.add((h.row, h.col))
            for c, text in sub_causes:
                causes[c] = causes_by_norm[self.cells.norm(text)]
        cols = {key: col for key, (_, col) in chosen.items()}
        mid = {}
        for h in top:
            if h.label in table.columns and h.col in mid_side:
                mid.setdefault(table.columns[h.label], h)
                self.cells.used.add((h.row, h.col))
        mid = self.midterm.columns(mid, cols, table)
        mapped = set(cols.values()) | set(causes) | set(sides.get("bands", ()))
        mapped |= mid_side  # read or reported by _mid_columns
        unknown = []
        for rr in range(first_header, last_header + 1):
            for c, text in self.cells.row_texts(rr):
                if c in mapped:
                    continue
                n = self.cells.norm(text)
                if (rr, c) in self.cells.used:  # a known label: a second column for a key already read
                    key = table.columns.get(n)
                    if key is not None and n not in self.kind_spec.sections and key in cols:
                        label = table.table.column(key).label if table.table.has(key) else key
                        unknown.append((rr, c, text, f"与“{label}”列重复"))
                    continue
                if n in _IGNORED_HEADERS or n in self.kind_spec.sections or n in self.kind_spec.ignored or not n:
                    continue
                if rr < r and self.scan.span_end(rr, c)[0] < r and not any(
                        self.cells.value(x, c) not in (None, "") for x in range(r, last_header + 1)):
                    continue  # a caption above the table, not a column header
                unknown.append((rr, c, text, "无法识别"))
        first_col = min([*cols.values(), *mid.values()]) if cols else 0
        return FoundTable(table, first_header, last_header, cols, causes, unknown, first_col, mid=mid)

    def _covering_top(self, top: list[Hit], col: int) -> Hit | None:
        for h in top:
            _, end = self.scan.span_end(h.row, h.col)
            if h.col <= col <= end:
                return h
        return None

    def _stops(self, r: int, place: FoundTable) -> str | None:
        """'total' at the total row, 'end' where another section starts, None for a data row.

        A 总分 / 合计 label makes the total row wherever it stands on the row: real forms print it after
        other labels (其他需要说明事项 | 无 | 总分 | 100 | 96)."""
        hits = self.scan.by_row.get(r, ())
        totals = place.spec.totals
        limit = place.cols.get("name", place.first_col)
        if any(h.label in totals and (h.value is None or h.col <= limit) for h in hits):
            return "total"
        for h in hits:
            if h.col > limit:
                continue
            if (h.label in self.kind_spec.sections and h.label not in place.spec.sections) or h.label in self.kind_spec.boxes \
                    or h.label in self.kind_spec.header or h.label in self.kind_spec.text:
                return "end"
        return None

    def read_table(self, place: FoundTable, out: list[dict], name: str) -> None:
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
        by_row = self.scan.by_row
        end = place.last_header_row
        data_rows: list[int] = []
        blank_run = 0
        for r in range(place.last_header_row + 1, len(rows)):
            if r in by_row:
                stop = "end" if r in self.cells.table_rows else self._stops(r, place)  # another table's header
                if stop == "end":
                    break
                if stop == "total":
                    place.total_row = end = r
                    self.cells.total_rows.add(r)
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
        self.cells.cover(place.header_row, end)
        for rr, c, text, why in place.unknown:
            if any(not coerce.blank(self.cells.value(x, c)) for x in range(place.last_header_row + 1, end + 1)):
                where = self.cells.where(rr, c)
                detail = f"列标题“{short(text)}”（{where}）{why}，该列未读取"
                self.out.findings.append(finding("T004", location=where, detail=detail))

    def _keep_rows(self, plan: list[tuple[str, int, str, ColumnRead]], data_rows: list[int], out: list[dict],
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
            kept = self.midterm.match(kept, self._mid)
        for item, raw, r in kept:
            if self._mid and "_mid_cell" in item:
                self.out.cells[f"{name}[{len(out)}].midterm_target"] = self.cells.ref(*item.pop("_mid_cell"))
            where.rows.append(str(r + 1))
            if raw:
                prefix = f"{name}[{len(out)}]."
                for key, text in raw.items():
                    self.out.raw[prefix + key] = text
            out.append(item)
        read = {letters + number for number in where.rows for letters in letters_read}
        where.formulas = self.cells.formula_texts(read.intersection(self.cells.formula_cells))

    def _is_header_repeat(self, r: int, table: TableSpec) -> bool:
        hits = self.scan.by_row.get(r, ())
        return sum(1 for h in hits if h.label in table.columns) >= 3

    def _plan(self, place: FoundTable) -> list[tuple[str, int, str, ColumnRead]]:
        """Per column: (key, col, letters, how to read it), decided once per table."""
        numbers = place.spec.number_keys
        plan = []
        for key, c in place.cols.items():
            if key in numbers:
                how = ColumnRead.NUMBER
            elif key in _VALUE_KEYS:
                how = ColumnRead.TARGET if key in _TARGETS else ColumnRead.VALUE
            elif key == "direction":
                how = ColumnRead.DIRECTION
            elif key in ("level1", "level2"):
                how = ColumnRead.LEVEL
            else:
                how = ColumnRead.TEXT
            plan.append((key, c, place.letters[key], how))
        for key, c in place.mid.items():
            plan.append((key, c, col_letters(c), ColumnRead.TARGET if key == "midterm_target" else ColumnRead.TEXT))
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

    def _read_rows(self, plan: list[tuple[str, int, str, ColumnRead]], data_rows: list[int]) -> tuple[list[dict], list[dict]]:
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
            if how is ColumnRead.NUMBER:  # finite floats as they are; anything else through to_number
                col = column(c)
                got = [v + 0.0 if v.__class__ is float and (_TINY <= v < _MAX or -_MAX < v <= -_TINY or v == 0)
                       else None if v is None or v == "" else _UNSEEN for v in col]
                if _UNSEEN in got:
                    for i, v in enumerate(got):
                        if v is _UNSEEN:
                            got[i], bad = coerce.to_number(col[i])
                            if bad is not None:
                                raws[i][key] = bad
            elif how is ColumnRead.TARGET or how is ColumnRead.VALUE:
                for i, v in enumerate(column(c)):
                    if v is None or v == "":
                        put(None)
                        continue
                    unit = units[i]
                    percent = False
                    if v.__class__ is float or v.__class__ is int:
                        if not (_TINY <= v < _MAX or -_MAX < v <= -_TINY or v == 0):
                            self.cells.odd_cell(data_rows[i], c, v)
                        else:
                            percent = self.cells.percent(data_rows[i], c, v, unit)
                    elif v.__class__ is str and v[0] == "#" and coerce.is_error_value(v):
                        self.cells.odd_cell(data_rows[i], c, v)
                    put(_value_text(v, percent, unit, ops[i] if how is ColumnRead.TARGET else None, memo))
            elif how is ColumnRead.DIRECTION:
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
            elif how is ColumnRead.LEVEL:
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

    def read_totals(self, place: FoundTable, r: int) -> None:
        for total in place.spec.table.totals:
            if total.path and total.key in place.cols:
                self.cells.put(total.path, r, place.cols[total.key], "number")



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
