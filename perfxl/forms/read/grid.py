"""The value-grid seam: the reader sees sheets as rows of plain values, whatever engine read them.

A `Sheet` is its name, visibility, `rows` (lists of str/float/int/bool/date/None; "" also means
empty; an error value is its text, "#DIV/0!", whatever the engine), merged ranges when the engine
knows them (value in the top-left cell only), `formulas` ((row, col) → "=…" for formula cells),
`uncached` (formula cells whose file carries no computed value) and `percent` (cells formatted as %,
so 0.95 reads as "95%"). Coordinates are 0-based.

Loaders: `load_calamine` (fast path), `load_openpyxl` (streaming, bounded), `grid_from_book`
(any xlwings-like Book: `.sheets[i].name` and `.used_range.value`; no xlwings import here),
`grid_from_rows` (plain lists, for tests and integrations). Grids hold open files: use them as
context managers (`with load_calamine(path) as grid:`).
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from perfxl.domain import Finding
from perfxl.forms.read.ooxml import Package, SheetPart, SheetScan, error_cells
from perfxl.forms.read.problems import finding
from perfxl.forms.read.sniff import DEFAULT_LIMITS, Limits

Cell = str | float | int | bool | date | datetime | None
Merged = tuple[int, int, int, int]  # r1, c1, r2, c2, 0-based inclusive


class Sheet:
    """One sheet as values. Rows load on first access, so sheets the reader skips cost nothing."""

    __slots__ = ("name", "state", "_rows", "_merged", "_formulas", "_uncached", "_percent", "_loader")

    def __init__(
        self,
        name: str,
        rows: list[list[Cell]] | None = None,
        *,
        state: str = "visible",
        merged: Sequence[Merged] = (),
        formulas: Mapping[tuple[int, int], str] | None = None,
        uncached: Iterable[tuple[int, int]] = (),
        percent: Iterable[tuple[int, int]] = (),
        loader: Callable[[Sheet], None] | None = None,
    ):
        self.name = name
        self.state = state
        self._rows = rows
        self._merged = list(merged) if merged else []
        self._formulas: Mapping[tuple[int, int], str] = dict(formulas) if formulas else {}
        self._uncached: set[tuple[int, int]] | Callable[[], set[tuple[int, int]]] = set(uncached) if uncached else set()
        self._percent: set[tuple[int, int]] | Callable[[], set[tuple[int, int]]] = set(percent) if percent else set()
        self._loader = loader

    def _load(self) -> None:
        if self._rows is None:
            loader, self._loader = self._loader, None
            self._rows = []
            if loader is not None:
                loader(self)

    def fill(self, rows: list[list[Cell]], merged: Sequence[Merged] = (),
             formulas: Mapping[tuple[int, int], str] | None = None,
             uncached: Iterable[tuple[int, int]] | Callable[[], set[tuple[int, int]]] = (),
             percent: Iterable[tuple[int, int]] | Callable[[], set[tuple[int, int]]] = ()) -> None:
        """Used by loaders to deliver the sheet's content (`uncached` and `percent` may be callables,
        run on first use)."""
        self._rows = rows
        self._merged = list(merged)
        self._formulas = formulas if formulas is not None else {}
        self._uncached = uncached if callable(uncached) else set(uncached)
        self._percent = percent if callable(percent) or hasattr(percent, "__contains__") else set(percent)

    @property
    def visible(self) -> bool:
        return self.state == "visible"

    @property
    def rows(self) -> list[list[Cell]]:
        self._load()
        return self._rows  # type: ignore[return-value]

    @property
    def merged(self) -> list[Merged]:
        self._load()
        return self._merged

    @property
    def formulas(self) -> Mapping[tuple[int, int], str]:
        self._load()
        return self._formulas

    @property
    def uncached(self) -> set[tuple[int, int]]:
        """Formula cells whose file carries no computed value (never opened in a spreadsheet)."""
        self._load()
        if callable(self._uncached):
            self._uncached = self._uncached()
        return self._uncached

    @property
    def percent(self) -> Container[tuple[int, int]]:
        """Cells whose number format shows a percentage (0.95 displayed as 95%), when known:
        use `(row, col) in sheet.percent`."""
        self._load()
        if callable(self._percent):
            self._percent = self._percent()
        return self._percent

    def value(self, row: int, col: int) -> Cell:
        rows = self.rows
        if 0 <= row < len(rows):
            line = rows[row]
            if 0 <= col < len(line):
                return line[col]
        return None

    def __repr__(self) -> str:
        return f"Sheet({self.name!r}, state={self.state!r})"


@dataclass(slots=True)
class ValueGrid:
    """A workbook as sheets of values. `findings` collects T notes raised while loading."""

    sheets: list[Sheet]
    source: str | None = None
    engine: str = "rows"
    findings: list[Finding] | None = None
    _closers: list[Callable[[], Any]] | None = None

    def __post_init__(self) -> None:
        if self.findings is None:
            self.findings = []

    def sheet(self, name: str) -> Sheet | None:
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        return None

    def close(self) -> None:
        for close in self._closers or ():
            with contextlib.suppress(Exception):  # closing must never mask the real result
                close()
        self._closers = None
        for sheet in self.sheets:  # a loader holds this grid and the closed book: a cycle that kept a
            sheet._loader = None  # workbook's buffers until the garbage collector's next full pass

    def __enter__(self) -> ValueGrid:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def grid_from_rows(sheets: Mapping[str, list[list[Cell]]] | Iterable[Sheet], source: str | None = None) -> ValueGrid:
    """A grid from plain lists: {"自评表": [[...], ...]} or ready-made Sheet objects."""
    if isinstance(sheets, Mapping):
        items = [Sheet(name, [list(r) for r in rows]) for name, rows in sheets.items()]
    else:
        items = list(sheets)
    return ValueGrid(items, source=source, engine="rows")


# -- python-calamine ---------------------------------------------------------------------------


def load_calamine(path: str | Path, limits: Limits = DEFAULT_LIMITS, workbook_part: str = "xl/workbook.xml",
                  zf: zipfile.ZipFile | None = None) -> ValueGrid:
    """Values via python-calamine; formulas, extents and the safety scan via `ooxml`.

    Call only on files `sniff` accepted (xlsx/xlsm). Sheets whose cells extend beyond the limits
    are streamed with openpyxl instead (calamine would allocate their full rectangle).
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    path = path if isinstance(path, Path) else Path(path)
    source = str(path)
    package = Package(path, workbook_part, limits, zf)
    grid = ValueGrid([], source=source, engine="calamine", _closers=[package.close])
    try:
        raw = getattr(package.zip, "raw", None)  # the bytes sniff checked, when it read the file whole
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw)) if raw is not None else CalamineWorkbook.from_path(source)
    except Exception:
        package.close()
        raise
    grid._closers.append(book.close)
    parts = {p.name: p for p in package.sheets}
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        part = parts.get(meta.name)
        state = _STATES[str(meta.visible).rsplit(".", 1)[-1]]

        def load(sheet: Sheet, part: SheetPart | None = part) -> None:
            _calamine_sheet(sheet, book, package, part, limits, grid)

        grid.sheets.append(Sheet(meta.name, state=state, loader=load))
    return grid


