"""T004 表头被改动: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

HeaderChanged = reader_rule("T004", __name__)
