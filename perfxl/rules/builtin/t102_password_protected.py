"""T102 文件设有密码: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

PasswordProtected = reader_rule("T102", __name__)
