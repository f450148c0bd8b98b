"""Excel doors (xlwings): worksheet functions (udfs), actions on the open workbook (scripts) and the
desktop RunPython entry (desktop). Thin: every figure and finding comes from `perfxl.api`."""
