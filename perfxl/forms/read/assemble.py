"""Extracted values → a Form: sections built from field paths, and `Form.cells` as a CellMap."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from perfxl.domain import Budget, CellRef, Form, FormKind, Goals, Indicator, Project, Task, Unit
from perfxl.forms.read.sheetcells import Extracted, TableCells

_SECTIONS = {"unit": Unit, "project": Project, "budget": Budget, "goals": Goals}


class CellMap(Mapping):
    """Form.cells: field path → CellRef. A form maps hundreds of paths and a linter asks for a few,
    so the CellRefs are made on first access, and table items ("indicators[3].actual") are kept as
    a TableCells each (columns × rows) until asked for. It reads like a dict of CellRefs in every
    other way."""

    __slots__ = ("_sheet", "_cells", "_tables", "_refs")

    def __init__(self, sheet: str, cells: dict[str, tuple[str, str | None]], tables: Iterable[TableCells] = ()):
        self._sheet = sheet
        self._cells = cells
        self._tables = {t.name: t for t in tables}
        self._refs: dict[str, CellRef] = {}

    def _locate(self, path: str) -> tuple[str, str | None] | None:
        found = self._cells.get(path)
        if found is not None or not self._tables:
            return found
        name, bracket, rest = path.partition("[")
        table = self._tables.get(name)
        if table is None or not bracket:
            return None
        index, dot, key = rest.partition("].")
        if not dot or not index.isascii() or not index.isdigit() or str(int(index)) != index:
            return None
        return table.locate(int(index), key)

    def __getitem__(self, path: str) -> CellRef:
        ref = self._refs.get(path)
        if ref is None:
            found = self._locate(path)
            if found is None:
                raise KeyError(path)
            ref = self._refs[path] = CellRef(self._sheet, *found)
        return ref

    def get(self, path: str, default=None):
        ref = self._refs.get(path)
        if ref is None:
            found = self._locate(path)
            if found is None:
                return default
            ref = self._refs[path] = CellRef(self._sheet, *found)
        return ref

    def __iter__(self):
        for table in self._tables.values():
            for i in range(len(table.rows)):
                prefix = f"{table.name}[{i}]."
                for key in table.columns:
                    yield prefix + key
        yield from self._cells

    def __len__(self) -> int:
        return len(self._cells) + sum(len(t.rows) * len(t.columns) for t in self._tables.values())

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self._locate(path) is not None

    def __repr__(self) -> str:
        return f"CellMap({self._sheet!r}, {len(self)} cells)"


def build_form(kind: FormKind, year: int | None, ex: Extracted, source: str | None, sheet: str = "",
               extra: dict | None = None) -> Form:
    parts: dict[str, dict] = {name: {} for name in _SECTIONS}
    extra_out: dict = dict(extra or {})
    total = None
    for path, value in ex.values.items():
        head, _, rest = path.partition(".")
        if head in parts and rest:
            if value is not None or head == "budget" and rest == "currency_unit":
                parts[head][rest] = value
        elif head == "extra" and rest:
            if value is not None:
                extra_out[rest] = value
        elif path == "total":
            total = value
        elif path == "year" and isinstance(value, int | float):
            year = year or int(value)
    if parts["budget"].get("currency_unit") is None:
        parts["budget"].pop("currency_unit", None)
    indicators = tuple(Indicator(**_known(Indicator, item)) for item in ex.indicators)
    tasks = tuple(Task(**_known(Task, item)) for item in ex.tasks)
    return Form(
        kind=kind,
        year=year,
        unit=Unit(**parts["unit"]),
        project=Project(**parts["project"]),
        budget=Budget(**parts["budget"]),
        goals=Goals(**parts["goals"]),
        indicators=indicators,
        tasks=tasks,
        total=total,
        extra=extra_out,
        source=source,
        cells=CellMap(sheet, ex.cells, ex.tables),
        raw=dict(ex.raw),
    )


def _known(cls, item: dict) -> dict:
    names = cls.__dataclass_fields__
    if item.keys() <= names.keys():  # the usual case: every column read is a field
        return item
    return {k: v for k, v in item.items() if k in names}


def month_end(year: int, month: int) -> str:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1).isoformat()
