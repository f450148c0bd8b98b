"""T107 空文件: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

EmptyFile = reader_rule("T107", __name__)
