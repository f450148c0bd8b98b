"""T013 指标表缺少栏目: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

ColumnMissing = reader_rule("T013", __name__)
