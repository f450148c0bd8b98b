"""T011 含外部链接: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

ExternalLinksIgnored = reader_rule("T011", __name__)
