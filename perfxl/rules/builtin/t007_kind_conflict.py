"""T007 表单种类与标题不一致: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

KindConflict = reader_rule("T007", __name__)
