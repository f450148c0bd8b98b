"""Read filled forms from workbooks: any file in, a Form (or the reasons there is none) out.

    read_workbook(path, engine="calamine") -> ReadResult   # .xlsx / .xlsm, sniffed first
    read_grid(grid) -> ReadResult                          # any engine's value grid
    read_book(book) -> ReadResult                          # a live xlwings-like Book
    read_path(path) -> ReadResult                          # workbook or form JSON by extension

A ReadResult is plain data: `.form` (the first form, or None), `.forms` (all forms found, one per
sheet), `.findings` (T-family: structure, file, safety), `.engine`. Nothing here raises on user
data: unusable files come back with `form=None` and a T1xx finding saying why and what to do.
"""

from __future__ import annotations

import heapq
import json
import traceback
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from perfxl.domain import Finding, Form, FormKind
from perfxl.forms.layout import layout_for
from perfxl.forms.layout.spec import HELP_SHEET, LISTS_SHEET, META_SHEET, TEMPLATE_VERSION, HeaderRow
from perfxl.forms.read.assemble import build_form, month_end
from perfxl.forms.read.extract import extract
from perfxl.forms.read.grid import Sheet, ValueGrid, grid_from_book, load_calamine, load_openpyxl
from perfxl.forms.read.labels import KindSpec, kind_spec
from perfxl.forms.read.labelscan import detect_kind, scan
from perfxl.forms.read.ooxml import cell_name
from perfxl.forms.read.problems import finding, is_unusable
from perfxl.forms.read.sheetcells import Extracted, TableCells
from perfxl.forms.read.sniff import DEFAULT_LIMITS, Limits, sniff

ENGINES = ("calamine", "openpyxl")
KNOWN_VERSIONS = frozenset({TEMPLATE_VERSION})
_SKIP_SHEETS = frozenset({META_SHEET, LISTS_SHEET, HELP_SHEET})
# Columns without which an indicator table cannot be used (the rest are optional per region).
_ESSENTIAL = {
    "indicators": ("name", "target"),
    "tasks": ("name", "total"),
}
@dataclass(frozen=True, slots=True)
class ReadResult:
    form: Form | None
    findings: list[Finding] = field(default_factory=list)
    engine: str = "calamine"
    forms: tuple[Form, ...] = ()
    source: str | None = None
    file_format: str | None = None  # sniffed: xlsx, xlsm, xls, encrypted, other … ("json" for form JSON)

    @property
    def usable(self) -> bool:
        """False when the file could not be read at all (a T1xx finding says why)."""
        return not any(is_unusable(f) for f in self.findings)


# -- entry points ------------------------------------------------------------------------------


