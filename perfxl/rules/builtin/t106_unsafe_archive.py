"""T106 文件结构不安全: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

UnsafeArchive = reader_rule("T106", __name__)
