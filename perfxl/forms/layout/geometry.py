"""Geometry: a layout → cell addresses. Shared by the builder, the writer and the reader."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cache

from openpyxl.utils import get_column_letter

from perfxl.forms.layout.spec import YEAR, Column, Field, Grid, HeaderRow, Layout, Table, TextBlock


@dataclass(frozen=True, slots=True)
class Box:
    """A drawn cell or merged range. role: title | subtitle (the year) | subtitle_left | subtitle_right | section
    | label | header | input | formula | fixed | total."""

    ref: str  # "A1" or "A1:C1"
    role: str
    text: str | None = None
    field: Field | None = None
    column: Column | None = None


@dataclass(slots=True)
class TablePlace:
    table: Table
    header_row: int
    first_row: int
    last_row: int  # last data row
    total_row: int | None
    cols: dict[str, str]  # column key → letter (the first column of its span)
    widths: dict[str, float] = field(default_factory=dict)  # column key → width of its span

    @property
    def nrows(self) -> int:
        return self.last_row - self.first_row + 1

    def cell(self, key: str, row: int) -> str:
        return f"{self.cols[key]}{row}"

    def data_range(self, key: str) -> str:
        col = self.cols[key]
        return f"{col}{self.first_row}:{col}{self.last_row}"


@dataclass(slots=True)
class Placement:
    layout: Layout
    widths: list[float]  # column widths, index 0 = column A
    hidden_from: int  # first hidden (helper) column index (0-based), == len(widths) when none
    boxes: list[Box] = field(default_factory=list)
    cells: dict[str, str] = field(default_factory=dict)  # field path → "D7"
    tables: dict[str, TablePlace] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    last_row: int = 0
    params: dict[str, str] = field(default_factory=dict)  # {%name} values

    @property
    def ncols(self) -> int:
        return self.hidden_from

    @property
    def last_col(self) -> str:
        return get_column_letter(self.hidden_from)

    def table(self, name: str = "indicators") -> TablePlace:
        return self.tables[name]

    def formula(self, template: str, row: int | None = None, table: TablePlace | None = None) -> str:
        """Resolve the placeholders of a formula template (see the module docstring)."""

        def param(match: re.Match) -> str:
            return self.params[match.group(1)]

        def resolve(match: re.Match) -> str:
            token = match.group(1)
            if token.startswith("#"):
                assert table is not None
                key = token[1:]
                if key.endswith(":"):
                    col = table.cols[key[:-1]]
                    if table.total_row is None:
                        return f"${col}${table.first_row}:${col}${table.last_row}"
                    anchor = f"${table.cols[table.table.columns[0].key]}${table.total_row}"
                    return f"${col}${table.header_row}:INDEX(${col}:${col},ROW({anchor})-1)"
                assert row is not None
                return f"{table.cols[key]}{row}"
            if token.startswith("="):
                assert table is not None and table.total_row is not None
                return f"${table.cols[token[1:]]}${table.total_row}"
            return _absolute(self.cells[token])

        template = re.sub(r"\{%([^{}]+)\}", param, template)  # rule-pack fragments may hold other tokens
        return re.sub(r"\{([^{}]+)\}", resolve, template)


def _absolute(ref: str) -> str:
    m = re.fullmatch(r"([A-Z]+)(\d+)", ref)
    assert m, ref
    return f"${m.group(1)}${m.group(2)}"


def _spread(widths: list[float], start: int, end: int, desired: list[float]) -> list[tuple[int, int]]:
    """Share the physical columns start..end (inclusive, 0-based) among logical cells whose widths should
    be in proportion to `desired`: the contiguous partition with the least squared log-error of widths.
    Each logical cell gets at least one column. Returns inclusive (first, last) indices."""
    phys = widths[start:end + 1]
    n, k = len(phys), len(desired)
    assert n >= k, (n, k)
    scale = sum(phys) / sum(desired)
    want = [d * scale for d in desired]
    cum = [0.0]
    for w in phys:
        cum.append(cum[-1] + w)
    inf = float("inf")
    # best[j][m]: least cost of placing the first j cells on the first m columns; cut[j][m]: start of cell j
    best = [[inf] * (n + 1) for _ in range(k + 1)]
    cut = [[0] * (n + 1) for _ in range(k + 1)]
    best[0][0] = 0.0
    for j in range(1, k + 1):
        for m in range(j, n - (k - j) + 1):
            for s in range(j - 1, m):
                if best[j - 1][s] == inf:
                    continue
                cost = best[j - 1][s] + math.log((cum[m] - cum[s]) / want[j - 1]) ** 2
                if cost < best[j][m] - 1e-12:
                    best[j][m], cut[j][m] = cost, s
    out, m = [], n
    for j in range(k, 0, -1):
        s = cut[j][m]
        out.append((start + s, start + m - 1))
        m = s
    return out[::-1]


def _label_width(text: str) -> float:
    """Approximate column-width units a bold CJK label needs."""
    return 2.1 * max(len(text), 4) + 2  # short labels share one width, so values line up


def _centre_column(widths: list[float]) -> int:
    """The column whose middle is nearest the middle of the printed width."""
    half, acc, best, gap = sum(widths) / 2, 0.0, 1, float("inf")
    for i, w in enumerate(widths):
        if 0 < i < len(widths) - 1 and abs(acc + w / 2 - half) < gap:
            best, gap = i, abs(acc + w / 2 - half)
        acc += w
    return best


def _ref(c1: int, r1: int, c2: int, r2: int) -> str:
    a = f"{get_column_letter(c1 + 1)}{r1}"
    if (c1, r1) == (c2, r2):
        return a
    return f"{a}:{get_column_letter(c2 + 1)}{r2}"


SECTION_WIDTH = 5.5


def _main_table(layout: Layout) -> Table:
    return layout.table("indicators")


@cache
def _column_widths(layout: Layout) -> tuple[tuple[float, ...], int]:
    main = _main_table(layout)
    visible = [c.width for c in main.columns if not c.hidden]
    hidden = [c.width for c in main.columns if c.hidden]
    widths = [SECTION_WIDTH, *visible, *hidden]
    return tuple(widths), 1 + len(visible)


def place(layout: Layout, rows: dict[str, int] | None = None, params: dict[str, str] | None = None) -> Placement:
    """Addresses for `layout`; `rows` overrides a table's row count ({"indicators": 45})."""
    rows = rows or {}
    widths, hidden_from = _column_widths(layout)
    p = Placement(layout, list(widths), hidden_from, params=dict(params or {}))
    last = hidden_from - 1  # last visible column index
    r = 1
    p.boxes.append(Box(_ref(0, r, last, r), "title", layout.title))
    p.heights[r] = 36
    r += 1
    # Subtitle （2024年度）: the year is an input cell between "（" and "年度）", near the centre.
    mid = _centre_column(p.widths[: last + 1])
    p.boxes.append(Box(_ref(0, r, mid - 1, r), "subtitle_left", "（"))
    p.boxes.append(Box(_ref(mid, r, mid, r), "subtitle", field=YEAR))
    p.boxes.append(Box(_ref(mid + 1, r, last, r), "subtitle_right", "年度）"))
    p.cells["year"] = _ref(mid, r, mid, r)
    p.heights[r] = 22
    r += 1
    for block in layout.blocks:
        if isinstance(block, HeaderRow):
            # The first label always spans A:B, so values line up from row to row; the rest is shared.
            desired = [f.width * 12 for f in block.fields[:1]]
            for f in block.fields[1:]:
                desired += [_label_width(f.label), f.width * 12]
            spans = [(0, 1), *_spread(p.widths, 2, last, desired)]
            for i, f in enumerate(block.fields):
                (a1, a2), (b1, b2) = spans[2 * i], spans[2 * i + 1]
                p.boxes.append(Box(_ref(a1, r, a2, r), "label", f.label))
                p.boxes.append(Box(_ref(b1, r, b2, r), "input" if f.input else "formula", field=f))
                if f.path:
                    p.cells[f.path] = _ref(b1, r, b1, r)
            p.heights[r] = 22
            r += 1
        elif isinstance(block, Grid):
            n = len(block.rows) + 1
            p.boxes.append(Box(_ref(0, r, 0, r + n - 1), "section", block.section.text))
            spans = _spread(p.widths, 1, last, [2.0] + [1.0] * len(block.columns))
            (c1, c2) = spans[0]
            p.boxes.append(Box(_ref(c1, r, c2, r), "header", block.corner))
            for (s1, s2), label in zip(spans[1:], block.columns, strict=True):
                p.boxes.append(Box(_ref(s1, r, s2, r), "header", label.text))
            p.heights[r] = 30
            for i, grow in enumerate(block.rows, start=1):
                p.boxes.append(Box(_ref(c1, r + i, c2, r + i), "label", grow.label.text))
                for (s1, s2), cell in zip(spans[1:], grow.cells, strict=True):
                    ref = _ref(s1, r + i, s2, r + i)
                    if isinstance(cell, Field):
                        p.boxes.append(Box(ref, "input" if cell.input else "formula", field=cell))
                        if cell.path:
                            p.cells[cell.path] = _ref(s1, r + i, s1, r + i)
                    else:
                        p.boxes.append(Box(ref, "fixed", cell or ""))
                p.heights[r + i] = 20
            r += n
        elif isinstance(block, TextBlock):
            p.boxes.append(Box(_ref(0, r, 0, r + 1), "section", block.section.text))
            spans = _spread(p.widths, 1, last, [1.0] * len(block.fields))
            for (s1, s2), f in zip(spans, block.fields, strict=True):
                p.boxes.append(Box(_ref(s1, r, s2, r), "header", f.label))
                p.boxes.append(Box(_ref(s1, r + 1, s2, r + 1), "input", field=f))
                p.cells[f.path] = _ref(s1, r + 1, s1, r + 1)
            p.heights[r] = 20
            p.heights[r + 1] = block.height
            r += 2
        elif isinstance(block, Table):
            r = _place_table(p, block, r, rows.get(block.name, block.rows))
    p.last_row = r - 1
    return p


