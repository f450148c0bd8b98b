"""T006 公式没有计算结果: reported by the workbook reader, documented in perfxl/forms/read/problems.py."""

from perfxl.rules.builtin._reader import reader_rule

FormulaWithoutCachedValue = reader_rule("T006", __name__)
