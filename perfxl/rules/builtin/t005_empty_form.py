"""T005 空表: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

EmptyForm = reader_rule("T005", __name__)
