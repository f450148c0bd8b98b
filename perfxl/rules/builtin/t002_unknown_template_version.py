"""T002 模板版本无法识别: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

UnknownTemplateVersion = reader_rule("T002", __name__)
