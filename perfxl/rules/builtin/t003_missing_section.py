"""T003 表单缺少部分内容: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

MissingSection = reader_rule("T003", __name__)
