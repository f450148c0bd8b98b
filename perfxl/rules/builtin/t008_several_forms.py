"""T008 一个文件中有多张表单: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

SeveralForms = reader_rule("T008", __name__)
