"""T014 中期指标与年度指标不对应: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

MidtermIndicatorUnmatched = reader_rule("T014", __name__)