_STATES = {"Visible": "visible", "Hidden": "hidden", "VeryHidden": "veryHidden"}


def _calamine_sheet(sheet: Sheet, book, package: Package, part: SheetPart | None, limits: Limits, grid: ValueGrid) -> None:
    if part is None:  # no part we could check: never hand it to calamine unchecked; stream, bounded
        _stream_sheet(sheet, package, part, SheetScan(), limits, grid)
        return
    scan = package.scan(part, merges=False)
    if not scan.fits(limits):
        if not scan.too_big:
            scan = package.scan(part)  # streaming needs our merged ranges
        _stream_sheet(sheet, package, part, scan, limits, grid)
        return
    data = book.get_sheet_by_name(sheet.name)
    rows = data.to_python(skip_empty_area=False, nrows=limits.max_rows)
    if data.height > limits.max_rows or data.width > limits.max_cols:
        rows = [row[: limits.max_cols] for row in rows]
        grid.findings.append(_truncated(sheet.name, data.height, data.width, limits))
    merged = getattr(data, "merged_cell_ranges", None) or ()  # python-calamine >= 0.4
    merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in merged]
    for (r, c), text in error_cells(scan.data).items():  # calamine reads #DIV/0! as an empty cell
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = text
    _deliver(sheet, rows, merged, scan)


