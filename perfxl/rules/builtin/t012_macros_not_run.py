"""T012 启用宏的工作簿: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

MacrosNotRun = reader_rule("T012", __name__)
