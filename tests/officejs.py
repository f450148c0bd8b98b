"""Test support for the Excel doors: xlwings in its server mode, Office.js-shaped payloads, and a small
model of a workbook that xlwings Server's returned actions are applied to.

Import this module before anything that imports xlwings: it selects xlwings Server's decorators
(XLWINGS_ON_SERVER) and the PolyForm Noncommercial licence key, as `perfxl serve` does.
"""

import asyncio
import datetime
import json
import os

import pytest

os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
os.environ["XLWINGS_ON_SERVER"] = "true"
try:
    import xlwings as xw
    import xlwings.server as xw_server
except ImportError:
    pytest.skip("需要 xlwings：pip install 'perfxl[server]'", allow_module_level=True)

from perfxl.forms.write.writer import fill_workbook  # noqa: E402
from perfxl.samples import generate  # noqa: E402


def filled_workbook(kind, seed: int = 7):
    """An openpyxl workbook: the template of `kind` filled with a generated sample (own scores typed)."""
    sample = generate(1, seed=seed, kinds=[kind], fault_share=0.6)[0]
    wb, _ = fill_workbook(sample.form, typed_scores=True)
    return wb


def _cell(cell):
    value = cell.value
    if value is None or cell.data_type == "f":
        return ""  # Office.js sends computed values; these formulas were never calculated
    if isinstance(value, datetime.date):  # as xlwings' Office.js client sends dates
        moment = datetime.datetime.combine(value, datetime.time()) if not isinstance(value, datetime.datetime) else value
        return moment.isoformat(timespec="milliseconds") + "Z"
    return value


def book_payload(wb, name: str = "自评表.xlsx") -> dict:
    """What Office.js sends for a workbook (xlwings' getBookData): names, sheets with values and notes."""
    sheets = []
    for ws in wb.worksheets:
        values = [[_cell(c) for c in row] for row in ws.iter_rows()]
        sheets.append({"name": ws.title, "values": values or [[]], "pictures": [], "tables": [], "shapes": [],
                       "charts": [], "notes": [], "pivot_tables": [], "print_area": None, "show_gridlines": True,
                       "visibility": "Visible" if ws.sheet_state == "visible" else "Hidden"})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


def remote_book(payload: dict):
    """An xlwings Book on the remote engine (what xlwings Server hands to a script)."""
    return xw.Book(json=json.loads(json.dumps(payload)))


class Workbook:
    """Cell values, fills and notes of a payload, changed by applying returned actions as Office.js would."""

    def __init__(self, payload: dict):
        self.payload = json.loads(json.dumps(payload))
        self.fills: dict[tuple[str, int, int], str | None] = {}
        self.layout: list[tuple] = []  # column widths, wrapping, hidden columns as set (last one wins)

    def sheet(self, position: int) -> dict:
        return self.payload["sheets"][position]

    def apply(self, actions: list[dict]) -> None:
        for a in actions:
            func = a["func"]
            if func == "addSheet":
                index, name = a["args"]
                blank = {k: v for k, v in self.payload["sheets"][0].items()}
                blank.update(name=name, values=[[]], notes=[])
                self.payload["sheets"].insert(index, blank)
                continue
            sheet = self.sheet(a["sheet_position"])
            if func == "sheetClear":
                sheet["values"] = [[]]
                self.fills = {k: v for k, v in self.fills.items() if k[0] != sheet["name"]}
            elif func in ("setValues", "setFormula"):
                self._write(sheet, a["start_row"], a["start_column"], a["values"], func == "setFormula")
            elif func == "setRangeColor":
                for r in range(a["start_row"], a["start_row"] + a["row_count"]):
                    for c in range(a["start_column"], a["start_column"] + a["column_count"]):
                        self.fills[(sheet["name"], r, c)] = a["args"][0]
            elif func == "addNote":
                sheet["notes"].append({"address": a["args"][0], "text": a["args"][1]})
            elif func in ("setColumnWidth", "setWrapText", "setColumnHidden"):
                self.layout.append((sheet["name"], func, a["start_row"], a["start_column"], a["args"]))
            elif func == "deleteNote":
                sheet["notes"] = [n for n in sheet["notes"] if n["address"] != a["args"][0]]
            else:
                raise AssertionError(f"unexpected action {func}")

    @staticmethod
    def _write(sheet: dict, row: int, col: int, values: list[list], formulas: bool) -> None:
        grid = sheet["values"] if sheet["values"] != [[]] else []
        for i, line in enumerate(values):
            while len(grid) <= row + i:
                grid.append([])
            target = grid[row + i]
            for j, value in enumerate(line):
                while len(target) <= col + j:
                    target.append("")
                target[col + j] = _hyperlink_text(value) if formulas else ("" if value is None else value)
        width = max(len(r) for r in grid)
        sheet["values"] = [r + [""] * (width - len(r)) for r in grid]

    def state(self) -> tuple:
        notes = {(s["name"], n["address"], n.get("text")) for s in self.payload["sheets"] for n in s["notes"]}
        fills = {k: v for k, v in self.fills.items() if v is not None}
        layout = {entry[:4]: entry[4] for entry in self.layout}
        return json.dumps([s["values"] for s in self.payload["sheets"]], ensure_ascii=False), fills, notes, layout


def _hyperlink_text(formula: str) -> str:
    """=HYPERLINK("#'自评表'!H15","自评表!H15") shows its second argument."""
    return formula.rsplit(",", 1)[1].strip('")') if formula.startswith("=HYPERLINK(") else formula


def run_script(module, name: str, payload: dict) -> list[dict]:
    """Call a script the way xlwings Server's custom-scripts endpoint does; the actions returned."""
    book = remote_book(payload)
    call = xw_server.custom_scripts_call(module, name, None, typehint_to_value={xw.Book: book})
    return asyncio.run(call).json()["actions"]


def call_function(module, name: str, *args) -> list[list]:
    """Call a worksheet function the way xlwings Server's custom-functions endpoint does (Office.js payload)."""
    data = {"func_name": name, "args": list(args), "caller_address": "[自评表.xlsx]自评表!M10",
            "content_language": "zh-CN", "version": xw.__version__, "runtime": "1.4"}
    return asyncio.run(xw_server.custom_functions_call(json.loads(json.dumps(data)), module, None))
