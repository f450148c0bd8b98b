"""T103 旧版 .xls 文件: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

LegacyXls = reader_rule("T103", __name__)
