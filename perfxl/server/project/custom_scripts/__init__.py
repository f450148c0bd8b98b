"""perfxl's actions on the open workbook for xlwings Server (ribbon buttons and task pane)."""

from perfxl.excel.scripts import score, validate  # noqa: F401  (xlwings Server registers these)
