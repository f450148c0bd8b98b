"""T001 不是绩效表单: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

NotAPerformanceForm = reader_rule("T001", __name__)
