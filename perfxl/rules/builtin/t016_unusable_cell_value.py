"""T016 错误值或不可能的数值: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

UnusableCellValue = reader_rule("T016", __name__)
