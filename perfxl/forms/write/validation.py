"""Data validation of the form's inputs: drop-down lists, number and date ranges, input prompts."""

from __future__ import annotations

from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from perfxl.forms.layout.geometry import Placement


def _dv(ws: Worksheet, sqref: str, **kwargs) -> DataValidation:
    dv = DataValidation(allow_blank=True, **kwargs)
    dv.add(sqref)
    ws.add_data_validation(dv)
    return dv


def _list_dv(ws: Worksheet, sqref: str, source: str, strict: bool, prompt: str | None, title: str) -> None:
    _dv(ws, sqref, type="list", formula1=source.lstrip("="), showErrorMessage=strict,
        errorTitle="请从列表中选择" if strict else None,
        error=f"“{title}”请从下拉列表中选择。" if strict else None,
        showInputMessage=bool(prompt), promptTitle=title[:32] if prompt else None, prompt=prompt)


def add_validations(ws: Worksheet, p: Placement) -> None:
    layout = p.layout
    _dv(ws, p.cells["year"], type="whole", operator="between", formula1="2000", formula2="2100",
        showErrorMessage=True, errorTitle="年度", error="请填写四位数字年份，如 2024。",
        showInputMessage=True, promptTitle="年度", prompt="填写四位数字年份，如 2024。")
    for f in layout.fields():
        if not f.path or not f.input or f.path == "year":
            continue
        ref = p.cells[f.path]
        if f.choices:
            _list_dv(ws, ref, f.choices, strict=False, prompt=None, title=f.label)
        elif f.fmt == "yyyy-mm-dd":
            _dv(ws, ref, type="date", operator="greaterThan", formula1="36526", showErrorMessage=True,
                errorTitle=f.label, error="请填写日期，如 2024-06-30。",
                showInputMessage=True, promptTitle=f.label, prompt="填写日期，如 2024-06-30。")
        elif f.number:
            _dv(ws, ref, type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                showErrorMessage=True, errorTitle=f.label, error="请填写数字（金额单位：万元）。")
    for t in p.tables.values():
        first = t.first_row
        for col in t.table.columns:
            if col.hidden or not col.input:
                continue
            sqref = t.data_range(col.key)
            if col.choices:
                source = p.formula(col.choices, first, t)
                _list_dv(ws, sqref, source, col.strict, col.prompt, col.label)
            elif col.key == "weight":
                _dv(ws, sqref, type="decimal", operator="between", formula1="0", formula2="100",
                    showErrorMessage=True, errorTitle=col.label, error="分值应为 0 到 100 之间的数字。",
                    showInputMessage=bool(col.prompt), prompt=col.prompt)
            elif col.fmt and col.number:  # amounts
                _dv(ws, sqref, type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                    showErrorMessage=True, errorTitle=col.label, error="请填写数字（金额单位：万元）。")
            elif col.prompt:
                _dv(ws, sqref, type="custom", formula1="TRUE", showErrorMessage=False,
                    showInputMessage=True, promptTitle=col.label[:32], prompt=col.prompt)