def _deliver(sheet: Sheet, rows: list[list[Cell]], merged: Sequence[Merged], scan: SheetScan) -> None:
    formulas = scan.formulas
    sheet.fill(rows, merged, formulas, lambda: formulas.uncached, scan.percent())


def _truncated(name: str, rows: int, cols: int, limits: Limits) -> Finding:
    return _truncated_detail(name, f"{rows} 行 × {cols} 列", limits)


# -- openpyxl ----------------------------------------------------------------------------------


def load_openpyxl(path: str | Path, limits: Limits = DEFAULT_LIMITS, workbook_part: str = "xl/workbook.xml",
                  zf: zipfile.ZipFile | None = None) -> ValueGrid:
    """Values via openpyxl in read-only (streaming) mode, bounded to the limits.

    One pass with formulas (data_only=False); a formula cell's value is its cached result taken
    from the `ooxml` scan, so there is no second load with data_only=True. External links are
    not loaded (keep_links=False).
    """
    path = Path(path)
    package = Package(path, workbook_part, limits, zf)
    grid = ValueGrid([], source=str(path), engine="openpyxl", _closers=[package.close])
    for part in package.sheets:

        def load(sheet: Sheet, part: SheetPart = part) -> None:
            _stream_sheet(sheet, package, part, package.scan(part), limits, grid)

        grid.sheets.append(Sheet(part.name, state=part.state, loader=load))
    return grid


def _openpyxl_book(package: Package, grid: ValueGrid):
    """One read-only openpyxl workbook per grid, opened on first use."""
    book = package.openpyxl_book
    if book is None:
        import openpyxl

        raw = getattr(package.zip, "raw", None)
        book = openpyxl.load_workbook(io.BytesIO(raw) if raw is not None else package.path, read_only=True,
                                      data_only=False, keep_links=False)
        package.openpyxl_book = book
        grid._closers.insert(0, book.close)
    return book


def _stream_sheet(sheet: Sheet, package: Package, part: SheetPart | None, scan: SheetScan, limits: Limits,
                  grid: ValueGrid) -> None:
    ws = _openpyxl_book(package, grid)[sheet.name]
    rows: list[list[Cell]] = []
    blank_run = 0
    for values in ws.iter_rows(min_row=1, max_row=limits.max_rows, min_col=1, max_col=limits.max_cols,
                               values_only=True):
        row = list(values)
        rows.append(row)
        blank_run = blank_run + 1 if all(v is None for v in row) else 0
        if blank_run > limits.max_blank_run:
            break
    while rows and all(v is None for v in rows[-1]):
        rows.pop()
    for r, c in scan.formulas:
        if r < len(rows) and c < len(rows[r]):
            rows[r][c] = scan.formulas.cached_value((r, c))
    if scan.too_big or scan.rows > limits.max_rows or scan.cols > limits.max_cols:
        detail = "工作表部件过大" if scan.too_big else f"{scan.rows} 行 × {scan.cols} 列"
        grid.findings.append(_truncated_detail(sheet.name, detail, limits))
    _deliver(sheet, rows, scan.merged, scan)


def _truncated_detail(name: str, detail: str, limits: Limits) -> Finding:
    return finding("T010", location=name, sheet=name, detail=detail, rows=limits.max_rows, cols=limits.max_cols)


# -- xlwings-like books ------------------------------------------------------------------------


