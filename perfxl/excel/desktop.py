"""Desktop Excel on Windows with the classic xlwings add-in (the BSD-licensed part of xlwings).

Worksheet functions: in the add-in's settings (xlwings.conf or the xlwings.conf sheet) set
`UDF_MODULES` to `perfxl.excel.udfs` and click "Import Functions": =PERFXL_SCORE(...) and the others.
Macros: a VBA button calling `RunPython "import perfxl.excel.desktop as d; d.validate_active()"` (or
`score_active()`) runs the same scripts as the Office.js ribbon on the active workbook.
"""

import inspect

import xlwings as xw

from perfxl.excel import scripts


def validate_active() -> None:
    """校验 on the workbook that called RunPython."""
    inspect.unwrap(scripts.validate)(xw.Book.caller())  # unwrap: xlwings Server's decorator makes it async


def score_active() -> None:
    """评分 on the workbook that called RunPython."""
    inspect.unwrap(scripts.score)(xw.Book.caller())
