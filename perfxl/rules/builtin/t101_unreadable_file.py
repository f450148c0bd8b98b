"""T101 文件无法打开: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

UnreadableFile = reader_rule("T101", __name__)
