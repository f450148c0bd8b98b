"""T108 文件格式不受支持: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

UnsupportedFormat = reader_rule("T108", __name__)
