"""T105 临时锁定文件: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

OwnerFile = reader_rule("T105", __name__)
