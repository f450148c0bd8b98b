"""T104 不是 Excel 工作簿: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

NotASpreadsheet = reader_rule("T104", __name__)