def _place_table(p: Placement, table: Table, r: int, nrows: int) -> int:
    last = p.hidden_from - 1
    visible = [c for c in table.columns if not c.hidden]
    hidden = [c for c in table.columns if c.hidden]
    if table is _main_table(p.layout):
        letters = [get_column_letter(i + 2) for i in range(len(visible))]
        spans = [(i + 1, i + 1) for i in range(len(visible))]
    else:
        spans = _spread(p.widths, 1, last, [c.width for c in visible])
        letters = [get_column_letter(s1 + 1) for s1, _ in spans]
    cols = {c.key: letter for c, letter in zip(visible, letters, strict=True)}
    cols.update({c.key: get_column_letter(p.hidden_from + 1 + i) for i, c in enumerate(hidden)})
    header = r
    first, end = r + 1, r + nrows
    total = end + 1 if table.total_label else None
    widths = {c.key: sum(p.widths[s1:s2 + 1]) for (s1, s2), c in zip(spans, visible, strict=True)}
    widths.update({c.key: c.width for c in hidden})
    place = TablePlace(table, header, first, end, total, cols, widths)
    p.tables[table.name] = place
    p.boxes.append(Box(_ref(0, header, 0, total or end), "section", table.section.text))
    for (s1, s2), col in zip(spans, visible, strict=True):
        p.boxes.append(Box(_ref(s1, header, s2, header), "header", col.label, column=col))
    for i, col in enumerate(hidden):
        c = p.hidden_from + i
        p.boxes.append(Box(_ref(c, header, c, header), "header", col.label, column=col))
    p.heights[header] = 32
    for row in range(first, end + 1):
        for (s1, s2), col in zip(spans, visible, strict=True):
            p.boxes.append(Box(_ref(s1, row, s2, row), "input" if col.input else "formula", column=col))
        for i, col in enumerate(hidden):
            c = p.hidden_from + i
            p.boxes.append(Box(_ref(c, row, c, row), "formula", column=col))
    if total is not None:
        under = {t.key: t for t in table.totals}
        keyed = [i for i, col in enumerate(visible) if col.key in under]
        label_end = spans[keyed[0]][0] - 1 if keyed else last
        p.boxes.append(Box(_ref(1, total, label_end, total), "total", table.total_label))
        for (s1, s2), col in zip(spans, visible, strict=True):
            if s1 <= label_end:
                continue
            cell = under.get(col.key)
            ref = _ref(s1, total, s2, total)
            if cell is None:
                p.boxes.append(Box(ref, "total", ""))
                continue
            f = Field(table.total_label, cell.path, formula=cell.formula, fmt=cell.fmt, number=True)
            p.boxes.append(Box(ref, "formula", field=f, column=col))
            if cell.path:
                p.cells[cell.path] = _ref(s1, total, s1, total)
        for i, col in enumerate(hidden):
            cell = under.get(col.key)
            if cell is not None:
                c = p.hidden_from + i
                f = Field(table.total_label, cell.path, formula=cell.formula, fmt=cell.fmt, number=True)
                p.boxes.append(Box(_ref(c, total, c, total), "formula", field=f, column=col))
        p.heights[total] = 22
    return (total or end) + 1
