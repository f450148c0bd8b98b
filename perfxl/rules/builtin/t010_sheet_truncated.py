"""T010 工作表过大: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

SheetTruncated = reader_rule("T010", __name__)
