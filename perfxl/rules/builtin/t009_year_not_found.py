"""T009 未写明年度: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

YearNotFound = reader_rule("T009", __name__)
