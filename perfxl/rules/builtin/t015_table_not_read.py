"""T015 另有一张表未读取: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

TableNotRead = reader_rule("T015", __name__)