def read_workbook(path: str | Path, *, engine: str = "calamine", limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Sniff, load and read one workbook. Never raises on the file's content."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    path = path if isinstance(path, Path) else Path(path)
    source = str(path)
    sniffed = sniff(path, limits, keep_open=True)
    notes = list(sniffed.findings)
    if not sniffed.usable:
        return ReadResult(None, notes, engine, source=source, file_format=sniffed.format.value)
    loaders = [load_calamine, load_openpyxl] if engine == "calamine" else [load_openpyxl]
    error: Exception | None = None
    zf = sniffed.zip  # adopted by the first loader, which closes it
    for loader in loaders:
        try:
            with loader(path, limits, sniffed.workbook_part, zf) as grid:
                result = read_grid(grid, source=source, limits=limits)
                loaded = list(grid.findings or ())
            return replace(result, findings=notes + loaded + result.findings, file_format=sniffed.format.value)
        except Exception as exc:  # noqa: BLE001 - a broken file is a finding, not a crash
            error = exc
        finally:
            if zf is not None:
                zf.close()
            zf = None
    if _file_error(error):
        reason = f"文件内容损坏，无法解析（{type(error).__name__}: {_short(str(error))}）"
    else:  # a bug of ours: still one result row in a batch, never a crash
        reason = f"读取程序出错（{type(error).__name__}: {_short(str(error))}），请将此文件反馈给开发人员"
    return ReadResult(None, [*notes, finding("T101", reason=reason)], engine, source=source,
                      file_format=sniffed.format.value)


_FILE_ERRORS = (OSError, EOFError, ValueError, KeyError, SyntaxError, zlib.error, zipfile.BadZipFile)


def _file_error(error: Exception | None) -> bool:
    """Does the exception come from a damaged file (parsers, zip, XML) rather than from our code?"""
    if error is None:
        return False
    module = type(error).__module__ or ""
    if isinstance(error, _FILE_ERRORS) or module.startswith(_PARSERS):
        return True
    # a built-in exception raised inside a parser (openpyxl's TypeError for defaultRowHeight="xyz")
    frames = traceback.extract_tb(error.__traceback__)
    where = frames[-1].filename.replace("\\", "/") if frames else ""
    return any(f"/{name}/" in where or where.endswith(f"/{name}.py") for name in _PARSERS)


_PARSERS = ("python_calamine", "openpyxl", "xml", "zipfile")


def read_book(book: Any, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Read a live workbook object (an xlwings Book or anything shaped like one)."""
    grid = grid_from_book(book, limits)
    result = read_grid(grid, source=grid.source, limits=limits)
    return replace(result, findings=list(grid.findings or ()) + result.findings) if grid.findings else result


def read_path(path: str | Path, *, engine: str = "calamine", limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """A workbook, or a form-JSON file (.json), into a ReadResult."""
    path = Path(path)
    if path.suffix.lower() != ".json":
        return read_workbook(path, engine=engine, limits=limits)
    from perfxl.forms.formjson import FormJSONError, load_json

    try:
        forms = load_json(path)
    except (FormJSONError, OSError) as exc:
        return ReadResult(None, [finding("T101", reason=str(exc))], "json", source=str(path), file_format="json")
    return ReadResult(forms[0] if forms else None, [], "json", tuple(forms), str(path), "json")


def read_grid(grid: ValueGrid, *, source: str | None = None, limits: Limits = DEFAULT_LIMITS) -> ReadResult:
    """Find and read every form in a grid of values."""
    source = source or grid.source
    findings: list[Finding] = []
    meta = _metadata(grid.sheet(META_SHEET))
    meta_kind = _meta_kind(meta)
    version = meta.get("template_version")
    if version is not None and version not in KNOWN_VERSIONS:
        findings.append(finding("T002", location=f"{META_SHEET}!B", version=version))
    candidates = [s for s in grid.sheets if s.name not in _SKIP_SHEETS and s.visible]
    if not candidates:
        candidates = [s for s in grid.sheets if s.name not in _SKIP_SHEETS]
    forms: list[Form] = []
    looked: list[str] = []
    found_on: list[str] = []
    for index, sheet in enumerate(candidates):
        looked.append(sheet.name)
        hint = meta_kind if meta_kind and (sheet.name == layout_for(meta_kind).sheet or index == 0) else None
        form, notes = _read_sheet(sheet, hint, _meta_extra(meta) if hint else None, source, limits)
        if form is not None:
            forms.append(form)
            found_on.append(sheet.name)
            findings.extend(notes)
    if not forms:
        detail = "检查了工作表：" + "、".join(looked) if looked else "工作簿中没有工作表"
        findings.append(finding("T001", detail=detail))
        return ReadResult(None, findings, grid.engine, source=source)
    if len(forms) > 1:
        findings.append(finding("T008", count=len(forms), sheets="、".join(found_on)))
    return ReadResult(forms[0], findings, grid.engine, tuple(forms), source)


# -- one sheet -----------------------------------------------------------------------------------


def _read_sheet(sheet: Sheet, meta_kind: FormKind | None, meta_extra: dict | None, source: str | None,
                limits: Limits) -> tuple[Form | None, list[Finding]]:
    s = scan(sheet)
    if not s.hits and s.title_kind is None:
        return None, []
    notes: list[Finding] = []
    kind = s.title_kind
    if kind is None:
        kind = meta_kind
    if kind is None:
        kind, _ = detect_kind(s)
    if kind is None:
        return None, []
    if meta_kind is not None and s.title_kind is not None and meta_kind != s.title_kind:
        notes.append(finding("T007", location=sheet.name, meta=meta_kind.title, title=s.title_kind.title))
    labels = kind_spec(kind)
    ex = extract(s, labels, limits.max_blank_run)
    if s.title_kind is None and not ex.indicators and not ex.values:
        return None, []
    year = s.year
    if kind is FormKind.PROJECT_MONITOR and ex.values.get("budget.as_of") is None and s.month and year:
        ex.values["budget.as_of"] = month_end(year, s.month)
    form = build_form(kind, year, ex, source, sheet.name, meta_extra)
    notes.extend(ex.findings)
    notes.extend(_structure(form, labels, ex, sheet))
    return form, notes


def _structure(form: Form, labels: KindSpec, ex: Extracted, sheet: Sheet) -> list[Finding]:
    """T findings about the form's structure: missing sections and columns, year, emptiness, formulas."""
    out: list[Finding] = []
    where = sheet.name
    for block in labels.layout.blocks:
        if isinstance(block, HeaderRow):
            continue
        if block.section.text not in ex.found:
            out.append(finding("T003", location=where, section=block.section.text))
    for name, table in labels.tables.items():
        cols = ex.columns.get(name)
        if cols is None:
            continue
        essential = _ESSENTIAL[name] + (labels.kind.facts.essential if name == "indicators" else ())
        for key in essential:
            if key not in cols:
                label = table.table.column(key).label if table.table.has(key) else key
                out.append(finding("T013", location=where, table=table.table.section.text, column=label))
    if form.year is None:
        out.append(finding("T009", location=where))
    if not form.indicators and labels.indicators.table.section.text in ex.found:
        filled = any(v not in (None, "") for p, v in ex.values.items() if not p.startswith("budget.currency"))
        out.append(finding("T005", location=where, detail="任何绩效指标" if filled else "任何内容"))
    if form.indicators and sheet.formulas:
        names = getattr(sheet.formulas, "uncached_names", None)
        if names is None:
            names = {cell_name(r, c) for r, c in sheet.uncached}
        if names:
            # Cells the form reads (总分, 得分, 执行率) first: those are the figures the user could not see.
            read = {cell for cell, formula in ex.cells.values() if formula and cell in names}
            for table in ex.tables:
                read.update(_first_cells(table, names, 3))
            # Helper formulas the form does not read (hidden columns) matter only when a read figure is
            # itself uncached: a unit that typed its scores over the formulas has nothing missing.
            if read:
                shown = heapq.nsmallest(3, read, key=_order)
                cells = "、".join(f"{sheet.name}!{a}" for a in shown)
                out.append(finding("T006", location=f"{sheet.name}!{shown[0]}", count=len(names), cells=cells))
    return out


def _first_cells(table: TableCells, names: set[str], count: int) -> list[str]:
    """The first `count` cells (in reading order, and any others of the last row reached) of a table's
    formula cells that are among `names`: its rows are in sheet order, so later rows need no look."""
    if not names.intersection(table.formulas):
        return []
    letters = sorted(set(table.columns.values()), key=lambda s: (len(s), s))
    out: list[str] = []
    for row in table.rows:
        out.extend(cell for cell in (x + row for x in letters) if cell in table.formulas and cell in names)
        if len(out) >= count:
            break
    return out


def _order(name: str) -> tuple[int, int, str]:
    """Sort key of a cell name in reading order: 'H15' → (15, 1, 'H')."""
    letters = name.rstrip("0123456789")
    return int(name[len(letters):] or 0), len(letters), letters


def _metadata(sheet: Sheet | None) -> dict[str, str]:
    if sheet is None:
        return {}
    out = {}
    for row in sheet.rows[:50]:
        if len(row) >= 2 and isinstance(row[0], str) and row[0].strip():
            value = row[1]
            if value is not None and value != "":
                out[row[0].strip()] = str(int(value)) if isinstance(value, float) and value.is_integer() \
                    else str(value).strip()
    return out


def _meta_extra(meta: dict[str, str]) -> dict | None:
    """The metadata sheet's "extra" (JSON object): regional additions a writer could not place."""
    text = meta.get("extra")
    if not text or text == "{}":
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _meta_kind(meta: dict[str, str]) -> FormKind | None:
    try:
        return FormKind(meta["kind"]) if "kind" in meta else None
    except ValueError:
        return None


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
