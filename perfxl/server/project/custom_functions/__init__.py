"""perfxl's worksheet functions for xlwings Server (=PERFXL.SCORE … in the Office.js add-in)."""

from perfxl.excel.udfs import (  # noqa: F401  (xlwings Server registers what this module holds)
    PERFXL_BUDGET,
    PERFXL_CHECK,
    PERFXL_EXPLAIN,
    PERFXL_GRADE,
    PERFXL_PARSE,
    PERFXL_RULE,
    PERFXL_SCORE,
)