def grid_from_book(book: Any, limits: Limits = DEFAULT_LIMITS) -> ValueGrid:
    """A grid from a live workbook object such as an xlwings Book (duck-typed, nothing imported).

    Uses, per sheet: `.name`, `.used_range.value` (a scalar, a 1-D list or a 2-D list), and when
    present `.used_range.row`/`.column` (1-based top-left), `.used_range.shape`,
    `.used_range.formula` (same shape; strings starting with "=" are formulas), `.used_range.number_format`
    (one format, rows of formats, or None when mixed: then `.range((row, col)).number_format` per cell
    asked about) and `.visible`. Merged ranges are unknown; values in a live book are always computed.
    """
    grid = ValueGrid([], source=getattr(book, "fullname", None) or getattr(book, "name", None), engine="xlwings")
    for ws in book.sheets:
        name = str(ws.name)
        visible = getattr(ws, "visible", True)

        def load(sheet: Sheet, ws: Any = ws) -> None:
            rng = ws.used_range
            shape = getattr(rng, "shape", None)
            values = _matrix(rng.value, shape)
            top = int(getattr(rng, "row", 1) or 1) - 1
            left = int(getattr(rng, "column", 1) or 1) - 1
            formulas_raw = _matrix(_optional(rng, "formula"), shape)
            height, width = top + len(values), left + max((len(line) for line in values), default=0)
            if height > limits.max_rows or width > limits.max_cols:
                grid.findings.append(_truncated(sheet.name, height, width, limits))
            rows: list[list[Cell]] = [[] for _ in range(min(top, limits.max_rows))]
            for line in values[: max(limits.max_rows - top, 0)]:
                rows.append(([None] * left + list(line))[: limits.max_cols])
            formulas = {}
            for i, line in enumerate(formulas_raw[: max(limits.max_rows - top, 0)]):
                for j, text in enumerate(line):
                    if isinstance(text, str) and text.startswith("=") and left + j < limits.max_cols:
                        formulas[(top + i, left + j)] = text
            sheet.fill(rows, (), formulas, (), _BookPercent(ws, _optional(rng, "number_format"), top, left))

        grid.sheets.append(Sheet(name, state="visible" if visible else "hidden", loader=load))
    return grid


def _optional(rng: Any, name: str) -> Any:
    """A range attribute (formula, number_format), or None where the engine cannot give it synchronously
    (xlwings Server's remote book)."""
    try:
        return getattr(rng, name, None)
    except NotImplementedError:
        return None


class _BookPercent:
    """`(row, col) in cells` for a live book: the used range's `number_format` when it is one format
    for the whole range (a string) or given per cell (rows of strings); when xlwings reports mixed
    formats (None), the few cells the reader asks about are looked up one by one (`sheet.range`)."""

    __slots__ = ("_ws", "_formats", "_top", "_left", "_known")

    def __init__(self, ws: Any, formats: Any, top: int, left: int):
        self._ws, self._formats, self._top, self._left = ws, formats, top, left
        self._known: dict[tuple[int, int], bool] = {}

    def __contains__(self, pos: object) -> bool:
        if not isinstance(pos, tuple):
            return False
        formats = self._formats
        if isinstance(formats, str):
            return "%" in formats
        known = self._known.get(pos)
        if known is None:
            known = self._known[pos] = "%" in str(self._format(*pos) or "")
        return known

    def _format(self, r: int, c: int) -> Any:
        i, j = r - self._top, c - self._left
        if isinstance(self._formats, list | tuple):
            line = self._formats[i] if 0 <= i < len(self._formats) else None
            if isinstance(line, list | tuple):
                return line[j] if 0 <= j < len(line) else None
            return line if i == 0 and j == 0 else None
        cell = getattr(self._ws, "range", None)
        if cell is None:
            return None
        try:  # a live workbook may refuse (closed, busy): then the number is read as it is
            return cell((r + 1, c + 1)).number_format
        except Exception:  # noqa: BLE001
            return None


def _matrix(value: Any, shape: Any) -> list[list[Cell]]:
    """Normalise xlwings' scalar / 1-D / 2-D range values to a list of rows."""
    if value is None and not shape:
        return []
    if not isinstance(value, list | tuple):
        return [[value]]
    if not value:
        return []
    if isinstance(value[0], list | tuple):
        return [list(row) for row in value]
    if shape and len(shape) == 2 and shape[1] == 1 and shape[0] > 1:
        return [[v] for v in value]
    return [list(value)]
